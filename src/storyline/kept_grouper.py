"""The story grouper kept in memory between groupings of one store (issue 21 item 2).

A watch cycle or the web app's next upload groups the same store again in the same process:
instead of reading and restoring the grouper's whole state (0.46 s of each cycle at 3,700 reports
in the watch soak, growing with the store), :func:`storyline.pipeline.group_store` goes on from
the grouper it saved last, after checking that the store's state token is still the one it
wrote. Memory: one grouper. Restoring from the state and going on from the kept grouper give
the same stories (the state holds everything placement reads; tests/store/test_grouper_parts.py
compares both).

**Bounded by the decay window** (issue 24): once a grouping is saved, the kept grouper drops the
places of the reports of stories that have left its index for good
(:meth:`storyline.group.cold.ColdPlaces.evict_settled`), and forgets that the store holds those
rows (:class:`~storyline.store.grouper_state.Parts`), so that its next save, which no longer
lists them, leaves them in the store rather than deleting them: the stored state stays the whole
state (a fresh process restores everything, then evicts again). A place the grouper needs back
(a copy of a settled report, an id added again) is read from its ``where`` row
(:class:`StoredPlaces`). Memory then follows the stories still in the window, not the store.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from storyline.group import StoryGrouper
from storyline.store import Store
from storyline.store.grouper_state import Parts, grouper_parts

#: The section of the stored state that holds reports' places (storyline.store.grouper_state).
_WHERE = "where"


class StoredPlaces:
    """Reads one report's place, (story id, event id), from the stored grouper state."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __call__(self, article_id: str) -> tuple[str, str] | None:
        table = grouper_parts
        with self.store.engine.connect() as conn:
            data = conn.execute(select(table.c.data).where(table.c.section == _WHERE,
                                                           table.c.key == article_id)).scalar_one_or_none()
        if data is None:
            return None
        story_id, event_id = json.loads(data)
        return str(story_id), str(event_id)


class KeptGrouper:
    """The grouper of the last :func:`storyline.pipeline.group_store` in this process, with what its store holds of
    its state. It is used again only for the same store URL and only while the store's state
    token is the one this process wrote (nobody saved a grouper since); otherwise the state is
    read from the store. One store at a time (memory: one grouper).

    Args:
        evict: Whether to leave settled reports' places in the store (off: the grouper keeps
            every place, as before; tests compare both).
    """

    def __init__(self, *, evict: bool = True) -> None:
        self._kept: tuple[str, StoryGrouper, Parts] | None = None
        self.evict = evict

    def take(self, store: Store, params: Mapping[str, Any] | None) -> tuple[StoryGrouper, Parts]:
        """The grouper to go on from (the caller holds it until :meth:`keep`)."""
        kept, self._kept = self._kept, None
        if kept is not None and kept[0] == store.url and kept[2].token and store.grouper_token() == kept[2].token:
            return kept[1], kept[2]
        state, parts = store.load_grouper_state()
        return (StoryGrouper.from_state(state) if state else StoryGrouper(**(params or {}))), parts

    def keep(self, store: Store, grouper: StoryGrouper, parts: Parts) -> None:
        """Keep ``grouper`` after its state was saved as ``parts``, less the places of settled
        reports (left in the store, see the module docstring)."""
        if not self.evict:
            self._kept = (store.url, grouper, parts)
            return
        grouper.use_cold_places(StoredPlaces(store))
        evicted = grouper.evict_settled()
        known, quick = parts.known.get(_WHERE, {}), parts.quick.get(_WHERE, {})
        for article_id in evicted:
            known.pop(article_id, None)
            quick.pop(article_id, None)
        self._kept = (store.url, grouper, parts)

    def drop(self) -> None:
        self._kept = None
