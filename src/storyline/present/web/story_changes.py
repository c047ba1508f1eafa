"""What changed in a story, on its page: since the reader's last visit or since a chosen time.

The watcher records what each cycle added to each story (:mod:`storyline.follow.changes`: new
reports, facts, quotes, contradictions, events); the API and the per-story Atom feed serve those
records, and the story page reads the same ones here. New reports are read from the store
instead (those stored by runs started since then, whatever ran them), so that a store filled by
``storyline run`` or uploads, never watched, still shows them. "Since when" is ``?since=ISO`` when given,
else the reader's last visit, kept in a cookie scoped to the story's path (so each story has its
own and no other page carries it; no account on the server). The cookie holds two times,
``BASE~LAST``: a visit more than :data:`SESSION` after LAST starts a new session whose changes are
those since LAST; a visit within the session keeps BASE, so going from the story to one of its
sections and back does not make its changes vanish.

:func:`what_changed` folds the cycles' records after that time into one summary (counts summed,
items listed once, newest first, at most :data:`SHOWN` of each) and the keys that mark the new
items where the page shows them. Cost: one indexed query of at most :data:`MAX_CYCLES` change rows
(each list in a row is already cut at 50 items), linear in their size, and one of the story's
reports joined with their runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine, and_, func, select

from storyline.follow.changes import story_changes
from storyline.store import schema

__all__ = ["COOKIE", "SESSION", "parse_time", "visit", "what_changed"]

COOKIE = "storyline_seen"
#: Visits closer together than this are one session: they show the same changes.
SESSION = dt.timedelta(minutes=30)
#: Cycles read at most (the newest); the counts of older ones are not added.
MAX_CYCLES = 200
#: Items of each kind listed in the page's summary.
SHOWN = 20
#: New reports marked where the page lists them (the first, in arrival order).
MARKED = 500
#: How long the browser keeps the cookie (seconds): a year.
COOKIE_AGE = 365 * 24 * 3600


def parse_time(value: str | None) -> dt.datetime | None:
    """An ISO 8601 time or date as an aware UTC time (a naive one is UTC); None when absent or
    malformed (the page reads its query leniently)."""
    text = (value or "").strip()
    if not text or len(text) > 40:
        return None
    try:
        when = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "+", 1) if "T" in text else text)
    except ValueError:
        return None
    try:
        return when.replace(tzinfo=dt.timezone.utc) if when.tzinfo is None else when.astimezone(dt.timezone.utc)
    except (OverflowError, ValueError):
        return None


def visit(query_since: str | None, cookie: str | None, now: dt.datetime) -> tuple[dt.datetime | None, bool, str]:
    """(since when to show changes, whether the reader chose it, the cookie to set).

    ``query_since`` wins when it parses; else the last visit as the cookie says (module docstring).
    """
    base_text, _, last_text = (cookie or "").partition("~")
    base, last = parse_time(base_text), parse_time(last_text)
    if last is not None and last <= now and now - last < SESSION:
        since_visit = base
    else:
        since_visit = last
    value = f"{since_visit.isoformat() if since_visit else ''}~{now.isoformat()}"
    chosen = parse_time(query_since)
    return (chosen, True, value) if chosen is not None else (since_visit, False, value)


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())


def _clash_key(clash: Mapping[str, Any]) -> str:
    return " | ".join(sorted(_text((clash.get(side) or {}).get("text")) for side in ("left", "right")))


def new_reports(engine: Engine, story_id: str, since: dt.datetime) -> tuple[int, list[dict[str, Any]]]:
    """The story's reports stored by runs that started after ``since`` (any run: a watcher's
    cycle, ``storyline run``, an upload), in arrival order: (how many, the first :data:`MARKED`)."""
    articles, placed, runs = schema.articles, schema.assignments, schema.runs
    condition = and_(placed.c.story_id == story_id, runs.c.started_at > since)
    joined = articles.join(placed, placed.c.article_id == articles.c.id).join(runs, runs.c.id == articles.c.run_id)
    with engine.connect() as conn:
        total = int(conn.execute(select(func.count()).select_from(joined).where(condition)).scalar_one())
        rows = conn.execute(select(articles.c.id, articles.c.title, articles.c.source, articles.c.language,
                                   articles.c.published, placed.c.event_id.label("event")).select_from(joined)
                            .where(condition).order_by(articles.c.seq).limit(MARKED)).all()
    return total, [dict(r._mapping) for r in rows]


def what_changed(engine: Engine, story_id: str, since: dt.datetime) -> dict[str, Any]:
    """The story's changes after ``since``, folded into one summary (module docstring)."""
    total, items = story_changes(engine, story_id, since=since, limit=MAX_CYCLES)
    counts = {"reports": 0, "facts": 0, "quotes": 0, "contradictions": 0, "events": 0}
    lists: dict[str, dict[str, Any]] = {name: {} for name in counts}
    for item in items:  # newest first
        for name in counts:
            counts[name] += int((item.get("counts") or {}).get(name, 0))
        for fact in item.get("facts", []):
            lists["facts"].setdefault(str(fact.get("id") or _text(fact.get("text"))), fact)
        for quote in item.get("quotes", []):
            lists["quotes"].setdefault(_text(quote.get("speaker")) + "|" + _text(quote.get("text")), quote)
        for clash in item.get("contradictions", []):
            lists["contradictions"].setdefault(_clash_key(clash), clash)
        for event in item.get("events", []):
            lists["events"].setdefault(str(event.get("id")), event)
    counts["reports"], reports = new_reports(engine, story_id, since)  # every run's, not only a watcher's
    lists["reports"] = {str(r["id"]): r for r in reports}
    marks = {"reports": set(lists["reports"]), "events": set(lists["events"]),
             "facts": {str(f.get("id")) for f in lists["facts"].values() if f.get("id")}
             | {_text(f.get("text")) for f in lists["facts"].values()},
             "quotes": {_text(q.get("text")) for q in lists["quotes"].values()},
             "contradictions": set(lists["contradictions"])}
    return {"since": since.isoformat(timespec="minutes").replace("+00:00", " UTC"), "since_iso": since.isoformat(),
            "cycles": total, "counted": len(items), "new_story": any(i.get("new_story") for i in items),
            "counts": counts, "any": any(counts.values()) or bool(total),
            "lists": {name: list(found.values())[:SHOWN] for name, found in lists.items()},
            "more": {name: max(0, counts[name] - min(SHOWN, len(found))) for name, found in lists.items()},
            "marks": marks}


def is_new(marks: Mapping[str, set[str]] | None, kind: str, *keys: Any) -> bool:
    """Whether an item the page shows is among the changes (by any of its keys)."""
    if not marks:
        return False
    found = marks.get(kind, set())
    return any(key and (str(key) in found or _text(key) in found) for key in keys)


def clash_is_new(marks: Mapping[str, set[str]] | None, clash: Mapping[str, Any]) -> bool:
    """Whether a contradiction (as the page shows it: left and right with their text) is new."""
    return bool(marks) and _clash_key(clash) in marks.get("contradictions", set())
