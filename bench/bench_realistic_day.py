"""Story and event grouping on a generated day of world news, at 10k, 100k and 300k reports.

The stream is :mod:`storyline.evaluate.realistic`'s generated news: stories about forty countries
with invented people, organisations and places, several events each, reports of 600-700 words
from many outlets as wire copies, rewrites, topped-up versions and updates over several days, in
publication order, with the gold story and event of every report. Many stories share their
country and their kind (two floods in one country on one day), which is what chains stories at
the density of a real day.

Every size spreads its first events over the same ``--days`` (default 3), so density grows with
the size: 300k reports over three days is a real day's density of world news. Each size runs in
its own process, so the peak resident memory (``ru_maxrss``) is that size's own. Generation is not
timed; ``StoryGrouper.add_many`` is (CPU seconds of the process). Prints one JSON document:
per size, story and event B-cubed P/R/F1, stories made against gold stories, CPU seconds,
reports per CPU-second and peak RSS.

Usage::

    PYTHONPATH=src python bench/bench_realistic_day.py --sizes 10000 100000 300000 [--days 3] [--params JSON]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from typing import Any

from storyline.evaluate.grouping import bcubed
from storyline.evaluate.realistic import generate
from storyline.group.stories import StoryGrouper
from storyline.model import Article

#: Reports handed to the grouper at a time (its batches, as a run's would be).
BATCH = 2000


def run_size(size: int, days: float, seed: int, params: dict[str, Any] | None = None) -> dict[str, Any]:
    """Group one generated stream of ``size`` reports and score it against its gold (``params``:
    :class:`StoryGrouper` keyword arguments, its defaults when None)."""
    records = generate(size, seed=seed, days=days)
    gold_story = {r["id"]: r["gold_story"] for r in records}
    gold_event = {r["id"]: r["gold_event"] for r in records}
    articles = [Article.from_json(record) for record in records]
    del records
    grouper = StoryGrouper(**(params or {}))
    started, wall = time.process_time(), time.perf_counter()
    for start in range(0, len(articles), BATCH):
        grouper.add_many(articles[start : start + BATCH])
    cpu, wall = time.process_time() - started, time.perf_counter() - wall
    placed = {a.id: grouper.assignment(a.id) for a in articles}
    return {
        "reports": size, "days": days, "seed": seed, "params": params or {},
        "gold_stories": len(set(gold_story.values())),
        "stories": len({story for story, _ in placed.values()}),
        "story": bcubed({k: v[0] for k, v in placed.items()}, gold_story),
        "event": bcubed({k: v[1] for k, v in placed.items()}, gold_event),
        "cpu_s": round(cpu, 1), "wall_s": round(wall, 1),
        "reports_per_cpu_s": round(size / cpu, 1) if cpu else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000])
    parser.add_argument("--days", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--params", default="{}", help="StoryGrouper keyword arguments as JSON")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process's single size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_size(args.one, args.days, args.seed, json.loads(args.params))))
        return
    rows = []
    for size in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(size), "--days", str(args.days),
                              "--seed", str(args.seed), "--params", args.params], check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(out))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    print(json.dumps({"bench": "realistic_day", "sizes": rows}, indent=2))


if __name__ == "__main__":
    main()
