"""Issue 21: reconciliation in worker processes commits exactly what one process commits, and a
run records its stage times when asked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline import pipeline
from storyline.config import IngestConfig
from storyline.evaluate.synthetic import write_corpus
from storyline.pipeline import ingest
from storyline.present.run import run
from storyline.stage_clock import CLOCK, STAGE_TIMES_ENV
from storyline.store import Store


def _run(folder: Path, tmp: Path, workers: int) -> tuple[dict, dict]:
    store = Store(f"sqlite:///{tmp / f'w{workers}.db'}")
    result = ingest([str(folder)], store, IngestConfig(), keep_open=True)
    paths = run(store, tmp / f"out{workers}", result, workers=workers)
    stories = json.loads(paths.stories.read_text(encoding="utf-8"))
    stories["run"].pop("run_id")
    return stories, store.story_records()


def test_two_workers_reconcile_exactly_as_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "MIN_PARALLEL_ARTICLES", 0)  # a pool even for a small corpus
    folder = tmp_path / "corpus"
    write_corpus(folder, 120, seed=5, files=2, bad_lines=0)
    one, records_one = _run(folder, tmp_path, 1)
    two, records_two = _run(folder, tmp_path, 2)
    assert len(one["stories"]) > 5 and sum(len(s["facts"]) for s in one["stories"]) > 0
    assert two == one
    assert records_two == records_one


def test_stage_times_are_written_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "stages.json"
    monkeypatch.setenv(STAGE_TIMES_ENV, str(target))
    monkeypatch.setattr(CLOCK, "stages", {})
    folder = tmp_path / "corpus"
    write_corpus(folder, 20, seed=1, files=1, bad_lines=0)
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    run(store, tmp_path / "out", ingest([str(folder)], store, IngestConfig(), keep_open=True))
    stages = json.loads(target.read_text())
    assert list(stages) == ["ingest", "analyze", "group", "reconcile", "reports"]
    assert all(s["cpu_s"] >= 0 and s["wall_s"] >= 0 for s in stages.values())
    assert stages["analyze"]["cpu_s"] > 0
