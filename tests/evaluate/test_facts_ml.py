"""Facts across languages on MEANTIME's aligned translations: gold, judging, and a small run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.evaluate.facts_ml import LANGUAGES, evaluate_facts_ml, gold_pairs
from storyline.model import Article

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "meantime-ml"


def test_gold_pairs_link_line_i_of_versions_of_one_length_and_skip_the_date_line() -> None:
    en = Article(id="en-a-1", text="Title\nMarch 1, 2008\nOne.\nTwo.")
    es = Article(id="es-a-1", text="Título\n1 de marzo de 2008\nUno.\nDos.")
    nl = Article(id="nl-a-1", text="Titel\n1 maart 2008\nEen. Twee.")  # one line fewer: no gold
    pairs = gold_pairs([en, es, nl])
    assert pairs == {(("en-a-1", 0), ("es-a-1", 0)), (("en-a-1", 2), ("es-a-1", 2)), (("en-a-1", 3), ("es-a-1", 3))}
    assert gold_pairs([en]) == set()


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent")
def test_two_translated_articles_align_mostly_line_to_line(tmp_path: Path) -> None:
    wanted = ("airbus-3307", "apple-23468")
    for language in LANGUAGES:
        (tmp_path / language).mkdir()
        with open(SHARED / language / "articles.jsonl", encoding="utf-8") as handle:
            kept = [line for line in handle if json.loads(line)["id"].split("-", 1)[1] in wanted]
        (tmp_path / language / "articles.jsonl").write_text("".join(kept), encoding="utf-8")
    result = evaluate_facts_ml(tmp_path)
    assert result["documents"] == 8 and result["stories"] == 2
    assert result["facts"]["gold"] > 20
    assert result["facts"]["recall"] >= 0.4 and result["facts"]["precision"] >= 0.8
    assert result["facts"]["f1"] > result["baselines"]["words"]["f1"]
    together = evaluate_facts_ml(tmp_path, story="corpus")
    assert together["stories"] == 2 and together["facts"]["gold"] == result["facts"]["gold"]
