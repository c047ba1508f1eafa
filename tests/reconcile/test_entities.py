"""Tests of storyline.reconcile.entities (resolution over hand-made mentions)."""

from __future__ import annotations

import re

import pytest

from storyline.analyze.sentences import split_sentences
from storyline.model import Annotated, Article, Mention, Span
from storyline.reconcile.entities import entity_json, name_words, resolve_by_story, resolve_entities
from storyline.reconcile.name_keys import acronym, fold, given_names_compatible, part_similarity


def _item(article_id: str, text: str, names: dict[str, str], story: str | None = None) -> Annotated:
    """An Annotated article whose mentions are every occurrence of the given names (longest first)."""
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                taken.append(m.span())
                mentions.append(Mention(Span(*m.span()), names[name]))
    mentions.sort(key=lambda m: m.span.start)
    return Annotated(Article(id=article_id, text=text, story=story), tuple(split_sentences(text)),
                     tuple(mentions))


def _entity_of(items: list[Annotated], article_id: str, surface: str) -> str | None:
    for item in items:
        if item.article.id == article_id:
            for m in item.entities:
                if m.span.text_in(item.article.text) == surface:
                    return m.entity
    raise AssertionError(f"no mention {surface!r} in {article_id}")


@pytest.mark.parametrize(("a", "b"), [("Cavusoglu", "Chavushoru"), ("Çavuşoğlu", "Cavusoglu"),
                                      ("Akar", "Akal"), ("Akar", "Akkar"), ("Blinken", "Blincoln")])
def test_name_keys_transliterations_are_close(a: str, b: str) -> None:
    assert part_similarity(fold(a), fold(b)) >= 0.7


@pytest.mark.parametrize(("a", "b", "same"), [("antony", "anthony", True), ("joe", "joseph", True),
                                              ("j", "joe", True), ("joe", "hunter", False),
                                              ("jake", "john", False)])
def test_name_keys_given_names(a: str, b: str, same: bool) -> None:
    assert given_names_compatible(a, b) is same


def test_name_keys_acronym() -> None:
    assert acronym(["north", "atlantic", "treaty", "organization"]) == "nato"
    assert acronym(["nato"]) == ""


@pytest.mark.parametrize(("surface", "kind", "words"), [
    ("Turkish President Recep Tayyip Erdoğan's", "PERSON", ("recep", "tayyip", "erdogan")),
    ("Apple CEO Steve Jobs", "PERSON", ("steve", "jobs")),
    ("Joseph R. Biden Jr.", "PERSON", ("joseph", "biden")),
    ("Steve Jobs, founder of Apple", "PERSON", ("steve", "jobs")),
    ("the new iPod", "PRODUCT", ("ipod",)),
    ("Apple Inc.", "ORG", ("apple",)),
    ("S-400s", "WEAPON", ("s", "400")),
    ("U.S.", "GPE", ("us",)),
    ("Defence Ministry", "ORG", ("defense", "ministry")),
])
def test_entities_name_words(surface: str, kind: str, words: tuple[str, ...]) -> None:
    assert name_words(surface, kind) == words


def test_entities_spellings_and_partial_names_merge() -> None:
    items = [
        _item("a", "Secretary of State Antony Blinken met Foreign Minister Mevlut Cavusoglu. Blinken spoke.",
              {"Antony Blinken": "PERSON", "Mevlut Cavusoglu": "PERSON", "Blinken": "PERSON"}),
        _item("b", "Secretary of State Anthony Blincoln called Mevlut Chavushoru. Hulusi Akal agreed. "
              "Akkar said so.", {"Anthony Blincoln": "PERSON", "Mevlut Chavushoru": "PERSON",
                                 "Hulusi Akal": "PERSON", "Akkar": "PERSON"}),
        _item("c", "Defense Minister Hulusi Akar spoke. Spokesman Ned Price said no. Price added more. "
              "Mevlut Cavusoglu agreed.", {"Hulusi Akar": "PERSON", "Ned Price": "PERSON",
                                           "Price": "PERSON", "Mevlut Cavusoglu": "PERSON"}),
    ]
    entities, resolved = resolve_entities(items)
    assert _entity_of(resolved, "b", "Anthony Blincoln") == "Antony Blinken"
    assert _entity_of(resolved, "a", "Blinken") == "Antony Blinken"
    assert _entity_of(resolved, "b", "Mevlut Chavushoru") == "Mevlut Cavusoglu"
    assert _entity_of(resolved, "b", "Akkar") == "Hulusi Akar"
    assert _entity_of(resolved, "b", "Hulusi Akal") == "Hulusi Akar"
    assert _entity_of(resolved, "c", "Price") == "Ned Price"
    blinken = next(e for e in entities if e.name == "Antony Blinken")
    assert blinken.aliases == {"Antony Blinken": 1, "Anthony Blincoln": 1, "Blinken": 1}
    assert "Secretary of State" in blinken.roles
    assert blinken.roles["Secretary of State"] == ("a", "b")
    akar = next(e for e in entities if e.name == "Hulusi Akar")
    assert akar.roles == {"Defense Minister": ("c",)}


def test_entities_distinct_people_stay_apart() -> None:
    items = [_item("a", "Joe Biden spoke. Hunter Biden did not. Jill Biden smiled. J. Biden left.",
                   {"Joe Biden": "PERSON", "Hunter Biden": "PERSON", "Jill Biden": "PERSON",
                    "J. Biden": "PERSON"})]
    _, resolved = resolve_entities(items)
    names = {_entity_of(resolved, "a", s) for s in ("Joe Biden", "Hunter Biden", "Jill Biden")}
    assert len(names) == 3
    assert _entity_of(resolved, "a", "J. Biden") in names | {"J. Biden"}


def test_entities_fuzzy_surname_without_support_stays_apart() -> None:
    items = [_item("a", "Ned Price spoke. Ted Pryce spoke. Carl Prance left. Prance said so.",
                   {"Ned Price": "PERSON", "Ted Pryce": "PERSON", "Carl Prance": "PERSON",
                    "Prance": "PERSON"})]
    _, resolved = resolve_entities(items)
    assert _entity_of(resolved, "a", "Ted Pryce") == "Ted Pryce"
    assert _entity_of(resolved, "a", "Ned Price") == "Ned Price"
    assert _entity_of(resolved, "a", "Prance") == "Carl Prance"


def test_entities_ambiguous_surname_is_not_attached() -> None:
    items = [_item("a", "Joe Biden and Hunter Biden came. Biden spoke.",
                   {"Joe Biden": "PERSON", "Hunter Biden": "PERSON", "Biden": "PERSON"})]
    _, resolved = resolve_entities(items)
    assert _entity_of(resolved, "a", "Biden") == "Biden"


def test_entities_first_name_variant() -> None:
    items = [_item("a", "Joe Biden spoke.", {"Joe Biden": "PERSON"}),
             _item("b", "Joseph Biden spoke.", {"Joseph Biden": "PERSON"}),
             _item("c", "Joe Biden said so.", {"Joe Biden": "PERSON"})]
    entities, resolved = resolve_entities(items)
    assert [e.name for e in entities] == ["Joe Biden"]
    assert entities[0].aliases == {"Joe Biden": 2, "Joseph Biden": 1}


def test_entities_acronyms_and_aliases() -> None:
    items = [_item("a", "NATO allies met. The North Atlantic Treaty Organization said the U.S. and "
                   "the United States agree. US troops.",
                   {"NATO": "ORG", "North Atlantic Treaty Organization": "ORG", "U.S.": "GPE",
                    "United States": "GPE", "US": "GPE"})]
    entities, _ = resolve_entities(items)
    by_type = sorted((e.type, sorted(e.aliases)) for e in entities)
    assert by_type == [("GPE", ["U.S.", "US", "United States"]),
                       ("ORG", ["NATO", "North Atlantic Treaty Organization"])]


def test_entities_a_country_is_a_place_whatever_most_mentions_were_tagged() -> None:
    items = [_item("a", "Turkey said no. Turkey's army moved.", {"Turkey": "ORG"}),
             _item("b", "Officials in Turkey spoke. The Ankara Group met.", {"Turkey": "GPE", "Ankara Group": "ORG"}),
             _item("c", "Jordan scored twice.", {"Jordan": "PERSON"})]
    entities, resolved = resolve_entities(items)
    assert sorted((e.name, e.type) for e in entities) == [
        ("Ankara Group", "ORG"), ("Jordan", "PERSON"), ("Turkey", "GPE")]
    assert {m.type for item in resolved for m in item.entities
            if m.span.text_in(item.article.text) == "Turkey"} == {"GPE"}


def test_entities_partial_names_stay_in_their_story() -> None:
    items = [_item("a", "Ned Price spoke.", {"Ned Price": "PERSON"}, story="s1"),
             _item("b", "Price spoke.", {"Price": "PERSON"}, story="s2")]
    _, resolved = resolve_entities(items)
    assert _entity_of(resolved, "b", "Price") == "Price"


def test_entities_resolve_by_story_keeps_order_and_fills_every_name() -> None:
    items = [_item("a", "Ned Price spoke.", {"Ned Price": "PERSON"}, story="s1"),
             _item("b", "Ned Price spoke.", {"Ned Price": "PERSON"}, story="s2"),
             _item("c", "Price spoke.", {"Price": "PERSON"}, story="s1")]
    entities, resolved = resolve_by_story(items)
    assert [r.article.id for r in resolved] == ["a", "b", "c"]
    assert _entity_of(resolved, "c", "Price") == "Ned Price"
    assert len(entities) == 2
    assert len({e.id for e in entities}) == 1 or len({e.id for e in entities}) == 2


def test_entities_empty_input_and_input_not_mutated() -> None:
    assert resolve_entities([]) == ([], [])
    item = _item("a", "Ned Price spoke.", {"Ned Price": "PERSON"})
    resolve_entities([item])
    assert item.entities[0].entity is None


def test_entities_pronoun_joins_nearest_name_of_its_type() -> None:
    items = [_item("a", "Apple sold more. it grew.", {"Apple": "ORG", "it": "ORG"})]
    _, resolved = resolve_entities(items)
    assert _entity_of(resolved, "a", "it") == "Apple"


def test_entities_json_lists_alias_sources() -> None:
    items = [_item("a", "Ned Price spoke.", {"Ned Price": "PERSON"}),
             _item("b", "Ned Price said.", {"Ned Price": "PERSON"})]
    entities, _ = resolve_entities(items)
    data = entity_json(entities[0], {i.article.id: i.article.text for i in items})
    assert data["alias_sources"] == {"Ned Price": ["a", "b"]}
    assert data["name"] == "Ned Price" and data["type"] == "PERSON"
