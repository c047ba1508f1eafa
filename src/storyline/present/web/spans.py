"""An annotated article's text as flat, highlightable pieces for a template.

Sentences never overlap, so each becomes one block (with an anchor id); entity, time and quote
spans may overlap each other and cross sentences, so inside a block the text is cut at every span
boundary and each piece lists the marks that cover it. Nothing here builds HTML: the template
escapes every piece of text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from storyline.model import Annotated, Span


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted span: CSS classes, a hover title, and the entity it names (for a link)."""

    start: int
    end: int
    classes: str
    title: str
    entity: str | None = None


@dataclass(slots=True)
class Piece:
    text: str
    classes: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    entity: str | None = None


@dataclass(slots=True)
class Block:
    """A sentence (``anchor`` set) or the text between two sentences."""

    anchor: str | None
    is_cited: bool = False
    pieces: list[Piece] = field(default_factory=list)


def sentence_anchor(start: int) -> str:
    """The element id of the sentence starting at ``start`` on the article page."""
    return f"c{start}"


def marks_of(annotated: Annotated) -> list[Mark]:
    """Entity, time and quote marks of an annotated article (quotes: content and speaker)."""
    text = annotated.article.text
    marks = [Mark(m.span.start, m.span.end, f"ent ent-{m.type.lower()}",
                  f"{m.type}: {m.entity or m.span.text_in(text)}", m.entity or m.span.text_in(text))
             for m in annotated.entities]
    marks += [Mark(t.span.start, t.span.end, "time", f"{t.type} {t.value or ''}".strip()) for t in annotated.times]
    for quote in annotated.quotes:
        speaker = quote.speaker_entity or (quote.speaker.text_in(text) if quote.speaker else "unattributed")
        marks.append(Mark(quote.content.start, quote.content.end, f"quote quote-{quote.kind}",
                          f"{quote.kind} quote · {speaker}"))
        if quote.speaker is not None:
            marks.append(Mark(quote.speaker.start, quote.speaker.end, "speaker", f"speaker: {speaker}"))
    return marks


def blocks(text: str, sentences: Iterable[Span], marks: Iterable[Mark],
           cite: tuple[int, int] | None = None) -> list[Block]:
    """Cut ``text`` into sentence blocks and pieces; sentences overlapping ``cite`` are cited.

    The first cited sentence gets the anchor ``cited`` (the target of a citation link) instead of
    its usual :func:`sentence_anchor`. Spans out of range are clipped; overlapping sentences after
    the first are dropped.
    """
    size = len(text)
    ordered = _non_overlapping(sentences, size)
    kept = [m for m in (Mark(max(0, m.start), min(size, m.end), m.classes, m.title, m.entity) for m in marks)
            if m.start < m.end]
    points = sorted({0, size, *(p for s in ordered for p in (s.start, s.end)),
                     *(p for m in kept for p in (m.start, m.end))})
    opening: dict[int, list[int]] = defaultdict(list)
    closing: dict[int, list[int]] = defaultdict(list)
    for index, mark in enumerate(kept):
        opening[mark.start].append(index)
        closing[mark.end].append(index)
    result: list[Block] = []
    active: set[int] = set()
    next_sentence, current, cited_anchor_used = 0, None, False
    for start, end in zip(points, points[1:]):
        active.difference_update(closing.get(start, ()))
        active.update(opening.get(start, ()))
        if current is not None and start >= current.end:
            current = None
        if current is None and next_sentence < len(ordered) and ordered[next_sentence].start == start:
            current = ordered[next_sentence]
            next_sentence += 1
            is_cited = cite is not None and current.start < cite[1] and cite[0] < current.end
            anchor = sentence_anchor(current.start)
            if is_cited and not cited_anchor_used:
                anchor, cited_anchor_used = "cited", True
            result.append(Block(anchor, is_cited))
        elif current is None and (not result or result[-1].anchor is not None):
            result.append(Block(None))
        result[-1].pieces.append(_piece(text[start:end], [kept[i] for i in sorted(active)]))
    return result


def _non_overlapping(sentences: Iterable[Span], size: int) -> list[Span]:
    ordered: list[Span] = []
    for span in sorted(sentences, key=lambda s: (s.start, s.end)):
        start, end = max(0, span.start), min(size, span.end)
        if start < end and (not ordered or start >= ordered[-1].end):
            ordered.append(Span(start, end))
    return ordered


def _piece(text: str, marks: list[Mark]) -> Piece:
    classes: list[str] = []
    for mark in marks:
        classes.extend(c for c in mark.classes.split() if c not in classes)
    entity = next((m.entity for m in marks if m.entity), None)
    return Piece(text, classes, [m.title for m in marks], entity)


def blocks_json(found: list[Block]) -> list[dict[str, Any]]:
    """The blocks as JSON-able dicts (for tests and debugging)."""
    return [{"anchor": b.anchor, "cited": b.is_cited,
             "pieces": [{"text": p.text, "classes": p.classes, "entity": p.entity} for p in b.pieces]} for b in found]
