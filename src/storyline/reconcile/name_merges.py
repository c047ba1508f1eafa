"""Merging steps of entity resolution that reach across spellings, scripts and tags.

Helpers of :func:`storyline.reconcile.entities.resolve_entities`, each over the name groups (one
per key) and a union-find (``find``/``union``):

* :func:`merge_transliterations`: one-word names of one story that spell one name in other
  languages or scripts (transliteration key, :mod:`storyline.reconcile.name_keys`).
* :func:`attach_mistyped_full_names`: a place tag spelled as a person of the story.
* :func:`attach_places_tagged_people`: "Misrata" tagged PERSON in a story where it is tagged a
  place twice as often joins the place.
* :func:`retype_relatives`: "Mutassim Gheddafi" tagged ORG in a story of "Mouammar Kadhafi": a
  name of given name and the surname of a person of the story, with no organisation word, is a
  person (the family: sons, brothers, wives), so that it merges with its other spellings.
* :func:`attach_product_names`: "Airbus A380" and "A380 superjumbo" with "A380".
* :func:`dominant`: the candidate a bare name goes to when one is named far more than the rest.

Each is linear in the groups (buckets and dict lookups), except product names (linear in words).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from storyline.lang import available, pack
from storyline.lang.places import fold_place, geo_places
from storyline.model import Annotated
from storyline.reconcile.name_data import NAME_PARTICLES, ORG_DESCRIPTORS
from storyline.reconcile.name_keys import romanised, fold, skeleton, translit_key
from storyline.reconcile.places import place_key

__all__ = ["DOMINANT", "NameGroup", "attach_mistyped_full_names", "attach_places_tagged_people",
           "attach_product_names", "dominant", "merge_transliterations", "retype_relatives"]

#: A name tagged a place this many times as often as a person in its story is that place.
PLACE_MAJORITY = 2

#: A bare surname with several full-name candidates in its story joins one named this many times
#: as often as the others together.
DOMINANT = 3


@dataclass
class NameGroup:
    """Mentions with one key: the unit that merging works on."""

    family: str
    words: tuple[str, ...]
    scope: str
    mentions: list[tuple[int, int]] = field(default_factory=list)  # (item, mention) indices
    is_acronym: bool = False
    scopes: set[str] = field(default_factory=set)  # stories its mentions come from


def merge_transliterations(groups: list[NameGroup], find: Any, union: Any) -> None:
    """One-word names of one story that spell one name in other languages or scripts ("Gadafi",
    "Kadhafi", "Gheddafi", "Каддафи", "القذافي"): same type family and transliteration key
    (:func:`~storyline.reconcile.name_keys.translit_key`; a key without vowels joins the one
    vowelled key with its consonants), and, for people, at most one full-name cluster among them
    or one named 3x as often as the others (two full names with one key are two people: the
    bare name goes to the dominant one or to none). A bare name that is a given name of the story
    ("Gamal" of Gamal Mubarak) is not respelled into a surname ("Kamel"). Organisations and places
    merge only when neither has a CLDR place key (two known places are never respelled into each other)."""
    buckets: dict[tuple[str, str, str], list[tuple[str, int]]] = defaultdict(list)
    given = {(g.words[0], scope) for g in groups if g.family == "P" and len(g.words) > 1 for scope in g.scopes}
    for gi, group in enumerate(groups):
        if group.family not in ("P", "O") or group.is_acronym or len(group.words[-1]) < 4 \
                or (group.family == "O" and (len(group.words) > 1 or place_key(group.words))):
            continue
        if len(group.words) == 1 and any((group.words[0], scope) in given for scope in group.scopes):
            continue  # "Gamal" is Gamal Mubarak's given name, not a respelling of Ibrahim Kamel's surname
        key = translit_key(group.words[-1])
        for scope in group.scopes if key else ():
            buckets[(group.family, scope, skeleton(key))].append((key, gi))
    with_full_name = {find(gi) for gi, g in enumerate(groups) if g.family == "P" and len(g.words) > 1}
    weight: Counter[int] = Counter()
    for gi, g in enumerate(groups):
        weight[find(gi)] += len(g.mentions)
    for members in buckets.values():
        by_key: dict[str, list[int]] = defaultdict(list)
        for key, gi in members:
            by_key[key].append(gi)
        vowelled = [k for k in by_key if not k.startswith("~")]
        if len(vowelled) == 1:
            for key in [k for k in by_key if k.startswith("~")]:
                by_key[vowelled[0]].extend(by_key.pop(key))
        for same in by_key.values():
            roots = {find(gi) for gi in same}
            full_roots = roots & with_full_name
            if len(full_roots) > 1:
                _join_same_given_names(same, groups, find, union)
                roots, full_roots = {find(gi) for gi in same}, {find(r) for r in full_roots}
            if len(full_roots) > 1:
                full_roots = dominant(full_roots, weight)
                roots = full_roots | (roots - with_full_name) if full_roots else set()
            if len(roots) > 1:
                first = next(iter(full_roots), find(same[0]))
                for root in roots:
                    union(first, root)


def _join_same_given_names(same: list[int], groups: list[NameGroup], find: Any, union: Any) -> None:
    """Full names with one surname key that also share their given name's key are one person
    written in several languages ("Muamar el Gadafi", "Mouammar Kadhafi": muamar + kadafi); a
    full name with another given name stays apart ("Saif al-Islam Kadhafi")."""
    by_given: dict[str, list[int]] = defaultdict(list)
    for gi in same:
        words = groups[gi].words
        if len(words) > 1 and translit_key(words[0]):
            by_given[translit_key(words[0])].append(gi)
    for members in by_given.values():
        for gi in members[1:]:
            union(find(members[0]), find(gi))


def dominant(candidates: set[int], weight: Counter[int]) -> set[int]:
    """The one candidate named DOMINANT times as often as all the others together (the bare
    "Gadafi" of a story about Muammar Gaddafi that also names his sons), else none."""
    ranked = sorted(candidates, key=lambda c: -weight[c])
    rest = sum(weight[c] for c in ranked[1:])
    return {ranked[0]} if weight[ranked[0]] >= DOMINANT * max(rest, 1) else set()


def attach_mistyped_full_names(items: Sequence[Annotated], groups: list[NameGroup], find: Any,
                                union: Any) -> None:
    """A place spelled as a person of the same story ("Muamar el Gadafi" or "Kadhafi" tagged GPE
    beside the PERSON; one word by its transliteration key, unless it is a town) is that person,
    when it is no known place and names one person only. A group mostly tagged an organisation joins only a person
    spelled the same and tagged so more often (:func:`_outvoted_by_person`): companies are named
    after people (Walt Disney)."""
    people: dict[tuple[tuple[str, ...], str], list[int]] = defaultdict(list)
    for gi, g in enumerate(groups):
        for scope in g.scopes if g.family == "P" else ():
            people[(g.words, scope)].append(gi)
            if len(g.words) == 1 and translit_key(g.words[0]):
                people[(("~" + skeleton(translit_key(g.words[0])),), scope)].append(gi)
    for gi, group in enumerate(groups):
        if group.family != "O" or group.is_acronym or place_key(group.words):
            continue
        if _outvoted_by_person(group, groups, people, find, union, gi):
            continue
        places = sum(items[ii].entities[mi].type in ("GPE", "LOC") for ii, mi in group.mentions)
        if 2 * places > len(group.mentions):  # mostly tagged a place, not an organisation
            keys = [group.words] if len(group.words) > 1 or _is_town(group.words[0]) else \
                [group.words, ("~" + skeleton(translit_key(group.words[0])),)]
            for key in keys:  # the same spelling first, then the same transliteration key
                found = {find(p) for scope in group.scopes for p in people.get((key, scope), ())}
                if found:
                    if len(found) == 1:
                        union(found.pop(), gi)
                    break


def merge_case_endings(items: Sequence[Annotated], groups: list[NameGroup], find: Any, union: Any) -> None:
    """A one-word person name of a report in a language that declines names (the pack's
    ``resolution.toml`` ``name_case_endings``, romanised as names are: "Мубарака", "Путиным") is
    the name of its story it ends as, less one ending ("Мубарак", "Putin", whichever script):
    one person, if exactly one person of the story has that surname. Cost: a dictionary lookup
    per one-word name and ending."""
    surnames: dict[tuple[str, str], set[int]] = defaultdict(set)
    for gi, g in enumerate(groups):
        if g.family == "P":
            for scope in g.scopes:
                surnames[(g.words[-1], scope)].add(gi)
    for gi, group in enumerate(groups):
        if group.family != "P" or len(group.words) != 1:
            continue
        endings = {e for ii, _ in group.mentions for e in _case_endings(items[ii].article.language)}
        word = group.words[0]
        for ending in sorted(endings, key=len, reverse=True):
            stem = word[: -len(ending)]
            if not word.endswith(ending) or len(stem) < _MIN_STEM:
                continue
            roots = {find(o) for scope in group.scopes for o in surnames.get((stem, scope), ())} - {find(gi)}
            if len(roots) == 1:
                union(roots.pop(), gi)
                break


#: The shortest stem a case ending is taken off ("Асада" → "asad").
_MIN_STEM = 3


@lru_cache(maxsize=32)
def _case_endings(language: str | None) -> tuple[str, ...]:
    code = (language or "").lower()[:2]
    if code not in available():
        return ()
    return tuple(fold(romanised(e)) for e in pack(code).words("resolution", "name_case_endings"))


def _is_town(word: str) -> bool:
    """A town of 15,000 people or more (GeoNames): joins a person of its story by its own
    spelling only, never by consonants ("Milano" is not "Mullen")."""
    return fold_place(word) in geo_places()


def _outvoted_by_person(group: NameGroup, groups: list[NameGroup], people: dict[Any, list[int]], find: Any,
                        union: Any, gi: int) -> bool:
    """An organisation or place spelled exactly as one person of its story, who is tagged so
    more often than it is tagged otherwise, is that person: the tagger's own majority ("Gadafi"
    tagged PERSON 129 times and ORG 90 times in one story). A company named after a person keeps
    its own type where it is named as a company more often (Disney)."""
    same = {p for scope in group.scopes for p in people.get((group.words, scope), ())}
    persons = {find(p) for p in same}
    if len(persons) != 1 or sum(len(groups[p].mentions) for p in same) <= len(group.mentions):
        return False
    union(persons.pop(), gi)
    return True


def attach_product_names(groups: list[NameGroup], union: Any) -> None:
    """A product named with its maker or with a model word joins the product by its code: "Airbus
    A380" (Airbus being an organisation here) and "A380 superjumbo" join "A380", "787 Dreamliner"
    joins "787". Product codes (a digit in the first word) are specific enough to need no story."""
    products = {g.words: gi for gi, g in enumerate(groups) if g.family == "W"}
    makers = {g.words for g in groups if g.family == "O"}
    for words, gi in products.items():
        rest = next((words[cut:] for cut in range(1, len(words)) if words[:cut] in makers), words)
        if rest != words and rest in products:
            union(products[rest], gi)
        elif len(rest) > 1 and any(c.isdigit() for c in rest[0]) and (rest[0],) in products:
            union(products[(rest[0],)], gi)


@lru_cache(maxsize=1)
def _org_words() -> frozenset[str]:
    """Every pack's words that make a name an organisation (``names.toml`` ``org_words``) and its
    offices ("Presidente Gadafi" is no relative), with the company descriptors."""
    words = {w.lower() for code in available() for topic in ("org_words", "offices")
             for w in pack(code).words("names", topic)}
    return frozenset(words | ORG_DESCRIPTORS)


def retype_relatives(items: Sequence[Annotated], groups: list[NameGroup]) -> list[Annotated]:
    """Organisation tags on names of a given name and the surname of a person of the story become
    person tags: "Mutassim Gheddafi", "Hanibal Gadafi" tagged ORG where "Mouammar Kadhafi" is
    tagged PERSON (the surname compared by transliteration key). A name holding an organisation
    word or an office, a known place, or more than three words keeps its tag; so does a surname
    named as an organisation more often than as a person, and a name also tagged a person as
    written (:func:`attach_mistyped_full_names` counts the votes: Walt Disney, person or company).
    Linear in the groups and their mentions; returns the items with those mentions retyped and
    sets the groups' family to person."""
    surnames: Counter[tuple[str, str]] = Counter()
    people = {g.words for g in groups if g.family == "P"}  # the same spelling is left to the vote
    for g in groups:
        if g.family == "P" and g.words and translit_key(g.words[-1]):
            for scope in g.scopes:
                surnames[(translit_key(g.words[-1]), scope)] += len(g.mentions)
    retyped: dict[int, set[int]] = defaultdict(set)
    for g in groups:
        if not _relative_name(g) or g.words in people:
            continue
        key = translit_key(g.words[-1])
        if any(surnames[(key, scope)] >= len(g.mentions) for scope in g.scopes):
            g.family = "P"
            for ii, mi in g.mentions:
                retyped[ii].add(mi)
    return [item if ii not in retyped else replace(item, entities=tuple(
        replace(m, type="PERSON") if mi in retyped[ii] else m for mi, m in enumerate(item.entities)))
        for ii, item in enumerate(items)]


def _relative_name(group: NameGroup) -> bool:
    """An organisation-tagged name shaped like a person's: two or three capitalised words (name
    particles aside), none an organisation word or a known place ("Garuda Indonesia"), no acronym."""
    if group.family != "O" or group.is_acronym or not 2 <= len(group.words) <= 3 or place_key(group.words):
        return False
    words = [w for w in group.words if w not in NAME_PARTICLES]
    return len(words) >= 2 and not any(fold(w) in _org_words() or place_key((w,)) for w in words)


def attach_places_tagged_people(items: Sequence[Annotated], groups: list[NameGroup], find: Any,
                                union: Any) -> None:
    """A name tagged PERSON, spelled as a place of its story that is tagged GPE or LOC at least
    :data:`PLACE_MAJORITY` times as often, is that place ("Misrata", "Bani Walid": towns the tagger
    guessed at where the report named no country). The tagger's own majority decides, as
    :func:`attach_mistyped_full_names` does the other way. Linear in the groups."""
    places: dict[tuple[tuple[str, ...], str], int] = {}
    for gi, g in enumerate(groups):
        if g.family == "O" and not g.is_acronym:
            kinds = sum(items[ii].entities[mi].type in ("GPE", "LOC") for ii, mi in g.mentions)
            if 2 * kinds > len(g.mentions):
                for scope in g.scopes:
                    places[(g.words, scope)] = gi
    for gi, g in enumerate(groups):
        if g.family != "P":
            continue
        found = {places[(g.words, scope)] for scope in g.scopes if (g.words, scope) in places}
        if len(found) == 1:
            place = found.pop()
            if len(groups[place].mentions) >= PLACE_MAJORITY * len(g.mentions):
                union(find(place), find(gi))
