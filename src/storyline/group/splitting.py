"""Whether a story has turned out to be two: the reports' own evidence, bisected.

A story keeps one row per report (:func:`member_row`): its id, day, language, title and the
``MEMBER_KEYS`` heaviest keys of its story vector, each weighed once more by how rare the key
was when the report arrived (its IDF, so a country name that a thousand reports of the day carry
is weak evidence and a rare name, number or term is strong). Nothing else is read: a split
decided from the rows is the same in every engine that placed the same reports.

:func:`bisect` parts the story's reports (near-duplicate versions, which have no keys, are left
out) in two by a two-means over cosines: the first seed is the report least like the rest, the
second the report least like the first; each round assigns every report to the closer of the two
groups' sums. :func:`cohesion_ratio` weighs what the two groups share: the mean cosine of two
reports on different sides over the mean cosine of two reports on one side. A story of one
subject parted in two gives halves whose reports are as alike across as within (ratio near 1:
0.6-0.9 on real text); a story of two subjects chained through a report gives groups that share
only what is common (0.1-0.3). Means are read off the sides' sums (``|S|² - Σ|v|²`` over the
pairs), never pair by pair. Cost: ``O(rounds · n · MEMBER_KEYS)`` for ``n`` reports; the grouper
examines a story at sizes that grow geometrically (:mod:`storyline.group.story_split`), so the
cost over a story's life is linear in its size.

Measured (docs/EVAL.md, issue 20 item 2): on the generated news day (2,000 reports) every
chained story read scored 0.10-0.40 and every single-subject story 0.87-1.0; on real English
text (ECB+, MultiLing, MEANTIME) single subjects went down to 0.33 with a side of two reports,
two happenings of one kind scored 0.10-0.54. ``split_ratio`` 0.2 (the default): at 0.3 MEANTIME's
translated corpora (one gold story each) split into their sub-subjects and the translated stream
fell from 0.931 to 0.881 (0.25: 0.883; 0.2: 0.924, the goal being 0.90), while the generated day
at 2,000 keeps most of its gain (0.753 -> 0.797; 0.856 at 0.3); higher values split the crawled
crisis corpus's Libya coverage into sub-stories.
"""

from __future__ import annotations

import heapq
import math
import sys
from array import array
from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import Any

from storyline.group.weighting import DocumentFrequencies, dot

#: Keys kept per report for a later split (the heaviest of its story vector).
MEMBER_KEYS = 24
#: Rounds of the two-means at most (it stops earlier when no report changes side).
ROUNDS = 8

#: One report of a story: (id, day, language, title, keys, weights); a version has no keys.
MemberRow = tuple[str, "int | None", "str | None", "str | None", tuple[str, ...], array]


def member_row(article_id: str, day: int | None, language: str | None, title: str | None,
               vector: Mapping[str, float], frequencies: DocumentFrequencies | None = None,
               size: int = MEMBER_KEYS) -> MemberRow:
    """A report's row: its ``size`` heaviest keys (interned: reports share them; ties in the
    vector's order), each weighed by its IDF in ``frequencies`` when given (how rare the key was
    when the report arrived)."""
    items = heapq.nlargest(size, vector.items(), key=itemgetter(1)) if vector else []
    keys = tuple(map(sys.intern, map(itemgetter(0), items)))
    if frequencies is None:
        return (article_id, day, language, title, keys, array("f", map(itemgetter(1), items)))
    n_docs, df, log = 1 + frequencies.n_docs_, frequencies.counts_.get, math.log
    weights = array("f", [w * (log(n_docs / (1 + df(key, 0))) + 1.0) for key, w in items])
    return (article_id, day, language, title, keys, weights)


def row_vector(row: Sequence[Any]) -> dict[str, float]:
    """The keys and weights of a row as a vector."""
    return dict(zip(row[4], row[5], strict=True))


def row_to_state(row: Sequence[Any]) -> list[Any]:
    """JSON-able form of a row (weights rounded to 4 significant digits)."""
    return [row[0], row[1], row[2], row[3], list(row[4]), [float(f"{w:.4g}") for w in row[5]]]


def row_from_state(data: Sequence[Any]) -> MemberRow:
    """Inverse of :func:`row_to_state`."""
    return (data[0], data[1], data[2], data[3], tuple(sys.intern(k) for k in data[4]), array("f", data[5]))


def _norm(vector: Mapping[str, float]) -> float:
    return math.sqrt(sum(w * w for w in vector.values()))


def _cosine(one: Mapping[str, float], two: Mapping[str, float], norm_one: float, norm_two: float) -> float:
    small, large = (one, two) if len(one) <= len(two) else (two, one)
    norm = norm_one * norm_two
    return dot(small, large) / norm if norm else 0.0


def _add(total: dict[str, float], vector: Mapping[str, float]) -> None:
    get = total.get
    for key, weight in vector.items():
        total[key] = get(key, 0.0) + weight


def bisect(vectors: Sequence[Mapping[str, float]], rounds: int = ROUNDS) -> list[int]:
    """Side (0 or 1) of each vector after a two-means over cosines seeded by the least typical
    vector and the one least like it; side 0 is the side of the first vector."""
    total: dict[str, float] = {}
    for vector in vectors:
        _add(total, vector)
    norms = [_norm(vector) for vector in vectors]
    total_sq = sum(w * w for w in total.values())

    def typical(i: int) -> float:  # cosine of a vector with the sum of the others
        shared = dot(vectors[i], total) - norms[i] ** 2
        rest = total_sq - 2 * dot(vectors[i], total) + norms[i] ** 2
        return shared / math.sqrt(rest * norms[i] ** 2) if rest > 1e-12 and norms[i] else 0.0

    first = min(range(len(vectors)), key=lambda i: (typical(i), i))
    seed = vectors[first]
    second = min((i for i in range(len(vectors)) if i != first),
                 key=lambda i: (_cosine(vectors[i], seed, norms[i], norms[first]), i))
    sides = [0] * len(vectors)
    sums = [dict(vectors[second]), dict(seed)]
    for round_ in range(rounds):
        sum_norms = [_norm(s) for s in sums]
        new = [0 if _cosine(v, sums[0], n, sum_norms[0]) >= _cosine(v, sums[1], n, sum_norms[1]) else 1
               for v, n in zip(vectors, norms, strict=True)]
        if new == sides and round_:
            break
        sides = new
        sums = [{}, {}]
        for vector, side in zip(vectors, sides, strict=True):
            _add(sums[side], vector)
        if not sums[0] or not sums[1]:
            break
    if sides[0] == 1:
        sides = [1 - side for side in sides]
    return sides


def cohesion_ratio(vectors: Sequence[Mapping[str, float]], sides: Sequence[int]) -> float:
    """Mean cosine of reports across the two sides over the geometric mean of the mean cosines
    within each side; 1 when a side has fewer than two reports."""
    units = []
    for vector in vectors:
        norm = _norm(vector)
        units.append({k: w / norm for k, w in vector.items()} if norm else {})
    sums: list[dict[str, float]] = [{}, {}]
    counts, squares = [0, 0], [0.0, 0.0]
    for unit, side in zip(units, sides, strict=True):
        _add(sums[side], unit)
        counts[side] += 1
        squares[side] += sum(w * w for w in unit.values())
    if min(counts) < 2:
        return 1.0
    within = [(sum(w * w for w in sums[s].values()) - squares[s]) / (counts[s] * (counts[s] - 1)) for s in (0, 1)]
    between = dot(sums[0], sums[1]) / (counts[0] * counts[1])
    scale = math.sqrt(max(within[0], 0.0) * max(within[1], 0.0))
    return between / scale if scale > 1e-12 else 1.0


def share_centroid(centroid: Mapping[str, float], mine: Mapping[str, float],
                   theirs: Mapping[str, float]) -> tuple[dict[str, float], dict[str, float]]:
    """A cluster's centroid cut in two: each key's weight shared in proportion to each side's
    evidence for it (``mine``: the part that stays, ``theirs``: the part that leaves), a key only
    one side holds kept whole by it. Linear in the centroid."""
    kept: dict[str, float] = {}
    given: dict[str, float] = {}
    for key, weight in centroid.items():
        own, other = mine.get(key, 0.0), theirs.get(key, 0.0)
        if other <= 0.0:
            kept[key] = weight
            continue
        share = other / (own + other)
        given[key] = weight * share
        if share < 1.0:
            kept[key] = weight * (1.0 - share)
    return kept, given
