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
