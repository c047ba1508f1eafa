"""``storyline export``: a story to a file or stdout, the store as JSONL; errors in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.store import Store, queries

pytest.importorskip("fastapi", reason="the web extra is not installed (the test store is built by its ingest)")

from tests.present.conftest import build_store  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_store(tmp_path_factory.mktemp("export"))


def _levy(db: str) -> str:
    with Store(db) as store:
        _, rows = queries.list_stories(store, queries.StoryFilter(text="levy"), limit=5)
    return rows[0]["id"]


def test_export_cli_writes_a_story_in_each_format(db: str, tmp_path: Path) -> None:
    story = _levy(db)
    for fmt, first in (("md", "# Parliament approves diesel levy"), ("csv", "section,status,date"),
                       ("json", "{")):
        out = tmp_path / f"story.{fmt}"
        result = CliRunner().invoke(app, ["export", story, "--format", fmt, "--out", str(out), "--db", db])
        assert result.exit_code == 0, result.output
        assert out.read_text(encoding="utf-8").startswith(first)
    assert json.loads((tmp_path / "story.json").read_text(encoding="utf-8"))["id"] == story
    result = CliRunner().invoke(app, ["export", story, "--db", db])  # Markdown on stdout by default
    assert result.exit_code == 0 and result.stdout.startswith("# Parliament approves diesel levy")


def test_export_cli_writes_the_store_as_article_jsonl(db: str) -> None:
    result = CliRunner().invoke(app, ["export", "--db", db])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 6 and all({"id", "text", "story", "event", "story_title"} <= set(line) for line in lines)
    assert "exported 6 articles" in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["export", "nope"], "there is no story 'nope'"),
    (["export", "--format", "csv"], "--format csv exports one story"),
    (["export", "x", "--format", "jsonl"], "--format jsonl exports the whole store"),
])
def test_export_cli_errors_are_one_line(db: str, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, [*args, "--db", db])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("storyline: error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_help_shows_bracketed_text_as_written() -> None:
    for command in ("serve", "export", "summarize"):
        result = CliRunner().invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "[default: ./storyline.db]" in " ".join(result.stdout.split()) or command == "summarize"
    summarize = " ".join(CliRunner().invoke(app, ["summarize", "--help"]).stdout.split())
    assert "[default: extractive]" in summarize
