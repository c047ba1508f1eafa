"""Issue 21: reconciling a story again writes back only the reports' analyses that changed, and
the store then holds exactly what reconciliation gave for every report of the story."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from storyline import pipeline
from storyline.config import IngestConfig
from storyline.evaluate.realistic import generate
from storyline.model import Annotated
from storyline.pipeline import GroupResult, ingest, reconcile_store
from storyline.present.run import run
from storyline.store import Store, schema


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    source = tmp_path / "in.jsonl"
    records = generate(30, seed=8, days=100.0)
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    config = IngestConfig(languages=("en",), workers=1)
    run(store, tmp_path / "out", ingest([str(source)], store, config, command="run", keep_open=True))
    return store


def test_only_changed_analyses_are_written_and_the_store_holds_the_reconciled_ones(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    grouped = pipeline.group_store(store, store.start_run("test", [], {}))
    story = max(grouped.stories, key=lambda s: len(s.articles))
    assert len(story.articles) >= 3
    spoiled = story.articles[1]
    table = schema.annotations
    with store.engine.begin() as conn:  # one report's stored analysis no longer what reconciliation gives
        data = json.loads(conn.execute(select(table.c.data).where(table.c.article_id == spoiled)).scalar_one())
        assert data["entities"], "the report names nobody: pick another"
        data["entities"] = [{**mention, "entity": "Nobody Known"} for mention in data["entities"]]
        conn.execute(update(table).where(table.c.article_id == spoiled).values(data=json.dumps(data)))
    given: list[Annotated] = []
    written: list[str] = []
    original_job, original_save = pipeline._reconcile_job, store.save_reconciled

    def job(item: Any) -> Any:
        record, reconciled = original_job(item)
        given.extend(reconciled)
        return record, reconciled

    def save(run_id: int, records: Any, annotated: Any) -> None:
        written.extend(a.article.id for a in annotated)
        original_save(run_id, records, annotated)

    monkeypatch.setattr(pipeline, "_reconcile_job", job)
    monkeypatch.setattr(store, "save_reconciled", save)
    only = GroupResult(stories=[story], placed=0, merges=[], touched=frozenset({story.id}))
    assert reconcile_store(store, store.start_run("test", [], {}), only, workers=1) == 1
    assert spoiled in written and len(written) < len(story.articles)
    assert list(store.annotated(story.articles)) == given
