"""Weighting of feature counts: online document frequencies, TF-IDF unit vectors, sparse dot.

:class:`DocumentFrequencies` counts, per feature key, the documents seen so far (bounded memory:
past ``max_keys`` keys, keys seen once are dropped); :func:`weigh` and :func:`weigh_two` turn an
article's counts into unit vectors (sublinear TF x smoothed IDF x the weight of the key's type);
:func:`dot` is the cosine of two unit vectors. Each is linear in the keys of one article.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from itertools import repeat
from operator import mul
from typing import Any

__all__ = ["ANCHOR_TYPES", "DocumentFrequencies", "add_language_marks", "dot", "language_mark",
           "seen_in_other_languages", "weigh", "weigh_two"]

#: Feature types that cross languages: names, countries, numbers, dates.
ANCHOR_TYPES = frozenset("nc#d")
#: The type of the language marks (``@es`` and ``@es|n:ktf``); no vector weighs it.
_MARK = "@"

try:  # The C helper behind Counter.update: the same loop, without the interpreter.
    from collections import _count_elements  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    def _count_elements(mapping: dict[str, int], iterable: Iterable[str]) -> None:
        get = mapping.get
        for elem in iterable:
            mapping[elem] = get(elem, 0) + 1


class DocumentFrequencies:
    """Online document frequencies of feature keys, for IDF weighting as articles stream in.

    Args:
        max_keys: When more keys than this are counted, keys seen in one document only are dropped
            (they cannot link two articles anyway), so memory stays bounded.
    """

    def __init__(self, *, max_keys: int = 2_000_000) -> None:
        self.max_keys = max_keys
        self.n_docs_ = 0
        self.counts_: dict[str, int] = {}

    def add(self, keys: Iterable[str]) -> None:
        """Count one document's distinct keys."""
        _count_elements(self.counts_, keys)  # counts[key] = counts.get(key, 0) + 1, in C
        self.n_docs_ += 1

    def prune(self) -> None:
        """Past ``max_keys`` keys, drop the keys seen in one document only. Called after each
        streamed document, or once after a batch: a batch's table is then the same however it
        was counted (one process or many)."""
        if len(self.counts_) > self.max_keys:
            self.counts_ = {key: n for key, n in self.counts_.items() if n > 1}

    def df(self, key: str) -> int:
        """Documents counted with ``key``."""
        return self.counts_.get(key, 0)

    def idf(self, key: str) -> float:
        """Smoothed IDF, ``log((1 + N) / (1 + df)) + 1`` as in scikit-learn."""
        return math.log((1 + self.n_docs_) / (1 + self.counts_.get(key, 0))) + 1.0

    def to_state(self) -> dict[str, Any]:
        """JSON-able state."""
        return {"max_keys": self.max_keys, "n_docs": self.n_docs_, "counts": dict(self.counts_)}

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> DocumentFrequencies:
        """Inverse of :meth:`to_state`."""
        table = cls(max_keys=int(state["max_keys"]))
        table.n_docs_ = int(state["n_docs"])
        table.counts_ = {str(k): int(v) for k, v in state["counts"].items()}
        return table


def language_mark(language: str, key: str = "") -> str:
    """The key counting the documents in ``language`` (``@es``), or those in ``language`` that
    have ``key`` (``@es|n:ktf``)."""
    return f"{_MARK}{language}|{key}" if key else f"{_MARK}{language}"


def add_language_marks(counts: dict[str, float], language: str | None) -> None:
    """Add to an article's key counts the marks of its language: one for the article and one per
    anchor key (:data:`ANCHOR_TYPES`). Counted with the other keys, they tell in which languages
    an anchor has been seen; every engine counts the same keys, so the local, block and Spark
    groupers all know it. Linear in the article's keys."""
    if not language:
        return
    for key in [key for key in counts if key[0] in ANCHOR_TYPES]:
        counts[language_mark(language, key)] = 1.0
    counts[language_mark(language)] = 1.0


def seen_in_other_languages(key: str, language: str, table: DocumentFrequencies) -> bool:
    """Whether a document not in ``language`` (another language, or one of unknown language) has
    ``key``. True when the table has no language marks for ``language`` (a table counted before
    marks existed): nothing is then known to be one language's only."""
    df = table.counts_.get
    if not df(language_mark(language), 0):
        return True
    return df(key, 0) > df(language_mark(language, key), 0)


def weigh(counts: Mapping[str, float], table: DocumentFrequencies | Mapping[str, float],
          type_weights: Mapping[str, float]) -> dict[str, float]:
    """A unit-length vector: sublinear TF x IDF x the weight of the key's type (its prefix).

    Args:
        counts: Key counts from :class:`Features`.
        table: Document frequencies for IDF, or the IDF of every key of ``counts`` (computed
            once per article when several vectors are weighed).
        type_weights: Weight per key prefix ("w", "n", "k", "#"); a missing prefix weighs 0.

    Returns:
        Key to weight, L2-normalised (empty when nothing weighs).
    """
    idf = table.idf if isinstance(table, DocumentFrequencies) else table.__getitem__
    vector: dict[str, float] = {}
    for key, count in counts.items():
        type_weight = type_weights.get(key[0], 0.0)
        if type_weight > 0 and count > 0:
            vector[key] = (1.0 + math.log(count)) * idf(key) * type_weight
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {key: w / norm for key, w in vector.items()} if norm else {}


def weigh_two(counts: Mapping[str, float], table: DocumentFrequencies,
              first: Mapping[str, float],
              second: Mapping[str, float]) -> tuple[dict[str, float], dict[str, float]]:
    """``(weigh(counts, table, first), weigh(counts, table, second))`` in one pass.

    The same numbers (the same operations in the same order), with the TF x IDF of each key
    computed once: the grouper weighs every article for stories and for events.
    """
    n_docs = 1 + table.n_docs_
    df = table.counts_.get
    log = math.log
    # Per key type, its two weights (types are few: one lookup per type, not per key).
    kinds: dict[str, tuple[float, float]] = {}
    one: dict[str, float] = {}
    two: dict[str, float] = {}
    for key, count in counts.items():
        kind = key[0]
        weights = kinds.get(kind)
        if weights is None:
            weights = kinds[kind] = (first.get(kind, 0.0), second.get(kind, 0.0))
        w1, w2 = weights
        if count > 0 and (w1 > 0 or w2 > 0):
            tf_idf = (1.0 + log(count)) * (log(n_docs / (1 + df(key, 0))) + 1.0)
            if w1 > 0:
                one[key] = tf_idf * w1
            if w2 > 0:
                two[key] = tf_idf * w2
    return _unit(one), _unit(two)


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {key: w / norm for key, w in vector.items()} if norm else {}


def dot(small: Mapping[str, float], large: Mapping[str, float]) -> float:
    """Dot product of two sparse vectors; pass the shorter one first."""
    # sum(w * large.get(key, 0.0) for key, w in small.items()), the same products summed in the
    # same order, iterated in C.
    return sum(map(mul, small.values(), map(large.get, small, repeat(0.0))))
