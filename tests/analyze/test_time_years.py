"""Years a date takes from its neighbours (analyze/time_years.py), through find_times."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.analyze.times import find_times

REPORT_DAY = date(2011, 3, 1)


def _values(text: str, language: str, anchor: date | None = REPORT_DAY) -> dict[str, str | None]:
    return {text[m.span.start:m.span.end]: m.value for m in find_times(text, anchor, language=language)}


@pytest.mark.parametrize("language, text, first, year", [
    ("it", "La guerra tra febbraio e marzo del 1941 fu dura.", "febbraio", "1941-02"),
    ("es", "Entre febrero y marzo de 1941 hubo combates.", "febrero", "1941-02"),
    ("fr", "En février et mars 1941, les troupes avançaient.", "février", "1941-02"),
    ("en", "In February and March 1941, troops advanced.", "February", "1941-02"),
    ("de", "Im Februar und März 1941 kämpften die Truppen.", "Februar", "1941-02"),
    ("pt", "Em fevereiro e março de 1941 houve combates.", "fevereiro", "1941-02"),
])
def test_coordinated_month_takes_the_year_of_its_partner(language: str, text: str, first: str,
                                                         year: str) -> None:
    assert _values(text, language)[first] == year


def test_a_list_of_months_takes_the_year_right_to_left() -> None:
    values = _values("Hubo combates en enero, febrero y marzo de 1941.", "es")
    assert values["enero"] == "1941-01" and values["febrero"] == "1941-02"


def test_an_earlier_month_in_the_list_after_december_is_the_year_before() -> None:
    assert _values("Tra dicembre e gennaio del 1942 la ritirata.", "it")["dicembre"] == "1941-12"


def test_dates_not_coordinated_keep_the_report_year() -> None:
    values = _values("Mubarak se fue en febrero. La guerra de marzo de 1941 fue otra.", "es")
    assert values["febrero"] == "2011-02"


def test_a_weekday_before_a_dated_day_keeps_its_own_day() -> None:
    values = _values("Il governo si è riunito lunedì e il 3 marzo 1999 ha votato.", "it")
    assert values.get("lunedì") == "2011-02-28"


@pytest.mark.parametrize("language, text, span, value", [
    ("it", "Lo sbarco avvenne il 23 gennaio del '43.", "il 23 gennaio del '43", "1943-01-23"),
    ("es", "El 5 de mayo del '45 terminó.", "El 5 de mayo del '45", "1945-05-05"),
    ("en", "On May 8, '45, it ended.", "May 8, '45", "1945-05-08"),
    ("en", "On May 8, ’08, it ended.", "May 8, ’08", "2008-05-08"),
])
def test_two_digit_year_after_a_date(language: str, text: str, span: str, value: str) -> None:
    assert _values(text, language)[span] == value


def test_two_digit_year_without_report_date_reads_the_nearest_century() -> None:
    assert _values("On May 8, '45, it ended.", "en", anchor=None)["May 8, '45"] == "1945-05-08"


def test_a_quoted_number_after_a_date_that_names_its_year_is_left_alone() -> None:
    values = _values("On May 8, 2011 '45 people' were counted.", "en")
    assert values.get("May 8, 2011") == "2011-05-08"
