"""The JSON API (``/api``): everything the pages show, in pages of ``limit`` from ``offset``.

Lists answer ``{"total", "limit", "offset", "items"}``. ``POST /api/ingest`` changes the store and
needs the write token; every other endpoint only reads. Reading endpoints are ``async`` and
query the store inline (see :mod:`storyline.present.web.pages` for why), except one story and one
article, whose cost grows with the story or the article (a 200k-character article): those are
built in the thread pool, so that one heavy request never holds the event loop and every light
request behind it. Ingest runs in the thread pool.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from storyline.present.web import story, views
from storyline.present.web.entities import entity_page
from storyline.present.web.moved import moved_to
from storyline.present.web.story_data import StoryData, load_story
from storyline.present.web.ingest import Upload, ingest_uploads
from storyline.present.web.security import check_token, request_token
from storyline.store import Store, queries

router = APIRouter(prefix="/api", tags=["api"])

#: Strings from a request may not hold NUL (PostgreSQL refuses it in text).
NO_NUL = r"^[^\x00]*$"
Limit = Annotated[int, Query(ge=1, le=100, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
Section = Literal["events", "facts", "single_source", "contradictions", "entities", "quotes", "timeline", "coverage"]


async def store_of(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


StoreDep = Annotated[Store, Depends(store_of)]


async def story_filter(
    q: Annotated[str | None, Query(max_length=200, pattern=NO_NUL, description="Words in a title or article.")] = None,
    date_from: Annotated[dt.date | None, Query(alias="from", description="Stories still running on or after.")] = None,
    date_to: Annotated[dt.date | None, Query(alias="to", description="Stories begun on or before.")] = None,
    outlet: Annotated[str | None, Query(max_length=512, pattern=NO_NUL)] = None,
    entity: Annotated[str | None, Query(max_length=200, pattern=NO_NUL)] = None,
    language: Annotated[str | None, Query(max_length=16, pattern=r"^[A-Za-z-]*$")] = None,
    sort: Literal["recent", "size"] = "recent",
) -> queries.StoryFilter:
    """The list filters from a query string (empty values do not filter)."""
    return queries.StoryFilter(text=q or None, date_from=date_from.isoformat() if date_from else None,
                               date_to=date_to.isoformat() if date_to else None, outlet=outlet or None,
                               entity=entity or None, language=language or None, sort=sort)


@router.get("/stories", summary="Stories, filtered and sorted")
async def list_stories(request: Request, store: StoreDep,
                       where: Annotated[queries.StoryFilter, Depends(story_filter)],
                       limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    return views.story_list_view(store, where, limit=limit, offset=offset, snippets=request.app.state.snippets)


@router.get("/stories/{story_id}", summary="One story: summary, facts, entities, quotes, timeline, coverage")
async def get_story(request: Request, store: StoreDep, story_id: str) -> dict[str, Any]:
    data = await run_in_threadpool(_story, request, store, story_id)
    return await run_in_threadpool(story.story_view, data)


@router.get("/stories/{story_id}/{section}", summary="One section of a story, paginated")
async def get_story_section(request: Request, store: StoreDep, story_id: str, section: Section, limit: Limit = 50,
                            offset: Offset = 0) -> dict[str, Any]:
    data = await run_in_threadpool(_story, request, store, story_id)
    return section_items(data, section, limit=limit, offset=offset)


def section_items(data: StoryData, section: str, *, limit: int, offset: int) -> dict[str, Any]:
    """One page of a section in the API's page shape; only that page's items get citations."""
    page = {"limit": limit, "offset": offset}
    if section == "coverage":
        matrix = views.coverage_view(data.record, data.by_id, offset=offset, limit=limit)
        return {"total": matrix["total"], **page, "items": matrix["rows"], "facts": matrix["facts"]}
    cite = story.citer(data)
    if section == "facts":
        raw = data.record.get("facts", [])
        return {"total": len(raw), **page, "items": [views._fact(f, cite) for f in raw[offset : offset + limit]]}
    if section == "quotes":
        pairs = story.raw_items(data, "quotes")
        return {"total": len(pairs), **page, "items": [{**views.quote_item(q, cite), "speaker": s or None}
                                                      for s, q in pairs[offset : offset + limit]]}
    name = "reports" if section == "events" else section
    raw = story.raw_items(data, name)
    return {"total": len(raw), **page, "items": story.view_items(data, name, raw[offset : offset + limit], offset)}


def _story(request: Request, store: Store, story_id: str) -> StoryData:
    found = load_story(store, story_id, request.app.state.story_cache)
    if found is None:
        moved_to(request, store, story_id)
        raise HTTPException(status_code=404, detail=f"no story {story_id!r}")
    return found


@router.get("/articles", summary="Articles in order of arrival (metadata, no text)")
async def list_articles(store: StoreDep, limit: Limit = 20, offset: Offset = 0,
                  story: Annotated[str | None, Query(max_length=64, pattern=NO_NUL)] = None) -> dict[str, Any]:
    total, rows = queries.article_rows(store, limit=limit, offset=offset, story_id=story)
    for row in rows:
        row["href"] = views.article_href(row["id"])
    return {"total": total, "limit": limit, "offset": offset, "items": rows}


@router.get("/articles/{article_id:path}", summary="One article: text, annotations and its story")
async def get_article(store: StoreDep, article_id: str) -> dict[str, Any]:
    article = await run_in_threadpool(views.article_view, store, article_id)
    if article is None:
        raise HTTPException(status_code=404, detail=f"no article {article_id!r}")
    article.pop("blocks")
    return article


@router.get("/entities/{name:path}", summary="The stories that name an entity (name or spelling)")
async def get_entity(request: Request, store: StoreDep, name: str, limit: Limit = 20,
                     offset: Offset = 0) -> dict[str, Any]:
    """What the entity page shows, as the analysts corrected each story (merged and split
    entities): each story with the entity, its roles, quotes and dates there."""
    if not name.strip() or "\x00" in name or len(name) > 200:
        raise HTTPException(status_code=404, detail="no such entity")
    return await run_in_threadpool(entity_page, store, name, request.app.state.story_cache, limit=limit,
                                   offset=offset)


@router.get("/facets", summary="Outlets and languages in the store, for filters")
async def get_facets(store: StoreDep) -> dict[str, Any]:
    return queries.facet_values(store)


@router.get("/status", summary="Counts, and whether the server accepts changes")
async def get_status(request: Request, store: StoreDep) -> dict[str, Any]:
    total, _ = queries.list_stories(store, queries.StoryFilter(), limit=1)
    return {"stories": total, "articles": store.count_articles(),
            "read_only": not request.app.state.settings.token}


@router.post("/ingest", summary="Ingest uploaded files and/or pasted text (needs the write token)")
def post_ingest(
    request: Request, store: StoreDep,
    files: Annotated[list[UploadFile], File(description="Files in any input format.")] = [],  # noqa: B006
    text: Annotated[str | None, Form(description="Pasted article text.")] = None,
    title: Annotated[str | None, Form(max_length=1000)] = None,
    source: Annotated[str | None, Form(max_length=512)] = None,
    url: Annotated[str | None, Form(max_length=2000)] = None,
    published: Annotated[str | None, Form(max_length=64)] = None,
    language: Annotated[str | None, Form(max_length=16)] = None,
) -> dict[str, Any]:
    check_token(request.app.state.settings.token, request_token(request))
    uploads = [Upload(f.filename or "", f.file.read()) for f in files]
    pasted = {"text": text, "title": title, "source": source, "url": url, "published": published,
              "language": language}
    if not uploads and not (text or "").strip():
        raise HTTPException(status_code=422, detail="nothing to ingest: send files or text")
    return ingest_uploads(store, request.app.state.ingest_lock, uploads, pasted)
