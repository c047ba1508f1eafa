"""Written dates, URL dates and datelines."""

from __future__ import annotations

import pytest

from storyline.ingest.dates import date_from_text, date_from_url, parse_date


@pytest.mark.parametrize(("written", "iso"), [
    ("2021-02-11", "2021-02-11"),
    ("11 February 2021", "2021-02-11"),
    ("Feb. 11, 2021", "2021-02-11"),
    ("February 11, 2021 10:30", "2021-02-11T10:30:00"),
    ("2021-02-11T08:57:40+01:00", "2021-02-11T08:57:40+01:00"),
])
def test_dates_parse_complete_dates(written: str, iso: str) -> None:
    assert parse_date(written) == iso


@pytest.mark.parametrize("written", ["", None, "February 2021", "2021", "Vinayak Barot", "0", "31 February 2021",
                                     "1 January 1850", "x" * 200])
def test_dates_parse_refuses_incomplete_or_implausible(written: str | None) -> None:
    assert parse_date(written) is None


@pytest.mark.parametrize(("url", "iso"), [
    ("https://news.example/world/2021/02/11/turkey-s400", "2021-02-11"),
    ("https://news.example/2021-02-11-turkey", "2021-02-11"),
    ("https://news.example/archive/20210211/story", "2021-02-11"),
    ("https://news.example/2021/13/45/bad", None),
    ("https://news.example/story-1234567", None),
    (None, None),
])
def test_dates_from_url(url: str | None, iso: str | None) -> None:
    assert date_from_url(url) == iso


def test_dates_from_text_reads_a_dateline_near_the_top_only() -> None:
    assert date_from_text("ANKARA, Feb 11, 2021 - Turkey said...") == "2021-02-11"
    assert date_from_text("x " * 300 + "on February 11, 2021 it said") is None
