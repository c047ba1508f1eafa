"""A news site the tests run on 127.0.0.1 (http.server in a thread): feeds that change between
cycles, article pages, robots.txt, slow and failing answers; and a webhook receiver."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace
from typing import Any
from xml.sax.saxutils import escape

import pytest

TOPICS = {
    "bridge": ("Portwick council votes for new bridge",
               "The harbour council of Portwick voted on {day} to build a new bridge across the river Tam. "
               "Mayor Alice Brown said the bridge would cost 40 million pounds and open in 2027. "
               "\"We have waited long enough for this crossing,\" Brown said after the vote. "
               "Opposition councillor Tom Green said the cost was far too high for a town of this size. "
               "Engineers from the regional transport office will survey the riverbanks next month."),
    "fish": ("Nordhaven fishermen protest cod quotas",
             "Fishermen in Nordhaven protested on {day} outside the port authority against new cod quotas. "
             "Union leader John Smith said the quotas would cut catches by a third this season. "
             "\"This will ruin every family on this coast,\" Smith told reporters at the harbour. "
             "The port authority said the quotas follow scientific advice on falling cod stocks. "
             "Boats stayed in the harbour for the whole day and the fish market was closed."),
}


def article_html(topic: str, number: int, day: str = "Monday", extra: str = "") -> str:
    title, body = TOPICS[topic]
    text = body.format(day=day) + f" Reporter desk {number} filed this report. {extra}"
    paragraphs = "".join(f"<p>{escape(s.strip())}.</p>" for s in text.split(". ") if s.strip())
    return (f"<html><head><title>{escape(title)}</title><meta name='date' content='2021-03-1{number % 9}'></head>"
            f"<body><nav><a href='/'>Home</a></nav><article><h1>{escape(title)}</h1>{paragraphs}</article>"
            f"<footer>Copyright Example News</footer></body></html>")


@dataclass
class Item:
    guid: str
    link: str
    title: str
    summary: str = ""
    published: dt.datetime = field(default_factory=lambda: dt.datetime(2021, 3, 10, 9, tzinfo=dt.timezone.utc))


def rss(items: list[Item], title: str = "Example News") -> str:
    entries = "".join(
        f"<item><guid isPermaLink='false'>{escape(i.guid)}</guid><link>{escape(i.link)}</link>"
        f"<title>{escape(i.title)}</title><description>{escape(i.summary)}</description>"
        f"<pubDate>{format_datetime(i.published)}</pubDate></item>" for i in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{escape(title)}</title>"
            f"<link>http://example.org/</link>{entries}</channel></rss>")


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    delay: float = 0.0
    location: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


class Site:
    """Routes the tests change between cycles; every request is logged."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        self.base = ""

    def set(self, path: str, body: str | bytes = b"", **options: Any) -> None:
        self.routes[path] = Route(body.encode("utf-8") if isinstance(body, str) else body, **options)

    def feed(self, path: str, items: list[Item], etag: str | None = None) -> None:
        self.set(path, rss(items), content_type="application/rss+xml", etag=etag)

    def count(self, path: str) -> int:
        with self.lock:
            return sum(1 for p, _ in self.hits if p == path)

    def url(self, path: str) -> str:
        return self.base + path


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            with site.lock:
                site.hits.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = site.routes.get(self.path)
            if route is None:
                self._answer(404, b"not here", "text/plain")
                return
            if route.delay:
                time.sleep(route.delay)
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self._answer(304, b"", None, {"ETag": route.etag})
                return
            headers = {**route.headers, **({"ETag": route.etag} if route.etag else {})}
            if route.location:
                headers["Location"] = route.location
            self._answer(route.status, route.body, route.content_type, headers)

        def _answer(self, status: int, body: bytes, kind: str | None, headers: dict[str, str] | None = None) -> None:
            try:
                self.send_response(status)
                if kind:
                    self.send_header("Content-Type", kind)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


class Receiver:
    """A webhook receiver: every POSTed JSON body, with its headers."""

    def __init__(self) -> None:
        self.posts: list[tuple[dict[str, Any], dict[str, str]]] = []
        self.fail = False
        self.url = ""


def _receiver_handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            status = 500 if receiver.fail else 204
            if not receiver.fail:
                receiver.posts.append((json.loads(body), {k.lower(): v for k, v in self.headers.items()}))
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


def _serve(handler: type[BaseHTTPRequestHandler]) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.block_on_close = False
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _site() -> Iterator[Site]:
    news = Site()
    server, news.base = _serve(_handler(news))
    yield news
    server.shutdown()
    server.server_close()


def _receiver() -> Iterator[Receiver]:
    hook = Receiver()
    server, base = _serve(_receiver_handler(hook))
    hook.url = base + "/hook"
    yield hook
    server.shutdown()
    server.server_close()


site = pytest.fixture(_site, name="site")
receiver = pytest.fixture(_receiver, name="receiver")
#: One site and one receiver for a whole test module (tests that share a baseline).
module_site = pytest.fixture(_site, scope="module", name="module_site")
module_receiver = pytest.fixture(_receiver, scope="module", name="module_receiver")


@pytest.fixture(scope="module")
def pages() -> SimpleNamespace:
    """The page and feed builders (test modules cannot import conftest under importlib mode)."""
    return SimpleNamespace(Item=Item, article_html=article_html, rss=rss, TOPICS=TOPICS)
