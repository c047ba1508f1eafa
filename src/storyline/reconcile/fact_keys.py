"""The keys a story's sentences are compared by, and their weights: the shared vocabulary of the
fact alignment modules (:mod:`storyline.reconcile.facts`, :mod:`storyline.reconcile.fact_languages`).

A sentence's keys are its content stems, its entities' names (``@``), its complete calendar dates
(``T``) and any extra keys its meaning gives (predicate classes); each weighs its inverse sentence
frequency in the story. Cost: linear in the keys.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from storyline.reconcile.fact_features import SentenceUnit

__all__ = ["sentence_keys", "weights"]


def sentence_keys(unit: SentenceUnit, extra: frozenset[str] = frozenset()) -> set[str]:
    keys = set(unit.keys) | {"@" + name for _, name in unit.names} | extra
    keys |= {"T" + value for value in unit.dates if "X" not in value and len(value) >= 7}
    return keys


def weights(keyed: Sequence[set[str] | frozenset[str]]) -> list[dict[str, float]]:
    """Each sentence's keys weighted by inverse sentence frequency in the story."""
    df = Counter(k for keys in keyed for k in keys)
    n = len(keyed) + 1
    # Keys in sorted order: sums over them then round alike in every process (set order varies
    # with string hashing), so near-ties between sentences break the same way every run.
    return [{k: math.log(n / df[k]) + 1.0 for k in sorted(keys)} for keys in keyed]
