"""Sentences clustered into facts (for :mod:`storyline.reconcile.facts`).

Greedy average-link over the scored pairs, best pair first, made **coherent**: a fact's support
is what its sentences state together, not a chain of look-alikes. A merge joins no two groups
holding sentences of one report, nor the words of two different people (unless the linking pair
is *agreed*: a clause of each states the same thing), nor two sentences that give different
values for one slot (``clashing``: see :mod:`storyline.reconcile.fact_disputes`); it needs the
mean similarity between the two groups (unscored pairs count 0) to reach ``min_link``, and after
it every member must be *tied* (pair score at least ``min_link``) to at least ``min_cohesion`` of
the fact's sentences of other reports (:func:`coherent`). So a sentence joins a fact when it is
close to most of it: A~B and B~C no longer make A, B and C one fact when A and C share nothing (a
three-sentence fact is complete-link), and the size a fact can reach is set by how many of a
story's sentences are close to one another, not by a cap. Then a sentence also supports the
facts it states besides its own ("Price said X, and urged Y") and, with ``restate``, a fact its
report states in another sentence too (a headline and its lead), under the same test.

Deterministic for a given input order. Cost: one sort of the scored pairs, then per merge the
pairs between the two groups (the ties are counted incrementally); an attachment costs the
pairs inside the fact it joins.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING

from storyline.reconcile.fact_features import speakers_conflict

if TYPE_CHECKING:
    from storyline.reconcile.facts import FactConfig

__all__ = ["coherent", "cluster_sentences", "needed_ties"]


def needed_ties(others: int, share: float) -> int:
    """How many of ``others`` sentences a member must be tied to: ``share`` of them, rounded up
    (all of them in a fact of three or fewer sentences at a share above one half)."""
    return math.ceil(share * others - 1e-9)


def _score(scores: Mapping[tuple[int, int], float], x: int, y: int) -> float:
    return scores.get((x, y) if x < y else (y, x), 0.0)


def coherent(members: Sequence[int], articles: Sequence[frozenset[str]], scores: Mapping[tuple[int, int], float],
             config: FactConfig, clashing: Collection[tuple[int, int]] = (),
             alike: Callable[[int, int], float] | None = None) -> bool:
    """Whether ``members`` can be one fact: no two of them of different reports give different
    values for one slot, every two are at least weakly alike (score or ``alike`` at least
    ``min_weak_tie``: complete link at a low floor, so that two sentences sharing nearly nothing
    are never one statement), and each is tied (score at least ``min_tie``) to at least
    ``min_cohesion`` of the other members. Two sentences of one report (a report stating a fact
    twice: a headline and its lead) must be tied by ``alike`` (never without it): a sentence tied
    to one other report's sentence is no restatement of its report's sentence unless the two say
    the same (else one sentence of another report gathers every sentence of a report that names
    what it names). Cost: the pairs of the members."""
    for a in members:
        others = [b for b in members if b != a]
        if not others:
            continue
        tied = 0
        for b in others:
            if articles[a] & articles[b]:  # a report saying it twice: the two must say the same
                value = alike(a, b) if alike is not None else 0.0
                if value < config.min_tie:
                    return False
            elif (min(a, b), max(a, b)) in clashing:
                return False
            else:
                value = _score(scores, a, b)
                if value < config.min_weak_tie and alike is not None:
                    value = max(value, alike(a, b))
            if value < config.min_weak_tie:
                return False
            tied += value >= config.min_tie
        if tied < needed_ties(len(others), config.min_cohesion):
            return False
    return True


def cluster_sentences(articles: Sequence[frozenset[str]], speakers: Sequence[frozenset[str]],
                      scores: dict[tuple[int, int], float], config: FactConfig,
                      agreed: Collection[tuple[int, int]] = frozenset(), *, restate: bool = True,
                      clashing: Collection[tuple[int, int]] = frozenset(),
                      alike: Callable[[int, int], float] | None = None) -> list[list[int]]:
    """Greedy average-link clustering over the scored pairs, coherent (see the module), at most
    one sentence per report, and never the words of two different people in one fact (checked
    per group, so that a sentence without a speaker cannot bridge them) unless the pair that links
    them is ``agreed`` (a clause of each states the same thing), nor a ``clashing`` pair. With
    ``restate``, a sentence also supports a fact that its report states in another sentence too
    (see :func:`_attach_compound_sentences`)."""
    cluster_of = list(range(len(articles)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(articles))}
    reports: dict[int, set[str]] = {i: set(a) for i, a in enumerate(articles)}
    voiced: dict[int, frozenset[str]] = dict(enumerate(speakers))
    ties = [0] * len(articles)  # per sentence: members of its group it is tied to
    for (i, j), score in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        if score < config.min_similarity:
            break
        a, b = cluster_of[i], cluster_of[j]
        if a == b:
            continue
        if reports[a] & reports[b] or ((i, j) not in agreed and speakers_conflict(voiced[a], voiced[b])):
            continue
        # The cheap sums first (most candidate merges fail on them), then the weak ties and clashes.
        link, new_ties, weak = _gained_ties(members[a], members[b], scores, config)
        need = needed_ties(len(members[a]) + len(members[b]) - 1, config.min_cohesion)
        if link < config.min_link or any(ties[m] + new_ties[m] < need for m in (*members[a], *members[b])):
            continue
        if any(alike is None or alike(x, y) < config.min_weak_tie for x, y in weak) \
                or any((min(x, y), max(x, y)) in clashing for x in members[a] for y in members[b]):
            continue
        for m in (*members[a], *members[b]):
            ties[m] += new_ties[m]
        keep, gone = (a, b) if a < b else (b, a)
        for m in members[gone]:
            cluster_of[m] = keep
        members[keep].extend(members.pop(gone))
        reports[keep] |= reports.pop(gone)
        voiced[keep] |= voiced.pop(gone)
    _attach_compound_sentences(articles, speakers, voiced, scores, members, cluster_of, config, restate=restate,
                               clashing=clashing, alike=alike)
    # Two reports that each state a fact twice (a headline and its lead) can leave two groups that
    # took each other's sentences: one fact, listed once.
    out: list[list[int]] = []
    seen: set[tuple[int, ...]] = set()
    for group in sorted((sorted(m) for m in members.values()), key=lambda m: m[0]):
        if tuple(group) not in seen:
            seen.add(tuple(group))
            out.append(group)
    return out


def _gained_ties(one: Sequence[int], two: Sequence[int],
                 scores: Mapping[tuple[int, int], float], config: FactConfig) -> tuple[float, dict[int, int], list[tuple[int, int]]]:
    """The mean similarity between two groups; per member, how many of the other group's members
    it is tied to (score at least ``min_tie``); and the pairs across them not even weakly alike
    by score (``alike`` must vouch for them, see :func:`coherent`)."""
    link = 0.0
    gained: dict[int, int] = dict.fromkeys((*one, *two), 0)
    weak: list[tuple[int, int]] = []
    for x in one:
        for y in two:
            value = _score(scores, x, y)
            link += value
            if value >= config.min_tie:
                gained[x] += 1
                gained[y] += 1
            elif value < config.min_weak_tie:
                weak.append((x, y))
    return link / (len(one) * len(two)), gained, weak


def _attach_compound_sentences(articles: Sequence[frozenset[str]], speakers: Sequence[frozenset[str]],
                               voiced: dict[int, frozenset[str]], scores: dict[tuple[int, int], float],
                               members: dict[int, list[int]], cluster_of: list[int], config: FactConfig,
                               *, restate: bool = True, clashing: Collection[tuple[int, int]] = (),
                               alike: Callable[[int, int], float] | None = None) -> None:
    """Let a sentence also support a second fact it states ("Price said X, and urged Y"), or one
    its report states twice (a headline and its lead: "Navy foils Somali pirate attack" / "The
    Indian Navy ... thwarted a multi-boat attack"): it joins another group of two or more, with
    no other speaker, when its mean similarity to the group's sentences of other reports reaches
    ``min_link``, its best match there ``min_similarity``, and the group with it stays
    :func:`coherent`. On ECB+ dev (issue 19) the restatements raised pairwise recall 0.30 -> 0.40
    at precision 0.71 -> 0.69 (before the coherence test). Without ``restate``, a group holding a
    sentence of its report is left alone (the summary's parts). The additions are weighed against
    the groups as clustering left them, one at a time in sentence order."""
    near: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), score in scores.items():
        near[i][j] = near[j][i] = score
    base = {c: list(m) for c, m in members.items()}
    for i in sorted(near):
        neighbours = near[i]
        touched = {cluster_of[j] for j in neighbours} - {cluster_of[i]}
        for c in sorted(touched):
            group = base[c]
            others = [m for m in group if not articles[m] & articles[i]]
            if len(group) < 2 or not others or not restate and len(others) < len(group) \
                    or speakers_conflict(voiced[c], speakers[i]):
                continue
            linked = [neighbours.get(m, 0.0) for m in others]
            if sum(linked) / len(linked) >= config.min_link and max(linked) >= config.min_similarity \
                    and i not in members[c] and coherent([*members[c], i], articles, scores, config, clashing, alike):
                members[c].append(i)
