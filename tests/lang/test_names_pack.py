"""The names topic (lang/<code>/names.toml) every full pack must fill, read by entity recognition."""

from __future__ import annotations

import pytest

from storyline.analyze.ner_lexicon import lexicon, places
from storyline.lang import FULL, fold_word, pack

REQUIRED = ("honorifics", "offices", "professions", "particles", "openers", "org_words")


@pytest.mark.parametrize("code", FULL)
@pytest.mark.parametrize("key", REQUIRED)
def test_names_pack_has_every_key_as_lowercase_words(code: str, key: str) -> None:
    words = pack(code).words("names", key)
    assert len(words) >= 5, f"{code}/names.toml {key} is missing or short"
    assert all(isinstance(w, str) and w == w.lower() and w.strip() == w and w for w in words)


@pytest.mark.parametrize("code", FULL)
def test_names_pack_name_openers_are_function_words_of_the_pack(code: str) -> None:
    """name_openers only exempt words of words.toml: anything else there is a typo."""
    function_words = pack(code).words("words", "function_words")
    assert {fold_word(w) for w in pack(code).words("names", "name_openers")} <= function_words


@pytest.mark.parametrize("code", FULL)
def test_names_pack_openers_and_particles_are_no_place_names(code: str) -> None:
    """An opener that is a place would drop the place; a particle would be cut off one."""
    gazetteer = places()
    clash = {w for w in pack(code).words("names", "openers") | pack(code).words("names", "particles")
             if w in gazetteer}
    assert not clash


@pytest.mark.parametrize("code", FULL)
def test_names_pack_particles_hold_no_conjunction(code: str) -> None:
    """Particles bridge a name ("Banco de España"); a conjunction would join two ("Francia y Alemania")."""
    assert not pack(code).words("names", "particles") & {"y", "e", "et", "und", "and", "en", "ed"}


def test_names_pack_lexicon_reads_the_pack() -> None:
    es, fr = lexicon("es"), lexicon("fr")
    assert es.never_name("El") and es.never_name("Asimismo") and es.never_name("Cuando")
    assert fr.never_name("Selon") and fr.never_name("Créez") and fr.never_name("L'")
    assert not es.never_name("Gadafi") and not es.never_name("UN")  # acronyms are never function words
    assert not lexicon("pt").never_name("Marco") and lexicon("pt").never_name("para")
    assert es.is_title("presidente") and fr.is_title("Mme") and not es.is_title("Gadafi")
    assert es.is_particle("del") and lexicon("it").is_particle("dell\u2019") and not es.is_particle("y")


def test_names_pack_only_german_capitalises_nouns_and_unknown_languages_do_not_inherit_it() -> None:
    assert lexicon("de").capitalised_nouns
    assert not any(lexicon(code).capitalised_nouns for code in ("en", "es", "fr", "it", "pt", "nl", None))


def test_names_pack_gazetteer_has_places_in_every_language_and_no_organisations() -> None:
    gazetteer = places()
    for name in ("libia", "libye", "libya", "túnez", "francia", "reino unido", "el cairo", "trípoli",
                 "bruselas", "germania", "alemanha"):
        assert gazetteer.get(name) == "GPE", name
    assert gazetteer.get("oriente medio") in (None, "LOC")
    assert "unión europea" not in gazetteer and "naciones unidas" not in gazetteer and "mundo" not in gazetteer


@pytest.mark.parametrize("code", FULL)
def test_names_pack_places_are_capitalised_and_join_the_gazetteer(code: str) -> None:
    assert "places" in pack(code).topic("names"), f"{code}/names.toml has no places key"
    extra = pack(code).words("names", "places")
    assert all(name[:1].isupper() for name in extra)
    assert all(places().get(name.lower()) == "GPE" for name in extra)


def test_names_pack_postposed_adjectives_only_where_the_language_has_them() -> None:
    """The organisation-qualifier rule ("Union européenne") needs adjectives after nouns; in
    English, German and Dutch the lowercase word after an organisation word is a verb."""
    assert all(lexicon(code).adjectives_after_nouns for code in ("es", "fr", "it", "pt"))
    assert not any(lexicon(code).adjectives_after_nouns for code in ("en", "de", "nl", None))


@pytest.mark.parametrize("code", FULL)
def test_names_pack_conjunctions_are_function_words_and_no_particles(code: str) -> None:
    """Conjunctions split "Airbus and Boeing"; a particle among them would split "Banco de España"."""
    conjunctions = pack(code).words("names", "conjunctions")
    assert conjunctions and conjunctions <= pack(code).words("words", "function_words")
    assert not conjunctions & pack(code).words("names", "particles")
