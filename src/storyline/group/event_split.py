"""Events that turn out to be two happenings of one kind: an event's reports, bisected on who.

Two happenings of one kind in one story (two players of one team arrested for drunk driving,
two navy ships that each caught a pirate crew, two aides of one president who died) share their
words, their place and most of their names, so a report of the second can join the first's
event when it arrives, and every later report of either follows. What tells them apart is who
each happened to: each happening has its own participant, named by nearly every report of it
and by almost no report of the other.

At the end of a batch (:meth:`storyline.group.stories.StoryGrouper.refine`) an event that has
reached ``2 * MIN_SIDE`` reports, and each time it has grown by half since (sizes 10, 15, 22,
33...: an event's examinations cost linear time over its life), is bisected on its reports' rows
(:func:`storyline.group.splitting.bisect` over the story rows, whose keys are weighed by rarity
when each report came; a near-duplicate version goes with its original). It splits when both
sides hold at least ``MIN_SIDE`` reports and each side has a participant of its own: a name
(``n:`` key) carried by at least ``OWN_SHARE`` of its reports and by at most ``OTHER_SHARE`` of
the other side's. A single happening bisected in two (the reports that quote the police, the
reports that quote the coach) names its people on both sides, and whom each report quotes besides
varies from report to report, so a side rarely has a name of its own (known limit: two groups of
five or more reports of one happening that each keep naming someone the other never names would
split; measured on ECB+, the gain outweighs it). The side holding the event's first report
keeps the event and its id; the other becomes an event whose id derives from its first report,
placed after it; the centroid is shared key by key in proportion to each side's evidence (keys
no row holds stay), and each side's dates are its reports' days (the day of the happening where
the batch still knows it, else the report's date). Rows only, so every engine that placed the
same reports splits the same events.

Measured (docs/EVAL.md, Session 14): ECB+ event B-cubed F1 train 0.888 -> 0.901, dev 0.891 ->
0.919 (thresholds chosen on train: sides of 5, names in 70 % / 10 %). Cost: one two-means over
an event's rows per examination, ``O(rounds · n · MEMBER_KEYS)``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from storyline.group.clusters import Cluster, StoryCluster
from storyline.group.splitting import bisect, row_vector, share_centroid

#: Reports each side of a split needs at least; an event is examined from twice this size.
MIN_SIDE = 5
#: A side's own participant is a name in at least this share of its reports...
OWN_SHARE = 0.7
#: ... and in at most this share of the other side's.
OTHER_SHARE = 0.1


def due(before: int, after: int) -> bool:
    """Whether an event that grew from ``before`` to ``after`` reports in a batch has crossed
    one of the sizes it is examined at (``2 * MIN_SIDE``, then each time half as large again)."""
    size = 2 * MIN_SIDE
    while size <= after:
        if before < size:
            return True
        size = max(size + 1, size * 3 // 2)
    return False


def split_events(story: StoryCluster, days: Mapping[str, int | None], versions: Mapping[str, str] | None,
                 open_event: Callable[[str], Cluster]) -> dict[str, str]:
    """Split the events of ``story`` that a batch made due and that turn out to be two happenings.

    Args:
        story: A story at the end of a batch.
        days: The batch's articles in the story → the day of their happening (as placed).
        versions: Near-duplicate version id → original id; None turns splitting off.
        open_event: Makes a new, empty event from the id of its first report.

    Returns:
        Article id → id of the event it moved to (only articles that moved).
    """
    if versions is None:
        return {}
    rows = {row[0]: row for row in story.members}
    moved: dict[str, str] = {}
    for event in list(story.events):
        after = len(event.articles)
        if not due(after - sum(article in days for article in event.articles), after):
            continue
        part = split_side(event, rows, versions)
        if part:
            new = split_event(event, part, open_event, rows, days)
            story.events.insert(story.events.index(event) + 1, new)
            moved.update(dict.fromkeys(new.articles, new.id))
    return moved


def split_side(event: Cluster, rows: Mapping[str, Sequence[Any]], versions: Mapping[str, str]) -> set[str]:
    """The reports of ``event`` that form a second happening (empty when the event is one).

    Args:
        event: An event of a story.
        rows: The story's report rows by article id (:func:`storyline.group.splitting.member_row`).
        versions: Near-duplicate version id → its original's id.
    """
    keyed = [article for article in event.articles if article in rows and rows[article][4]]
    if len(keyed) < 2 * MIN_SIDE:
        return set()
    vectors = [row_vector(rows[article]) for article in keyed]
    sides = bisect(vectors)
    if not own_participants(vectors, sides):
        return set()
    part = {article for article, side in zip(keyed, sides, strict=True) if side}
    part |= {article for article in event.articles if versions.get(article) in part}
    return part


def own_participants(vectors: Sequence[Mapping[str, float]], sides: Sequence[int]) -> bool:
    """Whether both sides of a bisection hold ``MIN_SIDE`` reports and each has a name of its
    own: in at least ``OWN_SHARE`` of its reports and at most ``OTHER_SHARE`` of the other's."""
    sizes = [sides.count(0), sides.count(1)]
    if min(sizes) < MIN_SIDE:
        return False
    names: list[Counter[str]] = [Counter(), Counter()]
    for vector, side in zip(vectors, sides, strict=True):
        names[side].update(key for key in vector if key[0] == "n")
    return all(any(count >= OWN_SHARE * sizes[side] and names[1 - side][key] <= OTHER_SHARE * sizes[1 - side]
                   for key, count in names[side].items())
               for side in (0, 1))


def split_event(event: Cluster, part: set[str], new_event: Callable[[str], Cluster],
                rows: Mapping[str, Sequence[Any]], days: Mapping[str, int | None]) -> Cluster:
    """Move the ``part`` reports of ``event`` to a new event (made by ``new_event`` from the id of
    its first report); share the centroid by evidence and set both events' dates. Returns it."""
    moved = [article for article in event.articles if article in part]
    event.articles[:] = [article for article in event.articles if article not in part]
    target = new_event(moved[0])
    target.articles.extend(moved)
    event.centroid, target.centroid = share_centroid(event.centroid, _evidence(event.articles, rows),
                                                     _evidence(target.articles, rows))
    for cluster in (event, target):
        cluster.renorm()
        known = [day for article in cluster.articles
                 if (day := days.get(article, _row_day(rows, article))) is not None]
        cluster.first_day, cluster.last_day = (min(known), max(known)) if known else (None, None)
    return target


def _row_day(rows: Mapping[str, Sequence[Any]], article: str) -> int | None:
    row = rows.get(article)
    return None if row is None else row[1]


def _evidence(articles: Sequence[str], rows: Mapping[str, Sequence[Any]]) -> dict[str, float]:
    total: dict[str, float] = {}
    for article in articles:
        row = rows.get(article)
        if row is None:
            continue
        for key, weight in zip(row[4], row[5], strict=True):
            total[key] = total.get(key, 0.0) + weight
    return total
