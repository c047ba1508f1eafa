"""Folding for grouping keys: accents and case off, and a name's spelling-tolerant skeleton.

:func:`fold` lowercases and strips accents ("Çavuşoğlu" → "cavusoglu") on the runs of non-ASCII
characters only; :func:`fold_head` folds the part of a text grouping reads (its first
:data:`MAX_CHARS` characters) and keeps the last result, since the grouper folds each text twice;
:func:`name_skeleton` maps a name to its first letter and consonant classes ("Blinken",
"Blincoln" → "brn…"; a name in another script through its anyascii transliteration). Split from
:mod:`storyline.group.features`, which re-exports these names. Cost: linear in the text, the
folding of each distinct non-ASCII run memoised.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from storyline.lang.caseless import name_prefixes

__all__ = ["MAX_CHARS", "fold", "fold_head", "name_skeleton"]

#: Characters of a text that grouping reads.
MAX_CHARS = 20_000

#: Characters that NFKD does not decompose into a base letter plus accent.
_SPECIAL_FOLDS = str.maketrans(
    {"ı": "i", "ø": "o", "Ø": "O", "ß": "ss", "ł": "l", "Ł": "L", "æ": "ae", "Æ": "AE",
     "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D", "þ": "th", "ð": "d", "’": "'"}
)


def _combining_class() -> re.Pattern[str]:
    # Every combining code point (unicodedata.combining != 0) below U+20000, as one character
    # class: removing them with one regex is exact and much faster than a per-character loop.
    runs: list[tuple[int, int]] = []
    for code in range(0x20000):
        if unicodedata.combining(chr(code)):
            if runs and runs[-1][1] == code - 1:
                runs[-1] = (runs[-1][0], code)
            else:
                runs.append((code, code))
    return re.compile("[" + "".join(re.escape(chr(a)) + "-" + re.escape(chr(b))
                                    for a, b in runs) + "]")


_COMBINING = _combining_class()
_DIGRAPHS = (("sch", "s"), ("dzh", "j"), ("kh", "h"), ("sh", "s"), ("ch", "c"), ("zh", "j"),
             ("ph", "f"), ("th", "t"), ("gh", "g"), ("ck", "k"), ("qu", "k"), ("ks", "x"))
_LETTER_CLASSES = str.maketrans({"c": "k", "q": "k", "g": "k", "x": "s", "z": "s", "w": "v",
                                 "y": "i", "j": "i", "l": "r", "d": "t", "b": "p"})
_VOWELS = frozenset("aeiouh")


def fold(text: str) -> str:
    """Lowercase and strip accents: "Çavuşoğlu" → "cavusoglu".

    The same as ``_COMBINING.sub("", NFKD(text.translate(_SPECIAL_FOLDS))).lower()``, computed on
    the runs of non-ASCII characters only: translation, NFKD and the removal of combining marks
    are per character (canonical reordering moves combining marks only, which are all removed,
    and never across an ASCII character), so each run can be folded alone; ``lower()``, which
    is context-sensitive (a final sigma), still sees the whole text. News text is mostly ASCII,
    and the combining-mark class, which reaches beyond U+FFFF, is slow to scan.
    """
    if text.isascii():
        return text.lower()
    return _NON_ASCII.sub(_fold_match, text).lower()


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@lru_cache(maxsize=1 << 16)
def _fold_run(run: str) -> str:
    return _COMBINING.sub("", unicodedata.normalize("NFKD", run.translate(_SPECIAL_FOLDS)))


def _fold_match(match: re.Match[str]) -> str:
    return _fold_run(match.group())


_last_head: tuple[str, str] = ("", "")


def fold_head(text: str) -> str:
    """``fold(text[:20_000])``, the part of a text that features and shingles read.

    The last result is kept: the grouper folds each article's text twice (dates, shingles), and
    folding is one of its costliest steps. The cache is keyed by identity (``is``) and holds a
    reference to the text, so a hit is always the same string; it is one tuple, replaced whole,
    so threads cannot pair one text with another's folding.
    """
    global _last_head
    last = _last_head
    if text is last[0]:
        return last[1]
    folded = fold(text[:MAX_CHARS])
    _last_head = (text, folded)
    return folded


def name_skeleton(token: str) -> str:
    """A spelling-tolerant key for a name: folded, digraphs merged, inner vowels dropped.

    Args:
        token: One name token in any spelling.

    Returns:
        The first letter (class-mapped) followed by the consonant classes, repeats collapsed;
        "Blinken" and "Blincoln" both start with "brn", "Okonjo" and "Okondzho" give "okn".
    """
    word = "".join(ch for ch in fold(token) if ch.isalpha())
    if not word.isascii():  # another script: its Latin transliteration ("Каддафи" → "kaddafi")
        for prefix in name_prefixes():
            if word.startswith(prefix) and len(word) > len(prefix) + 2:
                word = word[len(prefix):]
                break
        word = "".join(ch for ch in fold(anyascii(word)) if ch.isalpha() and ch.isascii())
    for digraph, single in _DIGRAPHS:
        word = word.replace(digraph, single)
    word = word.translate(_LETTER_CLASSES)
    if not word:
        return ""
    out = [word[0]]
    for ch in word[1:]:
        if ch not in _VOWELS and ch != out[-1]:
            out.append(ch)
    return "".join(out)
