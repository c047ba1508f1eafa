"""Whole dates as crawled non-English reports write them: month first with a linked year
("Febrero 23 de 2011") and dates in another language's month names ("February 23, 2011" in a
Spanish report), read by the pack rules pk_date and pk_other_date."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.analyze.time_words import time_words
from storyline.analyze.times import find_times

ANCHOR = date(2011, 2, 24)


def _tags(text: str, language: str) -> dict[str, str | None]:
    return {text[m.span.start:m.span.end]: m.value for m in find_times(text, ANCHOR, language=language)}


@pytest.mark.parametrize(("language", "text", "expression", "value"), [
    ("es", "Trípoli, Febrero 23 de 2011. Gadafi habló.", "Febrero 23 de 2011", "2011-02-23"),
    ("es", "El ataque ocurrió el February 23, 2011 en Bengasi.", "February 23, 2011", "2011-02-23"),
    ("es", "Publicado el 23 February 2011 por la redacción.", "23 February 2011", "2011-02-23"),
    ("it", "Lo ha detto il 3 marzo 2011 e March 3rd, 2011.", "March 3rd, 2011", "2011-03-03"),
    ("fr", "Le Conseil a voté mars 3, 2011.", "mars 3, 2011", "2011-03-03"),
    ("pt", "Publicado em 23 de febrero de 2011.", "23 de febrero de 2011", "2011-02-23"),
])
def test_whole_dates_are_one_expression(language: str, text: str, expression: str, value: str) -> None:
    assert _tags(text, language).get(expression) == value


@pytest.mark.parametrize(("language", "text", "absent"), [
    ("fr", "Le score était out 5, 2011 fois.", "out 5, 2011"),  # Portuguese outubro's abbreviation
    ("it", "Il set 3 2011 è finito.", "set 3 2011"),  # Portuguese setembro's abbreviation
    ("es", "Se habló de February en 2011.", "February en 2011"),  # no day: no date
])
def test_no_date_without_day_and_year(language: str, text: str, absent: str) -> None:
    assert absent not in _tags(text, language)


def test_other_months_leave_out_own_and_conflicting_names() -> None:
    spanish = time_words("es")
    assert "february" in spanish.other_months and "febrero" not in spanish.other_months
    assert "ago" not in spanish.other_months  # Spanish's own
    assert "out" not in time_words("fr").other_months  # Portuguese outubro's abbreviation, a word
    assert all(1 <= n <= 12 for n in spanish.other_months.values())
