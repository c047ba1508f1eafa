"""The frequent-words topic (frequent.toml) of the packs: what the sentence-opening rule reads."""

from __future__ import annotations

import pytest

from storyline.analyze.ner_lexicon import lexicon, places
from storyline.lang import FULL, pack


@pytest.mark.parametrize("code", [c for c in FULL if c != "en"])
def test_every_full_pack_but_english_has_its_frequent_words(code: str) -> None:
    """English is read by its own model, which learned its sentence openers."""
    words = pack(code).words("frequent", "words")
    assert len(words) >= 1000
    assert all(w == w.lower() and w.isalpha() for w in words)
    assert not words & set(places())  # a place is never an ordinary word here


@pytest.mark.parametrize("code, word", [("it", "Purtroppo"), ("fr", "Beaucoup"), ("es", "Ojalá"), ("nl", "Daarnaast")])
def test_uninflected_words_simplemma_lacks_are_ordinary(code: str, word: str) -> None:
    lex = lexicon(code)
    assert not lex.known(word)  # what the model's features read stays simplemma's answer
    assert lex.ordinary(word)


def test_a_name_frequent_in_many_languages_is_not_an_ordinary_word() -> None:
    assert not lexicon("it").ordinary("Obama")
