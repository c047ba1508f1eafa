#!/usr/bin/env python3
"""Soak benchmark of ``storyline watch``: simulated hours of a news region, compressed.

Usage (from the repository root):

    .venv/bin/python bench/bench_watch.py --hours 6              # 24 cycles, a few minutes
    .venv/bin/python bench/bench_watch.py --hours 24 --out watch.json

What it does:

1. generates the day's reports with :mod:`storyline.evaluate.synthetic` (stories with events,
   quotes, copies and rewrites; nothing from ../shared), ``--per-day`` of them (default 5,000),
   spread evenly over the simulated day and dealt to ``--feeds`` feeds (default 50);
2. serves them from ``--hosts`` local HTTP servers (127.0.0.1, 127.0.0.2, ...: different host
   names, so the per-host gate and the lanes work as on the web), each feed an RSS 2.0 document
   of its latest 20 items with an ETag, each item an HTML page;
3. runs one :class:`~storyline.follow.watcher.Watcher` in this process and, every
   ``--cycle-minutes`` simulated minutes (default 15, as GDELT), publishes what the clock has
   reached and runs one cycle (all feeds polled: most answer 304 or list a few new items);
4. prints one JSON line per cycle (seconds, new items, stored, stories touched, resident memory,
   the kept grouper's stories and reports' places in memory and left to the store)
   and a summary: cycle seconds (median, p95, first vs last quarter) and memory (first vs last
   quarter), to tell a flat soak from a growing one. ``--out`` writes everything as JSON.

A script, not a test; the SQLite store lives in a temporary folder, deleted afterwards.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
import tracemalloc
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import datetime as dt

from storyline.config import IngestConfig
from storyline.evaluate.synthetic import generate
from storyline.follow.config import FetchLimits, Source, WatchConfig, Watchlist
from storyline.follow.watcher import Watcher
from storyline.store import Store

FEED_LENGTH = 20


class Newsroom:
    """What the servers publish: items revealed as the simulated clock passes them."""

    def __init__(self, records: list[dict[str, Any]], feeds: int, day: dt.datetime) -> None:
        step = 86400.0 / max(1, len(records))
        self.items = [(day + dt.timedelta(seconds=n * step), n % feeds, record) for n, record in enumerate(records)]
        self.visible = 0
        self.feeds: dict[int, list[int]] = {k: [] for k in range(feeds)}
        self.version: dict[int, int] = dict.fromkeys(range(feeds), 0)
        self.lock = threading.Lock()

    def advance(self, now: dt.datetime) -> int:
        """Publish every item up to ``now``; how many were published."""
        published = 0
        with self.lock:
            while self.visible < len(self.items) and self.items[self.visible][0] <= now:
                feed = self.items[self.visible][1]
                self.feeds[feed] = [*self.feeds[feed], self.visible][-FEED_LENGTH:]
                self.version[feed] += 1
                self.visible += 1
                published += 1
        return published

    def feed(self, number: int, base: str) -> tuple[bytes, str]:
        with self.lock:
            shown, etag = list(self.feeds[number]), f'"{number}-{self.version[number]}"'
        entries = "".join(
            f"<item><guid isPermaLink='false'>item-{n}</guid><link>{base}/a/{n}.html</link>"
            f"<title>{escape(self.items[n][2]['title'])}</title><pubDate>{format_datetime(self.items[n][0])}</pubDate>"
            f"</item>" for n in reversed(shown))
        body = (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Feed {number}</title>"
                f"<link>{base}/</link>{entries}</channel></rss>")
        return body.encode("utf-8"), etag

    def page(self, n: int) -> bytes:
        record = self.items[n][2]
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in record["text"].split("\n\n"))
        return (f"<html><head><title>{escape(record['title'])}</title>"
                f"<meta name='date' content='{record.get('published') or ''}'>"
                f"<meta property='og:site_name' content='{escape(record['source'])}'></head><body><nav>Home | World"
                f"</nav><article><h1>{escape(record['title'])}</h1>{paragraphs}</article></body></html>").encode("utf-8")


def _handler(room: Newsroom) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            base = f"http://{self.headers.get('Host')}"
            if self.path.startswith("/feed/"):
                body, etag = room.feed(int(self.path.split("/")[2]), base)
                if self.headers.get("If-None-Match") == etag:
                    self._send(304, b"", {"ETag": etag})
                    return
                self._send(200, body, {"ETag": etag, "Content-Type": "application/rss+xml"})
            elif self.path.startswith("/a/"):
                self._send(200, room.page(int(self.path[3:].split(".")[0])), {"Content-Type": "text/html"})
            else:
                self._send(404, b"", {})

        def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


def _grouper_counts() -> dict[str, int]:
    """The kept grouper's stories (all, and those still in its index) and reports' places (held in
    memory, and left to the store once their story left the index: Session 12)."""
    from storyline import pipeline

    kept = pipeline._KEPT._kept
    if kept is None:
        return {}
    grouper = kept[1]
    stories = grouper._index.stories.values()
    return {"stories": len(stories), "stories_in_index": sum(s.is_active for s in stories),
            "places_in_memory": len(grouper._where), "places_in_store_only": len(grouper._evicted)}


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hours", type=float, default=6.0, help="Simulated hours.")
    parser.add_argument("--per-day", type=int, default=5000, help="Items a simulated day.")
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--hosts", type=int, default=10)
    parser.add_argument("--cycle-minutes", type=float, default=15.0)
    parser.add_argument("--delay", type=float, default=0.02, help="Per-host delay (s).")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--no-evict", action="store_true",
                        help="the kept grouper keeps every report's place in memory (before Session 12), to compare")
    parser.add_argument("--trace", action="store_true", help="tracemalloc: Python memory held after each cycle, "
                                                             "and the files whose holdings grew most (slower).")
    args = parser.parse_args()
    if args.no_evict:
        from storyline import pipeline
        from storyline.kept_grouper import KeptGrouper

        pipeline._KEPT = KeptGrouper(evict=False)
    if args.trace:
        tracemalloc.start(1)
    first_snapshot = None

    records = list(generate(args.per_day, seed=24))
    day = dt.datetime(2021, 3, 1, tzinfo=dt.timezone.utc)
    room = Newsroom(records, args.feeds, day)
    servers = []
    for host in range(args.hosts):
        server = ThreadingHTTPServer((f"127.0.0.{host + 1}", 0), _handler(room))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(f"http://127.0.0.{host + 1}:{server.server_address[1]}")
    sources = tuple(Source("feed", f"{servers[k % args.hosts]}/feed/{k}", 60.0) for k in range(args.feeds))
    config = WatchConfig(sources=sources, limits=FetchLimits(timeout=10.0, per_host_delay=args.delay), max_items=200,
                         watchlists=(Watchlist("floods", words=("flood",)), Watchlist("agency", entities=("Agency",))))
    cycles = []
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{folder}/watch.db")
        watcher = Watcher(store, config, IngestConfig(languages=("en",)))
        steps = int(args.hours * 60 / args.cycle_minutes)
        for step in range(1, steps + 1):
            published = room.advance(day + dt.timedelta(minutes=step * args.cycle_minutes))
            started = time.perf_counter()
            report = watcher.once()
            row = {"cycle": step, "published": published, "seconds": round(time.perf_counter() - started, 3),
                   "new_items": report.new_items, "stored": report.stored, "duplicates": report.duplicates,
                   "not_modified": report.not_modified, "failed": len(report.failed),
                   "stories_reconciled": report.reconciled, "changes": report.changes, "alerts": report.alerts,
                   "rss_mb": round(_rss_mb(), 1), "articles": store.count_articles(),
                   "db_mb": round(Path(f"{folder}/watch.db").stat().st_size / 2**20, 1)}
            row.update(_grouper_counts())
            if args.trace:
                row["python_held_mb"] = round(tracemalloc.get_traced_memory()[0] / 2**20, 1)
                if step == max(2, steps // 4):
                    first_snapshot = tracemalloc.take_snapshot()
            cycles.append(row)
            print(json.dumps(row), flush=True)
    summary = _summary(cycles, args)
    if first_snapshot is not None:
        growth = tracemalloc.take_snapshot().compare_to(first_snapshot, "filename")
        summary["python_growth_by_file_kb"] = {str(g.traceback[0].filename).split("site-packages/")[-1].split("src/")[-1]:
                                               round(g.size_diff / 1024) for g in growth[:8]}
    print(json.dumps(summary, indent=1))
    if args.out:
        args.out.write_text(json.dumps({"summary": summary, "cycles": cycles}, indent=1), encoding="utf-8")
    return 0


def _summary(cycles: list[dict[str, Any]], args: argparse.Namespace) -> dict[str, Any]:
    quarter = max(1, len(cycles) // 4)
    seconds = [c["seconds"] for c in cycles]
    return {"simulated_hours": args.hours, "per_day": args.per_day, "feeds": args.feeds, "hosts": args.hosts,
            "evict": not args.no_evict,
            "cycles": len(cycles), "items": sum(c["new_items"] for c in cycles),
            "stored": sum(c["stored"] for c in cycles),
            "cycle_s_median": statistics.median(seconds), "cycle_s_p95": sorted(seconds)[int(0.95 * (len(seconds) - 1))],
            "cycle_s_first_quarter": round(statistics.mean(seconds[:quarter]), 3),
            "cycle_s_last_quarter": round(statistics.mean(seconds[-quarter:]), 3),
            "rss_mb_first_quarter": round(statistics.mean(c["rss_mb"] for c in cycles[:quarter]), 1),
            "rss_mb_last_quarter": round(statistics.mean(c["rss_mb"] for c in cycles[-quarter:]), 1),
            "items_per_s": round(sum(c["new_items"] for c in cycles) / max(1e-9, sum(seconds)), 1)}


if __name__ == "__main__":
    sys.exit(main())
