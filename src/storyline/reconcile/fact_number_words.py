"""Number words and multipliers per language, for reading counts in any language's sentences.

"Dix-sept personnes", "cinco muertos", "due milioni di firme", "un millier de personnes": the
quantities of :mod:`storyline.reconcile.fact_values` are read with the report's language's words,

* **number words** from its pack's ``time.toml`` ``numbers`` (the words the time rules read "dos
  días" with): single words worth two or more (the words for one are articles too: "un", "a",
  "ein"), and a tens word joined by a hyphen to a unit word adds up ("dix-sept", "vingt-deux",
  "twenty-five");
* **multipliers** from CLDR's long compact number patterns (through Babel: "0 millones",
  "0 millier", "0 Milliarden") for thousands to trillions, plus the pack's word for a hundred; a
  word for one right before a multiplier counts one of it ("un millier", "a million").

A report of unknown language reads English words, as every report did before languages were
data: the union of all packs would read Italian "due" in "due to". Cost: one pack and CLDR read
per language per process (``lru_cache``); look-ups are dictionary hits.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from babel import Locale

from storyline.analyze.speaker_names import fold
from storyline.analyze.time_words import time_words
from storyline.lang import FULL

__all__ = ["NumberWords", "number_words"]

#: CLDR compact-pattern magnitudes whose words multiply the number before them.
_MAGNITUDES = ("1000", "1000000", "1000000000", "1000000000000")


class NumberWords(NamedTuple):
    """One language's words: ``values`` (word → its number, two or more), ``ones`` (words for
    one, counted only before a multiplier), ``multipliers`` (word → factor)."""

    values: dict[str, float]
    ones: frozenset[str]
    multipliers: dict[str, float]


@lru_cache(maxsize=len(FULL) + 1)
def number_words(language: str | None) -> NumberWords:
    """The number words of ``language`` (English when it has no full pack)."""
    code = language if language in FULL else "en"
    listed = time_words(code).numbers  # the table the time rules read "dos días" with
    single = {fold(word): float(value) for word, value in listed.items() if " " not in word}
    values = {word: value for word, value in single.items() if value >= 2}
    ones = frozenset(word for word, value in single.items() if value == 1)
    multipliers = {word: value for word, value in values.items() if value == 100}
    multipliers.update(_cldr_multipliers(code))
    return NumberWords(values, ones, multipliers)


def _cldr_multipliers(code: str) -> dict[str, float]:
    """Each word of CLDR's long compact patterns ("0 millones" → "millones": 1e6; "0 mil millones"
    gives "mil" and "millones", read one after the other as 1e3 × 1e6), by the smallest magnitude
    it appears in."""
    found: dict[str, float] = {}
    formats = Locale.parse(code).compact_decimal_formats.get("long", {})
    for magnitude in _MAGNITUDES:
        for by_plural in formats.values():
            pattern = by_plural.get(magnitude)
            if pattern is None:
                continue
            words = [w for w in str(getattr(pattern, "pattern", pattern)).split() if w.strip("0.,")]
            if len(words) == 1:
                found.setdefault(fold(words[0]), float(magnitude))
    return found
