"""Entity resolution across reports: one Entity per person, organisation or place.

:func:`resolve_entities` takes annotated articles, groups their mentions into entities and fills
``Mention.entity`` with each entity's canonical name. Steps, in order:

1. **Names.** Each mention's surface is folded (case, accents, British/American spellings),
   titles and honorifics are taken off a person's name (and kept as roles, found by
   :func:`storyline.analyze.roles.find_role`), possessives, legal suffixes ("Inc."), name suffixes
   ("Jr.") and middle initials are dropped. Known aliases share a key (US/U.S./United States),
   and so does a place in any language or script (CLDR: Libia/Libye/ليبيا → ``LY``,
   :mod:`storyline.reconcile.places`). Mentions with the same key and type family (people; organisations and places together, since
   models confuse them; nationalities; weapons) are one group.
2. **Acronyms.** An acronym (NATO, "U.N.") joins the multi-word name whose initials it is
   (North Atlantic Treaty Organization): the one a report defines in brackets, else every
   expansion when they are one per language, else none; organisations of one story spelled in
   other romanisations merge, and the packs' ``org_aliases`` give one key to "ONU", "UN",
   "Nations unies" (:mod:`storyline.reconcile.name_orgs`).
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
   Across languages and scripts (:mod:`storyline.reconcile.name_merges`): surnames compare by
   their transliteration key too (Gaddafi/Kadhafi/Каддафи), one-word names of one story with
   one key merge, a place tag spelled as a person of the story is that person, a bare surname
   with several candidates goes to one named 3x as often as the others, and a product named
   with its maker or a model word joins its code ("Airbus A380" → "A380").
5. **Canonical name:** the alias found in most reports, then most often, then longest (people
   prefer full names).

Mentions without a capital letter (nominals, pronouns: only in evaluation data) are not names:
a pronoun is its own entity, a nominal joins the same text in the same article.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from storyline.analyze.entity_patterns import HONORIFICS, TITLE_GLUE
from storyline.model import Annotated, Entity
from storyline.reconcile.abjad_names import Respelled, find_abjad_people
from storyline.reconcile.entity_records import build_entities, entity_json, mentions_of, roles_of
from storyline.reconcile.grouping_tools import DisjointSets
from storyline.reconcile.name_data import ALIASES, PLACE_MODIFIERS, PRONOUNS
from storyline.reconcile.name_keys import (
    FAMILY, alias_of, fold, given_names_compatible, name_words, part_similarity, phonetic_key, skeleton,
    translit_key,
)
from storyline.reconcile.name_merges import (
    NameGroup, attach_mistyped_full_names, attach_places_tagged_people, attach_product_names, dominant,
    merge_case_endings, merge_transliterations, retype_relatives,
)
from storyline.reconcile.name_orgs import lone_function_word, merge_acronyms, merge_org_spellings, org_alias
from storyline.reconcile.places import is_place_name, place_key

__all__ = ["entity_json", "mentions_of", "name_words", "resolve_by_story", "resolve_entities"]

#: Surname similarity (transliteration keys, normalised Levenshtein) that can merge two full
#: names whose given names agree exactly or as variants.
SURNAME_FUZZY = 0.7
SURNAME_SAME = 0.95
#: A pronoun further than this from the last name of its type is left alone.
PRONOUN_WINDOW_CHARS = 400
LINKED = ("pronoun:",)



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
    items, respelled = find_abjad_people(items)
    groups, singles = _groups(items, respelled)
    items = retype_relatives(items, groups)
    sets: DisjointSets[int] = DisjointSets(range(len(groups)))
    find, union = sets.find, sets.union
    merge_acronyms(items, groups, union)
    _merge_full_names(groups, find, union)
    roles = roles_of(items)
    attach_mistyped_full_names(items, groups, find, union)
    attach_places_tagged_people(items, groups, find, union)
    _attach_partial_names(groups, find, union, roles)
    merge_case_endings(items, groups, find, union)
    merge_transliterations(groups, find, union)
    merge_org_spellings(groups, find, union)
    _attach_prefixed_orgs(groups, find, union)
    attach_product_names(groups, union)
    _link_pronouns(items, groups, union)
    clusters: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for gi, group in enumerate(groups):
        clusters[find(gi)].extend(group.mentions)
    members = list(clusters.values()) + [[single] for single in singles]
    return build_entities(items, members, roles)


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


def _groups(items: Sequence[Annotated], respelled: Respelled | None = None,
            ) -> tuple[list[NameGroup], list[tuple[int, int]]]:
    """Name groups of the mentions (``respelled``: mentions keyed by another spelling's words)."""
    respelled = respelled or {}
    index: dict[tuple[str, ...], NameGroup] = {}
    singles: list[tuple[int, int]] = []
    for ii, item in enumerate(items):
        text, scope = item.article.text, item.article.story or ""
        for mi, mention in enumerate(item.entities):
            surface = mention.span.text_in(text)
            is_pronoun = fold(surface) in PRONOUNS and not (surface.isupper() and len(surface) > 1)
            if is_pronoun or not any(c.isupper() or c.isdigit() or _caseless(c) for c in surface):
                if not surface.strip():
                    singles.append((ii, mi))
                    continue
                family = FAMILY.get(mention.type, mention.type)
                if is_pronoun:
                    key: tuple[str, ...] = ("pronoun", str(ii), str(mi))
                    index[key] = NameGroup("pronoun:" + family, (fold(surface),), scope, [(ii, mi)])
                    continue
                key = ("nominal", item.article.id, fold(surface))
                index.setdefault(key, NameGroup("nominal:" + family, (fold(surface),), scope)).mentions.append((ii, mi))
                continue
            family = FAMILY.get(mention.type, mention.type)
            words = respelled.get((ii, mi)) or name_words(surface, mention.type)
            if not words:
                singles.append((ii, mi))
                continue
            joined, written = " ".join(words), alias_of(surface, mention.type)
            if not lone_function_word(written):  # "Un" opening a Spanish sentence is no "UN"
                joined = ALIASES.get(joined, joined)
            if family in ("O", "P"):  # "ONU", "Nations unies", "Naciones Unidas": one key, an
                known = org_alias(joined, written, item.article.language)  # organisation even
                if known:  # where the tagger said PERSON
                    joined, family = known, "O"
            words = tuple(joined.split())
            if family == "P" and len(words) == 1 and _vowelless(words[0]):
                family = "O"  # "Cnt", "CNN" tagged PERSON: no person's name is written without a vowel
            one_word_person = family == "P" and len(words) == 1
            whole = family != "O" or _whole_name(surface, mention.type, words)
            if not whole and is_place_name(joined):  # "Singapore Airlines" is not Singapore
                words = name_words(alias_of(surface, mention.type), "")
                joined = " ".join(words)
            place = place_key(joined) if family == "O" and whole else None
            key = (family, "place:" + place if place else joined, scope if one_word_person else "")
            if key not in index:
                index[key] = NameGroup(family, words, scope if one_word_person else "")
            written = alias_of(surface, mention.type).replace(".", "")  # "de USAF" is written "USAF"
            index[key].is_acronym |= len(words) == 1 and written.isupper() and len(words[0]) > 1
            index[key].mentions.append((ii, mi))
            index[key].scopes.add(scope)
    return list(index.values()), singles


def _vowelless(word: str) -> bool:
    """Three Latin letters or more and no vowel ("cnt", "cnn"): an acronym, not a name ("Ng" is)."""
    return len(word) >= 3 and word.isascii() and word.isalpha() and not set(word) & _VOWELS


_VOWELS = frozenset("aeiouy")
_DOUBLED = re.compile(r"(.)\1+")


def _caseless(char: str) -> bool:
    """A letter of a script without case (Arabic, Chinese): such names show no capital."""
    return char.isalpha() and not char.islower() and not char.isupper()


def _whole_name(surface: str, kind: str, words: tuple[str, ...]) -> bool:
    """Whether ``words`` are all of the name as written: "Singapore Airlines" loses "Airlines" to
    the descriptor rule, and what is left must not become the country."""
    return len(name_words(alias_of(surface, kind), "")) <= len(words)


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


def _merge_full_names(groups: list[NameGroup], find: Any, union: Any) -> None:
    full = [gi for gi, g in enumerate(groups) if g.family == "P" and len(g.words) > 1]
    blocks: dict[str, list[int]] = defaultdict(list)
    for gi in full:
        surname = groups[gi].words[-1]
        blocks[surname[:1]].append(gi)
        initial = skeleton(translit_key(surname))[:1]
        if initial:
            blocks["~" + initial].append(gi)  # Kadhafi meets Gaddafi
    seen: set[tuple[int, int]] = set()
    for block in blocks.values():
        pairs = [(a, b) for i, a in enumerate(block) for b in block[i + 1:]
                 if (a, b) not in seen and _full_names_agree(groups[a].words, groups[b].words)]
        seen.update(pairs)
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


def _attach_partial_names(groups: list[NameGroup], find: Any, union: Any,
                          roles: dict[tuple[int, int], str]) -> None:
    role_words: dict[int, set[str]] = defaultdict(set)
    for gi, group in enumerate(groups):
        for ii, mi in group.mentions:
            role_words[find(gi)].update(fold(roles.get((ii, mi), "")).split())
    full = [gi for gi, g in enumerate(groups) if g.family == "P" and len(g.words) > 1]
    weight: Counter[int] = Counter()
    for gi in full:
        weight[find(gi)] += len(groups[gi].mentions)
    for gi, group in enumerate(groups):
        if len(group.words) != 1 or not (group.family == "P" or _mistyped_surname(groups, full, group)):
            continue
        surname = group.words[0]
        own_roles = set().union(*(set(fold(roles.get(m, "")).split()) for m in group.mentions))
        near = [f for f in full if _in_scope(groups, f, group)
                and (part_similarity(groups[f].words[-1], surname) >= SURNAME_SAME if group.family == "P"
                     else _spelled_as(groups[f].words[-1], surname))]
        candidates = {find(f) for f in near if groups[f].words[-1] == surname} or {find(f) for f in near}
        if len(candidates) > 1:
            chosen = {c for c in candidates if own_roles & role_words[c] - TITLE_GLUE}
            candidates = chosen or dominant(candidates, weight)
        if not candidates and own_roles and group.family == "P":  # a body or place is never respelled by role
            candidates = {find(f) for f in full if _in_scope(groups, f, group)
                          and part_similarity(groups[f].words[-1], surname) >= SURNAME_FUZZY
                          and own_roles & role_words[find(f)] - TITLE_GLUE - HONORIFICS}
        if len(candidates) == 1:
            union(candidates.pop(), gi)


def _mistyped_surname(groups: list[NameGroup], full: list[int], group: NameGroup) -> bool:
    """A one-word place or organisation that is, by its story, a person's surname ("Akkar said").

    Models type unseen names by context; a word that is the surname of a person named in the
    story and never part of a longer place or organisation name is taken as that person.
    """
    if group.family != "O" or group.is_acronym:
        return False
    word = group.words[0]
    longer = sum(len(g.mentions) for g in groups if g.family == "O" and word in g.words[:-1])
    if 4 * longer >= len(group.mentions):
        return False  # part of a longer name ("Akar Holding"), unless that is a rare tagging slip
    return any(_spelled_as(groups[f].words[-1], word) and group.scopes & groups[f].scopes for f in full)


def _spelled_as(surname: str, word: str) -> bool:
    """A body or place tag is a person's surname only when spelled as it but for doubled letters
    ("Akkar", "Akar"), or when both the phonetic and the transliteration key agree: the phonetic
    key alone makes "Elysée", "Illizi" and "Errishi" one sound (l/r, e/i), the transliteration
    key alone "Kamal" and "Kamel" (a/e)."""
    if surname == word or _DOUBLED.sub(r"\1", surname) == _DOUBLED.sub(r"\1", word):
        return True
    key = translit_key(word)
    return bool(key) and key == translit_key(surname) and phonetic_key(word) == phonetic_key(surname)


def _in_scope(groups: list[NameGroup], gi: int, group: NameGroup) -> bool:
    return bool(groups[gi].scopes & group.scopes)


def _attach_prefixed_orgs(groups: list[NameGroup], find: Any, union: Any) -> None:
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
        elif group.family == "O" and len(group.words) > 2:
            # A place of several words in any language: "United States Air Force", "Estados Unidos".
            cut = next((k for k in range(2, len(group.words)) if place_key(group.words[:k])), 0)
            if cut and group.words[cut:] in by_words:
                union(by_words[group.words[cut:]], gi)


def _link_pronouns(items: Sequence[Annotated], groups: list[NameGroup], union: Any) -> None:
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
