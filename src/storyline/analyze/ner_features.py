"""Tokens and features of the offline NER model, shared by training and tagging.

The tokenizer follows the conventions of the GMB corpus the model is trained on (PTB-like: "U.S."
one token, hyphenated words one token, possessive "'s" split off, punctuation apart), so that
features mean the same at training and at run time. Features carry across news sources: the
lowercased word, prefixes and suffixes, word shape, casing flags and the same for the two words
either side. No gazetteer is used.

The per-word part of the features is memoised (:func:`word_features`): a pure function of the
word, so the cache cannot make two runs disagree; it is bounded.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["TOKEN_RE", "sentence_features", "tokenize", "word_features", "word_shape"]

#: One token: a dotted acronym (U.S.), an abbreviation with its period (Mr.), a number, a
#: possessive, a word with inner hyphens or apostrophes, or one other non-space character.
TOKEN_RE = re.compile(
    r"(?:[^\W\d_]\.){2,}"
    r"|(?:Mr|Mrs|Ms|Dr|Gen|Sen|Gov|Rep|Lt|Col|Sgt|Capt|Adm|Maj|Prof|Rev|St|Jr|Sr|Inc|Corp|Ltd|Co|Dept)\.(?=\s)"
    r"|\d+(?:[.,:]\d+)*%?"
    r"|['\u2019][sS]\b"
    r"|\w+(?:-\w+|['\u2019](?![sS]\b)\w+)*"
    r"|[^\w\s]"
)

_SHAPE_TABLE = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "X" * 26 + "x" * 26 + "d" * 10,
)
_RUNS = re.compile(r"(.)\1+")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token offsets ``(start, end)`` inside ``text[start:end]``, in order."""
    stop = len(text) if end is None else end
    return [m.span() for m in TOKEN_RE.finditer(text, start, stop)]


def word_shape(word: str) -> str:
    """Compressed shape: ``Blinken`` → ``Xx``, ``S-400`` → ``X-d``, ``U.S.`` → ``X.X.``."""
    shape = word.translate(_SHAPE_TABLE)
    if not shape.isascii():
        shape = "".join("X" if c.isupper() else "x" if c.islower() else c for c in shape)
    return _RUNS.sub(r"\1", shape)


@lru_cache(maxsize=200_000)
def word_features(word: str) -> tuple[str, ...]:
    """Features of the word itself (no context)."""
    low = word.lower()
    shape = word_shape(word)
    feats = ["b", "w=" + low, "sh=" + shape, "p2=" + low[:2], "p3=" + low[:3],
             "s2=" + low[-2:], "s3=" + low[-3:], "s4=" + low[-4:], "len=" + str(min(len(word), 8))]
    if word[:1].isupper():
        feats.append("cap")
    if word.isupper() and len(word) > 1:
        feats.append("upper")
    if any(c.isdigit() for c in word):
        feats.append("digit")
    if "-" in word:
        feats.append("hyph")
    return tuple(feats)


@lru_cache(maxsize=200_000)
def _context(word: str) -> tuple[str, str]:
    return word.lower(), word_shape(word)


def sentence_features(words: list[str]) -> list[list[str]]:
    """CRF features of every word of one sentence."""
    n = len(words)
    ctx = [_context(w) for w in words]
    pad = ("<s>", "<s>")
    out: list[list[str]] = []
    for i, word in enumerate(words):
        low, shape = ctx[i]
        p1 = ctx[i - 1] if i > 0 else pad
        p2 = ctx[i - 2] if i > 1 else pad
        n1 = ctx[i + 1] if i + 1 < n else ("</s>", "</s>")
        n2 = ctx[i + 2] if i + 2 < n else ("</s>", "</s>")
        feats = list(word_features(word))
        feats += ["-1w=" + p1[0], "-1sh=" + p1[1], "-2w=" + p2[0], "+1w=" + n1[0],
                  "+1sh=" + n1[1], "+2w=" + n2[0], "-1sh|sh=" + p1[1] + "|" + shape,
                  "sh|+1sh=" + shape + "|" + n1[1], "-1w|w=" + p1[0] + "|" + low]
        if i == 0:
            feats.append("first")
        out.append(feats)
    return out
