"""The predicates topic of every pack: predicate classes, clause words, seats of government."""

from __future__ import annotations

import pytest
import simplemma

from storyline.analyze.speaker_names import fold
from storyline.lang import FULL, available, pack
from storyline.lang.places import cldr_place_names

_CODES = {code for _, code in cldr_place_names()}


@pytest.mark.parametrize("code", FULL)
def test_predicates_every_full_pack_has_its_keys(code: str) -> None:
    topic = pack(code).topic("predicates")
    assert isinstance(topic.get("classes"), dict) and len(topic["classes"]) >= 20
    assert pack(code).words("predicates", "clause_words")
    assert isinstance(topic.get("seats"), dict) and topic["seats"]


@pytest.mark.parametrize("code", FULL)
def test_predicates_classes_are_the_same_in_every_full_pack(code: str) -> None:
    # A statement meets its translation on the class name: a class missing from one language
    # would make its statements unmatchable there.
    assert set(pack(code).get("predicates", "classes")) == set(pack("en").get("predicates", "classes"))


@pytest.mark.parametrize("code", available())
def test_predicates_a_word_belongs_to_one_class(code: str) -> None:
    owner: dict[str, str] = {}
    for name, words in pack(code).get("predicates", "classes", {}).items():
        assert words, (code, name)
        for word in words:
            assert word == word.strip().lower() and word, (code, name, word)
            assert owner.setdefault(fold(word), name) == name, (code, word, owner[fold(word)], name)


@pytest.mark.parametrize("code", FULL)
def test_predicates_classes_hold_mostly_lemmas(code: str) -> None:
    # Words are looked up as simplemma lemmatises the text: a listed word that lemmatises to
    # something unlisted is only reached in that exact form.
    words = {fold(w) for ws in pack(code).get("predicates", "classes").values() for w in ws}
    outside = [w for w in words if fold(simplemma.lemmatize(w, lang=code)) not in words]
    assert len(outside) <= len(words) // 20, outside


@pytest.mark.parametrize("code", available())
def test_predicates_seats_point_at_cldr_territories(code: str) -> None:
    for name, territory in pack(code).get("predicates", "seats", {}).items():
        assert name == name.lower() and territory in _CODES and not territory.startswith("tz:"), (code, name)


@pytest.mark.parametrize("code", FULL)
def test_predicates_every_full_pack_names_news_media(code: str) -> None:
    # fact_slots reads the name after a medium noun ("told the newspaper Hurriyet"): lower-case
    # common nouns, none of them a function word (which would put any name in a medium slot).
    from storyline.reconcile.name_keys import function_words

    media = pack(code).words("predicates", "media")
    assert len(media) >= 8
    assert all(word == word.lower() and word.strip() == word and fold(word) not in function_words() for word in media)


@pytest.mark.parametrize("code", FULL)
def test_predicates_every_full_pack_names_sources_of_claims(code: str) -> None:
    # fact_sources accepts an unnamed party ("according to documents") by these nouns
    nouns = pack(code).words("predicates", "source_nouns")
    assert len(nouns) >= 10 and all(word == word.lower() and " " not in word for word in nouns)


@pytest.mark.parametrize("code", FULL)
def test_predicates_every_class_is_found_from_its_words_in_running_text(code: str) -> None:
    # The words of each class, read as fact_meaning reads a sentence of that language, give the
    # class: a statement and its translation meet on it ("sanctioned" / "sancionó" -> ~sanction).
    from storyline.reconcile.fact_meaning import meaning

    for name, words in pack(code).get("predicates", "classes").items():
        found = [w for w in words if "_" not in w and f"~{name}" in meaning(f"they {w} it", code).keys]
        assert len(found) >= len([w for w in words if "_" not in w]) // 2, (code, name, words)


def test_predicates_issue_19_classes_meet_across_languages() -> None:
    from storyline.reconcile.fact_meaning import meaning

    said = {"en": "The system is incompatible with NATO.", "es": "El sistema es incompatible con la OTAN.",
            "fr": "Le système est incompatible avec l'OTAN.", "it": "Il sistema è incompatibile con la NATO.",
            "de": "Das System ist unvereinbar mit der NATO.", "pt": "O sistema é incompatível com a OTAN.",
            "nl": "Het systeem is onverenigbaar met de NAVO."}
    assert all("~compatible" in meaning(text, code).keys for code, text in said.items())


@pytest.mark.parametrize("code", FULL)
def test_predicates_every_full_pack_bounds_its_numbers(code: str) -> None:
    # "at least 10", "al menos 10", "bis zu 5", "environ 300": read by reconcile/fact_units.py.
    from storyline.reconcile.fact_units import bound_before

    for key, mark in (("lower_bounds", ">="), ("upper_bounds", "<="), ("approximate", "~")):
        phrases = pack(code).words("predicates", key)
        assert phrases, (code, key)
        for phrase in phrases:
            assert phrase == phrase.strip().lower(), (code, key, phrase)
            assert bound_before(fold(phrase).replace("'", "' ").split()) in {mark, ">=", "<=", "~"}, (code, phrase)
