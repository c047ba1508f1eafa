"""The story grouper's state kept in the store in parts, so a run writes what changed (issue 21).

:meth:`~storyline.group.stories.StoryGrouper.to_state` gives one JSON-able dict; until now it was
stored as one JSON text, read, parsed and rewritten whole by every run and watch cycle (31 MB at
10k reports). Here it is split (:func:`split`) into a small head (params, clocks, counters) and
sections of keyed parts: one story per row, one article's place, one lookup key's postings, one
term's document frequency, one near-duplicate signature, one alias, one merge, each a row of
``grouper_parts`` (section, key, ordinal, digest, JSON data). :func:`join` is the inverse, so
``load`` gives back exactly the dict that was saved, in the same order.

Saving (:func:`write`) encodes each part (the C JSON encoder), compares its 64-bit BLAKE2b digest
with the one stored, and writes only the parts that differ, adds the new ones and deletes those
gone: a run that touches a few stories rewrites those stories' rows, its new articles' places and
signatures, and the keys and terms they changed. The digests of what is stored come from the last
load or save in this process (:class:`Parts`), else are read from the table (no data). A load or
save here also keeps each part's in-memory fingerprint (:func:`quick`: its pickle's digest, about
five times cheaper than its JSON text for the story rows' floats); a save encodes only the parts
whose fingerprint changed. Cost of a save: a fingerprint of every part (linear in the state, C
speed) plus encoding and writing the changed ones; of a load: reading, parsing and fingerprinting
every part (the grouper needs its whole state in memory).

Order: each section's parts keep their order through ``ordinal``. A save keeps the stored
ordinals when the section's surviving parts are still in stored order and new parts come after
them (dicts and lists only grow at their end), and renumbers the section otherwise.

The table is declared on :data:`storyline.store.schema.metadata`, so opening a store creates it
with the others. A store written before keeps its one-row state in ``component_states`` until its
next save, which moves it here.
"""

from __future__ import annotations

import hashlib
import io
import json
import pickle
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import BigInteger, Column, ForeignKey, Integer, String, Table, Text, delete, insert, select

from storyline.store import schema

#: One row per part of the grouper's state.
grouper_parts = Table(
    "grouper_parts", schema.metadata,
    Column("section", String(16), primary_key=True),
    Column("key", Text, primary_key=True),
    Column("ordinal", Integer, nullable=False),
    Column("digest", BigInteger, nullable=False),
    Column("data", Text, nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
)

_HEAD, _TOKEN = "head", "token"
#: The head's list of the sections split off (none of the grouper's own keys).
_SECTIONS = "__sections__"
_ENCODE = json.JSONEncoder().encode
_CHUNK = 500

Items = list[tuple[str, Any]]


def _keyed_dict(value: Mapping[str, Any]) -> Items:
    return list(value.items())


def _keyed_rows(rows: Iterable[Any], key: Callable[[Any], Any]) -> Items:
    """(key, row) pairs; a key seen again gets ``#n`` so each part has its own."""
    seen: dict[str, int] = {}
    out = []
    for row in rows:
        name = str(key(row))
        count = seen.get(name, 0)
        seen[name] = count + 1
        out.append((name if not count else f"{name}#{count}", row))
    return out


def split(state: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Items]]:
    """A grouper state as (head, sections): the head is the state without the sectioned fields."""
    head = dict(state)
    sections: dict[str, Items] = {}
    for name, field_name in (("alias", "alias"), ("where", "where"), ("posting", "postings"), ("pending", "pending")):
        if isinstance(head.get(field_name), Mapping):
            sections[name] = _keyed_dict(head.pop(field_name))
    if isinstance(head.get("stories"), list):
        sections["story"] = _keyed_rows(head.pop("stories"), lambda row: row[0])
    if isinstance(head.get("merges"), list):
        sections["merge"] = [(str(n), merge) for n, merge in enumerate(head.pop("merges"))]
    if isinstance(head.get("df"), Mapping) and isinstance(head["df"].get("counts"), Mapping):
        head["df"] = dict(head["df"])
        sections["df"] = _keyed_dict(head["df"].pop("counts"))
    duplicates = head.get("duplicates")
    if isinstance(duplicates, Mapping) and isinstance(duplicates.get("entries"), list):
        head["duplicates"] = dict(duplicates)
        sections["dup"] = _keyed_rows(head["duplicates"].pop("entries"), lambda row: row[0])
        if isinstance(duplicates.get("versions"), Mapping):
            sections["dupver"] = _keyed_dict(head["duplicates"].pop("versions"))
    head[_SECTIONS] = sorted(sections)  # so that an empty section comes back empty
    return head, sections


def join(head: Mapping[str, Any], sections: Mapping[str, Items]) -> dict[str, Any]:
    """The state :func:`split` was given."""
    state = dict(head)
    sections = {**{name: [] for name in state.pop(_SECTIONS, ())}, **sections}
    for name, field_name in (("alias", "alias"), ("where", "where"), ("posting", "postings"), ("pending", "pending")):
        if name in sections:
            state[field_name] = dict(sections[name])
    if "story" in sections:
        state["stories"] = [row for _, row in sections["story"]]
    if "merge" in sections:
        state["merges"] = [merge for _, merge in sections["merge"]]
    if "df" in sections:
        state["df"] = {**state["df"], "counts": dict(sections["df"])}
    if "dup" in sections:
        duplicates = dict(state["duplicates"])
        duplicates["entries"] = [row for _, row in sections["dup"]]
        if "dupver" in sections:
            duplicates["versions"] = dict(sections["dupver"])
        state["duplicates"] = duplicates
    return state


def digest(text: str) -> int:
    """A part's 64-bit digest (signed, to fit a BIGINT)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def quick(value: Any) -> int:
    """A part's in-memory fingerprint: the digest of its pickle without memo (protocol 5, C
    speed, several times cheaper than the JSON text for rows of floats). Equal fingerprints mean
    the same types and values, hence the same JSON text; equal values built with other types
    (a tuple for a list) differ, and are then compared by their JSON text."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo: the bytes depend on the values, not on shared references
    pickler.dump(value)
    return int.from_bytes(hashlib.blake2b(buffer.getbuffer(), digest_size=8).digest(), "big", signed=True)


@dataclass
class Parts:
    """What the store holds, as of the last load or save here: per section, key → (ordinal,
    digest), the token the save wrote (a later writer writes another), and, per section, key →
    :func:`quick` fingerprint of the value as loaded or saved here (none after
    :func:`known_parts`), so that a save need not encode the parts that did not change."""

    known: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    token: str | None = None
    quick: dict[str, dict[str, int]] = field(default_factory=dict)


def stored_token(conn: Any) -> str | None:
    """The token of the last save, or None when no state is stored in parts."""
    table = grouper_parts
    return conn.execute(select(table.c.data).where(table.c.section == _TOKEN)).scalar_one_or_none()


def load(conn: Any) -> tuple[dict[str, Any] | None, Parts]:
    """The stored state (None when there is none in parts) and what the store holds."""
    texts: dict[str, tuple[list[str], list[str]]] = {}
    parts = Parts()
    # Plain SQL: the same on SQLite and PostgreSQL, and a third of the Core query's cost per row.
    rows = conn.exec_driver_sql("SELECT section, key, ordinal, digest, data FROM grouper_parts "
                                "ORDER BY section, ordinal").fetchall()
    for section, key, ordinal, hashed, data in rows:
        if section == _TOKEN:
            parts.token = data
            continue
        parts.known.setdefault(section, {})[key] = (ordinal, hashed)
        keys, values = texts.setdefault(section, ([], []))
        keys.append(key)
        values.append(data)
    if _HEAD not in texts:
        return None, parts
    # One parse per section (the C decoder over "[part,part,...]"): a call per part costs twice as much.
    sections = {section: list(zip(keys, json.loads("[" + ",".join(values) + "]")))
                for section, (keys, values) in texts.items()}
    parts.quick = {section: {key: quick(value) for key, value in items} for section, items in sections.items()}
    return join(sections.pop(_HEAD)[0][1], sections), parts


def known_parts(conn: Any) -> Parts:
    """What the store holds, read without the data (for a save with no earlier load here)."""
    table = grouper_parts
    parts = Parts(token=stored_token(conn))
    for section, key, ordinal, hashed in conn.execute(
            select(table.c.section, table.c.key, table.c.ordinal, table.c.digest).where(table.c.section != _TOKEN)):
        parts.known.setdefault(section, {})[key] = (ordinal, hashed)
    return parts


def write(conn: Any, run_id: int, state: Mapping[str, Any], parts: Parts) -> Parts:
    """Store ``state`` over what ``parts`` says is stored: changed parts rewritten, new ones
    added, gone ones (and whole gone sections) deleted. Returns what the store now holds."""
    head, sections = split(state)
    sections = {_HEAD: [("", head)], **sections}
    now = Parts(token=uuid.uuid4().hex)
    for section, items in sections.items():
        now.known[section], now.quick[section] = _write_section(
            conn, run_id, section, items, parts.known.get(section, {}), parts.quick.get(section, {}))
    table = grouper_parts
    for section in set(parts.known) - set(sections):
        conn.execute(delete(table).where(table.c.section == section))
    conn.execute(delete(table).where(table.c.section == _TOKEN))
    conn.execute(insert(table), [{"section": _TOKEN, "key": "", "ordinal": 0, "digest": 0, "data": now.token,
                                  "run_id": run_id}])
    return now


def _ordinals(items: Items, known: Mapping[str, tuple[int, int]]) -> dict[str, int] | None:
    """Each key's ordinal when the stored ones can stay (surviving keys in stored order, new keys
    after them), else None."""
    last, out, fresh = -1, {}, False
    for key, _ in items:
        stored = known.get(key)
        if stored is None:
            fresh = True
            continue
        if fresh or stored[0] <= last:
            return None
        last = out[key] = stored[0]
    for key, _ in items:
        if key not in out:
            last += 1
            out[key] = last
    return out


def _write_section(conn: Any, run_id: int, section: str, items: Items, known: Mapping[str, tuple[int, int]],
                   fingerprints: Mapping[str, int]) -> tuple[dict[str, tuple[int, int]], dict[str, int]]:
    """Write a section's changed parts; returns its (ordinal, digest) and fingerprint by key. A
    part whose fingerprint and ordinal are those stored is not encoded."""
    table = grouper_parts
    ordinals = _ordinals(items, known)
    renumber = ordinals is None
    if ordinals is None:  # every ordinal may move: the section is rewritten
        ordinals = {key: n for n, (key, _) in enumerate(items)}
        conn.execute(delete(table).where(table.c.section == section))
        known = {}
    now: dict[str, tuple[int, int]] = {}
    seen: dict[str, int] = {}
    changed: list[dict[str, Any]] = []
    for key, value in items:
        seen[key] = quick(value)
        stored = known.get(key)
        if stored is not None and stored[0] == ordinals[key] and fingerprints.get(key) == seen[key]:
            now[key] = stored
            continue
        text = _ENCODE(value)
        now[key] = (ordinals[key], digest(text))
        if stored != now[key]:
            changed.append({"section": section, "key": key, "ordinal": now[key][0], "digest": now[key][1],
                            "data": text, "run_id": run_id})
    if not renumber:
        doomed = [key for key in known if key not in now] + [row["key"] for row in changed if row["key"] in known]
        for keys in _chunks(doomed):
            conn.execute(delete(table).where(table.c.section == section, table.c.key.in_(keys)))
    for start in range(0, len(changed), _CHUNK):
        conn.execute(insert(table), changed[start : start + _CHUNK])
    return now, seen


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


__all__ = ["Parts", "digest", "quick", "grouper_parts", "join", "known_parts", "load", "split", "stored_token", "write"]
