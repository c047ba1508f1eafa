"""Grouping in watch-like cycles: CPU of ``pipeline.group_store`` per cycle as the store grows.

Generates a realistic stream (:mod:`storyline.evaluate.realistic`), stores and groups the first
``--base`` reports, then runs ``--cycles`` cycles of ``--per-cycle`` new reports in this process,
each stored and grouped as a watch cycle does (``group_store`` on the same store), and prints one
JSON line: CPU seconds of each cycle's grouping, and their median over the first and the last
third. Analysis and reconciliation are left out (grouping reads only the articles).

Usage::

    .venv/bin/python bench/bench_group_cycles.py --base 2400 --cycles 24 --per-cycle 50 --db /tmp/gc.db
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from storyline.evaluate.realistic import generate
from storyline.model import Article
from storyline.pipeline import group_store
from storyline.store import Store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=2400)
    parser.add_argument("--cycles", type=int, default=24)
    parser.add_argument("--per-cycle", type=int, default=50)
    parser.add_argument("--days", type=float, default=30.0)
    parser.add_argument("--db", type=Path, required=True, help="a new SQLite file")
    args = parser.parse_args(argv)
    records = generate(args.base + args.cycles * args.per_cycle, seed=1, days=args.days)
    articles = [Article(id=r["id"], text=r["text"], title=r.get("title"), source=r.get("source"),
                        published=r.get("published"), language=r.get("language")) for r in records]
    args.db.unlink(missing_ok=True)
    store = Store(f"sqlite:///{args.db}")
    run_id = store.start_run("bench", [], {})
    store.commit_batch(run_id, articles[: args.base], [])
    group_store(store, run_id)
    seconds = []
    for cycle in range(args.cycles):
        run_id = store.start_run("bench", [], {})
        start = args.base + cycle * args.per_cycle
        store.commit_batch(run_id, articles[start : start + args.per_cycle], [])
        started = time.process_time()
        group_store(store, run_id)
        seconds.append(round(time.process_time() - started, 3))
    third = max(1, args.cycles // 3)
    print(json.dumps({"base": args.base, "per_cycle": args.per_cycle, "cycle_group_cpu_s": seconds,
                      "median_first_third": statistics.median(seconds[:third]),
                      "median_last_third": statistics.median(seconds[-third:])}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
