"""Names in scripts without letter case (Arabic, Chinese, Japanese), found by looking them up.

A capital tells a name from a word in Latin or Cyrillic script; Arabic and Han script have none, so
storyline finds the names it has tables for: countries and time-zone cities of CLDR
(:func:`storyline.lang.places.cldr_place_counts`) and towns of 15,000 people or more
(:func:`storyline.lang.places.geo_places`).

* :func:`bare_forms`: an Arabic word and its form without one joined clitic (``و`` "and", ``ب``
  "in", from the packs' ``resolution.toml`` ``clitics``), each with its offset in the word.
* :func:`find_names`: every name a lookup knows in a text, with its span: spaced scripts word
  n-grams (up to three words: "الولايات المتحدة"), Han and kana runs the longest name of two to
  :data:`MAX_CJK_NAME` characters at each position, left to right; :func:`find_places` with
  :func:`place_of` as the lookup.
* :func:`place_of`: what one name is: ("c", territory code), ("town", key, Latin name) or None.

Cost: linear in the text (a few dict lookups per word; about 7 per CJK character). The tables are
read once per process, only when such a script occurs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import TypeVar

from storyline.lang import available, pack, words_of
from storyline.lang.places import choose_place, cldr_place_counts, fold_place, geo_places, is_territory

__all__ = ["MAX_CJK_NAME", "Place", "bare_forms", "caseless_share", "could_be_a_word", "country_of", "find_names", "find_places",
           "is_caseless", "is_cjk", "is_short", "name_prefixes", "place_of"]

#: The longest place name looked for inside a CJK run, in characters.
MAX_CJK_NAME = 8
#: The most words of a place name in a spaced caseless script.
MAX_NAME_WORDS = 3
#: (kind, key, Latin name, country): ("c", "LY", "", "LY") for a country, ("town", "geo:2214846",
#: "Misratah", "LY") for a town.
Place = tuple[str, str, str, str]
#: A town's name this short (letters; Han characters count double) is also a common word too often
#: ("ليل" night and Lille, "باني" a name and Baní): it is taken only where its country is named too.
SHORT_NAME = 4

_WORD = re.compile(r"[^\W\d_]+")
T = TypeVar("T")


def is_cjk(char: str) -> bool:
    """A Han, kana or Hangul character (scripts written without spaces between words)."""
    code = ord(char)
    return 0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF \
        or 0xF900 <= code <= 0xFAFF


def is_caseless(char: str) -> bool:
    """A letter of a script without case."""
    return char.isalpha() and not char.islower() and not char.isupper()


def caseless_share(text: str, sample: int = 2000) -> float:
    """The share of the letters of the text's first ``sample`` characters in a caseless script."""
    letters = [c for c in text[:sample] if c.isalpha()]
    return sum(map(is_caseless, letters)) / len(letters) if letters else 0.0


def country_of(name: str) -> str | None:
    """The territory code of a country's name in any language or script (CLDR and the packs'
    aliases), without reading the town table."""
    return _countries().get(fold_place(name))


def place_of(name: str) -> Place | None:
    """The country or town a name in any script stands for (CLDR first, then the towns)."""
    folded = fold_place(name)
    code = _countries().get(folded)
    if code:
        return ("c", code, "", code)
    town = geo_places().get(folded)
    return ("town", *town) if town is not None else None


def is_short(name: str) -> bool:
    """A name of :data:`SHORT_NAME` letters or fewer (a Han character counting two)."""
    return sum(2 if is_cjk(c) else 1 for c in name if c.isalpha()) <= SHORT_NAME


def bare_forms(word: str) -> list[tuple[int, str]]:
    """(offset, form): the word, and the word without one leading clitic (``ومصراتة`` →
    ``مصراتة``); a clitic that swallowed the article's first letter gives it back (the packs'
    ``clitic_rewrites``: ``للقاهرة`` → ``القاهرة``). Place names keep their own article
    (``القاهرة``), so it is never taken off: ``الليل`` ("the night") is no ``ليل`` (Lille)."""
    forms = [(0, word)]
    for clitic in _clitics():
        if word.startswith(clitic) and len(word) > len(clitic) + 2:
            rewrite = _rewrites().get(clitic, "")
            forms.append((len(clitic) - len(rewrite), rewrite + word[len(clitic):]))
    return forms


def find_places(text: str) -> list[tuple[int, int, Place]]:
    """(start, end, place) of each place named in the caseless-script parts of ``text``; a town
    whose name could be a word only where the text also names its country: a short name
    (:data:`SHORT_NAME`) or one word with the joined article ("المدينة", the city, is Medina too).
    The cities CLDR keeps for time zones (capitals, "القاهرة", "غزة") always count."""
    found = list(find_names(text, place_of))
    countries = {place[3] for _, _, place in found if place[0] == "c"}
    return [(start, end, place) for start, end, place in found
            if place[0] == "c" or place[1].startswith("tz:") or place[3] in countries
            or not could_be_a_word(text[start:end])]


def could_be_a_word(name: str) -> bool:
    """A town's name that is also often a word: short, or one word opened by a joined article."""
    return is_short(name) or (" " not in name and name.startswith(name_prefixes()))


def find_names(text: str, lookup: Callable[[str], T | None]) -> Iterator[tuple[int, int, T]]:
    """(start, end, what ``lookup`` gives) of each name ``lookup`` knows in the caseless-script
    parts of ``text``, longest first, left to right."""
    words = [m for m in _WORD.finditer(text) if is_caseless(m.group()[0])]
    i = 0
    while i < len(words):
        if is_cjk(words[i].group()[0]):
            yield from _cjk_names(words[i].start(), words[i].group(), lookup)
            i += 1
            continue
        found = _spaced_name(text, words, i, lookup)
        if found is None:
            i += 1
            continue
        start, end, value, used = found
        yield start, end, value
        i += used


def _spaced_name(text: str, words: list[re.Match[str]], i: int,
                 lookup: Callable[[str], T | None]) -> tuple[int, int, T, int] | None:
    """The longest name opening at word ``i`` (its first word stripped of clitic and article)."""
    for size in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
        last = words[i + size - 1]
        if text[words[i].end() : last.start()].strip(" ") and size > 1:
            continue  # punctuation between the words: no name
        tail = text[words[i].end() : last.end()]
        for offset, form in bare_forms(words[i].group()):
            value = lookup(form + tail)
            if value is not None:
                return words[i].start() + max(offset, 0), last.end(), value, size
    return None


def _cjk_names(start: int, run: str, lookup: Callable[[str], T | None]) -> Iterator[tuple[int, int, T]]:
    i = 0
    while i < len(run) - 1:
        for size in range(min(MAX_CJK_NAME, len(run) - i), 1, -1):
            value = lookup(run[i : i + size])
            if value is not None:
                yield start + i, start + i + size, value
                i += size
                break
        else:
            i += 1


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """CLDR territory names (folded) of every locale → code, where the locales agree, and the
    packs' ``place_aliases`` of countries."""
    claims: dict[str, Counter[str]] = {}
    for name, key, count in cldr_place_counts():
        claims.setdefault(fold_place(name), Counter())[key] += count
    table = {name: key for name, votes in claims.items()
             if (key := choose_place(votes)) is not None and is_territory(key)}
    for code in available():  # the packs' short names CLDR lacks ("السعودية", "EE UU")
        for alias, key in pack(code).topic("resolution").get("place_aliases", {}).items():
            if is_territory(str(key)):
                table.setdefault(fold_place(alias), str(key))
    return table


@lru_cache(maxsize=1)
def _clitics() -> tuple[str, ...]:
    return _longest_first(words_of(available(), "resolution", "clitics"))


def _longest_first(words: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def name_prefixes() -> tuple[str, ...]:
    """Articles written joined to names (Arabic "ال"), every pack's ``resolution.toml``
    ``name_prefixes``, longest first: the one list the stages that strip them read."""
    return _longest_first(words_of(available(), "resolution", "name_prefixes"))


@lru_cache(maxsize=1)
def _rewrites() -> dict[str, str]:
    return {c: str(r) for code in available()
            for c, r in pack(code).topic("resolution").get("clitic_rewrites", {}).items()}
