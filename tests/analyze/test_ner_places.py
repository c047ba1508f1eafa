"""The gazetteer table shipped beside the NER models (analyze/models/ner-places.tsv.gz)."""

from __future__ import annotations

from pathlib import Path

from storyline.analyze import ner_lexicon
from storyline.analyze.ner_lexicon import PLACES_TABLE, babel_places, places, write_places


def test_shipped_gazetteer_is_what_the_pinned_babel_gives() -> None:
    """Fails after a Babel upgrade: rewrite it with scripts/train_ner_ml.py --places, then retrain."""
    assert PLACES_TABLE.is_file()
    assert ner_lexicon._read_places(PLACES_TABLE) == babel_places()


def test_gazetteer_table_round_trips_byte_for_byte(tmp_path: Path) -> None:
    first, second = tmp_path / "a.tsv.gz", tmp_path / "b.tsv.gz"
    assert write_places(first) == write_places(second) > 1000
    assert first.read_bytes() == second.read_bytes() == PLACES_TABLE.read_bytes()
    table = ner_lexicon._read_places(first)
    assert table["libia"] == "GPE" and table["túnez"] == "GPE" and table["europa"] == "LOC"
    assert "unión europea" not in table and "nations unies" not in table  # organisations are no places


def test_places_are_the_table_plus_the_packs_abbreviations() -> None:
    gazetteer = places()
    assert gazetteer["ee.uu."] == "GPE" and gazetteer["libye"] == "GPE"
    assert set(ner_lexicon._read_places(PLACES_TABLE)) < set(gazetteer)
