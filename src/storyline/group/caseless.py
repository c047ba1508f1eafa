"""Grouping keys for one token in a script without letter case (Arabic, Chinese, Japanese).

* An Arabic (or other spaced caseless-script) word that names a country or a town, once its
  clitic and article are off (``ومصراتة``), gives that place: the grouper keys a country by its code
  and a town by the name skeleton of its Latin name, so ``مصراتة`` meets "Misrata".
* A Chinese or Japanese run (no spaces) gives its character bigrams as words (the usual index unit
  for these scripts; the run was one "word" per clause) and the places named in it.

The lookups are :mod:`storyline.lang.caseless`'s. Cost: per Arabic word a few dict lookups; per CJK
run of n characters about 7n. The town table (about 25 MB, 0.45 s) is read only when such a
script occurs.
"""

from __future__ import annotations

from storyline.lang.caseless import Place, bare_forms, find_names, is_cjk, is_short, place_of

__all__ = ["cjk_bigrams", "is_cjk", "token_places"]


def cjk_bigrams(run: str) -> list[str]:
    """The character bigrams of a CJK run (the run itself when it is one character)."""
    return [run[i : i + 2] for i in range(len(run) - 1)] or [run]


def token_places(token: str) -> list[Place]:
    """The places one caseless-script token names: those inside a CJK run, else the first of the
    word's bare forms that is a place (at most one). Short town names, often words too, need the
    report's context (:func:`storyline.lang.caseless.find_places`) that one token lacks: left out.
    A name with the article that is also a word ("المدينة") stays: how common it is weighs it."""
    if token and is_cjk(token[0]):
        return [place for start, end, place in find_names(token, place_of)
                if place[0] == "c" or not is_short(token[start:end])]
    for _, form in bare_forms(token):
        place = place_of(form)
        if place is not None and (place[0] == "c" or not is_short(form)):
            return [place]
    return []
