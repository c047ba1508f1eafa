"""`storyline summarize`: one line per story, budget kept, every sentence cites its articles."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app

BRIDGE = [
    "The harbour council approved a new bridge across the river on Thursday after a decade of debate.",
    "After a decade of debate, the harbour council on Thursday approved a new bridge across the river.",
    "The harbour council approved the new river bridge on Thursday, ending a decade of debate.",
]
QUOTAS = [
    "Fishermen protested on Monday outside the port authority against the new cod and haddock quotas.",
    "Fishermen angry about new cod and haddock quotas protested outside the port authority on Monday.",
]


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _run(tmp_path: Path, rows: list[dict[str, str]], words: int) -> list[dict[str, object]]:
    _write(tmp_path / "in.jsonl", rows)
    result = CliRunner().invoke(app, ["summarize", str(tmp_path / "in.jsonl"), "--words", str(words),
                                      "--out", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]


def test_given_story_field_is_used_as_given(tmp_path: Path) -> None:
    rows = [{"id": f"b{n}", "text": t, "source": f"o{n}", "published": "2021-03-04", "story": "bridge"}
            for n, t in enumerate(BRIDGE)]
    rows += [{"id": f"q{n}", "text": t, "source": f"o{n}", "published": "2021-03-01", "story": "quotas"}
             for n, t in enumerate(QUOTAS)]
    lines = _run(tmp_path, rows, 20)
    assert [line["story"] for line in lines] == ["bridge", "quotas"]
    for line in lines:
        assert len(str(line["summary"]).split()) <= 20
        sentences = line["sentences"]
        assert isinstance(sentences, list) and sentences
        assert " ".join(s["text"] for s in sentences) == line["summary"]
        prefix = "b" if line["story"] == "bridge" else "q"
        assert all(s["sources"] and all(i.startswith(prefix) for i in s["sources"]) for s in sentences)
    assert set(lines[0]["sentences"][0]["sources"]) == {"b0", "b1", "b2"}  # type: ignore[index]


def test_without_story_field_articles_are_grouped_and_output_is_deterministic(tmp_path: Path) -> None:
    rows = [{"id": f"b{n}", "text": t, "published": "2021-03-04"} for n, t in enumerate(BRIDGE)]
    first = _run(tmp_path, rows, 30)
    assert len(first) >= 1
    assert {i for line in first for s in line["sentences"] for i in s["sources"]} <= {"b0", "b1", "b2"}  # type: ignore[union-attr]
    assert _run(tmp_path, rows, 30) == first


def test_unreadable_input_is_one_error_line_and_exit_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["summarize", str(tmp_path / "missing.jsonl"), "--words", "50",
                                      "--out", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "missing.jsonl: no such file or directory" in result.stderr
    assert not (tmp_path / "o.jsonl").exists()
