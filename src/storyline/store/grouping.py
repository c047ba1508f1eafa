"""Store access for grouping: the grouper's saved state and what one grouping pass commits.

The grouper's state is kept in parts (:mod:`storyline.store.grouper_state`): a save writes the
parts that changed. :meth:`GroupingStore.save_grouping_parts` commits, in one transaction, the
state, the (re)placed articles, the new merges and the touched stories' read model (``stories``
and ``events``, merged-away stories removed), and returns what the store now holds, so the next
save in this process needs no read; :meth:`GroupingStore.save_grouping` does the same without
that knowledge (it reads the stored digests first). :meth:`GroupingStore.load_state` gives the
whole state back as one dict, from the parts, or from the one-row JSON a store written before
holds in ``component_states`` (other components' states stay there).

**Splits** (:mod:`storyline.group.story_split`) come among the grouper's merges with ``kind``
``"split"``: the old id keeps its story, the new one is a touched story like any other, and the
split goes to ``story_splits`` (declared here, created with the store's other tables). Ids merged
earlier whose opening report moved to the new story get a ``story_merges`` row pointing at it, so
:meth:`GroupingStore.current_story` (an old story id or an article id → the story that holds it
now) follows merges and splits alike: the latest row of a merged id wins.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Column, Engine, Float, ForeignKey, Integer, String, Table, delete, insert, select

from storyline.model import Story
from storyline.store import grouper_state, schema

_GROUPER = "grouper"
_CHUNK = 500
#: Links followed at most from an old id to the story that holds it now.
_MAX_HOPS = 64

#: Stories split in two: ``kept`` (the old id, the part holding the opening report) and ``split``
#: (the new story), the report whose joining made the split and the score it was split at.
story_splits = Table(
    "story_splits", schema.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kept", String(64), nullable=False),
    Column("split", String(64), nullable=False),
    Column("article_id", String(128)),
    Column("score", Float),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
)


class GroupingStore:
    """Mixed into :class:`~storyline.store.Store`; uses its engine and transactions."""

    engine: Engine

    def _begin(self) -> Any:  # provided by Store
        raise NotImplementedError

    def load_state(self, name: str) -> dict[str, Any] | None:
        """The saved state of a corpus-level component, or None before its first run."""
        if name == _GROUPER:
            state, _ = self.load_grouper_state()
            return state
        return self._load_blob(name)

    def _load_blob(self, name: str) -> dict[str, Any] | None:
        table = schema.component_states
        with self.engine.connect() as conn:
            value = conn.execute(select(table.c.state).where(table.c.name == name)).scalar_one_or_none()
        return None if value is None else dict(json.loads(value))

    def load_grouper_state(self) -> tuple[dict[str, Any] | None, grouper_state.Parts]:
        """The grouper's saved state (None before the first grouping) and what the store holds of
        it (pass that to :meth:`save_grouping_parts`)."""
        with self.engine.connect() as conn:
            state, parts = grouper_state.load(conn)
        if state is None:
            state = self._load_blob(_GROUPER)
        return state, parts

    def grouper_token(self) -> str | None:
        """The token the last save of the grouper's state wrote (None when not stored in parts):
        a process that saved it and reads its own token back knows nobody wrote since."""
        with self.engine.connect() as conn:
            return grouper_state.stored_token(conn)

    def save_grouping(self, run_id: int, state: dict[str, Any], placed: dict[str, tuple[str, str]],
                      merges: Sequence[dict[str, Any]], touched: Sequence[Story] = ()) -> None:
        """Save the grouper's state, the (re)placed articles, new merges and the touched stories'
        read model (merged-away stories removed from it), in one transaction."""
        self.save_grouping_parts(run_id, state, None, placed, merges, touched)

    def save_grouping_parts(self, run_id: int, state: dict[str, Any], parts: grouper_state.Parts | None,
                            placed: dict[str, tuple[str, str]], merges: Sequence[dict[str, Any]],
                            touched: Sequence[Story] = ()) -> grouper_state.Parts:
        """:meth:`save_grouping`, writing only the parts of the state that differ from ``parts``
        (what the store held after this process's last load or save; None: read it first).
        Returns what the store holds now."""
        table, states = schema.assignments, schema.component_states
        with self._begin() as conn:
            _replace_stories(conn, run_id, touched, [m["merged"] for m in merges if m.get("kind") != "split"])
            if parts is None or parts.token != grouper_state.stored_token(conn):
                parts = grouper_state.known_parts(conn)
            now = grouper_state.write(conn, run_id, state, parts)
            conn.execute(delete(states).where(states.c.name == _GROUPER))
            for chunk in _chunks(list(placed)):
                conn.execute(delete(table).where(table.c.article_id.in_(chunk)))
            if placed:
                conn.execute(insert(table), [{"article_id": a, "story_id": s, "event_id": e, "run_id": run_id}
                                             for a, (s, e) in placed.items()])
            _record_merges(conn, run_id, merges)
        return now

    def current_story(self, reference: str) -> str | None:
        """The id of the story that holds ``reference`` now: a story id (itself while it exists;
        a merged id: the story it was merged into, or the story split off with its opening
        report) or an article id (its story). None when the store knows neither."""
        stories, merges = schema.stories, schema.story_merges
        with self.engine.connect() as conn:
            current = reference
            for _ in range(_MAX_HOPS):
                if conn.execute(select(stories.c.id).where(stories.c.id == current)).first() is not None:
                    return current
                row = conn.execute(select(merges.c.kept).where(merges.c.merged == current)
                                   .order_by(merges.c.id.desc()).limit(1)).first()
                if row is None:
                    break
                current = row[0]
            table = schema.assignments
            found = conn.execute(select(table.c.story_id).where(table.c.article_id == reference)).scalar_one_or_none()
        return None if found is None else str(found)

    def story_splits(self, story_id: str) -> list[dict[str, Any]]:
        """The splits ``story_id`` took part in (kept or split off), oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(story_splits).where((story_splits.c.kept == story_id)
                                                           | (story_splits.c.split == story_id))
                                .order_by(story_splits.c.id))
            return [dict(row._mapping) for row in rows]


def _record_merges(conn: Any, run_id: int, merges: Sequence[dict[str, Any]]) -> None:
    """Merges to ``story_merges``; splits to ``story_splits``, with a ``story_merges`` row for
    each merged id now resolving to the story split off."""
    rows, splits = [], []
    for m in merges:
        if m.get("kind") == "split":
            splits.append({"kept": m["kept"], "split": m["split"], "article_id": m.get("article"),
                           "score": m.get("score"), "run_id": run_id})
            rows += [{"kept": m["split"], "merged": merged, "article_id": m.get("article"),
                      "score": m.get("score"), "run_id": run_id} for merged in m.get("moved", ())]
        else:
            rows.append({"kept": m["kept"], "merged": m["merged"], "article_id": m.get("article"),
                         "score": m.get("score"), "run_id": run_id})
    if rows:
        conn.execute(insert(schema.story_merges), rows)
    if splits:
        conn.execute(insert(story_splits), splits)


def _replace_stories(conn: Any, run_id: int, touched: Sequence[Story], merged_away: Sequence[str]) -> None:
    stories, events = schema.stories, schema.events
    gone = [s.id for s in touched] + list(merged_away)
    for chunk in _chunks(gone):
        conn.execute(delete(stories).where(stories.c.id.in_(chunk)))
        conn.execute(delete(events).where(events.c.story_id.in_(chunk)))
    if not touched:
        return
    conn.execute(insert(stories), [_story_row(s, run_id) for s in touched])
    rows = [{"id": e.id, "story_id": s.id, "position": n, "date": e.date, "articles": len(e.articles)}
            for s in touched for n, e in enumerate(s.events)]
    if rows:
        conn.execute(insert(events), rows)


def _story_row(story: Story, run_id: int) -> dict[str, Any]:
    dates = sorted(e.date for e in story.events if e.date)
    return {"id": story.id, "title": story.title, "articles": len(story.articles), "events": len(story.events),
            "first_date": dates[0] if dates else None, "last_date": dates[-1] if dates else None, "run_id": run_id}


def _chunks(values: list[str], size: int = _CHUNK) -> Iterable[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
