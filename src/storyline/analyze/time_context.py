"""What a time rule's handler may read: the text, the anchor, the language's words, sentences.

Split out of :mod:`storyline.analyze.time_rules` so that the English-construction rules and the
pack-driven rules (:mod:`storyline.analyze.time_pack_rules`) share it without an import cycle.
The tense of a clause is read with English markers for English and with the pack's past and
future words and verb endings for other languages (cost: one regex scan of each sentence that
holds an expression to resolve).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from storyline.analyze import time_resolve as tr
from storyline.analyze.regex_first import compile_guarded
from storyline.analyze.time_words import TimeWords, alternation, time_words

__all__ = ["Context", "month_number", "weekday_number"]

_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(«]*[A-ZÀ-Ý0-9¿¡])|\n\s*\n|\n(?=\s*[A-ZÀ-Ý\"“«])")
_LAST_WORD = re.compile(r"([\w'’-]+)\W*$")


@dataclass(slots=True)
class Context:
    """The text, the anchor, the language (ISO 639-1) and its time words, sentence starts."""

    text: str
    anchor: date | None
    language: str
    starts: list[int] = field(default_factory=list)
    words: TimeWords = field(init=False)
    #: Each sentence's tense markers, read once (several expressions may share a sentence).
    markers: dict[tuple[int, int], list[tuple[int, int, bool]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.starts = [0] + [m.end() for m in _SENTENCE_END.finditer(self.text)]
        self.words = time_words(self.language)

    def sentence(self, pos: int) -> tuple[int, int]:
        """The ``(start, end)`` of the sentence holding ``pos``."""
        index = bisect.bisect_right(self.starts, pos) - 1
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return self.starts[index], end

    def tense(self, start: int, end: int) -> tr.Tense:
        """The tense around ``text[start:end]``, read from its sentence."""
        s_start, s_end = self.sentence(start)
        sentence = self.text[s_start:s_end]
        found = self.markers.get((s_start, s_end))
        if found is None:
            markers = None if self.language == "en" else _tense_re(self.words.code)
            found = self.markers[s_start, s_end] = tr.tense_markers(sentence, markers)
        return tr.tense_among(found, sentence, start - s_start, end - s_start)

    def word_before(self, pos: int) -> str:
        """The lower-cased word just before ``pos`` ("" at the start)."""
        match = _LAST_WORD.search(self.text, max(0, pos - 30), pos)
        return match.group(1).lower().replace("’", "'") if match else ""


@lru_cache(maxsize=16)
def _tense_re(code: str) -> re.Pattern[str]:
    """Past and future markers of a language: its listed words and verb endings (a word of at
    least four letters ending so)."""
    words = time_words(code)
    future = "|".join(p for p in (
        words.re("future_words"),
        rf"\w{{2,}}(?:{words.re('future_suffixes')})" if words.lists.get("future_suffixes") else "") if p)
    past = "|".join(p for p in (
        words.re("past_words"),
        rf"\w{{2,}}(?:{words.re('past_suffixes')})" if words.lists.get("past_suffixes") else "") if p)
    return compile_guarded(rf"\b(?:(?P<fut>{future or '(?!)'})|(?P<past>{past or '(?!)'}))\b", re.IGNORECASE)


def month_number(name: str, language: str) -> int | None:
    """"Marzo" → 3 in the language's names (English names too, for English only)."""
    key = name.lower().rstrip(".")
    return time_words(language).months.get(key)


def weekday_number(name: str, language: str) -> int | None:
    """"viernes" → 5 (ISO weekday)."""
    return time_words(language).weekdays.get(name.lower().replace("’", "'"))


def names_alternation(language: str, table: str) -> str:
    """The regex alternation of a language's month or weekday names."""
    return alternation(getattr(time_words(language), table))
