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
