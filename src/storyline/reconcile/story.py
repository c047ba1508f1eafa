"""Reconciliation of one story: report dates, timeline and merged quotes, from its annotations.

An undated report takes the date of its event (the other reports of the same happening), and its
time expressions are resolved again against that date; where the event has no date either, the
report's own absolute dates are the last resort. The result is a JSON-able record per story.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from storyline.analyze.times import find_times, infer_report_date
from storyline.model import Annotated, Story
from storyline.reconcile.quote_merge import MergedQuote, merge_quotes
from storyline.reconcile.timeline import TimelineItem, build_timeline

#: Below this confidence a date inferred from the report's own text is not used as its anchor.
MIN_TEXT_DATE_CONFIDENCE = 0.5


def reconcile_story(story: Story, annotated: Sequence[Annotated]) -> tuple[dict[str, Any], list[Annotated]]:
    """The story's record, and the annotations whose time expressions were resolved again."""
    event_of = {article: event for event in story.events for article in event.articles}
    redated: list[Annotated] = []
    report_dates: dict[str, dict[str, Any]] = {}
    current: list[Annotated] = []
    for item in annotated:
        dated, origin = _report_date(item, event_of.get(item.article.id))
        if origin is not None and dated is not None:
            report_dates[item.article.id] = origin
            item = _redate(item, dated)
            redated.append(item)
        current.append(item)
    timeline = build_timeline(
        TimelineItem(a.article.id, a.article.source, a.article.text, a.sentences, a.times) for a in current)
    record = {
        "report_dates": report_dates,
        "timeline": [entry.to_json() for entry in timeline],
        "quotes": [merged_quote_json(q) for q in merge_quotes(current)],
    }
    return record, redated


def _report_date(item: Annotated, event: Any) -> tuple[dt.date | None, dict[str, Any] | None]:
    """For an undated report: its event's date, else a confident date from its own text."""
    if item.article.published:
        return None, None
    if event is not None and event.date:
        return dt.date.fromisoformat(event.date[:10]), {"date": event.date[:10], "from": "event", "event": event.id}
    guessed, confidence = infer_report_date(item.article.text, language=item.article.language or "en")
    if guessed is None or confidence < MIN_TEXT_DATE_CONFIDENCE:
        return None, None
    return guessed, {"date": guessed.isoformat(), "from": "text", "confidence": round(confidence, 2)}


def _redate(item: Annotated, anchor: dt.date) -> Annotated:
    times = find_times(item.article.text, anchor, language=item.article.language or "en")
    return dataclasses.replace(item, times=tuple(times))


def merged_quote_json(quote: MergedQuote) -> dict[str, Any]:
    return {
        "id": quote.id, "speaker": quote.speaker, "text": quote.text, "kind": quote.kind,
        "sources": list(quote.sources), "outlets": list(quote.outlets),
        "variants": [{"article": v.article_id, "outlet": v.outlet, "text": v.text, "kind": v.kind,
                      "speaker": v.speaker} for v in quote.variants],
    }
