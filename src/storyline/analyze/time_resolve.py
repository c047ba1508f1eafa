"""Anchor reasoning: turn underspecified or relative time expressions into TIMEX3 values.

The functions here know nothing of regexes over the text except :func:`tense_near`, which
reads the verbs around an expression to decide whether it points back or forward. Every
resolver takes the report's date (the anchor) or ``None``; without an anchor it returns a
value with ``X`` placeholders (``XXXX-12``), as TimeML does.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Literal

from storyline.analyze.regex_first import compile_guarded
from storyline.analyze.time_patterns import FUTURE_MARKERS, PAST_MARKERS

Tense = Literal["past", "future"] | None

_NOT_PAST = r"need|indeed|hundred|speed|seed|feed|bed|red|shed|proceed|exceed|succeed|united"
_TENSE_RE = compile_guarded(
    rf"\b(?:(?P<fut>{FUTURE_MARKERS})|(?P<past>{PAST_MARKERS}|(?!(?:{_NOT_PAST})\b)[a-z]{{2,}}ed))\b"
)

_QUOTE_OPEN = re.compile(r"[\"“«]")


def tense_near(sentence: str, start: int, end: int, markers: re.Pattern[str] | None = None) -> Tense:
    """The tense of the verb nearest to ``sentence[start:end]`` ("past", "future" or None).

    Markers inside the expression itself are ignored, and so is a quotation opened after it.
    A marker after the expression counts as twice as far, since news puts the reporting verb
    first ("said on Wednesday") and a quotation that follows has its own tense.
    """
    return tense_among(tense_markers(sentence, markers), sentence, start, end)


def tense_markers(sentence: str, markers: re.Pattern[str] | None = None) -> list[tuple[int, int, bool]]:
    """The tense markers of a sentence: ``(start, end, future)`` in text order (one scan; a
    sentence with several time expressions is read once: :meth:`Context.tense` keeps them)."""
    return [(m.start(), m.end(), bool(m.group("fut"))) for m in (markers or _TENSE_RE).finditer(sentence)]


def tense_among(found: list[tuple[int, int, bool]], sentence: str, start: int, end: int) -> Tense:
    """:func:`tense_near` from the sentence's :func:`tense_markers`. The markers of the sentence
    cut before a quotation opened after the expression are those that end by the cut: no marker
    holds a quotation mark, and a word ends at one."""
    quote = _QUOTE_OPEN.search(sentence, end)
    cut = len(sentence) if quote is None else quote.start()
    best: tuple[int, Tense] | None = None
    for m_start, m_end, future in found:
        if m_end > cut:
            break
        if m_end > start and m_start < end:
            continue
        before = m_end <= start
        distance = start - m_end if before else 2 * (m_start - end) + 10
        kind: Tense = "future" if future else "past"
        if best is None or distance < best[0]:
            best = (distance, kind)
    return None if best is None else best[1]


def choose(candidates: Iterable[date], anchor: date, tense: Tense) -> date:
    """Pick the candidate the tense points to: the latest on or before the anchor for past,
    the earliest on or after it for future, the nearest (ties to the past) otherwise.

    The tense is overruled when it points six months or more away while the other direction
    is two months or less away: "a ceremony on March 12" in a February report is this March's,
    whatever verb stands nearest.
    """
    ordered = sorted(candidates)
    before = [d for d in ordered if d <= anchor]
    after = [d for d in ordered if d >= anchor]
    if tense == "past" and before and not _far_near(before[-1], after, anchor):
        return before[-1]
    if tense == "future" and after and not _far_near(after[0], before[::-1], anchor):
        return after[0]
    return min(ordered, key=lambda d: (abs((d - anchor).days), d > anchor))


def _far_near(chosen: date, others: list[date], anchor: date) -> bool:
    """Whether ``chosen`` is 6+ months from the anchor and the first of ``others`` within 2."""
    return bool(others) and abs((chosen - anchor).days) >= 180 and abs((others[0] - anchor).days) <= 62


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not 1 <= year <= 9999 or not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def resolve_month_day(month: int, day: int, anchor: date | None, tense: Tense) -> str | None:
    """"January 20" → the nearest January 20 in the tense's direction."""
    if anchor is None:
        return f"XXXX-{month:02d}-{day:02d}" if _safe_date(2000, month, day) else None
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    options = [d for y in years if (d := _safe_date(y, month, day)) is not None]
    return choose(options, anchor, tense).isoformat() if options else None


def resolve_month(month: int, anchor: date | None, tense: Tense) -> str:
    """"December" → the December the tense points to."""
    if anchor is None:
        return f"XXXX-{month:02d}"
    here = date(anchor.year, anchor.month, 1)
    options = [date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    chosen = choose(options, here, tense)
    return f"{chosen.year}-{month:02d}"


def resolve_day_of_month(day: int, anchor: date | None, tense: Tense) -> str | None:
    """"the 10th" → this month's 10th, or the neighbouring month's when the tense says so."""
    if anchor is None:
        return f"XXXX-XX-{day:02d}" if 1 <= day <= 31 else None
    options = []
    for shift in (-1, 0, 1):
        year, month = divmod(anchor.year * 12 + anchor.month - 1 + shift, 12)
        if (d := _safe_date(year, month + 1, day)) is not None:
            options.append(d)
    return choose(options, anchor, tense).isoformat() if options else None


def resolve_weekday(weekday: int, anchor: date | None, tense: Tense, shift: str = "") -> str:
    """"Wednesday" (ISO weekday 3) → a date; ``shift`` is "last", "next", "this" or ""."""
    if anchor is None:
        return f"XXXX-WXX-{weekday}"
    delta = weekday - anchor.isoweekday()
    this_week = anchor + timedelta(days=delta)
    if shift == "last":
        return (this_week - timedelta(days=7) if delta >= 0 else this_week).isoformat()
    if shift == "next":
        return (this_week + timedelta(days=7) if delta <= 0 else this_week).isoformat()
    if shift == "this":
        return this_week.isoformat()
    options = [this_week - timedelta(days=7), this_week, this_week + timedelta(days=7)]
    return choose(options, anchor, tense).isoformat()


def resolve_season(season: str, anchor: date | None, tense: Tense, shift: str = "") -> str:
    """"last fall" → ``1988-FA``; a season is dated by its first month (winter: December)."""
    if anchor is None:
        return f"XXXX-{season}"
    starts = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
    options = [date(y, starts[season], 1) for y in range(anchor.year - 2, anchor.year + 2)]
    begun = [m for m in (3, 6, 9, 12) if m <= anchor.month]
    current = date(anchor.year, begun[-1], 1) if begun else date(anchor.year - 1, 12, 1)
    if shift == "last":
        chosen = max(d for d in options if d < current)
    elif shift == "next":
        chosen = min(d for d in options if d > current)
    elif shift == "this":
        chosen = min(options, key=lambda d: abs((d - current).days))
    else:
        chosen = choose(options, current, tense)
    return f"{chosen.year}-{season}"


def resolve_quarter(number: int | None, anchor: date | None, tense: Tense) -> str:
    """"the third quarter" → ``1989-Q3``; ``None`` means "the (latest) quarter": the last one
    completed before the anchor."""
    if anchor is None:
        return f"XXXX-Q{number or 'X'}"
    current = (anchor.month - 1) // 3 + 1
    if number is None:
        year, index = divmod(anchor.year * 4 + current - 2, 4)
        return f"{year}-Q{index + 1}"
    year = anchor.year if number <= current or tense != "past" else anchor.year - 1
    return f"{year}-Q{number}"


def shift_unit(anchor: date | None, unit: str, amount: int) -> str | None:
    """The ``unit``-granular value ``amount`` units away from the anchor ("last year" = -1)."""
    if anchor is None:
        return _UNDERSPECIFIED.get(unit)
    handler = _SHIFTERS.get(unit)
    return handler(anchor, amount) if handler else None


def _shift_month(anchor: date, amount: int) -> str:
    year, month = divmod(anchor.year * 12 + anchor.month - 1 + amount, 12)
    return f"{year}-{month + 1:02d}"


def _shift_week(anchor: date, amount: int) -> str:
    year, week, _ = (anchor + timedelta(weeks=amount)).isocalendar()
    return f"{year}-W{week:02d}"


def _shift_quarter(anchor: date, amount: int) -> str:
    year, index = divmod(anchor.year * 4 + (anchor.month - 1) // 3 + amount, 4)
    return f"{year}-Q{index + 1}"


_SHIFTERS: dict[str, Callable[[date, int], str]] = {
    "day": lambda a, n: (a + timedelta(days=n)).isoformat(),
    "week": _shift_week,
    "weekend": lambda a, n: _shift_week(a, n) + "-WE",
    "fortnight": lambda a, n: (a + timedelta(days=14 * n)).isoformat(),
    "month": _shift_month,
    "quarter": _shift_quarter,
    "year": lambda a, n: str(a.year + n),
    "decade": lambda a, n: str(a.year // 10 + n),
    "century": lambda a, n: str(a.year // 100 + n),
}

_UNDERSPECIFIED = {
    "day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
    "quarter": "XXXX-QX", "year": "XXXX", "decade": "XXX", "century": "XX",
    "fortnight": "XXXX-XX-XX",
}


def shift_value(value: str, years: int) -> str:
    """Move a value that starts with a four-digit year by ``years`` ("1989-Q3" → "1988-Q3")."""
    if len(value) >= 4 and value[:4].isdigit():
        return f"{int(value[:4]) + years:04d}{value[4:]}"
    return value


def duration_value(amount: float | None, letter: str, is_time: bool, multiplier: int = 1) -> str:
    """TIMEX3 duration: (2, "Y") → ``P2Y``; (5, "H", time) → ``PT5H``; None → ``PXY``."""
    if letter == "Q":
        letter, multiplier = "M", 3 * multiplier
    prefix = "PT" if is_time else "P"
    if amount is None:
        return f"{prefix}X{'DE' if multiplier == 10 else 'CE' if multiplier == 100 else letter}"
    total = amount * multiplier
    if total != int(total):
        return f"{prefix}{total:g}{letter}"
    return f"{prefix}{int(total)}{letter}"
