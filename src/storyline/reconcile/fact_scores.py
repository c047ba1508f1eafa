"""Lexical similarity of a story's sentences, found in bulk: the scoring half of fact alignment.

**Sentences.** Each sentence is a vector of keys weighted by inverse sentence frequency in the
story (see :mod:`storyline.reconcile.facts`); two sentences of different reports are compared
only when they share a *rare* key (found in at most ``max_postings`` sentences). The pairs and the
part of their dot product the rare keys make are found from the postings in bulk (numpy); only a
pair that could reach ``min_link`` is scored exactly, by weighted cosine. The work grows with the
number of rare co-occurrences, not with the square of the story's sentences.

**Clauses.** A sentence often states several facts, and a long sentence's cosine with a short
paraphrase of one of them is low. So a pair sharing at least ``min_clause_shared`` rare keys is
also compared clause by clause (:mod:`storyline.reconcile.fact_meaning`): its score is the best
weighted cosine of two of their clauses that share at least that many keys, one of them a
predicate class or a state, when that beats the sentence score. Cost: a few small set
intersections per such pair.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from storyline.reconcile.fact_clash import function_stems
from storyline.reconcile.places import place_key

if TYPE_CHECKING:
    from storyline.reconcile.facts import FactConfig

__all__ = ["candidate_scores", "clause_scores", "score"]

#: Weight of a plain word (a stem) in a clause against a key that meets across wordings (a
#: predicate class, a state, a number): rewording changes the words, not those keys.
PLAIN_WEIGHT = 0.7
#: Pairs of sentences compared at a time when checking that they come from different reports.
_PAIR_BLOCK = 65536

def candidate_scores(articles: Sequence[frozenset[str]], vectors: list[dict[str, float]],
                      config: FactConfig) -> dict[tuple[int, int], float]:
    """Lexical similarity of every pair of sentences (of different reports) sharing a rare key.

    The pairs and the part of their dot product that the rare keys make are found from the
    postings in bulk; only a pair that could reach ``min_link`` with its common keys counted in
    full is scored, exactly, by :func:`_score`.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for i, vector in enumerate(vectors):
        for key in vector:
            postings[key].append(i)
    rare = [(members, vectors[members[0]][key] ** 2) for key, members in postings.items()
            if 2 <= len(members) <= config.max_postings]  # a key weighs the same in every sentence
    common = [0.0] * len(vectors)
    for key, members in postings.items():
        if len(members) > config.max_postings:
            for i in members:
                common[i] += vectors[i][key] ** 2
    left, right, dots = _rare_pairs(rare, articles)
    norms = [math.sqrt(math.fsum(w * w for w in v.values())) for v in vectors]
    size, common_part = np.array(norms, dtype=float), np.array(common, dtype=float)
    at_most = dots + np.minimum(common_part[left], common_part[right])
    bar = config.min_link * (1.0 - 1e-9)  # rounding of the bulk sums must not lose a pair
    passing = at_most >= bar * size[left] * size[right]
    hopeful = set(zip(left[passing].tolist(), right[passing].tolist()))
    # Scores keep the iteration order of a set of the pairs filled in postings order, as they always
    # have: which of two compound sentences attaches to a fact first depends on it.
    pairs = set(zip(left.tolist(), right.tolist()))
    scores: dict[tuple[int, int], float] = {}
    for i, j in [pair for pair in pairs if pair in hopeful]:
        value = score(vectors[i], vectors[j], norms[i] * norms[j], config.min_shared_keys)
        if value >= config.min_link:
            scores[(i, j)] = value
    return scores


def _rare_pairs(rare: list[tuple[list[int], float]],
                articles: Sequence[frozenset[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs ``i < j`` of sentences of different reports that share a rare key, in order of
    first appearance in the postings, and the sum of the squared weights of the rare keys they share."""
    if not rare:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    flat = np.fromiter((i for members, _ in rare for i in members), dtype=np.int64)
    positions, weights, offset = [], [], 0
    for members, weight in rare:
        upper = _upper_pairs(len(members))
        positions.append(upper + offset)
        weights.append(np.full(upper.shape[1], weight))
        offset += len(members)
    at = np.concatenate(positions, axis=1)
    left, right, weight = flat[at[0]], flat[at[1]], np.concatenate(weights)
    keep = _disjoint(left, right, articles)
    left, right, weight = left[keep], right[keep], weight[keep]
    codes = left * len(articles) + right
    unique, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
    dots = np.bincount(inverse.ravel(), weights=weight, minlength=len(unique))
    order = np.argsort(first, kind="stable")
    return unique[order] // len(articles), unique[order] % len(articles), dots[order]


@lru_cache(maxsize=256)
def _upper_pairs(n: int) -> np.ndarray:
    """Row-major ``(x, y)`` index pairs with ``x < y < n``, as a 2 x k array."""
    return np.array(np.triu_indices(n, 1), dtype=np.int64)


def _disjoint(left: np.ndarray, right: np.ndarray, articles: Sequence[frozenset[str]]) -> np.ndarray:
    """Whether each pair of sentences comes from different reports (a wire copy has several): the
    reports of each sentence as a bit set, compared in blocks of pairs."""
    index: dict[str, int] = {}
    owners = [(n, index.setdefault(a, len(index))) for n, reports in enumerate(articles) for a in sorted(reports)]
    rows, reports = np.array(owners, dtype=np.int64).reshape(-1, 2).T
    bits = np.zeros((len(articles), len(index) // 8 + 1), dtype=np.uint8)
    np.bitwise_or.at(bits, (rows, reports >> 3), (1 << (reports & 7)).astype(np.uint8))
    keep = np.empty(len(left), dtype=bool)
    for start in range(0, len(left), _PAIR_BLOCK):
        block = slice(start, start + _PAIR_BLOCK)
        keep[block] = ~(bits[left[block]] & bits[right[block]]).any(axis=1)
    return keep


def score(a: dict[str, float], b: dict[str, float], norm: float, min_shared: int) -> float:
    """Weighted key cosine of two sentences; 0 when they share fewer than ``min_shared`` keys
    that are not function words. Content keys keep some function words outside English ("les",
    "los", "est", "cela": every pack's, :func:`storyline.reconcile.fact_clash.function_stems`);
    they weigh in the cosine but are no evidence of one statement: on the crawled corpus most
    loose two-report facts shared one content word and one of them ("los hijos del dictador" /
    "los hijos de Gadafi")."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    shared = small.keys() & large.keys()
    if len(shared) < min_shared or _evidence(shared - function_stems()) < min_shared:
        return 0.0
    return math.fsum(small[k] ** 2 for k in shared) / norm  # fsum: exact, whatever the order




def _evidence(shared: set[str]) -> int:
    """Shared keys as pieces of evidence: a place named ("@tunisie") and the state key its name
    gives ("@TN", :mod:`storyline.reconcile.fact_meaning`) are one. Counted apart, "fled to Tunisia"
    and "the ambassador of Tunisia" shared two keys; seven sentences of three languages naming
    Tunisia became one fact on the crawled corpus."""
    states = {key for key in shared if key[:1] == "@" and key[1:].isupper()}
    if not states:
        return len(shared)
    return sum(1 for key in shared if not (key[:1] == "@" and key not in states and _state_of(key[1:]) in states))


@lru_cache(maxsize=65536)
def _state_of(name: str) -> str | None:
    code = place_key(name)
    return "@" + code if code else None


def _normalised(key: str) -> bool:
    """A key that meets across wordings: a predicate class, a state, a number or a date."""
    return key[:1] in "~@T" and len(key) > 1 and not key[1:2].islower() or key[:1].isdigit()


def clause_scores(articles: Sequence[frozenset[str]], clauses: Sequence[Sequence[frozenset[str]]],
                  people: Sequence[frozenset[str]], config: FactConfig,
                  where: dict[tuple[int, int], tuple[int, int]] | None = None,
                  topic: frozenset[str] = frozenset()) -> dict[tuple[int, int], float]:
    """The best clause-to-clause weighted cosine of each pair of sentences (of different
    reports) that share at least ``min_clause_shared`` rare clause keys, where it reaches
    ``min_link``.

    Keys are weighted by inverse frequency among the sentences (a key counts once per sentence,
    whatever its clause). Two clauses count only when they share ``min_clause_shared`` keys, one
    of them a predicate class (``~``): their other words alone do not make a statement. Two
    sentences that both name people, none of them the same, are about different people ("Jackson
    was arrested on suspicion of drunk driving", "Williams was arrested ..."): not compared.
    Nor do two clauses that share only ``topic`` keys besides their class (found in nearly every
    report of the story: "Turkey's purchase of the S-400" in a story about it): that is the
    story's subject, not a statement. ``where``, when given, receives for each found pair the
    indices of its two best clauses.
    """
    whole = [frozenset().union(*parts) if parts else frozenset() for parts in clauses]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, keys in enumerate(whole):
        for key in sorted(keys):
            postings[key].append(i)
    n = len(whole) + 1
    weight = {key: (math.log(n / len(members)) + 1.0) * (1.0 if _normalised(key) else PLAIN_WEIGHT)
              for key, members in postings.items()}
    rare = [(members, 1.0) for members in postings.values() if 2 <= len(members) <= config.max_postings]
    left, right, shared = _rare_pairs(rare, articles)
    vectors = [[{k: weight[k] for k in clause} for clause in parts] for parts in clauses]
    norms = [[math.sqrt(math.fsum(w * w for w in v.values())) for v in parts] for parts in vectors]
    shift = config.min_clause_similarity - config.min_similarity
    found: dict[tuple[int, int], float] = {}
    for i, j, count in zip(left.tolist(), right.tolist(), shared.tolist(), strict=True):
        if count < config.min_clause_shared or (people[i] and people[j] and not people[i] & people[j]):
            continue
        best, at = 0.0, (0, 0)
        for x, (one, size_a) in enumerate(zip(vectors[i], norms[i], strict=True)):
            for y, (two, size_b) in enumerate(zip(vectors[j], norms[j], strict=True)):
                common = [k for k in one if k in two]
                if len(common) < config.min_clause_shared or not any(k[0] == "~" for k in common) \
                        or all(k in topic for k in common):
                    continue
                value = math.fsum(one[k] ** 2 for k in common) / (size_a * size_b)
                if value > best:
                    best, at = value, (x, y)
        best -= shift
        if best >= config.min_link:
            found[(i, j)] = best
            if where is not None:
                where[(i, j)] = at
    return found
