"""Towns the tagger called people: "Misrata", "Bani Walid", "Agrigento" tagged PERSON.

The recognisers know countries and the cities of CLDR; smaller towns are words they guess at, and a
capitalised word after a verb or a preposition often comes out a person. A PERSON mention whose
words are the name of a town of 15,000 people or more (:func:`storyline.lang.places.geo_places`)
becomes a place (GPE) in the whole report when the report also names the town's country within a
paragraph of one of its mentions (or,
with a model that did not learn the report's language, is written in one of the country's
official languages: Agrigento in an Italian report, Marseille in a French one), and the
name never follows a capitalised word there (a surname: "George Bush" keeps his; "Bush", a town of
Egypt, keeps it too unless Egypt is named and no given name is). Towns named like people stay
people in reports that do not name their country ("Obama" is a Japanese town).

Cost: linear in the mentions; the town table (about 25 MB, 0.45 s) is read once per process, the
first time a report has a PERSON mention that could be a town of a named country.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from storyline.analyze.ner_lexicon import NameLexicon, lexicon
from storyline.lang.caseless import country_of
from storyline.lang.places import fold_place, geo_places
from storyline.model import Mention

__all__ = ["towns_as_places"]

#: The most words of a town's name checked.
MAX_TOWN_WORDS = 3
#: A report up to this long (characters; a 650-word news report) is about one place: a country it
#: names anywhere frames its towns. Longer pages (live blogs, comment threads, round-ups) hold
#: many subjects: there the country must be named within ``COUNTRY_REACH`` of the town.
ONE_SUBJECT_CHARS = 4000
COUNTRY_REACH = 1000
_CAPITALISED_BEFORE = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]*\s+$")


def towns_as_places(text: str, mentions: Sequence[Mention], language: str | None = None) -> list[Mention]:
    """``mentions`` with person-tagged towns of a country the report names (on a long page, near
    one of them: :func:`_countries_near`), or of a country whose official language the report is written in
    (``language``, when given), retyped GPE."""
    candidates = {m.span.text_in(text) for m in mentions if m.type == "PERSON"
                  and len(m.span.text_in(text).split()) <= MAX_TOWN_WORDS}
    named = [(m.span.start, code) for m in mentions if m.type in ("GPE", "LOC")
             and (code := country_of(m.span.text_in(text))) is not None] if candidates else []
    home = home_countries(language) if candidates and language else frozenset()
    if not named and not home:  # the town table is read only past this point
        return list(mentions)
    countries = {code for _, code in named} | home
    towns = {name for name in candidates if _town_of(name, countries)}  # a dictionary lookup each
    towns = {name for name in towns if _town_of(name, _countries_near(text, mentions, name, named) | home)}
    lex = lexicon(language or "en")
    towns = {name for name in towns if not _ever_a_surname(text, mentions, name, lex)}
    if not towns:
        return list(mentions)
    return [Mention(m.span, "GPE", m.entity) if m.type == "PERSON" and m.span.text_in(text) in towns else m
            for m in mentions]


def _countries_near(text: str, mentions: Sequence[Mention], name: str,
                    named: list[tuple[int, str]]) -> set[str]:
    """The countries named in a report of one subject, or within ``COUNTRY_REACH`` characters of
    a mention of ``name`` on a longer page: "Obama" on a 38,000-character page that names Japan
    once, far from him, stays a person."""
    if len(text) <= ONE_SUBJECT_CHARS:
        return {code for _, code in named}
    at = [m.span.start for m in mentions if m.span.text_in(text) == name]
    return {code for where, code in named if any(abs(where - a) <= COUNTRY_REACH for a in at)}


@lru_cache(maxsize=32)
def home_countries(language: str) -> frozenset[str]:
    """The countries where ``language`` is official (CLDR through Babel, de facto included):
    "it" → IT, CH, SM, VA. An Italian report naming Agrigento need not name Italy."""
    from babel import Locale  # noqa: PLC0415 - Babel's data loads on first use
    from babel.languages import get_official_languages  # noqa: PLC0415

    code = language.lower()[:2]
    return frozenset(t for t in Locale("en").territories if len(t) == 2 and t.isalpha()
                     and code in get_official_languages(t, regional=False, de_facto=True))


def _town_of(name: str, countries: set[str] | frozenset[str]) -> bool:
    town = geo_places().get(fold_place(name))
    return town is not None and town[2] in countries


def _ever_a_surname(text: str, mentions: Sequence[Mention], name: str, lex: NameLexicon) -> bool:
    """The name ends a longer person mention right after a given name, or follows a capitalised
    word, somewhere ("George Bush"); a function word before it ("Ad Agrigento", "Mercedes di
    Agrigento") makes no surname of it."""
    for m in mentions:
        surface = m.span.text_in(text)
        if m.type == "PERSON" and surface != name and surface.endswith(" " + name) \
                and not lex.never_name(surface[: -len(name)].split()[-1]):
            return True
        before = _CAPITALISED_BEFORE.search(text, max(0, m.span.start - 40), m.span.start) \
            if surface == name else None
        if before is not None and not _sentence_start(text, m.span.start) \
                and not lex.never_name(before.group().split()[0]):
            return True
    return False


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start].rstrip()
    return not before or before[-1] in ".!?:\n"
