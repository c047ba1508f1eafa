"""A story's timeline: its dated happenings, merged across reports and ordered by date.

Every time expression with a calendar value (a day, a month or a year; a time of day counts as
its day) dates the sentence it stands in, unless the sentence says nothing but dates (a page's
dateline, "Actualizado 11:40h.", a byline with its date: :func:`_bare`). Sentences dated alike are one happening when they share
most of their content words (overlap coefficient at least ``min_overlap``); otherwise the same
date carries several entries, as on a day with a briefing and an interview.

The story's own period comes first: from a month before its earliest report to two months after
its latest (the reports' publication dates; without them, the median of the day-precise dates
they mention). Entries overlapping it are shown in date order; the others are background history
("the 1969 coup", "resolution of 1973"), marked ``background`` and listed after, nearest to the
period first, so that years far from the story are never its headline dates. Cost: linear in the
mentions, plus a sort.
"""

from __future__ import annotations

import bisect
import calendar
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from storyline.analyze.sentences import split_sentences
from storyline.model import Span, TimeMention

__all__ = ["TimelineEntry", "TimelineItem", "build_timeline", "split_sentences", "story_period"]

_CALENDAR = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")
#: How much text either side of a time expression says what happened then (about a clause).
_CLAUSE_CHARS = 90
_STEM_CHARS = 5
#: Two reports of one happening share at least this many content words around its date.
_MIN_SHARED_WORDS = 2
_WORD = re.compile(r"[^\W\d_]{3,}")
#: The story's own period reaches this far before its earliest report and after its latest.
PERIOD_BEFORE = timedelta(days=31)
PERIOD_AFTER = timedelta(days=62)
_STOPWORDS = frozenset(
    "the and for that with was were has have had its his her their this from are but not said"
    " says say will would also after before about over into than then they them who which when"
    " what where while been being there these those other more most some such only very can"
    " could may might should our out all any one two new last next year years month week day"
    " on in at of to by as is it be an or".split()
)


class TimelineItem(NamedTuple):
    """One article's input to :func:`build_timeline`; plain 5-tuples (no publication date) are
    accepted too."""

    article_id: str
    outlet: str | None
    text: str
    sentences: Sequence[Span] | None
    times: Sequence[TimeMention]
    published: str | None = None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One dated happening of a story.

    Attributes:
        date: the TIMEX3 calendar value ("2021-02-10", "2020-12" or "2019").
        granularity: "day", "month" or "year".
        sentences: the distinct supporting sentences, in order of first appearance.
        articles: ids of the articles that support it, in order of first appearance.
        outlets: the distinct outlets among them.
        background: the date lies outside the story's own period (history recalled).
    """

    date: str
    granularity: str
    sentences: tuple[str, ...]
    articles: tuple[str, ...]
    outlets: tuple[str, ...]
    background: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.date, "granularity": self.granularity, "sentences": list(self.sentences),
            "articles": list(self.articles), "outlets": list(self.outlets),
            "background": self.background,
        }


@dataclass(slots=True)
class _Group:
    date: str
    granularity: str
    words: list[set[str]]
    sentences: list[str]
    articles: list[str]
    outlets: list[str]


def calendar_value(value: str | None) -> tuple[str, str] | None:
    """``(date, granularity)`` for a calendar value, ``None`` for anything else."""
    match = _CALENDAR.match(value or "")
    if match is None:
        return None
    year, month, day = match.groups()
    if day:
        return f"{year}-{month}-{day}", "day"
    if month:
        return f"{year}-{month}", "month"
    return year, "year"


def content_words(sentence: str) -> set[str]:
    """Stems (first five letters, lower-cased) of words of three letters or more, stop words left
    out: "sanctioned" and "sanctions" meet, as do "negotiating" and "negotiations"."""
    return {w[:_STEM_CHARS] for w in (t.lower() for t in _WORD.findall(sentence)) if w not in _STOPWORDS}


def build_timeline(
    items: Iterable[TimelineItem | tuple[str, str | None, str, Sequence[Span] | None, Sequence[TimeMention]]],
    *,
    min_overlap: float = 0.3,
) -> list[TimelineEntry]:
    """Build a story's timeline from its articles' time mentions.

    Args:
        items: per article ``(article id, outlet, text, sentence spans or None, mentions)``
            and optionally its publication date (ISO); when the sentence spans are ``None`` the
            text is split with :func:`split_sentences`.
        min_overlap: the share of content words (of the shorter sentence) two sentences of the
            same date must have in common to be one happening.

    Returns:
        The entries of the story's own period ordered by date (a year before its months, a
        month before its days), then by the number of supporting articles, most first; then
        the background entries, nearest to the period first.
    """
    groups: list[_Group] = []
    by_year: dict[str, list[_Group]] = {}  # a date is only compatible with dates of its own year
    published: list[date] = []
    for article_id, outlet, text, sentences, times, *rest in items:
        if rest and (day := _day(rest[0])) is not None:
            published.append(day)
        spans = sorted(sentences if sentences is not None else split_sentences(text), key=lambda s: s.start)
        starts = [s.start for s in spans]
        seen: set[tuple[str, int]] = set()
        bare: dict[int, bool] = {}
        for mention in times:
            dated = calendar_value(mention.value)
            span = _sentence_of(spans, starts, mention.span.start)
            if dated is None or span is None or (dated[0], span.start) in seen:
                continue
            if span.start not in bare:
                bare[span.start] = _bare(text, span, times)
            if bare[span.start]:
                continue
            seen.add((dated[0], span.start))
            clause = text[max(span.start, mention.span.start - _CLAUSE_CHARS) : min(span.end, mention.span.end + _CLAUSE_CHARS)]
            _add(groups, by_year.setdefault(dated[0][:4], []), dated, span.text_in(text).strip(), content_words(clause),
                 article_id, outlet, min_overlap)
    period = story_period(published, [day for g in groups if g.granularity == "day" and (day := _day(g.date))])
    entries = [
        TimelineEntry(g.date, g.granularity, tuple(g.sentences), tuple(g.articles), tuple(g.outlets),
                      background=period is not None and _distance(g.date, period) > 0)
        for g in groups
    ]
    own = sorted((e for e in entries if not e.background), key=lambda e: (e.date, -len(e.articles)))
    history = sorted((e for e in entries if e.background),
                     key=lambda e: (_distance(e.date, period) if period else 0, -len(e.articles), e.date))
    return own + history


def story_period(published: Sequence[date], mentioned_days: Sequence[date]) -> tuple[date, date] | None:
    """The story's own period: from ``PERIOD_BEFORE`` before its earliest report to
    ``PERIOD_AFTER`` after its latest; without publication dates, around the median of the
    days its reports mention; None when neither is known."""
    if published:
        return min(published) - PERIOD_BEFORE, max(published) + PERIOD_AFTER
    if mentioned_days:
        middle = date.fromordinal(int(statistics.median_low(d.toordinal() for d in mentioned_days)))
        return middle - PERIOD_BEFORE, middle + PERIOD_AFTER
    return None


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def _bounds(value: str) -> tuple[date, date]:
    """The first and last day of a calendar value ("2011" → 1 Jan and 31 Dec 2011)."""
    year = int(value[:4])
    if len(value) == 4:
        return date(year, 1, 1), date(year, 12, 31)
    month = int(value[5:7])
    if len(value) == 7:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    day = date(year, month, int(value[8:10]))
    return day, day


def _distance(value: str, period: tuple[date, date]) -> int:
    """Days between a calendar value and the period (0 when they overlap)."""
    try:
        first, last = _bounds(value)
    except ValueError:  # a value the calendar cannot hold ("0000")
        return 1 << 30
    if last < period[0]:
        return (period[0] - last).days
    if first > period[1]:
        return (first - period[1]).days
    return 0


def _bare(text: str, span: Span, times: Sequence[TimeMention]) -> bool:
    """Whether a sentence says nothing but its dates: outside its time expressions, no lowercase
    word of three letters or more (a dateline "Jueves 17/02/2011.", "Actualizado 11:40h.", a
    byline "AGENCIAS - Ras Lanuf - 10/03/2011", a source "(New York Times, 27 de febrero)"). A
    happening has a word, lowercase in every language here, that says what happened ("He spoke
    on Monday", "Obama met Erdogan"); a telegraphic fragment of capitals alone ("Met on 18 March")
    is taken for a dateline."""
    chars = list(text[span.start:span.end])
    for mention in times:
        if span.start <= mention.span.start < span.end:
            for i in range(mention.span.start - span.start, min(mention.span.end, span.end) - span.start):
                chars[i] = " "
    return not any(w.islower() for w in _WORD.findall("".join(chars)))


def _sentence_of(spans: list[Span], starts: list[int], pos: int) -> Span | None:
    index = bisect.bisect_right(starts, pos) - 1
    if index >= 0 and spans[index].start <= pos < spans[index].end:
        return spans[index]
    return None


def _add(
    groups: list[_Group],
    same_year: list[_Group],
    dated: tuple[str, str],
    sentence: str,
    words: set[str],
    article_id: str,
    outlet: str | None,
    min_overlap: float,
) -> None:
    target = None
    for group in same_year:
        if _compatible(group.date, dated[0]) and max(_overlap(words, w) for w in group.words) >= min_overlap:
            target = group
            break
    if target is None:
        target = _Group(dated[0], dated[1], [], [], [], [])
        groups.append(target)
        same_year.append(target)
    elif len(dated[0]) > len(target.date):  # "last year" met "in December 2020": keep the finer date
        target.date, target.granularity = dated
    target.words.append(words)
    if sentence not in target.sentences:
        target.sentences.append(sentence)
    if article_id not in target.articles:
        target.articles.append(article_id)
    if outlet and outlet not in target.outlets:
        target.outlets.append(outlet)


def _compatible(a: str, b: str) -> bool:
    """Same date, or one contains the other ("2020" and "2020-12"; "2021-02" and "2021-02-10")."""
    return a == b or a.startswith(b + "-") or b.startswith(a + "-")


def _overlap(a: set[str], b: set[str]) -> float:
    shared = len(a & b)
    return shared / min(len(a), len(b)) if shared >= _MIN_SHARED_WORDS else 0.0
