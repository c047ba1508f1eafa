"""Watchlists and alerts: matching, each alert delivered once with its evidence, rate limits,
a failing webhook, e-mail."""

from __future__ import annotations

import datetime as dt
import json
import socketserver
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from storyline.config import IngestConfig
from storyline.follow.alerts import deliver
from storyline.follow.atom import alerts_feed
from storyline.follow.config import AlertTargets, FetchLimits, SmtpTarget, Source, WatchConfig, Watchlist
from storyline.follow.feeds import parse_feed
from storyline.follow.tables import follow_alerts
from storyline.follow.watcher import Watcher
from storyline.follow.watchlists import alert_rows
from storyline.store import Store

WATCHLISTS = (Watchlist("smith", entities=("Jöhn Smyth",)),  # another spelling of John Smith
              Watchlist("bridge", words=("new bridge",), kinds=("story", "event")),
              Watchlist("french", languages=("fr",)))
CHANGE = {"story": "s1", "title": "Cod quotas", "at": "2021-03-10T10:00:00+00:00", "new_story": True,
          "reports": [{"id": "a1", "title": "Fishermen protest", "source": "harbour.example", "url": "http://h/1",
                       "language": "en", "event": "e1"}],
          "facts": [{"text": "Boats stayed in the harbour.", "outlets": ["harbour.example"]}],
          "quotes": [{"speaker": "John Smith", "text": "This will ruin us", "outlets": ["harbour.example"]}],
          "contradictions": [], "events": [{"id": "e1", "date": "2021-03-08", "articles": 1}],
          "entities": ["John Smith", "Nordhaven"], "outlets": ["harbour.example"], "languages": ["en"]}


@pytest.mark.parametrize("watch, kinds", [
    (Watchlist("a", entities=("john smyth",)), ["story", "quote"]),
    (Watchlist("b", entities=("Jane Smith",)), []),  # another person
    (Watchlist("c", words=("harbour",)), ["story"]),  # in a fact of the new story, not in the quote
    (Watchlist("d", words=("harb",)), []),  # whole words only
    (Watchlist("e", outlets=("harbour.example",), kinds=("quote",)), ["quote"]),
    (Watchlist("f", languages=("fr",)), []),
    (Watchlist("g", entities=("Nordhaven",), words=("ruin",)), ["quote"]),  # every criterion must hold
])
def test_a_watchlist_matches_by_every_criterion_it_sets(watch: Watchlist, kinds: list[str]) -> None:
    rows = alert_rows(CHANGE, [watch], "http://app")
    assert [r["kind"] for r in rows] == kinds
    for row in rows:
        alert = json.loads(row["data"])
        assert alert["story"]["link"] == "http://app/stories/s1" and alert["evidence"]


def test_alert_subjects_are_stable_across_cycles() -> None:
    first = [r["subject"] for r in alert_rows(CHANGE, WATCHLISTS, "http://app")]
    again = [r["subject"] for r in alert_rows({**CHANGE, "at": "2021-03-11T10:00:00+00:00"}, WATCHLISTS, "http://x")]
    assert first == again and len(set(first)) == len(first)


def _publish(site: Any, pages: Any, numbers: list[int], etag: str, quote: int | None = None) -> None:
    items = []
    for n in numbers:
        extra = "\"We will sail again next week,\" John Smith said on Tuesday evening." if n == quote else ""
        site.set(f"/a/{n}.html", pages.article_html("bridge" if n % 2 else "fish", n, "Monday", extra))
        items.append(pages.Item(f"i{n}", site.url(f"/a/{n}.html"), f"Report {n}"))
    site.feed("/rss", items, etag=etag)


def _watcher(site: Any, tmp_path: Path, alerts: AlertTargets) -> Watcher:
    config = WatchConfig(sources=(Source("feed", site.url("/rss"), 0.001),), watchlists=WATCHLISTS, alerts=alerts,
                         limits=FetchLimits(timeout=10.0, per_host_delay=0.0))
    return Watcher(Store(f"sqlite:///{tmp_path / 's.db'}"), config, IngestConfig(languages=("en",)), "http://app")


def _alerts(watcher: Watcher) -> list[dict[str, Any]]:
    with watcher.store.engine.connect() as conn:
        return [json.loads(d) for d in conn.execute(select(follow_alerts.c.data).order_by(follow_alerts.c.id)).scalars()]


def test_each_alert_reaches_the_webhook_once_with_its_evidence(site: Any, pages: Any, receiver: Any,
                                                               tmp_path: Path) -> None:
    _publish(site, pages, [0, 1, 2, 3], '"v1"')
    watcher = _watcher(site, tmp_path, AlertTargets(webhook=receiver.url, max_per_hour=100))
    first = watcher.once()
    stored = _alerts(watcher)
    assert first.alerts == len(stored) == len(receiver.posts) == first.delivery.sent > 0
    by_list = {a["watchlist"] for a in stored}
    assert by_list == {"smith", "bridge"}  # nothing is in French
    story_alerts = [a for a, _ in receiver.posts if a["kind"] == "story"]
    assert {a["watchlist"] for a in story_alerts} == {"smith", "bridge"}
    for alert, headers in receiver.posts:
        assert headers["idempotency-key"] == alert["id"]
        assert alert["story"]["link"].startswith("http://app/stories/s")
    smith = next(a for a in story_alerts if a["watchlist"] == "smith")
    assert smith["matched"]["entities"] == ["John Smith"]
    assert {r["url"] for r in smith["evidence"]["reports"]} == {site.url("/a/0.html"), site.url("/a/2.html")}

    assert watcher.once().alerts == 0 and len(receiver.posts) == len(stored)  # 304: nothing new, nothing re-sent
    _publish(site, pages, [0, 1, 2, 3, 4], '"v2"', quote=4)  # a new fish report with a new quote
    third = watcher.once()
    new = receiver.posts[len(stored):]
    assert third.alerts == len(new) >= 1
    assert {(a["watchlist"], a["kind"]) for a, _ in new} == {("smith", "quote")}
    assert any("sail again" in a["evidence"]["quote"]["text"] for a, _ in new)
    watcher.once()
    ids = [a["id"] for a, _ in receiver.posts]
    assert len(ids) == len(set(ids)) == len(_alerts(watcher))


def test_the_rate_limit_holds_alerts_back_until_the_hour_has_passed(site: Any, pages: Any, receiver: Any,
                                                                    tmp_path: Path) -> None:
    _publish(site, pages, [0, 1, 2, 3], '"v1"')
    targets = AlertTargets(webhook=receiver.url, max_per_hour=1)
    watcher = _watcher(site, tmp_path, targets)
    report = watcher.once()
    assert report.delivery.sent == 2 and report.delivery.held == report.alerts - 2  # one per watchlist
    assert deliver(watcher.store.engine, targets).sent == 0
    with watcher.store.engine.connect() as conn:
        waiting = set(conn.execute(select(follow_alerts.c.watchlist).where(follow_alerts.c.sent.is_(None))).scalars())
    assert waiting  # smith raised more than one alert
    later = deliver(watcher.store.engine, targets, dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=2))
    assert later.sent == len(waiting) and len(receiver.posts) == 2 + later.sent


def test_a_failing_webhook_keeps_alerts_for_the_next_cycle(site: Any, pages: Any, receiver: Any,
                                                          tmp_path: Path) -> None:
    _publish(site, pages, [0, 1], '"v1"')
    receiver.fail = True
    targets = AlertTargets(webhook=receiver.url)
    watcher = _watcher(site, tmp_path, targets)
    report = watcher.once()
    assert report.alerts > 0 and report.delivery.sent == 0 and "HTTP 500" in report.delivery.problems[0]
    receiver.fail = False
    assert deliver(watcher.store.engine, targets).sent == report.alerts
    assert deliver(watcher.store.engine, targets).sent == 0 and len(receiver.posts) == report.alerts
    with watcher.store.engine.connect() as conn:
        attempts = conn.execute(select(func.max(follow_alerts.c.attempts))).scalar_one()
    assert attempts == 1


class _Sink(socketserver.StreamRequestHandler):
    messages: list[str] = []

    def handle(self) -> None:
        self.wfile.write(b"220 sink\r\n")
        data: list[str] = []
        reading = False
        for raw in self.rfile:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if reading:
                if line == ".":
                    reading = False
                    _Sink.messages.append("\n".join(data))
                    self.wfile.write(b"250 ok\r\n")
                else:
                    data.append(line)
                continue
            verb = line[:4].upper()
            if verb == "DATA":
                reading = True
                self.wfile.write(b"354 go\r\n")
            elif verb == "QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


@pytest.fixture
def smtp_sink() -> Iterator[int]:
    _Sink.messages = []
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Sink)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_alerts_by_mail_one_message_per_watchlist_and_an_atom_feed(site: Any, pages: Any, smtp_sink: int,
                                                                   tmp_path: Path) -> None:
    _publish(site, pages, [0, 1, 2, 3], '"v1"')
    smtp = SmtpTarget("127.0.0.1", "storyline@test", ("analyst@test",), smtp_sink)
    watcher = _watcher(site, tmp_path, AlertTargets(smtp=smtp))
    report = watcher.once()
    assert report.delivery.mailed == report.alerts and len(_Sink.messages) == 2
    assert any("storyline: " in m and "smith" in m and "John Smith" in m for m in _Sink.messages)
    assert watcher.once().delivery.mailed == 0 and len(_Sink.messages) == 2
    feed = parse_feed(alerts_feed(watcher.store.engine, "smith", "http://app"), "http://app")
    smith = [a for a in _alerts(watcher) if a["watchlist"] == "smith"]
    assert len(feed.items) == len(smith) and all(i.link and i.link.startswith("http://app/stories/") for i in feed.items)
