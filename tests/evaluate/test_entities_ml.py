"""Tests of storyline.evaluate.entities_ml (on a tiny release the tests write, and on the real one)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.evaluate.entities_ml import evaluate_resolution_ml, is_named, meantime_ml_docs

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "meantime-ml"

_DOCS = {
    "en": ("Libya: Muammar Gaddafi spoke.\nGaddafi said Libya would fight.", [
        ("Libya", "LOC", "LOC1"), ("Muammar Gaddafi", "PER", "PER1"), ("Gaddafi", "PER", "PER1"),
        ("Libya", "LOC", "LOC1")]),
    "es": ("Libia: Muamar el Gadafi habló.\nGadafi dijo que Libia lucharía.", [
        ("Libia", "LOC", "LOC1"), ("Muamar el Gadafi", "PER", "PER1"), ("Gadafi", "PER", "PER1"),
        ("Libia", "LOC", "LOC1")]),
}


def _release(root: Path) -> Path:
    for language, (text, names) in _DOCS.items():
        folder = root / language
        folder.mkdir(parents=True)
        doc = f"{language}-libya-1"
        article = {"id": doc, "text": text, "language": language, "story": "libya",
                   "published": "2011-02-20"}
        (folder / "articles.jsonl").write_text(json.dumps(article) + "\n", encoding="utf-8")
        rows, start = [], 0
        for name, kind, chain in names:
            start = text.index(name, start)
            rows.append({"doc": doc, "start": start, "end": start + len(name), "text": name, "type": kind,
                         "chain": chain, "chain_name": name, "sentence": 0})
            start += len(name)
        (folder / "entities.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return root


@pytest.mark.parametrize(("text", "language", "named"), [
    ("Airbus", "es", True), ("La compañía", "es", False), ("el A380", "es", True),
    ("De luchtmacht", "nl", False), ("De USAF", "nl", True), ("la empresa aeronáutica", "es", False), ("'Gheddafi'", "it", True),
])
def test_is_named(text: str, language: str, named: bool) -> None:
    assert is_named(text, language) is named


def test_docs_carry_language_story_and_gold_chains(tmp_path: Path) -> None:
    docs = meantime_ml_docs(_release(tmp_path), "es")
    assert [d["id"] for d in docs] == ["es-libya-1"]
    assert docs[0]["language"] == "es" and docs[0]["story"] == "libya"
    assert [m["gold"] for m in docs[0]["mentions"]] == ["LOC1", "PER1", "PER1", "LOC1"]
    assert {m["type"] for m in docs[0]["mentions"]} == {"GPE", "PERSON"}


def test_crosslingual_resolution_beats_exact_string(tmp_path: Path) -> None:
    result = evaluate_resolution_ml(_release(tmp_path), languages=("en", "es", "nl"))
    assert result["missing"] == ["nl"]
    cross = result["crosslingual"]["all/all_mentions"]
    assert cross["storyline"]["bcubed"]["f1"] == 1.0  # Libia/Libya and Gadafi/Gaddafi meet
    assert cross["baseline"]["bcubed"]["recall"] < 0.6
    assert cross["bcubed_gain"] > 0.3
    assert result["languages"]["en"]["all/all_mentions"]["storyline"]["bcubed"]["items"] == 4


def test_one_language_has_no_crosslingual_part(tmp_path: Path) -> None:
    result = evaluate_resolution_ml(_release(tmp_path), languages=("es",))
    assert "crosslingual" not in result and set(result["languages"]) == {"es"}


def test_cli_prints_each_language_and_writes_json(tmp_path: Path) -> None:
    root = _release(tmp_path / "data")
    run = CliRunner().invoke(app, ["eval", "entities-ml", "--data", str(root), "--out", str(tmp_path / "r.json")])
    assert run.exit_code == 0, run.output
    assert "MEANTIME es" in run.output and "cross-lingual (en+es)" in run.output
    assert "missing languages: it, nl" in run.output
    assert json.loads((tmp_path / "r.json").read_text())["crosslingual"]["all/all_mentions"]["bcubed_gain"] > 0.3
    assert CliRunner().invoke(app, ["eval", "entities-ml", "--data", str(tmp_path / "absent")]).exit_code == 1


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data/meantime-ml is absent")
def test_meantime_ml_goals_on_shared_data() -> None:
    result = evaluate_resolution_ml(SHARED)
    assert not result["missing"]
    for language, scores in result["languages"].items():
        assert scores["all/named_mentions"]["bcubed_gain"] > 0.05, language
    assert result["crosslingual"]["all/named_mentions"]["bcubed_gain"] >= 0.15
    assert result["crosslingual"]["all/all_mentions"]["bcubed_gain"] >= 0.15
