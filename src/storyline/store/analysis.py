"""Store access for analysis and reconciliation results: per-article annotations, per-story records.

Markers for crash recovery: an article is analysed once it has an annotation row; a story is
reconciled once its record's run id is at least that of its read-model row (grouping restamps a
story it changes). :meth:`AnalysisStore.save_reconciled` writes one story's record, index rows
and reconciled analysis in one transaction, so a crash leaves each story either done or not.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Engine, delete, insert, or_, select

from storyline.analyze.annotate import annotated_from_json, annotated_json
from storyline.model import Annotated
from storyline.reconcile.name_keys import fold
from storyline.store import schema
from storyline.store.validate import matchable

_CHUNK = 500


class AnalysisStore:
    """Mixed into :class:`~storyline.store.Store`; uses its engine and transactions."""

    engine: Engine

    def _begin(self) -> Any:  # provided by Store
        raise NotImplementedError

    def unannotated_ids(self) -> list[str]:
        """Ids of stored articles with no analysis yet, in arrival order."""
        articles, done = schema.articles, schema.annotations
        query = (select(articles.c.id).outerjoin(done, done.c.article_id == articles.c.id)
                 .where(done.c.article_id.is_(None)).order_by(articles.c.seq))
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def save_annotations(self, run_id: int, annotated: Sequence[Annotated]) -> None:
        """Store (or replace) the analysis of these articles, in one transaction."""
        with self._begin() as conn:
            _write_annotations(conn, run_id, annotated)

    def save_reconciled(self, run_id: int, records: Mapping[str, Mapping[str, Any]],
                        annotated: Sequence[Annotated]) -> None:
        """Store stories' records with their articles' reconciled analysis, in one transaction."""
        with self._begin() as conn:
            _write_annotations(conn, run_id, annotated)
            _write_records(conn, run_id, records)

    def stale_story_ids(self) -> list[str]:
        """Stories whose record is missing or older than the story (an earlier run stopped
        between grouping and reconciliation), in id order."""
        stories, records = schema.stories, schema.story_records
        query = (select(stories.c.id).outerjoin(records, records.c.story_id == stories.c.id)
                 .where(or_(records.c.story_id.is_(None), records.c.run_id < stories.c.run_id))
                 .order_by(stories.c.id))
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def annotated(self, ids: Sequence[str]) -> Iterator[Annotated]:
        """The analysed articles with these ids, in the order given (unanalysed ones skipped)."""
        table = schema.annotations
        articles = {a.id: a for a in self.articles_by_id(ids)}  # type: ignore[attr-defined]
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            with self.engine.connect() as conn:
                found = dict(conn.execute(select(table.c.article_id, table.c.data).where(table.c.article_id.in_(chunk))).all())
            for article_id in chunk:
                if article_id in found and article_id in articles:
                    yield annotated_from_json(articles[article_id], json.loads(found[article_id]))

    def save_story_records(self, run_id: int, records: Mapping[str, Mapping[str, Any]]) -> None:
        """Store (or replace) the stories' records and their rows of the entity index."""
        with self._begin() as conn:
            _write_records(conn, run_id, records)

    def entity_stories(self, name: str) -> list[dict[str, Any]]:
        """Every story in which an entity of this name (any full spelling) appears, most mentioned first."""
        index = schema.entity_index
        if not matchable(name):
            return []
        query = (select(index.c.story_id, index.c.entity_id, index.c.name, index.c.type, index.c.mentions)
                 .where(index.c.key == entity_key(name)).order_by(index.c.mentions.desc(), index.c.story_id))
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def story_records_of(self, story_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The records of these stories (those that have one), read in chunks: a page of a report."""
        table = schema.story_records
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(story_ids), _CHUNK):
            chunk = list(story_ids[start : start + _CHUNK])
            with self.engine.connect() as conn:
                for story, data in conn.execute(select(table.c.story_id, table.c.data).where(table.c.story_id.in_(chunk))):
                    found[story] = json.loads(data)
        return found

    def story_records(self) -> dict[str, dict[str, Any]]:
        table = schema.story_records
        with self.engine.connect() as conn:
            return {story: json.loads(data) for story, data in conn.execute(select(table.c.story_id, table.c.data))}


def _write_annotations(conn: Any, run_id: int, annotated: Sequence[Annotated]) -> None:
    table = schema.annotations
    rows = [{"article_id": a.article.id, "data": json.dumps(_without_article(annotated_json(a))),
             "run_id": run_id} for a in annotated]
    for start in range(0, len(rows), _CHUNK):
        ids = [row["article_id"] for row in rows[start : start + _CHUNK]]
        conn.execute(delete(table).where(table.c.article_id.in_(ids)))
    if rows:
        conn.execute(insert(table), rows)


def _write_records(conn: Any, run_id: int, records: Mapping[str, Mapping[str, Any]]) -> None:
    table, index = schema.story_records, schema.entity_index
    ids = list(records)
    for start in range(0, len(ids), _CHUNK):
        conn.execute(delete(table).where(table.c.story_id.in_(ids[start : start + _CHUNK])))
        conn.execute(delete(index).where(index.c.story_id.in_(ids[start : start + _CHUNK])))
    rows = [row for story, record in records.items() for row in _index_rows(story, record)]
    if rows:
        conn.execute(insert(index), rows)
    if records:
        conn.execute(insert(table), [{"story_id": story, "data": json.dumps(record, ensure_ascii=False),
                                      "run_id": run_id} for story, record in records.items()])


def entity_key(name: str) -> str:
    """An entity's index key: its spelling folded (accents, case, punctuation, spacing)."""
    return " ".join(fold(name).split())[:256]


def _index_rows(story_id: str, record: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for entity in record.get("entities", []):
        spellings = [entity["name"], *(a for a in entity.get("aliases", {}) if len(a.split()) > 1)]
        for spelling in spellings:
            key = entity_key(spelling)
            rows.setdefault((key, entity["id"]), {
                "key": key, "story_id": story_id, "entity_id": entity["id"], "name": entity["name"],
                "type": entity["type"], "mentions": len(entity.get("mentions", []))})
    return list(rows.values())


def _without_article(data: dict[str, Any]) -> dict[str, Any]:
    return {key: data[key] for key in ("sentences", "entities", "times", "quotes")}
