"""Concurrent `storyline run`s (issue 22, item 6; found by the session-10 audit): three processes run
the whole pipeline on the same articles into one store at once. Before, on PostgreSQL, two of them
crashed with a traceback (``UniqueViolation`` on ``annotations_pkey`` or ``stories_pkey``: each
analysed and grouped the same new articles); now the stages after ingest take the store's stages
lock, one process at a time. Every process exits 0 without a traceback, each article is stored,
analysed and assigned once, each story has its record, every run ends ``done``. SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, func, select

from storyline.store import schema

RUNS = 3
TOPICS = [
    "The harbour council of {town} voted on Monday to build a new bridge across the river. Mayor Alice Brown "
    "said the bridge would cost {n} million pounds.",
    "Fishermen in {town} protested on Tuesday outside the port authority against new cod quotas. Union leader "
    "John Smith said the quotas would cut catches by a third.",
    "Voters in {town} elected Peter Walsh as mayor on Sunday, with {n} percent of the vote. Walsh promised to "
    "fix the roads.",
]


def test_concurrent_runs_neither_crash_nor_double_anything(store_url: str, tmp_path: Path) -> None:
    corpus = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": f"a{t}-{k}", "language": "en", "published": f"2021-03-{10 + k:02d}",
                         "text": text.format(town=f"Town{t}", n=30 + k) + f" Report {k}."})
             for t, text in enumerate(TOPICS) for k in range(8)]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    runs = [subprocess.Popen([sys.executable, "-m", "storyline", "run", str(corpus), "--db", store_url,
                              "--out", str(tmp_path / f"out{n}"), "--workers", "1"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in range(RUNS)]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (_, stderr) in zip(runs, outputs, strict=True):
        assert run.returncode == 0 and "Traceback" not in stderr, stderr[-2000:]
    engine = create_engine(store_url)
    with engine.connect() as conn:
        def count(table: str) -> int:
            return int(conn.execute(select(func.count()).select_from(schema.metadata.tables[table])).scalar_one())

        assert count("articles") == count("annotations") == count("assignments") == len(lines)
        assert count("stories") == count("story_records") >= len(TOPICS) - 1
        statuses = conn.execute(select(schema.runs.c.status)).scalars().all()
    engine.dispose()
    assert statuses == ["done"] * RUNS
