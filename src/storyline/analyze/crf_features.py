"""Tagging-time features of the English CRF: the training features the model can read, built from per-word parts.

A CRFsuite model knows a fixed set of attribute names; when it tags, every attribute it does not
know is dropped before scoring. So tagging with only the known attributes of
:func:`storyline.analyze.ner_features.sentence_features`, in the same order, gives the same scores
to the last bit: the same tags. Training keeps the full features; this module only makes tagging
cheaper (issue 21, item 4):

* **Per word, once per process.** Everything a word contributes (its own features; what it says
  as a neighbour, ``-1w=...``, ``+1sh=...``) is worked out the first time the word form is met,
  already filtered to the model's attributes, and kept in a bounded LRU keyed by the token string
  (:data:`WORD_CACHE_SIZE` forms). A token's features are then one list built from a few tuples.
* **Pairs by lookup.** A pair feature (``-1w|w=``, ``-1sh|sh=``, ``sh|+1sh=``) is looked up by the
  pair of strings in a table read off the model's attributes once, instead of being built as a
  string that the model mostly does not know (5,367 word pairs of the English model).

The model's attributes are read from its dump (:func:`known_attributes`; with the pair tables about
0.3 s per model file and process). When they cannot be read exactly (their count differs from the model header's),
:func:`english_features` answers None and the recogniser tags with the full features.

Measured (interleaved, same process, 12,673 sentences of crawled pages): features and tagging
7-35 % less CPU than with the full features (the C++ side reads ~15 instead of ~18 strings per
token). The same scheme for the multilingual model was tried and dropped: its features are
mostly class and gazetteer marks, and building them from parts was no faster.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from storyline.analyze.ner_features import word_features, word_shape

__all__ = ["WORD_CACHE_SIZE", "EnglishFeatures", "english_features", "known_attributes"]

logger = logging.getLogger(__name__)

#: Word forms whose parts one table remembers (least recently used go first; measured ~600 bytes
#: each, so at most ~30 MB per process).
WORD_CACHE_SIZE = 50_000

Features = tuple[str, ...]
_NONE: Features = ()


def known_attributes(tagger: Any) -> frozenset[str] | None:
    """The attribute names of an open ``pycrfsuite.Tagger``'s model, or None when the dump's count
    does not match the model header's (then nothing may be filtered)."""
    info = tagger.info()
    names = frozenset(info.attributes)
    expected = info.header.get("num_attrs")
    if expected is None or int(expected) != len(names):
        logger.warning("CRF model attributes unreadable (%s of %s): tagging with full features", len(names), expected)
        return None
    return names


def _kept(name: str, known: frozenset[str]) -> Features:
    return (name,) if name in known else _NONE


def _pair_table(prefix: str, known: frozenset[str]) -> dict[tuple[str, str], Features]:
    """Every known ``prefix + a + "|" + b`` under each way of splitting it at a ``|``: a lookup of
    (a, b) finds it exactly when the joined string would be that attribute."""
    table: dict[tuple[str, str], Features] = {}
    for name in known:
        if name.startswith(prefix):
            rest, value = name[len(prefix):], (name,)
            cut = rest.find("|")
            while cut >= 0:
                table[(rest[:cut], rest[cut + 1:])] = value
                cut = rest.find("|", cut + 1)
    return table


class EnglishFeatures:
    """:func:`~storyline.analyze.ner_features.sentence_features` restricted to ``known``.

    A word's entry: (own features, as the word before, as the word two before, as the word after,
    as the word two after, lowercase, shape).
    """

    def __init__(self, known: frozenset[str], cache_size: int = WORD_CACHE_SIZE) -> None:
        self.known = known
        self._word_pairs = _pair_table("-1w|w=", known)
        self._shape_before = _pair_table("-1sh|sh=", known)
        self._shape_after = _pair_table("sh|+1sh=", known)
        self._first = _kept("first", known)
        self._before_start = self._parts("<s>", "<s>", _NONE)
        self._after_end = self._parts("</s>", "</s>", _NONE)
        self.entry: Callable[[str], tuple[Any, ...]] = lru_cache(maxsize=cache_size)(self._entry)

    def _parts(self, low: str, shape: str, own: Features) -> tuple[Any, ...]:
        known = self.known

        def keep(*names: str) -> Features:
            return tuple(filter(known.__contains__, names))

        return (own, keep("-1w=" + low, "-1sh=" + shape), keep("-2w=" + low),
                keep("+1w=" + low, "+1sh=" + shape), keep("+2w=" + low), low, shape)

    def _entry(self, word: str) -> tuple[Any, ...]:
        own = tuple(filter(self.known.__contains__, word_features(word)))
        return self._parts(word.lower(), word_shape(word), own)

    def __call__(self, words: list[str]) -> list[list[str]]:
        """The features of every word of one sentence, in the order of ``sentence_features``."""
        entries = [self.entry(w) for w in words]
        ahead = entries + [self._after_end, self._after_end]
        pairs, before, after = self._word_pairs.get, self._shape_before.get, self._shape_after.get
        out: list[list[str]] = []
        prev2 = prev1 = self._before_start
        for i, cur in enumerate(entries):
            next1, shape = ahead[i + 1], cur[6]
            out.append([*cur[0], *prev1[1], *prev2[2], *next1[3], *ahead[i + 2][4], *before((prev1[6], shape), _NONE),
                        *after((shape, next1[6]), _NONE), *pairs((prev1[5], cur[5]), _NONE)])
            prev2, prev1 = prev1, cur
        if out:
            out[0] += self._first
        return out


def english_features(model_path: str | Path) -> EnglishFeatures | None:
    """The fast English features of a model file, one table per process and file version (None:
    tag with the full features)."""
    known = _known(*_stamp(model_path))
    return None if known is None else _english(known)


def _stamp(model_path: str | Path) -> tuple[str, int, int]:
    """The file and its version: a model retrained in place is read again."""
    path = Path(model_path).resolve()
    stat = path.stat()
    return str(path), stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=8)
def _known(path: str, mtime_ns: int, size: int) -> frozenset[str] | None:
    import pycrfsuite  # noqa: PLC0415 - the recognisers import it lazily too

    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    try:
        return known_attributes(tagger)
    finally:
        tagger.close()


@lru_cache(maxsize=8)
def _english(known: frozenset[str]) -> EnglishFeatures:
    return EnglishFeatures(known)
