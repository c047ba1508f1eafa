"""Geometry of the timeline chart, drawn server-side as inline SVG by the story template.

One bar per timeline date, in date order and evenly spaced (a story's dates cluster around a few
days with outliers years away, which a linear axis would squash); the bar's height is the number
of reports that mention the date. Only numbers and label strings are computed here; the template
escapes every label.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

#: Most bars drawn; the timeline table below the chart lists every entry.
MAX_BARS = 40
_PLOT_HEIGHT = 140
_BAR_STEP = 34
_LEFT = 36
_TOP = 12
_LABEL_SPACE = 78


def timeline_chart(entries: Sequence[Mapping[str, Any]]) -> dict[str, Any] | None:
    """Bars (one per date: the reports behind all its timeline entries), axis ticks and size of
    the chart, or None for an empty timeline."""
    dates = _by_date(entries)
    shown = dates[:MAX_BARS]
    if not shown:
        return None
    top = max(day["count"] for day in shown)
    bars = []
    for index, day in enumerate(shown):
        height = round(_PLOT_HEIGHT * day["count"] / top, 1)
        x = _LEFT + index * _BAR_STEP + 6
        outlets = ", ".join(day["outlets"]) or "outlet not known"
        bars.append({
            "x": x, "y": round(_TOP + _PLOT_HEIGHT - height, 1), "width": _BAR_STEP - 12, "height": height,
            "label": day["date"], "label_x": x + (_BAR_STEP - 12) / 2, "label_y": _TOP + _PLOT_HEIGHT + 12,
            "granularity": day["granularity"], "count": day["count"],
            "title": f"{day['date']}: {day['count']} report(s), {day['statements']} statement(s) · {outlets} · "
                     f"{day['sentence']}",
        })
    ticks = sorted({0, top, *((round(top / 2),) if top > 2 else ())})
    return {
        "width": _LEFT + len(bars) * _BAR_STEP + 12,
        "height": _TOP + _PLOT_HEIGHT + _LABEL_SPACE,
        "axis_y": _TOP + _PLOT_HEIGHT, "left": _LEFT,
        "ticks": [{"value": t, "y": round(_TOP + _PLOT_HEIGHT - _PLOT_HEIGHT * t / top, 1)} for t in ticks],
        "bars": bars, "hidden": max(0, len(dates) - len(shown)),
    }


def _by_date(entries: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Timeline entries merged per date (in the timeline's order): reports, outlets, statements."""
    days: dict[str, dict[str, Any]] = {}
    for entry in entries:
        date = str(entry.get("date", ""))
        day = days.setdefault(date, {"date": date, "granularity": str(entry.get("granularity", "")),
                                     "articles": set(), "outlets": [], "statements": 0,
                                     "sentence": (entry.get("sentences") or [""])[0]})
        day["articles"].update(entry.get("articles", ()))
        day["outlets"] += [o for o in entry.get("outlets", ()) if o and o not in day["outlets"]]
        day["statements"] += 1
    for day in days.values():
        day["count"] = max(1, len(day.pop("articles")))
    return list(days.values())
