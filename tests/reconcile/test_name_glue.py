"""Words pages glue to a person's name: the name an entity is shown and attributed by."""

from __future__ import annotations

import re
import pytest

from storyline.analyze.sentences import split_sentences
from storyline.model import Annotated, Article, Mention, Span
from storyline.reconcile.entities import resolve_entities
from storyline.reconcile.name_glue import glued_aliases
from storyline.reconcile.name_keys import alias_of


def _item(article_id: str, text: str, names: dict[str, str], language: str) -> Annotated:
    mentions = [Mention(Span(*m.span()), kind) for name, kind in names.items()
                for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)]
    mentions.sort(key=lambda m: m.span.start)
    article = Article(id=article_id, text=text, story="s", language=language)
    return Annotated(article, tuple(split_sentences(text)), tuple(mentions))


def _names(entities: list) -> dict[str, str]:
    """Each alias → the name of the entity holding it."""
    return {alias: entity.name for entity in entities for alias in entity.aliases}


@pytest.mark.parametrize(("written", "name"), [
    ("Abdel Hafeez Goga del CNT", "Abdel Hafeez Goga"),  # an affiliation after a particle
    ("Marco Brancaccia ROMA", "Marco Brancaccia"),  # a dateline town
    ("ONU Ban Ki-moon", "Ban Ki-moon"),
    ("IERI ALLA CASERMA Paolo Vannucci", "Paolo Vannucci"),
    ("Jean DUPONT", "Jean DUPONT"),  # a surname written in capitals stays
    ("Juan de la CRUZ", "Juan de la CRUZ"),
    ("AFRICOM del Pentágono", "AFRICOM del Pentágono"),  # one word would be left: not a person's name
])
def test_shouted_words_glued_to_a_name_are_not_part_of_it(written: str, name: str) -> None:
    assert alias_of(written, "PERSON") == name


def test_glued_alias_holds_the_name_written_alone_in_the_story() -> None:
    aliases = ["Repubblica Giorgio Napolitano", "Giorgio Napolitano", "Napolitano",
               "Esteri Franco Frattini", "Franco Frattini", "Mustafa Abdel Jalil", "Abdel Jalil"]
    glued = glued_aliases(aliases, ["it"])
    assert glued == {"Repubblica Giorgio Napolitano": "Giorgio Napolitano",
                     "Esteri Franco Frattini": "Franco Frattini"}  # "Mustafa" is no glue word
    assert glued_aliases(["Otan Anders Fogh Rasmussen", "Anders Fogh Rasmussen"], ["es"],
                         frozenset({"otan"})) == {"Otan Anders Fogh Rasmussen": "Anders Fogh Rasmussen"}
    assert glued_aliases(["Repubblica Giorgio Napolitano", "Napolitano"], ["it"]) == {}  # no full name alone
    assert glued_aliases(["Repubblica Giorgio Napolitano", "Giorgio Napolitano"], [None]) == {}  # no language


def test_entity_is_named_by_the_name_not_its_glued_form() -> None:
    items = [
        _item(f"a{i}", "Il presidente della Repubblica Giorgio Napolitano ha parlato ieri a Roma.",
              {"Repubblica Giorgio Napolitano": "PERSON", "Roma": "GPE"}, "it") for i in range(3)
    ] + [_item("b", "Giorgio Napolitano ha firmato. Napolitano ha detto di sì.",
               {"Giorgio Napolitano": "PERSON", "Napolitano": "PERSON"}, "it")]
    entities, _ = resolve_entities(items)
    names = _names(entities)
    assert names["Repubblica Giorgio Napolitano"] == names["Giorgio Napolitano"] == "Giorgio Napolitano"


def test_council_acronym_is_not_the_surname_of_a_person_glued_to_it() -> None:
    text = ("Il portavoce Abdel Hafeez Goga del CNT ha parlato. Il Cnt ha chiesto aiuto. "
            "Secondo il Cnt la città è libera.")
    items = [_item("a", text, {"Abdel Hafeez Goga del CNT": "PERSON", "Cnt": "PERSON"}, "it"),
             _item("b", "Il CNT ha riunito i ministri.", {"CNT": "ORG"}, "it")]
    entities, resolved = resolve_entities(items)
    names = _names(entities)
    person = next(e for e in entities if e.type == "PERSON" and "Goga" in e.name)
    assert person.name == "Abdel Hafeez Goga"
    assert "Cnt" not in person.aliases
    council = {m.entity for m in resolved[0].entities if m.span.text_in(text) == "Cnt"}
    assert council and council <= {names["CNT"]}


def test_network_named_after_a_reporter_is_not_her_surname() -> None:
    items = [_item("a", "Paula Newton de CNN informó desde Trípoli. CNN dijo después que era falso.",
                   {"Paula Newton de CNN": "PERSON", "CNN": "PERSON"}, "es"),
             _item("b", "Paula Newton llegó a Bengasi.", {"Paula Newton": "PERSON"}, "es")]
    entities, _ = resolve_entities(items)
    newton = next(e for e in entities if "Newton" in e.name)
    assert newton.name == "Paula Newton"
    assert "CNN" not in newton.aliases
    assert any("CNN" in e.aliases for e in entities)
