"""The grouper's saved state: one JSON text against parts (issue 21 item 2), on an existing store.

Reads the grouper state of a filled store (``bench_end_to_end.py --keep DIR`` leaves
``DIR/n2000/store.db``), then, in a fresh SQLite file beside ``--work``:

* ``blob``: what a run paid before: ``json.dumps`` of the whole state and its parse, and the
  size of the text written every run;
* ``parts``: the first save in parts, a load, a save of the same state (what an unchanged run
  writes) and a save after one new report's place and one story changed (what a small run
  writes), with the rows each save wrote.

CPU seconds (process time), one line of JSON. Usage::

    .venv/bin/python bench/bench_grouper_state.py --db /tmp/e2e/n2000/store.db --work /tmp/gs.db
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

from storyline.store import Store


def _timed(work: Any) -> tuple[Any, float]:
    started = time.process_time()
    value = work()
    return value, round(time.process_time() - started, 3)


def _rows(db: Path, run_id: int) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("select count(*) from grouper_parts where run_id = ?", (run_id,)).fetchone()[0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a filled store (only read)")
    parser.add_argument("--work", type=Path, required=True, help="a new SQLite file for the parts")
    args = parser.parse_args(argv)
    state = Store(args.db).load_state("grouper")
    if not state:
        print(json.dumps({"error": "no grouper state in that store"}))
        return 1
    text, dump_s = _timed(lambda: json.dumps(state))
    _, parse_s = _timed(lambda: json.loads(text))
    args.work.unlink(missing_ok=True)
    store = Store(f"sqlite:///{args.work}")
    runs = [store.start_run("bench", [], {}) for _ in range(3)]
    _, first_s = _timed(lambda: store.save_grouping_parts(runs[0], state, None, {}, []))
    (loaded, parts), load_s = _timed(store.load_grouper_state)
    parts, same_s = _timed(lambda: store.save_grouping_parts(runs[1], loaded, parts, {}, []))
    changed = {**loaded, "where": {**loaded["where"], "new-report": ["s-new", "e-new"]},
               "stories": [[*loaded["stories"][0][:1], "changed", *loaded["stories"][0][2:]], *loaded["stories"][1:]]}
    _, small_s = _timed(lambda: store.save_grouping_parts(runs[2], changed, parts, {}, []))
    print(json.dumps({
        "state_mb": round(len(text) / 2**20, 2), "parts": sum(len(v) for v in parts.known.values()),
        "blob": {"dumps_s": dump_s, "parse_s": parse_s, "written_mb_per_run": round(len(text) / 2**20, 2)},
        "parts_cpu_s": {"first_save": first_s, "load": load_s, "unchanged_save": same_s, "small_change_save": small_s},
        "rows_written": {"unchanged_save": _rows(args.work, runs[1]), "small_change_save": _rows(args.work, runs[2])},
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
