"""Publication dates: parsing written dates, and finding them in URLs and the top of a text."""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as date_parser

_MONTHS = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_HAS_DATE_SHAPE = re.compile(rf"\b(\d{{4}}|{_MONTHS})\b", re.IGNORECASE)
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
    r"|/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=/)"
)
_TEXT_DATE = re.compile(
    rf"\b({_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b",
    re.IGNORECASE,
)
#: "KESSBY:", "LONDON (Reuters) -", "NEW YORK, March 3 \u2014": a place in capitals opening a
#: report (the summary trims it; grouping does not take its date for the happening's).
DATELINE_RE = re.compile(r"^[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+)*(?:, [A-Z][\w .]{1,20})?(?: \([^)]{1,30}\))?"
                         r"\s*(?::|--|\u2014|\u2013| -)\s+(?=\S)")
_DEFAULT_A = dt.datetime(2000, 1, 1, 0, 0, 0)
_DEFAULT_B = dt.datetime(2001, 2, 2, 1, 1, 1)
#: How far into a text a dateline date may stand.
_TEXT_DATE_WINDOW = 400


def parse_date(value: str | None, *, latest_year: int | None = None) -> str | None:
    """Read a written date as ISO 8601: ``YYYY-MM-DD``, or a datetime when a time is given.

    Returns None for anything that is not a complete date (day, month and year) or is implausible.
    """
    if not value or len(value) > 80 or not _HAS_DATE_SHAPE.search(value):
        return None
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:  # the common ISO case, without dateutil's general parser
            day = dt.date.fromisoformat(value)
        except ValueError:
            return None
        return day.isoformat() if 1900 <= day.year <= (latest_year or dt.date.today().year + 1) else None
    try:
        first = date_parser.parse(value, default=_DEFAULT_A)
        second = date_parser.parse(value, default=_DEFAULT_B)
    except (ValueError, OverflowError):
        return None
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return None  # day, month or year missing
    latest = latest_year or dt.date.today().year + 1
    if not 1900 <= first.year <= latest:
        return None
    if (first.hour, first.minute) == (second.hour, second.minute):
        return first.replace(microsecond=0).isoformat()
    return first.date().isoformat()


def date_from_url(url: str | None) -> str | None:
    """A date in a URL path, as news sites write it: /2021/02/11/ or /20210211/."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        return None
    year, month, day = (g for g in match.groups() if g is not None)
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def date_from_text(text: str) -> str | None:
    """A written date near the top of a report (a dateline: "ANKARA, Feb 11, 2021 -")."""
    match = _TEXT_DATE.search(text[:_TEXT_DATE_WINDOW])
    return parse_date(match.group(0)) if match else None
