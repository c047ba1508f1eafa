"""Splitting a story that has turned out to be two: the :class:`StorySplitting` half of the grouper.

When a report joins a story that has grown by half since it was last examined (at 8, 12, 18,
27, ... reports: ``MIN_EXAMINED`` and up), its reports are bisected on their own evidence
(:func:`storyline.group.splitting.bisect`). When the two groups share little evidence compared
with how much each shares within itself (:func:`storyline.group.splitting.cohesion_ratio` below
``split_ratio``), the story splits:

- events move whole: each event goes to the side most of its reports are on (ties: the side of
  its first report), near-duplicate versions with their event;
- the side holding the story's opening report keeps the story's id; the other becomes a story
  whose id derives from its earliest report's id, as every id does;
- the centroid is shared out key by key, in proportion to each side's (decayed) evidence for the
  key; keys no report row holds stay with the old story. Dates, languages and the index postings
  (the old story's keys that the new side's reports carry) follow; a side that lost the report
  its title came from takes the title of its report closest to its centroid;
- stories merged earlier whose opening report moved now resolve to the new story;
- the split is recorded in :attr:`StoryGrouper.merges` (``kind`` ``"split"``: ``kept`` the old
  id, ``split`` the new one, ``moved`` the merged ids that now resolve to it), and the two
  stories never merge again.

Both sides are examined again at once (at most ``MAX_SPLITS`` splits per examination), so a story
chained from several subjects comes apart into several. Cost: an examination is linear in the
story's reports; a story of ``n`` reports is examined about ``log1.5(n)`` times at sizes that
grow geometrically, so its examinations cost ``O(n)`` over its life (never per report); a split
also rebuilds the merged-id links (linear in the merges).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from storyline.group.clusters import StoryCluster
from storyline.group.placing import RETITLE_AFTER
from storyline.group.splitting import bisect, cohesion_ratio, row_vector, share_centroid
from storyline.group.story_index import StoryIndex

#: A story is examined once it holds this many reports, then each time it has grown by half.
MIN_EXAMINED = 8
#: Splits at most per examination.
MAX_SPLITS = 8


class StorySplitting:
    """The splitting rule of :class:`~storyline.group.stories.StoryGrouper` (its ``split_ratio``)."""

    _index: StoryIndex
    _where: dict[str, tuple[str, str]]
    _pending: dict[str, list[Any]]
    split_ratio: float | None
    half_life_days: float | None

    def _examine(self, story: StoryCluster, article_id: str) -> None:
        """Split ``story`` (just joined by ``article_id``) if it has grown by half since it was
        last examined and its reports form two groups that share too little evidence."""
        size = len(story.members)
        if self.split_ratio is None or not story.is_active or 2 * size < max(2 * MIN_EXAMINED, 3 * story.checked):
            return
        queue, splits = [story], 0
        while queue and splits < MAX_SPLITS:
            current = queue.pop(0)
            current.checked = len(current.members)
            part = self._split_off(current, article_id)
            if part is not None:
                splits += 1
                queue += [current, part]

    def _split_off(self, story: StoryCluster, article_id: str) -> StoryCluster | None:
        rows = [row for row in story.members if row[4]]
        if len(rows) < MIN_EXAMINED:
            return None
        vectors = [row_vector(row) for row in rows]
        sides = bisect(vectors)
        ratio = cohesion_ratio(vectors, sides)
        if ratio >= self.split_ratio:  # type: ignore[operator]
            return None
        moving = _moving_events(story, {row[0]: side for row, side in zip(rows, sides, strict=True)})
        if not moving:
            return None
        moved = {a for event in story.events if event.id in moving for a in event.articles}
        part = self._new_part(story, moved, moving)
        self._share_centroid(story, part)
        for cluster in (story, part):
            _refresh(cluster)
        self._retitle(story, part)
        carried = story.posted & {key for row in part.members for key in row[4]}
        self._index.post(part, [(key, 0.0) for key in sorted(carried)])
        realiased = self._realias(story, part)
        for cluster in (story, part):  # re-aliased merged ids no longer name the old story's reports
            for article in cluster.articles:
                self._where[article] = (cluster.id, self._where[article][1])
        self._move_pending(story, part)
        self._index.split_apart(story, part)
        self._index.merges.append({"kept": story.id, "split": part.id, "article": article_id,
                                   "score": round(ratio, 4), "kind": "split", "moved": realiased})
        return part

    def _new_part(self, story: StoryCluster, moved: set[str], moving: set[str]) -> StoryCluster:
        """The new story holding the ``moved`` reports, their rows and events, taken from ``story``."""
        first = next(article for article in story.articles if article in moved)
        part = StoryCluster(self._index.new_id("s", first), self._index.next_seq(), title=story.title,
                            centroid_day=story.centroid_day, checked=0)
        part.articles = [a for a in story.articles if a in moved]
        story.articles = [a for a in story.articles if a not in moved]
        part.members = [row for row in story.members if row[0] in moved]
        story.members = [row for row in story.members if row[0] not in moved]
        part.events = [event for event in story.events if event.id in moving]
        story.events = [event for event in story.events if event.id not in moving]
        part.checked = len(part.members)
        story.key_counts = part.key_counts = None  # their rows changed: counted again when needed
        self._index.stories[part.id] = part
        return part

    def _share_centroid(self, story: StoryCluster, part: StoryCluster) -> None:
        """Give ``part`` each centroid key in proportion to its share of the key's evidence."""
        day, half_life = story.centroid_day, self.half_life_days
        story.centroid, part.centroid = share_centroid(story.centroid, _evidence(story.members, day, half_life),
                                                       _evidence(part.members, day, half_life))
        story.renorm()
        part.renorm()

    def _retitle(self, story: StoryCluster, part: StoryCluster) -> None:
        for cluster in (story, part):
            if cluster is story and any(row[3] == story.title for row in story.members):
                continue
            titled = [row for row in cluster.members if row[3]]
            if not titled:
                continue
            if len(cluster.members) < RETITLE_AFTER:
                cluster.title, cluster.title_score = titled[0][3], -1.0
            else:
                best = max(titled, key=lambda row: cluster.cosine(_unit(row_vector(row))))
                cluster.title, cluster.title_score = best[3], cluster.cosine(_unit(row_vector(best)))

    def _realias(self, story: StoryCluster, part: StoryCluster) -> list[str]:
        """Point the ids merged into ``story`` whose opening report moved to ``part`` at ``part``."""
        bases = {"s" + hashlib.blake2b(a.encode(), digest_size=6).hexdigest() for a in part.articles}
        moved = [merged for merged in self._index.absorbed(story.id) if merged.split("-", 1)[0] in bases]
        if moved:
            for merged in moved:
                self._index.alias[merged] = part.id
            self._index.rebuild_links()
        return sorted(moved)

    def _move_pending(self, story: StoryCluster, part: StoryCluster) -> None:
        """Rows waiting for :meth:`refine` go with their reports: under the story each is in now."""
        members = set(part.articles)
        rows = [row for story_id in (story.id, *self._index.absorbed(story.id), *self._index.absorbed(part.id))
                for row in self._pending.pop(story_id, ())]
        for cluster, inside in ((story, False), (part, True)):
            kept = [row for row in rows if (row[1] in members) == inside]
            if kept:
                self._pending[cluster.id] = sorted(kept, key=lambda row: row[0])


def _moving_events(story: StoryCluster, side_of: Mapping[str, int]) -> set[str]:
    """Ids of the events that go to the new story: those most of whose reports are on the side
    that does not hold the story's opening report (ties: the side of the event's first report)."""
    event_side = {}
    for event in story.events:
        votes = [side_of[a] for a in event.articles if a in side_of]
        ones = sum(votes)
        event_side[event.id] = (1 if 2 * ones > len(votes) else 0 if 2 * ones < len(votes)
                                else votes[0] if votes else 0)
    opener = story.articles[0]
    flip = next((event_side[e.id] for e in story.events if opener in e.articles), 0)
    moving = {event_id for event_id, side in event_side.items() if side != flip}
    return moving if 0 < len(moving) < len(story.events) else set()


def _evidence(rows: Sequence[Sequence[Any]], day: int | None, half_life: float | None) -> dict[str, float]:
    """Each key's evidence summed over the rows, decayed to ``day`` as centroids are."""
    total: dict[str, float] = {}
    for row in rows:
        factor = 1.0
        if half_life and day is not None and row[1] is not None and day > row[1]:
            factor = 0.5 ** ((day - row[1]) / half_life)
        for key, weight in zip(row[4], row[5], strict=True):
            total[key] = total.get(key, 0.0) + weight * factor
    return total


def _refresh(story: StoryCluster) -> None:
    """Dates and language counts of a story from its rows."""
    days = [row[1] for row in story.members if row[1] is not None]
    story.first_day, story.last_day = (min(days), max(days)) if days else (None, None)
    story.languages = {}
    for row in story.members:
        story.count_language(row[2])


def _unit(vector: Mapping[str, float]) -> dict[str, float]:
    norm = sum(w * w for w in vector.values()) ** 0.5
    return {k: w / norm for k, w in vector.items()} if norm else {}
