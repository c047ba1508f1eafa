"""Named-mention detection scoring on meantime-ml: the name filter, the matching rule, the counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.analyze.ner_lexicon import lexicon
from storyline.evaluate.ner_ml import evaluate_ner_ml, is_name_mention, matches
from storyline.model import Mention, Span

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def _span_of(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


@pytest.mark.parametrize(("part", "expected"), [
    ("La compañía aérea irlandesa Aer Lingus", False),  # descriptor words: not a name mention
    ("el Presidente Barack Obama", True),                # article and office, then a name
    ("Banco de España", True),                           # connector inside
    ("la empresa", False),
    ("El A380", True),
])
def test_ner_ml_name_mentions(part: str, expected: bool) -> None:
    text = f"Ayer {part} habló."
    assert is_name_mention(text, *_span_of(text, part), lexicon("es")) is expected


def test_ner_ml_matching_allows_leading_articles_and_titles_only() -> None:
    text = "Ayer el Presidente Barack Obama habló con la compañía Aer Lingus."
    lex = lexicon("es")
    gold = _span_of(text, "el Presidente Barack Obama")
    assert matches(text, Span(*_span_of(text, "Barack Obama")), *gold, lex)
    assert matches(text, Span(*gold), *gold, lex)
    assert not matches(text, Span(*_span_of(text, "Obama")), *gold, lex)          # a word of the name left out
    assert not matches(text, Span(*_span_of(text, "Presidente Barack")), *gold, lex)  # wrong end


def _write_release(root: Path) -> None:
    folder = root / "es"
    folder.mkdir(parents=True)
    texts = {"es-x-1": "Airbus vende aviones\n01 de enero de 2005\nLa empresa Airbus y Boeing compiten en Francia con el A380 Plus.",
             "es-x-2": "Sin gold\n02 de enero de 2005\nNada aquí."}
    rows = [{"id": k, "text": v, "language": "es", "story": "x", "source": "Wikinews"} for k, v in texts.items()]
    (folder / "articles.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    text = texts["es-x-1"]
    gold = [("Airbus", 0), ("La empresa Airbus", 2), ("Boeing", 2), ("Francia", 2), ("A380 Plus", 2), ("A380", 2)]
    lines = []
    for part, sentence in gold:
        start = text.index(part, text.index("\n") if sentence else 0)
        lines.append(json.dumps({"doc": "es-x-1", "start": start, "end": start + len(part), "text": part,
                                 "type": "ORG", "chain": part, "chain_name": part, "sentence": sentence}))
    (folder / "entities.jsonl").write_text("\n".join(lines), encoding="utf-8")


def test_ner_ml_counts_on_a_small_release(tmp_path: Path) -> None:
    _write_release(tmp_path)

    def recognise(text: str, language: str) -> list[Mention]:
        assert language == "es"
        names = ["Airbus", "Boeing", "Nada"]
        return [Mention(Span(i, i + len(n)), "ORG") for n in names for i in [text.find(n)] if i >= 0]

    result = evaluate_ner_ml(tmp_path, recognise, languages=("es", "it"))
    assert set(result) == {"es"}  # no Italian folder: not scored
    es = result["es"]
    # gold names: "Airbus" (title), "Boeing", "Francia", "A380 Plus"; "La empresa Airbus" is no name
    # mention; "A380" lies inside "A380 Plus": scored only with nested mentions
    assert (es["documents"], es["gold"], es["found"]) == (1, 4, 2)
    assert es["recall"] == pytest.approx(2 / 4, abs=1e-4)
    assert (es["gold_with_nested"], es["recall_with_nested"]) == (5, pytest.approx(2 / 5, abs=1e-4))
    # predicted in the scored document: the first "Airbus" (title) and "Boeing" (text.find)
    assert (es["predicted"], es["correct"]) == (2, 2)
    assert es["missed_examples"] == ["Francia", "A380 Plus"]  # scored misses only


@pytest.mark.shared
def test_ner_ml_goal_on_shared_data() -> None:
    root = SHARED / "meantime-ml"
    if not root.is_dir():
        pytest.skip("../shared/data/meantime-ml is not there")
    result = evaluate_ner_ml(root, languages=("es", "it"))
    for code in ("es", "it"):
        assert result[code]["recall"] >= 0.75, (code, result[code]["recall"])
        assert result[code]["precision_lower_bound"] >= 0.45, code
