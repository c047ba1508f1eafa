"""Analysts' corrections: their own records (who, when, what), applied wherever a story is shown.

A correction names a story by id (ids are stable across runs) and says one thing: ``rename`` (the
story's title becomes ``value``), ``reject_fact`` (the fact or claim ``target`` is not shown as
one) or ``reject_quote`` (the quotation ``target`` is not one). Undoing is a record too (``undo``,
``target`` the undone correction's id), so the history stays whole. Nothing of the pipeline's
output is changed in the store: corrections are applied when a story is presented (web pages,
exports) and when a run writes its reports (stories.json, report.md, report.html), so a later run
that rebuilds a story's record gets them again. A rejection matches the item by its id or by its
text as it read when rejected (kept in ``value``): ids come from the reports that state an item
first, which a later run can change, while the text stays.

The table lives in the store beside the pipeline's (created on first use, ``corrections``), but is
not part of the pipeline's schema: only presentation reads or writes it. Cost: one indexed query
per story shown; applying is linear in the story's facts and quotes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, DateTime, Index, Integer, MetaData, String, Table, Text, func, insert, inspect, select

from storyline.errors import StorylineError
from storyline.store import Store
from storyline.store.validate import matchable

__all__ = ["KINDS", "Correction", "add", "apply", "ensure_table", "for_stories", "for_story", "undo", "version"]

KINDS = ("rename", "reject_fact", "reject_quote")
_MAX = {"target": 128, "value": 1000, "note": 2000, "author": 128}

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


def add(store: Store, story_id: str, kind: str, *, author: str, target: str | None = None,
        value: str | None = None, note: str | None = None) -> int:
    """Record a correction; returns its id.

    Raises:
        CorrectionError: an unknown kind, a rename without a title, a rejection without a target.
    """
    if kind not in KINDS:
        raise CorrectionError(f"unknown correction {kind!r}: use one of {', '.join(KINDS)}")
    row = {"story_id": story_id, "kind": kind, "target": _clean(target, "target"), "value": _clean(value, "value"),
           "note": _clean(note, "note"), "author": _clean(author, "author") or "analyst",
           "created_at": dt.datetime.now(dt.timezone.utc)}
    if kind == "rename" and not row["value"]:
        raise CorrectionError("a rename needs the new title")
    if kind != "rename" and not row["target"]:
        raise CorrectionError("a rejection names the fact or quote it rejects")
    ensure_table(store)
    with store.engine.begin() as conn:
        return int(conn.execute(insert(table).values(**row)).inserted_primary_key[0])


def undo(store: Store, story_id: str, correction_id: int, *, author: str) -> int:
    """Record that ``correction_id`` (of this story) no longer holds; returns the undo's id.

    Raises:
        CorrectionError: no such active correction of this story.
    """
    found = {c.id: c for c in for_story(store, story_id)}
    if correction_id not in found or not found[correction_id].is_active:
        raise CorrectionError(f"story {story_id!r} has no active correction {correction_id}")
    with store.engine.begin() as conn:
        row = {"story_id": story_id, "kind": "undo", "target": str(correction_id), "value": None, "note": None,
               "author": _clean(author, "author") or "analyst", "created_at": dt.datetime.now(dt.timezone.utc)}
        return int(conn.execute(insert(table).values(**row)).inserted_primary_key[0])


def for_stories(store: Store, story_ids: Iterable[str] | None = None) -> dict[str, list[Correction]]:
    """Each story's corrections (oldest first), each marked with who undid it; all stories when
    ``story_ids`` is None."""
    if not _has_table(store):
        return {}
    query = select(table).order_by(table.c.id)
    if story_ids is not None:
        wanted = [s for s in story_ids if matchable(s, 64)]
        if not wanted:
            return {}
        query = query.where(table.c.story_id.in_(wanted))
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
    undone = {int(r["target"]): r for r in rows if r["kind"] == "undo" and (r["target"] or "").isdigit()}
    found: dict[str, list[Correction]] = {}
    for r in rows:
        if r["kind"] == "undo":
            continue
        by = undone.get(r["id"])
        found.setdefault(r["story_id"], []).append(Correction(
            r["id"], r["story_id"], r["kind"], r["target"], r["value"], r["note"], r["author"],
            _when(r["created_at"]), by["author"] if by else None, _when(by["created_at"]) if by else None))
    return found


def for_story(store: Store, story_id: str) -> list[Correction]:
    return for_stories(store, [story_id]).get(story_id, [])


def version(store: Store, story_id: str) -> int:
    """The latest correction record of a story (undos included), 0 when none: changes whenever
    the story's corrections do."""
    if not matchable(story_id, 64) or not _has_table(store):
        return 0
    with store.engine.connect() as conn:
        found = conn.execute(select(func.max(table.c.id)).where(table.c.story_id == story_id)).scalar_one()
    return int(found or 0)


def _when(value: Any) -> str:
    """A record's time as shown: "2026-03-10 14:02 UTC" (stored in UTC; SQLite gives it back naive)."""
    return value.strftime("%Y-%m-%d %H:%M UTC") if isinstance(value, dt.datetime) else str(value)


def apply(title: str, record: Mapping[str, Any], corrections: Sequence[Correction]) -> tuple[str, dict[str, Any]]:
    """The story's title and record as the analysts corrected them: the latest active rename,
    rejected facts, claims and quotes left out (listed under ``rejected``), and the corrections
    themselves under ``corrections``. ``record`` is not changed."""
    active = [c for c in corrections if c.is_active]
    renames = [c.value for c in active if c.kind == "rename" and c.value]
    facts = {" ".join(v.split()) for c in active if c.kind == "reject_fact" for v in (c.target, c.value) if v}
    quotes = {" ".join(v.split()) for c in active if c.kind == "reject_quote" for v in (c.target, c.value) if v}

    def kept(item: Mapping[str, Any], rejected: set[str]) -> bool:
        return item.get("id") not in rejected and " ".join(str(item.get("text", "")).split()) not in rejected

    found = dict(record)
    rejected = [item | {"section": section} for section in ("facts", "single_source")
                for item in record.get(section, []) if not kept(item, facts)]
    rejected += [item | {"section": "quotes"} for item in record.get("quotes", []) if not kept(item, quotes)]
    for section in ("facts", "single_source"):
        if section in found:
            found[section] = [f for f in record[section] if kept(f, facts)]
    if "quotes" in found:
        found["quotes"] = [q for q in record["quotes"] if kept(q, quotes)]
    if corrections:
        found["corrections"] = [c.to_json() for c in corrections]
        found["rejected"] = rejected
    return (renames[-1] if renames else title), found
