#!/usr/bin/env python3
"""End-to-end speed per language: articles per CPU-second of `storyline run`, by corpus and language.

Usage (from the repository root):

    .venv/bin/python bench/bench_languages.py                # every corpus below
    .venv/bin/python bench/bench_languages.py --only crisis-es,meantime-en --out bench-languages.json
    .venv/bin/python bench/bench_languages.py --src /tmp/old-tree/src     # A/B: another checkout's code

Corpora, built from ../shared (not timed):

- ``meantime-<lang>`` for en, es, it, nl: the same 60 Wikinews articles in four languages
  (professional translations), so the languages are compared on the same content;
- ``crisis-<lang>`` for es, fr, it: the crawled reports of ml-crisis-tls, pages with their
  furniture, as a user would give them (no title, no outlet);
- ``multiling-en``: the 100 English Wikinews articles of mds-multiling2011 (longer reports);
- ``crisis-all``: the 740 crawled reports together (the multilingual corpus of the issue).

Each corpus is written as Article JSONL and run by ``storyline run`` in a fresh subprocess with a
fresh SQLite store (ingest, analysis, grouping, reconciliation, reports), so every process pays
its own imports and model loads, as a user's run does. Reported: wall seconds, CPU seconds of the
child (user + system, from wait4), articles per CPU-second, peak RSS (MB). Prints a Markdown table
and, with ``--out``, writes the JSON. A script, not a test; exits 0 with a message when ../shared
is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))


def _meantime(language: str) -> list[dict]:
    from storyline.evaluate.meantime_ml import read_meantime_ml  # noqa: PLC0415

    found = read_meantime_ml(SHARED / "data" / "meantime-ml", language)
    return [{"id": a.id, "text": a.text, "published": a.published, "language": a.language} for a in found.articles]


def _crisis(language: str | None) -> list[dict]:
    from storyline.evaluate.crisis import crisis_corpus  # noqa: PLC0415

    articles, _ = crisis_corpus(SHARED / "data" / "ml-crisis-tls")
    return [{"id": a.id, "text": a.text, "published": a.published, "language": a.language}
            for a in articles if language is None or a.language == language]


def _multiling() -> list[dict]:
    rows = []
    with gzip.open(SHARED / "data" / "mds-multiling2011" / "multiling2011-en.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            for doc in json.loads(line)["docs"]:
                rows.append({"id": doc["id"], "text": doc["text"], "language": "en"})
    return rows


CORPORA = {
    **{f"meantime-{lang}": (lambda lang=lang: _meantime(lang)) for lang in ("en", "es", "it", "nl")},
    **{f"crisis-{lang}": (lambda lang=lang: _crisis(lang)) for lang in ("es", "fr", "it")},
    "multiling-en": _multiling,
    "crisis-all": lambda: _crisis(None),
}


def run_one(name: str, rows: list[dict], scratch: Path, src: Path | None = None) -> dict:
    corpus = scratch / f"{name}.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    command = [str(ROOT / ".venv" / "bin" / "storyline"), "run", str(corpus), "--db", str(scratch / f"{name}.db"),
               "--out", str(scratch / name)]
    started = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(src)} if src else None
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{name}: storyline run failed: {process.stderr.read().decode()[-500:]}")
    cpu = usage.ru_utime + usage.ru_stime
    words = sum(len(r["text"].split()) for r in rows)
    return {"corpus": name, "articles": len(rows), "words_per_article": round(words / max(1, len(rows))),
            "wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "articles_per_cpu_s": round(len(rows) / cpu, 1),
            "peak_rss_mb": round(usage.ru_maxrss / 1024)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="comma-separated corpus names (default: all)")
    parser.add_argument("--out", type=Path, help="write the results as JSON")
    parser.add_argument("--src", type=Path, help="run the storyline package found in this folder (A/B runs)")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"bench_languages: {SHARED} is absent; nothing to measure")
        return 0
    names = args.only.split(",") if args.only else list(CORPORA)
    unknown = [n for n in names if n not in CORPORA]
    if unknown:
        parser.error(f"unknown corpus {unknown[0]!r}; known: {', '.join(CORPORA)}")
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        for name in names:
            results.append(run_one(name, CORPORA[name](), Path(scratch), args.src))
            print(json.dumps(results[-1]), flush=True)
    print("\n| corpus | articles | words/article | wall s | CPU s | articles per CPU-second | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['corpus']} | {r['articles']} | {r['words_per_article']} | {r['wall_s']} | {r['cpu_s']} | "
              f"{r['articles_per_cpu_s']} | {r['peak_rss_mb']} |")
    if args.out:
        args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
