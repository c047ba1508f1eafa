"""Entity records from resolved mention clusters: canonical name, type, aliases, roles, ids.

:func:`build_entities` turns clusters of (item, mention) indices into :class:`Entity` records and
fills each mention's ``entity``; :mod:`storyline.reconcile.entities` decides the clusters. The
canonical name is the alias found in most reports, then most often, then longest (people prefer
full names); an organisation or place that names a country is a GPE. Cost: linear in mentions.
"""

from __future__ import annotations

import bisect
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from storyline.analyze.roles import find_role
from storyline.model import Annotated, Entity, Mention, Span
from storyline.reconcile.name_data import ALIASES, COUNTRIES
from storyline.reconcile.name_glue import glued_aliases, merge_glued
from storyline.reconcile.name_keys import FAMILY, alias_of, fold, name_words
from storyline.reconcile.name_orgs import org_alias
from storyline.reconcile.places import is_place_name, is_territory, place_key

__all__ = ["build_entities", "entity_json", "mentions_of", "roles_of"]


def roles_of(items: Sequence[Annotated]) -> dict[tuple[int, int], str]:
    """Role text of every PERSON mention that has one, by (item, mention) index."""
    out: dict[tuple[int, int], str] = {}
    for ii, item in enumerate(items):
        text = item.article.text
        people = sorted((m for m in item.entities if m.type == "PERSON"), key=lambda m: m.span.start)
        people_starts = [m.span.start for m in people]
        starts = [s.start for s in item.sentences]
        for mi, mention in enumerate(item.entities):
            if mention.type != "PERSON":
                continue
            k = bisect.bisect_right(starts, mention.span.start) - 1
            sentence = item.sentences[k] if k >= 0 and item.sentences[k].end >= mention.span.end \
                else Span(0, len(text))
            # A role never leaves its sentence, so only the sentence's people can block it: a
            # slice by start offset keeps this linear in the mentions, not their square.
            # (One behind the sentence's start may still reach into it.)
            low = max(0, bisect.bisect_left(people_starts, sentence.start) - 1)
            nearby = people[low:bisect.bisect_left(people_starts, sentence.end)]
            role = find_role(text, mention.span, sentence, nearby)
            if role is not None:
                out[(ii, mi)] = " ".join(role.text_in(text).split())
    return out


def build_entities(items: Sequence[Annotated], clusters: Iterable[list[tuple[int, int]]],
           roles: dict[tuple[int, int], str]) -> tuple[list[Entity], list[Annotated]]:
    entities: list[Entity] = []
    names: dict[tuple[int, int], str] = {}
    kinds: dict[tuple[int, int], str] = {}
    used_ids: Counter[str] = Counter()
    clusters = list(clusters)
    bodies = _body_names(items, clusters)
    for members in clusters:
        aliases: Counter[str] = Counter()
        alias_sources: dict[str, set[str]] = defaultdict(set)
        types: Counter[str] = Counter()
        role_sources: dict[str, set[str]] = defaultdict(set)
        role_text: dict[str, str] = {}
        for ii, mi in members:
            item, mention = items[ii], items[ii].entities[mi]
            alias = alias_of(mention.span.text_in(item.article.text), mention.type)
            aliases[alias] += 1
            alias_sources[alias].add(item.article.id)
            types[mention.type] += 1
            role = roles.get((ii, mi))
            if role:
                role_text.setdefault(fold(role), role)
                role_sources[fold(role)].add(item.article.id)
        kind = _country_or(types.most_common(1)[0][0], aliases)
        name = _canonical(aliases, alias_sources, kind, bodies if kind == "PERSON" else None,
                          {items[ii].article.language for ii, _ in members})
        digest = hashlib.sha1(f"{kind}|{name}".encode()).hexdigest()[:12]
        used_ids[digest] += 1
        entity_id = digest if used_ids[digest] == 1 else f"{digest}-{used_ids[digest]}"
        mentions = tuple(sorted(((items[ii].article.id, items[ii].entities[mi].span) for ii, mi in members),
                                key=lambda m: (m[0], m[1].start, m[1].end)))
        entities.append(Entity(entity_id, name, kind, dict(aliases.most_common()),
                               {role_text[k]: tuple(sorted(v)) for k, v in sorted(role_sources.items())},
                               mentions))
        for member in members:
            names[member] = name
            kinds[member] = kind
    resolved = [replace(item, entities=tuple(replace(m, entity=names.get((ii, mi)),
                                                     type=_mention_type(m.type, kinds.get((ii, mi))))
                                              for mi, m in enumerate(item.entities)))
                for ii, item in enumerate(items)]
    entities.sort(key=lambda e: (e.type, e.name, e.id))
    return entities, resolved


def _body_names(items: Sequence[Annotated], clusters: list[list[tuple[int, int]]]) -> frozenset[str]:
    """Folded names of the bodies and places among ``clusters`` (those mostly tagged otherwise
    than PERSON): words a page may glue before a person's name ("Otan Anders Fogh Rasmussen")."""
    names: set[str] = set()
    for members in clusters:
        types = Counter(items[ii].entities[mi].type for ii, mi in members)
        if types and types.most_common(1)[0][0] != "PERSON":
            written = {items[ii].entities[mi].span.text_in(items[ii].article.text) for ii, mi in members}
            names.update(fold(w) for w in written if _acronym(w) or is_place_name(name_words(w, "GPE")))
    return frozenset(names)


def _acronym(written: str) -> bool:
    """"OTAN", "CNT", "PD": a body's acronym (a given name is never written so in its own cluster
    of a body; "Mohamed" tagged a place is no acronym)."""
    return 1 < len(written) <= _ACRONYM_CHARS and written.isalpha() and written.isupper()


#: The longest word read as an acronym.
_ACRONYM_CHARS = 6


def _canonical(aliases: Counter[str], sources: dict[str, set[str]], kind: str, bodies: frozenset[str] | None,
               languages: set[str | None]) -> str:
    """The alias an entity is named by: a full form, then the one found in most reports, then
    the commonest surname, most often, longest. A person's glued alias ("Repubblica Giorgio
    Napolitano") counts as the name it holds and is never chosen (:mod:`storyline.reconcile.name_glue`);
    the aliases themselves stay as written."""
    glued = glued_aliases(aliases, languages, bodies) if bodies is not None else {}
    if glued:
        merged: dict[str, set[str]] = defaultdict(set)
        for alias, found in sources.items():
            merged[glued.get(alias, alias)].update(found)
        sources, aliases = merged, Counter(merge_glued(aliases, glued))
    surnames = Counter(fold(a.split()[-1]) for a in aliases.elements() if a.split())
    return max(aliases, key=lambda a: (_full_form(a, kind), len(sources[a]),
                                       surnames[fold(a.split()[-1])] if a.split() else 0,
                                       aliases[a], len(a), a))


def _country_or(kind: str, aliases: Counter[str]) -> str:
    """ORG for a body the packs' ``org_aliases`` name ("ONU", "Naciones Unidas": CLDR lists the
    United Nations and the European Union among its territories, and models tag them as places),
    GPE for an organisation or place that a country's name denotes, else ``kind``."""
    if FAMILY.get(kind) in ("O", "P") and any(org_alias(" ".join(name_words(alias, "ORG")), alias)
                                              for alias in aliases):
        return "ORG"
    if FAMILY.get(kind) != "O":
        return kind
    for alias in aliases:
        words = name_words(alias, kind)
        joined = ALIASES.get(" ".join(words), " ".join(words)) if words else ""
        if joined in COUNTRIES or is_territory(place_key(joined)):
            return "GPE"
    return kind


def _mention_type(own: str, entity: str | None) -> str:
    """A mention takes its entity's type when both are organisations or places (models mix them)."""
    if entity is not None and FAMILY.get(own) == "O" and FAMILY.get(entity) == "O":
        return entity
    return own


def _full_form(alias: str, kind: str) -> bool:
    """Whether an alias is a full form: a person's full name, a weapon's singular ("S-400")."""
    if kind == "PERSON":
        return len(alias.split()) > 1
    if kind in ("WEAPON", "PRODUCT"):
        return not (alias.endswith("s") and alias[-2:-1].isdigit())
    return True


def entity_json(entity: Entity, texts: dict[str, str] | None = None) -> dict[str, Any]:
    """An Entity as JSON; with article texts, aliases also list their sources."""
    data: dict[str, Any] = {"id": entity.id, "name": entity.name, "type": entity.type,
                            "aliases": dict(entity.aliases),
                            "roles": {role: list(sources) for role, sources in entity.roles.items()},
                            "mentions": [{"article": a, "start": s.start, "end": s.end}
                                         for a, s in entity.mentions]}
    if texts is not None:
        sources: dict[str, set[str]] = defaultdict(set)
        for article, span in entity.mentions:
            if article in texts:
                sources[alias_of(span.text_in(texts[article]), entity.type)].add(article)
        data["alias_sources"] = {alias: sorted(ids) for alias, ids in sorted(sources.items())}
    return data


def mentions_of(item: Annotated, entity: Entity) -> list[Mention]:
    """The mentions of ``entity`` in one resolved article."""
    return [m for m in item.entities if m.entity == entity.name]
