"""A sentence that says nothing but its dates (a page's dateline, a byline) is no happening."""

from __future__ import annotations

from datetime import date

from storyline.analyze.times import find_times
from storyline.reconcile.timeline import TimelineItem, build_timeline

ANCHOR = date(2011, 2, 24)


def _item(article_id: str, text: str, language: str) -> TimelineItem:
    return TimelineItem(article_id, None, text, None, find_times(text, ANCHOR, language=language), "2011-02-24")


def _sentences(items: list[TimelineItem]) -> list[str]:
    return [s for entry in build_timeline(items) for s in entry.sentences]


def test_datelines_and_bylines_are_left_out_in_every_language() -> None:
    spanish = ("Jueves 17/02/2011.\n\nActualizado 11:40h.\n\nAGENCIAS - Ras Lanuf - 23/02/2011\n\n"
               "Febrero 23 de 2011\n\nGadafi habló ayer en la televisión estatal.")
    french = "Mardi 22 février 2011\n\nLes rebelles ont pris Benghazi le 20 février."
    found = _sentences([_item("es", spanish, "es"), _item("fr", french, "fr")])
    assert found == ["Les rebelles ont pris Benghazi le 20 février.", "Gadafi habló ayer en la televisión estatal."]


def test_short_english_happenings_stay() -> None:
    text = ("Monday, February 21, 2011\n\nHe spoke on Monday. Obama met Erdogan on Tuesday. "
            "The talks resumed in Ankara on February 23.")
    found = _sentences([_item("en", text, "en")])
    assert "He spoke on Monday." in found and "Obama met Erdogan on Tuesday." in found
    assert "Monday, February 21, 2011" not in found
