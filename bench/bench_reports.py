"""The report stage alone on an existing store: CPU, peak memory, output size (issue 21 item 1).

Opens a store a run has filled (``bench_end_to_end.py --keep DIR`` leaves ``DIR/n2000/store.db``),
restores the saved grouper's stories as ``storyline run`` does, then writes stories.json,
report.md and report.html the way a run's report stage does (:func:`storyline.present.run.
write_run_reports`), in this process, and prints one JSON line:

* ``cpu_s`` of the report stage (process time), ``ms_per_article``;
* ``rss_before_mb`` (resident after the grouper's stories are in memory) and ``peak_rss_mb``
  (the process's high-water mark, ``ru_maxrss``), so ``peak_rss_mb - rss_before_mb`` is what
  report writing added;
* the sizes of the three files.

Usage::

    .venv/bin/python bench/bench_reports.py --db /tmp/e2e/n2000/store.db --out /tmp/reports-out

The store is only read (give a copy when in doubt). Run each measurement in a fresh process: the
peak is the process's.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from storyline.group import StoryGrouper
from storyline.pipeline import GroupResult, IngestResult
from storyline.present.run import write_run_reports
from storyline.store import Store


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as stream:
        pages = int(stream.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="SQLite file or URL of a filled store")
    parser.add_argument("--out", type=Path, required=True, help="folder for the three files")
    args = parser.parse_args(argv)
    store = Store(args.db)
    state = store.load_state("grouper")
    stories = StoryGrouper.from_state(state).stories() if state else []
    del state
    grouped = GroupResult(stories=stories, placed=0, merges=[])
    result = IngestResult(run_id=0)
    articles = store.count_articles()
    before = _rss_mb()
    started = time.process_time()
    paths = write_run_reports(store, args.out, result, grouped, 0, 0)
    cpu = time.process_time() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "articles": articles, "stories": len(stories), "cpu_s": round(cpu, 2),
        "ms_per_article": round(1000 * cpu / max(articles, 1), 2),
        "rss_before_mb": round(before, 1), "peak_rss_mb": round(peak, 1),
        "files_mb": {p.name: round(p.stat().st_size / 2**20, 2) for p in (paths.stories, paths.markdown, paths.html)},
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
