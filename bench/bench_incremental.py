"""An incremental run against the same new reports run alone (issue 21: "a run costs what its new
reports cost").

The reports come from :mod:`storyline.evaluate.realistic` (600-700-word wire-style reports). The
stream of ``--base`` + ``--added`` reports is generated once; the first ``--base`` (in stream
order) make a base store (``storyline run``, kept under ``--keep`` and reused when it is already
there). A run of one report already stored (``repeat``: it adds nothing) then leaves in a copy of
the base store whatever the code measured keeps for the next run (the report cache). Then, each
in a fresh process with the run's own stage clock (``STORYLINE_STAGE_TIMES``):

* ``incremental``: the ``--added`` reports run into a copy of that store;
* ``alone``: the same reports run into an empty store.

``ratio`` is the incremental run's CPU over the run alone (goal: at most 1.5); per stage too.
``touched`` counts the stories the incremental run reconciled (their records written by it) and
the reports they hold, new and stored: what reconciliation redoes. ``--profile`` also runs the incremental run once more under pyinstrument (another copy of the
base store) and writes its text profile beside the JSON. CPU is that of the process and the
workers it reaped (``os.wait4``).

Usage::

    .venv/bin/python bench/bench_incremental.py --base 2000 --added 200 --keep /tmp/inc --out inc.json
    .venv/bin/python bench/bench_incremental.py --keep /tmp/inc --profile   # base store reused

Prints one JSON document (and writes it to ``--out``). Generation is not timed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_end_to_end import write_stream  # noqa: E402

from storyline.evaluate.realistic import generate  # noqa: E402


def run(jsonl: Path, db: Path, out_dir: Path, args: argparse.Namespace, profile: Path | None = None) -> dict[str, Any]:
    """One ``storyline run`` in a fresh process: wall and CPU seconds, and its stage times."""
    stages = out_dir.with_suffix(".stages.json")
    stages.unlink(missing_ok=True)
    head = [args.python, "-m"]
    if profile:
        head = [args.python, "-m", "pyinstrument", "-r", "text", "-o", str(profile), "-m"]
    command = [*head, "storyline", "run", str(jsonl), "--db", f"sqlite:///{db}", "--out", str(out_dir),
               "--workers", str(args.workers)]
    env = {**os.environ, "STORYLINE_STAGE_TIMES": str(stages)}
    started = time.perf_counter()
    with open(out_dir.with_suffix(".err"), "wb") as err:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
    found = json.loads(stages.read_text(encoding="utf-8")) if stages.exists() else {}
    return {"returncode": os.waitstatus_to_exitcode(status), "wall_s": round(time.perf_counter() - started, 2),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "stages_cpu_s": {name: entry["cpu_s"] for name, entry in found.items()}}


def touched(db: Path) -> dict[str, int]:
    """The stories whose records the store's last run wrote, and the reports they hold."""
    with sqlite3.connect(db) as conn:
        last = conn.execute("SELECT MAX(run_id) FROM story_records").fetchone()[0]
        stories, reports = conn.execute(
            "SELECT COUNT(DISTINCT a.story_id), COUNT(*) FROM assignments a JOIN story_records r "
            "ON r.story_id = a.story_id WHERE r.run_id = ?", (last,)).fetchone()
        new = conn.execute("SELECT COUNT(*) FROM articles WHERE run_id = (SELECT MAX(id) FROM runs)").fetchone()[0]
    return {"stories": stories, "reports": reports, "new_reports": new}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=2000)
    parser.add_argument("--added", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--days", type=float, default=3.0)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--keep", type=Path, required=True, help="streams, stores and reports go here")
    parser.add_argument("--profile", action="store_true", help="profile the incremental run (pyinstrument)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    root = args.keep / f"b{args.base}-a{args.added}-s{args.seed}"
    root.mkdir(parents=True, exist_ok=True)
    base_db, added = root / "base.db", root / "added.jsonl"
    report: dict[str, Any] = {"benchmark": "incremental", "base": args.base, "added": args.added,
                              "workers": args.workers, "seed": args.seed}
    if not base_db.exists() or not added.exists():
        records = generate(args.base + args.added, seed=args.seed, days=args.days)
        write_stream(root / "base.jsonl", records[: args.base])
        write_stream(added, records[args.base :])
        report["base_run"] = run(root / "base.jsonl", root / "base.tmp.db", root / "base-out", args)
        os.replace(root / "base.tmp.db", base_db)
    # What the last run left: one run that adds nothing (a repeat of a stored report) with the code
    # measured, so that whatever a run keeps for the next one (the report cache) is there.
    with (root / "base.jsonl").open(encoding="utf-8") as base:
        (root / "repeat.jsonl").write_text(base.readline(), encoding="utf-8")
    shutil.copyfile(base_db, root / "primed.db")
    report["repeat"] = run(root / "repeat.jsonl", root / "primed.db", root / "repeat-out", args)
    shutil.copyfile(root / "primed.db", root / "inc.db")
    report["incremental"] = run(added, root / "inc.db", root / "inc-out", args)
    report["touched"] = touched(root / "inc.db")
    (root / "alone.db").unlink(missing_ok=True)
    report["alone"] = run(added, root / "alone.db", root / "alone-out", args)
    inc, alone = report["incremental"], report["alone"]
    report["ratio"] = round(inc["cpu_s"] / alone["cpu_s"], 2)
    report["stage_ratio"] = {name: round(cpu / alone["stages_cpu_s"][name], 2)
                             for name, cpu in inc["stages_cpu_s"].items() if alone["stages_cpu_s"].get(name)}
    if args.profile:
        shutil.copyfile(root / "primed.db", root / "prof.db")
        profile = root / "incremental.profile.txt"
        report["profiled"] = run(added, root / "prof.db", root / "prof-out", args, profile)
        report["profile"] = str(profile)
    text = json.dumps(report, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
