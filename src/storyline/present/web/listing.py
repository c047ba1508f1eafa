"""What the story list adds to each row: a snippet (the summary's first sentence) and its outlets.

A snippet is read from the stored record by the database's own JSON functions (SQLite's
``json_extract``, PostgreSQL's ``#>>``), so that the record never crosses into Python, and kept
per story until a run rewrites its record (:class:`SnippetCache`): a list page then costs one
indexed query for the record versions plus, for stories not seen since their last change, one
JSON extraction each. Another database reads the record whole. Cost per new story: the database
parsing its record once (C speed; about 40 ms for the 8 MB record of a 171-report story).
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import cast, func, select
from sqlalchemy.dialects import postgresql

from storyline.store import Store, schema

#: Characters of a snippet shown (cut at a word, with "…").
SNIPPET_CHARS = 240
#: Outlets named on a row of the list before "N more".
ROW_OUTLETS = 6
_PATH = ("summary", "sentences", 0, "text")


class SnippetCache:
    """Story id → (run that wrote its record, snippet)."""

    def __init__(self) -> None:
        self._items: dict[str, tuple[int, str | None]] = {}
        self._lock = threading.Lock()

    def lookup(self, store: Store, story_ids: Sequence[str]) -> dict[str, str | None]:
        """The snippets of these stories, extracting only those new or changed since last asked."""
        records = schema.story_records
        if not story_ids:
            return {}
        with store.engine.connect() as conn:
            versions = dict(conn.execute(select(records.c.story_id, records.c.run_id)
                                         .where(records.c.story_id.in_(list(story_ids)))).all())
        with self._lock:
            known = {s: self._items[s][1] for s, run in versions.items()
                     if s in self._items and self._items[s][0] == run}
        missing = [s for s in versions if s not in known]
        found = _extract(store, missing) if missing else {}
        with self._lock:
            for story_id in missing:
                self._items[story_id] = (versions[story_id], found.get(story_id))
        return {s: known.get(s, found.get(s)) for s in story_ids}


def _extract(store: Store, story_ids: list[str]) -> dict[str, str | None]:
    records = schema.story_records
    dialect = store.engine.dialect.name
    if dialect == "sqlite":
        value: Any = func.json_extract(records.c.data, "$.summary.sentences[0].text")
    elif dialect == "postgresql":
        value = cast(records.c.data, postgresql.JSONB)[_PATH].astext
    else:
        value = records.c.data
    with store.engine.connect() as conn:
        rows = conn.execute(select(records.c.story_id, value).where(records.c.story_id.in_(story_ids))).all()
    if dialect not in ("sqlite", "postgresql"):
        rows = [(story, _first_sentence(json.loads(data))) for story, data in rows]
    return {story: short(text) if isinstance(text, str) else None for story, text in rows}


def _first_sentence(record: dict[str, Any]) -> str | None:
    sentences = record.get("summary", {}).get("sentences", [])
    return sentences[0].get("text") if sentences else None


def short(text: str, limit: int = SNIPPET_CHARS) -> str:
    """``text`` on one line, cut at a word with "…" beyond ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"


def decorate(rows: list[dict[str, Any]], snippets: dict[str, str | None]) -> None:
    """Add ``snippet`` and the row's outlets as shown (``outlets_shown``, ``outlets_more``)."""
    for row in rows:
        row["snippet"] = snippets.get(row["id"])
        outlets = row.get("outlets", [])
        row["outlets_shown"] = outlets[:ROW_OUTLETS]
        row["outlets_more"] = max(0, len(outlets) - ROW_OUTLETS)


class PageCache:
    """Rendered pages by key, the ``size`` most recently used kept (the story list's pages, keyed
    by the store's data version and the query, so that a run makes them all stale)."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: OrderedDict[Any, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> str | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: Any, html: str) -> None:
        with self._lock:
            self._items[key] = html
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
