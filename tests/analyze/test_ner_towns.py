"""Towns the tagger called people become places where the report names their country."""

from __future__ import annotations

from storyline.analyze.ner_towns import towns_as_places
from storyline.model import Mention, Span


def _tag(text: str, names: dict[str, str]) -> list[Mention]:
    mentions = []
    for name, kind in names.items():
        start = text.find(name)
        while start >= 0:
            mentions.append(Mention(Span(start, start + len(name)), kind))
            start = text.find(name, start + 1)
    return sorted(mentions, key=lambda m: m.span.start)


def _types(text: str, mentions: list[Mention]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for m in towns_as_places(text, mentions):
        found.setdefault(m.span.text_in(text), set()).add(m.type)
    return found


def test_a_town_of_a_named_country_is_a_place_everywhere_in_the_report() -> None:
    text = "Los rebeldes resisten en Misrata. Libia vive una guerra; Misrata sigue cercada."
    assert _types(text, _tag(text, {"Misrata": "PERSON", "Libia": "GPE"})) == {"Misrata": {"GPE"}, "Libia": {"GPE"}}


def test_without_the_country_or_as_a_surname_the_person_stays() -> None:
    alone = "Los rebeldes resisten en Misrata."
    assert _types(alone, _tag(alone, {"Misrata": "PERSON"})) == {"Misrata": {"PERSON"}}
    surname = "En Egipto, George Bush habló. Bush dijo que sí."  # Bush is also a town of Egypt
    found = _types(surname, _tag(surname, {"George Bush": "PERSON", "Bush": "PERSON", "Egipto": "GPE"}))
    assert found["Bush"] == {"PERSON"}
    assert towns_as_places("", []) == []


def test_a_town_of_a_country_of_the_reports_language_needs_no_country_named() -> None:
    text = "Ad Agrigento la polizia ha arrestato due uomini. Agrigento è in lutto."
    mentions = _tag(text, {"Agrigento": "PERSON"})
    assert {m.type for m in towns_as_places(text, mentions, "it")} == {"GPE"}
    assert {m.type for m in towns_as_places(text, mentions, "es")} == {"PERSON"}  # no Spanish town
    assert {m.type for m in towns_as_places(text, mentions)} == {"PERSON"}  # language unknown: no guess


def test_a_town_that_is_a_surname_in_the_report_stays_a_person() -> None:
    text = "Parla Maria Licata, sindaco. Licata ha detto che il porto resta aperto."
    mentions = _tag(text, {"Maria Licata": "PERSON", "Licata": "PERSON"})
    assert {m.span.text_in(text): m.type for m in towns_as_places(text, mentions, "it")}["Licata"] == "PERSON"


def test_on_a_long_page_the_country_must_be_named_near_the_town() -> None:
    """"Obama" is a town of Japan: a long page that names Japan once, far from him, keeps the person."""
    filler = "Los mercados siguen nerviosos por la crisis. " * 100  # past ONE_SUBJECT_CHARS
    text = "Un banco de Japón informó. " + filler + "Obama habló con sus aliados. Obama pidió calma."
    mentions = _tag(text, {"Japón": "GPE", "Obama": "PERSON"})
    assert {m.type for m in towns_as_places(text, mentions, "es") if m.span.text_in(text) == "Obama"} == {"PERSON"}
    near = "Un banco de Japón informó. Obama cerró sus puertas por la tormenta. " + filler
    mentions = _tag(near, {"Japón": "GPE", "Obama": "PERSON"})
    assert {m.type for m in towns_as_places(near, mentions, "es") if m.span.text_in(near) == "Obama"} == {"GPE"}
