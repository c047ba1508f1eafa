"""What changed, in the JSON API and as Atom feeds, over a store a watcher filled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from storyline.config import IngestConfig
from storyline.follow.config import FetchLimits, Source, WatchConfig, Watchlist
from storyline.follow.feeds import parse_feed
from storyline.follow.watcher import Watcher
from storyline.present.web import WebSettings, create_app
from storyline.store import Store


def _publish(site: Any, pages: Any, numbers: list[int], etag: str) -> None:
    for n in numbers:
        site.set(f"/a/{n}.html", pages.article_html("bridge" if n % 2 else "fish", n))
    site.feed("/rss", [pages.Item(f"i{n}", site.url(f"/a/{n}.html"), f"R{n}") for n in numbers], etag=etag)


def test_changes_and_alerts_in_the_api_and_as_atom(site: Any, pages: Any, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    config = WatchConfig(sources=(Source("feed", site.url("/rss"), 0.001),), limits=FetchLimits(timeout=10, per_host_delay=0),
                         watchlists=(Watchlist("fish", words=("cod",)),))
    watcher = Watcher(Store(db), config, IngestConfig(languages=("en",)))
    _publish(site, pages, [0, 1], '"v1"')
    watcher.once()
    between = dt.datetime.now(dt.timezone.utc)
    _publish(site, pages, [0, 1, 2], '"v2"')
    watcher.once()
    client = TestClient(create_app(WebSettings(db=db)))

    everything = client.get("/api/changes").json()
    assert everything["total"] == 3  # two new stories, then one update
    fish = next(c["story"] for c in everything["items"] if c["title"].startswith("Nordhaven"))
    story = client.get(f"/api/stories/{fish}/changes").json()
    assert [c["new_story"] for c in story["items"]] == [False, True]
    assert story["items"][0]["reports"][0]["url"] == site.url("/a/2.html")
    since = client.get(f"/api/stories/{fish}/changes", params={"since": between.isoformat()}).json()
    assert since["total"] == 1 and since["items"][0]["counts"]["reports"] == 1
    assert client.get(f"/api/stories/{fish}/changes", params={"since": "not a date"}).status_code == 422
    assert client.get("/api/stories/nope/changes").json()["total"] == 0
    assert client.get(f"/api/stories/{fish}/facts").status_code == 200  # the story's sections still answer

    atom = client.get(f"/stories/{fish}/changes.atom")
    assert atom.headers["content-type"].startswith("application/atom+xml")
    feed = parse_feed(atom.content, "http://testserver")
    assert len(feed.items) == 2 and feed.items[0].link == f"http://testserver/stories/{fish}"
    assert "Update" in (feed.items[0].title or "") and site.url("/a/2.html") in feed.items[0].body

    alerts = client.get("/api/watchlists/fish/alerts").json()
    assert alerts["total"] >= 1 and {a["story"]["id"] for a in alerts["items"]} == {fish}
    alerts_atom = parse_feed(client.get("/watchlists/fish/alerts.atom").content, "http://testserver")
    assert len(alerts_atom.items) == alerts["total"]
    assert client.get("/api/watchlists/nobody/alerts").json()["total"] == 0

    searched = parse_feed(client.get("/changes.atom", params={"word": "cod"}).content, "http://testserver")
    assert len(searched.items) == 2 and all(i.link == f"http://testserver/stories/{fish}" for i in searched.items)
    both = parse_feed(client.get("/changes.atom").content, "http://testserver")
    assert len(both.items) == 3
    nothing = client.get("/changes.atom", params=[("word", "cod"), ("language", "fr")])
    assert parse_feed(nothing.content, "http://testserver").items == []


def test_the_routes_answer_on_a_store_never_watched(tmp_path: Path) -> None:
    client = TestClient(create_app(WebSettings(db=f"sqlite:///{tmp_path / 'empty.db'}")))
    assert client.get("/api/changes").json() == {"total": 0, "limit": 20, "offset": 0, "items": []}
    assert parse_feed(client.get("/stories/s1/changes.atom").content, "http://testserver").items == []


def test_the_api_answers_while_a_watcher_writes_the_same_store(site: Any, pages: Any, tmp_path: Path) -> None:
    import threading  # noqa: PLC0415

    db = f"sqlite:///{tmp_path / 's.db'}"
    config = WatchConfig(sources=(Source("feed", site.url("/rss"), 0.001),), limits=FetchLimits(timeout=10, per_host_delay=0))
    client = TestClient(create_app(WebSettings(db=db)))
    statuses: list[int] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            statuses.extend(client.get(path).status_code for path in ("/api/stories", "/api/changes", "/api/status"))

    reader = threading.Thread(target=read)
    with Watcher(Store(db), config, IngestConfig(languages=("en",))) as watcher:
        reader.start()
        _publish(site, pages, [0, 1, 2, 3], '"v1"')
        first = watcher.once()
        _publish(site, pages, [0, 1, 2, 3, 4, 5], '"v2"')
        second = watcher.once()
        waited = 0
        while len(statuses) < 6 and waited < 300:  # a loaded machine may answer one round per cycle
            threading.Event().wait(0.1)
            waited += 1
        done.set()
        reader.join(timeout=30)
    assert (first.stored, second.stored) == (4, 2) and not first.failed and not second.failed
    assert len(statuses) >= 6 and set(statuses) == {200}
    assert client.get("/api/changes").json()["total"] >= 3
