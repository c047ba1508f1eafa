"""Error lines on the terminal, as the issue 22 audit (session 10) found them: when every input fails,
each input's line is printed (before, only the first, with "(and N more)"), and a line number or a
file name that reads like a rich emoji code (":100:", ":fire:") is printed as written, not as an emoji."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import storyline.cli.commands  # noqa: F401  (registers the commands)
from storyline.cli import app


def _stderr_lines(folder: Path, tmp_path: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "s.db")])
    return result.exit_code, result.stderr.splitlines()


def test_when_every_input_fails_each_one_is_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-empty.txt").write_text("", encoding="utf-8")
    (folder / "b-pretty.json").write_text('[\n {"id": 1},\n {"id": 2}\n]\n', encoding="utf-8")
    (folder / "c-empty.txt").write_text("", encoding="utf-8")
    code, lines = _stderr_lines(folder, tmp_path)
    assert code == 1
    assert any("a-empty.txt: empty file" in line for line in lines)
    assert any("c-empty.txt: empty file" in line for line in lines)  # hidden behind the first one before
    assert sum(1 for line in lines if "b-pretty.json:" in line) == 4
    assert lines[-1].startswith("storyline: error: ") and f"({len(lines) - 1} lines above)" in lines[-1]


def test_a_single_failing_input_stays_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("", encoding="utf-8")
    code, lines = _stderr_lines(folder, tmp_path)
    assert code == 1
    assert lines == [f"storyline: error: {folder / 'empty.txt'}: empty file"]


def test_line_100_and_emoji_like_names_are_printed_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    good = '{"id": "g", "text": "The harbour council voted on Thursday to build a new bridge across the river."}'
    (folder / "lines.jsonl").write_text("not json\n" * 100 + good + "\n", encoding="utf-8")
    (folder / ":fire:.txt").write_text("", encoding="utf-8")
    code, lines = _stderr_lines(folder, tmp_path)
    assert code == 0
    assert any(f"{folder / 'lines.jsonl'}:100: malformed JSON" in line for line in lines)
    assert any(f"{folder / ':fire:.txt'}: empty file" in line for line in lines)
    assert not any("\N{HUNDRED POINTS SYMBOL}" in line or "\N{FIRE}" in line for line in lines)
