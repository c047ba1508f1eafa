"""The pages of one story: its front page, a section's pages, an event's page, and its exports.

Each is a plain function run in the thread pool (a story's first load parses its record, which
grows with the story; see :mod:`storyline.present.web.pages`), and reads the story through the
app's :class:`~storyline.present.web.story_data.StoryCache`. A bad page number or date in the
query is read leniently (page 1, no bound), as on the other pages.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from storyline.follow import web as follow_web
from storyline.present import export
from storyline.present.web import story, story_changes
from storyline.present.web.moved import moved_to
from storyline.present.web.pages import _page, render, render_text
from storyline.present.web.story_data import StoryData, load_story

router = APIRouter(include_in_schema=False)

_MEDIA = {"md": "text/markdown; charset=utf-8", "json": "application/json",
          "csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}


def story_data(request: Request, story_id: str) -> StoryData:
    """The story (cached), or a 404 page."""
    store = request.app.state.store
    found = load_story(store, story_id, request.app.state.story_cache)
    if found is None:
        moved_to(request, store, story_id)
        raise HTTPException(status_code=404, detail=f"There is no story {story_id!r} in this store.")
    return found


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    """The front page, rendered once per story version (and kept with it), unless something
    changed since the reader's last visit or the time in ``?since=`` (then marked and summarised
    at the top: :mod:`storyline.present.web.story_changes`). Sets the last-visit cookie."""
    data = story_data(request, story_id)
    read_only = not request.app.state.settings.token
    now = dt.datetime.now(dt.timezone.utc)
    since, chosen, cookie = story_changes.visit(request.query_params.get("since"),
                                                request.cookies.get(story_changes.COOKIE), now)
    changes = story_changes.what_changed(follow_web._engine(request), data.row["id"], since) if since else None
    if changes is not None and (changes["any"] or chosen):
        html = render_text(request, "story.html", story=story.front_page(data), changes=changes)
    else:
        html = data.memoized(("html", read_only),
                             lambda: render_text(request, "story.html", story=story.front_page(data)))
    response = HTMLResponse(html)
    response.set_cookie(story_changes.COOKIE, cookie, max_age=story_changes.COOKIE_AGE,
                        path=story.views.story_href(data.row["id"]), httponly=True, samesite="lax")
    return response


@router.get("/stories/{story_id}/s/{section}", response_class=HTMLResponse)
def section_page(request: Request, story_id: str, section: str) -> HTMLResponse:
    if section not in story.SECTION_TITLES:
        raise HTTPException(status_code=404, detail=f"A story has no section {section!r}.")
    data = story_data(request, story_id)
    event = request.query_params.get("event") or None
    if event is not None and event not in {e["id"] for e in data.row["event_list"]}:
        raise HTTPException(status_code=404, detail=f"This story has no event {event!r}.")
    window = (_day(request.query_params.get("from")), _day(request.query_params.get("to")))
    found = story.section_page(data, section, page=_page(request), event=event, window=window)
    found["window"] = [d.isoformat() if d else "" for d in window]
    head = {"id": data.row["id"], "title": data.row["title"], "href": story.views.story_href(data.row["id"])}
    return render(request, "section.html", story=head, section=found,
                  event=story.event_page(data, event)["event"] if event else None)


@router.get("/stories/{story_id}/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, story_id: str, event_id: str) -> HTMLResponse:
    found = story.event_page(story_data(request, story_id), event_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"This story has no event {event_id!r}.")
    return render(request, "event.html", page=found)


@router.get("/stories/{story_id}/export.{fmt}")
def story_export(request: Request, story_id: str, fmt: str) -> Response:
    """The story as Markdown, JSON or CSV (facts, quotes and timeline in one table)."""
    if fmt not in ("md", "json", "csv"):
        raise HTTPException(status_code=404, detail="Exports are .md, .json and .csv.")
    data = story_data(request, story_id)
    body = export.story_export(data.row, data.record, data.articles, fmt)
    name = export.file_name(data.row["id"], fmt)
    return Response(body, media_type=_MEDIA[fmt], headers={"content-disposition": f'attachment; filename="{name}"'})
