"""Reconciliation of one story, from its annotated reports, into one JSON-able record.

Order matters: undated reports first take the date of their event (the other reports of the same
happening) and have their time expressions resolved again; then entities are resolved across the
reports; then sentences are aligned into facts, from which come single-source claims,
contradictions, coverage (per event) and the cited summary; the timeline and merged quotes sit
beside them. Each fact record says who it comes from (:mod:`storyline.reconcile.fact_sources`:
established by outlets in their own voice, or claimed by a party), and contradictions include the
disagreements on one party's speech act (:mod:`storyline.reconcile.fact_slots`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from storyline.analyze.times import find_times, infer_report_date
from storyline.group.features import parse_day
from storyline.model import Annotated, Event, Story, Summary
from storyline.reconcile.claims import Contradiction, coverage, find_contradictions, single_source
from storyline.reconcile.entities import entity_json, resolve_entities
from storyline.reconcile.fact_sources import Attribution, attributions_of, fact_sources
from storyline.reconcile.fact_slots import speech_clashes
from storyline.reconcile.facts import AlignedFact, align_facts
from storyline.reconcile.quote_merge import MergedQuote, merge_quotes
from storyline.reconcile.speaker_claims import rekey_claims
from storyline.reconcile.speakers import Parties, speakers_json
from storyline.reconcile.summary import summarize_facts
from storyline.reconcile.timeline import TimelineItem, build_timeline

#: Below this confidence a date inferred from the report's own text is not used as its anchor.
MIN_TEXT_DATE_CONFIDENCE = 0.5
#: Words in the summary stored with each story (DESIGN's evaluations use 100).
DEFAULT_SUMMARY_WORDS = 100


def reconcile_story(story: Story, annotated: Sequence[Annotated], *,
                    summary_words: int = DEFAULT_SUMMARY_WORDS) -> tuple[dict[str, Any], list[Annotated]]:
    """The story's record, and its annotations as reconciled (dates resolved, entities named)."""
    report_dates, current = redate_story(story, annotated)
    order = {article_id: rank for rank, article_id in enumerate(story.articles)}
    current = sorted(current, key=lambda a: order.get(a.article.id, len(order)))
    entities: list[Any] = []
    if any(a.entities for a in current):
        entities, current = resolve_entities(current)
    facts = align_facts(current)
    texts = {a.article.id: a.article.text for a in current}
    said = attributions_of(current)
    # Date and credit lines (no statement beyond names and dates) weigh in the summary, but are
    # no fact, claim or contradiction: several pages of one outlet print "Jueves 17/02/2011."
    stated = [f for f in facts if f.representative.statement]
    contradictions = find_contradictions(stated, story.events) + speech_clashes(
        stated, said, story.events, {a.article.id: a.article.language for a in current})
    confirmed = confirmed_disputes(contradictions)
    parties = Parties(entities)  # who speaks and who claims, keyed on the resolved entities
    fact_records = {f.id: fact_json(f, said, confirmed) for f in facts}
    for fact_record in fact_records.values():
        fact_record["claimed_by"] = rekey_claims(fact_record["claimed_by"], parties)
    quotes = [merged_quote_json(q) for q in merge_quotes(current, parties=parties)]
    record = {
        "report_dates": report_dates,
        "summary": summary_json(summarize_facts(story.id, facts, words=summary_words, established={
            f["id"]: f["own_voice"] for f in fact_records.values()})),
        "facts": [fact_records[f.id] for f in stated if len(f.articles) > 1 or f.voices > 1],
        "single_source": [fact_records[f.id] for f in single_source(stated)],
        "contradictions": [c.to_json() for c in contradictions],
        "coverage": [c.to_json() for c in coverage(stated, story.events)],
        "entities": [entity_json(e, texts) for e in entities],
        "timeline": [entry.to_json() for entry in build_timeline(
            TimelineItem(a.article.id, a.article.source, a.article.text, a.sentences, a.times, a.article.published)
            for a in current)],
        "quotes": quotes,
        "speakers": speakers_json(quotes, parties),
    }
    return record, current


def redate_story(story: Story, annotated: Sequence[Annotated]) -> tuple[dict[str, dict[str, Any]], list[Annotated]]:
    """Date each undated report from its event (else, confidently, from its own text) and
    resolve its time expressions again; returns where each date came from and the annotations.

    An event's date is the day of its happening, and its reports came out that day or later. So
    an undated report takes the earliest date of its event's dated reports ("yesterday" is then
    the day before they appeared); failing those, the latest date of the story's reports placed
    before it (the date grouping read its opening against); failing that, the event's date."""
    anchors = _undated_anchors(story, {item.article.id: parse_day(item.article.published)
                                       for item in annotated})
    event_of = {article: event for event in story.events for article in event.articles}
    report_dates: dict[str, dict[str, Any]] = {}
    current: list[Annotated] = []
    for item in annotated:
        dated, origin = _report_date(item, event_of.get(item.article.id), anchors.get(item.article.id))
        if dated is not None and origin is not None:
            report_dates[item.article.id] = origin
            times = find_times(item.article.text, dated, language=item.article.language or "en")
            item = dataclasses.replace(item, times=tuple(times))
        current.append(item)
    return report_dates, current


def _undated_anchors(story: Story, days: dict[str, int | None]) -> dict[str, tuple[int, str]]:
    """Undated report id → the day it is dated by (ordinal) and where that day comes from
    (``event`` or ``story``), by :func:`redate_story`'s rule."""
    event_of = {article: event for event in story.events for article in event.articles}
    earliest = {event.id: min((d for a in event.articles if (d := days.get(a)) is not None), default=None)
                for event in story.events}
    anchors: dict[str, tuple[int, str]] = {}
    latest: int | None = None
    for article in story.articles:
        day = days.get(article)
        if day is not None:
            latest = day if latest is None else max(latest, day)
            continue
        event = event_of.get(article)
        if event is None:
            continue
        if earliest[event.id] is not None:
            anchors[article] = (earliest[event.id], "event")
        elif latest is not None:
            anchors[article] = (latest, "story")
        elif (day := parse_day(event.date)) is not None:
            anchors[article] = (day, "event")
    return anchors


def _report_date(item: Annotated, event: Event | None,
                 anchor: tuple[int, str] | None) -> tuple[dt.date | None, dict[str, Any] | None]:
    if item.article.published:
        return None, None
    if event is not None and anchor is not None:
        day = dt.date.fromordinal(anchor[0])
        return day, {"date": day.isoformat(), "from": anchor[1], "event": event.id}
    guessed, confidence = infer_report_date(item.article.text, language=item.article.language or "en")
    if guessed is None or confidence < MIN_TEXT_DATE_CONFIDENCE:
        return None, None
    return guessed, {"date": guessed.isoformat(), "from": "text", "confidence": round(confidence, 2)}


def confirmed_disputes(contradictions: Sequence[Contradiction]) -> frozenset[tuple[str, str]]:
    """The pairs of facts (both orders) that a number or date contradiction sets against each
    other: the disputes a story's record shows (alignment keeps more statements apart for a
    differing value than the contradiction gates find truly disagreeing: on the crawled corpus,
    36 such disputes and no contradiction)."""
    pairs = {tuple(c.facts) for c in contradictions if c.kind in ("number", "date") and None not in c.facts}
    return frozenset(pairs | {(b, a) for a, b in pairs})  # type: ignore[arg-type]


def fact_json(fact: AlignedFact,
              attributions: Mapping[tuple[str, int], Sequence[Attribution]] | None = None,
              confirmed: Collection[tuple[str, str]] | None = None) -> dict[str, Any]:
    """A fact's record (DESIGN's fields), with who it comes from: ``status`` (``established``,
    ``claimed`` or ``reported``), ``own_voice`` (independent outlets stating it in their own
    voice) and ``claimed_by`` (the parties reports attribute it to, with their cues); see
    :mod:`storyline.reconcile.fact_sources`; and ``disputes``: the facts that make the same
    statement with a different value for one slot (:meth:`storyline.model.Dispute.to_json`: the
    other fact's id and text, the kind, each side's value, sentences and outlets); with
    ``confirmed`` (:func:`confirmed_disputes`), only those a contradiction confirms."""
    sources = fact_sources(((m.article_id, m.outlet, m.span) for m in fact.members), fact.voices,
                           attributions or {})
    return {"id": fact.id, "text": fact.fact.text, "outlets": list(fact.fact.outlets), "voices": fact.voices,
            "articles": list(fact.articles),
            "support": [{"article": a, "start": s.start, "end": s.end} for a, s in fact.fact.support],
            **sources, "disputes": [d.to_json() for d in fact.fact.disputes
                                    if confirmed is None or (fact.id, d.fact) in confirmed]}


def summary_json(summary: Summary) -> dict[str, Any]:
    """The DESIGN.md summary shape: the text, and each sentence with the articles behind it."""
    return {"story": summary.story, "summary": summary.text,
            "sentences": [{"text": s.text, "sources": list(s.sources)} for s in summary.sentences]}


def merged_quote_json(quote: MergedQuote) -> dict[str, Any]:
    return {
        "id": quote.id, "speaker": quote.speaker, "text": quote.text, "kind": quote.kind,
        "sources": list(quote.sources), "outlets": list(quote.outlets),
        "variants": [{"article": v.article_id, "outlet": v.outlet, "text": v.text, "kind": v.kind,
                      "speaker": v.speaker, "speaker_entity": v.speaker_entity,
                      "said_by": v.said_by, "cue": v.cue} for v in quote.variants],
        "speaker_entity": quote.speaker_entity, "cue": quote.cue,
        # Who speaks, one party per resolved entity (reconcile/speakers.py): its canonical name,
        # its entity id (None for a speaker no entity holds) and a key unique in the story.
        "speaker_name": quote.party.name if quote.party else None,
        "speaker_id": quote.party.entity if quote.party else None,
        "speaker_key": quote.party.key if quote.party else None,
    }
