"""A story for the reader: a front page of summaries, and every section paged or per event.

The front page shows the summary, then one line per section saying what is in it (how many facts,
quotes from whom, the period the timeline covers) with its first few items, and a link "N more"
to the section's own pages; each event has its page with the same sections narrowed to its
reports. So a page's size and cost grow with what it shows (a few dozen items), not with the story
(thousands of claims in a 500-report story): the record is parsed once per story version
(:mod:`storyline.present.web.story_data`), items are ordered on raw records, and only the items a
page shows are turned into views with citations. :func:`story_view` is the whole story at once,
for the JSON API.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

from storyline.present.labels import report_date
from storyline.present.web import views
from storyline.present.web.charts import date_range, timeline_chart
from sqlalchemy import select

from storyline.present.web.story_data import StoryCache, StoryData, load_story
from storyline.store import Store, schema

#: Items of each section on a story's front page or an event's page.
PREVIEW = 6
#: Items per page of a section's own pages.
PAGE = 50
#: Sections with their own pages, in the order the story page shows them, with their headings.
SECTION_TITLES = {
    "established": "Established by several independent outlets",
    "claims": "Claims reported by several outlets",
    "single_source": "Single-source claims",
    "contradictions": "Contradictions",
    "quotes": "Who said what",
    "entities": "Who and where",
    "timeline": "Timeline",
    "coverage": "Coverage: outlets × facts",
    "reports": "Reports by event",
}

Raw = list[Any]


def section_href(story_id: str, section: str, event: str | None = None, page: int = 1) -> str:
    """A section's page (of one event when ``event`` is given)."""
    query = "&".join(part for part in (f"event={quote(event, safe='')}" if event else "",
                                       f"page={page}" if page > 1 else "") if part)
    return f"{views.story_href(story_id)}/s/{section}" + (f"?{query}" if query else "")


def event_href(story_id: str, event_id: str) -> str:
    """An event's page."""
    return f"{views.story_href(story_id)}/events/{quote(event_id, safe='')}"


def citer(data: StoryData) -> views._Citer:
    return views._Citer(data.by_id, data.record, data.support)


def _status(fact: Mapping[str, Any]) -> str:
    return fact.get("status") or ("established" if fact.get("voices", 1) >= 2 else "reported")


def _touches(ids: Sequence[str] | set[str], wanted: set[str] | None) -> bool:
    return wanted is None or not wanted.isdisjoint(ids)


def _fact_ids(fact: Mapping[str, Any]) -> set[str]:
    return {*fact.get("articles", ()), *(s["article"] for s in fact.get("support", ()))}


def raw_items(data: StoryData, section: str, event: str | None = None) -> Raw:
    """A section's records in the order shown, narrowed to one event's reports when asked
    (computed once per story version and kept with it)."""
    return data.memoized(("raw", section, event), lambda: _raw_items(data, section, event))


def _raw_items(data: StoryData, section: str, event: str | None) -> Raw:
    record = data.record
    wanted = None if event is None else {a["id"] for a in data.articles if a["event_id"] == event}
    if section in ("established", "claims"):
        return [f for f in record.get("facts", []) if (_status(f) == "established") == (section == "established")
                and _touches(_fact_ids(f), wanted)]
    if section == "single_source":
        return [f for f in record.get("single_source", []) if _touches(_fact_ids(f), wanted)]
    if section == "contradictions":
        return [c for c in record.get("contradictions", [])
                if _touches({c["left"]["article"], c["right"]["article"]}, wanted)]
    if section == "quotes":
        return [pair for pair in views.quote_order(record.get("quotes", []))
                if _touches(pair[1].get("sources", ()), wanted)]
    if section == "entities":
        return [e for e in views.entity_order(record.get("entities", []))
                if _touches({m["article"] for m in e.get("mentions", ())}, wanted)]
    if section == "timeline":
        entries = [e for e in record.get("timeline", []) if _touches(e.get("articles", ()), wanted)]
        return sorted(entries, key=_timeline_key)
    if section == "reports":
        return [e for e in data.row["event_list"] if event is None or e["id"] == event]
    if section == "coverage":
        return list(record.get("coverage", [])) if event is None else []
    raise KeyError(section)


def _timeline_key(entry: Mapping[str, Any]) -> tuple[bool, str, int, str]:
    """The story's own period first, then background; by first day, a day before its month."""
    found = date_range(str(entry.get("date", "")))
    first, days = (found[0].isoformat(), (found[1] - found[0]).days) if found else ("9999", 0)
    return bool(entry.get("background")), first, days, str(entry.get("date", ""))


def _timeline_item(entry: Mapping[str, Any], cite: views._Citer) -> dict[str, Any]:
    return {**entry, "sentence": (entry.get("sentences") or [""])[0],
            "citations": [cite.cite_text(a, (entry.get("sentences") or [""])[0]) for a in entry.get("articles", [])]}


def _event_item(data: StoryData, event: Mapping[str, Any], number: int) -> dict[str, Any]:
    inferred = data.record.get("report_dates", {})
    reports = [{key: a.get(key) for key in ("id", "title", "source", "published", "language", "label")}
               | {"href": views.article_href(a["id"]), "date": report_date(a.get("published"), inferred.get(a["id"]))}
               for a in data.articles if a["event_id"] == event["id"]]
    return {"id": event["id"], "number": number, "date": event["date"], "size": event["articles"], "articles": reports,
            "href": event_href(data.row["id"], event["id"])}


def view_items(data: StoryData, section: str, items: Raw, offset: int = 0) -> list[dict[str, Any]]:
    """Views (with citations) of ``items``, a slice of :func:`raw_items` starting at ``offset``."""
    cite = citer(data)
    if section in ("established", "claims", "single_source"):
        return [views._fact(f, cite) for f in items]
    if section == "contradictions":
        return [views._contradiction(c, cite) for c in items]
    if section == "quotes":
        return views.group_quotes(items, cite)
    if section == "entities":
        return [views.entity_item(e, cite) for e in items]
    if section == "timeline":
        return [_timeline_item(e, cite) for e in items]
    if section == "reports":
        numbers = {e["id"]: n for n, e in enumerate(data.row["event_list"], start=1)}
        return [_event_item(data, e, numbers.get(e["id"], offset + i + 1)) for i, e in enumerate(items)]
    raise KeyError(section)


def section_page(data: StoryData, section: str, *, page: int = 1, size: int = PAGE, event: str | None = None,
                 window: tuple[dt.date | None, dt.date | None] = (None, None)) -> dict[str, Any]:
    """One page of a section: its items (quotes in groups per speaker), total, links to the pages
    before and after; the timeline also has its chart, zoomed to ``window``."""
    raw = raw_items(data, section, event)
    if section == "timeline" and any(window):
        raw = [e for e in raw if _in_window(e, window)]
    offset = (page - 1) * size
    story_id = data.row["id"]
    found = {"name": section, "title": SECTION_TITLES[section], "total": len(raw), "page": page,
             "pages": max(1, -(-len(raw) // size)), "offset": offset, "event": event,
             "prev": section_href(story_id, section, event, page - 1) if page > 1 else None,
             "next": section_href(story_id, section, event, page + 1) if offset + size < len(raw) else None}
    if section == "coverage":
        found["matrix"] = views.coverage_view(data.record, data.by_id, offset=offset, limit=size)
        found["items"] = found["matrix"]["rows"]
    else:
        found["items"] = view_items(data, section, raw[offset : offset + size], offset)
    if section == "timeline":
        found["chart"] = (timeline_chart(raw, start=window[0], end=window[1]) if any(window)  # not kept: any window
                          else data.memoized(("chart", event), lambda: timeline_chart(raw)))
    return found


def _in_window(entry: Mapping[str, Any], window: tuple[dt.date | None, dt.date | None]) -> bool:
    found = date_range(str(entry.get("date", "")))
    return found is not None and (window[0] is None or found[1] >= window[0]) and (
        window[1] is None or found[0] <= window[1])


def _digest(data: StoryData, section: str, raw: Raw) -> str:
    """One line saying what a section holds, before any of its items."""
    count = len(raw)
    if section == "quotes":
        speakers = Counter(s for s, _ in raw if s)
        top = ", ".join(f"{name} ({n})" for name, n in speakers.most_common(3))
        return f"{count} quotations from {len(speakers)} named speakers" + (f"; most quoted: {top}" if top else "")
    if section == "entities":
        kinds = Counter(e["type"] for e in raw)
        top = ", ".join(e["name"] for e in raw[:3])
        return (f"{count} names: {kinds.get('PERSON', 0)} people, {kinds.get('ORG', 0)} organisations, "
                f"{kinds.get('GPE', 0) + kinds.get('LOC', 0)} places" + (f"; most named: {top}" if top else ""))
    if section == "timeline":
        own = [e for e in raw if not e.get("background")]
        days = [str(e["date"]) for e in own if len(str(e.get("date", ""))) == 10] or [str(e.get("date")) for e in own]
        back = [str(e.get("date")) for e in raw if e.get("background")]
        line = f"{len(own)} dated statements" + (f" from {min(days)} to {max(days)}" if days else "")
        return line + (f"; {len(back)} recall background dates ({min(back)} to {max(back)})" if back else "")
    if section == "contradictions":
        kinds = Counter(c["kind"] for c in raw)
        return f"{count} disagreements" + (": " + ", ".join(f"{n} on {k}" for k, n in kinds.most_common()) if kinds else "")
    if section == "reports":
        reports = sum(e["articles"] for e in raw)
        return f"{reports} reports in {count} events"
    if section == "coverage":
        return f"{count} outlets compared on the {min(views.MAX_MATRIX_FACTS, len(data.record.get('facts', [])))} " \
               "most corroborated facts"
    noun = {"established": "facts", "claims": "claims", "single_source": "claims by one outlet"}[section]
    return f"{count} {noun}"


def previews(data: StoryData, event: str | None = None, size: int = PREVIEW) -> list[dict[str, Any]]:
    """Every section as the front page (or an event's page) shows it: title, digest line, first
    items, and the link to the rest ("N more")."""
    shown = []
    story_id = data.row["id"]
    for section, title in SECTION_TITLES.items():
        if section == "coverage" and event is not None:
            continue
        raw = raw_items(data, section, event)
        item = {"name": section, "title": title, "total": len(raw), "digest": _digest(data, section, raw),
                "href": section_href(story_id, section, event)}
        if section == "coverage":
            item["matrix"] = views.coverage_view(data.record, data.by_id, limit=30)
            item["shown"] = min(30, len(raw))
            item["more"] = len(raw) - item["shown"]
        else:
            item["items"] = view_items(data, section, raw[:size])
            item["shown"] = min(size, len(raw))
            item["more"] = len(raw) - item["shown"]
        shown.append(item)
    return shown


def front_page(data: StoryData) -> dict[str, Any]:
    """The story's front page: header facts, summary with citations, the chart, section previews
    (built once per story version; pages only read it)."""
    return data.memoized(("front",), lambda: _front_page(data))


def _front_page(data: StoryData) -> dict[str, Any]:
    cite = citer(data)
    row = data.row
    outlets = Counter(a["source"] for a in data.articles if a.get("source"))
    return {"id": row["id"], "title": row["title"], "articles": row["articles"], "first_date": row["first_date"],
            "last_date": row["last_date"], "href": views.story_href(row["id"]), "is_reconciled": bool(data.record),
            "events": len(row["event_list"]),
            "languages": sorted(Counter(a["language"] for a in data.articles if a.get("language")).items()),
            "outlets": outlets.most_common(), "unknown_outlets": sum(1 for a in data.articles if not a.get("source")),
            "summary": _summary(data, cite),
            "chart": timeline_chart(data.record.get("timeline", [])), "sections": previews(data),
            "corrections": data.record.get("corrections", []),
            "correction_names": data.record.get("correction_names", {}), "is_stale": bool(data.row.get("is_stale"))}


def _summary(data: StoryData, cite: views._Citer) -> list[dict[str, Any]]:
    return [{"text": s["text"], "citations": [cite.cite_text(a, s["text"]) for a in s.get("sources", [])]}
            for s in data.record.get("summary", {}).get("sentences", [])]


def event_page(data: StoryData, event_id: str) -> dict[str, Any] | None:
    """One event: its date and reports, and the story's sections narrowed to those reports."""
    numbers = {e["id"]: n for n, e in enumerate(data.row["event_list"], start=1)}
    if event_id not in numbers:
        return None
    event = data.row["event_list"][numbers[event_id] - 1]
    previous = data.row["event_list"][numbers[event_id] - 2] if numbers[event_id] > 1 else None
    following = data.row["event_list"][numbers[event_id]] if numbers[event_id] < len(numbers) else None
    story_id = data.row["id"]
    return {"story": {"id": story_id, "title": data.row["title"], "href": views.story_href(story_id)},
            "event": _event_item(data, event, numbers[event_id]), "count": len(numbers),
            "prev": event_href(story_id, previous["id"]) if previous else None,
            "next": event_href(story_id, following["id"]) if following else None,
            "sections": [s for s in previews(data, event_id) if s["name"] != "reports"]}


def story_view(data: StoryData) -> dict[str, Any]:
    """The whole story at once (the JSON API's story), every section in full."""
    cite = citer(data)
    row, record = data.row, data.record
    every: Callable[[str], list[dict[str, Any]]] = lambda name: view_items(data, name, raw_items(data, name))  # noqa: E731
    return {
        "id": row["id"], "title": row["title"], "articles": row["articles"], "first_date": row["first_date"],
        "last_date": row["last_date"], "href": views.story_href(row["id"]), "is_reconciled": bool(record),
        "summary": _summary(data, cite), "events": every("reports"),
        "facts": [views._fact(f, cite) for f in record.get("facts", [])], "single_source": every("single_source"),
        "contradictions": every("contradictions"), "entities": every("entities"), "quotes": every("quotes"),
        "timeline": [_timeline_item(e, cite) for e in record.get("timeline", [])],
        "coverage": views.coverage_view(record, data.by_id),
        "corrections": record.get("corrections", []), "rejected": record.get("rejected", []),
    }


def warm(store: Store, cache: StoryCache, count: int) -> int:
    """Load the ``count`` largest stories and build their front pages into ``cache`` (what
    ``storyline serve --warm`` runs in a background thread at start); returns how many."""
    table = schema.stories
    with store.engine.connect() as conn:
        ids = list(conn.execute(select(table.c.id).order_by(table.c.articles.desc(), table.c.id).limit(count))
                   .scalars())
    done = 0
    for story_id in ids:
        data = load_story(store, story_id, cache)
        if data is not None:
            front_page(data)
            done += 1
    return done
