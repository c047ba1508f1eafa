"""The HTML pages: story list, story, article, entity, ingest. Server-rendered with Jinja2.

Query values from forms are read leniently (an empty or malformed date filters nothing and says
so), unlike the API, which validates strictly.

The story list is ``async`` and queries the store inline on the event loop: it is a few short,
bounded queries, and running them in the thread pool instead made 16 concurrent clients fight
over the GIL (the loop thread waiting behind worker threads: p99 3x higher in
bench/bench_web.py). The story pages (:mod:`storyline.present.web.story_pages`), the entity page
(it reads the records of the stories it lists) and the article page are plain functions, run in
the thread pool:
their cost grows with the story or the article (a 200k-character article page held the loop
2.3 s, and every other request with it; issue 22). The ingest form stays synchronous, in the
thread pool, since it runs the whole pipeline.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse

from storyline.present.web import views
from storyline.present.web.entities import entity_page
from storyline.present.web.ingest import Upload, ingest_uploads
from storyline.present.web.security import check_token
from storyline.store import Store, queries

router = APIRouter(include_in_schema=False)

_CITE = re.compile(r"^(\d{1,9})-(\d{1,9})$")
_MAX_PAGE = 100_000
_FILTER_KEYS = ("q", "from", "to", "outlet", "entity", "language", "sort")


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page from its template; every value is escaped by the template environment."""
    return HTMLResponse(render_text(request, name, **context), status_code=status_code)


def render_text(request: Request, name: str, **context: Any) -> str:
    """The HTML of a page from its template (see :func:`render`)."""
    template = request.app.state.templates.get_template(name)
    settings = request.app.state.settings
    return str(template.render(request_path=request.url.path, is_read_only=not settings.token, **context))


def error_page(request: Request, status_code: int, detail: str) -> HTMLResponse:
    return render(request, "error.html", status_code=status_code, status=status_code, detail=detail)


def _store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def _facets(request: Request) -> dict[str, list[str]]:
    """Outlets and languages for the filter suggestions, recomputed only after a new run."""
    version = queries.data_version(_store(request))
    cached = request.app.state.facets
    if cached is None or cached[0] != version:
        cached = request.app.state.facets = (version, queries.facet_values(_store(request)))
    return cached[1]  # type: ignore[no-any-return]


def _text(request: Request, key: str, limit: int = 200) -> str | None:
    value = request.query_params.get(key, "").replace("\x00", "").strip()
    return value[:limit] or None


def _date(value: str | None, problems: list[str], label: str) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        problems.append(f"“{value}” is not a date (YYYY-MM-DD); the {label} date is ignored")
        return None


def _page(request: Request) -> int:
    value = request.query_params.get("page", "1")
    return min(_MAX_PAGE, int(value)) if value.isdigit() and int(value) >= 1 else 1


@router.get("/", response_class=HTMLResponse)
async def story_list(request: Request) -> HTMLResponse:
    """The list; a page already rendered since the last run is served again as it was (pages of
    the list are the same for every reader until a run changes the store)."""
    key = (queries.data_version(_store(request)), tuple(sorted(request.query_params.multi_items())))
    html = request.app.state.list_pages.get(key)
    if html is None:
        html = _story_list_html(request)
        request.app.state.list_pages.put(key, html)
    return HTMLResponse(html)


def _story_list_html(request: Request) -> str:
    problems: list[str] = []
    sort = "size" if request.query_params.get("sort") == "size" else "recent"
    language = _text(request, "language", 16)
    where = queries.StoryFilter(
        text=_text(request, "q"), date_from=_date(_text(request, "from", 32), problems, "from"),
        date_to=_date(_text(request, "to", 32), problems, "to"), outlet=_text(request, "outlet", 512),
        entity=_text(request, "entity"), language=language.lower() if language else None, sort=sort)
    size = request.app.state.settings.page_size
    page = _page(request)
    listing = views.story_list_view(_store(request), where, limit=size, offset=(page - 1) * size,
                                     snippets=request.app.state.snippets)
    pages = max(1, math.ceil(listing["total"] / size))
    kept = {k: request.query_params[k] for k in _FILTER_KEYS if request.query_params.get(k)}
    links = {"prev": f"/?{urlencode({**kept, 'page': page - 1})}" if page > 1 else None,
             "next": f"/?{urlencode({**kept, 'page': page + 1})}" if page < pages else None}
    return render_text(request, "stories.html", listing=listing, where=where, page=page, pages=pages, links=links,
                       problems=problems, facets=_facets(request),
                       is_filtered=any(kept.get(k) for k in _FILTER_KEYS if k != "sort"))


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    found = _CITE.match(request.query_params.get("cite", ""))
    cite = (int(found.group(1)), int(found.group(2))) if found else None
    article = views.article_view(_store(request), article_id, cite)
    if article is None:
        raise HTTPException(status_code=404, detail=f"There is no article {article_id!r} in this store.")
    return render(request, "article.html", article=article)


@router.get("/entities/{name:path}", response_class=HTMLResponse)
def entity_view_page(request: Request, name: str) -> HTMLResponse:
    name = name.replace("\x00", "").strip()[:200]
    if not name:
        raise HTTPException(status_code=404, detail="No entity named.")
    size = request.app.state.settings.page_size
    page = _page(request)
    found = entity_page(_store(request), name, request.app.state.story_cache, limit=size, offset=(page - 1) * size)
    pages = max(1, math.ceil(found["total"] / size))
    base = views.entity_href(name)
    links = {"prev": f"{base}?page={page - 1}" if page > 1 else None,
             "next": f"{base}?page={page + 1}" if page < pages else None}
    return render(request, "entity.html", entity=found, page=page, pages=pages, links=links)


@router.get("/ingest", response_class=HTMLResponse)
async def ingest_form(request: Request) -> HTMLResponse:
    return render(request, "ingest.html", result=None, error=None)


@router.post("/ingest", response_class=HTMLResponse)
def ingest_submit(
    request: Request,
    token: Annotated[str, Form()] = "",
    files: Annotated[list[UploadFile], File()] = [],  # noqa: B006
    text: Annotated[str, Form()] = "", title: Annotated[str, Form(max_length=1000)] = "",
    source: Annotated[str, Form(max_length=512)] = "", url: Annotated[str, Form(max_length=2000)] = "",
    published: Annotated[str, Form(max_length=64)] = "", language: Annotated[str, Form(max_length=16)] = "",
) -> HTMLResponse:
    try:
        check_token(request.app.state.settings.token, token)
    except HTTPException as exc:
        return render(request, "ingest.html", status_code=exc.status_code, result=None, error=str(exc.detail))
    uploads = [Upload(f.filename or "", f.file.read()) for f in files if f.filename]
    if not uploads and not text.strip():
        return render(request, "ingest.html", status_code=422, result=None,
                      error="Nothing to ingest: choose files or paste an article's text.")
    pasted = {"text": text, "title": title, "source": source, "url": url, "published": published,
              "language": language}
    result = ingest_uploads(_store(request), request.app.state.ingest_lock, uploads, pasted)
    for article in result["articles"]:
        article["href"] = views.article_href(article["id"])
    for story in result["stories"]:
        story["href"] = views.story_href(story["id"])
    return render(request, "ingest.html", result=result, error=None)
