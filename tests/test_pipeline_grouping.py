"""Grouping through the engine and the store: incremental runs keep story ids; every article placed once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.pipeline import group_store, ingest, publication_order
from storyline.store import Store

DEMO = Path(__file__).resolve().parents[1] / "demo" / "corpus"


def _placed_once(stories: list) -> dict[str, tuple[str, str]]:
    where: dict[str, tuple[str, str]] = {}
    for story in stories:
        event_articles = [a for event in story.events for a in event.articles]
        assert sorted(event_articles) == sorted(story.articles)
        for event in story.events:
            for article in event.articles:
                assert article not in where, f"{article} placed twice"
                where[article] = (story.id, event.id)
    return where


def test_pipeline_publication_order_keeps_undated_with_their_neighbours() -> None:
    keys = [("late", "2026-03-10"), ("late-undated", None), ("early", "2021-02-11"), ("early-undated", None)]
    assert publication_order(keys) == ["early", "early-undated", "late", "late-undated"]


def test_pipeline_group_store_is_incremental_and_keeps_story_ids(tmp_path: Path, store_url: str) -> None:
    first_half, second_half = tmp_path / "one", tmp_path / "two"
    outlets = sorted(p for p in DEMO.iterdir() if p.is_dir())
    for index, folder in enumerate(outlets):
        shutil.copytree(folder, (first_half if index % 2 == 0 else second_half) / folder.name)
    store = Store(store_url)
    run_one = ingest([str(first_half)], store)
    before = _placed_once(group_store(store, run_one.run_id).stories)
    assert before and set(before) == {a.id for a in store.articles()}
    run_two = ingest([str(second_half)], store)
    grouped = group_store(store, run_two.run_id)
    after = _placed_once(grouped.stories)
    assert grouped.placed == run_two.stored
    assert set(after) == {a.id for a in store.articles()}
    merged_away = {m["merged"] for m in grouped.merges}
    for article, (story, _event) in before.items():
        assert after[article][0] == story or story in merged_away
    assert store.assignments() == after
    assert group_store(store, run_two.run_id).placed == 0
    rows = {row["id"]: row for row in store.story_rows()}
    assert set(rows) == {s.id for s in grouped.stories}
    for story in grouped.stories:
        assert (rows[story.id]["articles"], rows[story.id]["events"]) == (len(story.articles), len(story.events))
    store.close()


def test_pipeline_group_store_twice_from_saved_state_gives_same_ids(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "s.db"))
    run = ingest([str(DEMO)], store)
    first = group_store(store, run.run_id).stories
    reopened = Store(str(tmp_path / "s.db"))
    assert [s.id for s in group_store(reopened, run.run_id).stories] == [s.id for s in first]


def test_cli_group_places_every_article_once(tmp_path: Path) -> None:
    lines = [{"id": f"a{i}", "text": text, "published": "2021-02-1" + str(i % 3)}
             for i, text in enumerate([
                 "Turkey's defence minister Hulusi Akar said Ankara would propose partial activation of the S-400.",
                 "Turkish Defense Minister Hulusi Akal told the newspaper the S-400 would not always be used.",
                 "The river Lise burst its banks in Aurelia, flooding two towns and killing two people.",
                 "Only boilerplate: Share this article",
             ])]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["group", str(source), "--out", str(tmp_path / "stories.json")])
    assert result.exit_code == 0, result.output
    stories = json.loads((tmp_path / "stories.json").read_text())["stories"]
    placed = [a for s in stories for e in s["events"] for a in e["articles"]]
    assert sorted(placed) == ["a0", "a1", "a2", "a3"]
    assert sorted(a for s in stories for a in s["articles"]) == sorted(placed)
    together = next(s for s in stories if "a0" in s["articles"])
    assert "a1" in together["articles"] and "a2" not in together["articles"]


@pytest.mark.skipif(not DEMO.is_dir(), reason="demo corpus absent")
def test_cli_run_writes_stories_of_the_demo(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["run", str(DEMO), "--db", str(tmp_path / "s.db"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "stories.json").read_text())
    assert len(report["stories"]) == 3
    assert sum(len(s["articles"]) for s in report["stories"]) == len(report["articles"]) == 14
