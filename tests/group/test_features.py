"""Tests of storyline.group.features."""

from __future__ import annotations

import pytest

from storyline.group.features import (
    DocumentFrequencies, day_to_iso, dot, extract_features, fold, name_skeleton, parse_day, weigh,
)
from storyline.group.stopwords import ALL_STOPWORDS, STOPWORDS, stopwords_for
from storyline.model import Article


def test_fold_strips_accents_and_special_letters() -> None:
    assert fold("Çavuşoğlu Dağlı Søren Łódź") == "cavusoglu dagli soren lodz"


@pytest.mark.parametrize("variants", [
    ("Valescu", "Vălescu", "Valesku"),
    ("Halvorsen", "Khalvorsen"),
    ("Çelikkaya", "Chelikkaya", "Celikkaya"),
    ("Okonjo", "Okondzho"),
    ("Lindqvist", "Lindkvist"),
    ("Akar", "Akal"),
])
def test_name_skeleton_meets_across_spellings(variants: tuple[str, ...]) -> None:
    assert len({name_skeleton(v) for v in variants}) == 1


def test_transliterated_names_share_a_loose_key() -> None:
    keys = {name_skeleton(v)[:3] for v in ("Cavusoglu", "Chavushoru", "Çavuşoğlu")}
    assert keys == {"kvs"}
    assert name_skeleton("Blinken")[:3] == name_skeleton("Blincoln")[:3]


def test_extract_features_types_and_title_weight() -> None:
    article = Article(id="a", text="Antony Blinken met 3,200 protesters over the S-400 missiles.",
                      title="Missiles", published="2021-02-11T10:00:00+01:00")
    features = extract_features(article)
    assert features.day == parse_day("2021-02-11")
    assert features.counts["#:3200"] == 1.0
    assert features.counts["w:s400"] == 1.0 and features.counts["#:400"] == 1.0
    assert features.counts["n:prnkn"] == 1.0 and "k:prn" in features.counts
    assert features.counts["w:missil"] == 1.0
    assert features.counts["n:" + name_skeleton("Missiles")] == 2.0  # title word, capitalised
    assert not any(key in features.counts for key in ("w:the", "w:over"))


def test_extract_features_empty_text() -> None:
    features = extract_features(Article(id="e", text=""))
    assert features.counts == {} and features.day is None


@pytest.mark.parametrize("value", [None, "", "yesterday", "2021-13-40"])
def test_parse_day_rejects_missing_or_invalid(value: str | None) -> None:
    assert parse_day(value) is None


def test_day_round_trip() -> None:
    assert day_to_iso(parse_day("2026-03-10")) == "2026-03-10"
    assert day_to_iso(None) is None


def test_stopwords_cover_five_languages() -> None:
    assert set(STOPWORDS) >= {"en", "es", "fr", "it", "de"}
    assert {"the", "los", "etait", "della", "und"} <= ALL_STOPWORDS
    assert stopwords_for("fr") >= STOPWORDS["en"] | STOPWORDS["fr"]
    assert stopwords_for(None) is ALL_STOPWORDS


def test_weigh_is_unit_length_and_idf_favours_rare_keys() -> None:
    table = DocumentFrequencies()
    table.add(["w:common", "n:rare"])
    table.add(["w:common"])
    vector = weigh({"w:common": 1.0, "n:rare": 1.0}, table, {"w": 1.0, "n": 1.0})
    assert dot(vector, vector) == pytest.approx(1.0)
    assert vector["n:rare"] > vector["w:common"]
    assert weigh({"k:x": 1.0}, table, {"w": 1.0}) == {}


def test_document_frequencies_bounded_and_round_trip() -> None:
    table = DocumentFrequencies(max_keys=3)
    table.add(["a", "b"])
    table.add(["a", "c", "d"])
    assert table.counts_ == {"a": 2}
    again = DocumentFrequencies.from_state(table.to_state())
    assert again.idf("a") == table.idf("a") and again.n_docs_ == 2
