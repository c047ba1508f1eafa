"""Gathering: no statement left as one report's claim when another report makes it.

Clustering (:mod:`storyline.reconcile.facts`) keeps a fact to one sentence per report and groups
by average link, so a statement can stay alone although another report makes it: the other
report's sentence is already in a fact about something else it says ("suspended Turkey's
eligibility to the F-35 project and imposed sanctions..." against "withdrew Turkey from its F-35
programme"), or the statement's own report says it twice (a quote and its paraphrase), or the two
sentences were kept apart because different people said them. A fact of one report is a claim
of that report only when no other report states it in any wording; this pass makes that so.

**Rule.** Each one-report fact, best-scored first, takes its best partner sentence of another
report (score at least ``min_gather``, the people quoted not different unless their clauses
agree, no values that differ), provided the match is mutual: no other sentence of its own report
matches the partner's clause better, and the two share a key that is not the story's topic (found
in nearly every report: "Turkey's purchase of the S-400" in a story about it). It joins the
partner's fact when its mean similarity to that fact's sentences reaches ``min_link`` and the fact
with it stays coherent (``fits``: each member close to most of the others, see
:func:`storyline.reconcile.fact_cluster.coherent`; a report may then support one fact with two
sentences: it says it twice); otherwise it forms a new fact with the partner sentence, which then
supports two facts (a sentence can state several). Gathering never chains: a fact grown by one
gathered sentence is weighed whole when the next one asks to join. Cost: one pass over the scored
pairs of one-report facts, and the pairs of each fact a sentence asks to join.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

__all__ = ["gather_single"]


def gather_single(articles: Sequence[frozenset[str]], clusters: list[list[int]],
                  scores: dict[tuple[int, int], float], blocked: set[tuple[int, int]], *,
                  min_gather: float, min_link: float,
                  sides: Mapping[tuple[int, int], tuple[int, int]] | None = None,
                  telling: Callable[[int, int], bool] | None = None,
                  fits: Callable[[list[int]], bool] | None = None) -> list[list[int]]:
    """The clusters, with each one-report cluster gathered to a sentence of another report that
    states it (see the module's rule). ``blocked`` pairs (different speakers) are never used.

    Args:
        articles: Per sentence, the reports that print it.
        clusters: Lists of sentence indices (a sentence may already be in several).
        scores: Similarity of the scored pairs ``(i, j)``, ``i < j``.
        blocked: Pairs that must not be linked.
        min_gather: The pair score a one-report sentence needs to its partner.
        min_link: The mean similarity to a fact's sentences needed to join that fact.
        sides: For a pair scored on two of its clauses, their indices ``(clause of i, clause of
            j)``; a pair not listed was scored on whole sentences.
        telling: Whether two sentences share something beyond the story's topic (a key not
            found in nearly every report); every pair does when not given.
        fits: Whether sentences can be one fact (coherent, no values that differ); any can when
            not given.
    """
    fits = fits or (lambda _: True)
    near: dict[int, list[tuple[float, int]]] = defaultdict(list)
    side: dict[tuple[int, int], int] = {}  # (sentence, other) -> the sentence's clause that matched
    for (i, j), value in scores.items():
        x, y = (sides or {}).get((i, j), (-1, -1))
        side[(i, j)], side[(j, i)] = x, y
        if value >= min_gather and (i, j) not in blocked:
            near[i].append((value, j))
            near[j].append((value, i))
    every: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), value in scores.items():
        every[i].append((value, j))
        every[j].append((value, i))
    clusters = [list(c) for c in clusters]
    holders: dict[int, set[int]] = defaultdict(set)
    for n, members in enumerate(clusters):
        for m in members:
            holders[m].add(n)
    alone = [n for n, members in enumerate(clusters) if len(_reports(members, articles)) == 1]
    wanted = []
    for n in alone:
        reports = _reports(clusters[n], articles)
        options = [(value, m, j) for m in clusters[n] for value, j in near.get(m, ())
                   if not articles[j] & reports and _mutual(m, j, value, every, side, articles)
                   and (telling is None or telling(m, j))]
        if options:
            wanted.append((max(options), n))
    gone: set[int] = set()
    for (_, m, j), n in sorted(wanted, key=lambda w: (-w[0][0], w[1])):
        if len(_reports(clusters[n], articles)) > 1:
            continue  # another one-report fact already joined this one
        if not fits(sorted({*clusters[n], j})):
            continue
        target = _best_holder(m, j, holders, clusters, scores, articles, min_link, [*clusters[n]], fits)
        if target is None:
            lone = [h for h in sorted(holders[j]) if len(_reports(clusters[h], articles)) == 1
                    and fits(sorted({*clusters[h], *clusters[n]}))]
            if lone:
                target = lone[0]
            else:  # the partner's facts are about something else it says: it states a second fact
                clusters.append([j])
                target = len(clusters) - 1
                holders[j].add(target)
        for member in clusters[n]:
            if member not in clusters[target]:
                clusters[target].append(member)
                holders[member].add(target)
            holders[member].discard(n)
        gone.add(n)
    return sorted((sorted(c) for n, c in enumerate(clusters) if n not in gone), key=lambda c: c[0])


def _mutual(m: int, j: int, value: float, every: Mapping[int, list[tuple[float, int]]],
            side: Mapping[tuple[int, int], int], articles: Sequence[frozenset[str]]) -> bool:
    """Whether ``m`` is what its report says where ``j`` matched it: no other sentence of ``m``'s
    report matches the same clause of ``j`` better (a phrase every report repeats, "Turkey's
    purchase of the S-400", finds its best match elsewhere and gathers nothing)."""
    clause = side[(j, m)]
    return not any(other != m and articles[other] & articles[m] and score > value and side[(j, other)] == clause
                   for score, other in every[j])


def _reports(members: Sequence[int], articles: Sequence[frozenset[str]]) -> frozenset[str]:
    return frozenset().union(*(articles[m] for m in members))


def _best_holder(m: int, j: int, holders: dict[int, set[int]], clusters: list[list[int]],
                 scores: dict[tuple[int, int], float], articles: Sequence[frozenset[str]],
                 min_link: float, joining: list[int], fits: Callable[[list[int]], bool]) -> int | None:
    """The fact holding ``j`` that ``m`` is closest to on average, if that reaches ``min_link``
    (sentences of ``m``'s own report left out of the average) and the fact with ``joining`` (``m``'s
    fact) still :func:`fits`."""
    best, best_mean = None, min_link
    for n in sorted(holders[j]):
        others = [x for x in clusters[n] if not articles[x] & articles[m]]
        if not others or not fits(sorted({*clusters[n], *joining})):
            continue
        mean = sum(scores.get((min(m, x), max(m, x)), 0.0) for x in others) / len(others)
        if mean >= best_mean:
            best, best_mean = n, mean
    return best
