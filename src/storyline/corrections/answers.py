"""What a correction's answers make, checked against the story as the analysts already corrected
it; and the one way a correction is made or undone.

The web forms and API (:mod:`storyline.present.web.correction_forms`) and ``storyline correct``
both turn what an analyst said into a record's ``target`` and ``value`` here
(:func:`resolve`), so they write the same records: an entity is found by any spelling and named
by its name in the story; a report must be the story's; a destination is a story id, a
``STORY/EVENT`` pair or a story's or event's address, checked to exist; a split's reports must be
some but not all of the story's; a mention is given by its span (``ARTICLE:START:END``) and
recorded with its words. :func:`make` and :func:`unmake` record and, for a move or split, bring
the store to the corrected grouping (:func:`storyline.corrections.regroup.sync_store`; the web
app reconciles in the background, the command at once). Every refusal is a CorrectionError
saying what is wrong. Cost: one read of the story (row, record, report ids) and of the article
text a mention names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from storyline.corrections.entities import find, key
from storyline.corrections.records import REGROUP_KINDS, CorrectionError, add, for_story, undo
from storyline.corrections.regroup import sync_store
from storyline.corrections.story import apply
from storyline.store import Store, queries

__all__ = ["CorrectedStory", "corrected_story", "destination", "make", "mention_value", "resolve", "unmake"]

_STORY_PATH = re.compile(r"^/?stories/([^/?#]+)(?:/events/([^/?#]+))?")
_SPAN = re.compile(r"^(.+):(\d+):(\d+)$")


@dataclass(frozen=True, slots=True)
class CorrectedStory:
    """A story as its corrections leave it: id, title, record, reports (ids) and events (ids)."""

    id: str
    title: str
    record: Mapping[str, Any]
    reports: Sequence[str]
    events: Sequence[str]


def corrected_story(store: Store, story_id: str) -> CorrectedStory:
    """The stored story with its corrections applied.

    Raises:
        CorrectionError: no such story.
    """
    row = queries.story_row(store, story_id)
    if row is None:
        raise CorrectionError(f"there is no story {story_id!r}")
    title, record = apply(row["title"], queries.story_record(store, story_id), for_story(store, story_id))
    return CorrectedStory(story_id, title, record, [a["id"] for a in queries.story_articles(store, story_id)],
                          [e["id"] for e in row["event_list"]])


def destination(store: Store, value: str) -> str:
    """A move's destination, ``STORY`` or ``STORY/EVENT``, from an id, a ``STORY/EVENT`` pair or a
    story's or event's address; raises CorrectionError when there is no such story or event."""
    text = value.strip()
    path = urlsplit(text).path if "://" in text else text
    match = _STORY_PATH.match(path)
    story_id, event_id = (unquote(match.group(1)), unquote(match.group(2) or "")) if match else text.partition("/")[::2]
    row = queries.story_row(store, story_id) if story_id else None
    if row is None:
        raise CorrectionError(f"there is no story {story_id!r} to move the report to")
    if event_id and event_id not in {e["id"] for e in row["event_list"]}:
        raise CorrectionError(f"story {story_id!r} has no event {event_id!r}")
    return f"{story_id}/{event_id}" if event_id else story_id


def entity(story: CorrectedStory, name: str | None) -> Mapping[str, Any]:
    """The story's entity called ``name`` (any spelling); raises CorrectionError."""
    entities = story.record.get("entities", [])
    at = find(entities, name)
    if at is None:
        raise CorrectionError(f"story {story.id!r} has no entity {name!r}")
    return entities[at]  # type: ignore[no-any-return]


def mention_value(store: Store, found: Mapping[str, Any], span: str) -> str:
    """A split-by-mention's value, ``WORDS @ ARTICLE:START:END``, for one of the entity's mentions
    given as ``ARTICLE:START:END`` (or already with its words); raises CorrectionError."""
    words, _, where = span.rpartition(" @ ")
    match = _SPAN.match(where.strip())
    if match is None:
        raise CorrectionError("a mention is given as ARTICLE:START:END")
    article, start, end = match.group(1), int(match.group(2)), int(match.group(3))
    if not any((m["article"], m["start"], m["end"]) == (article, start, end) for m in found.get("mentions", [])):
        raise CorrectionError(f"{found['name']!r} has no mention at {article}:{start}:{end}")
    if not words:
        text = next((a.text for a in store.articles_by_id([article])), "")
        words = text[start:end] or found["name"]
    return f"{' '.join(words.split())} @ {article}:{start}:{end}"


def resolve(store: Store, story: CorrectedStory, kind: str, target: str, value: str, *, event: str = "",
            reports: Sequence[str] = (), title: str = "") -> tuple[str | None, str | None]:
    """(target, value) of the record these answers make (``title``: a rejected item's text as it
    reads); raises CorrectionError with what is wrong."""
    if kind == "move_report":
        if target not in story.reports:
            raise CorrectionError(f"story {story.id!r} has no report {target!r}")
        to = destination(store, value) if value.strip() else (f"{story.id}/{event}" if event else "")
        if not to:
            raise CorrectionError("say where the report goes: another story, or another event of this one")
        if event and "/" not in to:
            to = destination(store, f"{to}/{event}")
        return target, to
    if kind == "split_story":
        chosen = [r for r in dict.fromkeys(reports) if r in set(story.reports)]
        if not chosen or len(chosen) != len(set(reports)):
            raise CorrectionError(f"choose some of story {story.id!r}'s reports for the new story")
        if len(chosen) >= len(story.reports):
            raise CorrectionError("a split leaves at least one report in the old story")
        return None, " ".join(chosen)
    if kind in ("reject_fact", "reject_quote"):
        return target, title
    if kind in ("merge_entities", "split_spelling", "split_mention"):
        return _entity_answer(store, story, kind, entity(story, target), value)
    return target or None, value


def _entity_answer(store: Store, story: CorrectedStory, kind: str, found: Mapping[str, Any],
                   value: str) -> tuple[str, str]:
    if kind == "merge_entities":
        other = entity(story, value)
        if other["name"] == found["name"]:
            raise CorrectionError("an entity cannot be merged with itself")
        return found["name"], other["name"]
    if kind == "split_spelling":
        spelling = next((s for s in found.get("aliases", {}) if key(s) == key(value)), None)
        if spelling is None:
            raise CorrectionError(f"{found['name']!r} is never spelt {value!r} in story {story.id!r}")
        return found["name"], spelling
    return found["name"], mention_value(store, found, value)


def make(store: Store, story_id: str, kind: str, *, author: str, target: str = "", value: str = "",
         event: str = "", reports: Sequence[str] = (), note: str = "", title: str = "",
         regroup: bool = True) -> int:
    """Check the answers against the story, record the correction, and (a move or split, unless
    ``regroup`` is False) bring the store to the corrected grouping, reconciling the stories it
    changed; returns the record's id. Raises CorrectionError."""
    story = corrected_story(store, story_id)
    found_target, found_value = resolve(store, story, kind, target, value, event=event, reports=reports, title=title)
    made = add(store, story_id, kind, author=author, target=found_target, value=found_value, note=note or None)
    if regroup and kind in REGROUP_KINDS:
        sync_store(store)
    return made


def unmake(store: Store, story_id: str, correction_id: int, *, author: str, regroup: bool = True) -> int:
    """Record the undoing of a correction listed with the story (then regroup as :func:`make`
    does); returns the undo's id. Raises CorrectionError."""
    undone = next((c for c in for_story(store, story_id) if c.id == correction_id), None)
    made = undo(store, story_id, correction_id, author=author)
    if regroup and undone is not None and undone.kind in REGROUP_KINDS:
        sync_store(store)
    return made
