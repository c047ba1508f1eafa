"""Keys for text in scripts without letter case (Arabic, Chinese, Japanese), where a name cannot be
told from a word by its capital.

* Arabic (and other spaced caseless scripts): a word, with a clitic (``و`` "and", ``ب`` "in",
  ``ل`` "to", from the packs' ``resolution.toml`` ``clitics``) and the joined article (``ال``,
  ``name_prefixes``) taken off, that names a town of 15,000 people or more
  (:func:`storyline.lang.places.geo_places`) gives the town's Latin name, so that ``مصراتة`` meets
  "Misrata" through the name skeleton the grouper gives Latin names; a country (``وليبيا``)
  gives its code.
* Chinese and Japanese runs (no spaces): character bigrams stand for words (the usual index unit
  for these scripts), and the run is scanned left to right for the longest country or town name
  of two to :data:`MAX_CJK_NAME` characters (``米苏拉塔``, ``利比亚``, ``班加西``).

Cost: per Arabic word a few dict lookups; per CJK run of n characters about n x 7 lookups. The
town table (about 30 MB, 0.35 s) is read only when such a script occurs.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from storyline.lang import available, pack
from storyline.lang.places import fold_place, geo_places

__all__ = ["MAX_CJK_NAME", "cjk_bigrams", "cjk_places", "is_cjk", "word_places"]

#: The longest country or town name looked for inside a CJK run, in characters.
MAX_CJK_NAME = 8


def is_cjk(char: str) -> bool:
    """A Han, kana or Hangul character (scripts written without spaces between words)."""
    code = ord(char)
    return 0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF \
        or 0xF900 <= code <= 0xFAFF


def cjk_bigrams(run: str) -> list[str]:
    """The character bigrams of a CJK run (the run itself when it is one character)."""
    return [run[i : i + 2] for i in range(len(run) - 1)] or [run]


def cjk_places(run: str, countries: Mapping[str, str]) -> list[tuple[str, str]]:
    """("c", code) for each country and ("town", Latin name) for each town named in a CJK run,
    longest match first, left to right."""
    found: list[tuple[str, str]] = []
    i = 0
    while i < len(run) - 1:
        for size in range(min(MAX_CJK_NAME, len(run) - i), 1, -1):
            place = _place(run[i : i + size], countries)
            if place is not None:
                found.append(place)
                i += size
                break
        else:
            i += 1
    return found


def word_places(word: str, countries: Mapping[str, str]) -> list[tuple[str, str]]:
    """The country or town a caseless-script word names, clitic and article aside (at most one)."""
    for candidate in _bare_forms(word):
        place = _place(candidate, countries)
        if place is not None:
            return [place]
    return []


def _place(name: str, countries: Mapping[str, str]) -> tuple[str, str] | None:
    code = countries.get(name)
    if code:
        return ("c", code)
    town = geo_places().get(fold_place(name))
    return ("town", town[1]) if town is not None else None


def _bare_forms(word: str) -> list[str]:
    """The word, without one leading clitic, and each without the joined article."""
    forms = [word] + [word[len(c):] for c in _clitics() if word.startswith(c) and len(word) > len(c) + 2]
    bare = [f[len(p):] for f in forms for p in _articles() if f.startswith(p) and len(f) > len(p) + 2]
    return forms + bare


@lru_cache(maxsize=1)
def _clitics() -> tuple[str, ...]:
    found = {c for code in available() for c in pack(code).words("resolution", "clitics")}
    return tuple(sorted(found, key=len, reverse=True))


@lru_cache(maxsize=1)
def _articles() -> tuple[str, ...]:
    found = {p for code in available() for p in pack(code).words("resolution", "name_prefixes")}
    return tuple(sorted(found, key=len, reverse=True))
