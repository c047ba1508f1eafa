"""Access to the store. Every batch is one transaction, and inserts are idempotent.

An article is identified by the hash of its normalised content (``content_hash``); storing the
same content again adds nothing, whichever run or process tries. A run killed mid-way leaves
whole batches only, and running it again stores exactly what is missing.

Every article is checked before it is written (:mod:`storyline.store.validate`): one that no
backend could hold is its record's error, the same on SQLite and PostgreSQL, and the rest of the
batch is stored. Concurrent writers: an id is looked up (with its content hash) before the
hashes, so a row another writer commits between the two reads is seen as the duplicate it is;
template rows are inserted with ON CONFLICT DO NOTHING; creating the tables is retried when
another process created them at the same moment.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from storyline.errors import InputError, StoreError
from storyline.model import Article, Provenance, content_id
from storyline.store import schema
from storyline.store.analysis import AnalysisStore
from storyline.store.grouping import GroupingStore
from storyline.store.runs import RunStore
from storyline.store.validate import ARTICLE_LIMITS, article_problem, matchable, safe_text

DEFAULT_DATABASE = "storyline.db"
_WRITE_ATTEMPTS = 3


def database_url(value: str | None) -> str:
    """A SQLAlchemy URL from ``--db``: a URL as given, a plain path as a SQLite file."""
    if not value:
        value = DEFAULT_DATABASE
    return value if "://" in value else f"sqlite:///{Path(value)}"


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What one batch did; ``rejected``: the errors the store itself found (articles it cannot
    hold, ids already stored with other text), also stored and counted in ``errors``."""

    stored: int
    duplicates: int
    errors: int
    rejected: tuple[InputError, ...] = ()


class Store(AnalysisStore, RunStore, GroupingStore):
    """The database behind a run. Open with a URL; tables are created when missing."""

    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        try:
            self.engine: Engine = create_engine(self.url, future=True)
            _make_sqlite_folder(self.engine)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            _create_tables(self.engine)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open store {self.url}: {_first_line(exc)}") from exc

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def commit_batch(self, run_id: int, articles: Sequence[Article], errors: Sequence[InputError]) -> BatchResult:
        """Store a batch of articles and errors in one transaction; known content is skipped.

        Raises:
            StoreError: the batch could not be written (after retrying a race with another writer).
        """
        invalid = [(a, article_problem(a)) for a in articles]
        rejected = [_article_error(a, problem) for a, problem in invalid if problem]
        valid = [a for a, problem in invalid if not problem]
        for attempt in range(_WRITE_ATTEMPTS):
            try:
                result = self._commit_batch(run_id, valid, [*errors, *rejected])
                return BatchResult(result.stored, result.duplicates, result.errors, (*rejected, *result.rejected))
            except (IntegrityError, OperationalError) as exc:
                # Another writer stored some of this content between our check and our insert
                # (or held the SQLite lock past its timeout): read again and retry.
                if attempt == _WRITE_ATTEMPTS - 1:
                    raise StoreError(f"cannot store batch in {self.url}: {_first_line(exc)}") from exc
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def _commit_batch(self, run_id: int, articles: Sequence[Article], errors: Sequence[InputError]) -> BatchResult:
        by_hash: dict[str, Article] = {}
        for article in articles:
            by_hash.setdefault(str(article.meta.get("content_hash") or content_id(article.text)), article)
        id_clashes: list[InputError] = []
        with self._begin() as conn:
            # Ids first: a row another writer commits after this read has its hash seen below.
            taken = self._taken_ids(conn, [a.id for a in by_hash.values()])
            known = self._known_hashes(conn, list(by_hash))
            fresh = {h: a for h, a in by_hash.items() if h not in known and taken.get(a.id) != h}
            rows = []
            seq = self._next_seq(conn)
            for content_hash, article in fresh.items():
                if article.id in taken:
                    id_clashes.append(_id_clash(article))
                    continue
                taken[article.id] = content_hash
                rows.append(_article_row(article, content_hash, run_id, seq + len(rows)))
            if rows:
                conn.execute(insert(schema.articles), rows)
            all_errors = [*errors, *id_clashes]
            if all_errors:
                conn.execute(insert(schema.ingest_errors), [_error_row(e, run_id) for e in all_errors])
        duplicates = len(articles) - len(rows) - len(id_clashes)
        return BatchResult(stored=len(rows), duplicates=duplicates, errors=len(all_errors), rejected=tuple(id_clashes))

    def articles(self, *, limit: int | None = None, offset: int = 0) -> Iterator[Article]:
        """Stored articles in order of arrival, streamed."""
        query = select(schema.articles).order_by(schema.articles.c.seq).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            for row in conn.execution_options(stream_results=True, yield_per=500).execute(query):
                yield _row_article(row._mapping)

    def article_summaries(self) -> Iterator[dict[str, Any]]:
        """Every stored article's fields but its text, meta and extra (``id``, ``title``,
        ``source``, ``url``, ``published``, ``language``, ``provenance``: ``{"path", "record"}``),
        in order of arrival, streamed: what a report lists, without reading the texts."""
        table = schema.articles
        columns = [table.c[name] for name in ("id", "title", "source", "url", "published", "language",
                                              "provenance_path", "provenance_record")]
        with self.engine.connect() as conn:
            rows = conn.execution_options(stream_results=True, yield_per=2000).execute(
                select(*columns).order_by(table.c.seq))
            for i, title, source, url, published, language, path, record in rows:
                yield {"id": i, "title": title, "source": source, "url": url, "published": published,
                       "language": language, "provenance": {"path": path, "record": record}}

    def article(self, article_id: str) -> Article | None:
        """One article by id, or by a unique prefix of its id."""
        table = schema.articles
        if not matchable(article_id, ARTICLE_LIMITS["id"]):
            return None
        with self.engine.connect() as conn:
            row = conn.execute(select(table).where(table.c.id == article_id)).first()
            if row is None and len(article_id) >= 4:
                rows = conn.execute(select(table).where(table.c.id.startswith(article_id, autoescape=True)).limit(2)).all()
                row = rows[0] if len(rows) == 1 else None
        return None if row is None else _row_article(row._mapping)

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(schema.articles)).scalar_one())

    def errors(self, run_id: int | None = None) -> list[dict[str, Any]]:
        table = schema.ingest_errors
        query = select(table).order_by(table.c.id)
        if run_id is not None:
            query = query.where(table.c.run_id == run_id)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def templates(self) -> dict[str, set[str]]:
        """Template lines learned by earlier runs, per outlet."""
        found: dict[str, set[str]] = {}
        with self.engine.connect() as conn:
            for outlet, key in conn.execute(select(schema.templates.c.outlet, schema.templates.c.line_key)):
                found.setdefault(outlet, set()).add(key)
        return found

    def add_templates(self, learned: dict[str, set[str]]) -> None:
        """Add learned template lines; a row another writer added meanwhile is left as it is."""
        known = self.templates()
        # Sorted: writers inserting the same keys take their locks in one order (no deadlock).
        rows = [{"outlet": o, "line_key": k} for o, keys in sorted(learned.items()) if matchable(o, 512)
                for k in sorted(keys - known.get(o, set()))]
        if not rows:
            return
        dialect_insert = postgresql_insert if self.engine.dialect.name == "postgresql" else sqlite_insert
        for attempt in range(_WRITE_ATTEMPTS):
            try:
                with self._begin() as conn:
                    conn.execute(dialect_insert(schema.templates).on_conflict_do_nothing(), rows)
                return
            except OperationalError as exc:  # a deadlock or a lock timeout: try again
                if attempt == _WRITE_ATTEMPTS - 1:
                    raise StoreError(f"cannot store template lines in {self.url}: {_first_line(exc)}") from exc
                time.sleep(0.05 * (attempt + 1))

    def ungrouped_keys(self) -> list[tuple[str, str | None]]:
        """(id, published) of the stored articles not yet placed in a story, in arrival order."""
        table, placed = schema.articles, schema.assignments
        query = (select(table.c.id, table.c.published).outerjoin(placed, placed.c.article_id == table.c.id)
                 .where(placed.c.article_id.is_(None)).order_by(table.c.seq))
        with self.engine.connect() as conn:
            return [(article_id, published) for article_id, published in conn.execute(query)]

    def ids_of_run(self, run_id: int) -> set[str]:
        """Ids of the articles this run stored (not those it found already stored)."""
        table = schema.articles
        with self.engine.connect() as conn:
            return set(conn.execute(select(table.c.id).where(table.c.run_id == run_id)).scalars())

    def articles_by_id(self, ids: Sequence[str]) -> Iterator[Article]:
        """The articles with these ids, in the order given (unknown ids are skipped)."""
        table = schema.articles
        for chunk in _chunks(list(ids)):
            with self.engine.connect() as conn:
                rows = {row.id: row for row in conn.execute(select(table).where(table.c.id.in_(chunk)))}
            for article_id in chunk:
                if article_id in rows:
                    yield _row_article(rows[article_id]._mapping)

    def assignments(self, ids: Sequence[str] | None = None) -> dict[str, tuple[str, str]]:
        """Article id → (story id, event id): of every placed article, or of these ``ids`` only."""
        table = schema.assignments
        query = select(table.c.article_id, table.c.story_id, table.c.event_id)
        with self.engine.connect() as conn:
            if ids is None:
                return {article: (story, event) for article, story, event in conn.execute(query)}
            return {article: (story, event) for chunk in _chunks(list(ids))
                    for article, story, event in conn.execute(query.where(table.c.article_id.in_(chunk)))}

    def story_rows(self, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """The stories' read model (id, title, articles, events, first and last date), latest first."""
        table = schema.stories
        query = select(table).order_by(table.c.last_date.desc(), table.c.articles.desc(), table.c.id).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def _begin(self) -> Any:
        try:
            return self.engine.begin()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write to store {self.url}: {_first_line(exc)}") from exc

    def _known_hashes(self, conn: Any, hashes: list[str]) -> set[str]:
        column = schema.articles.c.content_hash
        return {h for chunk in _chunks(hashes) for h in conn.execute(select(column).where(column.in_(chunk))).scalars()}

    def _taken_ids(self, conn: Any, ids: list[str]) -> dict[str, str]:
        """Stored id → its content hash, for these ids."""
        table = schema.articles
        return {i: h for chunk in _chunks(ids)
                for i, h in conn.execute(select(table.c.id, table.c.content_hash).where(table.c.id.in_(chunk)))}

    def _next_seq(self, conn: Any) -> int:
        return int(conn.execute(select(func.coalesce(func.max(schema.articles.c.seq), 0))).scalar_one()) + 1


def _article_row(article: Article, content_hash: str, run_id: int, seq: int) -> dict[str, Any]:
    provenance = article.provenance or Provenance("")
    return {
        "id": article.id, "content_hash": content_hash, "text": article.text, "title": article.title,
        "source": article.source, "url": article.url, "published": article.published,
        "language": article.language, "story": article.story,
        "meta": json.dumps(dict(article.meta), ensure_ascii=False, default=str),
        "extra": json.dumps(dict(article.extra), ensure_ascii=False, default=str),
        "provenance_path": safe_text(provenance.path), "provenance_record": provenance.record,
        "run_id": run_id, "seq": seq,
    }


def _row_article(row: Any) -> Article:
    return Article(
        id=row["id"], text=row["text"], title=row["title"], source=row["source"], url=row["url"],
        published=row["published"], language=row["language"], story=row["story"],
        provenance=Provenance(row["provenance_path"], row["provenance_record"]),
        meta=json.loads(row["meta"]), extra=json.loads(row["extra"]),
    )


def _error_row(error: InputError, run_id: int) -> dict[str, Any]:
    return {"run_id": run_id, "path": safe_text(error.path), "record": error.record,
            "message": safe_text(error.problem), "is_duplicate_id": error.problem.startswith("article id ")}


def _article_error(article: Article, problem: str | None) -> InputError:
    provenance = article.provenance or Provenance("?")
    return InputError(provenance.path, problem or "cannot be stored", provenance.record)


def _id_clash(article: Article) -> InputError:
    provenance = article.provenance or Provenance("?")
    return InputError(provenance.path, f"article id {article.id!r} is already stored with different text",
                      provenance.record)


def _chunks(values: list[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _create_tables(engine: Engine) -> None:
    """Create the missing tables; when another process creates them at the same moment (SQLite
    says "already exists", PostgreSQL a unique violation in its catalogue), look again."""
    for attempt in range(5):
        try:
            schema.metadata.create_all(engine)
            return
        except (OperationalError, IntegrityError, SQLAlchemyError) as exc:
            if attempt == 4 or not _is_creation_race(exc):
                raise
            time.sleep(0.05 * (attempt + 1))


def _is_creation_race(exc: Exception) -> bool:
    text = str(exc).lower()
    return "already exists" in text or "duplicate key" in text or "database is locked" in text


def _make_sqlite_folder(engine: Engine) -> None:
    """A SQLite file may be named in a folder that does not exist yet; create it."""
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:" and not database.startswith("file:"):
        try:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder of {database}: {exc.strerror or exc}") from exc


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    # WAL keeps committed batches safe if the process is killed, and lets readers work meanwhile.
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
