"""End to end: `storyline run` on a generated day of world news at several sizes (issue 21).

The reports come from :mod:`storyline.evaluate.realistic` (600-700 words; stories of bounded size
about overlapping countries and people; wire copies, rewrites, updates over several days; known
stories and events). For each size N the script writes the stream to a temporary JSONL file and
runs ``storyline run FILE --db sqlite:///... --out ... --workers W`` in a fresh process, then:

* ``wall_s`` and ``cpu_s`` (user + system of the process and every worker it reaped, from
  ``os.wait4``), ``articles_per_cpu_s`` (stored articles over CPU seconds);
* ``stages``: wall and CPU seconds of ingest, analysis, grouping, reconciliation and reports,
  written by the run itself (``STORYLINE_STAGE_TIMES``, :mod:`storyline.stage_clock`), and CPU
  milliseconds per stored article beside the issue's budget;
* ``peak_tree_rss_mb``: the largest sum of RSS over the process tree, sampled from ``/proc``;
* ``stories_json_mb``; ``story_bcubed`` and ``event_bcubed`` of stories.json against the known
  labels (exact repeats, dropped by the store, are not scored);
* at the largest size, ``incremental``: the stream was generated with 10 % more reports; the
  first N (in publication order) made the fresh run, the last 10 % are then run into the same
  store, and ``cpu_per_new_report_ratio`` is that run's CPU per new report over the fresh run's
  CPU per report (goal: at most 1.5).

``projection`` extrapolates each stage's CPU to larger sizes: from the two largest sizes, each
stage's cost is fitted as a * N^b (b = 1 when only one size ran) and summed.

Usage::

    .venv/bin/python bench/bench_end_to_end.py                       # 10k, 30k, 100k (hours)
    .venv/bin/python bench/bench_end_to_end.py --sizes 2000 10000 --out e2e.json
    .venv/bin/python bench/bench_end_to_end.py --sizes 2000 --keep /tmp/e2e   # keep the files

Prints one JSON document (and writes it to ``--out``). Generation is not timed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ingest import _timeline, tree_rss  # noqa: E402

from storyline.evaluate.grouping import bcubed  # noqa: E402
from storyline.evaluate.realistic import describe, generate  # noqa: E402

#: The issue's CPU budget per article of ~650 words, in milliseconds.
BUDGET_MS = {"ingest": 3.0, "analyze": 5.0, "group": 1.5, "reconcile": 2.0, "reports": 0.5}


def write_stream(path: Path, records: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_storyline(jsonl: Path, db: Path, out_dir: Path, workers: int | None, python: str,
                  sample: float) -> dict[str, Any]:
    """One ``storyline run`` in a fresh process: times, memory, the stage times it wrote."""
    stage_file = out_dir.with_suffix(".stages.json")
    command = [python, "-m", "storyline", "run", str(jsonl), "--db", f"sqlite:///{db}", "--out", str(out_dir)]
    if workers:
        command += ["--workers", str(workers)]
    env = {**os.environ, "STORYLINE_STAGE_TIMES": str(stage_file)}
    samples: list[tuple[float, int]] = []
    load = [round(x, 2) for x in os.getloadavg()]
    started = time.perf_counter()
    with open(out_dir.with_suffix(".err"), "wb") as err:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL, env=env)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            samples.append((time.perf_counter() - started, tree_rss(proc.pid)[0]))
            time.sleep(sample)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    result: dict[str, Any] = {
        "returncode": code, "wall_s": round(wall, 1), "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_tree_rss_mb": round(max([usage.ru_maxrss / 1024] + [r / 2**20 for _, r in samples]), 1),
        "max_process_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "rss_timeline_mb": _timeline(samples, 10), "loadavg_before": load,
        "stages": json.loads(stage_file.read_text()) if stage_file.is_file() else {},
    }
    if code:
        result["stderr_tail"] = out_dir.with_suffix(".err").read_text(errors="replace")[-2000:]
    return result


def score(stories_json: Path, records: list[dict[str, Any]]) -> dict[str, Any]:
    """Story and event B-cubed of the reports against the generator's labels."""
    data = json.loads(stories_json.read_text(encoding="utf-8"))
    by_url = {r["url"]: r for r in records}
    url_of = {a["id"]: a.get("url") for a in data.get("articles", [])}
    story, event, gold_story, gold_event = {}, {}, {}, {}
    for item in data["stories"]:
        for ev in item.get("events", []):
            for article in ev.get("articles", []):
                record = by_url.get(url_of.get(article))
                if record is None:
                    continue
                story[article], event[article] = item["id"], ev["id"]
                gold_story[article], gold_event[article] = record["gold_story"], record["gold_event"]
    return {"stories": len(data["stories"]), "story_bcubed": bcubed(story, gold_story),
            "event_bcubed": bcubed(event, gold_event)}


def per_article(run: dict[str, Any], articles: int) -> dict[str, Any]:
    """CPU ms per article by stage, beside the budget, and articles per CPU second."""
    stages = {name: round(1000 * s["cpu_s"] / articles, 2) for name, s in run["stages"].items()} if articles else {}
    return {"stage_cpu_ms_per_article": stages, "budget_ms": BUDGET_MS,
            "articles_per_cpu_s": round(articles / run["cpu_s"], 1) if run["cpu_s"] else None}


def project(sizes: list[dict[str, Any]], targets: list[int]) -> dict[str, Any]:
    """Each stage's CPU fitted as a * N^b over the two largest sizes, summed at the targets."""
    done = [s for s in sizes if s["run"]["stages"]]
    if not done:
        return {}
    last, first = done[-1], done[-2] if len(done) > 1 else None
    fits = {}
    for stage, measured in last["run"]["stages"].items():
        b = 1.0
        if first and stage in first["run"]["stages"] and first["run"]["stages"][stage]["cpu_s"] > 0:
            ratio = measured["cpu_s"] / first["run"]["stages"][stage]["cpu_s"]
            b = math.log(ratio) / math.log(last["stored"] / first["stored"]) if ratio > 0 else 1.0
        fits[stage] = (measured["cpu_s"] / last["stored"] ** b, b)
    out = {"fit": {k: {"exponent": round(b, 2)} for k, (_, b) in fits.items()}}
    for n in targets:
        cpu = {k: a * n**b for k, (a, b) in fits.items()}
        out[str(n)] = {"cpu_s": round(sum(cpu.values())), "by_stage_cpu_s": {k: round(v) for k, v in cpu.items()},
                       "articles_per_cpu_s": round(n / sum(cpu.values()), 1)}
    return out


def _stored(out_dir: Path) -> int | None:
    """How many articles the last run stored, from its stories.json."""
    path = out_dir / "stories.json"
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as stream:
        head = stream.read(4096)  # the run summary comes first
    start = head.find('"run"')
    if start < 0:
        return None
    found = json.JSONDecoder().raw_decode(head[head.index("{", start):])[0]
    return found.get("stored")


def one_size(size: int, args: argparse.Namespace, root: Path, incremental: bool) -> dict[str, Any]:
    total = round(size * (1 + args.added)) if incremental else size
    records = generate(total, seed=args.seed, days=args.days)
    fresh, added = records[:size], records[size:]
    folder = root / f"n{size}"
    folder.mkdir(parents=True, exist_ok=True)
    write_stream(folder / "fresh.jsonl", fresh)
    db, out_dir = folder / "store.db", folder / "out"
    run = run_storyline(folder / "fresh.jsonl", db, out_dir, args.workers, args.python, args.sample)
    stored = _stored(out_dir) or len({r["text"] for r in fresh})
    entry: dict[str, Any] = {"size": size, "stream": describe(fresh), "stored": stored, "run": run,
                             **per_article(run, stored)}
    if run["returncode"] == 0:
        entry["stories_json_mb"] = round((out_dir / "stories.json").stat().st_size / 2**20, 1)
        entry["quality"] = score(out_dir / "stories.json", fresh)
    if incremental and added and run["returncode"] == 0:
        write_stream(folder / "added.jsonl", added)
        seen = {r["text"] for r in fresh}
        again = run_storyline(folder / "added.jsonl", db, out_dir, args.workers, args.python, args.sample)
        new = _stored(out_dir) or len({r["text"] for r in added} - seen)
        fresh_per = run["cpu_s"] / stored
        entry["incremental"] = {
            "new_reports": new, "run": again, **per_article(again, new),
            "cpu_per_new_report_s": round(again["cpu_s"] / new, 4) if new else None,
            "fresh_cpu_per_report_s": round(fresh_per, 4),
            "cpu_per_new_report_ratio": round(again["cpu_s"] / new / fresh_per, 2) if new else None,
        }
        if again["returncode"] == 0:
            entry["incremental"]["quality"] = score(out_dir / "stories.json", records)
    return entry


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--workers", type=int, default=None, help="--workers of storyline run (default: its own)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--days", type=float, default=3.0, help="days over which stories start")
    parser.add_argument("--added", type=float, default=0.10, help="share of new reports for the incremental run")
    parser.add_argument("--project", type=int, nargs="*", default=[100_000, 300_000])
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--sample", type=float, default=0.2, help="seconds between RSS samples")
    parser.add_argument("--keep", type=Path, help="keep the streams, stores and reports here")
    parser.add_argument("--out", type=Path, help="also write the JSON here")
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="storyline-e2e-"))
    root.mkdir(parents=True, exist_ok=True)
    sizes = sorted(args.sizes)
    try:
        runs = [one_size(n, args, root, incremental=n == sizes[-1]) for n in sizes]
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    report = {"benchmark": "end_to_end", "python": sys.version.split()[0], "machine": platform.machine(),
              "cpus": os.cpu_count(), "workers": args.workers, "seed": args.seed, "days": args.days,
              "sizes": runs, "projection": project(runs, args.project)}
    text = json.dumps(report, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 1 if any(r["run"]["returncode"] for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
