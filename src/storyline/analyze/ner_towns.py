"""Towns the tagger called people: "Misrata", "Bani Walid", "Agrigento" tagged PERSON.

The recognisers know countries and the cities of CLDR; smaller towns are words they guess at, and a
capitalised word after a verb or a preposition often comes out a person. A PERSON mention whose
words are the name of a town of 15,000 people or more (:func:`storyline.lang.places.geo_places`)
becomes a place (GPE) in the whole report when the report also names the town's country, and the
name never follows a capitalised word there (a surname: "George Bush" keeps his; "Bush", a town of
Egypt, keeps it too unless Egypt is named and no given name is). Towns named like people stay
people in reports that do not name their country ("Obama" is a Japanese town).

Cost: linear in the mentions; the town table (about 25 MB, 0.45 s) is read once per process, the
first time a report has a PERSON mention that could be a town of a named country.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.lang.caseless import country_of
from storyline.lang.places import fold_place, geo_places
from storyline.model import Mention

__all__ = ["towns_as_places"]

#: The most words of a town's name checked.
MAX_TOWN_WORDS = 3
_CAPITALISED_BEFORE = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]*\s+$")


def towns_as_places(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """``mentions`` with person-tagged towns of a country the report names retyped GPE."""
    candidates = {m.span.text_in(text) for m in mentions if m.type == "PERSON"
                  and len(m.span.text_in(text).split()) <= MAX_TOWN_WORDS}
    countries = {code for m in mentions if m.type in ("GPE", "LOC")
                 and (code := country_of(m.span.text_in(text))) is not None} if candidates else set()
    if not countries:  # the town table is read only past this point
        return list(mentions)
    towns = {name for name in candidates if _town_of(name, countries)}
    towns = {name for name in towns if not _ever_a_surname(text, mentions, name)}
    if not towns:
        return list(mentions)
    return [Mention(m.span, "GPE", m.entity) if m.type == "PERSON" and m.span.text_in(text) in towns else m
            for m in mentions]


def _town_of(name: str, countries: set[str]) -> bool:
    town = geo_places().get(fold_place(name))
    return town is not None and town[2] in countries


def _ever_a_surname(text: str, mentions: Sequence[Mention], name: str) -> bool:
    """The name ends a longer person mention, or follows a capitalised word, somewhere."""
    for m in mentions:
        surface = m.span.text_in(text)
        if m.type == "PERSON" and surface != name and surface.endswith(" " + name):
            return True
        if surface == name and _CAPITALISED_BEFORE.search(text, max(0, m.span.start - 40), m.span.start) \
                and not _sentence_start(text, m.span.start):
            return True
    return False


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start].rstrip()
    return not before or before[-1] in ".!?:\n"
