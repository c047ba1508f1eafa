"""Read queries behind the web app and API: filtered story lists, one story, entities, facets.

Functions take a :class:`~storyline.store.Store` and return plain data. Every value from a
request reaches SQL as a bound parameter (``LIKE`` patterns are built with ``autoescape``), never
as SQL text. They read the read-model tables (``stories``, ``events``, ``assignments``) and the
JSON records of reconciliation (``story_records``); none of them reads a whole table into memory.
A value no row can hold (a NUL, a lone surrogate, longer than its column) matches nothing and is
never sent to the database: PostgreSQL would refuse it with an error, SQLite would find nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, false, func, or_, select

from storyline.store import schema
from storyline.store.store import Store
from storyline.store.validate import matchable

#: Longest story id the store holds (stories.id).
_STORY_ID = 64

Sort = Literal["recent", "size"]

#: Article columns a listing needs; the text is left in the database.
_ARTICLE_META = ("id", "title", "source", "url", "published", "language")


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """What the story list is narrowed to. Empty fields do not filter.

    Attributes:
        text: words in the story title, or in the title or text of one of its articles.
        date_from: stories whose last date is on or after this ISO date.
        date_to: stories whose first date is on or before this ISO date.
        outlet: an outlet (article source) that covered the story, matched exactly.
        entity: a person, organisation or place named in the story (canonical name or a spelling).
        language: ISO 639-1 code of one of the story's articles.
        sort: ``recent`` (latest first, then larger) or ``size`` (most articles first).
    """

    text: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None
    entity: str | None = None
    language: str | None = None
    sort: Sort = "recent"


def list_stories(store: Store, where: StoryFilter, *, limit: int, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """(total matching, one page of story rows); each row also lists its outlets and languages."""
    table = schema.stories
    conditions = _story_conditions(store, where)
    count = select(func.count()).select_from(table).where(*conditions)
    if where.sort == "size":
        order = (table.c.articles.desc(), table.c.last_date.desc(), table.c.id)
    else:
        order = (table.c.last_date.desc(), table.c.articles.desc(), table.c.id)
    query = select(table).where(*conditions).order_by(*order).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        total = int(conn.execute(count).scalar_one())
        rows = [dict(row._mapping) for row in conn.execute(query)]
    facets = _story_facets(store, [row["id"] for row in rows])
    for row in rows:
        row.pop("run_id", None)
        row["outlets"], row["languages"] = facets.get(row["id"], ([], []))
    return total, rows


def _story_conditions(store: Store, where: StoryFilter) -> list[ColumnElement[bool]]:
    table, articles = schema.stories, schema.articles
    values = (where.text, where.date_from, where.date_to, where.outlet, where.entity, where.language)
    if not all(matchable(value) for value in values):
        return [false()]
    conditions: list[ColumnElement[bool]] = []
    if where.date_from:
        conditions.append(table.c.last_date >= where.date_from)
    if where.date_to:
        # A story dated by day sorts after its bare date; compare on the next day's prefix.
        conditions.append(table.c.first_date <= where.date_to + "\uffff")
    if where.outlet:
        conditions.append(table.c.id.in_(_stories_with(articles.c.source == where.outlet)))
    if where.language:
        conditions.append(table.c.id.in_(_stories_with(articles.c.language == where.language.lower())))
    if where.entity:
        conditions.append(table.c.id.in_(_stories_naming(store, where.entity)))
    if where.text:
        text = where.text.strip()
        in_articles = or_(_contains(store, articles.c.title, text), _contains(store, articles.c.text, text))
        conditions.append(or_(_contains(store, table.c.title, text), table.c.id.in_(_stories_with(in_articles))))
    return conditions


def _stories_with(condition: ColumnElement[bool]) -> Any:
    placed, articles = schema.assignments, schema.articles
    return (select(placed.c.story_id).join(articles, articles.c.id == placed.c.article_id)
            .where(condition).distinct())


def _stories_naming(store: Store, name: str) -> Any:
    records = schema.story_records
    return select(records.c.story_id).where(_contains(store, records.c.data, _json_string(name)))


def _json_string(value: str) -> str:
    """How a name appears as a whole JSON string in a stored record (records keep non-ASCII as is)."""
    return json.dumps(value.strip(), ensure_ascii=False)


def _contains(store: Store, column: Any, value: str) -> ColumnElement[bool]:
    # SQLite's LIKE is already case-insensitive (ASCII); lower() on every article text would cost more.
    if store.engine.dialect.name == "sqlite":
        return column.contains(value, autoescape=True)  # type: ignore[no-any-return]
    return column.icontains(value, autoescape=True)  # type: ignore[no-any-return]


def _story_facets(store: Store, story_ids: Sequence[str]) -> dict[str, tuple[list[str], list[str]]]:
    """Story id → (outlets, languages) of its articles, sorted."""
    if not story_ids:
        return {}
    placed, articles = schema.assignments, schema.articles
    query = (select(placed.c.story_id, articles.c.source, articles.c.language)
             .join(articles, articles.c.id == placed.c.article_id).where(placed.c.story_id.in_(list(story_ids)))
             .distinct())
    outlets: dict[str, set[str]] = {}
    languages: dict[str, set[str]] = {}
    with store.engine.connect() as conn:
        for story_id, source, language in conn.execute(query):
            if source:
                outlets.setdefault(story_id, set()).add(source)
            if language:
                languages.setdefault(story_id, set()).add(language)
    return {s: (sorted(outlets.get(s, ())), sorted(languages.get(s, ()))) for s in story_ids}


def story_row(store: Store, story_id: str) -> dict[str, Any] | None:
    """One story's read-model row with its events (in order), or None."""
    stories, events = schema.stories, schema.events
    if not matchable(story_id, _STORY_ID):
        return None
    with store.engine.connect() as conn:
        row = conn.execute(select(stories).where(stories.c.id == story_id)).first()
        if row is None:
            return None
        found = conn.execute(select(events.c.id, events.c.date, events.c.articles)
                             .where(events.c.story_id == story_id).order_by(events.c.position)).all()
    story = dict(row._mapping)
    story.pop("run_id", None)
    story["event_list"] = [dict(e._mapping) for e in found]
    return story


def story_record(store: Store, story_id: str) -> dict[str, Any]:
    """What reconciliation stored for one story (empty when the story was not reconciled)."""
    table = schema.story_records
    if not matchable(story_id, _STORY_ID):
        return {}
    with store.engine.connect() as conn:
        data = conn.execute(select(table.c.data).where(table.c.story_id == story_id)).scalar_one_or_none()
    return {} if data is None else dict(json.loads(data))


def story_articles(store: Store, story_id: str) -> list[dict[str, Any]]:
    """The story's articles (metadata, no text) with their event id, in publication order."""
    placed, articles = schema.assignments, schema.articles
    if not matchable(story_id, _STORY_ID):
        return []
    columns = [articles.c[name] for name in _ARTICLE_META]
    query = (select(*columns, placed.c.event_id).join(placed, placed.c.article_id == articles.c.id)
             .where(placed.c.story_id == story_id).order_by(articles.c.published, articles.c.seq))
    with store.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def article_rows(store: Store, *, limit: int, offset: int = 0,
                 story_id: str | None = None) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page) of article metadata in order of arrival, with story and event ids."""
    placed, articles = schema.assignments, schema.articles
    columns = [articles.c[name] for name in _ARTICLE_META]
    base = articles.outerjoin(placed, placed.c.article_id == articles.c.id)
    if not matchable(story_id, _STORY_ID):
        return 0, []
    condition = [placed.c.story_id == story_id] if story_id else []
    query = (select(*columns, placed.c.story_id, placed.c.event_id).select_from(base).where(*condition)
             .order_by(articles.c.seq).limit(limit).offset(offset))
    count = select(func.count()).select_from(base).where(*condition)
    with store.engine.connect() as conn:
        return int(conn.execute(count).scalar_one()), [dict(row._mapping) for row in conn.execute(query)]


def article_place(store: Store, article_id: str) -> tuple[str, str] | None:
    """(story id, event id) of an article, or None if it is not grouped yet."""
    table = schema.assignments
    if not matchable(article_id, 128):
        return None
    with store.engine.connect() as conn:
        row = conn.execute(select(table.c.story_id, table.c.event_id).where(table.c.article_id == article_id)).first()
    return None if row is None else (row[0], row[1])


def entity_stories(store: Store, name: str, *, limit: int, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page of) the stories that name ``name``, latest first, each with what the
    story knows of the entity (``entity``: type, aliases, roles; None if only a quote's speaker)."""
    stories, records = schema.stories, schema.story_records
    if not matchable(name):
        return 0, []
    naming = _contains(store, records.c.data, _json_string(name))
    joined = stories.join(records, records.c.story_id == stories.c.id)
    count = select(func.count()).select_from(joined).where(naming)
    query = (select(stories, records.c.data).select_from(joined).where(naming)
             .order_by(stories.c.last_date.desc(), stories.c.articles.desc(), stories.c.id).limit(limit).offset(offset))
    with store.engine.connect() as conn:
        total = int(conn.execute(count).scalar_one())
        rows = conn.execute(query).all()
    found = []
    for row in rows:
        story = {key: value for key, value in row._mapping.items() if key not in ("data", "run_id")}
        story["entity"] = _matching_entity(json.loads(row.data), name)
        found.append(story)
    return total, found


def _matching_entity(record: dict[str, Any], name: str) -> dict[str, Any] | None:
    wanted = name.strip().casefold()
    for entity in record.get("entities", []):
        spellings = {entity.get("name", ""), *entity.get("aliases", {})}
        if wanted in {s.casefold() for s in spellings}:
            return {key: entity.get(key) for key in ("id", "name", "type", "aliases", "roles")}
    return None


def facet_values(store: Store, *, limit: int = 200) -> dict[str, list[str]]:
    """The outlets and languages in the store (most frequent first), for filter suggestions."""
    articles = schema.articles
    found: dict[str, list[str]] = {}
    with store.engine.connect() as conn:
        for key, column in (("outlets", articles.c.source), ("languages", articles.c.language)):
            query = (select(column).where(column.is_not(None)).group_by(column)
                     .order_by(func.count().desc(), column).limit(limit))
            found[key] = [value for value in conn.execute(query).scalars()]
    return found


def data_version(store: Store) -> int:
    """The id of the latest run: changes whenever anything is stored."""
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.coalesce(func.max(schema.runs.c.id), 0))).scalar_one())


def run_articles(store: Store, run_id: int) -> list[dict[str, Any]]:
    """The articles a run stored (metadata, no text), with their story and event ids."""
    placed, articles = schema.assignments, schema.articles
    columns = [articles.c[name] for name in _ARTICLE_META]
    query = (select(*columns, placed.c.story_id, placed.c.event_id)
             .select_from(articles.outerjoin(placed, placed.c.article_id == articles.c.id))
             .where(articles.c.run_id == run_id).order_by(articles.c.seq))
    with store.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]
