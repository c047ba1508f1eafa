"""What a correction form shows and how its answers are read, per kind of correction.

:func:`subject` finds what is being corrected in the story as the analysts already corrected it
(an entity by any spelling, a report of the story, the story's reports for a split) and answers
404 when it is not there; :func:`read_answer` turns the posted fields into a record's ``target``
and ``value`` (a destination story given by its address or id, checked to exist; a split's
reports, checked to be some but not all of the story's), raising CorrectionError with what is
wrong. :func:`describe` says what a stored correction did, for the story page.
:func:`regroup_now` applies a move or split (or its undoing) to the store at once and reconciles
the stories it changed in a background thread, one job at a time (a 165-report story of the
crawled corpus took half a minute on 2 loaded cores: too long for a request); until then their
pages say their facts are being worked out again. Cost: a form of an entity reads the reports of
its first :data:`MENTIONS` mentions (for their words). The answers are checked by
:mod:`storyline.corrections.answers`, as the ``correct`` command's are.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import HTTPException

from storyline import corrections
from storyline.corrections.answers import CorrectedStory, resolve
from storyline.corrections.entities import find
from storyline.corrections.regroup import reconcile_changed, sync_store
from storyline.present.web import views
from storyline.present.web.story_data import StoryData
from storyline.store import Store

#: Mentions of an entity offered for a split by mention.
MENTIONS = 40
#: Entity names offered as the other half of a merge.
NAMES = 300
#: The form kinds: the corrections, plus one form for both splits of an entity.
FORM_KINDS = (*corrections.KINDS, "split_entity")
HEADINGS = {"rename": "Rename this story", "reject_fact": "This is not a fact of the story",
            "reject_quote": "This is not a quotation", "merge_entities": "This entity is the same as another",
            "split_entity": "This entity is two", "split_spelling": "This entity is two",
            "split_mention": "This entity is two", "move_report": "This report belongs elsewhere",
            "split_story": "Split this story"}
_LOG = logging.getLogger(__name__)


def _entity(data: StoryData, name: str | None) -> Mapping[str, Any]:
    entities = data.record.get("entities", [])
    at = find(entities, name)
    if at is None:
        raise HTTPException(status_code=404, detail=f"This story has no entity {name!r}.")
    return entities[at]  # type: ignore[no-any-return]


def _mentions(store: Store, entity: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The entity's first mentions with their words and a little context, for a split by mention."""
    shown = entity.get("mentions", [])[:MENTIONS]
    texts = {a.id: a.text for a in store.articles_by_id(list(dict.fromkeys(m["article"] for m in shown)))}
    found = []
    for m in shown:
        text = texts.get(m["article"], "")
        words = text[m["start"] : m["end"]] or entity["name"]
        found.append({"value": f"{' '.join(words.split())} @ {m['article']}:{m['start']}:{m['end']}", "words": words,
                      "before": text[max(0, m["start"] - 60) : m["start"]], "after": text[m["end"] : m["end"] + 60],
                      "article": m["article"]})
    return found


def subject(store: Store, data: StoryData, kind: str, target: str | None) -> dict[str, Any]:
    """What a correction form shows: the story, the item corrected, and the choices it offers."""
    if kind not in FORM_KINDS:
        raise HTTPException(status_code=404, detail=f"There is no correction {kind!r}.")
    found: dict[str, Any] = {"story": {"id": data.row["id"], "title": data.row["title"],
                                       "href": views.story_href(data.row["id"])},
                             "kind": kind, "target": target, "text": data.row["title"], "heading": HEADINGS[kind]}
    if kind in ("reject_fact", "reject_quote"):
        sections = ("facts", "single_source") if kind == "reject_fact" else ("quotes",)
        item = next((i for name in sections for i in data.record.get(name, []) if i.get("id") == target), None)
        if item is None:
            raise HTTPException(status_code=404, detail=f"This story has no {kind.removeprefix('reject_')} {target!r}.")
        found["text"] = item["text"]
    elif kind in ("merge_entities", "split_entity", "split_spelling", "split_mention"):
        entity = _entity(data, target)
        found |= {"target": entity["name"], "text": entity["name"], "entity": entity,
                  "spellings": sorted(entity.get("aliases", {}).items(), key=lambda p: (-p[1], p[0]))}
        if kind == "merge_entities":
            found["names"] = [e["name"] for e in views.entity_order(data.record.get("entities", []))[:NAMES]
                              if e["name"] != entity["name"]]
        else:
            found["mentions"] = _mentions(store, entity)
    elif kind == "move_report":
        report = data.by_id.get(target or "")
        if report is None:
            raise HTTPException(status_code=404, detail=f"This story has no report {target!r}.")
        found["text"] = report.get("label") or report.get("title") or report["id"]
        found["events"] = data.row["event_list"]
    elif kind == "split_story":
        found["reports"] = data.articles
    return found


def read_answer(store: Store, data: StoryData, kind: str, target: str, value: str, event: str,
                reports: Sequence[str], title: str) -> tuple[str | None, str | None]:
    """(target, value) of the record the form's answers make (:func:`storyline.corrections.answers.
    resolve`, as ``storyline correct`` reads its arguments); raises CorrectionError."""
    story = CorrectedStory(data.row["id"], data.row["title"], data.record, [a["id"] for a in data.articles],
                           [e["id"] for e in data.row["event_list"]])
    return resolve(store, story, kind, target, value, event=event, reports=reports, title=title)


def describe(c: Mapping[str, Any], names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """What a stored correction says, as the story page lists it: a label, a line, a link; stories
    and reports by their titles where ``names`` has them (else their ids)."""
    kind, target, value = c["kind"], c.get("target") or "", c.get("value") or ""
    names = names or {}

    def story(story_id: str) -> str:
        return f"“{names[story_id]}”" if story_id in names else f"story {story_id}"

    if kind == "merge_entities":
        return {"label": "Same entity", "text": f"“{target}” is “{value}”"}
    if kind == "split_spelling":
        return {"label": "Two entities", "text": f"“{value}” is not “{target}”"}
    if kind == "split_mention":
        words, _, where = value.rpartition(" @ ")
        article, start, end = (where.rsplit(":", 2) + ["", ""])[:3]
        return {"label": "Two entities", "text": f"“{words}” in report {names.get(article, article)} (characters "
                f"{start}–{end}) is not “{target}”"}
    if kind == "move_report":
        story_id, _, event_id = value.partition("/")
        report = f"“{names[target]}”" if target in names else f"report {target}"
        return {"label": "Report moved", "text": f"{report} moved from {story(c['story_id'])} to {story(story_id)}"
                + (f", event {event_id}" if event_id else ""), "href": views.story_href(story_id)}
    if kind == "split_story":
        count = len(value.split())
        return {"label": "Story split", "text": f"{count} report{'' if count == 1 else 's'} of {story(c['story_id'])} "
                f"became {story(target)}", "href": views.story_href(target)}
    labels = {"rename": "Renamed", "reject_fact": "Not a fact", "reject_quote": "Not a quote"}
    return {"label": labels.get(kind, kind), "text": value}


def regroup_now(state: Any, store: Store) -> list[str]:
    """Apply the moves and splits to the store now (under the app's ingest lock, so never during
    an upload's run), and reconcile the stories changed in a background thread; returns their
    ids. ``state`` is the app's state (``ingest_lock``, ``correction_lock``, ``correction_jobs``)."""
    with state.ingest_lock:
        run_id, changed = sync_store(store, reconcile=False)
    if run_id is not None:
        job = threading.Thread(target=_reconcile_job, args=(state, store, run_id, changed), daemon=True,
                               name="storyline-correction")
        state.correction_jobs[:] = [j for j in state.correction_jobs if j.is_alive()] + [job]
        job.start()
    return changed


def _reconcile_job(state: Any, store: Store, run_id: int, story_ids: list[str]) -> None:
    with state.correction_lock:
        try:
            reconcile_changed(store, run_id, story_ids)
        except Exception:  # a failed job leaves the stories stale: the next run reconciles them
            _LOG.exception("reconciling stories %s after a correction failed", story_ids[:10])
