"""Analysts' corrections of a story's entities: two entities are one, or one entity is two.

Three kinds of record (see :mod:`storyline.corrections.records` for how they are kept):

- ``merge_entities``: ``target`` names the entity merged away, ``value`` the one kept. The kept
  entity takes the other's spellings, mentions, roles and sources; quotations attributed to the
  merged one are attributed to the kept one.
- ``split_spelling``: ``target`` names the entity, ``value`` one of its spellings: the mentions
  with that spelling become an entity of their own, named by it.
- ``split_mention``: ``target`` names the entity, ``value`` one mention as
  ``TEXT @ ARTICLE:START:END`` (the mention's words, the new entity's name, and its span in the
  report's text).

Entities are found by name, by any spelling (folded: case, accents, spacing), never by id alone:
an entity's id comes from its first mention, which a later run can change, while its spellings
stay. A mention's spelling is not stored in a record (only its span), so a split by spelling
takes the spans in the reports that used that spelling whose length is the spelling's; where
another spelling of the same length was used in the same report, the mention stays (said in
the docs: that case is rare and ambiguous). A correction whose entities are not in the story
(a later run changed them) does nothing. Cost: linear in the story's entities and quotes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from storyline.reconcile.name_keys import fold

ENTITY_KINDS = ("merge_entities", "split_spelling", "split_mention")


def key(name: Any) -> str:
    """A name as matched: folded, spacing collapsed."""
    return " ".join(fold(str(name or "")).split())


def _spellings(entity: Mapping[str, Any]) -> set[str]:
    return {key(entity.get("name"))} | {key(a) for a in entity.get("aliases", {})}


def find(entities: Sequence[Mapping[str, Any]], name: str | None) -> int | None:
    """The position of the entity called ``name`` (its name first, else any spelling)."""
    wanted = key(name)
    if not wanted:
        return None
    for n, entity in enumerate(entities):
        if key(entity.get("name")) == wanted:
            return n
    return next((n for n, entity in enumerate(entities) if wanted in _spellings(entity)), None)


def _copy(entity: Mapping[str, Any]) -> dict[str, Any]:
    return {**entity, "aliases": dict(entity.get("aliases", {})), "mentions": list(entity.get("mentions", [])),
            "roles": {r: list(a) for r, a in entity.get("roles", {}).items()},
            "alias_sources": {s: list(a) for s, a in entity.get("alias_sources", {}).items()}}


def _merge_into(kept: dict[str, Any], other: Mapping[str, Any]) -> None:
    for spelling, count in other.get("aliases", {}).items():
        kept["aliases"][spelling] = kept["aliases"].get(spelling, 0) + count
    seen = {(m["article"], m["start"], m["end"]) for m in kept["mentions"]}
    kept["mentions"] += [m for m in other.get("mentions", []) if (m["article"], m["start"], m["end"]) not in seen]
    for field in ("roles", "alias_sources"):
        for name, articles in other.get(field, {}).items():
            kept[field][name] = list(dict.fromkeys([*kept[field].get(name, []), *articles]))


def _new_id(*parts: str) -> str:
    return "x" + hashlib.blake2b(" ".join(parts).encode(), digest_size=6).hexdigest()


def _split_spelling(entity: dict[str, Any], spelling: str) -> dict[str, Any] | None:
    found = next((s for s in entity["aliases"] if key(s) == key(spelling)), None)
    if found is None or len(entity["aliases"]) < 2:
        return None
    sources = set(entity["alias_sources"].get(found, []))
    same_length = {a for s, arts in entity["alias_sources"].items() if s != found and len(s) == len(found)
                   for a in arts}
    moved = [m for m in entity["mentions"] if m["article"] in sources and m["article"] not in same_length
             and m["end"] - m["start"] == len(found)]
    entity["mentions"] = [m for m in entity["mentions"] if m not in moved]
    count = entity["aliases"].pop(found)
    entity["alias_sources"].pop(found, None)
    if key(entity["name"]) == key(found):
        entity["name"] = max(entity["aliases"], key=lambda s: (entity["aliases"][s], s))
    return {"id": _new_id(entity["id"], found), "name": found, "type": entity.get("type"), "aliases": {found: count},
            "roles": {}, "mentions": moved, "alias_sources": {found: sorted(sources)}, "split_from": entity["name"]}


def _split_mention(entity: dict[str, Any], value: str) -> dict[str, Any] | None:
    text, _, span = value.rpartition(" @ ")
    article, _, rest = span.rpartition(":")
    article, _, start = article.rpartition(":")
    if not (start.isdigit() and rest.isdigit()):
        return None
    mention = next((m for m in entity["mentions"] if (m["article"], m["start"], m["end"]) == (article, int(start),
                                                                                            int(rest))), None)
    if mention is None or len(entity["mentions"]) < 2:
        return None
    entity["mentions"] = [m for m in entity["mentions"] if m is not mention]
    name = " ".join((text or "").split()) or entity["name"]
    spelling = next((s for s in entity["aliases"] if key(s) == key(name)), None)
    if spelling is not None and entity["aliases"][spelling] > 1:
        entity["aliases"][spelling] -= 1
    return {"id": _new_id(entity["id"], span), "name": name, "type": entity.get("type"), "aliases": {name: 1},
            "roles": {}, "mentions": [mention], "alias_sources": {name: [article]}, "split_from": entity["name"]}


def _rename_speakers(quotes: Iterable[Mapping[str, Any]], old: set[str], new: str) -> list[dict[str, Any]]:
    def renamed(item: Mapping[str, Any]) -> dict[str, Any]:
        found = dict(item)
        for field in ("speaker", "speaker_entity", "said_by", "speaker_name"):
            if found.get(field) and key(found[field]) in old:
                found[field] = new
        if "variants" in found:
            found["variants"] = [renamed(v) for v in found["variants"]]
        return found

    return [renamed(q) for q in quotes]


def apply_entities(record: Mapping[str, Any], active: Sequence[Any]) -> tuple[dict[str, Any], set[int]]:
    """The record with the active entity corrections applied in order (``record`` unchanged), and
    the ids of those that found nothing to change."""
    found = dict(record)
    entities = [_copy(e) for e in record.get("entities", [])]
    quotes = record.get("quotes", [])
    idle: set[int] = set()
    for correction in active:
        if correction.kind == "merge_entities":
            kept, other = find(entities, correction.value), find(entities, correction.target)
            if kept is None or other is None or kept == other:
                idle.add(correction.id)
                continue
            _merge_into(entities[kept], entities[other])
            quotes = _rename_speakers(quotes, _spellings(entities[other]), entities[kept]["name"])
            del entities[other]
        elif correction.kind in ("split_spelling", "split_mention"):
            at = find(entities, correction.target)
            part = None if at is None else (_split_spelling(entities[at], correction.value or "")
                                            if correction.kind == "split_spelling"
                                            else _split_mention(entities[at], correction.value or ""))
            if part is None:
                idle.add(correction.id)
                continue
            entities.insert(at + 1, part)  # type: ignore[operator]
    found["entities"] = entities
    if quotes is not record.get("quotes", []):
        found["quotes"] = quotes
    return found, idle
