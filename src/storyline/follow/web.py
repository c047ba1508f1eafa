"""Web routes of what changed and of watchlist alerts (mounted by the web app before ``/api``).

- ``GET /api/changes``: every story's recorded changes, newest first (``since``: after a time).
- ``GET /api/stories/{id}/changes``: one story's changes ("since your last visit": ``since``).
- ``GET /api/watchlists/{name}/alerts``: a watchlist's alerts, newest first.
- ``GET /stories/{id}/changes.atom`` and ``GET /watchlists/{name}/alerts.atom``: Atom feeds;
  ``GET /changes.atom?entity=&word=&outlet=&language=`` (each repeatable): the changes matching
  a search, as a watchlist would match them.

Lists answer ``{"total", "limit", "offset", "items"}`` like the rest of the API. Everything here
only reads; the follow tables are created on first use when the store has never been watched.
Cost: one indexed query per request (plus a count), in the thread pool.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from sqlalchemy import Engine, func, select
from starlette.concurrency import run_in_threadpool

from storyline.follow.atom import alerts_feed, search_feed, story_feed
from storyline.follow.changes import story_changes
from storyline.follow.config import Watchlist
from storyline.follow.tables import ensure_tables, follow_alerts

router = APIRouter(tags=["changes"])
ATOM_TYPE = "application/atom+xml; charset=utf-8"
Limit = Annotated[int, Query(ge=1, le=100, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
Since = Annotated[dt.datetime | None, Query(description="Only changes recorded after this time (ISO 8601).")]
#: Strings from a request may not hold NUL (PostgreSQL refuses it in text).
StoryId = Annotated[str, Path(max_length=64, pattern=r"^[^\x00]*$")]
Name = Annotated[str, Path(max_length=256, pattern=r"^[^\x00]*$")]


def _engine(request: Request) -> Engine:
    engine: Engine = request.app.state.store.engine
    if not getattr(request.app.state, "follow_tables", False):
        ensure_tables(engine)
        request.app.state.follow_tables = True
    return engine


def _link_base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _utc(when: dt.datetime | None) -> dt.datetime | None:
    if when is None:
        return None
    try:
        return when.replace(tzinfo=dt.timezone.utc) if when.tzinfo is None else when.astimezone(dt.timezone.utc)
    except (OverflowError, ValueError):  # year 1 with an offset east of UTC: before any change anyway
        return None


@router.get("/api/changes", summary="What each cycle added to every story, newest first")
async def all_changes(request: Request, since: Since = None, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    total, items = await run_in_threadpool(story_changes, _engine(request), None, since=_utc(since), limit=limit,
                                           offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/api/stories/{story_id}/changes", summary="What each cycle added to one story, newest first")
async def one_story_changes(request: Request, story_id: StoryId, since: Since = None, limit: Limit = 20,
                            offset: Offset = 0) -> dict[str, Any]:
    total, items = await run_in_threadpool(story_changes, _engine(request), story_id, since=_utc(since),
                                           limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/api/watchlists/{name}/alerts", summary="A watchlist's alerts, newest first")
async def watchlist_alerts(request: Request, name: Name, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    return await run_in_threadpool(_alerts, _engine(request), name, limit, offset)


def _alerts(engine: Engine, name: str, limit: int, offset: int) -> dict[str, Any]:
    table = follow_alerts
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(table).where(table.c.watchlist == name)).scalar_one()
        rows = conn.execute(select(table.c.data, table.c.sent).where(table.c.watchlist == name)
                            .order_by(table.c.id.desc()).limit(limit).offset(offset)).all()
    items = [{**json.loads(r.data), "sent": r.sent.isoformat() if r.sent else None} for r in rows]
    return {"total": int(total), "limit": limit, "offset": offset, "items": items}


@router.get("/stories/{story_id}/changes.atom", include_in_schema=False)
async def story_atom(request: Request, story_id: str) -> Response:
    body = await run_in_threadpool(story_feed, _engine(request), story_id, _link_base(request))
    return Response(body, media_type=ATOM_TYPE)


@router.get("/watchlists/{name}/alerts.atom", include_in_schema=False)
async def alerts_atom(request: Request, name: str) -> Response:
    body = await run_in_threadpool(alerts_feed, _engine(request), name, _link_base(request))
    return Response(body, media_type=ATOM_TYPE)


#: Search terms are matched in Python, never sent to the database; at most 10 of each, 200 characters.
Terms = Annotated[list[str], Query()]


@router.get("/changes.atom", include_in_schema=False)
async def search_atom(request: Request, entity: Terms = [], word: Terms = [], outlet: Terms = [],  # noqa: B006
                      language: Terms = []) -> Response:  # noqa: B006
    def cut(values: list[str]) -> tuple[str, ...]:
        return tuple(v[:200] for v in values[:10])

    watch = Watchlist("search", entities=cut(entity), words=cut(word), outlets=cut(outlet), languages=cut(language))
    body = await run_in_threadpool(search_feed, _engine(request), watch, _link_base(request))
    return Response(body, media_type=ATOM_TYPE)
