"""Sources' state and seen items in the store (tables in :mod:`storyline.follow.tables`).

Writes are delete-then-insert inside one transaction (portable between SQLite and PostgreSQL,
and idempotent when a crash makes a cycle write them again). Backoff after ``n`` failures in a
row: ``min(backoff_max, max(interval, 30) * 2**(n-1))`` seconds, or the server's Retry-After
when longer. Cost: one indexed query per source per cycle, one per 500 item keys.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select

from storyline.follow.config import Source
from storyline.follow.tables import ensure_tables, follow_items, follow_sources
from storyline.store import Store

_CHUNK = 500


@dataclass(frozen=True, slots=True)
class SeenItem:
    """An item whose article is stored (or that can never be: ``article_id`` None)."""

    key: str
    content: str
    article_id: str | None
    url: str | None


class FollowState:
    """The follow tables of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        ensure_tables(store.engine)

    def source(self, key: str) -> dict[str, Any]:
        """The saved state of a source ({} before its first poll)."""
        with self.store.engine.connect() as conn:
            row = conn.execute(select(follow_sources).where(follow_sources.c.key == key)).first()
        return {} if row is None else dict(row._mapping)

    def sources(self) -> list[dict[str, Any]]:
        with self.store.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(follow_sources).order_by(follow_sources.c.key))]

    def due(self, sources: Sequence[Source], now: float, *, ignore_schedule: bool = False) -> list[Source]:
        """The sources whose next attempt has come (``ignore_schedule``: all but those backing
        off after a failure)."""
        states = {s["key"]: s for s in self.sources()}
        found = []
        for source in sources:
            state = states.get(source.key, {})
            backing_off = state.get("failures", 0) > 0 and state.get("next_attempt", 0.0) > now
            if not backing_off and (ignore_schedule or state.get("next_attempt", 0.0) <= now):
                found.append(source)
        return found

    def next_due(self, sources: Sequence[Source]) -> float:
        """When the earliest source is due (epoch seconds; now when one was never polled)."""
        states = {s["key"]: s for s in self.sources()}
        return min((states.get(s.key, {}).get("next_attempt", 0.0) for s in sources), default=time.time())

    def known(self, keys: Iterable[str]) -> dict[str, tuple[str, str | None]]:
        """Item key → (content hash, article id) as last stored, for the keys already seen."""
        keys = list(dict.fromkeys(keys))
        found: dict[str, tuple[str, str | None]] = {}
        table = follow_items
        with self.store.engine.connect() as conn:
            for start in range(0, len(keys), _CHUNK):
                chunk = keys[start : start + _CHUNK]
                found.update((item, (content, article)) for item, content, article in conn.execute(
                    select(table.c.item, table.c.content, table.c.article_id).where(table.c.item.in_(chunk))))
        return found

    def count_items(self) -> int:
        from sqlalchemy import func  # noqa: PLC0415

        with self.store.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(follow_items)).scalar_one())

    def succeeded(self, source: Source, seen: Sequence[SeenItem], *, etag: str | None,
                  last_modified: str | None, status: int | None, now: float) -> None:
        """Mark items seen and the source polled (validators kept), in one transaction."""
        rows = [{"item": s.key, "source": source.key[:1000], "content": s.content, "article_id": s.article_id,
                 "url": s.url, "seen": now} for s in seen]
        with self.store.engine.begin() as conn:
            for start in range(0, len(rows), _CHUNK):
                keys = [r["item"] for r in rows[start : start + _CHUNK]]
                conn.execute(delete(follow_items).where(follow_items.c.item.in_(keys)))
            if rows:
                conn.execute(insert(follow_items), rows)
            _write_source(conn, source.key, {"etag": etag, "last_modified": last_modified, "failures": 0,
                                             "next_attempt": now + source.interval, "last_ok": now,
                                             "last_status": status, "last_error": None})

    def failed(self, source: Source, error: str, *, status: int | None, retry_after: float | None,
               backoff_max: float, now: float) -> float:
        """Count a failure and push the next attempt back; returns the wait in seconds."""
        state = self.source(source.key)
        failures = int(state.get("failures") or 0) + 1
        wait = min(backoff_max, max(source.interval, 30.0) * 2 ** (failures - 1))
        wait = max(wait, min(retry_after or 0.0, backoff_max))
        values = {**{k: state.get(k) for k in ("etag", "last_modified", "last_ok")}, "failures": failures,
                  "next_attempt": now + wait, "last_status": status, "last_error": error[:2000]}
        with self.store.engine.begin() as conn:
            _write_source(conn, source.key, values)
        return wait


def _write_source(conn: Any, key: str, values: dict[str, Any]) -> None:
    conn.execute(delete(follow_sources).where(follow_sources.c.key == key))
    conn.execute(insert(follow_sources).values(key=key, **values))
