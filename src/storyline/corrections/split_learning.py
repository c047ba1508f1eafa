"""What a split teaches the grouping: a report that arrives after an analyst split a story, and
that the grouper (which never learns of corrections) puts in the old story, goes to the split-off
story when it is closer to the reports the analyst split off than to the rest of the old story.

For each active ``split_story`` correction, in the grouper's stories: the old story's reports
(less those an analyst moved) are parted into those the split names (the split-off part), those
that arrived before the split (the rest, as the analyst saw it: at most :data:`PART_REPORTS` of
each part, the latest), and
those that arrived after it (the candidates; "arrived" is the start of the run that stored the
report, against the time the split was recorded). Each report is a unit vector of the grouper's
own features (:func:`storyline.group.features.extract_features`, the story weights of
:data:`storyline.group.stories.STORY_WEIGHTS`, IDF over these reports); a candidate whose cosine
with the split-off part's centroid is higher than with the rest's follows the split
(:func:`storyline.corrections.regroup.regroup` takes it with the named reports). Both parts are
fixed once the split is made, so a report's side does not change from one run to the next. A
report the analyst moves later stays where the move puts it (corrections apply in order).

Cost: nothing for a store without splits, or whose split stories got no new report; otherwise one
query of the old story's reports' runs, and reading and featurising at most
2 x :data:`PART_REPORTS` reports plus the candidates, per split.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import select

from storyline.corrections import records
from storyline.model import Story
from storyline.store import Store, schema

__all__ = ["PART_REPORTS", "closer_to_split", "followers"]

#: Reports of each part a candidate is compared with (the latest ones).
PART_REPORTS = 200


def followers(store: Store, stories: Sequence[Story], active: Sequence[Any]) -> dict[int, set[str]]:
    """Split correction id → the reports that arrived after it and follow it (see module doc)."""
    splits = [c for c in active if c.kind == "split_story" and c.value]
    if not splits:
        return {}
    by_id = {s.id: s for s in stories}
    moved = {c.target for c in active if c.kind == "move_report"}  # placed by the analyst: in neither part
    made = _made_at(store, [c.id for c in splits])
    found: dict[int, set[str]] = {}
    for c in splits:
        old = by_id.get(c.story_id)
        if old is None or c.id not in made:
            continue
        named = set((c.value or "").split())
        others = [a for a in old.articles if a not in named and a not in moved]
        arrived = _arrived(store, others)
        after = [a for a in others if arrived.get(a) is not None and arrived[a] > made[c.id]]
        if not after:
            continue
        before = [a for a in others if a not in set(after)][-PART_REPORTS:]
        split_part = [a for a in old.articles if a in named][-PART_REPORTS:] or sorted(named)[-PART_REPORTS:]
        found[c.id] = closer_to_split(store, split_part, before, after)
    return found


def closer_to_split(store: Store, split_part: Sequence[str], rest: Sequence[str],
                    candidates: Sequence[str]) -> set[str]:
    """The candidates closer (cosine) to the split-off part's centroid than to the rest's."""
    from storyline.group.features import extract_features  # the grouper's features: loaded only when needed
    from storyline.group.stories import STORY_WEIGHTS

    wanted = list(dict.fromkeys([*split_part, *rest, *candidates]))
    counts = {a.id: extract_features(a).counts for a in store.articles_by_id(wanted)}
    vectors = _weighed(counts, STORY_WEIGHTS)
    one, two = _centroid(vectors, split_part), _centroid(vectors, rest)
    if not one:
        return set()
    return {a for a in candidates if a in vectors and _cosine(vectors[a], one) > _cosine(vectors[a], two)}


def _weighed(counts: Mapping[str, Mapping[str, float]], weights: Mapping[str, float]) -> dict[str, dict[str, float]]:
    """Unit TF-IDF vectors (sublinear TF, smoothed IDF over these reports, weight per key type)."""
    documents: dict[str, int] = {}
    for keys in counts.values():
        for key in keys:
            documents[key] = documents.get(key, 0) + 1
    total = len(counts)
    found = {}
    for article, keys in counts.items():
        vector = {key: (1.0 + math.log(n)) * (math.log((1 + total) / (1 + documents[key])) + 1.0) * weights[key[0]]
                  for key, n in keys.items() if n > 0 and weights.get(key[0], 0.0) > 0}
        found[article] = _unit(vector)
    return found


def _centroid(vectors: Mapping[str, Mapping[str, float]], members: Iterable[str]) -> dict[str, float]:
    total: dict[str, float] = {}
    for member in members:
        for key, weight in vectors.get(member, {}).items():
            total[key] = total.get(key, 0.0) + weight
    return _unit(total)


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {key: w / norm for key, w in vector.items()} if norm else {}


def _cosine(one: Mapping[str, float], two: Mapping[str, float]) -> float:
    small, large = (one, two) if len(one) <= len(two) else (two, one)
    return sum(w * large.get(key, 0.0) for key, w in small.items())


def _utc(value: Any) -> dt.datetime | None:
    """A stored time as an aware UTC datetime (SQLite gives it back naive, in UTC)."""
    if not isinstance(value, dt.datetime):
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def _made_at(store: Store, ids: Sequence[int]) -> dict[int, dt.datetime]:
    table = records.table
    with store.engine.connect() as conn:
        rows = conn.execute(select(table.c.id, table.c.created_at).where(table.c.id.in_(list(ids)))).all()
    return {int(i): when for i, value in rows if (when := _utc(value)) is not None}


def _arrived(store: Store, ids: Sequence[str]) -> dict[str, dt.datetime | None]:
    """Report id → the start of the run that stored it."""
    articles, runs = schema.articles, schema.runs
    found: dict[str, dt.datetime | None] = {}
    with store.engine.connect() as conn:
        for start in range(0, len(ids), 500):
            query = (select(articles.c.id, runs.c.started_at).join(runs, runs.c.id == articles.c.run_id)
                     .where(articles.c.id.in_(list(ids[start : start + 500]))))
            found.update((i, _utc(when)) for i, when in conn.execute(query))
    return found
