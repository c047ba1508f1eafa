"""One story's stored data, loaded once and kept while it is unchanged (a per-app LRU cache).

A story's reconciliation record is one JSON document that grows with the story: 8 MB for a
171-report story of the crawled crisis corpus (6,851 single-source claims, 3,472 entities), about
0.3 s to read and parse on our 2-core machine; a 500-report story's is three times that. Every
page of a story (its front page, one section's page, one event) needs some of it, so the parsed
record, the story row and its reports' metadata are kept in memory as one :class:`StoryData`,
keyed by the story id and checked on every request against the runs that last wrote the story row
and the record and against the story's latest correction (two indexed queries): a later run that touches the story replaces it. The record is
parsed with the garbage collector paused (:func:`parse_record`), and a large one (over
:data:`FREEZE_BYTES`) is then frozen (``gc.freeze``): a 500-report story is about a million dicts
and lists, which every full collection would otherwise walk, pausing every request for a third of
a second now and then (measured: a front page built in 0.2 s or 0.8 s depending on whether one
ran). Freezing is safe for the records (JSON makes no reference cycles; they are freed by
reference counting when the cache lets them go); its cost is that cyclic garbage that happens
to exist at that moment elsewhere in the process is never collected, a small leak per large
story loaded. The cache is
bounded by the summed size of the records' JSON text (``max_bytes``, least recently used out
first); cost per hit: that one query. A record over the bound is served but not kept.
"""

from __future__ import annotations

import gc
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import select

from storyline.present import corrections
from storyline.present.export import label_reports
from storyline.present.web.views import support_index
from storyline.store import Store, queries, schema
from storyline.store.validate import matchable

__all__ = ["StoryCache", "StoryData", "load_story"]

T = TypeVar("T")

#: A record larger than this is moved out of the garbage collector's sight once parsed.
FREEZE_BYTES = 1_000_000

#: Default bound on the cached records' JSON text (the parsed objects take several times more).
DEFAULT_CACHE_BYTES = 64 * 1024 * 1024


@dataclass(slots=True)
class StoryData:
    """A story as stored: its read-model row (with ``event_list``), record and reports.

    Attributes:
        row: the ``stories`` row plus ``event_list`` (id, date, articles per event, in order).
        record: what reconciliation stored (empty when the story was not reconciled).
        articles: the story's reports' metadata (no text), in publication order, with ``event_id``.
        by_id: the same reports by id.
        support: fact or claim text → its support spans (where each report states it).
        memo: what pages derived from this version of the story (ordered sections, the front
            page's view), kept with it; see :func:`memoized`.
    """

    row: dict[str, Any]
    record: dict[str, Any]
    articles: list[dict[str, Any]]
    by_id: dict[str, dict[str, Any]] = field(init=False)
    support: dict[str, Any] = field(init=False)
    memo: dict[tuple[Any, ...], Any] = field(init=False, default_factory=dict)

    def memoized(self, key: tuple[Any, ...], build: Callable[[], T]) -> T:
        """``build()``, computed once per key for this version of the story (pages only read it)."""
        if key not in self.memo:
            self.memo[key] = build()
        return self.memo[key]  # type: ignore[no-any-return]

    def __post_init__(self) -> None:
        self.by_id = {a["id"]: a for a in self.articles}
        self.support = support_index(self.record)


def _version(store: Store, story_id: str) -> tuple[int, int, int] | None:
    """(run that wrote the story row, run that wrote its record, its latest correction record; 0
    when none), or None for an unknown story."""
    stories, records = schema.stories, schema.story_records
    query = (select(stories.c.run_id, records.c.run_id)
             .select_from(stories.outerjoin(records, records.c.story_id == stories.c.id))
             .where(stories.c.id == story_id))
    with store.engine.connect() as conn:
        found = conn.execute(query).first()
    return None if found is None else (int(found[0]), int(found[1] or 0), corrections.version(store, story_id))


def parse_record(text: str) -> dict[str, Any]:
    """A stored record parsed with the cyclic garbage collector paused: a large record is a
    million small dicts and lists, and the collections their allocation triggers tripled the parse
    (18.7 MB, a 500-report story: 0.8-1.3 s with, 0.27-0.39 s without, on our loaded 2 cores)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return dict(json.loads(text))
    finally:
        if enabled:
            gc.enable()


def _record_text(store: Store, story_id: str) -> str | None:
    table = schema.story_records
    with store.engine.connect() as conn:
        return conn.execute(select(table.c.data).where(table.c.story_id == story_id)).scalar_one_or_none()


class StoryCache:
    """Parsed stories by id, least recently used out first, bounded by their records' JSON size."""

    def __init__(self, max_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, tuple[tuple[int, int, int], StoryData, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, story_id: str, version: tuple[int, int, int]) -> StoryData | None:
        with self._lock:
            found = self._items.get(story_id)
            if found is None or found[0] != version:
                return None
            self._items.move_to_end(story_id)
            return found[1]

    def put(self, story_id: str, version: tuple[int, int, int], data: StoryData, size: int) -> None:
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop(story_id, None)
            if old is not None:
                self._bytes -= old[2]
            self._items[story_id] = (version, data, size)
            self._bytes += size
            while self._bytes > self.max_bytes and self._items:
                _, (_, _, dropped) = self._items.popitem(last=False)
                self._bytes -= dropped

    def __len__(self) -> int:
        return len(self._items)


def load_story(store: Store, story_id: str, cache: StoryCache | None = None) -> StoryData | None:
    """The story, from ``cache`` when the store has not changed it since; None if unknown."""
    if not matchable(story_id, 64):
        return None
    version = _version(store, story_id)
    if version is None:
        return None
    if cache is not None and (found := cache.get(story_id, version)) is not None:
        return found
    row = queries.story_row(store, story_id)
    if row is None:
        return None
    text = _record_text(store, story_id)
    row["is_stale"] = bool(text) and version[1] < version[0]  # regrouped since its record: being reconciled
    record: Mapping[str, Any] = parse_record(text) if text else {}
    if version[2]:
        row["title"], record = corrections.apply(row["title"], record, corrections.for_story(store, story_id))
        record["correction_names"] = _names(store, record.get("corrections", []))
    articles = queries.story_articles(store, story_id)
    label_reports(store, articles)
    data = StoryData(row, dict(record), articles)
    if len(text or "") > FREEZE_BYTES:
        gc.freeze()
    if cache is not None:
        cache.put(story_id, version, data, len(text or "") + 200 * len(data.articles))
    return data


def _names(store: Store, listed: list[dict[str, Any]]) -> dict[str, str]:
    """Titles of the stories and reports the moves and splits name (to show them by name, not id)."""
    stories = {c["story_id"] for c in listed if c["kind"] in ("move_report", "split_story")}
    stories |= {c["target"] for c in listed if c["kind"] == "split_story" and c.get("target")}
    stories |= {str(c.get("value") or "").partition("/")[0] for c in listed if c["kind"] == "move_report"}
    reports = [c["target"] for c in listed if c["kind"] == "move_report" and c.get("target")]
    reports += [str(c.get("value") or "").rpartition(" @ ")[2].rsplit(":", 2)[0] for c in listed
                if c["kind"] == "split_mention"]
    if not stories and not reports:
        return {}
    found: dict[str, str] = {}
    with store.engine.connect() as conn:
        table, articles = schema.stories, schema.articles
        found.update(conn.execute(select(table.c.id, table.c.title).where(table.c.id.in_(sorted(stories)[:500]))).all())
        found.update(conn.execute(select(articles.c.id, articles.c.title).where(
            articles.c.id.in_(reports[:500]), articles.c.title.is_not(None))).all())
    return found

