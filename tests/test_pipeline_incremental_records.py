"""Issue 21 item 2: a story's record after an incremental run is the record a fresh run over all
its reports makes. A second run adds reports to stories of a stored first run (new reports, a
copy of a stored report under another outlet, an exact repeat, a line that is no article); every
story of the incremental store must then hold the record that reconciling it once, from its
reports' own analyses (a fresh store of the same reports), gives, and a fresh run's stories with
the same reports must hold the same record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storyline import pipeline
from storyline.config import IngestConfig
from storyline.evaluate.realistic import generate
from storyline.model import Story
from storyline.pipeline import GroupResult, ingest, reconcile_store
from storyline.present.run import run
from storyline.reconcile.story import reconcile_story
from storyline.store import Store


def _write(path: Path, records: list[dict[str, Any]], extra: str = "") -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records) + extra, encoding="utf-8")
    return str(path)


def _run(store: Store, source: str, out: Path) -> None:
    config = IngestConfig(languages=("en",), workers=1)
    run(store, out, ingest([source], store, config, command="run", keep_open=True))


def _stories(store: Store) -> dict[frozenset[str], str]:
    """Each story's reports → its id."""
    return {frozenset(s.articles): s.id for s in pipeline.group_store(store, store.start_run("test", [], {})).stories}


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Store, list[dict[str, Any]]]:
    tmp = tmp_path_factory.mktemp("incremental")
    records = sorted(generate(48, seed=8, days=4.0), key=lambda r: r["published"])
    base, added = records[:36], records[36:]
    copied = dict(base[-1], id=base[-1]["id"] + "-copy", source="copy.example", text=base[-1]["text"] + "\n\nThe regional desk added details from local officials, who spoke on condition of anonymity.")
    added = [*added, copied, base[0]]  # a copy under another outlet, an exact repeat
    incremental = Store(f"sqlite:///{tmp / 'incremental.db'}")
    _run(incremental, _write(tmp / "base.jsonl", base), tmp / "out1")
    _run(incremental, _write(tmp / "added.jsonl", added, extra="{not json\n"), tmp / "out2")
    fresh = Store(f"sqlite:///{tmp / 'fresh.db'}")
    _run(fresh, _write(tmp / "all.jsonl", [*base, *added]), tmp / "out3")
    return incremental, fresh, records


def test_an_incremental_story_record_is_the_fresh_reconciliation_of_its_reports(stores: Any) -> None:
    incremental, fresh, _ = stores
    grouped = pipeline.group_store(incremental, incremental.start_run("test", [], {}))
    records = incremental.story_records()
    second = incremental.ids_of_run(max(r["id"] for r in incremental.runs() if r["command"] == "run"))
    grown = [s for s in grouped.stories if set(s.articles) & second and set(s.articles) - second]
    assert len(grown) >= 2  # stories of the first run that the second one added to
    copy = next(a.id for a in incremental.articles_by_id(sorted(second)) if a.source == "copy.example")
    assert any(copy in s.articles and len(set(s.articles) - second) for s in grouped.stories)  # joined its original
    assert all(r["status"] == "done" for r in incremental.runs() if r["command"] == "run")
    assert any("malformed JSON" in e["message"] for e in incremental.errors())  # the bad line: an error, stored
    for story in grouped.stories:
        raw = list(fresh.annotated(story.articles))  # the reports' analyses, reconciled once in the fresh store
        if len(raw) < len(story.articles):
            continue
        expected, _ = reconcile_story(story, raw)
        assert json.loads(json.dumps(expected)) == records[story.id], story.id


def test_a_fresh_run_and_an_incremental_run_agree_on_the_stories_they_share(stores: Any) -> None:
    incremental, fresh, _ = stores
    mine, theirs = _stories(incremental), _stories(fresh)
    shared = set(mine) & set(theirs)
    assert len(shared) >= 0.8 * len(mine)
    ours, other = incremental.story_records(), fresh.story_records()
    assert any(len(reports) > 2 for reports in shared)
    for reports in shared:
        assert ours[mine[reports]] == other[theirs[reports]]


def test_a_merged_story_is_reconciled_as_a_fresh_run_would(stores: Any) -> None:
    """Two stored stories merged (as grouping merges them when a report bridges them): the merged
    story's record, made from the two stories' stored reconciled analyses, is the one its
    reports' own analyses give."""
    incremental, fresh, _ = stores
    grouped = pipeline.group_store(incremental, incremental.start_run("test", [], {}))
    one, two = sorted(grouped.stories, key=lambda s: -len(s.articles))[:2]
    merged = Story(id=one.id, title=one.title, articles=one.articles + two.articles, events=one.events + two.events)
    only = GroupResult(stories=[merged], placed=0, merges=[], touched=frozenset({merged.id}))
    assert reconcile_store(incremental, incremental.start_run("test", [], {}), only, workers=1) == 1
    expected, _ = reconcile_story(merged, list(fresh.annotated(merged.articles)))
    assert incremental.story_records_of([merged.id])[merged.id] == json.loads(json.dumps(expected))
    assert set(expected["report_dates"]) <= set(merged.articles)
    assert {a for f in expected["facts"] for a in f["articles"]} & set(two.articles)
