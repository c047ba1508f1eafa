"""What the pages show, as plain JSON-able data: the API returns it and the templates render it.

Every citation carries an ``href`` to the source article's page; where the store knows the
sentence behind the citation (a fact's support span), the link names it (``?cite=start-end``) and
jumps to it (``#cited``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from storyline.present.labels import citation_label, outlet_label, report_label
from storyline.present.web.charts import timeline_chart
from storyline.present.web.security import safe_url
from storyline.present.web.spans import Block, blocks, marks_of
from storyline.store import Store, queries

#: Facts shown as rows of the coverage matrix (most corroborated first).
MAX_MATRIX_ROWS = 60
#: Sections of a story that the API pages through.
SECTIONS = ("events", "facts", "single_source", "contradictions", "entities", "quotes", "timeline", "coverage")


def article_href(article_id: str, span: tuple[int, int] | None = None) -> str:
    """The article page, pointing at the sentence ``span`` covers when one is given."""
    href = "/articles/" + quote(article_id, safe="")
    return href if span is None else f"{href}?cite={span[0]}-{span[1]}#cited"


def entity_href(name: str) -> str:
    """The page of the stories naming ``name``."""
    return "/entities/" + quote(name, safe="")


def story_href(story_id: str) -> str:
    """The story's page."""
    return "/stories/" + quote(story_id, safe="")


class _Citer:
    """Builds citations of one story: outlet names and links to the sentence when known."""

    def __init__(self, articles: Mapping[str, Mapping[str, Any]], record: Mapping[str, Any]) -> None:
        self.articles = articles
        self.spans: dict[str, dict[str, tuple[int, int]]] = {}
        for fact in [*record.get("facts", []), *record.get("single_source", [])]:
            found = self.spans.setdefault(fact["text"], {})
            for item in fact.get("support", []):
                found.setdefault(item["article"], (int(item["start"]), int(item["end"])))

    def outlet(self, article_id: str) -> str:
        """The cited report's outlet and language ("elmundo.es · es"), never its id."""
        meta = self.articles.get(article_id) or {}
        return citation_label(meta.get("source"), meta.get("language"), report_label(meta))

    def outlets(self, values: Sequence[str | None]) -> list[str]:
        """A record's outlets as shown: a report id standing for an unknown outlet is named so."""
        return [outlet_label(value, self.articles) for value in values if value]

    def cite(self, article_id: str, span: tuple[int, int] | None = None) -> dict[str, Any]:
        return {"article": article_id, "outlet": self.outlet(article_id), "href": article_href(article_id, span),
                "start": span[0] if span else None, "end": span[1] if span else None}

    def cite_text(self, article_id: str, text: str) -> dict[str, Any]:
        return self.cite(article_id, self.spans.get(text, {}).get(article_id))


def story_view(store: Store, story_id: str) -> dict[str, Any] | None:
    """Everything the story page shows, or None for an unknown story."""
    row = queries.story_row(store, story_id)
    if row is None:
        return None
    record = queries.story_record(store, story_id)
    articles = queries.story_articles(store, story_id)
    by_id = {a["id"]: a for a in articles}
    citer = _Citer(by_id, record)
    facts = [_fact(f, citer) for f in record.get("facts", [])]
    single = [_fact(f, citer) for f in record.get("single_source", [])]
    summary = record.get("summary", {})
    return {
        "id": row["id"], "title": row["title"], "articles": row["articles"], "first_date": row["first_date"],
        "last_date": row["last_date"], "href": story_href(row["id"]), "is_reconciled": bool(record),
        "summary": [{"text": s["text"], "citations": [citer.cite_text(a, s["text"]) for a in s.get("sources", [])]}
                    for s in summary.get("sentences", [])],
        "events": _events(row["event_list"], articles),
        "facts": facts, "single_source": single,
        "contradictions": [_contradiction(c, citer) for c in record.get("contradictions", [])],
        "entities": _entities(record.get("entities", []), citer),
        "quotes": _quote_groups(record.get("quotes", []), citer),
        "timeline": [{**entry, "citations": [citer.cite(a) for a in entry.get("articles", [])]}
                     for entry in record.get("timeline", [])],
        "coverage": _coverage(record, facts, single, by_id),
    }


def story_chart(view: Mapping[str, Any]) -> dict[str, Any] | None:
    """The timeline chart of a story view (for the page; the API gives the timeline itself)."""
    return timeline_chart(view["timeline"])


def _events(events: Sequence[Mapping[str, Any]], articles: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for article in articles:
        grouped.setdefault(article["event_id"], []).append(
            {key: article[key] for key in ("id", "title", "source", "published", "language")}
            | {"href": article_href(article["id"])})
    return [{"id": e["id"], "date": e["date"], "size": e["articles"], "articles": grouped.get(e["id"], [])}
            for e in events]


def _fact(fact: Mapping[str, Any], citer: _Citer) -> dict[str, Any]:
    """A fact as the page shows it: who it comes from (``status``: ``established`` by several
    independent outlets in their own voice, ``claimed`` by a party, or ``reported``; the parties
    in ``claimed_by``) and where each report states it. Records written before facts carried a
    status count as established when two independent outlets report them."""
    voices = fact.get("voices", 1)
    status = fact.get("status") or ("established" if voices >= 2 else "reported")
    return {"id": fact["id"], "text": fact["text"], "voices": voices, "status": status,
            "own_voice": fact.get("own_voice", voices if status == "established" else 0),
            "claimed_by": [{"party": p["party"], "type": p.get("type"), "cues": p.get("cues", [])}
                           for p in fact.get("claimed_by", [])],
            "outlets": citer.outlets(fact.get("outlets", [])), "outlet_keys": [o for o in fact.get("outlets", []) if o],
            "citations": [citer.cite(s["article"], (int(s["start"]), int(s["end"]))) for s in fact.get("support", [])]}


def _contradiction(clash: Mapping[str, Any], citer: _Citer) -> dict[str, Any]:
    sides = {}
    for side in ("left", "right"):
        item = clash[side]
        sides[side] = {**item, "outlet": citer.outlet(item["article"]),
                       "href": article_href(item["article"], (int(item["start"]), int(item["end"])))}
    return {"kind": clash["kind"], "fact": clash.get("fact"), "reason": clash.get("reason"), **sides}


def _entities(entities: Sequence[Mapping[str, Any]], citer: _Citer) -> list[dict[str, Any]]:
    shown = []
    for entity in entities:
        aliases = sorted(entity.get("aliases", {}).items(), key=lambda pair: (-pair[1], pair[0]))
        shown.append({
            "id": entity["id"], "name": entity["name"], "type": entity["type"], "href": entity_href(entity["name"]),
            "mentions": len(entity.get("mentions", [])),
            "spellings": [{"text": alias, "count": count} for alias, count in aliases],
            "roles": [{"role": role, "citations": [citer.cite(a) for a in sources]}
                      for role, sources in entity.get("roles", {}).items()],
        })
    type_rank = {"PERSON": 0, "ORG": 1, "GPE": 2, "LOC": 3}
    return sorted(shown, key=lambda e: (type_rank.get(e["type"], 9), -e["mentions"], e["name"]))


def _quote_groups(quotes: Sequence[Mapping[str, Any]], citer: _Citer) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in quotes:
        # One group per person: a linked quote goes under its entity, whatever the spelling.
        groups.setdefault(item.get("speaker_entity") or item.get("speaker") or "", []).append({
            "id": item["id"], "text": item["text"], "kind": item["kind"], "cue": item.get("cue"),
            "outlets": citer.outlets(item.get("outlets", [])),
            "citations": [citer.cite(a) for a in item.get("sources", [])],
            "variants": [{"outlet": citer.outlet(v["article"]), "text": v["text"], "article": v["article"],
                          "kind": v.get("kind", item["kind"]), "cue": v.get("cue")}
                         for v in item.get("variants", [])],
        })
    ordered = sorted(groups.items(), key=lambda pair: (pair[0] == "", -sum(len(q["citations"]) for q in pair[1]),
                                                       pair[0]))
    return [{"speaker": speaker or None, "href": entity_href(speaker) if speaker else None,
             "quotes": sorted(items, key=lambda q: -len(q["citations"]))} for speaker, items in ordered]


def _coverage(record: Mapping[str, Any], facts: Sequence[Mapping[str, Any]],
              single: Sequence[Mapping[str, Any]], citer_articles: Mapping[str, Any]) -> dict[str, Any]:
    outlets = [c["outlet"] for c in record.get("coverage", [])]
    rows = sorted([*facts, *single], key=lambda f: -f["voices"])
    columns = [{"outlet": outlet_label(c["outlet"], citer_articles), "included": len(c.get("included", [])), "omitted": len(c.get("omitted", [])),
                "only": len(c.get("only", []))} for c in record.get("coverage", [])]
    matrix = [{"id": f["id"], "text": f["text"], "voices": f["voices"],
               "cells": [outlet in f["outlet_keys"] for outlet in outlets]} for f in rows[:MAX_MATRIX_ROWS]]
    return {"outlets": columns, "rows": matrix, "hidden_rows": max(0, len(rows) - MAX_MATRIX_ROWS)}


def article_view(store: Store, article_id: str, cite: tuple[int, int] | None = None) -> dict[str, Any] | None:
    """Everything the article page shows, or None for an unknown article."""
    article = store.article(article_id)
    if article is None:
        return None
    annotated = next(iter(store.annotated([article.id])), None)
    text = article.text
    place = queries.article_place(store, article.id)
    story = queries.story_row(store, place[0]) if place else None
    found: list[Block] = blocks(text, annotated.sentences if annotated else (),
                                marks_of(annotated) if annotated else (), cite)
    entities: dict[tuple[str, str], int] = {}
    for mention in annotated.entities if annotated else ():
        key = (mention.entity or mention.span.text_in(text), mention.type)
        entities[key] = entities.get(key, 0) + 1
    return {
        "id": article.id, "title": article.title, "source": article.source, "published": article.published,
        "language": article.language, "url": article.url, "safe_url": safe_url(article.url), "text": text,
        "provenance": article.provenance.to_json() if article.provenance else None,
        "story": None if story is None else {"id": story["id"], "title": story["title"], "href": story_href(story["id"]),
                                             "event": place[1] if place else None},
        "is_analysed": annotated is not None, "cite": list(cite) if cite else None,
        "entities": [{"name": n, "type": t, "count": c, "href": entity_href(n)}
                     for (n, t), c in sorted(entities.items(), key=lambda item: (-item[1], item[0]))],
        "times": [{**t.span.to_json(text), "type": t.type, "value": t.value} for t in (annotated.times if annotated else ())],
        "quotes": [{**q.content.to_json(text), "kind": q.kind, "speaker": q.speaker_entity
                    or (q.speaker.text_in(text) if q.speaker else None)} for q in (annotated.quotes if annotated else ())],
        "sentences": [s.to_json(text) for s in (annotated.sentences if annotated else ())],
        "mentions": [{**m.span.to_json(text), "type": m.type, "entity": m.entity}
                     for m in (annotated.entities if annotated else ())],
        "blocks": found,
    }


def story_list_view(store: Store, where: queries.StoryFilter, *, limit: int, offset: int) -> dict[str, Any]:
    """One page of the filtered story list, in the API's page shape."""
    total, rows = queries.list_stories(store, where, limit=limit, offset=offset)
    for row in rows:
        row["href"] = story_href(row["id"])
    return {"total": total, "limit": limit, "offset": offset, "items": rows}


def entity_view(store: Store, name: str, *, limit: int, offset: int) -> dict[str, Any]:
    """One page of the stories that name ``name``, with what each knows of the entity."""
    total, rows = queries.entity_stories(store, name, limit=limit, offset=offset)
    for row in rows:
        row["href"] = story_href(row["id"])
    return {"name": name, "total": total, "limit": limit, "offset": offset, "items": rows}


def paged(items: Sequence[Any], *, limit: int, offset: int) -> dict[str, Any]:
    """One page of a list, in the API's page shape."""
    return {"total": len(items), "limit": limit, "offset": offset, "items": list(items[offset : offset + limit])}
