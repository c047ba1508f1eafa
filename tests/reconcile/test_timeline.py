"""Tests of the story timeline (storyline.reconcile.timeline)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from storyline.analyze.times import find_times
from storyline.model import Span, TimeMention
from storyline.reconcile.timeline import (
    TimelineEntry,
    TimelineItem,
    build_timeline,
    calendar_value,
    split_sentences,
)

ANCHOR = date(2021, 2, 11)


def _item(article_id: str, outlet: str, text: str) -> TimelineItem:
    return TimelineItem(article_id, outlet, text, None, find_times(text, ANCHOR))


def test_timeline_orders_by_date_with_granularity() -> None:
    text = (
        "Turkey signed the contract in 2017. The US suspended Turkey in July 2019. "
        "Price said on Wednesday that nothing changed."
    )
    entries = build_timeline([_item("a1", "Reuters", text)])
    # No publication date: the story's period is around the days it mentions (10 February 2021);
    # 2017 and July 2019 are background, after it and nearest first.
    assert [(e.date, e.granularity, e.background) for e in entries] == [
        ("2021-02-10", "day", False), ("2019-07", "month", True), ("2017", "year", True),
    ]
    assert entries[2].sentences == ("Turkey signed the contract in 2017.",)
    assert entries[2].articles == ("a1",) and entries[2].outlets == ("Reuters",)


def test_timeline_orders_the_story_period_by_date_with_granularity() -> None:
    text = "Turkey signed the contract in 2021. The US suspended Turkey in January 2021. Price said on Wednesday."
    entries = build_timeline([TimelineItem("a1", "Reuters", text, None, find_times(text, ANCHOR), "2021-02-11")])
    assert [(e.date, e.granularity, e.background) for e in entries] == [
        ("2021", "year", False), ("2021-01", "month", False), ("2021-02-10", "day", False),
    ]


def test_timeline_merges_similar_sentences_across_outlets() -> None:
    one = _item("a1", "Reuters", "Spokesman Ned Price said on Wednesday that Blinken expects talks with Cavusoglu.")
    two = _item("a2", "Xinhua", "Spokesman Ned Price said on the 10th that Blinken expects talks with Cavusoglu soon.")
    entries = build_timeline([one, two])
    assert len(entries) == 1
    assert entries[0].date == "2021-02-10"
    assert entries[0].articles == ("a1", "a2")
    assert entries[0].outlets == ("Reuters", "Xinhua")
    assert len(entries[0].sentences) == 2


def test_timeline_keeps_different_happenings_of_one_date_apart() -> None:
    one = _item("a1", "Reuters", "Spokesman Ned Price said on Wednesday that Blinken expects talks.")
    two = _item("a2", "Xinhua", "Defence minister Akar told the newspaper Hurriyet on Wednesday about missiles.")
    entries = build_timeline([one, two])
    assert [e.articles for e in entries] == [("a1",), ("a2",)]


def test_timeline_uses_given_sentence_spans() -> None:
    text = "Talks began in 2019 and ended in 2020"
    mentions = find_times(text, ANCHOR)
    spans = [Span(0, 19), Span(20, len(text))]
    entries = build_timeline([("a1", None, text, spans, mentions)])
    assert [(e.date, e.sentences) for e in entries] == [
        ("2019", ("Talks began in 2019",)), ("2020", ("and ended in 2020",)),
    ]
    assert entries[0].outlets == ()


def test_timeline_skips_non_calendar_values() -> None:
    text = "He is now in Ankara for three days, every week."
    mentions = find_times(text, ANCHOR) + [TimeMention(Span(0, 2), "DATE", None)]
    assert build_timeline([("a1", "x", text, None, mentions)]) == []


def test_timeline_time_of_day_counts_as_its_day() -> None:
    text = "The blast came at 10:35 a.m. Friday."
    entries = build_timeline([_item("a1", "AP", text)])
    assert [(e.date, e.granularity) for e in entries] == [("2021-02-05", "day")]


def test_timeline_empty_input() -> None:
    assert build_timeline([]) == []
    assert build_timeline([("a1", "x", "", None, [])]) == []


def test_timeline_entry_is_frozen_and_serialises() -> None:
    entry = TimelineEntry("2019", "year", ("s",), ("a1",), ("Reuters",))
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.date = "2020"  # type: ignore[misc]
    assert entry.to_json() == {
        "date": "2019", "granularity": "year", "sentences": ["s"], "articles": ["a1"],
        "outlets": ["Reuters"], "background": False,
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-02-10", ("2021-02-10", "day")), ("2020-12", ("2020-12", "month")),
        ("2019", ("2019", "year")), ("2021-02-05T10:35", ("2021-02-05", "day")),
        ("PRESENT_REF", None), ("P3D", None), ("2021-W06", None), (None, None),
    ],
)
def test_timeline_calendar_value(value: str | None, expected: tuple[str, str] | None) -> None:
    assert calendar_value(value) == expected


def test_timeline_split_sentences_keeps_initials_and_quotes() -> None:
    text = 'U.S. envoy Mr. Smith met Akar. He said "yes." Then\nnew line! Is it?'
    assert [s.text_in(text) for s in split_sentences(text)] == [
        "U.S. envoy Mr. Smith met Akar.", 'He said "yes."', "Then", "new line!", "Is it?",
    ]


def test_timeline_merges_reports_of_one_happening_by_the_clause_around_the_date() -> None:
    from storyline.model import Span, TimeMention

    def item(article: str, text: str, phrase: str, value: str) -> tuple:
        start = text.index(phrase)
        return (article, article + "-outlet", text, None, [TimeMention(Span(start, start + len(phrase)), "DATE", value)])

    entries = build_timeline([
        item("a", "Washington imposed sanctions on Ankara in December 2020 over the missiles.", "December 2020", "2020-12"),
        item("b", "Last year, Washington imposed sanctions on Ankara because of these Russian missiles.", "Last year", "2020"),
        item("c", "Separately, a new stadium opened in the capital last year to large crowds.", "last year", "2020"),
    ])
    by_articles = {entry.articles: entry for entry in entries}
    assert by_articles[("a", "b")].date == "2020-12"
    assert by_articles[("c",)].date == "2020"


def test_timeline_merges_within_a_year_only_and_keeps_the_finer_date() -> None:
    one = _item("a1", "Reuters", "Washington imposed sanctions on the agency last year over the missiles.")
    two = _item("a2", "Xinhua", "Washington imposed sanctions on the agency in December 2020 over the missiles.")
    three = _item("a3", "AP", "Washington imposed sanctions on the agency in December 2019 over the missiles.")
    entries = build_timeline([one, two, three])
    assert [(e.date, e.articles) for e in entries] == [("2019-12", ("a3",)), ("2020-12", ("a1", "a2"))]
