"""Corrections from the browser: a form per correction, recorded with the write token.

``GET /stories/{id}/correct?kind=…&target=…`` shows what is being corrected (the story's title, a
fact's or a quote's text, an entity with its spellings and mentions, a report, the story's
reports for a split) and a form (:mod:`storyline.present.web.correction_forms`); posting it
(``POST /stories/{id}/corrections``) records the correction under the analyst's name, and
``POST /stories/{id}/corrections/{n}/undo`` records its undoing. Both need the write token in the
form, as ingest does; without it they answer 403 and change nothing. A move or split of reports
(or its undoing) is applied to the store at once (:func:`correction_forms.regroup_now`: the
stories it changes are reconciled again in the background), so the browser, sent back to the
story (303), sees it applied and listed; a split sends it to the new story.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from storyline import corrections
from storyline.corrections import REGROUP_KINDS
from storyline.present.web import views
from storyline.present.web.correction_forms import read_answer, regroup_now, subject
from storyline.present.web.pages import render
from storyline.present.web.security import check_token
from storyline.present.web.story_pages import story_data

router = APIRouter(include_in_schema=False)


@router.get("/stories/{story_id}/correct", response_class=HTMLResponse)
def correction_form(request: Request, story_id: str, kind: str = "rename", target: str | None = None) -> HTMLResponse:
    found = subject(request.app.state.store, story_data(request, story_id), kind, target)
    return render(request, "correct.html", subject=found, error=None)


@router.post("/stories/{story_id}/corrections", response_model=None)
def correction_submit(
    request: Request, story_id: str,
    kind: Annotated[str, Form(max_length=32)], token: Annotated[str, Form()] = "",
    target: Annotated[str, Form(max_length=256)] = "", value: Annotated[str, Form(max_length=2000)] = "",
    event: Annotated[str, Form(max_length=64)] = "", reports: Annotated[list[str], Form()] = [],  # noqa: B006
    author: Annotated[str, Form(max_length=128)] = "", note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    store = request.app.state.store
    data = story_data(request, story_id)
    found = subject(store, data, kind, target or None)
    try:
        check_token(request.app.state.settings.token, token)
        record_target, record_value = read_answer(store, data, kind, found["target"] or "", value, event, reports,
                                                  found["text"])
        new = corrections.add(store, story_id, kind, author=author, target=record_target, value=record_value, note=note)
    except HTTPException as exc:
        return render(request, "correct.html", status_code=exc.status_code, subject=found, error=str(exc.detail))
    except corrections.CorrectionError as exc:
        return render(request, "correct.html", status_code=422, subject=found, error=str(exc))
    if kind in REGROUP_KINDS:
        regroup_now(request.app.state, store)
    if kind == "split_story":
        made = next((c for c in corrections.for_story(store, story_id) if c.id == new), None)
        if made is not None and made.target:
            return RedirectResponse(views.story_href(made.target) + "#corrections", status_code=303)
    return RedirectResponse(views.story_href(story_id) + "#corrections", status_code=303)


@router.post("/stories/{story_id}/corrections/{correction_id}/undo", response_model=None)
def correction_undo(request: Request, story_id: str, correction_id: int, token: Annotated[str, Form()] = "",
                    author: Annotated[str, Form(max_length=128)] = "") -> Response:
    store = request.app.state.store
    check_token(request.app.state.settings.token, token)
    undone = next((c for c in corrections.for_story(store, story_id) if c.id == correction_id), None)
    try:
        corrections.undo(store, story_id, correction_id, author=author)
    except corrections.CorrectionError as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from None
    if undone is not None and undone.kind in REGROUP_KINDS:
        regroup_now(request.app.state, store)
        if undone.kind == "split_story" and story_id == undone.target:
            story_id = undone.story_id  # the split-off story is gone: back to the story it came from
    return RedirectResponse(views.story_href(story_id) + "#corrections", status_code=303)
