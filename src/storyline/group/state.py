"""Saving and restoring a :class:`~storyline.group.stories.StoryGrouper` as JSON-able data.

The state holds the params, the stream clock, document frequencies, the near-duplicate index,
every story with its events, and the index that finds candidate stories; restoring it continues
with the same ids. Version 2 adds each centroid's decay day (``centroid_day``); version 1 states
(written before centroids decayed) are read with that day set to the cluster's last day. Version 3
adds the articles placed since the last refine (``pending``), so that a state saved mid-batch
goes on exactly as the grouper would have; older states have none. Version 4 adds each story's
count of reports per language (what :mod:`storyline.group.crossing` reads); older stories have
none, and count the reports that join them from then on. Each story row may end with its
``title_score`` (how close its title's report was to the centroid); a row without one keeps its
title unless a report closer than 0 joins. Version 5 adds to each story row its report rows (what
a split reads, :mod:`storyline.group.splitting`) and the size it was last examined at, and the
pairs of stories split apart (``apart``); an older story has no rows, and collects them from the
reports that join it from then on.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from storyline.group.clusters import Cluster, StoryCluster
from storyline.group.duplicates import DuplicateIndex
from storyline.group.features import DocumentFrequencies
from storyline.group.splitting import row_from_state, row_to_state

if TYPE_CHECKING:
    from storyline.group.stories import StoryGrouper

STATE_VERSION = 5
_READABLE = (1, 2, 3, 4, 5)


def to_state(grouper: StoryGrouper) -> dict[str, Any]:
    """Everything needed to continue later with the same ids."""
    index = grouper._index
    return {
        "version": STATE_VERSION,
        "params": grouper.get_params(),
        "seq": index.seq,
        "clock": grouper._clock,
        "swept": grouper._swept,
        "df": grouper._df.to_state(),
        "duplicates": None if grouper._duplicates is None else grouper._duplicates.to_state(),
        "stories": [[*story.to_state(), story.title, story.is_active, sorted(story.posted),
                     [event.to_state() for event in story.events], dict(story.languages), story.title_score,
                     [row_to_state(row) for row in story.members], story.checked]
                    for story in index.stories.values()],
        "apart": {story_id: sorted(ids) for story_id, ids in index.apart.items()},
        "alias": dict(index.alias),
        "where": {key: list(value) for key, value in grouper._where.items()},
        "postings": {key: list(value) for key, value in index.postings.items()},
        "merges": list(index.merges),
        "placings": grouper._placings,
        "pending": {story_id: [list(row) for row in rows] for story_id, rows in grouper._pending.items()},
    }


def check_version(state: Mapping[str, Any]) -> None:
    """Raise unless this module can read the state.

    Raises:
        ValueError: The state has an unknown version.
    """
    version = state.get("version")
    if version not in _READABLE:
        raise ValueError(f"unknown StoryGrouper state version {version!r}; expected one of "
                         f"{list(_READABLE)} (written by StoryGrouper.to_state)")


def restore(grouper: StoryGrouper, state: Mapping[str, Any]) -> StoryGrouper:
    """Fill a freshly built grouper (same params) from :func:`to_state` output.

    Raises:
        ValueError: The state has an unknown version.
    """
    check_version(state)
    version = state["version"]
    index = grouper._index
    index.seq, grouper._clock, grouper._swept = state["seq"], state["clock"], state["swept"]
    grouper._df = DocumentFrequencies.from_state(state["df"])
    if state["duplicates"] is not None:
        grouper._duplicates = DuplicateIndex.from_state(state["duplicates"])
    width = 6 if version == 1 else 7
    for row in state["stories"]:
        base = _cluster(row[:width])
        story = StoryCluster(**{name: getattr(base, name) for name in Cluster.__slots__},
                             title=row[width], is_active=row[width + 1],
                             posted=set(row[width + 2]),
                             events=[_cluster(event) for event in row[width + 3]],
                             languages=dict(row[width + 4]) if len(row) > width + 4 else {},
                             title_score=float(row[width + 5]) if len(row) > width + 5 else 0.0,
                             members=[row_from_state(r) for r in row[width + 6]] if len(row) > width + 6 else [],
                             checked=int(row[width + 7]) if len(row) > width + 7 else 0)
        index.add_restored(story)
    index.alias = dict(state["alias"])
    index.rebuild_links()
    index.ids.update(index.alias)
    grouper._where = {key: (value[0], value[1]) for key, value in state["where"].items()}
    index.postings = {key: list(value) for key, value in state["postings"].items()}
    index.merges = list(state["merges"])
    index.apart = {story_id: set(ids) for story_id, ids in state.get("apart", {}).items()}
    grouper._placings = state.get("placings", 0)
    grouper._pending = {story_id: [(order, article_id, dict(vector), day) for order, article_id, vector, day in rows]
                        for story_id, rows in state.get("pending", {}).items()}
    # Stories out of the index: their reports' places may be evicted (group/cold.py).
    grouper._settling = {story.id for story in index.stories.values() if not story.is_active}
    return grouper


def _cluster(row: list[Any]) -> Cluster:
    # A version-1 row has no centroid day: its centroid is undecayed, as of its last day.
    return Cluster.from_state(row if len(row) == 7 else [*row, row[5]])
