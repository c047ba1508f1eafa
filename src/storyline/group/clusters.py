"""Stories and events under construction: members, a decaying centroid, dates.

A cluster's centroid is the sum of its members' unit vectors, each weighted by
``0.5 ** (age_days / half_life_days)``: what a story said a month ago counts less than what it
says today, so a story is compared with its *recent* coverage and cannot stay joinable forever on
the strength of old articles. Decay is applied lazily, when a later-dated article is absorbed
(scaling every weight by one factor leaves cosines unchanged, so comparisons in between are
exact). The heaviest ``max_terms`` keys are kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from storyline.group.features import dot
from storyline.group.weighting import ANCHOR_TYPES

#: Feature types that name things (names, loose name keys, numbers, dates): cross-language evidence.
NAME_TYPES = frozenset("nkc#d")
#: Centroid weights below this (after decay) are dropped.
_NEGLIGIBLE = 1e-3


@dataclass(slots=True)
class Cluster:
    """A story or an event under construction.

    Attributes:
        id: Stable id.
        seq: Opening order.
        articles: Member article ids, in the order they joined.
        centroid: Decayed sum of member vectors (heaviest keys only).
        norm: L2 norm of ``centroid``.
        first_day: Earliest member publication day (ordinal), or None.
        last_day: Latest member publication day, or None.
        centroid_day: The day the centroid's weights are decayed to, or None.
        type_sq: Sum of squared centroid weights per key type (first letter), for
            :func:`name_cosine`; derived, recomputed with ``norm``.
    """

    id: str
    seq: int
    articles: list[str] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0
    first_day: int | None = None
    last_day: int | None = None
    centroid_day: int | None = None
    type_sq: dict[str, float] = field(default_factory=dict)

    def renorm(self) -> None:
        """Recompute ``norm`` and ``type_sq`` after the centroid changed."""
        squares: dict[str, float] = {}
        get = squares.get
        for key, weight in self.centroid.items():
            kind = key[0]
            squares[kind] = get(kind, 0.0) + weight * weight
        self.type_sq = squares
        self.norm = sum(squares.values()) ** 0.5

    def absorb(self, article_id: str, vector: Mapping[str, float], day: int | None,
               max_terms: int, half_life_days: float | None = None) -> None:
        """Add a member: decay the centroid to ``day``, add the vector, prune, stretch dates."""
        self.articles.append(article_id)
        # Not renormed after decaying: the centroid changes again below, and renorm() recomputes
        # from scratch, so the intermediate norm would be thrown away.
        self.decay_to(day, half_life_days, renorm=False)
        centroid = self.centroid
        get = centroid.get
        for key, weight in vector.items():
            centroid[key] = get(key, 0.0) + weight
        if len(centroid) > 2 * max_terms:
            self.centroid = heaviest(centroid, max_terms)
        self.renorm()
        self.stretch(day, day)

    def decay_to(self, day: int | None, half_life_days: float | None, *,
                 renorm: bool = True) -> None:
        """Scale the centroid by the decay between ``centroid_day`` and a later ``day``.

        ``renorm=False`` leaves ``norm`` and ``type_sq`` stale, for a caller that changes the
        centroid again and renorms afterwards.
        """
        if day is None:
            return
        if half_life_days and self.centroid_day is not None and day > self.centroid_day:
            factor = 0.5 ** ((day - self.centroid_day) / half_life_days)
            self.centroid = {key: scaled for key, w in self.centroid.items()
                             if (scaled := w * factor) >= _NEGLIGIBLE}
            if renorm:
                self.renorm()
        if self.centroid_day is None or day > self.centroid_day:
            self.centroid_day = day

    def stretch(self, first: int | None, last: int | None) -> None:
        """Widen the date range to include ``first`` and ``last``."""
        if first is not None and (self.first_day is None or first < self.first_day):
            self.first_day = first
        if last is not None and (self.last_day is None or last > self.last_day):
            self.last_day = last

    def cosine(self, vector: Mapping[str, float]) -> float:
        """Cosine of a unit vector with the centroid."""
        return dot(vector, self.centroid) / self.norm if self.norm else 0.0

    def gap(self, day: int | None) -> int:
        """Days between ``day`` and this cluster's date range (0 inside it or when unknown)."""
        if day is None or self.first_day is None or self.last_day is None:
            return 0
        return max(self.first_day - day, day - self.last_day, 0)

    def age(self, day: int | None) -> int:
        """Days from the cluster's first article to ``day`` (0 when either is unknown)."""
        if day is None or self.first_day is None:
            return 0
        return max(day - self.first_day, 0)

    def to_state(self) -> list[Any]:
        """JSON-able row."""
        return [self.id, self.seq, self.articles, self.centroid, self.first_day, self.last_day,
                self.centroid_day]

    @classmethod
    def from_state(cls, row: list[Any]) -> Cluster:
        """Inverse of :meth:`to_state`."""
        cluster = cls(row[0], row[1], list(row[2]), dict(row[3]), 0.0, row[4], row[5], row[6])
        cluster.renorm()
        return cluster


@dataclass(slots=True)
class StoryCluster(Cluster):
    """A story: a cluster with a title, its events, the keys it is posted under, and how many of
    its reports are in each language (those known). Once the story has grown, its title is that of
    the titled report that was closest to its centroid when it joined (``title_score``, its
    cosine): the report that opened a large story is often not what it turned out to be about."""

    title: str = ""
    events: list[Cluster] = field(default_factory=list)
    posted: set[str] = field(default_factory=set)
    is_active: bool = True
    languages: dict[str, int] = field(default_factory=dict)
    title_score: float = -1.0
    #: One row per report (:func:`storyline.group.splitting.member_row`): what a split reads.
    members: list[tuple[Any, ...]] = field(default_factory=list)
    #: How many reports the story held when it was last examined for a split.
    checked: int = 0
    #: Derived from ``members``, never saved (:func:`storyline.group.specific.key_counts`): how
    #: many rows carry each key, the rows counted, and those with keys; None: count again.
    key_counts: dict[str, int] | None = None
    rows_counted: int = 0
    keyed_rows: int = 0

    def offer_title(self, title: str | None, score: float) -> None:
        """Take ``title`` if its report, at cosine ``score`` with the centroid, is closer than the
        report the story is titled by now (an untitled opener scores -1)."""
        if title and score > self.title_score:
            self.title, self.title_score = title, score

    def count_language(self, language: str | None, n: int = 1) -> None:
        """Count ``n`` reports in ``language`` (an unknown language is not counted)."""
        if language:
            self.languages[language] = self.languages.get(language, 0) + n

    def main_language(self) -> str | None:
        """The language most of its reports are in (ties: the first alphabetically)."""
        return min(self.languages, key=lambda code: (-self.languages[code], code), default=None)


def heaviest(vector: Mapping[str, float], n: int) -> dict[str, float]:
    """The ``n`` heaviest keys of a vector, heaviest first, ties by key."""
    if len(vector) <= n:
        return dict(vector)
    return dict(top_items(vector, n))


def top_items(vector: Mapping[str, float], n: int) -> list[tuple[str, float]]:
    """The ``n`` heaviest (key, weight) items of a vector, heaviest first, ties by key."""
    weight = vector.__getitem__
    # Keys sorted, then sorted again by weight, stably (reverse=True keeps equal weights in key
    # order): the order of sorting (-weight, key) pairs, but comparing plain strs and floats,
    # which is faster than comparing tuples.
    return [(key, weight(key)) for key in sorted(sorted(vector), key=weight, reverse=True)[:n]]


def names_of(vector: Mapping[str, float],
             types: frozenset[str] = NAME_TYPES) -> dict[str, float]:
    """The part of a vector of some key types (by default names, name keys, numbers, dates)."""
    return {key: w for key, w in vector.items() if key[0] in types}


def name_cosine(cluster: Cluster, names: Mapping[str, float],
                types: frozenset[str] = NAME_TYPES) -> float:
    """Cosine over the keys of some types only (by default names, numbers and dates).

    Args:
        cluster: A story or event.
        names: A vector restricted to ``types`` (see :func:`names_of`).
        types: The key types compared.
    """
    norm = sum(w * w for w in names.values()) * sum(
        cluster.type_sq.get(kind, 0.0) for kind in types)
    return dot(names, cluster.centroid) / norm**0.5 if norm else 0.0


def centroid_cosine(one: Cluster, two: Cluster) -> float:
    """Cosine of two centroids."""
    if not one.norm or not two.norm:
        return 0.0
    small, large = sorted((one.centroid, two.centroid), key=len)
    return dot(small, large) / (one.norm * two.norm)


def covers(event: Cluster, salient: list[tuple[str, float]], share: float) -> bool:
    """Whether the event already names at least ``share`` (by weight) of the salient names."""
    total = sum(weight for _, weight in salient)
    found = sum(weight for key, weight in salient if key in event.centroid)
    return not total or found >= share * total
