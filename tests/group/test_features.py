"""Tests of storyline.group.features."""

from __future__ import annotations

import pytest

from storyline.group.features import (
    DocumentFrequencies, day_to_iso, dot, extract_features, fold, name_skeleton, parse_day, weigh,
)
from storyline.group.stopwords import ALL_STOPWORDS, stopwords_for
from storyline.lang import pack
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
    assert {"the", "los", "etait", "della", "und"} <= ALL_STOPWORDS
    own = pack("fr").words("words", "function_words") | pack("en").words("words", "function_words")
    assert stopwords_for("fr") == own
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
    assert table.counts_ == {"a": 2, "b": 1, "c": 1, "d": 1}
    table.prune()
    assert table.counts_ == {"a": 2}
    again = DocumentFrequencies.from_state(table.to_state())
    assert again.idf("a") == table.idf("a") and again.n_docs_ == 2


def test_date_keys_meet_across_languages() -> None:
    from storyline.group.features import date_keys

    texts = ["El 28 de enero de 2011", "le 28 janvier 2011", "il 28 gennaio", "on January 28th",
             "on 28 Jan. 2011"]
    assert [date_keys(text) for text in texts] == [["d:01-28"]] * 5
    assert date_keys("45 mayo and 2011 alone") == []


def test_numbers_meet_across_separator_conventions() -> None:
    def numbers(text: str) -> set[str]:
        return {k for k in extract_features(Article(id="x", text=text)).counts if k[0] == "#"}

    assert numbers("3,200 evacuated") == numbers("3.200 evacuados") == {"#:3200"}
    assert numbers("magnitude 6,1") == numbers("magnitude 6.1") == {"#:6.1"}
    assert numbers("1,000,000 people") == {"#:1000000"}


def test_fold_removes_combining_marks_beyond_latin() -> None:
    assert fold("Ngô Đình Diệm") == "ngo dinh diem"
    assert fold("«Bengasi»") == "«bengasi»"
    assert fold("Й") == "и"  # Cyrillic short i: the breve is a combining mark after NFKD


def test_weigh_accepts_precomputed_idf() -> None:
    table = DocumentFrequencies()
    table.add(["w:common", "n:rare"])
    table.add(["w:common"])
    counts = {"w:common": 2.0, "n:rare": 1.0}
    idf = {key: table.idf(key) for key in counts}
    assert weigh(counts, idf, {"w": 1.0, "n": 1.0}) == weigh(counts, table, {"w": 1.0, "n": 1.0})


@pytest.mark.parametrize("names", [
    ("Libya", "Libia", "Libye", "Libyen", "Líbia", "ليبيا", "Ливия", "利比亚"),
    ("Egypt", "Egipto", "Égypte", "Egitto", "Ägypten", "مصر"),
])
def test_country_names_share_their_code_key_in_every_script(names: tuple[str, ...]) -> None:
    from storyline.group.features import token_keys
    codes = [{key for key in token_keys(name, ALL_STOPWORDS) if key.startswith("c:")}
             for name in names]
    assert all(len(found) == 1 for found in codes) and len(set().union(*codes)) == 1


def test_names_in_other_cased_scripts_meet_their_latin_skeleton() -> None:
    assert name_skeleton("Каддафи") == name_skeleton("Gaddafi") == name_skeleton("Kadhafi")
    assert name_skeleton("Путин") == name_skeleton("Putin")


def test_caseless_words_that_are_not_countries_stay_words() -> None:
    from storyline.group.features import token_keys
    keys = token_keys("قال المتحدث", ALL_STOPWORDS)
    assert keys and all(key.startswith("w:") for key in keys)


def test_place_keys_leave_other_capitalised_words_alone() -> None:
    from storyline.group.features import token_keys
    keys = token_keys("Blinken visited Paris and Chad", ALL_STOPWORDS)
    assert "n:" + name_skeleton("Blinken") in keys and "k:" + name_skeleton("Blinken")[:3] in keys
    assert "c:TD" in keys and "k:TD" not in keys  # Chad is a country; Paris, a city, keeps its skeleton keys
    assert "k:" + name_skeleton("Paris")[:3] in keys
