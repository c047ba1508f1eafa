"""Tests of the TempEval-3 evaluator (storyline.evaluate.tempeval)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from storyline.evaluate.tempeval import evaluate_time, read_timeml
from storyline.model import Span, TimeMention

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "tempeval3"

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>doc1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-02-11" temporalFunction="false" functionInDocument="CREATION_TIME">20210211</TIMEX3></DCT>
<TEXT>
Price <EVENT eid="e1" class="REPORTING">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="2021-02-10">Wednesday</TIMEX3> that sanctions imposed in <TIMEX3 tid="t2" type="DATE" value="2020-12">December</TIMEX3> remain for <TIMEX3 tid="t3" type="DURATION" value="P3Y">three years</TIMEX3>.
</TEXT>
</TimeML>
"""


def _write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_tempeval_reads_timeml(tmp_path: Path) -> None:
    doc = read_timeml(_write(tmp_path, "doc1.tml", TML))
    assert doc.doc_id == "doc1" and doc.dct == date(2021, 2, 11)
    assert [(doc.text[g.start : g.end], g.type, g.value) for g in doc.timexes] == [
        ("Wednesday", "DATE", "2021-02-10"), ("December", "DATE", "2020-12"),
        ("three years", "DURATION", "P3Y"),
    ]


def test_tempeval_perfect_system_scores_one(tmp_path: Path) -> None:
    _write(tmp_path, "doc1.tml", TML)
    result = evaluate_time(tmp_path)
    assert result["strict"]["f1"] == 1.0 and result["relaxed"]["f1"] == 1.0
    assert result["type_accuracy"] == 1.0 and result["value_f1"] == 1.0
    assert result["documents_scored"] == 1 and result["errors"] == []
    json.dumps(result)


def test_tempeval_relaxed_and_value_measures(tmp_path: Path) -> None:
    path = _write(tmp_path, "doc1.tml", TML)
    text = read_timeml(path).text
    wed = text.index("Wednesday")

    def tagger(text: str, anchor: date | None) -> list[TimeMention]:
        # one span too long (relaxed only), one wrong value, one missed, one spurious
        dec = text.index("December")
        return [
            TimeMention(Span(wed - 1, wed + 9), "DATE", "2021-02-10"),
            TimeMention(Span(dec, dec + 8), "DATE", "2021-12"),
            TimeMention(Span(0, 5), "DATE", "PRESENT_REF"),
        ]

    result = evaluate_time(tmp_path, tagger=tagger)
    assert result["strict"] == {"precision": 0.3333, "recall": 0.3333, "f1": 0.3333}
    assert result["relaxed"] == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667}
    assert result["value_accuracy"] == 0.5
    assert result["value_f1"] == pytest.approx(0.6667 * 0.5, abs=1e-4)


def test_tempeval_lists_bad_documents_and_goes_on(tmp_path: Path) -> None:
    _write(tmp_path, "doc1.tml", TML)
    _write(tmp_path, "broken.tml", "<TimeML><TEXT>unclosed")
    _write(tmp_path, "notext.tml", "<TimeML><DOCID>x</DOCID></TimeML>")
    result = evaluate_time(tmp_path)
    assert result["documents_scored"] == 1
    assert sorted(Path(e["path"]).name for e in result["errors"]) == ["broken.tml", "notext.tml"]


def test_tempeval_empty_folder(tmp_path: Path) -> None:
    result = evaluate_time(tmp_path)
    assert result["documents_scored"] == 0 and result["counts"]["gold"] == 0


@pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data/tempeval3 is absent")
def test_tempeval_dev_beats_heideltime_anchor() -> None:
    result = evaluate_time(DATA)
    assert result["documents_scored"] > 200 and not result["errors"]
    assert result["value_f1"] > 0.776
    assert result["relaxed"]["f1"] > 0.9
