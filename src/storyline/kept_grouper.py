"""The story grouper kept in memory between groupings of one store (issue 21 item 2).

A watch cycle or the web app's next upload groups the same store again in the same process:
instead of reading and restoring the grouper's whole state (0.46 s of each cycle at 3,700 reports
in the watch soak, growing with the store), :func:`storyline.pipeline.group_store` goes on from
the grouper it saved last, after checking that the store's state token is still the one it
wrote. Memory: one grouper. Restoring from the state and going on from the kept grouper give
the same stories (the state holds everything placement reads; tests/store/test_grouper_parts.py
compares both).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from storyline.group import StoryGrouper
from storyline.store import Store
from storyline.store.grouper_state import Parts


class KeptGrouper:
    """The grouper of the last :func:`storyline.pipeline.group_store` in this process, with what its store holds of
    its state. It is used again only for the same store URL and only while the store's state
    token is the one this process wrote (nobody saved a grouper since); otherwise the state is
    read from the store. One store at a time (memory: one grouper)."""

    def __init__(self) -> None:
        self._kept: tuple[str, StoryGrouper, Parts] | None = None

    def take(self, store: Store, params: Mapping[str, Any] | None) -> tuple[StoryGrouper, Parts]:
        """The grouper to go on from (the caller holds it until :meth:`keep`)."""
        kept, self._kept = self._kept, None
        if kept is not None and kept[0] == store.url and kept[2].token and store.grouper_token() == kept[2].token:
            return kept[1], kept[2]
        state, parts = store.load_grouper_state()
        return (StoryGrouper.from_state(state) if state else StoryGrouper(**(params or {}))), parts

    def keep(self, store: Store, grouper: StoryGrouper, parts: Parts) -> None:
        self._kept = (store.url, grouper, parts)

    def drop(self) -> None:
        self._kept = None
