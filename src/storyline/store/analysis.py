"""Store access for analysis and reconciliation results: per-article annotations, per-story records."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Engine, delete, insert, select

from storyline.analyze.annotate import annotated_from_json, annotated_json
from storyline.model import Annotated
from storyline.store import schema

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
        table = schema.annotations
        rows = [{"article_id": a.article.id, "data": json.dumps(_without_article(annotated_json(a))),
                 "run_id": run_id} for a in annotated]
        with self._begin() as conn:
            for start in range(0, len(rows), _CHUNK):
                ids = [row["article_id"] for row in rows[start : start + _CHUNK]]
                conn.execute(delete(table).where(table.c.article_id.in_(ids)))
            if rows:
                conn.execute(insert(table), rows)

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
        table = schema.story_records
        with self._begin() as conn:
            ids = list(records)
            for start in range(0, len(ids), _CHUNK):
                conn.execute(delete(table).where(table.c.story_id.in_(ids[start : start + _CHUNK])))
            if records:
                conn.execute(insert(table), [{"story_id": story, "data": json.dumps(record, ensure_ascii=False),
                                              "run_id": run_id} for story, record in records.items()])

    def story_records(self) -> dict[str, dict[str, Any]]:
        table = schema.story_records
        with self.engine.connect() as conn:
            return {story: json.loads(data) for story, data in conn.execute(select(table.c.story_id, table.c.data))}


def _without_article(data: dict[str, Any]) -> dict[str, Any]:
    return {key: data[key] for key in ("sentences", "entities", "times", "quotes")}
