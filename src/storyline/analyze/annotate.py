"""Per-article analysis: sentences, entities, time expressions and quotations, as one Annotated record.

Entities are recognised here (:mod:`storyline.analyze.entities`) with ``entity`` left ``None``;
their canonical names come from resolution across a story's articles
(:func:`storyline.reconcile.entities.resolve_by_story`). This module wires the stages; each stage
lives in its own module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from storyline.analyze.entities import EntityRecognizer
from storyline.analyze.quotes import find_quotes
from storyline.analyze.sentences import split_sentences
from storyline.analyze.times import find_times, infer_report_date
from storyline.model import Annotated, Article, Mention, Quote, Span, TimeMention

#: An inferred report date is used as the anchor only when the tagger is at least this sure.
MIN_INFERRED_DATE_CONFIDENCE = 0.5


def annotate(article: Article, recognizer: EntityRecognizer | None = None) -> Annotated:
    """Run the analysis stages over one article.

    Args:
        article: The article.
        recognizer: The entity stage; the process's default (:func:`default_recognizer`) if None.
    """
    text = article.text
    sentences = split_sentences(text)
    anchor = report_anchor(article)
    times = find_times(text, anchor, language=article.language or "en")
    entities = (recognizer or default_recognizer())(text, sentences, language=article.language)
    quotes = find_quotes(text, sentences, entities, language=article.language)
    return Annotated(article, tuple(sentences), tuple(entities), tuple(times), tuple(quotes))


@lru_cache(maxsize=1)
def default_recognizer() -> EntityRecognizer:
    """The default entity stage (``auto`` backend), built and loaded once per process."""
    return EntityRecognizer().load()


def report_anchor(article: Article) -> dt.date | None:
    """The date relative expressions resolve against: the publication date, else an inferred one."""
    if article.published:
        try:
            return dt.date.fromisoformat(article.published[:10])
        except ValueError:
            pass
    guessed, confidence = infer_report_date(article.text, language=article.language or "en")
    return guessed if confidence >= MIN_INFERRED_DATE_CONFIDENCE else None


def annotated_json(annotated: Annotated) -> dict[str, Any]:
    """The analyze output line: the article's JSONL fields plus every annotation as spans."""
    text = annotated.article.text
    data = annotated.article.to_json()
    data["sentences"] = [s.to_json(text) for s in annotated.sentences]
    data["entities"] = [{**m.span.to_json(text), "type": m.type, "entity": m.entity} for m in annotated.entities]
    data["times"] = [{**t.span.to_json(text), "type": t.type, "value": t.value} for t in annotated.times]
    data["quotes"] = [_quote_json(q, text) for q in annotated.quotes]
    return data


def annotated_from_json(article: Article, data: Mapping[str, Any]) -> Annotated:
    """Rebuild an Annotated record from :func:`annotated_json` output (offsets only are read)."""
    return Annotated(
        article,
        tuple(Span.from_json(s) for s in data.get("sentences", ())),
        tuple(Mention(Span.from_json(m), m["type"], m.get("entity")) for m in data.get("entities", ())),
        tuple(TimeMention(Span.from_json(t), t["type"], t.get("value")) for t in data.get("times", ())),
        tuple(_quote_from_json(q) for q in data.get("quotes", ())),
    )


def _quote_from_json(data: Mapping[str, Any]) -> Quote:
    return Quote(content=Span.from_json(data["content"]), kind=data["kind"],
                 speaker=_span_from(data.get("speaker")), speaker_entity=data.get("speaker_entity"),
                 cue=_span_from(data.get("cue")), source_kind=data.get("source_kind"))


def _span_from(data: Mapping[str, Any] | None) -> Span | None:
    return None if data is None else Span.from_json(data)


def _quote_json(quote: Quote, text: str) -> dict[str, Any]:
    return {"content": quote.content.to_json(text), "speaker": _span(quote.speaker, text),
            "speaker_entity": quote.speaker_entity, "cue": _span(quote.cue, text), "kind": quote.kind,
            "source_kind": quote.source_kind}


def _span(span: Span | None, text: str) -> dict[str, Any] | None:
    return None if span is None else span.to_json(text)
