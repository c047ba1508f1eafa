"""Grouping in watch-like cycles: CPU of ``pipeline.group_store`` per cycle as the store grows.

Generates a realistic stream (:mod:`storyline.evaluate.realistic`), stores and groups the first
``--base`` reports, then runs ``--cycles`` cycles of ``--per-cycle`` new reports in this process,
each stored and grouped as a watch cycle does (``group_store`` on the same store), and prints one
JSON line: CPU seconds of each cycle's grouping, and their median over the first and the last
third. Analysis and reconciliation are left out (grouping reads only the articles).

``--memory`` also records, after each cycle, the Python memory held (tracemalloc, after a garbage
collection) and the kept grouper's own counts (stories, those still in the index, places held in
memory and left to the store), and prints the growth of held memory per cycle over the last half
and the files that grew most between the middle and the end. Give ``--days`` beyond the grouper's
``retain_days`` (365) to see stories leave the window; ``--no-evict`` keeps every place in memory
(the grouper before Session 12), to compare.

Usage::

    .venv/bin/python bench/bench_group_cycles.py --base 2400 --cycles 24 --per-cycle 50 --db /tmp/gc.db
    .venv/bin/python bench/bench_group_cycles.py --base 0 --cycles 60 --per-cycle 200 --days 1100 --memory --db /tmp/gm.db
"""

from __future__ import annotations

import argparse
import json
import gc
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

from storyline import pipeline
from storyline.evaluate.realistic import generate
from storyline.kept_grouper import KeptGrouper
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
    parser.add_argument("--memory", action="store_true", help="held memory per cycle (tracemalloc; slower)")
    parser.add_argument("--no-evict", action="store_true", help="keep settled reports' places in memory")
    args = parser.parse_args(argv)
    pipeline._KEPT = KeptGrouper(evict=not args.no_evict)
    if args.memory:
        tracemalloc.start(1)
    records = generate(args.base + args.cycles * args.per_cycle, seed=1, days=args.days)
    # Each cycle's articles are built afresh and dropped after it (copies of the texts): the
    # store's driver caches a text's UTF-8 form in the string it binds, which would otherwise
    # stay with the generated records and read as growth held by sqlalchemy.
    def articles(start: int, stop: int) -> list[Article]:
        return [Article(id=r["id"], text="".join(r["text"]), title=r.get("title"), source=r.get("source"),
                        published=r.get("published"), language=r.get("language")) for r in records[start:stop]]

    args.db.unlink(missing_ok=True)
    store = Store(f"sqlite:///{args.db}")
    run_id = store.start_run("bench", [], {})
    store.commit_batch(run_id, articles(0, args.base), [])
    if args.base:
        group_store(store, run_id)
    seconds: list[float] = []
    memory: list[dict[str, Any]] = []
    middle = None
    for cycle in range(args.cycles):
        run_id = store.start_run("bench", [], {})
        start = args.base + cycle * args.per_cycle
        store.commit_batch(run_id, articles(start, start + args.per_cycle), [])
        started = time.process_time()
        group_store(store, run_id)
        seconds.append(round(time.process_time() - started, 3))
        if args.memory:
            memory.append(_held(cycle))
            print(json.dumps(memory[-1]), file=sys.stderr, flush=True)
            if cycle == args.cycles // 2:
                middle = tracemalloc.take_snapshot()
    third = max(1, args.cycles // 3)
    out: dict[str, Any] = {"base": args.base, "per_cycle": args.per_cycle, "days": args.days,
                           "evict": not args.no_evict, "cycle_group_cpu_s": seconds,
                           "median_first_third": statistics.median(seconds[:third]),
                           "median_last_third": statistics.median(seconds[-third:])}
    if memory:
        half = memory[len(memory) // 2 :]
        out["held_mb"] = [m["held_mb"] for m in memory]
        out["held_kb_per_cycle_last_half"] = round(
            1024 * (half[-1]["held_mb"] - half[0]["held_mb"]) / max(1, len(half) - 1), 1)
        out["end"] = memory[-1]
        if middle is not None:
            growth = tracemalloc.take_snapshot().compare_to(middle, "filename")
            out["growth_by_file_kb"] = {str(g.traceback[0].filename).split("site-packages/")[-1].split("src/")[-1]:
                                        round(g.size_diff / 1024) for g in growth[:10]}
    print(json.dumps(out))
    return 0


def _held(cycle: int) -> dict[str, Any]:
    """Python memory held after a cycle, and the kept grouper's counts."""
    gc.collect()
    row: dict[str, Any] = {"cycle": cycle, "held_mb": round(tracemalloc.get_traced_memory()[0] / 2**20, 2)}
    kept = pipeline._KEPT._kept
    if kept is not None:
        grouper = kept[1]
        stories = grouper._index.stories.values()
        row.update(stories=len(stories), in_index=sum(s.is_active for s in stories),
                   places_in_memory=len(grouper._where), places_in_store_only=len(grouper._evicted))
    return row


if __name__ == "__main__":
    sys.exit(main())
