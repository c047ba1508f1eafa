"""Date and credit lines are no facts: a sentence that states nothing beyond its names, numbers and
dates ("Jueves 17/02/2011.") is kept for the summary's weights but never listed as a fact, a
single-source claim or a contradiction, whatever the number of pages that print it."""

from __future__ import annotations

import json

import pytest

from storyline.analyze.annotate import annotate
from storyline.model import Article, Event, Story
from storyline.reconcile.fact_features import build_units
from storyline.reconcile.story import reconcile_story

DAY = "2011-02-17"
BODY = ("Las fuerzas de seguridad dispararon contra los manifestantes en Bengasi durante la noche, "
        "según varios testigos citados por la prensa local.")
PAGES = {
    "a1": f"Jueves 17/02/2011.\n\n{BODY} El Gobierno no ha hecho comentarios.",
    "a2": f"Jueves 17/02/2011.\n\n{BODY} Los hospitales piden sangre.",
    "a3": f"La Habana, 17 de febrero de 2011\n\n{BODY} La oposición convoca otra marcha para el viernes.",
}


def _story_record() -> dict:
    items = [annotate(Article(id=i, text=t, source=f"outlet-{i}", published=DAY, language="es"))
             for i, t in PAGES.items()]
    story = Story("s1", "Bengasi", tuple(PAGES), (Event("e1", tuple(PAGES), DAY),))
    record, _ = reconcile_story(story, items)
    return json.loads(json.dumps(record))


def _texts(facts: list[dict]) -> list[str]:
    return [f["text"] for f in facts]


def test_a_date_line_three_pages_print_is_no_fact_while_their_shared_statement_is() -> None:
    record = _story_record()
    established = _texts(record["facts"])
    assert any("Bengasi" in text for text in established)
    listed = established + _texts(record["single_source"])
    assert not any(text.startswith(("Jueves", "La Habana")) for text in listed)
    sides = [c[side]["text"] for c in record["contradictions"] for side in ("left", "right")]
    assert not any(text.startswith(("Jueves", "La Habana")) for text in sides)


@pytest.mark.parametrize(("language", "line", "stated"), [
    ("es", "Jueves 17/02/2011.", False),
    ("es", "La Habana, 19 de marzo de 2011", False),
    ("fr", "Mardi 22 mars 2011", False),
    ("en", "Tuesday, January 12, 2010", False),
    ("en", "The Tour de France will be in London and Kent for the two days of the 7th and 8th of July.", True),
    ("fr", "Mouatassim Kadhafi est mort jeudi à Syrte.", True),
    ("it", "L'Onu approva la no-fly zone sulla Libia venerdì 18 marzo 2011.", True),
])
def test_a_sentence_states_something_when_a_word_outside_names_and_dates_says_it(
        language: str, line: str, stated: bool) -> None:
    item = annotate(Article(id="x", text=line, published="2011-03-22", language=language))
    (unit,) = build_units([item])
    assert unit.statement is stated
