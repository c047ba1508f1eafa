"""CLI tests of entities: `storyline analyze` output and `storyline eval entities`."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from typer.testing import CliRunner

import storyline.cli.commands  # noqa: F401  (registers the commands)
from storyline.cli import app

ARTICLES = [
    {"id": "a", "story": "s400", "language": "en",
     "text": "State Department spokesman Ned Price said Secretary of State Antony Blinken would call "
             "Foreign Minister Mevlut Cavusoglu."},
    {"id": "b", "story": "s400", "language": "en",
     "text": "Price told reporters that Secretary of State Anthony Blincoln spoke with Mevlut Chavushoru."},
    {"id": "c", "story": "other", "language": "en", "text": "Price rises worried traders in London on Monday."},
]


def test_analyze_outputs_resolved_entities(tmp_path: Path) -> None:
    infile, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    infile.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(infile), "--out", str(out), "--keep-text"])
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    entities = {(e["text"], e["entity"]) for row in rows.values() for e in row["entities"] if e["type"] == "PERSON"}
    names = dict(entities)
    assert names["Anthony Blincoln"] == names["Antony Blinken"]
    for row in rows.values():
        for entity in row["entities"]:
            assert row["text"][entity["start"]:entity["end"]] == entity["text"]
            assert entity["type"] and entity["entity"]
    assert not any(e["entity"] == "Ned Price" for e in rows["c"]["entities"])


def test_eval_entities_on_tiny_data(tmp_path: Path) -> None:
    folder = tmp_path / "ner-gmb"
    folder.mkdir()
    rows = ["Sentence #,Word,POS,Tag", "Sentence: 38367,Ned,NNP,B-per", ",Price,NNP,I-per", ",visited,VBD,O",
            ",Ankara,NNP,B-geo", ",.,.,O"]
    with gzip.open(folder / "ner_dataset.csv.gz", "wb") as handle:
        handle.write(("\n".join(rows) + "\n").encode("cp1252"))
    out = tmp_path / "result.json"
    result = CliRunner().invoke(app, ["eval", "entities", "--data", str(tmp_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "recognition, GMB dev" in result.output
    assert json.loads(out.read_text())["recognition"]["words"] == 5


def test_eval_entities_without_datasets_fails_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "entities", "--data", str(tmp_path)])
    assert result.exit_code == 1
