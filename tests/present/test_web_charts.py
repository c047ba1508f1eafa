"""The timeline chart: a time-scaled axis over the story's own period, background dates apart."""

from __future__ import annotations

import datetime as dt

from storyline.present.web.charts import date_range, timeline_chart


def _entry(date: str, articles: list[str], *, background: bool = False, outlets: tuple[str, ...] = ()) -> dict:
    granularity = {1: "year", 2: "month", 3: "day"}[len(date.split("-"))]
    return {"date": date, "granularity": granularity, "sentences": [f"on {date}"], "articles": articles,
            "outlets": list(outlets), "background": background}


def test_web_chart_spaces_days_by_time_not_by_rank() -> None:
    chart = timeline_chart([_entry("2011-02-05", ["a"]), _entry("2011-02-06", ["b"]), _entry("2011-02-09", ["c"]),
                            _entry("1999", ["d"], background=True), _entry("2017", ["e"], background=True)])
    assert chart is not None and chart["first"] == "2011-02-05" and chart["last"] == "2011-02-09"
    x = {b["date"]: b["x"] for b in chart["bars"]}
    assert set(x) == {"2011-02-05", "2011-02-06", "2011-02-09"}  # the background years are not on the axis
    step = x["2011-02-06"] - x["2011-02-05"]
    assert step > 0 and abs((x["2011-02-09"] - x["2011-02-05"]) - 4 * step) < 0.5
    assert [(d["date"], d["count"]) for d in chart["background"]] == [("1999", 1), ("2017", 1)]


def test_web_chart_bar_height_counts_reports_of_a_day() -> None:
    chart = timeline_chart([_entry("2026-03-07", ["x", "y"], outlets=("A",)), _entry("2026-03-07", ["z"], outlets=("B",)),
                            _entry("2026-03-08", ["x"])])
    assert chart is not None
    tall, short = chart["bars"]
    assert (tall["count"], short["count"]) == (3, 1)
    assert abs(tall["height"] - 3 * short["height"]) < 0.5 and tall["y"] + tall["height"] == chart["axis_y"]
    assert "2 statement(s)" in tall["title"] and "A, B" in tall["title"]


def test_web_chart_draws_a_month_as_a_band_and_zooms_to_a_window() -> None:
    entries = [_entry("2011-02-01", ["a"]), _entry("2011-02-28", ["b"]), _entry("2011-02", ["c"]),
               _entry("2011-03-20", ["d"])]
    chart = timeline_chart(entries)
    assert chart is not None and len(chart["bands"]) == 1
    band, bars = chart["bands"][0], {b["date"]: b for b in chart["bars"]}
    assert band["x"] <= bars["2011-02-01"]["x"] and band["x"] + band["width"] >= bars["2011-02-28"]["x"]
    zoomed = timeline_chart(entries, start=dt.date(2011, 3, 1), end=dt.date(2011, 3, 31))
    assert zoomed is not None and [b["date"] for b in zoomed["bars"]] == ["2011-03-20"] and not zoomed["bands"]


def test_web_chart_without_dates() -> None:
    assert timeline_chart([]) is None
    only_background = timeline_chart([_entry("1911", ["a"], background=True)])
    assert only_background is not None and only_background["bars"] == [] and only_background["background"]
    assert date_range("2011-02-30") is None and date_range("PRESENT_REF") is None and date_range("2011-W06") is None
    assert date_range("2012-02") == (dt.date(2012, 2, 1), dt.date(2012, 2, 29))
