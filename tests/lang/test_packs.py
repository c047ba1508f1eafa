"""Language packs: loading, fallback, and the words topic every full pack must fill."""

from __future__ import annotations

import pytest

from storyline.lang import FALLBACK, FULL, available, pack, words_of


def test_packs_every_full_language_is_shipped() -> None:
    assert set(FULL) <= set(available())


@pytest.mark.parametrize("code", FULL)
def test_packs_function_words_are_lowercase_accent_folded_and_many(code: str) -> None:
    words = pack(code).words("words", "function_words")
    assert len(words) >= 80
    assert all(word == word.lower() and word.isascii() for word in words)


@pytest.mark.parametrize(("given", "expected"), [("es", "es"), ("pt-BR", "pt"), ("FR", "fr"),
                                                 (None, FALLBACK), ("", FALLBACK), ("qq", FALLBACK)])
def test_packs_code_is_normalised_and_unknown_falls_back(given: str | None, expected: str) -> None:
    assert pack(given).code == expected


def test_packs_fallback_answers_the_union_of_full_packs() -> None:
    union = pack(None).words("words", "function_words")
    assert union == words_of(FULL, "words", "function_words")
    assert {"the", "dijo", "selon", "ieri", "gestern", "ontem"} <= union


def test_packs_missing_topic_is_empty_not_an_error() -> None:
    assert pack("es").topic("no-such-topic") == {}
    assert pack("es").words("no-such-topic", "x") == frozenset()


def test_packs_are_loaded_once_per_process() -> None:
    assert pack("it") is pack("it")
    assert pack("it").topic("words") is pack("it").topic("words")


def test_packs_partial_pack_answers_its_own_topics_and_the_union_for_the_rest() -> None:
    arabic = pack("ar")
    assert arabic.code == "ar" and "ar" not in FULL
    assert arabic.words("words", "function_words") == pack(None).words("words", "function_words")
    assert arabic.topic("resolution") == pack("ar").topic("resolution") != {}
    assert arabic.topic("resolution") != pack(None).topic("resolution")


@pytest.mark.parametrize(("word", "folded"), [("Él", "el"), ("été", "ete"), ("daß", "dass"), ("Dijo", "dijo"),
                                              ("però", "pero")])
def test_packs_fold_word_gives_the_form_pack_lists_are_kept_in(word: str, folded: str) -> None:
    from storyline.lang import fold_word

    assert fold_word(word) == folded
