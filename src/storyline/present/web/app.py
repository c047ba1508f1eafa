"""The web app: FastAPI serving server-rendered pages (Jinja2) and a JSON API over one store.

Build it with :func:`create_app`; ``storyline serve`` runs it with uvicorn. Everything the pages
need is served by the app (``/static``): nothing comes from a CDN, and the interactive API docs
(which load from one) are off; the OpenAPI document is at ``/api/openapi.json``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline import __version__
from storyline.follow import web as follow_web
from storyline.present.web import (api, correction_api, correction_forms, correction_pages, pages, story_changes,
                                   story_pages)
from storyline.present.web.listing import PageCache, SnippetCache
from storyline.present.web.security import BodyLimit, SecurityHeaders, load_token
from storyline.present.web.story_data import StoryCache
from storyline.store import Store

_HERE = Path(__file__).parent
#: Default largest request body (uploads included): 10 MiB.
DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class WebSettings:
    """How the app runs.

    Attributes:
        db: store URL or SQLite path (as ``--db``).
        token: the write token; None makes the app read-only.
        max_upload_bytes: largest request body accepted (413 beyond).
        page_size: stories per page of the list.
    """

    db: str | None = None
    token: str | None = field(default=None, repr=False)
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    page_size: int = 20

    @classmethod
    def from_env(cls, db: str | None = None, **options: Any) -> WebSettings:
        """Settings with the token from ``STORYLINE_API_TOKEN`` / ``STORYLINE_API_TOKEN_FILE``.

        Raises:
            ConfigError: the token file is named but unreadable or empty.
        """
        return cls(db=db, token=load_token(), **options)


def templates() -> Environment:
    """The Jinja2 environment of the pages; autoescaping is on for every template."""
    env = Environment(loader=FileSystemLoader(_HERE / "templates"),
                      autoescape=select_autoescape(enabled_extensions=("html", "svg"), default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["version"] = __version__
    env.globals["is_new"] = story_changes.is_new  # marks what changed since the reader's last visit
    env.globals["clash_is_new"] = story_changes.clash_is_new
    env.globals["describe_correction"] = correction_forms.describe
    return env


def create_app(settings: WebSettings | None = None, *, store: Store | None = None) -> FastAPI:
    """The app over ``store`` (else the store at ``settings.db``).

    Raises:
        StoreError: the store cannot be opened.
    """
    settings = settings or WebSettings()
    app = FastAPI(title="storyline", version=__version__, description="Stories, articles and entities of a "
                  "storyline store. Changing data needs the write token (Authorization: Bearer …).",
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.store = store or Store(settings.db)
    app.state.templates = templates()
    app.state.ingest_lock = threading.Lock()
    app.state.correction_lock = threading.Lock()  # one background reconciliation after a correction at a time
    app.state.correction_jobs = []  # those threads (tests wait for them)
    app.state.facets = None  # (data version, outlets and languages): see pages._facets
    app.state.story_cache = StoryCache()  # parsed stories, while unchanged: see story_data
    app.state.snippets = SnippetCache()  # the list's summary snippets: see listing
    app.state.list_pages = PageCache()  # rendered list pages of the current data version: see pages
    app.mount("/static", StaticFiles(directory=_HERE / "static"), name="static")
    app.include_router(follow_web.router)  # before api: /api/stories/{id}/changes is not a section
    app.include_router(correction_api.router)  # before api too: corrections are not a section
    app.include_router(api.router)
    app.include_router(story_pages.router)
    app.include_router(correction_pages.router)
    app.include_router(pages.router)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    # Outermost last: headers go on every response, 413s included.
    app.add_middleware(BodyLimit, max_bytes=settings.max_upload_bytes)
    app.add_middleware(SecurityHeaders)
    return app


async def _http_error(request: Request, exc: Exception) -> Response:
    """Errors as JSON under /api, as a page elsewhere."""
    assert isinstance(exc, StarletteHTTPException)
    headers = getattr(exc, "headers", None)
    if 300 <= exc.status_code < 400 and headers and "Location" in headers:  # a story that moved
        return Response(status_code=exc.status_code, headers=headers)
    if request.url.path.startswith("/api") or request.url.path.startswith("/static"):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)
    return pages.error_page(request, exc.status_code, str(exc.detail))
