"""The records every stage speaks.

Records are frozen, slotted dataclasses. Spans are ``(start, end)`` character offsets into
``Article.text``; their text is derived from the offsets, never stored twice. Each record has one
``to_json``/``from_json`` pair; the Article pair is the public Article JSONL contract of DESIGN.md.
Later stages fill the records after Article; they are declared here so that no stage invents a
private dict shape.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Literal

#: The Article JSONL fields of DESIGN.md, in output order. Everything else goes to ``extra``.
ARTICLE_FIELDS = ("id", "text", "title", "source", "url", "published", "language", "story")


def content_id(text: str) -> str:
    """A hash of normalised text: an article's id, so the same report always gets the same id."""
    normal = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where an article was read: the input file and its place inside it.

    ``record`` is a 1-based line number (JSONL), item number (RSS/Atom) or WARC record number,
    or ``None`` for a file that holds one article.
    """

    path: str
    record: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "record": self.record}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Provenance:
        record = data.get("record")
        return cls(path=str(data.get("path", "")), record=None if record is None else int(record))


@dataclass(frozen=True, slots=True)
class Article:
    """One news report, cleaned.

    ``meta`` holds what ingest learned about the article beyond the public fields (author,
    where each field came from, what cleaning removed); ``extra`` holds unknown JSONL fields,
    returned unchanged on output.
    """

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    story: str | None = None
    provenance: Provenance | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self, *, with_meta: bool = False) -> dict[str, Any]:
        """The Article JSONL object: public fields, then unknown ones, then provenance."""
        data: dict[str, Any] = {name: getattr(self, name) for name in ARTICLE_FIELDS}
        if data["story"] is None:
            del data["story"]
        for key, value in self.extra.items():
            data.setdefault(key, value)
        if self.provenance is not None:
            data["provenance"] = self.provenance.to_json()
        if with_meta and self.meta:
            data["meta"] = dict(self.meta)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Article:
        """Build from an Article JSONL object; unknown keys land in ``extra``.

        Raises:
            ValueError: ``text`` is missing or not a string, or ``id`` is not a string/number.
        """
        text = data.get("text")
        if not isinstance(text, str):
            raise ValueError(f"'text' must be a string, got {type(text).__name__}")
        raw_id = data.get("id")
        if raw_id is not None and not isinstance(raw_id, (str, int)):
            raise ValueError(f"'id' must be a string, got {type(raw_id).__name__}")
        known = {f.name for f in fields(cls)}
        provenance = data.get("provenance")
        return cls(
            id="" if raw_id is None else str(raw_id),
            text=text,
            title=_optional_str(data.get("title")),
            source=_optional_str(data.get("source")),
            url=_optional_str(data.get("url")),
            published=_optional_str(data.get("published")),
            language=_optional_str(data.get("language")),
            story=_optional_str(data.get("story")),
            provenance=Provenance.from_json(provenance) if isinstance(provenance, Mapping) else None,
            meta=dict(data["meta"]) if isinstance(data.get("meta"), Mapping) else {},
            extra={k: v for k, v in data.items() if k not in known},
        )


def _optional_str(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


@dataclass(frozen=True, slots=True)
class Span:
    """A character range ``[start, end)`` of an article's text."""

    start: int
    end: int

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]

    def to_json(self, text: str) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text_in(text)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Span:
        return cls(start=int(data["start"]), end=int(data["end"]))


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention; ``entity`` is the canonical name after resolution."""

    span: Span
    type: str
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression with its TimeML type (DATE, TIME, DURATION, SET) and TIMEX3 value."""

    span: Span
    type: str
    value: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """Something reported as said: content, speaker and cue spans; ``source_kind`` says what
    the speaker is (``person``, ``organisation``, ``document`` for a report, poll or records,
    None when unknown or no speaker)."""

    content: Span
    kind: Literal["direct", "indirect"]
    speaker: Span | None = None
    speaker_entity: str | None = None
    cue: Span | None = None
    source_kind: str | None = None


@dataclass(frozen=True, slots=True)
class Annotated:
    """An article with the annotations of the analysis stages."""

    article: Article
    sentences: tuple[Span, ...] = ()
    entities: tuple[Mention, ...] = ()
    times: tuple[TimeMention, ...] = ()
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place, once per story, with every spelling and role."""

    id: str
    name: str
    type: str
    aliases: Mapping[str, int] = field(default_factory=dict)
    roles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    mentions: tuple[tuple[str, Span], ...] = ()


@dataclass(frozen=True, slots=True)
class Dispute:
    """Another fact that makes the same statement as this one but gives a different value for one
    slot (a count, a date): ``value`` is this fact's, ``other_value`` the other's; ``support`` and
    ``outlets`` are this fact's sentences that give ``value``, ``other_support`` and
    ``other_outlets`` the other fact's that give ``other_value``; ``sentence`` and
    ``other_sentence`` the first sentence of each side (``text`` is the other fact's wording,
    which need not be the sentence giving its value)."""

    fact: str
    text: str
    kind: Literal["number", "date"]
    value: str
    other_value: str
    support: tuple[tuple[str, Span], ...] = ()
    outlets: tuple[str, ...] = ()
    other_support: tuple[tuple[str, Span], ...] = ()
    other_outlets: tuple[str, ...] = ()
    sentence: str = ""
    other_sentence: str = ""

    def to_json(self) -> dict[str, Any]:
        def spans(support: tuple[tuple[str, Span], ...]) -> list[dict[str, Any]]:
            return [{"article": a, "start": s.start, "end": s.end} for a, s in support]

        return {"fact": self.fact, "text": self.text, "kind": self.kind, "value": self.value,
                "other_value": self.other_value, "outlets": list(self.outlets),
                "other_outlets": list(self.other_outlets), "support": spans(self.support),
                "other_support": spans(self.other_support), "sentence": self.sentence,
                "other_sentence": self.other_sentence}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Dispute:
        def spans(items: Any) -> tuple[tuple[str, Span], ...]:
            return tuple((str(s["article"]), Span.from_json(s)) for s in items or ())

        kind = data.get("kind")
        if kind not in ("number", "date"):
            raise ValueError(f"a dispute's 'kind' is 'number' or 'date', got {kind!r}")
        return cls(fact=str(data["fact"]), text=str(data.get("text", "")), kind=kind,
                   value=str(data["value"]), other_value=str(data["other_value"]),
                   support=spans(data.get("support")), outlets=tuple(map(str, data.get("outlets", ()))),
                   other_support=spans(data.get("other_support")),
                   other_outlets=tuple(map(str, data.get("other_outlets", ()))),
                   sentence=str(data.get("sentence", "")), other_sentence=str(data.get("other_sentence", "")))


@dataclass(frozen=True, slots=True)
class Fact:
    """A statement aligned across reports: its supporting sentences and distinct outlets, and the
    facts that state it with a different value for one slot (``disputes``)."""

    id: str
    text: str
    support: tuple[tuple[str, Span], ...] = ()
    outlets: tuple[str, ...] = ()
    disputes: tuple[Dispute, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """One happening inside a story."""

    id: str
    articles: tuple[str, ...]
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Story:
    """One ongoing subject and its events."""

    id: str
    title: str
    articles: tuple[str, ...]
    events: tuple[Event, ...] = ()


@dataclass(frozen=True, slots=True)
class SummarySentence:
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    """A story's summary; every sentence cites the articles that back it."""

    story: str
    sentences: tuple[SummarySentence, ...]

    @property
    def text(self) -> str:
        return " ".join(sentence.text for sentence in self.sentences)
