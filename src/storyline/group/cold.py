"""Places of settled reports left to the store: the :class:`ColdPlaces` half of the grouper.

A story idle for ``retain_days`` leaves the candidate index for good (the decay rule: a report
years later starts a new story; :meth:`StoryIndex.expire`): no report can join it by score, and
it is never merged, split or refined again. What the grouper still keeps of it is its record
(ids, title, events: :meth:`StoryGrouper.stories` lists it) and, until now, the place (story id,
event id) of every report it holds, read only when

* an id already placed is added again (a no-op that answers its place),
* a near-duplicate of one of its reports arrives while the original's signature is still in
  the near-duplicate index (an undated original stays there until ``max_entries``): the copy
  joins the original's story and event, expired or not, exactly as before,
* a caller asks :meth:`assignment` for one of its reports.

A grouper kept between runs of one store (:class:`storyline.kept_grouper.KeptGrouper`) hands
these places to the store once they are saved: :meth:`ColdPlaces.evict_settled` drops them from
memory (about 0.35 KB per report with the store's bookkeeping of them; what stays is the id in a
set, so that a new report costs no read) and returns their ids, and
:meth:`ColdPlaces.use_cold_places` gives the grouper a lookup that reads a place back from the
store when one of the cases above arrives. A report's place, once its story has expired, never
changes (refining and splitting touch only active stories), so the stored place is the place,
and the grouper's stories and ids are those of a grouper that never evicts
(tests/group/test_cold.py). A grouper without a lookup (the default, Spark, blocks) evicts
nothing. Cost: :meth:`evict_settled` is linear in the reports of the stories settled since its
last call (each story once, plus again after a copy joins it); a cold lookup is one keyed read.
"""

from __future__ import annotations

from collections.abc import Callable

from storyline.group.story_index import StoryIndex

#: Reads the stored place (story id, event id) of an article id; None when the store has none.
PlaceLookup = Callable[[str], tuple[str, str] | None]


class ColdPlaces:
    """Where settled reports' places go (see the module docstring)."""

    _index: StoryIndex
    _where: dict[str, tuple[str, str]]
    _cold: PlaceLookup | None
    #: Ids of stories that expired, or took a copy while expired, since the last eviction.
    _settling: set[str]
    #: Ids of the articles whose places were evicted (read back with ``_cold``).
    _evicted: set[str]

    def use_cold_places(self, lookup: PlaceLookup | None) -> None:
        """From now on, read the places :meth:`evict_settled` dropped with ``lookup``; None
        stops eviction (and must only be set while nothing was evicted)."""
        self._cold = lookup

    def evict_settled(self) -> list[str]:
        """Drop from memory the places of the reports of stories that have left the index
        (expired) since the last call, and return their article ids; nothing without a lookup
        (:meth:`use_cold_places`). The caller guarantees the store holds those places."""
        if self._cold is None:
            self._settling.clear()
            return []
        evicted: list[str] = []
        where, stories = self._where, self._index.stories
        for story_id in self._settling:
            story = stories.get(self._index.resolve(story_id))
            if story is None or story.is_active:
                continue
            for article_id in story.articles:
                if where.pop(article_id, None) is not None:
                    evicted.append(article_id)
        self._settling.clear()
        self._evicted.update(evicted)
        return evicted

    def _settled(self, story_id: str) -> None:
        """Note a story that left the index, or took a report while out of it."""
        self._settling.add(story_id)

    def _place_of(self, article_id: str) -> tuple[str, str] | None:
        """The stored (story id, event id) of an added article, in memory or, once evicted,
        read back (not resolved through merges); None when it was never added."""
        place = self._where.get(article_id)
        if place is None and self._cold is not None and article_id in self._evicted:
            place = self._cold(article_id)
            if place is None:
                raise LookupError(f"the store has lost the place of evicted article {article_id!r}")
        return place
