"""What each cycle added to each story: new reports, facts, quotes, contradictions, events.

After reconciliation, every story whose record is newer than its mark (``follow_marks``) is
compared with the mark: the hashes of its facts (established and single-source: by id and by
text), quotes (speaker and text), contradictions (kind and both sides) and event ids, and the
reports stored since (article ``seq`` above the mark's). What is new becomes one
``follow_changes`` row; the mark is rewritten; the alerts the change raises are inserted; all in
one transaction, so a crash leaves a story either recorded or still newer than its mark (the
next cycle records it). A story the mark never saw is a new story. Lists are cut at
``MAX_LISTED`` items (counts stay whole).

Cost: per changed story, one read of its record and of its new reports' rows; marks hold one
12-character hash per item.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Engine, and_, delete, func, insert, select, true

from storyline.follow.feeds import digest
from storyline.follow.tables import follow_alerts, follow_changes, follow_marks
from storyline.store import schema

MAX_LISTED = 50
_CHUNK = 100
#: Alert rows a change raises (given the change), inserted with it.
AlertsOf = Callable[[Mapping[str, Any]], list[dict[str, Any]]]


def pending_story_ids(engine: Engine) -> list[str]:
    """Stories whose record is newer than their mark (or that have no mark)."""
    records, marks = schema.story_records, follow_marks
    query = (select(records.c.story_id).outerjoin(marks, marks.c.story_id == records.c.story_id)
             .where((marks.c.story_id.is_(None)) | (marks.c.run_id < records.c.run_id)).order_by(records.c.story_id))
    with engine.connect() as conn:
        return list(conn.execute(query).scalars())


def baseline(engine: Engine) -> int:
    """Mark every story as seen without recording changes, when nothing is marked yet (a store
    that ``storyline run`` filled before watching began); returns how many were marked."""
    with engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(follow_marks)).scalar_one():
            return 0
    return record_changes(engine, 0, silent=True).marked


@dataclass
class Recorded:
    """What :func:`record_changes` did: the changes, the alerts inserted (new ones only) and the
    stories marked."""

    changes: list[dict[str, Any]] = field(default_factory=list)
    alerts: int = 0
    marked: int = 0


def record_changes(engine: Engine, run_id: int, *, alerts_of: AlertsOf | None = None, silent: bool = False,
                   now: dt.datetime | None = None) -> Recorded:
    """Record what changed in every pending story (see the module docstring)."""
    now = now or dt.datetime.now(dt.timezone.utc)
    ids = pending_story_ids(engine)
    with engine.connect() as conn:
        top_seq = int(conn.execute(select(func.coalesce(func.max(schema.articles.c.seq), 0))).scalar_one())
    done = Recorded(marked=len(ids))
    for start in range(0, len(ids), _CHUNK):
        with engine.begin() as conn:
            for story_id in ids[start : start + _CHUNK]:
                change = _story_change(conn, story_id, run_id, top_seq, now)
                if change is None or silent:
                    continue
                done.changes.append(change)
                conn.execute(insert(follow_changes).values(story_id=story_id, run_id=run_id, at=now,
                                                           data=json.dumps(change, ensure_ascii=False)))
                if alerts_of is not None:
                    done.alerts += _insert_new_alerts(conn, alerts_of(change))
    return done


def _story_change(conn: Any, story_id: str, run_id: int, top_seq: int, now: dt.datetime) -> dict[str, Any] | None:
    records, marks = schema.story_records, follow_marks
    row = conn.execute(select(records.c.data, records.c.run_id).where(records.c.story_id == story_id)).first()
    if row is None:
        return None
    record = json.loads(row.data)
    title = conn.execute(select(schema.stories.c.title).where(schema.stories.c.id == story_id)).scalar_one_or_none()
    mark = conn.execute(select(marks.c.seen, marks.c.seq).where(marks.c.story_id == story_id)).first()
    before: dict[str, list[str]] = json.loads(mark.seen) if mark else {}
    events = [dict(r._mapping) for r in conn.execute(
        select(schema.events.c.id, schema.events.c.date, schema.events.c.articles)
        .where(schema.events.c.story_id == story_id).order_by(schema.events.c.position))]
    current = {"facts": _fact_keys(record), "quotes": _quote_keys(record),
               "contradictions": _contradiction_keys(record), "events": {e["id"]: [e["id"]] for e in events}}
    conn.execute(delete(marks).where(marks.c.story_id == story_id))
    conn.execute(insert(marks).values(story_id=story_id, run_id=row.run_id, seq=top_seq, seen=json.dumps(
        {name: sorted({k for keys in found.values() for k in keys}) for name, found in current.items()})))
    fresh = {name: _new(found, set(before.get(name, []))) for name, found in current.items()}
    reports = _new_reports(conn, story_id, mark.seq if mark else 0)
    if title is None or (mark and not reports and not any(fresh.values())):
        return None  # nothing new, or a story merged into another (its record outlived it)
    facts = [f for f in [*record.get("facts", []), *record.get("single_source", [])] if _fact_id(f) in fresh["facts"]]
    quotes = [q for q in record.get("quotes", []) if _quote_key(q) in fresh["quotes"]]
    clashes = [c for c in record.get("contradictions", []) if _contradiction_key(c) in fresh["contradictions"]]
    return {"story": story_id, "title": title, "run_id": run_id, "at": now.isoformat(), "new_story": mark is None,
            "counts": {"reports": len(reports), "facts": len(facts), "quotes": len(quotes),
                       "contradictions": len(clashes), "events": len(fresh["events"])},
            "reports": reports[:MAX_LISTED], "facts": [_fact(f) for f in facts[:MAX_LISTED]],
            "quotes": [_quote(q) for q in quotes[:MAX_LISTED]], "contradictions": clashes[:MAX_LISTED],
            "events": [e for e in events if e["id"] in fresh["events"]][:MAX_LISTED],
            "entities": _entity_names(record), **_story_facets(conn, story_id)}


def _new(found: Mapping[str, list[str]], before: set[str]) -> set[str]:
    """Items none of whose keys was seen before."""
    return {item for item, keys in found.items() if not before.intersection(keys)}


def _fact_id(fact: Mapping[str, Any]) -> str:
    return str(fact.get("id") or digest("fact", fact.get("text"))[:12])


def _fact_keys(record: Mapping[str, Any]) -> dict[str, list[str]]:
    facts = [*record.get("facts", []), *record.get("single_source", [])]
    return {_fact_id(f): [f"i{_fact_id(f)}", f"t{digest(' '.join(str(f.get('text', '')).split()))[:12]}"]
            for f in facts}


def _quote_key(quote: Mapping[str, Any]) -> str:
    return digest("quote", str(quote.get("speaker") or ""), " ".join(str(quote.get("text", "")).split()))[:12]


def _quote_keys(record: Mapping[str, Any]) -> dict[str, list[str]]:
    return {_quote_key(q): [_quote_key(q)] for q in record.get("quotes", [])}


def _contradiction_key(clash: Mapping[str, Any]) -> str:
    sides = sorted(str((clash.get(side) or {}).get("text", "")) for side in ("left", "right"))
    return digest("clash", str(clash.get("kind")), *sides)[:12]


def _contradiction_keys(record: Mapping[str, Any]) -> dict[str, list[str]]:
    return {_contradiction_key(c): [_contradiction_key(c)] for c in record.get("contradictions", [])}


def _new_reports(conn: Any, story_id: str, after_seq: int) -> list[dict[str, Any]]:
    articles, placed = schema.articles, schema.assignments
    query = (select(articles.c.id, articles.c.title, articles.c.source, articles.c.url, articles.c.language,
                    articles.c.published, placed.c.event_id.label("event"))
             .join(placed, placed.c.article_id == articles.c.id)
             .where(and_(placed.c.story_id == story_id, articles.c.seq > after_seq)).order_by(articles.c.seq))
    return [dict(r._mapping) for r in conn.execute(query)]


def _story_facets(conn: Any, story_id: str) -> dict[str, list[str]]:
    """The outlets and languages of the story's reports (for watchlists)."""
    articles, placed = schema.articles, schema.assignments
    rows = conn.execute(select(articles.c.source, articles.c.language).distinct()
                        .join(placed, placed.c.article_id == articles.c.id).where(placed.c.story_id == story_id)).all()
    return {"outlets": sorted({r.source for r in rows if r.source})[:200],
            "languages": sorted({r.language for r in rows if r.language})}


def _fact(fact: Mapping[str, Any]) -> dict[str, Any]:
    return {"id": fact.get("id"), "text": fact.get("text"), "outlets": fact.get("outlets", []),
            "articles": fact.get("articles", []), "voices": fact.get("voices")}


def _quote(quote: Mapping[str, Any]) -> dict[str, Any]:
    return {"speaker": quote.get("speaker"), "text": quote.get("text"), "kind": quote.get("kind"),
            "sources": quote.get("sources", []), "outlets": quote.get("outlets", [])}


def _entity_names(record: Mapping[str, Any]) -> list[str]:
    """Every spelling of the story's entities (names and aliases), for watchlists."""
    names: list[str] = []
    for entity in record.get("entities", []):
        names.append(str(entity.get("name", "")))
        names.extend(str(a) for a in entity.get("aliases", {}))
    return list(dict.fromkeys(n for n in names if n))[:500]


def _insert_new_alerts(conn: Any, rows: Sequence[dict[str, Any]]) -> int:
    """Insert the alerts whose (watchlist, subject) is not stored yet (deduplication); how many."""
    fresh: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        fresh.setdefault((row["watchlist"], row["subject"]), row)
    for watchlist in {w for w, _ in fresh}:
        subjects = [s for w, s in fresh if w == watchlist]
        taken = set(conn.execute(select(follow_alerts.c.subject).where(
            and_(follow_alerts.c.watchlist == watchlist, follow_alerts.c.subject.in_(subjects)))).scalars())
        for subject in taken:
            fresh.pop((watchlist, subject))
    if fresh:
        conn.execute(insert(follow_alerts), list(fresh.values()))
    return len(fresh)


def story_changes(engine: Engine, story_id: str | None = None, *, since: dt.datetime | None = None,
                  limit: int = 50, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """Recorded changes, newest first (of one story, or all), after ``since``: (total, page)."""
    where = []
    if story_id is not None:
        where.append(follow_changes.c.story_id == story_id)
    if since is not None:
        where.append(follow_changes.c.at > since)
    condition = and_(true(), *where)
    with engine.connect() as conn:
        total = int(conn.execute(select(func.count()).select_from(follow_changes).where(condition)).scalar_one())
        rows = conn.execute(select(follow_changes.c.data).where(condition)
                            .order_by(follow_changes.c.id.desc()).limit(limit).offset(offset)).scalars()
        return total, [json.loads(data) for data in rows]

