"""Entity resolution across reports: one Entity per person, organisation or place.

:func:`resolve_entities` takes annotated articles, groups their mentions into entities and fills
``Mention.entity`` with each entity's canonical name. Steps, in order:

1. **Names.** Each mention's surface is folded (case, accents, British/American spellings),
   titles and honorifics are taken off a person's name (and kept as roles, found by
   :func:`storyline.analyze.roles.find_role`), possessives, legal suffixes ("Inc."), name suffixes
   ("Jr.") and middle initials are dropped. Known aliases share a key (US/U.S./United States).
   Mentions with the same key and type family (people; organisations and places together, since
   models confuse them; nationalities; weapons) are one group.
2. **Acronyms.** An acronym (NATO, "U.N.") joins the one multi-word name whose initials it is
   (North Atlantic Treaty Organization); with several expansions it joins none.
3. **Full names of people** (two parts or more) merge when the surnames agree (same folded part,
   same transliteration key, or, with the given name agreeing too, a close spelling) and every
   given name of the shorter name agrees with one of the longer (same, variant such as
   Antony/Anthony or Joe/Joseph, initial, or close spelling). Merging is complete-link: a cluster
   only grows if every full name in it agrees with every other, so "J. Biden" cannot bridge
   Joe and Jill Biden. A fuzzy surname needs an exact or variant given name.
4. **Partial names.** A one-word person name ("Price") joins the one full-name cluster in the
   same story whose surname it is (or has the same key: "Akkar"); with several candidates it needs
   a shared role word to choose, else it stays its own entity. An organisation written with a
   leading place ("US State Department") joins the same name without it when the story has it.
5. **Canonical name:** the alias found in most reports, then most often, then longest (people
   prefer full names).

Mentions without a capital letter (nominals, pronouns: only in evaluation data) are not names:
a pronoun is its own entity, a nominal joins the same text in the same article.
"""

from __future__ import annotations

import bisect
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from storyline.analyze.entity_patterns import HONORIFICS, TITLE_GLUE
from storyline.analyze.roles import find_role
from storyline.model import Annotated, Entity, Mention, Span
from storyline.reconcile.name_data import ALIASES, COUNTRIES, PLACE_MODIFIERS, PRONOUNS
from storyline.reconcile.name_keys import (
    FAMILY, acronym, alias_of, fold, given_names_compatible, name_words, part_similarity,
)

__all__ = ["entity_json", "mentions_of", "name_words", "resolve_by_story", "resolve_entities"]

#: Surname similarity (transliteration keys, normalised Levenshtein) that can merge two full
#: names whose given names agree exactly or as variants.
SURNAME_FUZZY = 0.7
SURNAME_SAME = 0.95
#: A pronoun further than this from the last name of its type is left alone.
PRONOUN_WINDOW_CHARS = 400
LINKED = ("pronoun:",)



@dataclass
class _Group:
    """Mentions with one key: the unit that merging works on."""

    family: str
    words: tuple[str, ...]
    scope: str
    mentions: list[tuple[int, int]] = field(default_factory=list)  # (item, mention) indices
    is_acronym: bool = False
    scopes: set[str] = field(default_factory=set)  # stories its mentions come from


def resolve_entities(items: Sequence[Annotated]) -> tuple[list[Entity], list[Annotated]]:
    """Group the mentions of ``items`` into entities.

    Full names merge across all items; partial names and place-prefixed organisations resolve
    within an article's story (its ``story`` field; articles without one share a scope).

    Args:
        items: Annotated articles (with entity mentions and sentences).

    Returns:
        The entities, sorted by type then canonical name, and the items with every resolvable
        mention's ``entity`` set to its entity's canonical name (others keep ``None``); an
        organisation or place mention also takes its entity's type (models mix ORG and GPE).
    """
    groups, singles = _groups(items)
    parent = list(range(len(groups)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        parent[find(b)] = find(a)

    _merge_acronyms(groups, union)
    _merge_full_names(groups, find, union)
    roles = _roles(items)
    _attach_partial_names(groups, find, union, roles)
    _attach_prefixed_orgs(groups, find, union)
    _link_pronouns(items, groups, union)
    clusters: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for gi, group in enumerate(groups):
        clusters[find(gi)].extend(group.mentions)
    members = list(clusters.values()) + [[single] for single in singles]
    return _build(items, members, roles)


def resolve_by_story(items: Sequence[Annotated]) -> tuple[list[Entity], list[Annotated]]:
    """Resolve each story (the ``story`` field; articles without one together) on its own.

    Returns:
        All stories' entities and the items, in input order, with ``Mention.entity`` filled.
    """
    by_story: dict[str | None, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        by_story[item.article.story].append(i)
    entities: list[Entity] = []
    out: list[Annotated | None] = [None] * len(items)
    for indices in by_story.values():
        found, resolved = resolve_entities([items[i] for i in indices])
        entities.extend(found)
        for i, item in zip(indices, resolved):
            out[i] = item
    return entities, [item for item in out if item is not None]


def _groups(items: Sequence[Annotated]) -> tuple[list[_Group], list[tuple[int, int]]]:
    index: dict[tuple[str, ...], _Group] = {}
    singles: list[tuple[int, int]] = []
    for ii, item in enumerate(items):
        text, scope = item.article.text, item.article.story or ""
        for mi, mention in enumerate(item.entities):
            surface = mention.span.text_in(text)
            is_pronoun = fold(surface) in PRONOUNS and not (surface.isupper() and len(surface) > 1)
            if is_pronoun or not any(c.isupper() or c.isdigit() for c in surface):
                if not surface.strip():
                    singles.append((ii, mi))
                    continue
                family = FAMILY.get(mention.type, mention.type)
                if is_pronoun:
                    key: tuple[str, ...] = ("pronoun", str(ii), str(mi))
                    index[key] = _Group("pronoun:" + family, (fold(surface),), scope, [(ii, mi)])
                    continue
                key = ("nominal", item.article.id, fold(surface))
                index.setdefault(key, _Group("nominal:" + family, (fold(surface),), scope)).mentions.append((ii, mi))
                continue
            family = FAMILY.get(mention.type, mention.type)
            words = name_words(surface, mention.type)
            if not words:
                singles.append((ii, mi))
                continue
            joined = ALIASES.get(" ".join(words), " ".join(words))
            words = tuple(joined.split())
            one_word_person = family == "P" and len(words) == 1
            key = (family, joined, scope if one_word_person else "")
            if key not in index:
                is_acronym = len(words) == 1 and (surface.replace(".", "").isupper() and len(words[0]) > 1)
                index[key] = _Group(family, words, scope if one_word_person else "", is_acronym=is_acronym)
            index[key].mentions.append((ii, mi))
            index[key].scopes.add(scope)
    return list(index.values()), singles


def _merge_acronyms(groups: list[_Group], union: Any) -> None:
    expansions: dict[tuple[str, str], list[int]] = defaultdict(list)
    for gi, group in enumerate(groups):
        if group.family == "O" and len(group.words) > 1:
            initials = acronym(list(group.words))
            if initials:
                expansions[(group.family, initials)].append(gi)
    for gi, group in enumerate(groups):
        if group.is_acronym and group.family == "O":
            found = expansions.get((group.family, group.words[0]), [])
            if len(found) == 1:
                union(found[0], gi)


def _full_names_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    surname = part_similarity(a[-1], b[-1])
    short_surname = min(len(a[-1]), len(b[-1])) <= 3
    if surname < (SURNAME_SAME if short_surname else SURNAME_FUZZY):
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    given, pool = list(short[:-1]), list(long_[:-1])
    strong = False
    k = 0
    for name in given:
        while k < len(pool) and not given_names_compatible(name, pool[k]):
            k += 1
        if k == len(pool):
            return False
        strong = strong or given_names_compatible(name, pool[k], fuzzy=False)
        k += 1
    return surname >= SURNAME_SAME or strong


def _merge_full_names(groups: list[_Group], find: Any, union: Any) -> None:
    full = [gi for gi, g in enumerate(groups) if g.family == "P" and len(g.words) > 1]
    blocks: dict[str, list[int]] = defaultdict(list)
    for gi in full:
        blocks[groups[gi].words[-1][:1]].append(gi)
    for block in blocks.values():
        pairs = [(a, b) for i, a in enumerate(block) for b in block[i + 1:]
                 if _full_names_agree(groups[a].words, groups[b].words)]
        pairs.sort(key=lambda p: -part_similarity(groups[p[0]].words[-1], groups[p[1]].words[-1]))
        members: dict[int, list[int]] = {gi: [gi] for gi in block}
        for a, b in pairs:
            ra, rb = find(a), find(b)
            if ra == rb:
                continue
            if all(_full_names_agree(groups[x].words, groups[y].words)
                   for x in members[ra] for y in members[rb]):
                union(ra, rb)
                members[ra] = members[ra] + members.pop(rb)


def _attach_partial_names(groups: list[_Group], find: Any, union: Any,
                          roles: dict[tuple[int, int], str]) -> None:
    role_words: dict[int, set[str]] = defaultdict(set)
    for gi, group in enumerate(groups):
        for ii, mi in group.mentions:
            role_words[find(gi)].update(fold(roles.get((ii, mi), "")).split())
    full = [gi for gi, g in enumerate(groups) if g.family == "P" and len(g.words) > 1]
    for gi, group in enumerate(groups):
        if len(group.words) != 1 or not (group.family == "P" or _mistyped_surname(groups, full, group)):
            continue
        surname = group.words[0]
        own_roles = set().union(*(set(fold(roles.get(m, "")).split()) for m in group.mentions))
        near = [f for f in full if _in_scope(groups, f, group)
                and part_similarity(groups[f].words[-1], surname) >= SURNAME_SAME]
        candidates = {find(f) for f in near if groups[f].words[-1] == surname} or {find(f) for f in near}
        candidates = candidates if group.family == "P" else {c for c in candidates if len(candidates) == 1}
        if len(candidates) > 1:
            candidates = {c for c in candidates if own_roles & role_words[c] - TITLE_GLUE}
        if not candidates and own_roles:
            candidates = {find(f) for f in full if _in_scope(groups, f, group)
                          and part_similarity(groups[f].words[-1], surname) >= SURNAME_FUZZY
                          and own_roles & role_words[find(f)] - TITLE_GLUE - HONORIFICS}
        if len(candidates) == 1:
            union(candidates.pop(), gi)


def _mistyped_surname(groups: list[_Group], full: list[int], group: _Group) -> bool:
    """A one-word place or organisation that is, by its story, a person's surname ("Akkar said").

    Models type unseen names by context; a word that is the surname of a person named in the
    story and never part of a longer place or organisation name is taken as that person.
    """
    if group.family != "O" or group.is_acronym:
        return False
    word = group.words[0]
    if any(word in g.words for g in groups if g.family == "O" and len(g.words) > 1):
        return False
    return any(part_similarity(groups[f].words[-1], word) >= SURNAME_SAME
               and group.scopes & groups[f].scopes for f in full)


def _in_scope(groups: list[_Group], gi: int, group: _Group) -> bool:
    return bool(groups[gi].scopes & group.scopes)


def _attach_prefixed_orgs(groups: list[_Group], find: Any, union: Any) -> None:
    by_words = {g.words: gi for gi, g in enumerate(groups) if g.family == "O"}
    places = {g.words[0] for g in groups if g.family in ("O", "N") and len(g.words) == 1}
    places |= PLACE_MODIFIERS
    targets: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for group in groups:
        if group.family == "O" and len(group.words) > 2 and group.words[0] in places:
            targets[group.words[1:]].add(group.words[0])
    for gi, group in enumerate(groups):
        if group.family == "O" and len(group.words) > 2 and group.words[0] in places:
            rest = group.words[1:]
            if rest in by_words and len(targets[rest]) == 1:
                union(by_words[rest], gi)


def _link_pronouns(items: Sequence[Annotated], groups: list[_Group], union: Any) -> None:
    """A pronoun mention joins the nearest name of its type family before it in its article."""
    group_of = {member: gi for gi, g in enumerate(groups) for member in g.mentions}
    for ii, item in enumerate(items):
        order = sorted(range(len(item.entities)), key=lambda mi: item.entities[mi].span.start)
        last: dict[str, tuple[int, int]] = {}
        for mi in order:
            gi = group_of.get((ii, mi))
            if gi is None:
                continue
            family = groups[gi].family
            start = item.entities[mi].span.start
            if family.startswith(LINKED):
                wanted = family.split(":", 1)[1]
                if wanted in last and start - last[wanted][1] <= PRONOUN_WINDOW_CHARS:
                    union(last[wanted][0], gi)
            elif ":" not in family:
                last[family] = (gi, start)


def _roles(items: Sequence[Annotated]) -> dict[tuple[int, int], str]:
    """Role text of every PERSON mention that has one, by (item, mention) index."""
    out: dict[tuple[int, int], str] = {}
    for ii, item in enumerate(items):
        text = item.article.text
        people = [m for m in item.entities if m.type == "PERSON"]
        starts = [s.start for s in item.sentences]
        for mi, mention in enumerate(item.entities):
            if mention.type != "PERSON":
                continue
            k = bisect.bisect_right(starts, mention.span.start) - 1
            sentence = item.sentences[k] if k >= 0 and item.sentences[k].end >= mention.span.end \
                else Span(0, len(text))
            role = find_role(text, mention.span, sentence, people)
            if role is not None:
                out[(ii, mi)] = " ".join(role.text_in(text).split())
    return out


def _build(items: Sequence[Annotated], clusters: Iterable[list[tuple[int, int]]],
           roles: dict[tuple[int, int], str]) -> tuple[list[Entity], list[Annotated]]:
    entities: list[Entity] = []
    names: dict[tuple[int, int], str] = {}
    kinds: dict[tuple[int, int], str] = {}
    used_ids: Counter[str] = Counter()
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
        surnames = Counter(fold(a.split()[-1]) for a in aliases.elements() if a.split())
        name = max(aliases, key=lambda a: (_full_form(a, kind), len(alias_sources[a]),
                                           surnames[fold(a.split()[-1])] if a.split() else 0,
                                           aliases[a], len(a), a))
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


def _country_or(kind: str, aliases: Counter[str]) -> str:
    """GPE for an organisation or place that a country's name denotes, else ``kind``."""
    if FAMILY.get(kind) != "O":
        return kind
    for alias in aliases:
        words = name_words(alias, kind)
        if words and ALIASES.get(" ".join(words), " ".join(words)) in COUNTRIES:
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
