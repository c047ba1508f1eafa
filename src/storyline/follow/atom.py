"""Atom 1.0 feeds (RFC 4287): what changed in a story, in a search, and a watchlist's alerts.

Entries are the latest ``limit`` changes or alerts, newest first; each entry's id is a ``tag:``
URI from the change (story, run) or the alert's id, so a feed reader shows each once. Written
with the standard library's ElementTree (escaping included). Cost: one query, linear in
``limit``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from xml.etree import ElementTree as ET

from sqlalchemy import Engine, select

from storyline.follow.changes import story_changes
from storyline.follow.config import Watchlist
from storyline.follow.feeds import digest
from storyline.follow.tables import follow_alerts
from storyline.follow.watchlists import change_matches

ATOM = "http://www.w3.org/2005/Atom"
_TAG = "tag:storyline,2026:"


def story_feed(engine: Engine, story_id: str, link_base: str, limit: int = 50) -> bytes:
    """The Atom feed of one story's changes."""
    _, changes = story_changes(engine, story_id, limit=limit)
    link = f"{link_base.rstrip('/')}/stories/{story_id}"
    title = next((c.get("title") for c in changes if c.get("title")), story_id)
    entries = [(f"{_TAG}change:{c['story']}:{c['run_id']}", _change_title(c), c["at"], link, _change_text(c))
               for c in changes]
    return _feed(f"{_TAG}story:{story_id}", f"storyline: {title}", link, entries)


def alerts_feed(engine: Engine, watchlist: str, link_base: str, limit: int = 50) -> bytes:
    """The Atom feed of one watchlist's alerts."""
    with engine.connect() as conn:
        rows = conn.execute(select(follow_alerts.c.data).where(follow_alerts.c.watchlist == watchlist)
                            .order_by(follow_alerts.c.id.desc()).limit(limit)).scalars()
        alerts = [json.loads(data) for data in rows]
    entries = [(f"{_TAG}alert:{a['id']}", f"[{a['kind']}] {a['story'].get('title') or a['story']['id']}", a["at"],
                a["story"]["link"], json.dumps({"matched": a["matched"], "evidence": a["evidence"]},
                                                ensure_ascii=False, indent=1)) for a in alerts]
    return _feed(f"{_TAG}watchlist:{watchlist}", f"storyline alerts: {watchlist}", link_base, entries)


def search_feed(engine: Engine, watch: Watchlist, link_base: str, limit: int = 50, scan: int = 1000) -> bytes:
    """The Atom feed of the latest changes (of the last ``scan``) that match a search, given as
    a watchlist not saved (:func:`~storyline.follow.watchlists.change_matches`)."""
    _, changes = story_changes(engine, limit=scan)
    found = [c for c in changes if change_matches(watch, c)][:limit]
    base = link_base.rstrip("/")
    entries = [(f"{_TAG}change:{c['story']}:{c['run_id']}", _change_title(c), c["at"], f"{base}/stories/{c['story']}",
                _change_text(c)) for c in found]
    terms = "; ".join(f"{k}: {', '.join(v)}" for k, v in (("entities", watch.entities), ("words", watch.words),
                                                          ("outlets", watch.outlets), ("languages", watch.languages)) if v)
    return _feed(f"{_TAG}search:{digest(terms)}", f"storyline: {terms or 'every change'}", base, entries)


def _feed(feed_id: str, title: str, link: str, entries: list[tuple[str, str, str, str, str]]) -> bytes:
    root = ET.Element("feed", xmlns=ATOM)
    ET.SubElement(root, "id").text = feed_id
    ET.SubElement(root, "title").text = _clean(title)
    ET.SubElement(root, "link", href=link)
    ET.SubElement(root, "updated").text = entries[0][2] if entries else dt.datetime.now(dt.timezone.utc).isoformat()
    for entry_id, entry_title, when, href, text in entries:
        entry = ET.SubElement(root, "entry")
        ET.SubElement(entry, "id").text = entry_id
        ET.SubElement(entry, "title").text = _clean(entry_title)
        ET.SubElement(entry, "updated").text = when
        ET.SubElement(entry, "link", href=href)
        ET.SubElement(entry, "content", type="text").text = _clean(text)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8")


def _change_title(change: dict[str, Any]) -> str:
    counts = change.get("counts", {})
    parts = [f"{n} new {name}" for name, n in counts.items() if n]
    head = "New story" if change.get("new_story") else "Update"
    return f"{head}: {change.get('title') or change['story']} ({', '.join(parts) or 'no new items'})"


def _change_text(change: dict[str, Any]) -> str:
    lines = [f"Report: {r.get('title') or r['id']} ({r.get('source') or '-'}) {r.get('url') or ''}".rstrip()
             for r in change.get("reports", [])]
    lines += [f"Fact: {f.get('text')} [{', '.join(f.get('outlets') or [])}]" for f in change.get("facts", [])]
    lines += [f"Quote: {q.get('speaker') or '?'}: {q.get('text')}" for q in change.get("quotes", [])]
    lines += [f"Contradiction ({c.get('kind')}): {(c.get('left') or {}).get('text')} / {(c.get('right') or {}).get('text')}"
              for c in change.get("contradictions", [])]
    lines += [f"Event: {e.get('date') or 'undated'} ({e.get('articles')} reports)" for e in change.get("events", [])]
    return "\n".join(lines)


def _clean(text: str) -> str:
    """Text XML 1.0 can hold (control characters dropped)."""
    return "".join(c for c in str(text) if c in "\t\n\r" or (ord(c) >= 32 and not 0xD800 <= ord(c) <= 0xDFFF
                                                           and c not in "\ufffe\uffff"))
