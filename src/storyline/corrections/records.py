"""Analysts' corrections as records of their own (who, when, what): kept, listed, undone.

A correction names a story by id (ids are stable across runs) and says one thing: ``rename`` (the
story's title becomes ``value``), ``reject_fact`` (the fact or claim ``target`` is not shown as
one), ``reject_quote`` (the quotation ``target`` is not one); two entities are one or one entity
is two (``merge_entities``, ``split_spelling``, ``split_mention``:
:mod:`storyline.corrections.entities`); a report belongs to another story or event
(``move_report``) or some reports are a story of their own (``split_story``):
:mod:`storyline.corrections.regroup`, which applies these two to the grouping of every later run,
and to the store at once. Undoing is a record too (``undo``, ``target`` the undone correction's
id, under the undone one's story), so the history stays whole. A move is listed with both stories
it joins, a split with the old story and the new. Nothing of the pipeline's output is changed in
the store: a story's record is corrected when it is read (:mod:`storyline.corrections.story`),
so a later run that rebuilds a story's record gets them again. A rejection matches the item by
its id or by its text as it read when rejected (kept in ``value``): ids come from the reports
that state an item first, which a later run can change, while the text stays.

The table lives in the store beside the pipeline's (created on first use, ``corrections``), but is
not part of the pipeline's schema. The web forms, the ``correct`` command and the engine (after
grouping) all go through this module. Cost: one indexed query per story read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (Column, ColumnElement, DateTime, Index, Integer, MetaData, String, Table, Text, and_, func,
                        insert, inspect, or_, select)

from storyline.errors import StorylineError
from storyline.corrections.entities import ENTITY_KINDS, key
from storyline.store import Store
from storyline.store.validate import matchable

__all__ = ["KINDS", "MAX_SPLIT", "REGROUP_KINDS", "Correction", "CorrectionError", "add", "ensure_table",
           "for_stories", "for_story", "new_id", "undo", "version"]

#: The corrections of the grouping (applied by :mod:`storyline.corrections.regroup`).
REGROUP_KINDS = ("move_report", "split_story")
#: Reports a split may name (its record's ``value`` holds their ids).
MAX_SPLIT = 2000
KINDS = ("rename", "reject_fact", "reject_quote", *ENTITY_KINDS, *REGROUP_KINDS)
_MAX = {"target": 128, "value": 1000, "note": 2000, "author": 128, "reports": 130 * MAX_SPLIT}

metadata = MetaData()
table = Table(
    "corrections", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("story_id", String(64), nullable=False),
    Column("kind", String(32), nullable=False),  # rename | reject_fact | reject_quote | undo
    Column("target", String(128)),  # the fact or quote id; for undo, the undone correction's id
    Column("value", Text),  # the new title; for a rejection, the rejected text as it read
    Column("note", Text),
    Column("author", String(128), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_corrections_story", "story_id"),
)


class CorrectionError(StorylineError):
    """A correction that cannot be recorded (unknown kind, nothing to undo, bad values)."""


@dataclass(frozen=True, slots=True)
class Correction:
    """One analyst's correction, and who undid it (if anyone)."""

    id: int
    story_id: str
    kind: str
    target: str | None
    value: str | None
    note: str | None
    author: str
    created_at: str
    undone_by: str | None = None
    undone_at: str | None = None

    @property
    def is_active(self) -> bool:
        return self.undone_by is None

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__} | {"active": self.is_active}


#: Stores (by engine URL) known to hold the table, so that reading asks the database once.
_HAVE_TABLE: set[str] = set()


def _has_table(store: Store) -> bool:
    if store.url not in _HAVE_TABLE and inspect(store.engine).has_table("corrections"):
        _HAVE_TABLE.add(store.url)
    return store.url in _HAVE_TABLE


def ensure_table(store: Store) -> None:
    """Create the corrections table if the store has none yet (idempotent)."""
    if not _has_table(store):
        metadata.create_all(store.engine, tables=[table], checkfirst=True)
        _HAVE_TABLE.add(store.url)


def _clean(value: str | None, key: str) -> str | None:
    text = " ".join((value or "").split())
    if not text:
        return None
    if len(text) > _MAX[key] or not matchable(text, _MAX[key]):
        raise CorrectionError(f"the {key} is too long or holds characters a store cannot keep")
    return text


def _check(kind: str, story_id: str, row: dict[str, Any]) -> None:
    """What each kind needs (module docstring); raises CorrectionError."""
    target, value = row["target"], row["value"]
    if kind == "rename" and not value:
        raise CorrectionError("a rename needs the new title")
    if kind in ("reject_fact", "reject_quote") and not target:
        raise CorrectionError("a rejection names the fact or quote it rejects")
    if kind in ENTITY_KINDS and not (target and value):
        raise CorrectionError("an entity correction names the entity and the other entity, spelling or mention")
    if kind == "merge_entities" and key(target) == key(value):
        raise CorrectionError("an entity cannot be merged with itself")
    if kind == "split_mention" and not re.search(r" @ .+:\d+:\d+$", value or ""):
        raise CorrectionError("a mention is given as TEXT @ ARTICLE:START:END")
    if kind == "move_report" and not (target and value and value != story_id):
        raise CorrectionError("a move names the report and the story (or story/event) it goes to, not its own story")
    if kind == "split_story" and not value:
        raise CorrectionError("a split names the reports that form the new story")


def add(store: Store, story_id: str, kind: str, *, author: str, target: str | None = None,
        value: str | None = None, note: str | None = None) -> int:
    """Record a correction; returns its id. A split without a ``target`` gets a new story id
    (``s`` and 12 hex digits, from the story and the reports).

    Raises:
        CorrectionError: an unknown kind, or what the kind needs missing (see :func:`_check`).
    """
    if kind not in KINDS:
        raise CorrectionError(f"unknown correction {kind!r}: use one of {', '.join(KINDS)}")
    if kind == "split_story":
        value = " ".join(dict.fromkeys((value or "").split()))
        target = target or new_id("s", "split", story_id, value)
    row = {"story_id": story_id, "kind": kind, "target": _clean(target, "target"),
           "value": _clean(value, "reports" if kind == "split_story" else "value"),
           "note": _clean(note, "note"), "author": _clean(author, "author") or "analyst",
           "created_at": dt.datetime.now(dt.timezone.utc)}
    _check(kind, story_id, row)
    ensure_table(store)
    with store.engine.begin() as conn:
        return int(conn.execute(insert(table).values(**row)).inserted_primary_key[0])


def undo(store: Store, story_id: str, correction_id: int, *, author: str) -> int:
    """Record that ``correction_id`` (listed with this story) no longer holds; returns the undo's id.

    Raises:
        CorrectionError: no such active correction listed with this story.
    """
    found = {c.id: c for c in for_story(store, story_id)}
    if correction_id not in found or not found[correction_id].is_active:
        raise CorrectionError(f"story {story_id!r} has no active correction {correction_id}")
    with store.engine.begin() as conn:
        row = {"story_id": found[correction_id].story_id, "kind": "undo", "target": str(correction_id), "value": None,
               "note": None, "author": _clean(author, "author") or "analyst",
               "created_at": dt.datetime.now(dt.timezone.utc)}
        return int(conn.execute(insert(table).values(**row)).inserted_primary_key[0])


def _about(story_ids: list[str]) -> ColumnElement[bool]:
    """Corrections listed with these stories: their own, and the moves and splits that join them."""
    c = table.c
    return or_(c.story_id.in_(story_ids), and_(c.kind == "split_story", c.target.in_(story_ids)),
               and_(c.kind == "move_report", or_(c.value.in_(story_ids), *(c.value.startswith(s + "/", autoescape=True)
                                                                            for s in story_ids[:20]))))


def _listed_with(row: Mapping[str, Any]) -> set[str]:
    found = {row["story_id"]}
    if row["kind"] == "split_story" and row["target"]:
        found.add(row["target"])
    if row["kind"] == "move_report" and row["value"]:
        found.add(row["value"].partition("/")[0])
    return found


def for_stories(store: Store, story_ids: Iterable[str] | None = None, *,
                kinds: Sequence[str] | None = None) -> dict[str, list[Correction]]:
    """Each story's corrections (oldest first; a move or split under both stories it joins), each
    marked with who undid it; all stories when ``story_ids`` is None; of ``kinds`` only if given."""
    if not _has_table(store):
        return {}
    query = select(table).where(table.c.kind != "undo").order_by(table.c.id)
    wanted: list[str] | None = None
    if story_ids is not None:
        wanted = [s for s in story_ids if matchable(s, 64)]
        if not wanted:
            return {}
        query = query.where(_about(wanted))
    if kinds is not None:
        query = query.where(table.c.kind.in_(list(kinds)))
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
        ids = [str(r["id"]) for r in rows]
        undos = [dict(r._mapping) for start in range(0, len(ids), 500) for r in conn.execute(
            select(table).where(table.c.kind == "undo", table.c.target.in_(ids[start : start + 500])))]
    undone = {int(r["target"]): r for r in undos}
    found: dict[str, list[Correction]] = {}
    for r in rows:
        by = undone.get(r["id"])
        item = Correction(r["id"], r["story_id"], r["kind"], r["target"], r["value"], r["note"], r["author"],
                          _when(r["created_at"]), by["author"] if by else None, _when(by["created_at"]) if by else None)
        for story in _listed_with(r):
            if wanted is None or story in wanted:
                found.setdefault(story, []).append(item)
    return found


def for_story(store: Store, story_id: str) -> list[Correction]:
    return for_stories(store, [story_id]).get(story_id, [])


def version(store: Store, story_id: str) -> int:
    """The latest correction record listed with a story (undos included), 0 when none: changes
    whenever the story's corrections do."""
    if not matchable(story_id, 64) or not _has_table(store):
        return 0
    mine = select(func.cast(table.c.id, String)).where(_about([story_id]), table.c.kind != "undo")
    query = select(func.max(table.c.id)).where(or_(and_(_about([story_id]), table.c.kind != "undo"),
                                                    and_(table.c.kind == "undo", table.c.target.in_(mine))))
    with store.engine.connect() as conn:
        found = conn.execute(query).scalar_one()
    return int(found or 0)


def new_id(prefix: str, *parts: str) -> str:
    """A story (``s``) or event (``e``) id of the corrections' making, from what defines it."""
    return prefix + hashlib.blake2b(" ".join(parts).encode(), digest_size=6).hexdigest()


def _when(value: Any) -> str:
    """A record's time as shown: "2026-03-10 14:02 UTC" (stored in UTC; SQLite gives it back naive)."""
    return value.strftime("%Y-%m-%d %H:%M UTC") if isinstance(value, dt.datetime) else str(value)
