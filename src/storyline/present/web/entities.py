"""An entity across stories: in each story that names it, its roles, its quotes and its dates.

The stories come from :func:`storyline.store.queries.entity_stories` (canonical name or any
spelling, latest first, one page at a time); each page's stories are read through the app's story
cache, and from each record this takes the entity (spellings, roles with the reports that give
them), the quotations whose speaker is the entity or one of its spellings, and the dates of the
reports that mention it. Cost: the page's stories' records (cached), linear in their quotes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from storyline.present.web import views
from storyline.present.web.story import citer, section_href
from storyline.present.web.story_data import StoryCache, StoryData, load_story
from storyline.store import Store, queries

#: Quotes of the entity shown per story before "N more".
QUOTES_PER_STORY = 5


def entity_page(store: Store, name: str, cache: StoryCache | None, *, limit: int, offset: int) -> dict[str, Any]:
    """One page of the stories naming ``name``, each with what it says of the entity; ``roles``
    sums the roles seen over the page's stories."""
    total, rows = queries.entity_stories(store, name, limit=limit, offset=offset)
    items, roles = [], Counter[str]()
    for row in rows:
        row["href"] = views.story_href(row["id"])
        data = load_story(store, row["id"], cache)
        if data is not None:
            row.update(_in_story(data, name, row.get("entity")))
            roles.update(r["role"] for r in row["roles"])
        items.append(row)
    return {"name": name, "total": total, "limit": limit, "offset": offset, "items": items,
            "roles": roles.most_common()}


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
              if {(q.get("speaker_entity") or "").casefold(), (q.get("speaker") or "").casefold()} & spellings]
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
