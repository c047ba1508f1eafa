"""Throughput of the Spark engine (local mode) against the local engine, on a generated corpus.

The corpus comes from :mod:`storyline.evaluate.synthetic` (stories of 1-3 events, reports of
4-6 sentences, exact copies, rewrites, undated reports, an outlet template line), written as
JSONL files; generation is not timed. Each engine runs in its own process on the same files:

- ``local``: ``ingest`` + ``analyze_store`` (``--workers`` processes) + ``group_store`` +
  ``reconcile_store`` into a fresh SQLite store, as ``storyline run`` does (without the reports);
- ``spark``: :func:`storyline.scale.spark.run_spark` on ``--master`` (default ``local[2]``),
  writing Parquet;
- ``spark-store``: the same, also filling a fresh SQLite store (``--db``), which groups on the
  driver with the store's grouper instead of in blocks.

Usage::

    .venv/bin/python bench/bench_spark.py --sizes 10000 100000 [--engines local spark spark-store]

Prints one JSON document: per size and engine, wall seconds per stage, articles per second, the
stories found, and the peak RSS of the engine's Python process (the Spark JVM is not included:
its heap is ``spark.driver.memory``, 1 GB by default).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from storyline.evaluate.synthetic import write_corpus


def run_local(inputs: list[str], workdir: Path, workers: int) -> dict[str, Any]:
    from storyline.pipeline import analyze_store, group_store, ingest, reconcile_store
    from storyline.store import Store

    store = Store(str(workdir / "local.db"))
    seconds: dict[str, float] = {}
    clock = time.perf_counter()
    result = ingest(inputs, store)
    seconds["read_prepare_store"], clock = time.perf_counter() - clock, time.perf_counter()
    analyze_store(store, result.run_id, workers=workers)
    seconds["analysis"], clock = time.perf_counter() - clock, time.perf_counter()
    grouped = group_store(store, result.run_id)
    seconds["grouping"], clock = time.perf_counter() - clock, time.perf_counter()
    reconcile_store(store, result.run_id, grouped)
    seconds["reconcile"] = time.perf_counter() - clock
    return {"read": result.read, "stored": result.stored, "stories": len(grouped.stories),
            "seconds": {k: round(v, 1) for k, v in seconds.items()}}


def run_spark_engine(inputs: list[str], workdir: Path, master: str, with_store: bool) -> dict[str, Any]:
    from storyline.scale.spark import run_spark, spark_session
    from storyline.store import Store

    started = time.perf_counter()
    spark = spark_session(master, app_name="storyline-bench")
    spark.sparkContext.setLogLevel("ERROR")
    session = time.perf_counter() - started
    store = Store(str(workdir / "spark.db")) if with_store else None
    result = run_spark(inputs, str(workdir / "out"), spark=spark, store=store)
    spark.stop()
    return {"read": result.read, "stored": result.stored, "stories": result.stories,
            "blocks": result.blocks, "largest_block": result.largest_block,
            "seconds": {"session": round(session, 1), **result.seconds}}


def one(engine: str, inputs: list[str], workdir: str, workers: int, master: str) -> dict[str, Any]:
    started = time.perf_counter()
    if engine == "local":
        found = run_local(inputs, Path(workdir), workers)
    else:
        found = run_spark_engine(inputs, Path(workdir), master, with_store=engine == "spark-store")
    wall = time.perf_counter() - started
    found.update(engine=engine, wall_seconds=round(wall, 1), articles_per_second=round(found["read"] / wall, 1),
                 peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--engines", nargs="+", default=["local", "spark"], choices=["local", "spark", "spark-store"])
    parser.add_argument("--workers", type=int, default=2, help="analysis processes of the local engine")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--one", nargs=3, metavar=("ENGINE", "CORPUS", "WORKDIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        engine, corpus, workdir = args.one
        inputs = sorted(str(p) for p in Path(corpus).glob("*.jsonl"))
        print(json.dumps(one(engine, inputs, workdir, args.workers, args.master)))
        return
    results = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="storyline-bench-spark-") as tmp:
            corpus = Path(tmp) / "corpus"
            write_corpus(corpus, size, seed=size, files=max(4, size // 5000), bad_lines=0)
            for engine in args.engines:
                workdir = Path(tmp) / engine
                workdir.mkdir()
                # Each engine in its own process, so that its peak memory is its own.
                done = subprocess.run([sys.executable, __file__, "--one", engine, str(corpus), str(workdir),
                                       "--workers", str(args.workers), "--master", args.master],
                                      check=True, capture_output=True, text=True)
                results.append({"size": size, **json.loads(done.stdout.strip().splitlines()[-1])})
                print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
