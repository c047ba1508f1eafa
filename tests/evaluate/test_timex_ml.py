"""The timex-ml evaluator (storyline.evaluate.timex_ml) and `storyline eval time-ml`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.evaluate.timex_ml import evaluate_time_ml, read_corpus
from storyline.model import Span, TimeMention

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "timex-ml"

TEXT = "Boeing y Airbus\n20 de noviembre del 2004\nEl senador habló la semana pasada y hoy."


def _corpus(tmp_path: Path, name: str = "es-test") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    article = {"id": "d1", "text": TEXT, "published": "2004-11-24", "language": "es"}
    (folder / "articles.jsonl").write_text(json.dumps(article, ensure_ascii=False) + "\n", encoding="utf-8")
    gold = [("20 de noviembre del 2004", "DATE", "2004-11-24", True),
            ("la semana pasada", "DATE", "2004-W47", False), ("hoy", "DATE", "2004-11-24", False)]
    rows = [{"doc": "d1", "start": TEXT.index(t), "end": TEXT.index(t) + len(t), "text": t, "type": kind,
             "value": value, "dateline": dateline} for t, kind, value, dateline in gold]
    (folder / "timexes.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                                          encoding="utf-8")
    return folder


def test_timex_ml_reads_documents_language_and_date_lines(tmp_path: Path) -> None:
    [(document, language, datelines)] = list(read_corpus(_corpus(tmp_path)))
    assert (document.doc_id, document.dct, language) == ("d1", date(2004, 11, 24), "es")
    assert [TEXT[g.start:g.end] for g in document.timexes] == ["20 de noviembre del 2004", "la semana pasada", "hoy"]
    assert datelines == frozenset({0})


def test_timex_ml_scores_with_and_without_date_lines(tmp_path: Path) -> None:
    _corpus(tmp_path)

    def tagger(text: str, anchor: date | None, language: str) -> list[TimeMention]:
        assert language == "es" and anchor == date(2004, 11, 24)
        line = text.index("20 de")
        week = text.index("la semana")
        return [TimeMention(Span(line, line + 24), "DATE", "2004-11-20"),  # the written date, not the DCT
                TimeMention(Span(week, week + 16), "DATE", "2004-W47")]    # "hoy" missed

    result = evaluate_time_ml(tmp_path, tagger=tagger)["es-test"]
    assert result["relaxed"] == {"precision": 1.0, "recall": 0.6667, "f1": 0.8}
    assert result["value_accuracy"] == 0.5
    without = result["without_dateline"]
    assert without["counts"]["gold"] == 2 and without["counts"]["system"] == 1
    assert without["value_accuracy"] == 1.0 and without["relaxed"]["recall"] == 0.5
    assert result["languages"] == ["es"] and result["errors"] == []


def test_timex_ml_real_tagger_and_command(tmp_path: Path) -> None:
    _corpus(tmp_path)
    result = evaluate_time_ml(tmp_path)["es-test"]
    assert result["without_dateline"]["value_f1"] == 1.0  # "la semana pasada" and "hoy" resolved
    run = CliRunner().invoke(app, ["eval", "time-ml", "--data", str(tmp_path), "--out", str(tmp_path / "r.json")])
    assert run.exit_code == 0, run.output
    assert "es-test" in run.output and "w/o date lines" in run.output
    assert json.loads((tmp_path / "r.json").read_text())["es-test"]["counts"]["gold"] == 3


def test_timex_ml_one_corpus_folder_is_accepted(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    assert list(evaluate_time_ml(folder)) == ["es-test"]


def test_timex_ml_bad_input(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no corpus folder"):
        evaluate_time_ml(tmp_path)
    folder = _corpus(tmp_path)
    (folder / "timexes.jsonl").write_text('[1, 2]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="not a JSON object"):
        evaluate_time_ml(tmp_path)
    run = CliRunner().invoke(app, ["eval", "time-ml", "--data", str(tmp_path / "absent")])
    assert run.exit_code == 1


@pytest.mark.shared
@pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data/timex-ml is absent")
def test_timex_ml_dev_reaches_the_goal() -> None:
    result = evaluate_time_ml(DATA)
    assert {"es-meantime", "fr-timebank"} <= result.keys()
    for name in ("es-meantime", "fr-timebank"):
        assert not result[name]["errors"]
        assert result[name]["value_f1"] >= 0.80, name
    assert result["es-meantime"]["without_dateline"]["value_f1"] > 0.70
