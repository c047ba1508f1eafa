"""Database schema (SQLAlchemy Core): the same tables on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import (
    Boolean, Column, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text,
    UniqueConstraint,
)

metadata = MetaData()

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("command", String(32), nullable=False),
    Column("inputs", Text, nullable=False),  # JSON list
    Column("config", Text, nullable=False),  # JSON of the resolved config
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("status", String(16), nullable=False),  # running | done | failed | interrupted
    Column("read", Integer, nullable=False, default=0),
    Column("stored", Integer, nullable=False, default=0),
    Column("duplicates", Integer, nullable=False, default=0),
    Column("errors", Integer, nullable=False, default=0),
)

#: Which process runs a run, so that a later run can tell a crashed one (its process is gone)
#: from one still going, and mark it ``interrupted``.
run_owners = Table(
    "run_owners", metadata,
    Column("run_id", Integer, ForeignKey("runs.id"), primary_key=True),
    Column("host", String(256), nullable=False),
    Column("pid", Integer, nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", String(128), primary_key=True),
    Column("content_hash", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("title", Text),
    Column("source", String(512)),
    Column("url", Text),
    Column("published", String(64)),
    Column("language", String(16)),
    Column("story", String(256)),
    Column("meta", Text, nullable=False),  # JSON
    Column("extra", Text, nullable=False),  # JSON
    Column("provenance_path", Text, nullable=False),
    Column("provenance_record", Integer),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("seq", Integer, nullable=False),  # order of arrival, for stable listing
    UniqueConstraint("content_hash", name="uq_articles_content_hash"),
    Index("ix_articles_published", "published"),
    Index("ix_articles_seq", "seq"),
)

ingest_errors = Table(
    "ingest_errors", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("path", Text, nullable=False),
    Column("record", Integer),
    Column("message", Text, nullable=False),
    Column("is_duplicate_id", Boolean, nullable=False, default=False),
)

templates = Table(
    "templates", metadata,
    Column("outlet", String(512), primary_key=True),
    Column("line_key", String(32), primary_key=True),
)

#: Where each stored article sits: its story and event, as of the last grouping.
assignments = Table(
    "assignments", metadata,
    Column("article_id", String(128), ForeignKey("articles.id"), primary_key=True),
    Column("story_id", String(64), nullable=False),
    Column("event_id", String(64), nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Index("ix_assignments_story", "story_id"),
)

#: Stories merged into older ones; the older id survives.
story_merges = Table(
    "story_merges", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kept", String(64), nullable=False),
    Column("merged", String(64), nullable=False),
    Column("article_id", String(128)),
    Column("score", Float),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
)

#: Learned state of corpus-level components (the story grouper), as JSON, so a later run goes on
#: with the same ids.
component_states = Table(
    "component_states", metadata,
    Column("name", String(64), primary_key=True),
    Column("state", Text, nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
)

#: Per-article analysis (sentences, entities, times, quotes) in the `storyline analyze` JSON shape.
annotations = Table(
    "annotations", metadata,
    Column("article_id", String(128), ForeignKey("articles.id"), primary_key=True),
    Column("data", Text, nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
)

#: What reconciliation made of a story (timeline, merged quotes, inferred report dates), as JSON.
story_records = Table(
    "story_records", metadata,
    Column("story_id", String(64), primary_key=True),
    Column("data", Text, nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
)

#: Read model of the grouping, rewritten for the stories a run touches: what pages and the API list.
stories = Table(
    "stories", metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("events", Integer, nullable=False),
    Column("first_date", String(32)),
    Column("last_date", String(32)),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Index("ix_stories_last_date", "last_date"),
)

events = Table(
    "events", metadata,
    Column("id", String(64), primary_key=True),
    Column("story_id", String(64), nullable=False),
    Column("position", Integer, nullable=False),
    Column("date", String(32)),
    Column("articles", Integer, nullable=False),
    Index("ix_events_story", "story_id"),
)

#: Store-wide entity index: each story's entities under every full spelling (folded), so that an
#: entity page finds every story it appears in, whichever spelling that story settled on.
entity_index = Table(
    "entity_index", metadata,
    Column("key", String(256), primary_key=True),
    Column("story_id", String(64), primary_key=True),
    Column("entity_id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("mentions", Integer, nullable=False),
    Index("ix_entity_index_story", "story_id"),
)
