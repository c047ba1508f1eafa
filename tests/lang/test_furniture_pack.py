"""The furniture topic: every full pack lists its page furniture, as valid whole-line patterns."""

from __future__ import annotations

import re

import pytest

from storyline.ingest.furniture import REASONS, REQUIRED, junk_lines
from storyline.lang import FULL, pack


@pytest.mark.parametrize("code", FULL)
def test_furniture_pack_has_every_key(code: str) -> None:
    topic = pack(code).topic("furniture")
    assert set(REQUIRED) <= set(topic), f"{code}/furniture.toml lacks {set(REQUIRED) - set(topic)}"
    assert all(isinstance(topic[key], list) for key in REQUIRED)
    assert topic["counters"] and topic["comments"] and topic["block_markers"]


@pytest.mark.parametrize("code", FULL)
def test_furniture_patterns_compile_and_match_no_empty_line(code: str) -> None:
    topic = pack(code).topic("furniture")
    for key in (*REASONS, "block_markers"):
        for pattern in topic[key]:
            compiled = re.compile(f"^(?:{pattern})$", re.IGNORECASE)
            assert not compiled.match(""), f"{code}:{key}: {pattern!r} matches an empty line"


@pytest.mark.parametrize("code", FULL)
def test_furniture_word_lists_are_lowercase_words(code: str) -> None:
    for key in ("agency_joiners", "and_words", "byline_words"):
        words = pack(code).words("furniture", key)
        assert words and all(word == word.lower() and word.isalpha() for word in words)


def test_furniture_of_every_language_is_read_together() -> None:
    counters = junk_lines()["counters"]
    for line in ("Se han publicado 7 comentarios", "Temps de Lecture 6 min.", "Tempo di lettura: 4 minuti",
                 "Lesezeit: 3 Minuten", "Tempo de leitura 5 min", "5 min read"):
        assert counters.match(line), line
    assert counters.match("6 commenti per Servizi Segreti: fermento Massonico")
    assert not counters.match("Se han publicado 7 informes sobre la guerra en Libia desde marzo.")
    assert not counters.match("3 comments on the budget vote were deleted by the moderators yesterday.")


@pytest.mark.parametrize("code", FULL)
def test_legal_forms_are_case_sensitive_patterns_of_a_legal_form(code: str) -> None:
    forms = pack(code).get("furniture", "legal_forms", [])
    assert forms
    for form in forms:
        compiled = re.compile(f"^(?:{form})$")
        assert not compiled.match(""), f"{code}: {form!r} matches an empty line"
        assert not compiled.match("de") and not compiled.match("la"), f"{code}: {form!r} matches a function word"


@pytest.mark.parametrize("code", FULL)
def test_site_name_patterns_name_the_site(code: str) -> None:
    for pattern in pack(code).get("furniture", "site_names", []):
        compiled = re.compile(f"^(?:{pattern})$", re.IGNORECASE)
        assert "name" in compiled.groupindex, f"{code}: {pattern!r} has no group 'name'"
        assert not compiled.match(""), f"{code}: {pattern!r} matches an empty line"


@pytest.mark.parametrize("code", FULL)
def test_cue_words_are_single_lowercase_words(code: str) -> None:
    cues = pack(code).get("furniture", "cue_words", [])
    assert len(cues) >= 10
    assert all(word == word.lower() and word.isalpha() for word in cues)
