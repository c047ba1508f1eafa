"""Years a date takes from its neighbours: shared years and two-digit years.

Two constructions the rules read piece by piece, whose pieces alone resolve wrongly against the
report's date:

- **A year shared by coordination.** "febbraio e marzo del 1941", "entre el 3 de enero y el 5 de
  febrero de 1943", "February and March 1941": the first date names no year and was given the
  report's; it takes the year of the date it is coordinated with (the text between the two is one
  of the pack's ``coordinators``, optionally followed by a determiner). When the first month comes
  after the second ("dicembre e gennaio 1942") the first is the year before.
- **A two-digit year after a date.** "il 23 gennaio del '43", "May 8, '45": an apostrophe and two
  digits right after a date without its own year (after a comma or one of the pack's
  ``date_links``) are its year, read in the century that puts it no more than ten years after the
  report's date (1943 in a report of 2011, 2008 for "'08").

One pass over the mentions in text order with a bounded look at the text between neighbours:
O(m) per report for m mentions. The words come from the language's pack
(``lang/<code>/time.toml``: ``coordinators``, ``determiners``, ``date_links``); the code is one
path for every language.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from storyline.analyze.time_words import time_words
from storyline.model import Span, TimeMention

__all__ = ["apply_years"]

#: A value whose year came from the anchor (or is unknown), when its text names none: YYYY-MM,
#: YYYY-MM-DD or XXXX-MM(-DD).
_MONTH_VALUE = re.compile(r"^(\d{4}|XXXX)(-\d{2}(?:-\d{2})?)$")
_OWN_YEAR = re.compile(r"\d{4}|['’]\d{2}\b")
#: The longest gap read between two coordinated dates ("y el", "e il", "and"): a few words.
_MAX_GAP = 16
#: How far past the report's year a two-digit year may point before it is read a century back.
_FUTURE_YEARS = 10


def apply_years(mentions: list[TimeMention], text: str, anchor: date | None,
                language: str) -> list[TimeMention]:
    """``mentions`` (in text order) with shared and two-digit years applied; spans of dates that
    take a two-digit year grow to cover it."""
    gap, two_digit = _patterns(language)
    out = [_two_digit_year(m, text, anchor, two_digit) for m in mentions]
    named = [_names_year(m, text) or m is not o for m, o in zip(out, mentions)]
    for i in range(len(out) - 2, -1, -1):  # right to left: "enero, febrero y marzo de 1941"
        if gap is not None and named[i + 1] and not named[i]:
            shared = _shared_year(out[i], out[i + 1], text, gap)
            named[i] = shared is not out[i]
            out[i] = shared
    return out


@lru_cache(maxsize=16)
def _patterns(language: str) -> tuple[re.Pattern[str] | None, re.Pattern[str]]:
    """The coordination gap and the two-digit year patterns of ``language``, built once per
    language per process (they are the pack's words alone; building them cost about 0.2 ms a
    report, a prefix tree of each list)."""
    words = time_words(language)
    return (_gap_pattern(words.re("coordinators"), words.re("determiners")),
            _two_digit_pattern(words.re("date_links")))


def _gap_pattern(coordinators: str, determiners: str) -> re.Pattern[str] | None:
    if not coordinators:
        return None
    determiner = rf"(?:\s+(?:{determiners}))?" if determiners else ""
    return re.compile(rf"\s*(?:,\s*|\s+(?:{coordinators})\b{determiner}\s*|[-–/]\s*)", re.I)


def _two_digit_pattern(links: str) -> re.Pattern[str]:
    link = rf"|\s+(?:{links})" if links else ""
    return re.compile(rf"(?:\s*,{link})?\s*['’](\d{{2}})(?![\w'’])", re.I)


def _names_year(mention: TimeMention, text: str) -> bool:
    return _OWN_YEAR.search(text, mention.span.start, mention.span.end) is not None


def _two_digit_year(mention: TimeMention, text: str, anchor: date | None,
                    pattern: re.Pattern[str]) -> TimeMention:
    value = _MONTH_VALUE.match(mention.value or "")
    if value is None or mention.type != "DATE" or _names_year(mention, text):
        return mention
    match = pattern.match(text, mention.span.end)
    if match is None:
        return mention
    year = _century(int(match.group(1)), anchor)
    return TimeMention(span=Span(mention.span.start, match.end()), type=mention.type,
                       value=f"{year:04d}{value.group(2)}")


def _century(two_digits: int, anchor: date | None) -> int:
    reference = anchor.year if anchor else 2000
    year = 2000 + two_digits
    return year - 100 if year > reference + _FUTURE_YEARS else year


def _shared_year(first: TimeMention, second: TimeMention, text: str,
                 gap: re.Pattern[str]) -> TimeMention:
    """``first`` with the year of ``second`` when the two are coordinated dates; a first date
    without a digit (a weekday, "hoy") is no date of a list and keeps its own."""
    own = _MONTH_VALUE.match(first.value or "")
    other = _MONTH_VALUE.match(second.value or "")
    if (own is None or other is None or first.type != "DATE" or second.type != "DATE"
            or second.span.start - first.span.end > _MAX_GAP
            or (len(own.group(2)) > 3 and not any(c.isdigit() for c in
                                                  text[first.span.start:first.span.end]))):
        return first
    if not other.group(1).isdigit() or gap.fullmatch(text, first.span.end, second.span.start) is None:
        return first
    shared = int(other.group(1))
    if own.group(2)[1:3] > other.group(2)[1:3]:
        shared -= 1  # "dicembre e gennaio del 1942": December of 1941
    return TimeMention(span=first.span, type=first.type, value=f"{shared:04d}{own.group(2)}")
