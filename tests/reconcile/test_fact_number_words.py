"""Counts read in the report's language (issue 18/19): "dix-sept personnes" against "cinq
personnes" is a toll the outlets disagree on, in any language the packs hold."""

from __future__ import annotations

import pytest

from storyline.analyze.sentences import split_sentences
from storyline.lang import FULL
from storyline.model import Annotated, Article
from storyline.reconcile.fact_disputes import ValueClashes
from storyline.reconcile.fact_features import build_units
from storyline.reconcile.fact_number_words import number_words
from storyline.reconcile.fact_values import quantities


def _read(sentence: str, language: str | None) -> list[tuple[float, str | None]]:
    return [(q.value, q.counted) for q in quantities(sentence, language)]


@pytest.mark.parametrize(("sentence", "language", "expected"), [
    ("Dix-sept personnes dont cinq enfants ont été tuées mardi", "fr", [(17.0, "perso"), (5.0, "enfan")]),
    ("Un millier de personnes ont été tuées dans cette ville", "fr", [(1000.0, "perso")]),
    ("Murieron cinco personas y dos millones huyeron del país", "es", [(5.0, "perso"), (2_000_000.0, "huyer")]),
    ("Tamarrod aveva raccolto le 22 milioni di firme", "it", [(22_000_000.0, "firme")]),
    ("Bei dem Anschlag starben siebzehn Menschen", "de", [(17.0, "mensc")]),
    ("Twenty-five people died and two hundred homes burned", "en", [(25.0, "peopl"), (200.0, "homes")]),
    ("Seventeen people were killed, a million fled", "en", [(17.0, "peopl"), (1_000_000.0, "fled")]),
])
def test_number_words_of_the_reports_language_are_counts(sentence: str, language: str,
                                                         expected: list[tuple[float, str]]) -> None:
    assert _read(sentence, language) == expected


def test_a_language_reads_only_its_own_number_words() -> None:
    assert _read("due persone sono morte", "it") == [(2.0, "perso")]
    assert _read("The flight was due to land at noon", "en") == []
    assert _read("The flight was due to land at noon", None) == []  # unknown: English words
    assert _read("un avion est tombé", "fr") == []  # the word for one is an article here


def test_every_full_pack_has_number_words_and_cldr_multipliers() -> None:
    for code in FULL:
        words = number_words(code)
        assert len(words.values) >= 15, code
        assert 1_000_000.0 in words.multipliers.values() and 1000.0 in words.multipliers.values(), code
        assert words.ones and not set(words.ones) & set(words.values), code


def _units(texts: list[tuple[str, str]], language: str) -> list:
    items = [Annotated(Article(id=i, text=t, source=i, published="2011-03-23", language=language),
                       tuple(split_sentences(t)), (), ()) for i, t in texts]
    return build_units(items)


def test_french_tolls_in_words_clash_and_a_childrens_count_is_no_agreement() -> None:
    units = _units([("a", "Cinq personnes, dont quatre enfants, ont été tuées à Misrata."),
                    ("b", "A Misrata, dix-sept personnes dont cinq enfants ont été tuées mardi."),
                    ("c", "Dix-sept personnes ont été tuées à Misrata mardi, dont cinq enfants.")], "fr")
    clashes = ValueClashes(units)
    assert (0, 1) in clashes and (0, 2) in clashes  # five children is not five people
    assert (1, 2) not in clashes


def test_a_total_and_its_parts_do_not_clash() -> None:
    units = _units([("a", "The Indian navy said it arrested 23 pirates in the Gulf of Aden."),
                    ("b", "Marine commandos arrested 12 Somali and 11 Yemeni pirates in the Gulf of Aden.")], "en")
    assert (0, 1) not in ValueClashes(units)


@pytest.mark.parametrize(("language", "text", "values"), [
    ("fr", "distribution aux 35 500 personnes déplacées", [35500.0]),
    ("fr", "distribution aux 35\u202f500 personnes déplacées", [35500.0]),
    ("fr", "distribution aux 35.500 personnes déplacées", [35500.0]),  # French pages point thousands too
    ("es", "la distribución a unas 35.500 personas", [35500.0]),
    ("de", "1.200.000 Menschen sind geflohen", [1200000.0]),
    ("it", "un buco di 2,5 milioni di euro", [2500000.0]),  # a decimal comma
    ("es", "15,800 personas y 2.5 millones", [15800.0, 2500000.0]),  # as Latin American pages write
    ("en", "35,500 people and 2.5 million dollars", [35500.0, 2500000.0]),
    ("en", "the 1.500 figure", [1.5]),  # an English point is a decimal point
    ("en", "in 2011 300 people died", [2011.0, 300.0]),  # a space groups nothing in English
    ("fr", "en 2011 300 personnes", [2011.0, 300.0]),  # a year is no group of three digits
])
def test_digits_read_as_the_language_groups_and_points_them(language: str, text: str, values: list[float]) -> None:
    assert [q.value for q in quantities(text, language)] == values
