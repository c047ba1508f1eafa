"""Outlet and language labels: what a reader sees for a report's outlet."""

from __future__ import annotations

from storyline.model import Article
from storyline.present.labels import UNKNOWN_OUTLET, citation_label, outlet_label


def test_labels_citation_names_outlet_and_language() -> None:
    assert citation_label("elmundo.es", "es") == "elmundo.es · es"
    assert citation_label(None, "fr") == f"{UNKNOWN_OUTLET} · fr"
    assert citation_label("  Le   Monde ", None) == "Le Monde"


def test_labels_outlet_that_is_a_report_id_becomes_unknown_with_its_language() -> None:
    articles = {"es-1": Article(id="es-1", text="Hola.", language="es")}
    assert outlet_label("es-1", articles) == "outlet not known · es"
    assert outlet_label("Reuters", articles) == "Reuters"
    assert outlet_label(None, articles) == UNKNOWN_OUTLET
    assert outlet_label("es-1", {"es-1"}) == UNKNOWN_OUTLET


def test_labels_reports_without_an_outlet_are_told_apart_by_file_line_or_title() -> None:
    from storyline.model import Provenance

    by_file = Article(id="a1", text="x", language="en", provenance=Provenance(path="/in/000_6845.txt", record=None))
    by_line = Article(id="a2", text="x", language="es", provenance=Provenance(path="/in/crisis.jsonl", record=12))
    by_title = {"id": "a3", "language": "fr", "title": "Kadhafi promet une riposte contre les rebelles de Benghazi"}
    articles = {"a1": by_file, "a2": by_line, "a3": by_title}
    assert outlet_label("a1", articles) == "outlet not known · en · 000_6845.txt"
    assert outlet_label("a2", articles) == "outlet not known · es · crisis.jsonl:12"
    assert outlet_label("a3", articles) == "outlet not known · fr · Kadhafi promet une riposte contr…"
    assert citation_label("Le Monde", "fr", "ignored.txt") == "Le Monde · fr"


def test_entities_are_listed_people_first_and_most_mentioned_first() -> None:
    from storyline.model import Story  # noqa: PLC0415
    from storyline.present.labels import entity_order  # noqa: PLC0415
    from storyline.present.report_render import story_view  # noqa: PLC0415

    entities = [{"name": "ABC", "type": "ORG", "aliases": {"ABC": 1}, "mentions": [1]},
                {"name": "Abolición", "type": "ORG", "aliases": {"Abolición": 1}, "mentions": [1]},
                {"name": "Hosni Mubarak", "type": "PERSON", "aliases": {"Mubarak": 9}, "mentions": list(range(9))},
                {"name": "Omar Suleimán", "type": "PERSON", "aliases": {"Suleimán": 4}, "mentions": list(range(4))},
                {"name": "Ejército", "type": "ORG", "aliases": {"Ejército": 5}, "mentions": list(range(5))}]
    assert [e["name"] for e in entity_order(entities)] == ["Hosni Mubarak", "Omar Suleimán", "Ejército", "ABC",
                                                          "Abolición"]
    view = story_view(Story(id="s1", title="t", articles=(), events=()), [], {"entities": entities})
    who = dict(view["sections"])["Who"]
    assert who[0].startswith("Hosni Mubarak (PERSON)") and who[2].startswith("Ejército (ORG)")
