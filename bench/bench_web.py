"""Latency of the web app under load: the story list, story pages and a 500-report story's page.

Issue 8 asks for p99 under 200 ms with 16 clients on loopback against a store of 10,000 stories;
issue 23 for p95 under 300 ms and pages under 300 KB for the list and for a 500-report story.
The store is generated straight into the tables (stories, events, articles, assignments and one
reconciled record per story), which takes seconds where the pipeline would take an hour. Most
stories have 3–4 reports and a record of the demo's size; every 500th story is large (50, 100,
200 or 500 reports; story ``s000000`` has 500), with a record as large per report as the crawled
crisis corpus's largest story (per report: 5 facts, 40 single-source claims, 20 entities, 12
quotes, 8 timeline entries; 8 MB for 171 reports there, about 25 MB for 500 here). The app runs
as ``storyline serve`` in its own process (one uvicorn worker); the clients are threads of this
process, each with its own keep-alive connection, each sending its next request as soon as the
last one answered (a closed loop: latency includes queueing). Before the load, the 500-report
story's page is fetched once on the fresh server (``cold_big_page_ms``: its record read and
parsed) and the sizes of a list page and that story page are measured.

Usage::

    .venv/bin/python bench/bench_web.py [--stories 10000] [--clients 16] [--requests 150] [--db PATH]

Prints one JSON document: per page kind, requests, p50, p90, p95, p99 and max in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert

from storyline.store import Store, schema

OUTLETS = [f"Outlet {n:02d}" for n in range(40)]
LANGUAGES = ["en", "en", "en", "fr", "de", "es"]
WORDS = ("parliament levy minister protest court flood river police crowd vote budget election harbour "
         "strike union rail border trawler crew storm aid hospital school energy price court").split()


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def story_record(rng: random.Random, story: str, articles: list[str], outlets: list[str]) -> dict[str, Any]:
    """A reconciled record of the demo's shape and size (a few dozen facts, entities, quotes)."""
    def fact(n: int, voices: int) -> dict[str, Any]:
        chosen = articles[:voices]
        return {"id": f"f{story}{n}", "text": sentence(rng, 18), "outlets": outlets[:voices], "voices": voices,
                "articles": chosen, "support": [{"article": a, "start": 0, "end": 120} for a in chosen]}
    facts = [fact(n, rng.randint(2, len(articles))) for n in range(8)]
    single = [fact(100 + n, 1) for n in range(10)]
    names = [f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()}son" for _ in range(14)]
    return {
        "report_dates": {},
        "summary": {"story": story, "summary": "", "sentences": [{"text": f["text"], "sources": f["articles"]}
                                                                for f in facts[:4]]},
        "facts": facts, "single_source": single,
        "contradictions": [{"kind": "number", "fact": facts[0]["id"],
                            "left": {"article": articles[0], "outlet": outlets[0], "start": 0, "end": 120,
                                     "text": sentence(rng, 15), "value": "112"},
                            "right": {"article": articles[-1], "outlet": outlets[-1], "start": 0, "end": 120,
                                      "text": sentence(rng, 15), "value": "121"}}],
        "coverage": [{"outlet": o, "articles": [a], "included": [f["id"] for f in facts],
                      "omitted": [], "only": [single[i]["id"]]} for i, (o, a) in enumerate(zip(outlets, articles))],
        "entities": [{"id": f"n{story}{i}", "name": name, "type": rng.choice(["PERSON", "ORG", "GPE"]),
                      "aliases": {name: 3, name.split()[-1]: 1}, "roles": {"Minister": articles[:1]} if i < 3 else {},
                      "mentions": [{"article": articles[0], "start": 0, "end": 5}] * 3, "alias_sources": {}}
                     for i, name in enumerate(names)],
        "timeline": [{"date": f"2026-03-{d:02d}", "granularity": "day", "sentences": [sentence(rng, 14)],
                      "articles": articles[: rng.randint(1, len(articles))], "outlets": outlets[:2]}
                     for d in sorted(rng.sample(range(1, 29), 8))],
        "quotes": [{"id": f"q{story}{i}", "speaker": names[i % 5], "text": sentence(rng, 12), "kind": "direct",
                    "sources": articles[:2], "outlets": outlets[:2],
                    "variants": [{"article": a, "outlet": o, "text": sentence(rng, 12), "kind": "direct",
                                  "speaker": names[i % 5]} for a, o in zip(articles[:2], outlets[:2])]}
                   for i in range(8)],
    }


#: Reports of the large stories (every 500th story), in turn.
BIG_SIZES = (500, 50, 100, 200)
#: Records of a large story, per report (the crisis corpus's largest story, rounded).
PER_REPORT = {"facts": 5, "single": 40, "entities": 20, "quotes": 12, "timeline": 8}


def big_record(rng: random.Random, story: str, articles: list[str], sources: list[str]) -> dict[str, Any]:
    """A reconciled record as large per report as a real large story's."""
    n = len(articles)
    outlets = sorted(set(sources))

    def fact(k: int, voices: int) -> dict[str, Any]:
        chosen = rng.sample(articles, voices)
        return {"id": f"f{story}-{k}", "text": sentence(rng, 22), "outlets": [sources[articles.index(a)] for a in chosen],
                "voices": voices, "articles": chosen, "status": "established" if k % 3 else "claimed",
                "own_voice": voices, "claimed_by": [] if k % 3 else [{"party": "Minister Brandson", "type": "person"}],
                "support": [{"article": a, "start": 0, "end": 120} for a in chosen]}
    facts = [fact(k, rng.randint(2, 6)) for k in range(PER_REPORT["facts"] * n)]
    single = [fact(100_000 + k, 1) for k in range(PER_REPORT["single"] * n)]
    names = [f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()}son {k}" for k in range(PER_REPORT["entities"] * n)]
    days = [f"2026-{m:02d}-{d:02d}" for m in (3, 4, 5) for d in range(1, 29)]
    return {
        "report_dates": {},
        "summary": {"story": story, "summary": "", "sentences": [{"text": f["text"], "sources": f["articles"]}
                                                                for f in facts[:4]]},
        "facts": facts, "single_source": single,
        "contradictions": [{"kind": "number", "fact": facts[k]["id"],
                            "left": {"article": articles[k], "outlet": sources[k], "start": 0, "end": 120,
                                     "text": sentence(rng, 15), "value": "112"},
                            "right": {"article": articles[-k - 1], "outlet": sources[-k - 1], "start": 0, "end": 120,
                                      "text": sentence(rng, 15), "value": "121"}} for k in range(n // 10)],
        "coverage": [{"outlet": o, "articles": [a for a, s in zip(articles, sources) if s == o],
                      "included": [f["id"] for f in facts if o in f["outlets"]], "omitted": [],
                      "only": [f["id"] for f in single if f["outlets"] == [o]]} for o in outlets],
        "entities": [{"id": f"n{story}-{i}", "name": name, "type": rng.choice(["PERSON", "ORG", "GPE"]),
                      "aliases": {name: 3, name.split()[-2]: 1}, "roles": {"Minister": articles[:2]} if i < 20 else {},
                      "mentions": [{"article": rng.choice(articles), "start": 0, "end": 5} for _ in range(3)],
                      "alias_sources": {}} for i, name in enumerate(names)],
        "timeline": [{"date": rng.choice(days) if k % 5 else f"19{k % 100:02d}", "granularity": "day" if k % 5 else "year",
                      "sentences": [sentence(rng, 14)], "articles": rng.sample(articles, 2), "outlets": [],
                      "background": not k % 5} for k in range(PER_REPORT["timeline"] * n)],
        "quotes": [{"id": f"q{story}-{i}", "speaker": names[i % 50], "text": sentence(rng, 16), "kind": "direct",
                    "sources": (pair := rng.sample(articles, 2)), "outlets": [sources[articles.index(a)] for a in pair],
                    "variants": [{"article": a, "outlet": sources[articles.index(a)], "text": sentence(rng, 16),
                                  "kind": "direct", "speaker": names[i % 50]} for a in pair]}
                   for i in range(PER_REPORT["quotes"] * n)],
    }


def build_store(url: str, stories: int, seed: int = 8) -> list[str]:
    """Write ``stories`` synthetic stories into an empty store; returns their ids. Most have 3–4
    articles; every 500th has one of :data:`BIG_SIZES` (the first 500)."""
    rng = random.Random(seed)
    store = Store(url)
    run_id = store.start_run("bench", [], {})
    ids: list[str] = []
    rows: dict[str, list[dict[str, Any]]] = {"articles": [], "assignments": [], "stories": [], "events": [],
                                              "story_records": []}
    seq = 0
    for n in range(stories):
        story_id = f"s{n:06d}"
        day = 1 + n % 28
        date = f"20{20 + n % 7}-{1 + n % 12:02d}-{day:02d}"
        big = BIG_SIZES[(n // 500) % len(BIG_SIZES)] if n % 500 == 0 else 0
        outlets = [rng.choice(OUTLETS) for _ in range(big)] if big else rng.sample(OUTLETS, rng.randint(3, 4))
        articles = [f"a{n:06d}-{k}" for k in range(len(outlets))]
        per_event = 2 if big else len(articles)  # a large story: many small events, as crawled stories have
        events = [f"e{n:06d}-{k // per_event}" for k in range(len(articles))]
        for article_id, outlet, event_id in zip(articles, outlets, events):
            seq += 1
            text = " ".join(sentence(rng, 20) for _ in range(6))
            rows["articles"].append({"id": article_id, "content_hash": f"h{article_id}", "text": text,
                                     "title": sentence(rng, 7) if seq % 3 else None, "source": outlet, "url": None,
                                     "published": date, "language": rng.choice(LANGUAGES), "story": None, "meta": "{}",
                                     "extra": "{}", "provenance_path": "bench", "provenance_record": seq,
                                     "run_id": run_id, "seq": seq})
            rows["assignments"].append({"article_id": article_id, "story_id": story_id, "event_id": event_id,
                                        "run_id": run_id})
        distinct = list(dict.fromkeys(events))
        rows["stories"].append({"id": story_id, "title": sentence(rng, 8), "articles": len(articles),
                                "events": len(distinct), "first_date": date, "last_date": date, "run_id": run_id})
        rows["events"] += [{"id": e, "story_id": story_id, "position": k, "date": date, "articles": events.count(e)}
                           for k, e in enumerate(distinct)]
        record = big_record(rng, story_id, articles, outlets) if big else story_record(rng, story_id, articles, outlets)
        rows["story_records"].append({"story_id": story_id, "run_id": run_id, "data": json.dumps(
            record, ensure_ascii=False)})
        ids.append(story_id)
    with store.engine.begin() as conn:
        for table in ("articles", "assignments", "stories", "events", "story_records"):
            conn.execute(insert(schema.metadata.tables[table]), rows[table])
    store.finish_run(run_id, status="done", read=seq, stored=seq, duplicates=0, errors=0)
    store.close()
    return ids


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: str, port: int, extra: list[str]) -> subprocess.Popen[bytes]:
    command = [str(Path(sys.executable).with_name("storyline")), "serve", "--db", db, "--port", str(port), *extra]
    env = {k: v for k, v in os.environ.items() if not k.startswith("STORYLINE_API_TOKEN")}
    server = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/status", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


KINDS = ("story list", "story page", "500-report story page")


def load(base: str, story_ids: list[str], clients: int, requests: int) -> dict[str, list[float]]:
    """Each client sends, in turn, a list page, a story page, a list page, then the 500-report
    story's page; returns latencies (ms) per kind."""
    timings: dict[str, list[float]] = {kind: [] for kind in KINDS}
    lock = threading.Lock()
    failures: list[str] = []

    def client(number: int) -> None:
        rng = random.Random(number)
        mine: dict[str, list[float]] = {kind: [] for kind in KINDS}
        with httpx.Client(base_url=base, timeout=60) as http:
            for n in range(requests):
                if n % 2 == 0:
                    kind = "story list"
                    path = f"/?page={rng.randint(1, 50)}" + ("&sort=size" if rng.random() < 0.3 else "")
                elif n % 4 == 1:
                    kind, path = "story page", f"/stories/{rng.choice(story_ids)}"
                else:
                    kind, path = "500-report story page", f"/stories/{story_ids[0]}"
                started = time.perf_counter()
                response = http.get(path)
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200:
                    failures.append(f"{path}: {response.status_code}")
                mine[kind].append(elapsed)
        with lock:
            for kind, values in mine.items():
                timings[kind].extend(values)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit(f"{len(failures)} failed requests, e.g. {failures[:3]}")
    return timings


def first_looks(base: str, big_story: str) -> tuple[dict[str, int], float]:
    """Sizes of a list page, the 500-report story's page and one of its section pages, and how
    long that story's page took on the fresh server (ms)."""
    with httpx.Client(base_url=base, timeout=120) as http:
        started = time.perf_counter()
        page = http.get(f"/stories/{big_story}")
        cold = round((time.perf_counter() - started) * 1000, 1)
        sizes = {"story list": len(http.get("/").content), "500-report story page": len(page.content),
                 "500-report single-source page": len(http.get(f"/stories/{big_story}/s/single_source").content)}
    return sizes, cold


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    cut = statistics.quantiles(ordered, n=100, method="inclusive")
    return {"requests": len(ordered), "p50_ms": round(cut[49], 1), "p90_ms": round(cut[89], 1),
            "p95_ms": round(cut[94], 1), "p99_ms": round(cut[98], 1), "max_ms": round(ordered[-1], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=150, help="Requests per client (half lists, half stories).")
    parser.add_argument("--db", type=Path, help="Where to write the store (default: a temporary folder).")
    parser.add_argument("--server-args", default="--warm 0",
                        help="More options for storyline serve (default --warm 0: the large story is measured "
                             "cold; give '' for a version without --warm).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="storyline-bench-web-") as folder:
        figures = run(args, args.db or Path(folder) / "bench.db")
    print(json.dumps(figures, indent=2))


def run(args: argparse.Namespace, db: Path) -> dict[str, Any]:
    """Build the store at ``db``, serve it, load it; returns the figures."""
    db.unlink(missing_ok=True)
    started = time.perf_counter()
    story_ids = build_store(f"sqlite:///{db}", args.stories)
    built = time.perf_counter() - started
    port = free_port()
    server = start_server(str(db), port, args.server_args.split())
    try:
        base = f"http://127.0.0.1:{port}"
        sizes, cold = first_looks(base, story_ids[0])
        load(base, story_ids, args.clients, 10)  # warm-up: templates compiled, pages cached by SQLite
        started = time.perf_counter()
        timings = load(base, story_ids, args.clients, args.requests)
        seconds = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    total = sum(len(v) for v in timings.values())
    return {
        "stories": args.stories, "clients": args.clients, "store_build_s": round(built, 1),
        "store_mb": round(db.stat().st_size / 1e6, 1), "seconds": round(seconds, 1),
        "requests_per_s": round(total / seconds, 1),
        "latency": {kind: percentiles(values) for kind, values in timings.items()},
        "page_bytes": sizes, "cold_big_page_ms": cold,
        "goal": "p95 < 300 ms and pages < 300 KB (issue 23); p99 < 200 ms (issue 8)",
        "python": platform.python_version(), "cpus": os.cpu_count(),
    }


if __name__ == "__main__":
    main()
