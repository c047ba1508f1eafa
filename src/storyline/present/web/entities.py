"""An entity across stories: in each story that names it, its roles, its quotes and its dates.

The stories are those whose record names it (canonical name or any spelling, latest first, one
page at a time); each page's stories are read through the app's story cache (so a record is
parsed once, and not at all on a later visit), and from each record this takes the entity
(spellings, roles with the reports that give them), the quotations whose speaker is the entity or
one of its spellings, and the dates of the reports that mention it. Cost: one lookup in the
entity index (else a scan of the records' text for the name, as the story list's entity filter
does), then the page's stories' records (cached), linear in their quotes.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select

from storyline.present.web import views
from storyline.present.web.story import citer, section_href
from storyline.present.web.story_data import StoryCache, StoryData, load_story
from storyline.store import Store, schema
from storyline.store.validate import matchable

#: Quotes of the entity shown per story before "N more".
QUOTES_PER_STORY = 5


def entity_page(store: Store, name: str, cache: StoryCache | None, *, limit: int, offset: int) -> dict[str, Any]:
    """One page of the stories naming ``name``, each with what it says of the entity; ``roles``
    sums the roles seen over the page's stories."""
    total, rows = _naming(store, name, limit=limit, offset=offset)
    items, roles = [], Counter[str]()
    for row in rows:
        row["href"] = views.story_href(row["id"])
        data = load_story(store, row["id"], cache)
        if data is not None:
            row["entity"] = _matching(data.record, name)
            row.update(_in_story(data, name, row["entity"]))
            roles.update(r["role"] for r in row["roles"])
        items.append(row)
    return {"name": name, "total": total, "limit": limit, "offset": offset, "items": items,
            "roles": roles.most_common()}


def _naming(store: Store, name: str, *, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page of) the story rows naming ``name``, latest first: the stories the entity
    index holds under that spelling, else (a speaker, a one-word spelling) those whose record has
    it as a whole JSON string. The records themselves are read through the story cache, not here
    (:func:`storyline.store.queries.entity_stories` parses each)."""
    stories, records = schema.stories, schema.story_records
    if not matchable(name):
        return 0, []
    indexed = sorted({row["story_id"] for row in store.entity_stories(name)})
    if indexed:  # the entity index (folded full spellings): no scan of the records
        naming = stories.c.id.in_(indexed)
    else:  # a speaker or a one-word spelling the index does not hold
        quoted = json.dumps(name.strip(), ensure_ascii=False)
        naming = (records.c.data.contains(quoted, autoescape=True) if store.engine.dialect.name == "sqlite"
                  else records.c.data.icontains(quoted, autoescape=True))
    joined = stories.join(records, records.c.story_id == stories.c.id)
    columns = [c for c in stories.c if c.name != "run_id"]
    with store.engine.connect() as conn:
        total = int(conn.execute(select(func.count()).select_from(joined).where(naming)).scalar_one())
        rows = conn.execute(select(*columns).select_from(joined).where(naming)
                            .order_by(stories.c.last_date.desc(), stories.c.articles.desc(), stories.c.id)
                            .limit(limit).offset(offset)).all()
    return total, [dict(row._mapping) for row in rows]


def _matching(record: Mapping[str, Any], name: str) -> dict[str, Any] | None:
    """The record's entity of that name or spelling (what the page says it is called there)."""
    wanted = name.strip().casefold()
    for entity in record.get("entities", []):
        if wanted in {s.casefold() for s in (entity.get("name", ""), *entity.get("aliases", {}))}:
            return {key: entity.get(key) for key in ("id", "name", "type", "aliases", "roles")}
    return None


def _spellings(name: str, entity: Mapping[str, Any] | None) -> set[str]:
    found = {name.strip().casefold()}
    if entity:
        found |= {entity.get("name", "").casefold(), *(a.casefold() for a in entity.get("aliases", {}))}
    return found - {""}


def _in_story(data: StoryData, name: str, matched: Mapping[str, Any] | None) -> dict[str, Any]:
    """The entity's roles, quotes and report dates in one story."""
    cite = citer(data)
    spellings = _spellings(name, matched)
    entity = next((e for e in data.record.get("entities", []) if matched and e.get("id") == matched.get("id")), None)
    roles = [{"role": role, "citations": [_dated(cite.cite(a), data) for a in sources]}
             for role, sources in (entity or {}).get("roles", {}).items()]
    quotes = [q for q in data.record.get("quotes", [])
              if {(q.get("speaker_entity") or "").casefold(), (q.get("speaker") or "").casefold(),
                  (q.get("speaker_name") or "").casefold()} & spellings]
    quotes.sort(key=lambda q: (_first_date(q.get("sources", []), data) or "9999", q["id"]))
    mentioned = {m["article"] for m in (entity or {}).get("mentions", [])} | {a for q in quotes for a in q["sources"]}
    dates = sorted(d for a in mentioned if (d := (data.by_id.get(a) or {}).get("published")))
    return {"roles": roles, "quote_count": len(quotes),
            "quotes": [{**views.quote_item(q, cite), "date": _first_date(q.get("sources", []), data)}
                       for q in quotes[:QUOTES_PER_STORY]],
            "quotes_more": max(0, len(quotes) - QUOTES_PER_STORY), "quotes_href": section_href(data.row["id"], "quotes"),
            "mentioned_from": dates[0][:10] if dates else None, "mentioned_to": dates[-1][:10] if dates else None,
            "reports": len(mentioned)}


def _first_date(article_ids: list[str], data: StoryData) -> str | None:
    dates = [d[:10] for a in article_ids if (d := (data.by_id.get(a) or {}).get("published"))]
    return min(dates) if dates else None


def _dated(citation: dict[str, Any], data: StoryData) -> dict[str, Any]:
    published = (data.by_id.get(citation["article"]) or {}).get("published")
    return {**citation, "date": published[:10] if published else None}
