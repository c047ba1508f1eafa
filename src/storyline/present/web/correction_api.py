"""Corrections through the JSON API: list, record and undo, as the story page's forms do.

- ``GET /api/stories/{id}/corrections``: the story's corrections (a move or split also under the
  other story it joins), oldest first, each with who made it and who undid it.
- ``POST /api/stories/{id}/corrections`` (write token, ``Authorization: Bearer …``): a JSON body
  ``{"kind", "target", "value", "event", "reports", "author", "note"}`` read as the form's fields
  are (:mod:`storyline.present.web.correction_forms`: a destination by id or address, a split's
  reports); answers 201 with the record. A move or split is applied to the store at once, the
  stories it changed reconciled again in the background.
- ``POST /api/stories/{id}/corrections/{n}/undo`` (write token): records the undoing.

Errors: 403 without the token (nothing changes), 404 for what the story does not have, 422 for a
correction that cannot be recorded. Mounted before the API's ``/stories/{id}/{section}``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field

from storyline import corrections
from storyline.corrections import REGROUP_KINDS
from storyline.present.web.correction_forms import read_answer, regroup_now, subject
from storyline.present.web.security import check_token, request_token
from storyline.present.web.story_pages import story_data

router = APIRouter(prefix="/api", tags=["corrections"])
StoryId = Annotated[str, Path(max_length=64, pattern=r"^[^\x00]*$")]
_TEXT = r"^[^\x00]*$"


class CorrectionIn(BaseModel):
    """A correction as posted (see the module docstring for what each kind needs)."""

    kind: str = Field(max_length=32, pattern=_TEXT)
    target: str = Field("", max_length=256, pattern=_TEXT)
    value: str = Field("", max_length=2000, pattern=_TEXT)
    event: str = Field("", max_length=64, pattern=_TEXT)
    reports: list[Annotated[str, Field(max_length=128, pattern=_TEXT)]] = Field(default_factory=list, max_length=2000)
    author: str = Field("", max_length=128, pattern=_TEXT)
    note: str = Field("", max_length=2000, pattern=_TEXT)


@router.get("/stories/{story_id}/corrections", summary="A story's corrections, oldest first")
def list_corrections(request: Request, story_id: StoryId) -> dict[str, Any]:
    story_data(request, story_id)  # 404 for an unknown story
    items = [c.to_json() for c in corrections.for_story(request.app.state.store, story_id)]
    return {"total": len(items), "items": items}


@router.post("/stories/{story_id}/corrections", status_code=201, summary="Record a correction (needs the write token)")
def post_correction(request: Request, story_id: StoryId, body: CorrectionIn) -> dict[str, Any]:
    check_token(request.app.state.settings.token, request_token(request))
    store = request.app.state.store
    data = story_data(request, story_id)
    found = subject(store, data, body.kind, body.target or None)
    try:
        target, value = read_answer(store, data, body.kind, found["target"] or "", body.value, body.event,
                                    body.reports, found["text"])
        new = corrections.add(store, story_id, body.kind, author=body.author, target=target, value=value,
                              note=body.note)
    except corrections.CorrectionError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None
    if body.kind in REGROUP_KINDS:
        regroup_now(request.app.state, store)
    return next(c.to_json() for c in corrections.for_story(store, story_id) if c.id == new)


@router.post("/stories/{story_id}/corrections/{correction_id}/undo",
             summary="Undo a correction (needs the write token)")
def undo_correction(request: Request, story_id: StoryId, correction_id: int,
                    author: Annotated[str, Query(max_length=128, pattern=_TEXT)] = "") -> dict[str, Any]:
    check_token(request.app.state.settings.token, request_token(request))
    store = request.app.state.store
    undone = next((c for c in corrections.for_story(store, story_id) if c.id == correction_id), None)
    try:
        undo_id = corrections.undo(store, story_id, correction_id, author=author)
    except corrections.CorrectionError as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from None
    if undone is not None and undone.kind in REGROUP_KINDS:
        regroup_now(request.app.state, store)
    return {"undone": correction_id, "id": undo_id}
