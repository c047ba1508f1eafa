"""Nationalities and capitalised common nouns (analyze/ner_nouns.py)."""

from __future__ import annotations

import pytest

from storyline.analyze.ner_lexicon import lexicon
from storyline.analyze.ner_nouns import common_nouns_and_demonyms, demonym_stems, is_demonym
from storyline.model import Mention, Span


def _at(text: str, surface: str, kind: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(Span(start, start + len(surface)), kind)


def _surfaces(text: str, mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(text[m.span.start:m.span.end], m.type) for m in mentions]


@pytest.mark.parametrize(("code", "word"), [
    ("fr", "Libyens"), ("fr", "Égyptiens"), ("fr", "Français"), ("fr", "Tunisiens"), ("fr", "Marocains"),
    ("it", "Libici"), ("it", "Italiani"), ("it", "Libico"), ("es", "Libio"), ("es", "Egipcios"),
    ("es", "Italiano"), ("es", "Peruano"), ("de", "Libyer"), ("pt", "Líbios"),
])
def test_nationalities_are_derived_from_cldr_country_names(code: str, word: str) -> None:
    assert is_demonym(word, code)


@pytest.mark.parametrize(("code", "word"), [
    ("es", "España"), ("es", "Francia"), ("it", "Italia"), ("fr", "Égypte"), ("es", "Franco"), ("it", "Italo"), ("it", "Romano"), ("fr", "Libye"), ("es", "Mario"),
    ("fr", "Paris"), ("en", "Libyans"), ("xx", "Libyens"),
])
def test_names_places_and_languages_without_suffixes_are_no_nationality(code: str, word: str) -> None:
    assert not is_demonym(word, code)


def test_stems_are_long_enough_and_empty_for_unknown_languages() -> None:
    assert demonym_stems("xx") == {}
    assert all(len(stem) >= 4 for stem in demonym_stems("fr"))


def test_report_nationalities_become_norp_and_a_persons_name_stays() -> None:
    fr = lexicon("fr")
    text = "Les Libyens manifestent. Francisco Franco parla. Franco partit."
    mentions = [_at(text, "Libyens", "GPE"), _at(text, "Francisco Franco", "PERSON"), _at(text, "Franco", "PERSON", 1)]
    found = _surfaces(text, common_nouns_and_demonyms(text, mentions, fr))
    assert found == [("Libyens", "NORP"), ("Francisco Franco", "PERSON"), ("Franco", "PERSON")]


def test_capitalised_common_nouns_after_a_determiner_are_dropped() -> None:
    fr = lexicon("fr")
    text = ("Il parla des Affaires de l'Etat. La Libye répond. Selon l'OTAN, le Hamas a tiré. "
            "L'accès au Guide était fermé.")
    mentions = [_at(text, "Affaires", "ORG"), _at(text, "Etat", "ORG"), _at(text, "Libye", "GPE"),
                _at(text, "OTAN", "ORG"), _at(text, "Hamas", "ORG"), _at(text, "Guide", "PERSON")]
    found = _surfaces(text, common_nouns_and_demonyms(text, mentions, fr))
    assert found == [("Libye", "GPE"), ("OTAN", "ORG"), ("Hamas", "ORG")]


def test_an_offices_department_stays_and_takes_its_agreeing_adjective() -> None:
    text = ("Le ministre des Affaires étrangères parla. Le ministre de la Défense a dit. "
            "Il ministro degli Affari esteri Frattini.")
    mentions = [_at(text, "Affaires", "ORG"), _at(text, "Défense", "ORG")]
    found = _surfaces(text, common_nouns_and_demonyms(text, mentions, lexicon("fr")))
    assert found == [("Affaires étrangères", "ORG"), ("Défense", "ORG")]  # "Défense a": no agreement
    italian = [_at(text, "Affari", "ORG")]
    assert _surfaces(text, common_nouns_and_demonyms(text, italian, lexicon("it"))) == [("Affari esteri", "ORG")]


def test_a_word_also_written_as_a_name_is_kept() -> None:
    es = lexicon("es")
    text = "El nuevo MacBook Pro llega. El Pro cuesta más."
    mentions = [_at(text, "MacBook Pro", "PRODUCT"), _at(text, "Pro", "PRODUCT", 1)]
    assert len(common_nouns_and_demonyms(text, mentions, es)) == 2


@pytest.mark.parametrize("code", ["en", "de", "nl"])
def test_languages_without_determiners_keep_capitalised_words(code: str) -> None:
    text = "de Regierung the State der Staat"
    mentions = [_at(text, "Regierung", "ORG"), _at(text, "State", "ORG"), _at(text, "Staat", "ORG")]
    assert len(common_nouns_and_demonyms(text, mentions, lexicon(code))) == 3


def test_an_institution_capitalised_after_a_preposition_is_still_a_common_noun() -> None:
    es = lexicon("es")
    text = "La secretaria de Estado habló. Los fondos del Estado bajaron."
    mentions = [_at(text, "Estado", "ORG"), _at(text, "Estado", "PERSON", 1)]
    assert common_nouns_and_demonyms(text, mentions, es) == []


def test_a_capitalised_article_before_the_word_is_no_longer_name() -> None:
    es = lexicon("es")
    text = "El Gobierno habló. Lo dijo el Gobierno."
    mentions = [_at(text, "Gobierno", "ORG"), _at(text, "Gobierno", "ORG", 1)]
    assert common_nouns_and_demonyms(text, mentions, es) == []


def test_a_name_after_a_place_noun_is_a_place_in_the_whole_report() -> None:
    es = lexicon("es")
    text = ("Tomaron la ciudad de Bani Walid. Bani Walid cayó. Miles llenaron la plaza Tahrir. "
            "Muamar el Gadafi huyó de la ciudad de Gadafi.")
    mentions = [_at(text, "Bani Walid", "PERSON"), _at(text, "Bani Walid", "PERSON", 1), _at(text, "Tahrir", "ORG"),
                _at(text, "Muamar el Gadafi", "PERSON"), _at(text, "Gadafi", "PERSON", 1)]
    found = _surfaces(text, common_nouns_and_demonyms(text, mentions, es))
    assert found == [("Bani Walid", "GPE"), ("Bani Walid", "GPE"), ("Tahrir", "LOC"),
                     ("Muamar el Gadafi", "PERSON"), ("Gadafi", "PERSON")]  # his name, not a town


def test_a_square_noun_with_a_preposition_is_no_cue() -> None:
    fr = lexicon("fr")
    text = "Mais à la place de Juppé, Fillon parla sur la place Tahrir."
    mentions = [_at(text, "Juppé", "PERSON"), _at(text, "Fillon", "PERSON"), _at(text, "Tahrir", "PERSON")]
    found = _surfaces(text, common_nouns_and_demonyms(text, mentions, fr))
    assert found == [("Juppé", "PERSON"), ("Fillon", "PERSON"), ("Tahrir", "LOC")]


@pytest.mark.parametrize("text, surface, expected", [
    ("El nuevo MacBook Pro llega. El Pro cuesta más.", "Pro", True),
    ("El Gobierno habló. Luego el Gobierno calló.", "Gobierno", False),  # after an article only
    ("La secretaria de Estado viajó.", "Estado", False),
    ("Apple lanzó el iPhone Pro-Max; el Pro gusta.", "Pro", False),  # "iPhone" is lowercase-initial
    ("Visita a Nueva  Delhi. Delhi crece.", "Delhi", True),
    ("Visita a Nueva\nDelhi. Delhi crece.", "Delhi", False),  # a line break, no space, before it
])
def test_written_as_name_reads_the_word_after_a_capitalised_word(text: str, surface: str, expected: bool) -> None:
    from storyline.analyze.ner_lexicon import lexicon
    from storyline.analyze.ner_nouns import _written_as_name
    assert _written_as_name(text, surface, lexicon("es")) is expected
