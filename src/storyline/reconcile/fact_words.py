"""Which of a sentence's content keys say something: the word lists fact alignment leaves out.

A sentence's content keys (:func:`storyline.reconcile.quote_merge.content_words`, first five
letters) include words that carry no statement of their own: the function words of every
language pack (the English-only stop list keeps "las", "que", "est"), and the month and weekday
names of every full pack (CLDR's, through Babel). :func:`says_something` tells a statement from a
sentence that is only names, numbers and dates ("Jueves 17/02/2011.", "GINEBRA, 25 DE FEBRERO
DEL 2011.", "La Habana, 19 de marzo de 2011"): date lines and credit lines repeated by several
pages of one outlet, which would otherwise stand as facts "established" by several reports.

Cost: the lists are built once per process (a few thousand words); each test is one pass over a
sentence's keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import babel

from storyline.lang import FULL, fold_word
from storyline.reconcile.name_keys import function_words
from storyline.reconcile.quote_merge import content_words

__all__ = ["MAX_FRAME_WORDS", "calendar_stems", "function_stems", "says_something", "states_something"]

#: Content keys are cut to this many letters (``quote_merge._STEM_CHARS``).
_STEM = 5
#: Words of grammar (function words) a sentence of only names, numbers and dates may keep and still be
#: a date or credit line, not a statement ("La Habana, a 19 de marzo de 2011").
MAX_FRAME_WORDS = 2
_WORD_ONLY_RE = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _calendar_words() -> frozenset[str]:
    """Month and weekday names (wide and abbreviated, format and stand-alone) of every full pack's
    language, folded: CLDR's, through Babel."""
    words: set[str] = set()
    for code in FULL:
        locale = babel.Locale.parse(code)
        for table in (locale.months, locale.days):
            for context in table.values():
                for width in ("wide", "abbreviated"):
                    words.update(fold_word(w).strip(".") for w in context.get(width, {}).values())
    return frozenset(w for w in words if len(w) >= 3)


@lru_cache(maxsize=1)
def calendar_stems() -> frozenset[str]:
    """The calendar words as content keys are cut (their first five letters) and whole."""
    words = _calendar_words()
    return words | frozenset(w[:_STEM] for w in words)


@lru_cache(maxsize=1)
def function_stems() -> frozenset[str]:
    """Every pack's function words, whole and as content keys are cut (first five letters): the
    content keys keep some of them ("las", "que", "han" outside English)."""
    words = function_words()
    return words | frozenset(w[:_STEM] for w in words)


def says_something(keys: Iterable[str]) -> bool:
    """Whether content keys hold a word that is no name (``@``-key), number, calendar word or
    function word: what a statement needs beyond who, when and how many."""
    calendar, function = calendar_stems(), function_stems()
    return any(not k.startswith("@") and not k[:1].isdigit() and k not in calendar and k not in function
               for k in keys)


def states_something(rest: str) -> bool:
    """Whether a sentence, its names and time expressions masked (``rest``), still states
    something: a content word (:func:`says_something`) or more than :data:`MAX_FRAME_WORDS` words
    of grammar ("The Tour de France will be in London for the two days of the 7th and 8th of
    July"). A date line keeps at most a preposition ("Oaxaca, México, a 9 de marzo de 2011")."""
    return says_something(content_words(rest)) or len(_WORD_ONLY_RE.findall(rest)) > MAX_FRAME_WORDS
