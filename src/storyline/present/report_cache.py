"""Each story's rendered report sections kept in the store, so a run renders only what changed
(issue 21: "reports rewrite only what changed").

A story's report.md and report.html sections depend on the story (id, title, reports, events),
its record, the reports the two name (stored articles never change) and the renderer's code. The
table ``report_parts`` keeps, per story, both sections under a key: the BLAKE2b digest of the
renderer's source (:data:`RENDERER`), the story's stories.json head and its stored record text.
A run computes each story's key from what it reads anyway (the record's text, without parsing
it) and copies the sections of every story whose key is unchanged; only the others are parsed,
viewed and rendered, and their sections stored. A story with analysts' corrections is always
rendered (:mod:`storyline.present.report_store`).

A cached row is used only when it is whole: its key is the one wanted, its check digest matches
its two sections, and every id its story looked up and did not find is still not stored (a new
report could carry an id a record names as an outlet). Anything else, or an unreadable table,
renders the story. Writing the cache is best effort: a failed write (another process writing the
same story) leaves the reports as they are. Rows of stories no longer in the store are deleted
at the end of each run.

Cost per story: one digest of its record text (C speed) and its share of one indexed query per
page; rendering only for changed stories. The table is presentation's own (like corrections):
created on first use, not part of the pipeline's schema.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Column, MetaData, String, Table, Text, delete, insert, select
from sqlalchemy.exc import SQLAlchemyError

from storyline.present import labels, report_render
from storyline.store import Store, schema
from storyline.store.validate import ARTICLE_LIMITS, matchable

__all__ = ["RENDERER", "Rendered", "digest", "ensure_table", "lookup", "prune", "record_texts", "save", "story_key"]

metadata = MetaData()
table = Table(
    "report_parts", metadata,
    Column("story_id", String(64), primary_key=True),
    Column("key", String(32), nullable=False),  # story_key(): renderer, story head, record text
    Column("missing", Text, nullable=False),  # JSON list: ids the story looked up, not stored
    Column("markdown", Text, nullable=False),
    Column("html", Text, nullable=False),
    Column("check", String(32), nullable=False),  # digest of the two sections
)
_CHUNK = 500
_READY: set[str] = set()


def _source_digest(paths: Iterable[str | None]) -> str:
    hashed = hashlib.blake2b(digest_size=16)
    for path in paths:
        hashed.update(Path(path).read_bytes() if path else b"?")
    return hashed.hexdigest()


#: The renderer's version: a digest of the modules that read a story's reports and turn its view
#: into text, and of this one.
RENDERER = _source_digest([report_render.__file__, labels.__file__, __file__,
                           str(Path(__file__).with_name("report_store.py"))])


@dataclass(frozen=True, slots=True)
class Rendered:
    """One story's report.md and report.html sections, and the ids it looked up in vain."""

    markdown: str
    html: str
    missing: tuple[str, ...] = ()


def digest(*texts: str) -> str:
    """A 128-bit hex digest of the texts (each ended by a NUL, so their bounds count)."""
    hashed = hashlib.blake2b(digest_size=16)
    for text in texts:
        hashed.update(text.encode("utf-8", "surrogatepass"))
        hashed.update(b"\0")
    return hashed.hexdigest()


def story_key(story_head: str, record_text: str) -> str:
    """The key of a story's sections: the renderer, the story's stories.json head, its record."""
    return digest(RENDERER, story_head, record_text)


def ensure_table(store: Store) -> bool:
    """Create ``report_parts`` if missing (once per store URL here); False when it cannot be."""
    if store.url in _READY:
        return True
    try:
        metadata.create_all(store.engine, checkfirst=True)
    except SQLAlchemyError:
        return False
    _READY.add(store.url)
    return True


def record_texts(store: Store, story_ids: Sequence[str]) -> dict[str, str]:
    """The stored record text of each of these stories that has one (not parsed)."""
    records = schema.story_records
    found: dict[str, str] = {}
    with store.engine.connect() as conn:
        for start in range(0, len(story_ids), _CHUNK):
            chunk = list(story_ids[start : start + _CHUNK])
            found.update(conn.execute(select(records.c.story_id, records.c.data)
                                      .where(records.c.story_id.in_(chunk))).all())
    return found


def lookup(store: Store, keys: Mapping[str, str]) -> dict[str, Rendered]:
    """The stored sections of the stories in ``keys`` (story id → wanted key) that are whole and
    still valid; any other story is left out (to be rendered)."""
    if not keys or not ensure_table(store):
        return {}
    ids = list(keys)
    rows: dict[str, Rendered] = {}
    try:
        with store.engine.connect() as conn:
            for start in range(0, len(ids), _CHUNK):
                query = (select(table.c.story_id, table.c.key, table.c.missing, table.c.markdown, table.c.html,
                                table.c.check).where(table.c.story_id.in_(ids[start : start + _CHUNK])))
                for story_id, key, missing, markdown, html, check in conn.execute(query):
                    found = _whole(keys[story_id], key, missing, markdown, html, check)
                    if found is not None:
                        rows[story_id] = found
    except SQLAlchemyError:
        return {}
    appeared = _stored_ids(store, {i for found in rows.values() for i in found.missing})
    return {story_id: found for story_id, found in rows.items() if appeared.isdisjoint(found.missing)}


def _whole(wanted: str, key: object, missing: object, markdown: object, html: object,
           check: object) -> Rendered | None:
    """The row as sections when its key is the wanted one and it reads back intact."""
    if key != wanted or not isinstance(markdown, str) or not isinstance(html, str) or check != digest(markdown, html):
        return None
    try:
        ids = json.loads(missing) if isinstance(missing, str) else None
    except ValueError:
        return None
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        return None
    return Rendered(markdown, html, tuple(ids))


def _stored_ids(store: Store, ids: set[str]) -> set[str]:
    """Which of these ids the store now holds as reports."""
    asked = sorted(i for i in ids if matchable(i, ARTICLE_LIMITS["id"]))
    found: set[str] = set()
    with store.engine.connect() as conn:
        for start in range(0, len(asked), _CHUNK):
            articles = schema.articles
            found.update(conn.execute(select(articles.c.id).where(articles.c.id.in_(asked[start : start + _CHUNK])))
                         .scalars())
    return found


def save(store: Store, made: Mapping[str, tuple[str, Rendered]]) -> bool:
    """Store the sections of these stories (story id → (key, sections)), replacing their rows;
    False when the write failed (the reports do not depend on it)."""
    if not made or not ensure_table(store):
        return False
    rows = [{"story_id": story_id, "key": key, "missing": json.dumps(sorted(found.missing)),
             "markdown": found.markdown, "html": found.html, "check": digest(found.markdown, found.html)}
            for story_id, (key, found) in made.items()]
    ids = list(made)
    try:
        with store.engine.begin() as conn:
            for start in range(0, len(ids), _CHUNK):
                conn.execute(delete(table).where(table.c.story_id.in_(ids[start : start + _CHUNK])))
            for start in range(0, len(rows), _CHUNK):
                conn.execute(insert(table), rows[start : start + _CHUNK])
    except SQLAlchemyError:
        return False
    return True


def prune(store: Store) -> None:
    """Delete the rows of stories the store no longer has (merged away, moved, split)."""
    if store.url not in _READY:
        return
    stories = schema.stories
    try:
        with store.engine.begin() as conn:
            conn.execute(delete(table).where(table.c.story_id.not_in(select(stories.c.id))))
    except SQLAlchemyError:
        return
