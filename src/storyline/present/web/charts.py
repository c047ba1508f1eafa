"""Geometry of the timeline chart, drawn server-side as inline SVG by the story templates.

The chart is time-scaled: the x axis is the calendar between the first and last day of the story's
own period (timeline entries not marked ``background``), so that 5 → 9 February is as wide as
five days and not as wide as 1999 → 2017. Each day is a bar as tall as the reports that date a
statement to it; a month or a year of the story's own period (a coarser date) is a faint band over
its days. Background dates (what the reports recall from other times: 1911, 2003) are not drawn
on that axis: they come back as a list of dates with counts beside the chart. A window
(``start``/``end``) zooms the axis. Only numbers and label strings are computed here; the
templates escape every label. Cost: linear in the timeline's entries.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

_WIDTH = 900
_PLOT_HEIGHT = 120
_LEFT = 36
_TOP = 10
_BOTTOM = 30
_TICKS = 8


def date_range(value: str) -> tuple[dt.date, dt.date] | None:
    """The days a timeline date covers: ``2011-02-05`` one day, ``2011-02`` a month, ``2011`` a
    year; None for anything else (``PRESENT_REF``, a week)."""
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return None
    try:
        if len(numbers) == 3:
            day = dt.date(*numbers)
            return day, day
        if len(numbers) == 2:
            return dt.date(numbers[0], numbers[1], 1), dt.date(numbers[0], numbers[1],
                                                              calendar.monthrange(numbers[0], numbers[1])[1])
        if len(numbers) == 1 and 1 <= numbers[0] <= 9999:
            return dt.date(numbers[0], 1, 1), dt.date(numbers[0], 12, 31)
    except ValueError:
        return None
    return None


def timeline_chart(entries: Sequence[Mapping[str, Any]], *, start: dt.date | None = None,
                   end: dt.date | None = None) -> dict[str, Any] | None:
    """Bars per day and bands per month or year of the story's own period on a linear time axis
    (zoomed to ``start``–``end`` when given), ticks, and the background dates with their report
    counts; None when nothing is dated."""
    own = [(entry, found) for entry in entries if not entry.get("background")
           if (found := date_range(str(entry.get("date", "")))) is not None]
    background = _background(entries)
    days = [found[0] for _, found in own if found[0] == found[1]] or [found[0] for _, found in own]
    if not days:
        return None if not background else {"bars": [], "bands": [], "ticks": [], "background": background,
                                            "width": 0, "height": 0}
    first, last = start or min(days), end or max(days)
    if last < first:
        first, last = last, first
    span = max(1, (last - first).days + 1)
    scale = (_WIDTH - _LEFT - 12) / span
    per_day: dict[dt.date, dict[str, Any]] = {}
    bands = []
    for entry, (low, high) in own:
        if high < first or low > last:
            continue
        if low == high:
            day = per_day.setdefault(low, {"articles": set(), "statements": 0, "sentence": "", "outlets": []})
            day["articles"].update(entry.get("articles", ()))
            day["statements"] += 1
            day["sentence"] = day["sentence"] or (entry.get("sentences") or [""])[0]
            day["outlets"] += [o for o in entry.get("outlets", ()) if o and o not in day["outlets"]]
        elif low > first or high < last:  # a year spanning the whole axis would only tint it
            x0 = _LEFT + (max(low, first) - first).days * scale
            x1 = _LEFT + ((min(high, last) - first).days + 1) * scale
            bands.append({"x": round(x0, 1), "width": round(max(1.0, x1 - x0), 1), "y": _TOP, "height": _PLOT_HEIGHT,
                          "title": f"{entry.get('date')} ({entry.get('granularity')}): "
                                   f"{_short((entry.get('sentences') or [''])[0])}"})
    top = max((max(1, len(d["articles"])) for d in per_day.values()), default=1)
    width = max(2.0, min(14.0, scale * 0.8))
    bars = []
    for day, found in sorted(per_day.items()):
        count = max(1, len(found["articles"]))
        height = round(_PLOT_HEIGHT * count / top, 1)
        x = _LEFT + (day - first).days * scale + (scale - width) / 2
        outlets = ", ".join(found["outlets"][:4]) + (f" and {len(found['outlets']) - 4} more" if len(
            found["outlets"]) > 4 else "") or "outlet not known"
        bars.append({"x": round(x, 1), "y": round(_TOP + _PLOT_HEIGHT - height, 1), "width": round(width, 1),
                     "height": height, "date": day.isoformat(), "count": count,
                     "title": f"{day.isoformat()}: {count} report(s), {found['statements']} statement(s) · "
                              f"{outlets} · {_short(found['sentence'])}"})
    return {"width": _WIDTH, "height": _TOP + _PLOT_HEIGHT + _BOTTOM, "left": _LEFT, "axis_y": _TOP + _PLOT_HEIGHT,
            "first": first.isoformat(), "last": last.isoformat(), "days": span, "top": top,
            "bars": bars, "bands": bands, "ticks": _ticks(first, span, scale), "background": background}


def _short(sentence: str, limit: int = 160) -> str:
    """A hover title's sentence, cut at a word with "…" (the timeline lists it whole)."""
    flat = " ".join(sentence.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"


def _ticks(first: dt.date, span: int, scale: float) -> list[dict[str, Any]]:
    step = max(1, round(span / _TICKS))
    return [{"x": round(_LEFT + offset * scale, 1), "y": _TOP + _PLOT_HEIGHT + 16,
             "label": (first + dt.timedelta(days=offset)).isoformat()}
            for offset in range(0, span, step)][: _TICKS + 1]


def _background(entries: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Background dates in date order, each with the reports that recall it."""
    found: dict[str, set[str]] = {}
    for entry in entries:
        if entry.get("background"):
            found.setdefault(str(entry.get("date", "")), set()).update(entry.get("articles", ()))
    return [{"date": date, "count": max(1, len(articles))} for date, articles in sorted(found.items())]
