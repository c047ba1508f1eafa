"""A story's timeline shows its own period first and background history after it."""

from __future__ import annotations

from datetime import date

from storyline.analyze.times import find_times
from storyline.reconcile.timeline import PERIOD_AFTER, PERIOD_BEFORE, TimelineItem, build_timeline, story_period

REPORTS = [
    ("r1", "2011-03-18", "es",
     "El Consejo de Seguridad aprobó ayer la resolución 1973. Gadafi llegó al poder en 1969 tras un golpe. "
     "En 1986 Estados Unidos bombardeó Trípoli."),
    ("r2", "2011-03-20", "fr",
     "Les avions français ont frappé hier les chars de Kadhafi près de Benghazi. "
     "Le colonel avait été reçu à Paris en décembre 2007."),
    ("r3", "2011-03-25", "it",
     "La Nato ha assunto oggi il comando delle operazioni. Nel 1911 l'Italia invase la Libia."),
]


def _items() -> list[TimelineItem]:
    return [TimelineItem(rid, None, text, None, find_times(text, date.fromisoformat(day), language=lang), day)
            for rid, day, lang, text in REPORTS]


def test_timeline_period_comes_first_and_history_after_nearest_first() -> None:
    entries = build_timeline(_items())
    assert [(e.date, e.background) for e in entries] == [
        ("2011-03-17", False), ("2011-03-19", False), ("2011-03-25", False),
        ("2007-12", True), ("1986", True), ("1969", True), ("1911", True),
    ]
    assert "1973" not in {e.date for e in entries}  # a resolution number is no date
    assert entries[0].to_json()["background"] is False and entries[-1].to_json()["background"] is True


def test_timeline_period_reaches_a_month_back_and_two_months_ahead() -> None:
    first, last = date(2011, 3, 18), date(2011, 3, 25)
    assert story_period([last, first], []) == (first - PERIOD_BEFORE, last + PERIOD_AFTER)
    # Without publication dates, the period is around the middle of the days mentioned.
    middle = story_period([], [date(2011, 3, 1), date(2011, 3, 5), date(1969, 9, 1)])
    assert middle == (date(2011, 3, 1) - PERIOD_BEFORE, date(2011, 3, 1) + PERIOD_AFTER)
    assert story_period([], []) is None


def test_timeline_a_year_or_month_overlapping_the_period_is_the_storys() -> None:
    text = "La revuelta empezó en febrero de 2011. El año 2011 cambió Libia. Ayer hubo combates."
    item = TimelineItem("r", None, text, None, find_times(text, date(2011, 3, 20), language="es"), "2011-03-20")
    entries = build_timeline([item])
    assert [(e.date, e.background) for e in entries] == [("2011", False), ("2011-02", False), ("2011-03-19", False)]


def test_timeline_without_any_day_keeps_date_order() -> None:
    text = "Gadafi llegó al poder en 1969. En 1986 Estados Unidos bombardeó Trípoli."
    entries = build_timeline([("r", None, text, None, find_times(text, None, language="es"))])
    assert [(e.date, e.background) for e in entries] == [("1969", False), ("1986", False)]


def test_timeline_impossible_dates_are_background_not_errors() -> None:
    text = "They signed on 0000-01-01. They met on 2011-03-18."
    entries = build_timeline([TimelineItem("r", None, text, None, find_times(text, date(2011, 3, 20)), "2011-03-20")])
    assert [e.date for e in entries if not e.background] == ["2011-03-18"]
