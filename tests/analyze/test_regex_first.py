"""The first-character look-ahead changes no match of the patterns it guards."""

from __future__ import annotations

import random
import re

import pytest

from storyline.analyze.regex_first import compile_guarded, guarded
from storyline.analyze.time_rules import build_rules
from storyline.lang import FULL

_PIECES = ["the past", "early", "late", " ", "  ", ",", ".", "-", ":", "'", "’", "\n", "1", "10", "1998", "2011",
           "30", "5pm", "a.m.", "Monday", "lunes", "mardi", "marzo", "ayer", "hier", "ieri", "week", "años",
           "K", "ſ", "İ", "É", "x", "Mi", "S-400", "NATO", "Ltd.", "said", "will", "Inc."]


@pytest.mark.parametrize("language", sorted(FULL))
def test_guarded_time_rules_match_as_the_plain_ones(language: str) -> None:
    rng = random.Random(len(language))
    texts = ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 14))) for _ in range(150)]
    for _, pattern, _ in build_rules(language):
        plain = pattern.pattern
        if plain.startswith("(?=["):  # the rule as written, without its look-ahead
            plain = plain[plain.index("])(?:") + 5 : -1]
        unguarded = re.compile(plain, pattern.flags)
        for text in texts:
            assert [(m.span(), m.groups()) for m in pattern.finditer(text)] == \
                [(m.span(), m.groups()) for m in unguarded.finditer(text)], (pattern.pattern[:60], text)


@pytest.mark.parametrize("pattern, flags, starts, never", [
    (r"(?:\b(?:early|late)[\s-]+)?(?<![\d:])(?P<y>\d{4})", re.IGNORECASE, "1eEL", "xq,. -"),
    (r"\b(?:[A-Z]\.){2,}|\b[A-Z][A-Z0-9]{1,5}\b", 0, "ANZ", "a1.-"),
    (r"(?<=for\s)(?P<u>days|weeks)", re.IGNORECASE, "dDwW", "fs "),
])
def test_the_look_ahead_admits_the_first_characters_only(pattern: str, flags: int, starts: str, never: str) -> None:
    guard = guarded(pattern, flags)
    assert guard.endswith("(?:" + pattern + ")")
    ahead = re.compile(guard[: guard.index("])") + 2], flags)
    assert all(ahead.match(char) for char in starts)
    assert not any(ahead.match(char) for char in never)


@pytest.mark.parametrize("pattern", [r"a*", r"(?:x)?", r"(a)\1", r".b", r"[^a]b", r"(?P<s>[/.])\d(?P=s)", ""])
def test_patterns_it_cannot_read_come_back_unchanged(pattern: str) -> None:
    assert guarded(pattern) == pattern or guarded(pattern).startswith("(?=[")
    assert compile_guarded(pattern).pattern in (pattern, guarded(pattern))
    if pattern in (r"a*", r"(?:x)?", r".b", r"[^a]b", ""):
        assert guarded(pattern) == pattern  # may match empty, or starts with any / a negated class
