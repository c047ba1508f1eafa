"""Light requests while heavy pages are being read (issue 22, item 5; "How it is measured").

Before issue 22's fix, pages were rendered on the event loop: one 200k-character article page took
``/api/status`` from p50 3.9 ms to 2,338 ms with 5 clients. Here the store of bench/bench_web.py
(``--stories`` synthetic stories; story ``s000000`` has 500 reports and a record of about 25 MB)
gets one article of 200,000 characters; ``storyline serve`` runs in its own process. One client
reads the heavy pages in a loop (the 500-report story's page, the 200k-character article's page
and the article's JSON) while ``--clients`` clients send light requests (``/api/status``, a page of
``/api/stories``, one small story's JSON), each its next as soon as the last answered. Light
latencies are measured only while the heavy client is inside a heavy request or between two.

Goal: p99 of the light requests under 100 ms.

Usage::

    .venv/bin/python bench/bench_heavy_page.py [--stories 2000] [--clients 5] [--requests 200]

Prints one JSON document: light p50/p90/p99/max, how many heavy pages were read and their times.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
from bench_web import build_store, free_port, percentiles, start_server
from sqlalchemy import create_engine, update

from storyline.store import schema

HEAVY_ARTICLE_CHARS = 200_000
GOAL_P99_MS = 100.0


def add_heavy_article(db: Path) -> str:
    """Make the first article of the store 200,000 characters long (4,000 paragraphs); returns its id."""
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        article_id = conn.execute(schema.articles.select().limit(1)).first()._mapping["id"]
        paragraph = "The harbour council voted on Thursday to build a new bridge across the river, officials said. "
        text = "\n\n".join([paragraph.strip()] * (HEAVY_ARTICLE_CHARS // len(paragraph) + 1))[:HEAVY_ARTICLE_CHARS]
        conn.execute(update(schema.articles).where(schema.articles.c.id == article_id).values(text=text))
    engine.dispose()
    return str(article_id)


def measure(base: str, story_ids: list[str], heavy_article: str, clients: int, requests: int) -> dict[str, Any]:
    """Light clients against one heavy reader; returns the light latencies and the heavy times (ms)."""
    light: list[float] = []
    heavy: list[float] = []
    failures: list[str] = []
    stop = threading.Event()
    lock = threading.Lock()
    heavy_paths = [f"/stories/{story_ids[0]}", f"/articles/{heavy_article}", f"/api/articles/{heavy_article}"]

    def heavy_reader() -> None:
        with httpx.Client(base_url=base, timeout=300) as http:
            n = 0
            while not stop.is_set():
                started = time.perf_counter()
                response = http.get(heavy_paths[n % len(heavy_paths)])
                heavy.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    failures.append(f"{heavy_paths[n % len(heavy_paths)]}: {response.status_code}")
                n += 1

    def light_client(number: int) -> None:
        rng = random.Random(number)
        mine: list[float] = []
        with httpx.Client(base_url=base, timeout=60) as http:
            for n in range(requests):
                path = ("/api/status", f"/api/stories?page={rng.randint(1, 20)}",
                        f"/api/stories/{rng.choice(story_ids[1:])}")[n % 3]
                started = time.perf_counter()
                response = http.get(path)
                mine.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    failures.append(f"{path}: {response.status_code}")
        with lock:
            light.extend(mine)

    reader = threading.Thread(target=heavy_reader)
    reader.start()
    time.sleep(0.5)  # the first heavy request is in flight
    threads = [threading.Thread(target=light_client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stop.set()
    reader.join()
    if failures:
        raise SystemExit(f"{len(failures)} failed requests, e.g. {failures[:3]}")
    return {"light": percentiles(light), "heavy_pages_read": len(heavy),
            "heavy_ms": {"p50": round(sorted(heavy)[len(heavy) // 2], 1), "max": round(max(heavy), 1)}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=5)
    parser.add_argument("--requests", type=int, default=200, help="Light requests per client.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="storyline-bench-heavy-") as folder:
        db = Path(folder) / "bench.db"
        story_ids = build_store(f"sqlite:///{db}", args.stories)
        heavy_article = add_heavy_article(db)
        port = free_port()
        server = start_server(str(db), port, ["--warm", "0"])
        try:
            figures = measure(f"http://127.0.0.1:{port}", story_ids, heavy_article, args.clients, args.requests)
        finally:
            server.terminate()
            server.wait(timeout=10)
    figures.update({"stories": args.stories, "clients": args.clients, "goal": f"light p99 < {GOAL_P99_MS:.0f} ms",
                    "goal_met": figures["light"]["p99_ms"] < GOAL_P99_MS, "python": platform.python_version(),
                    "cpus": os.cpu_count(), "load_before": round(os.getloadavg()[0], 2)})
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
