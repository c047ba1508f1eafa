"""The follow tables, on the store's own ``metadata`` (SQLite and PostgreSQL alike).

- ``follow_sources``: per source, the validators of its last answer (ETag, Last-Modified), its
  failure count, next attempt and last error. Written only after the source's items are stored,
  so a crash makes the next poll fetch again rather than answer 304 over items never stored.
- ``follow_items``: each item seen, across sources (key: guid, else link, else a hash of the item)
  and the hash of its content as last stored. An item is marked only after its article is
  committed: a crash in between fetches it again, and the store's content hash drops the copy.
- ``follow_marks``: per story, what the last cycle had seen of it (hashes of facts, quotes,
  contradictions, events; the highest article ``seq``) and the record's run id then. A story
  whose record is newer than its mark has changes not recorded yet; that is the crash marker.
- ``follow_changes``: what each cycle added per story (one row per story and cycle).
- ``follow_alerts``: alerts, unique per (watchlist, kind, subject): the outbox the targets are
  served from. ``sent``: when the webhook took it (null: not yet, or held by the rate limit).

:func:`ensure_tables` creates them (idempotent; a race with another process creating them is
retried). Cost: one ``CREATE TABLE IF NOT EXISTS`` check per table per process.
"""

from __future__ import annotations

import time

from sqlalchemy import Column, DateTime, Engine, Float, Index, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.exc import SQLAlchemyError

from storyline.store.schema import metadata

follow_sources = Table(
    "follow_sources", metadata,
    Column("key", String(1000), primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("failures", Integer, nullable=False, default=0),
    Column("next_attempt", Float, nullable=False, default=0.0),  # epoch seconds
    Column("last_ok", Float),
    Column("last_status", Integer),
    Column("last_error", Text),
)

follow_items = Table(
    "follow_items", metadata,
    Column("item", String(64), primary_key=True),  # hash of the item's identity (see feeds.item_key)
    Column("source", String(1000), nullable=False),
    Column("content", String(64), nullable=False),  # hash of the item as last stored
    Column("article_id", String(128)),
    Column("url", Text),
    Column("seen", Float, nullable=False),
)

follow_marks = Table(
    "follow_marks", metadata,
    Column("story_id", String(64), primary_key=True),
    Column("seen", Text, nullable=False),  # JSON: {"facts": [...], "quotes": [...], ...}
    Column("seq", Integer, nullable=False),
    Column("run_id", Integer, nullable=False),
)

follow_changes = Table(
    "follow_changes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("story_id", String(64), nullable=False),
    Column("run_id", Integer, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("data", Text, nullable=False),  # JSON: {"title", "new_story", "reports", "facts", ...}
    UniqueConstraint("story_id", "run_id", name="uq_follow_changes_story_run"),
    Index("ix_follow_changes_at", "at"),
)

follow_alerts = Table(
    "follow_alerts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("watchlist", String(256), nullable=False),
    Column("subject", String(64), nullable=False),  # hash of kind + story + item
    Column("story_id", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("data", Text, nullable=False),  # JSON: the alert as sent
    Column("sent", DateTime(timezone=True)),
    Column("attempts", Integer, nullable=False, default=0),
    Column("mailed", DateTime(timezone=True)),
    UniqueConstraint("watchlist", "subject", name="uq_follow_alerts_subject"),
    Index("ix_follow_alerts_watchlist", "watchlist", "id"),
)

FOLLOW_TABLES = (follow_sources, follow_items, follow_marks, follow_changes, follow_alerts)


def ensure_tables(engine: Engine) -> None:
    """Create the follow tables that are missing (another process creating them meanwhile is fine)."""
    for attempt in range(5):
        try:
            metadata.create_all(engine, tables=list(FOLLOW_TABLES))
            return
        except SQLAlchemyError as exc:
            text = str(exc).lower()
            if attempt == 4 or not ("already exists" in text or "duplicate key" in text or "locked" in text):
                raise
            time.sleep(0.05 * (attempt + 1))
