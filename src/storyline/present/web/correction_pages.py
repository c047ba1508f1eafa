"""Corrections from the browser: a form per correction, recorded with the write token.

``GET /stories/{id}/correct?kind=…&target=…`` shows what is being corrected (the story's title, a
fact's or a quote's text) and a form; posting it (``POST /stories/{id}/corrections``) records the
correction under the analyst's name, and ``POST /stories/{id}/corrections/{n}/undo`` records its
undoing. Both need the write token in the form, as ingest does; without it they answer 403 and
change nothing. After a change the browser is sent back to the story (303), which shows the
correction applied and listed.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from storyline.present import corrections
from storyline.present.web import views
from storyline.present.web.pages import render
from storyline.present.web.security import check_token
from storyline.present.web.story_pages import story_data

router = APIRouter(include_in_schema=False)

_TITLES = {"rename": "Rename this story", "reject_fact": "This is not a fact of the story",
           "reject_quote": "This is not a quotation"}


def _subject(request: Request, story_id: str, kind: str, target: str | None) -> dict[str, Any]:
    """What a correction form shows: the story and the item it is about."""
    if kind not in corrections.KINDS:
        raise HTTPException(status_code=404, detail=f"There is no correction {kind!r}.")
    data = story_data(request, story_id)
    text = data.row["title"]
    if kind != "rename":
        section = ("facts", "single_source") if kind == "reject_fact" else ("quotes",)
        found = next((item for name in section for item in data.record.get(name, []) if item.get("id") == target), None)
        if found is None:
            raise HTTPException(status_code=404, detail=f"This story has no {kind.removeprefix('reject_')} {target!r}.")
        text = found["text"]
    return {"story": {"id": data.row["id"], "title": data.row["title"], "href": views.story_href(data.row["id"])},
            "kind": kind, "target": target, "text": text, "heading": _TITLES[kind]}


@router.get("/stories/{story_id}/correct", response_class=HTMLResponse)
def correction_form(request: Request, story_id: str, kind: str = "rename", target: str | None = None) -> HTMLResponse:
    return render(request, "correct.html", subject=_subject(request, story_id, kind, target), error=None)


@router.post("/stories/{story_id}/corrections", response_model=None)
def correction_submit(
    request: Request, story_id: str,
    kind: Annotated[str, Form(max_length=32)], token: Annotated[str, Form()] = "",
    target: Annotated[str, Form(max_length=128)] = "", value: Annotated[str, Form(max_length=1000)] = "",
    author: Annotated[str, Form(max_length=128)] = "", note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    subject = _subject(request, story_id, kind, target or None)
    try:
        check_token(request.app.state.settings.token, token)
        corrections.add(request.app.state.store, story_id, kind, author=author, target=target or None,
                        value=value if kind == "rename" else subject["text"], note=note)
    except HTTPException as exc:
        return render(request, "correct.html", status_code=exc.status_code, subject=subject, error=str(exc.detail))
    except corrections.CorrectionError as exc:
        return render(request, "correct.html", status_code=422, subject=subject, error=str(exc))
    return RedirectResponse(views.story_href(story_id) + "#corrections", status_code=303)


@router.post("/stories/{story_id}/corrections/{correction_id}/undo", response_model=None)
def correction_undo(request: Request, story_id: str, correction_id: int, token: Annotated[str, Form()] = "",
                    author: Annotated[str, Form(max_length=128)] = "") -> Response:
    try:
        check_token(request.app.state.settings.token, token)
        corrections.undo(request.app.state.store, story_id, correction_id, author=author)
    except corrections.CorrectionError as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from None
    return RedirectResponse(views.story_href(story_id) + "#corrections", status_code=303)
