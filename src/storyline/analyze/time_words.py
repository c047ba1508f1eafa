"""The time words of one language, read from its pack (``storyline/lang/<code>/time.toml``).

The rule engine (:mod:`storyline.analyze.time_rules`, :mod:`storyline.analyze.time_pack_rules`)
is one code path for every language; what differs is this data: month and weekday names, day
words (today, hoy, hier), relative modifiers before and after the noun (last, pasado, dernier,
scorso, letzten), units, number words, ago constructions (hace 3 días, il y a 3 jours, 3 giorni
fa, vor 3 Tagen), edges, the numeric date order, ordinal suffixes, the words that make a number
not a year (resolución 1973), clock marks and the words that tell a clause's tense.

``time_words(code)`` is cached: one TOML parse and one regex compilation per language per
process. Every word list becomes a regex alternation (longest first, escaped, an apostrophe
matching both ' and ’), so patterns built from them match in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from storyline.analyze.regex_trie import trie_alternation
from storyline.lang import FALLBACK, FULL, pack

__all__ = ["TimeWords", "alternation", "time_words", "tokens_of"]

_REQUIRED_TABLES = ("months", "weekdays", "day_words", "day_parts", "shift_before", "shift_after",
                    "units", "seasons", "numbers", "references", "clock_words", "frequency")


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` that matches as the longest-first one; "'" matches ' and
    ’; "" when empty. Written as a prefix tree (:mod:`storyline.analyze.regex_trie`): the rules
    scan every window around a head word with it, and a flat list costs one attempt per word at
    every position."""
    return trie_alternation({w.lower() for w in words if w}, _escape_char)


def _escape_char(char: str) -> str:
    return "['’]" if char in "'’" else re.escape(char)


def tokens_of(words: Iterable[str]) -> frozenset[str]:
    """One lower-case head token per word or phrase, its longest ("fin de semana" → "semana"):
    every match of the phrase holds it, and function words ("de") would make every window the
    whole text. The tagger indexes a text's tokens and runs a rule only around its heads."""
    heads = set()
    for word in words:
        tokens = re.findall(r"\w+", word.lower().replace("’", "'"))
        if tokens:
            heads.add(max(tokens, key=len))
    return frozenset(heads)


@dataclass(frozen=True, slots=True)
class TimeWords:
    """One language's time data. Tables map a lower-case word to its meaning; ``*_re`` fields
    are regex alternations of a list (empty string when the list is empty)."""

    code: str
    date_order: str
    names_capitalised: bool
    months: Mapping[str, int]
    ambiguous_months: frozenset[str]
    weekdays: Mapping[str, int]
    day_words: Mapping[str, int]
    day_parts: Mapping[str, str]
    shift_before: Mapping[str, int]
    shift_after: Mapping[str, int]
    units: Mapping[str, str]
    seasons: Mapping[str, str]
    numbers: Mapping[str, int]
    vague_numbers: frozenset[str]
    references: Mapping[str, str]
    clock_words: Mapping[str, str]
    frequency: Mapping[str, str]
    year_blockers: frozenset[str]
    lists: Mapping[str, tuple[str, ...]]
    other_months: Mapping[str, int] = field(default_factory=dict)
    other_ordinals: tuple[str, ...] = ()

    def re(self, key: str) -> str:
        """The alternation of the list or table ``key`` ("" when empty)."""
        value = self.lists.get(key)
        if value is None:
            value = tuple(getattr(self, key, ()))
        return alternation(value)

    def shift(self, word: str | None, after: bool = False) -> int | None:
        """The amount of a relative modifier ("pasado" → -1), or None."""
        if not word:
            return None
        table = self.shift_after if after else self.shift_before
        return table.get(_key(word))

    def number(self, word: str) -> float | None:
        """"tres" → 3, "24" → 24, "24,5" → 24.5; a vague quantity ("varios") → None."""
        key = _key(word)
        if key[:1].isdigit():
            return float(key.replace(",", "."))
        return float(self.numbers[key]) if key in self.numbers else None


def _key(word: str) -> str:
    return re.sub(r"\s+", " ", word.lower().replace("’", "'")).strip()


@lru_cache(maxsize=16)
def time_words(code: str) -> TimeWords:
    """The time data of a language (the union of all packs for an unknown code)."""
    data = pack(code).topic("time")
    if not data:
        data = pack("en").topic("time")
    tables: dict[str, Mapping[str, Any]] = {
        name: {_key(k): v for k, v in dict(data.get(name, {})).items()} for name in _REQUIRED_TABLES
    }
    lists = {key: tuple(_key(w) for w in value) for key, value in data.items()
             if isinstance(value, list)}
    known = pack(code).code != FALLBACK  # the union's scalars are English's: not for unknowns
    return TimeWords(
        code=pack(code).code,
        date_order=str(data.get("date_order", "dmy")) if known else "dmy",
        names_capitalised=bool(data.get("names_capitalised", False)) and known,
        ambiguous_months=frozenset(lists.get("ambiguous_months", ())),
        vague_numbers=frozenset(lists.get("vague_numbers", ())),
        year_blockers=frozenset(lists.get("year_blockers", ())),
        lists=lists,
        other_months=MappingProxyType(_other_months(pack(code).code)),
        other_ordinals=tuple(sorted({_key(w) for one in FULL for w in pack(one).topic("time").get("ordinal_suffixes", ())})),
        **tables,  # type: ignore[arg-type]
    )


def _other_months(code: str) -> dict[str, int]:
    """The month names of every other full pack that this language lacks (a name two packs give
    different numbers is left out): a Spanish report quoting "February 23, 2011" or a French one
    "23 febbraio 2011" writes a whole date in another language, read only with its day and year
    (the rule ``pk_other_date``)."""
    found: dict[str, set[int]] = {}
    for one in FULL:
        if one == code:
            continue
        data = pack(one).topic("time")
        months = {_key(k): int(v) for k, v in data.get("months", {}).items()}
        ambiguous = {_key(w) for w in data.get("ambiguous_months", ())}
        for name, number in months.items():
            # an abbreviation that is a common word ("ago" of agosto, "out" of outubro) is no month
            # of another language even beside a day and a year
            if name not in ambiguous or not any(o != name and o.startswith(name) for o in months):
                found.setdefault(name, set()).add(number)
    own = pack(code).topic("time").get("months", {}) if code in FULL else {}
    mine = {_key(k) for k in own}
    return {name: next(iter(numbers)) for name, numbers in found.items()
            if len(numbers) == 1 and name not in mine and len(name) >= 3}


def all_names(table: str) -> dict[str, dict[str, int]]:
    """``{language: {name: number}}`` of "months" or "weekdays" over every full pack."""
    return {code: dict(getattr(time_words(code), table)) for code in FULL}
