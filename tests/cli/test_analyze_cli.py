"""`storyline analyze` on the s400 reports: spans, times dated from the event, entities resolved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "s400"


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples/s400 is absent")
def test_analyze_dates_undated_reports_from_their_event(tmp_path: Path) -> None:
    source = tmp_path / "s400.jsonl"
    with source.open("w", encoding="utf-8") as sink:
        for number, path in enumerate(sorted(SAMPLES.glob("*.txt"))):
            dated = {"published": "2021-02-11"} if number == 0 else {}
            sink.write(json.dumps({"id": path.stem[:3], "text": path.read_text(encoding="utf-8"), **dated}) + "\n")
    result = CliRunner().invoke(app, ["analyze", str(source), "--out", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output
    lines = {d["id"]: d for d in map(json.loads, (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines())}
    for record in lines.values():
        for kind in ("sentences", "entities", "times"):
            for span in record[kind]:
                assert record["text"][span["start"]:span["end"]] == span["text"]
    values = {t["text"]: t["value"] for t in lines["001"]["times"]}
    assert values["the 10th"] == "2021-02-10"
    assert {t["text"]: t["value"] for t in lines["002"]["times"]}["Last year"] == "2020"
    blinken = {e["entity"] for d in lines.values() for e in d["entities"] if e["text"] in ("Antony Blinken", "Anthony Blincoln")}
    assert blinken == {"Antony Blinken"}
