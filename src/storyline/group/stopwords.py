"""Stopwords for grouping features: each language pack's ``function_words`` (words.toml).

:mod:`storyline.group.features` uses them. Words are lowercase and accent-folded (the form
features compare), so "était" is listed as "etait". A known language gets its own list plus
English (English furniture appears in every language's pages); an unknown one gets every list.
"""

from __future__ import annotations

from functools import lru_cache

from storyline.lang import FULL, pack, words_of

__all__ = ["ALL_STOPWORDS", "stopwords_for"]

#: Every full pack's function words, for articles whose language is unknown.
ALL_STOPWORDS: frozenset[str] = words_of(FULL, "words", "function_words")


@lru_cache(maxsize=64)
def stopwords_for(language: str | None) -> frozenset[str]:
    """The stopwords to use for an article.

    Args:
        language: ISO 639-1 code, or None when unknown.

    Returns:
        English plus the language's own list when it has a pack, else every list.
    """
    own = pack(language)
    if language is None or own.code not in FULL:
        return ALL_STOPWORDS
    # Memoised: one set per language, so that per-token caches keyed by it hit at once.
    return own.words("words", "function_words") | pack("en").words("words", "function_words")
