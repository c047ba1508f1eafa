"""Who speaks, keyed by the story's resolved entities: one party per entity, whatever the spelling.

A quote's speaker is linked to one of the story's entities (:func:`storyline.reconcile.speaker_links.
link_speaker`: "Gadafi", "Kadhafi" and "Mouammar Kadhafi" are the entity "Muamar el Gadafi"), and
"who said what" is listed by that entity, under its canonical name, not by each spelling. Some
entities are still one party although resolution keeps them apart:

* **A state's voice.** A state, its capital and its seat of government speak for one party
  ("Ankara said" is Turkey, "the Kremlin" Russia, "the White House" the United States): a
  non-person entity whose name is only a state's name, capital or seat
  (:func:`storyline.reconcile.fact_speakers.state_of`, the rule ``claimed_by`` already uses) is
  the story's entity named as that country's territory (CLDR; the most mentioned when several);
  without one it stays itself. An entity all of whose names are the state's is its voice
  whatever its type ("Ankara" opening a sentence is tagged as a person).
* **A person the tagger typed as a place or organisation.** A non-person entity that is no
  place and whose name reads as a person's is the story's one person with that name: a full
  name ("Muamar el Gadafi" as ORG) is the one PERSON entity with the same transliterated surname
  (:func:`storyline.reconcile.name_keys.translit_key`) and a compatible given name; a lone
  surname ("Kaddafi" as GPE) is the one PERSON entity that resolution gave that surname as a
  spelling of its own ("Gadafi", "Kadhafi"), else, for a name tagged as a place that is no
  place nor town ("Ghonim"), the one full name ending in it, spelt the same and reading as a
  person's ("Wael Ghonim"; not "Ministerio de Industria", "Washington Post"). An acronym
  ("CNT") is nobody's surname. Two or more candidates: left as it is.
* A PERSON entity is never moved to another person (resolution already weighed its names);
  only a lone surname ("Balci") whose one full name the tagger mistyped ("Bayram Balci" as a
  place) goes to that full name.

A speaker no entity holds keeps its spelling, unless its spelling is a spelling of entities that
all speak as one party, or a state's name ("Ankara" unlinked is still Turkey).

Cost: an index over the story's entities, built once (linear in their aliases); then each name
is decided once (memoised), a dict look-up plus a scan of the people sharing its surname key.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from storyline.lang.places import fold_place, geo_places
from storyline.model import Entity
from storyline.reconcile.fact_speakers import state_of
from storyline.reconcile.name_keys import fold, given_names_compatible, name_words, translit_key
from storyline.reconcile.places import place_key
from storyline.reconcile.speaker_party import Party

__all__ = ["Parties", "Party", "speakers_json"]

#: Entity types that are people, and places (a lone surname is often tagged as one).
_PEOPLE = frozenset({"PERSON", "PER"})
_PLACES = frozenset({"GPE", "LOC"})
#: Letters of the longest one-word name in capitals read as an acronym, not a surname.
MAX_ACRONYM = 5
#: Letters of the longest lower-case word a listed spelling may hold ("el", "de", "bin").
MAX_CONNECTOR = 3


class Parties:
    """The story's speaking parties, from its resolved entities (module docstring).

    Args:
        entities: The story's entities (:func:`storyline.reconcile.entities.resolve_entities`).
    """

    def __init__(self, entities: Iterable[Entity]) -> None:
        self._entities = sorted(entities, key=lambda e: (-len(e.mentions), e.name, e.id))
        self._by_name: dict[str, Entity] = {}
        self._by_alias: dict[str, set[str]] = defaultdict(set)
        self._by_id = {e.id: e for e in self._entities}
        self._people_by_key: dict[str, list[Entity]] = defaultdict(list)
        self._states: dict[str, list[Entity]] = defaultdict(list)
        for entity in self._entities:  # most mentioned first: a repeated canonical name is the biggest
            self._by_name.setdefault(fold(entity.name), entity)
            for alias in (entity.name, *entity.aliases):
                self._by_alias[fold(alias)].add(entity.id)
            if entity.type in _PEOPLE:
                for key in {_surname_key(alias) for alias in (entity.name, *entity.aliases)} - {""}:
                    self._people_by_key[key].append(entity)
            if entity.type not in _PEOPLE and (state := state_of(entity.name)) is not None:
                self._states[state].append(entity)
        self._known: dict[tuple[str, bool], Party] = {}
        self._speaks_for: dict[str, Entity] = {}

    def of(self, name: str | None, *, linked: bool = True) -> Party | None:
        """The party of a speaker: ``name`` is the canonical name of the entity the speaker is
        linked to (``linked``), else the speaker as analysis or the report names it; None for no
        name."""
        if not name or not name.strip():
            return None
        memo = (name, linked)
        found = self._known.get(memo)
        if found is None:
            found = self._known[memo] = self._decide(name, linked)
        return found

    def _decide(self, name: str, linked: bool) -> Party:
        entity = self._by_name.get(fold(name)) if linked else None
        if entity is not None:
            return _party(self._party_entity(entity))
        spoken = {self._party_entity(self._by_id[i]).id for i in self._by_alias.get(fold(name), ())}
        if len(spoken) == 1:  # a spelling of entities that speak as one party
            return _party(self._by_id[spoken.pop()])
        state = state_of(name)
        country = self._country(state) if state else None
        return _party(country) if country else Party("n:" + fold(name), " ".join(name.split()))

    def _party_entity(self, entity: Entity) -> Entity:
        """The entity that speaks for ``entity``: its state, itself, or the person it names."""
        found = self._speaks_for.get(entity.id)
        if found is None:
            found = self._speaks_for[entity.id] = self._decide_entity(entity)
        return found

    def _decide_entity(self, entity: Entity) -> Entity:
        state = state_of(entity.name)
        if state is not None and (entity.type not in _PEOPLE or all(state_of(a) == state for a in entity.aliases)):
            return self._country(state) or entity  # also a capital the tagger took for a person
        if place_key(name_words(entity.name, "GPE")) is not None:
            return entity
        person = self._person(entity)
        if person is None:
            return entity
        self._speaks_for[entity.id] = person  # a cycle of names stops here
        return self._party_entity(person)  # "Balci" (ORG) -> "Balci" (PERSON) -> "Bayram Balci"

    def _country(self, state: str) -> Entity | None:
        """The story's entity named as the state's territory (the most mentioned), else None."""
        found = self._states.get(state, [])
        return next((e for e in found if place_key(name_words(e.name, "GPE")) == state.lstrip("@")), None)

    def _person(self, entity: Entity) -> Entity | None:
        """The one person an entity's name denotes (module docstring), or None: for a person, only
        a lone surname whose one full name in the story was mistyped."""
        words = name_words(entity.name, "PERSON")
        key = translit_key(words[-1]) if words else ""
        if not key or _acronym(entity.name):
            return None
        people = [p for p in self._people_by_key.get(key, []) if p.id != entity.id]
        if entity.type in _PEOPLE:
            if len(words) > 1 or any(len(name_words(a, "PERSON")) > 1 for p in people for a in p.aliases):
                return None  # resolution weighed the story's full names
            return self._mistyped_full_name(words[0], entity)
        if len(words) > 1:
            found = {p.id: p for p in people if _full_name_agrees(words, p)}
        else:
            found = {p.id: p for p in people if any(
                len(w := name_words(alias, "PERSON")) == 1 and translit_key(w[0]) == key for alias in p.aliases)}
            if not found and entity.type in _PLACES:  # "Ghonim" tagged as a place, "Wael Ghonim" named
                return self._mistyped_full_name(words[0], entity, people=True)
        return next(iter(found.values())) if len(found) == 1 else None

    def _mistyped_full_name(self, surname: str, lone: Entity, *, people: bool = False) -> Entity | None:
        """The one full name ending in ``surname`` among the entities that are no place, the
        people among them only when ``people`` ("Bayram Balci" tagged as a place, for the lone
        "Balci" tagged as a person), else None. The surname must be spelt the same (folded) and
        be no place's name (CLDR's, or a town of GeoNames'); the full name must read as a person's: every word capitalised ("Ministerio
        de Industria" is no name), the first no place ("Washington Post")."""
        if place_key((surname,)) is not None or state_of(surname) is not None or fold_place(lone.name) in geo_places():
            return None  # "Bengasi" is a town, not the surname of "Ospedale Bengasi"
        found = [e for e in self._entities if e.id != lone.id and (people or e.type not in _PEOPLE)
                 and len(w := name_words(e.name, "PERSON")) > 1 and w[-1] == surname and _reads_as_a_name(e.name)]
        return found[0] if len(found) == 1 else None


def _reads_as_a_name(name: str) -> bool:
    """Whether a full name reads as a person's: every word capitalised, the first no place."""
    words = name.split()
    return (all(w[:1].isupper() for w in words) and place_key(name_words(words[0], "GPE")) is None
            and state_of(words[0]) is None and place_key(name_words(name, "GPE")) is None and state_of(name) is None)


def _acronym(name: str) -> bool:
    """A short word in capitals ("CNT", "AFP") names an organisation, never a person's surname."""
    bare = name.replace(".", "").strip()
    return bare.isupper() and " " not in bare and len(bare) <= MAX_ACRONYM


def _surname_key(alias: str) -> str:
    words = name_words(alias, "PERSON")
    return translit_key(words[-1]) if words else ""


def _full_name_agrees(words: tuple[str, ...], person: Entity) -> bool:
    """Whether a full name agrees with one of a person's full spellings: the same transliterated
    surname and a compatible first given name."""
    for alias in (person.name, *person.aliases):
        other = name_words(alias, "PERSON")
        if len(other) > 1 and translit_key(other[-1]) == translit_key(words[-1]) and (
                given_names_compatible(words[0], other[0]) or translit_key(words[0]) == translit_key(other[0]) != ""):
            return True
    return False


def _party(entity: Entity) -> Party:
    return Party("e:" + entity.id, entity.name, entity.id, entity.type)


def speakers_json(quotes: Sequence[Mapping[str, Any]], parties: Parties | None = None) -> list[dict[str, Any]]:
    """The story's speakers, one per party, from its quote records (each with ``speaker_key``,
    ``speaker_name``, ``speaker_id``): ``{"key", "name", "entity", "names", "quotes", "articles",
    "outlets"}``, ``names`` every spelling the reports give it that reads as a name (the
    speaker's words "testigos citados por Reuters" are not listed) and, given the story's
    ``parties``, that is a spelling of this party (a quote linked to Gadafi whose words name
    someone else does not make that name Gadafi's), ``quotes`` the quote ids; most
    quoted first (then most reports, then name). Quotes without a speaker are left out."""
    entries: dict[str, dict[str, Any]] = {}
    for quote in quotes:
        key = quote.get("speaker_key")
        if not key:
            continue
        entry = entries.setdefault(key, {"key": key, "name": quote["speaker_name"], "entity": quote.get("speaker_id"),
                                         "names": [], "quotes": [], "articles": [], "outlets": []})
        entry["quotes"].append(quote["id"])
        spellings = [quote.get("speaker_entity"), quote.get("speaker"),
                     *(v.get(f) for v in quote.get("variants", []) for f in ("speaker", "speaker_entity"))]
        _extend(entry["names"], [n for n in spellings if n and _spelling(n) and (
            parties is None or n == entry["name"] or getattr(parties.of(n, linked=False), "key", None) == key)])
        _extend(entry["articles"], quote.get("sources", []))
        _extend(entry["outlets"], quote.get("outlets", []))
    for entry in entries.values():
        entry["names"] = entry["names"] or [entry["name"]]  # an unnamed party ("a US official") as written
    return sorted(entries.values(), key=lambda p: (-len(p["quotes"]), -len(p["articles"]), p["name"], p["key"]))


def _spelling(name: str) -> bool:
    """Whether a speaker's words are a name (a spelling worth listing): every word of more than
    three letters capitalised ("Muamar el Gadafi"; not "testigos citados por Reuters")."""
    return all(w[:1].isupper() or len(w) <= MAX_CONNECTOR for w in name.split())


def _extend(into: list[str], values: Iterable[str | None]) -> None:
    seen = Counter(into)
    for value in values:
        if value and not seen[value]:
            seen[value] += 1
            into.append(value)
