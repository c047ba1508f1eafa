"""``storyline correct``: the web forms' corrections from the command line, through the entry
point, on a store the real pipeline built; the same records as the web API writes; errors in one
line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storyline import corrections
from storyline.cli import app
from storyline.store import Store, queries

pytest.importorskip("fastapi", reason="the web extra is not installed (the test store is built by its ingest)")

from tests.present.conftest import TOKEN, web_db, web_store_template  # noqa: E402,F401  (fixtures)


@pytest.fixture()
def db(web_db: str) -> str:
    """A private copy of the web tests' store, which the pipeline built (tests/present/conftest.py),
    as a file path."""
    return web_db.removeprefix("sqlite:///")


def _run(db: str, *args: str) -> Any:
    return CliRunner().invoke(app, ["correct", *args, "--db", db])


def _story(db: str, word: str) -> str:
    with Store(db) as store:
        _, rows = queries.list_stories(store, queries.StoryFilter(text=word), limit=5)
    return str(rows[0]["id"])


def _listed(db: str, story: str | None = None) -> list[dict[str, Any]]:
    result = _run(db, "list", *([story] if story else []), "--json")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _entities(db: str, story: str) -> dict[str, dict[str, Any]]:
    with Store(db) as store:
        row = queries.story_row(store, story)
        assert row is not None
        _, record = corrections.apply(row["title"], queries.story_record(store, story),
                                      corrections.for_story(store, story))
    return {e["name"]: e for e in record["entities"]}


def _placed(db: str, article: str) -> str:
    with Store(db) as store:
        return str(store.assignments([article])[article][0])


def test_correct_cli_merges_and_splits_entities_then_undoes(db: str) -> None:
    flood, levy = _story(db, "Lise"), _story(db, "levy")
    merged = _run(db, "merge-entities", flood, "aurélie", "--into", "AURELIA", "--author", "Ana",
                  "--note", "one place")
    assert merged.exit_code == 0, merged.output
    assert "'Aurélie' is 'Aurelia'" in merged.stdout and "by Ana" in merged.stdout
    assert "Aurélie" not in _entities(db, flood) and "Aurélie" in _entities(db, flood)["Aurelia"]["aliases"]
    split = _run(db, "split-entity", levy, "Amara Okonjo", "--spelling", "amara okondzho")
    assert split.exit_code == 0, split.output
    assert list(_entities(db, levy)["Amara Okondzho"]["aliases"]) == ["Amara Okondzho"]
    belmont = _entities(db, flood)["Belmont"]["mentions"][-1]
    span = f"{belmont['article']}:{belmont['start']}:{belmont['end']}"
    by_mention = _run(db, "split-entity", flood, "Belmont", "--mention", span)
    assert by_mention.exit_code == 0, by_mention.output
    made = _listed(db, flood)
    assert [(c["kind"], c["target"], c["author"], c["note"]) for c in made] == [
        ("merge_entities", "Aurélie", "Ana", "one place"), ("split_mention", "Belmont", made[1]["author"], None)]
    assert made[1]["value"] == f"Belmont @ {span}"  # recorded with its words, as the web form records it
    undone = _run(db, "undo", flood, str(made[0]["id"]), "--author", "Cleo")
    assert undone.exit_code == 0, undone.output
    assert "Aurélie" in _entities(db, flood)
    assert [(c["active"], c["undone_by"]) for c in _listed(db, flood)][0] == (False, "Cleo")
    assert {c["story_id"] for c in _listed(db)} == {flood, levy}


def test_correct_cli_moves_a_report_and_splits_a_story_in_the_store(db: str) -> None:
    flood, levy = _story(db, "Lise"), _story(db, "levy")
    moved = _run(db, "move-report", levy, "levy-b", "--to", f"http://127.0.0.1:8000/stories/{flood}")
    assert moved.exit_code == 0, moved.output
    assert _placed(db, "levy-b") == flood  # regrouped in the store before the command returned
    split = _run(db, "split-story", levy, "levy-c")
    assert split.exit_code == 0, split.output
    new = next(c["target"] for c in _listed(db, levy) if c["kind"] == "split_story")
    assert _placed(db, "levy-c") == new and _placed(db, "levy-a") == levy
    with Store(db) as store:
        assert store.stale_story_ids() == []  # the stories it changed were reconciled again
        assert queries.story_row(store, new) is not None
    move = next(c for c in _listed(db, flood) if c["kind"] == "move_report")
    assert _run(db, "undo", flood, str(move["id"])).exit_code == 0
    assert _placed(db, "levy-b") == levy


def test_correct_cli_writes_the_records_the_web_api_writes(db: str) -> None:
    from fastapi.testclient import TestClient

    from storyline.present.web import WebSettings, create_app

    flood = _story(db, "Lise")
    assert _run(db, "merge-entities", flood, "Aurélie", "--into", "Aurelia", "--author", "Ana").exit_code == 0
    app_ = create_app(WebSettings(db=f"sqlite:///{db}", token=TOKEN))
    with TestClient(app_) as client:
        answer = client.post(f"/api/stories/{flood}/corrections", headers={"Authorization": f"Bearer {TOKEN}"},
                             json={"kind": "merge_entities", "target": "aurélie", "value": "AURELIA", "author": "Ana"})
        assert answer.status_code == 422  # the command's merge already holds: nothing left to merge
        shown = client.get(f"/api/stories/{flood}").json()
    app_.state.store.close()
    assert [(c["kind"], c["target"], c["value"]) for c in shown["corrections"]] == [
        ("merge_entities", "Aurélie", "Aurelia")]
    assert "Aurélie" not in [e["name"] for e in shown["entities"]]


@pytest.mark.parametrize(("args", "message"), [
    (["list", "nope"], "there is no story 'nope'"),
    (["merge-entities", "nope", "A", "--into", "B"], "there is no story 'nope'"),
    (["merge-entities", "{flood}", "Nobody Here", "--into", "Aurelia"], "has no entity 'Nobody Here'"),
    (["merge-entities", "{flood}", "Aurelia", "--into", "aurelia"], "cannot be merged with itself"),
    (["split-entity", "{flood}", "Belmont"], "give either --spelling or --mention"),
    (["split-entity", "{flood}", "Belmont", "--spelling", "Paris"], "is never spelt 'Paris'"),
    (["split-entity", "{flood}", "Belmont", "--mention", "flood-a:0:3"], "has no mention at flood-a:0:3"),
    (["move-report", "{flood}", "levy-a", "--to", "{flood}"], "has no report 'levy-a'"),
    (["move-report", "{flood}", "flood-a", "--to", "s000000000000"], "there is no story 's000000000000'"),
    (["split-story", "{flood}", "flood-a", "flood-b"], "leaves at least one report"),
    (["split-story", "{flood}", "levy-a"], "choose some of story"),
    (["undo", "{flood}", "999"], "has no active correction 999"),
])
def test_correct_cli_errors_are_one_line_and_change_nothing(db: str, args: list[str], message: str) -> None:
    flood = _story(db, "Lise")
    result = _run(db, *(a.replace("{flood}", flood) for a in args))
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("storyline: error: ") and message in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert _listed(db) == []


def test_correct_cli_a_bad_store_is_one_line(tmp_path: Path) -> None:
    missing = _run(str(tmp_path / "none.db"), "list")
    assert missing.exit_code == 1 and missing.stderr.strip() == (
        f"storyline: error: there is no store at {tmp_path / 'none.db'} (name one with --db)")
    assert not (tmp_path / "none.db").exists()  # not created by asking
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all\n" * 100)
    broken = _run(str(garbage), "list")
    assert broken.exit_code == 1 and broken.stderr.startswith("storyline: error: ")
    assert len(broken.stderr.strip().splitlines()) == 1
