"""Page furniture as data: each language pack's ``furniture.toml``, compiled once per process.

Cleaning runs before the language of a text is known (detection reads the cleaned text), and a
page in one language carries furniture in others ("Share", "Compartir"), so the patterns of every
full pack are used together: the fallback pack answers with their union. Every pattern matches a
whole line, so a phrase of one language cannot cut a sentence of another. Structural patterns
that no language owns (markup, code) stay in :mod:`storyline.ingest.boilerplate_patterns`.

Keys of the topic: the reasons a line is dropped (:data:`REASONS`), ``block_markers`` (lines that
open a block of related headlines), and the words ingest/outlet.py reads (``agency_joiners``,
``and_words``, ``byline_words``; ``legal_forms``, case-sensitive patterns of companies' legal
forms; ``site_names``, whole-line patterns of a line naming its site, the name in group ``name``),
and ``cue_words``, words a page uses about itself (read by ingest/templates.py). Cost: one TOML parse per pack and one regex compile per reason,
once per process.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storyline.ingest.boilerplate_patterns import compile_lines
from storyline.lang import FALLBACK, pack

#: The keys of furniture.toml that list lines dropped wherever they stand, by reason.
REASONS = ("share", "follow", "comments", "account", "counters", "interface")
#: Every key a full pack's furniture.toml must have.
REQUIRED = (*REASONS, "block_markers", "agency_joiners", "and_words", "byline_words", "legal_forms", "site_names",
            "cue_words")

TOPIC = "furniture"


@lru_cache(maxsize=1)
def junk_lines() -> dict[str, re.Pattern[str]]:
    """Per reason, one case-insensitive whole-line pattern over every language's list."""
    data = pack(FALLBACK).topic(TOPIC)
    return {reason: compile_lines(list(data.get(reason, ()))) for reason in REASONS if data.get(reason)}


@lru_cache(maxsize=1)
def block_marker() -> re.Pattern[str]:
    """Lines that open a block of related headlines, in any language; they may end in a colon,
    dots or an ellipsis ("You may also like...")."""
    markers = [marker.removesuffix(":?") + r"\s*[:.…]*" for marker in pack(FALLBACK).get(TOPIC, "block_markers", [])]
    return compile_lines(markers)


@lru_cache(maxsize=8)
def words(key: str) -> frozenset[str]:
    """A word list of the topic over every language (``agency_joiners``, ``byline_words``...)."""
    return frozenset(word.casefold() for word in pack(FALLBACK).get(TOPIC, key, []))


@lru_cache(maxsize=8)
def patterns(key: str) -> tuple[str, ...]:
    """A list of patterns of the topic over every language, as written (case kept)."""
    return tuple(dict.fromkeys(pack(FALLBACK).get(TOPIC, key, [])))
