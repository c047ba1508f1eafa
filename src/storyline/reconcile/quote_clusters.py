"""Greedy average-link clustering of word sets, linear in a family of identical copies (issue 21).

Item ``i`` (a quote variant's content words and its speaker) joins the earlier cluster whose
speakers all agree with its own and whose mean pair score over its members is highest and at
least ``min_overlap``, the first such cluster on ties; else it opens a cluster. The pair score is
the overlap coefficient ``|A & B| / min(|A|, |B|)``, or 0 below ``min_shared`` shared words.

Wire copies repeat a quote word for word, so a story's variants are few *distinct* word sets
repeated many times. The work is done per distinct set:

* the inverted index lists each distinct set once, so the shared-word counts of an item cost the
  postings of its words over distinct sets, not over every earlier copy;
* the candidate clusters are those holding a member whose set shares ``min_shared`` words;
* a cluster's summed score for a given distinct set is kept and extended by the members added
  since it was last asked, in member order: the same additions in the same order as summing
  over all members each time (a zero term changes no float), so the clusters are exactly those
  of the all-pairs definition.

Cost: for n items with d distinct sets, the postings scan is proportional to the words shared
between distinct sets, and each (cluster, distinct set) sum visits each member once: n identical
copies cost O(n) instead of O(n^2). Speaker agreement is decided once per pair of distinct
speakers by the caller's ``agree``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence

__all__ = ["cluster_sets"]


def cluster_sets(keys: Sequence[frozenset[str]], speakers: Sequence[Hashable],
                 agree: Callable[[Hashable, Hashable], bool], *, min_overlap: float = 0.35,
                 min_shared: int = 2) -> list[list[int]]:
    """Clusters (lists of item indices, in input order) by the module docstring's rule."""
    key_id: dict[frozenset[str], int] = {}
    distinct: list[frozenset[str]] = []
    postings: dict[str, list[int]] = defaultdict(list)
    clusters_of_key: list[dict[int, None]] = []  # distinct set -> clusters holding it, ordered
    clusters: list[list[int]] = []
    member_keys: list[list[int]] = []  # per cluster: each member's distinct set, in member order
    cluster_speakers: list[set[Hashable]] = []
    sums: dict[tuple[int, int], tuple[float, int]] = {}  # (cluster, query set) -> (sum, members seen)
    for i, key in enumerate(keys):
        k = key_id.get(key)
        if k is None:
            k = key_id[key] = len(distinct)
            distinct.append(key)
            clusters_of_key.append({})
            for word in key:
                postings[word].append(k)
        shared = _shared_by_set(key, k, postings)
        candidates = sorted({c for other, count in shared.items() if count >= min_shared
                             for c in clusters_of_key[other]})
        best, best_score = None, 0.0
        for c in candidates:
            score = _cluster_sum(c, k, shared, member_keys[c], distinct, len(key), sums, min_shared) / len(clusters[c])
            if (score >= min_overlap and score > best_score
                    and all(agree(speakers[i], other) for other in cluster_speakers[c])):
                best, best_score = c, score
        if best is None:
            best = len(clusters)
            clusters.append([])
            member_keys.append([])
            cluster_speakers.append(set())
        clusters[best].append(i)
        member_keys[best].append(k)
        cluster_speakers[best].add(speakers[i])
        clusters_of_key[k][best] = None
    return clusters


def _shared_by_set(key: frozenset[str], k: int, postings: dict[str, list[int]]) -> Counter[int]:
    """Words ``key`` shares with every distinct set that shares one (itself included)."""
    shared: Counter[int] = Counter()
    for word in key:
        shared.update(postings[word])
    shared[k] = len(key)
    return shared


def _cluster_sum(c: int, k: int, shared: Counter[int], members: list[int], distinct: list[frozenset[str]],
                 size: int, sums: dict[tuple[int, int], tuple[float, int]], min_shared: int) -> float:
    """Sum over cluster ``c``'s members, in member order, of their pair score with set ``k``,
    extended from the sum kept at the last call for the same (cluster, set)."""
    total, seen = sums.get((c, k), (0, 0))
    for other in members[seen:]:
        count = shared.get(other, 0)
        if count >= min_shared:
            total += count / min(size, len(distinct[other]))
    sums[(c, k)] = (total, len(members))
    return total
