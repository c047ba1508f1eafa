"""What the pages show, as plain JSON-able data: the API returns it and the templates render it.

Every citation carries an ``href`` to the source article's page; where the store knows the
sentence behind the citation (a fact's support span), the link names it (``?cite=start-end``) and
jumps to it (``#cited``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from storyline.present import corrections
from storyline.present.labels import citation_label, entity_order, outlet_label, report_label, report_title
from storyline.present.web.listing import SnippetCache, decorate
from storyline.present.web.security import safe_url
from storyline.present.web.spans import Block, blocks, marks_of
from storyline.store import Store, queries

#: Facts shown as columns of the coverage matrix (most corroborated first).
MAX_MATRIX_FACTS = 20
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
    """Builds citations of one story: outlet names and links to the sentence when known.

    ``support`` maps a fact's or claim's text to its support spans (``{"article", "start",
    "end"}``); the first fact of a text wins. Built from ``record`` when not given.
    """

    def __init__(self, articles: Mapping[str, Mapping[str, Any]], record: Mapping[str, Any],
                 support: Mapping[str, Sequence[Mapping[str, Any]]] | None = None) -> None:
        self.articles = articles
        self.support = support if support is not None else support_index(record)

    def span(self, text: str, article_id: str) -> tuple[int, int] | None:
        """Where ``article_id`` states the fact whose text is ``text``, if the record knows."""
        for item in self.support.get(text, ()):
            if item["article"] == article_id:
                return int(item["start"]), int(item["end"])
        return None

    def outlet(self, article_id: str) -> str:
        """The cited report's outlet and language ("elmundo.es · es"), never its id."""
        meta = self.articles.get(article_id) or {}
        return citation_label(meta.get("source"), meta.get("language"), meta.get("which") or report_label(meta))

    def outlets(self, values: Sequence[str | None]) -> list[str]:
        """A record's outlets as shown: a report id standing for an unknown outlet is named so."""
        return [outlet_label(value, self.articles) for value in values if value]

    def cite(self, article_id: str, span: tuple[int, int] | None = None) -> dict[str, Any]:
        return {"article": article_id, "outlet": self.outlet(article_id), "href": article_href(article_id, span),
                "start": span[0] if span else None, "end": span[1] if span else None}

    def cite_text(self, article_id: str, text: str) -> dict[str, Any]:
        return self.cite(article_id, self.span(text, article_id))


def support_index(record: Mapping[str, Any]) -> dict[str, Sequence[Mapping[str, Any]]]:
    """Fact or claim text → its support spans (the first fact of a text wins): one dict over the
    record's own lists, so that even 20,000 claims cost one pass and no new containers."""
    facts = [*record.get("facts", []), *record.get("single_source", [])]
    return {fact["text"]: fact.get("support", ()) for fact in reversed(facts)}


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
            "citations": [citer.cite(s["article"], (int(s["start"]), int(s["end"]))) for s in fact.get("support", [])],
            "disputes": [_dispute(d, citer) for d in fact.get("disputes", [])]}


def _dispute(dispute: Mapping[str, Any], citer: _Citer) -> dict[str, Any]:
    """A fact's dispute as shown: its value with the reports giving it, and the other fact's
    wording and value with theirs."""
    def cites(support: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        return [citer.cite(s["article"], (int(s["start"]), int(s["end"]))) for s in support]

    return {"fact": dispute.get("fact"), "text": dispute.get("other_sentence") or dispute.get("text", ""),
            "kind": dispute.get("kind"),
            "value": dispute.get("value", ""), "other_value": dispute.get("other_value", ""),
            "outlets": citer.outlets(dispute.get("outlets", [])),
            "other_outlets": citer.outlets(dispute.get("other_outlets", [])),
            "citations": cites(dispute.get("support", [])), "other_citations": cites(dispute.get("other_support", []))}


def _contradiction(clash: Mapping[str, Any], citer: _Citer) -> dict[str, Any]:
    sides = {}
    for side in ("left", "right"):
        item = clash[side]
        sides[side] = {**item, "outlet": citer.outlet(item["article"]),
                       "href": article_href(item["article"], (int(item["start"]), int(item["end"])))}
    return {"kind": clash["kind"], "fact": clash.get("fact"), "reason": clash.get("reason"), **sides}


def entity_item(entity: Mapping[str, Any], citer: _Citer) -> dict[str, Any]:
    """One entity of a story as shown: spellings (most used first) and roles with their sources."""
    aliases = sorted(entity.get("aliases", {}).items(), key=lambda pair: (-pair[1], pair[0]))
    return {"id": entity["id"], "name": entity["name"], "type": entity["type"], "href": entity_href(entity["name"]),
            "mentions": len(entity.get("mentions", [])),
            "spellings": [{"text": alias, "count": count} for alias, count in aliases],
            "roles": [{"role": role, "citations": [citer.cite(a) for a in sources]}
                      for role, sources in entity.get("roles", {}).items()]}


def _entities(entities: Sequence[Mapping[str, Any]], citer: _Citer) -> list[dict[str, Any]]:
    return [entity_item(e, citer) for e in entity_order(entities)]


def quote_order(quotes: Sequence[Mapping[str, Any]]) -> list[tuple[str, Mapping[str, Any]]]:
    """(speaker, quote) in the order shown: one group per person (a linked quote goes under its
    entity, whatever the spelling), most cited speakers first, unattributed last; within a
    group, most cited first."""
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for item in quotes:
        groups.setdefault(item.get("speaker_name") or item.get("speaker_entity") or item.get("speaker") or "", []).append(item)
    ordered = sorted(groups.items(), key=lambda pair: (pair[0] == "", -sum(len(q.get("sources", [])) for q in pair[1]),
                                                       pair[0]))
    return [(speaker, item) for speaker, items in ordered
            for item in sorted(items, key=lambda q: -len(q.get("sources", [])))]


def quote_item(item: Mapping[str, Any], citer: _Citer) -> dict[str, Any]:
    """One merged quotation as shown, with each outlet's wording."""
    return {"id": item["id"], "text": item["text"], "kind": item["kind"], "cue": item.get("cue"),
            "outlets": citer.outlets(item.get("outlets", [])),
            "citations": [citer.cite(a) for a in item.get("sources", [])],
            "variants": [{"outlet": citer.outlet(v["article"]), "text": v["text"], "article": v["article"],
                          "kind": v.get("kind", item["kind"]), "cue": v.get("cue")}
                         for v in item.get("variants", [])]}


def group_quotes(pairs: Sequence[tuple[str, Mapping[str, Any]]], citer: _Citer) -> list[dict[str, Any]]:
    """Consecutive quotes of one speaker as one group (``speaker`` None: unattributed)."""
    groups: list[dict[str, Any]] = []
    for speaker, item in pairs:
        if not groups or groups[-1]["key"] != speaker:
            groups.append({"key": speaker, "speaker": speaker or None,
                           "href": entity_href(speaker) if speaker else None, "quotes": []})
        groups[-1]["quotes"].append(quote_item(item, citer))
    for group in groups:
        group.pop("key")
    return groups


def _quote_groups(quotes: Sequence[Mapping[str, Any]], citer: _Citer) -> list[dict[str, Any]]:
    return group_quotes(quote_order(quotes), citer)


def coverage_view(record: Mapping[str, Any], articles: Mapping[str, Any], *, facts: int = MAX_MATRIX_FACTS,
                  offset: int = 0, limit: int | None = None) -> dict[str, Any]:
    """Outlets (rows, named as the reader knows them; named outlets first, most reports first) × the
    most corroborated facts (columns F1…, each with its text in a key below), so that 30 outlets
    read as 30 lines; ``rows`` pages the outlets, ``hidden_facts`` counts facts not in the matrix."""
    ranked = sorted(record.get("facts", []), key=lambda f: (-f.get("voices", 1), f["id"]))
    shown = ranked[:facts]
    columns = [{"n": n, "id": f["id"], "text": f["text"], "voices": f.get("voices", 1)}
               for n, f in enumerate(shown, start=1)]
    cover = sorted(record.get("coverage", []), key=lambda c: (c["outlet"] in articles, -len(c.get("articles", [])),
                                                              outlet_label(c["outlet"], articles)))
    window = cover[offset:] if limit is None else cover[offset : offset + limit]
    rows = []
    for entry in window:
        included = set(entry.get("included", []))
        rows.append({"outlet": outlet_label(entry["outlet"], articles), "included": len(included),
                     "omitted": len(entry.get("omitted", [])), "only": len(entry.get("only", [])),
                     "reports": len(entry.get("articles", [])), "cells": [f["id"] in included for f in shown]})
    return {"facts": columns, "rows": rows, "total": len(cover), "offset": offset,
            "hidden_facts": max(0, len(ranked) - len(shown))}


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
        "label": report_title(article.title, article.source, article.published, text[:160]),
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


def story_list_view(store: Store, where: queries.StoryFilter, *, limit: int, offset: int,
                    snippets: SnippetCache | None = None) -> dict[str, Any]:
    """One page of the filtered story list, in the API's page shape; each row with its snippet
    (the summary's first sentence) and its outlets as a row shows them."""
    total, rows = queries.list_stories(store, where, limit=limit, offset=offset)
    for row in rows:
        row["href"] = story_href(row["id"])
    decorate(rows, (snippets or SnippetCache()).lookup(store, [row["id"] for row in rows]))
    for story_id, found in corrections.for_stories(store, [row["id"] for row in rows]).items():
        renamed = [c.value for c in found if c.is_active and c.kind == "rename"]
        for row in rows:
            if row["id"] == story_id and renamed:
                row["title"], row["renamed"] = renamed[-1], True
    return {"total": total, "limit": limit, "offset": offset, "items": rows}


def paged(items: Sequence[Any], *, limit: int, offset: int) -> dict[str, Any]:
    """One page of a list, in the API's page shape."""
    return {"total": len(items), "limit": limit, "offset": offset, "items": list(items[offset : offset + limit])}
