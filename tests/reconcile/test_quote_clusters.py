"""Quote clustering: the same clusters as the all-pairs rule, and linear in a family of copies."""

from __future__ import annotations

import random
import time
from collections.abc import Hashable, Sequence

from storyline.reconcile.quote_clusters import cluster_sets

WORDS = ("tariff border minister talks agreement steel farmers workers strike union wages offer deal "
         "fair people country support attack forces peace ceasefire").split()
SPEAKERS = [None, "akar", "price", "spokesman"]


def agree(a: Hashable, b: Hashable) -> bool:
    return a == b or a is None and b is None


def all_pairs(keys: Sequence[frozenset[str]], speakers: Sequence[Hashable], *, min_overlap: float = 0.35,
              min_shared: int = 2) -> list[list[int]]:
    """The definition, every variant against every member of every cluster."""
    clusters: list[list[int]] = []
    for i, key in enumerate(keys):
        best, best_score = None, 0.0
        for c, members in enumerate(clusters):
            total = 0
            for j in members:
                shared = len(key & keys[j])
                if shared >= min_shared:
                    total += shared / min(len(key), len(keys[j]))
            score = total / len(members)
            if score >= min_overlap and score > best_score and all(agree(speakers[i], speakers[j]) for j in members):
                best, best_score = c, score
        if best is None:
            best = len(clusters)
            clusters.append([])
        clusters[best].append(i)
    return clusters


def stream(rng: random.Random, n: int, distinct: int) -> tuple[list[frozenset[str]], list[Hashable]]:
    texts = [frozenset(rng.sample(WORDS, rng.randrange(2, 9))) for _ in range(distinct)]
    keys = [rng.choice(texts) if rng.random() < 0.8 else frozenset(rng.sample(WORDS, rng.randrange(1, 9)))
            for _ in range(n)]
    return keys, [rng.choice(SPEAKERS) for _ in range(n)]


def test_same_clusters_as_every_pair_on_copies_and_rewrites() -> None:
    rng = random.Random(3)
    for _ in range(40):
        keys, speakers = stream(rng, rng.randrange(1, 200), rng.choice([1, 3, 10, 60]))
        assert cluster_sets(keys, speakers, agree) == all_pairs(keys, speakers)


def test_thresholds_are_kept() -> None:
    one, two = frozenset({"steel", "tariff", "deal"}), frozenset({"steel", "union", "wages"})
    assert cluster_sets([one, two], [None, None], agree) == [[0], [1]]  # one shared word < 2
    assert cluster_sets([one, two], [None, None], agree, min_shared=1, min_overlap=0.3) == [[0, 1]]
    assert cluster_sets([one, one], ["akar", "price"], agree) == [[0], [1]]  # speakers disagree
    assert cluster_sets([], [], agree) == []


def _cpu(n: int) -> float:
    keys = [frozenset(WORDS[:12])] * n  # a wire quote copied n times: every copy shares every word
    started = time.process_time()
    clusters = cluster_sets(keys, ["akar"] * n, agree)
    assert clusters == [list(range(n))]
    return time.process_time() - started


def test_linear_in_a_family_of_identical_copies() -> None:
    """Issue 21 item 5: 8 times the copies cost about 8 times as much (all pairs: 64 times)."""
    _cpu(200)
    small, large = min(_cpu(1000) for _ in range(3)), min(_cpu(8000) for _ in range(3))
    assert large < 24 * max(small, 1e-3)
