"""Analysts' moves and splits of reports, applied to the grouping after the grouper has run.

Two kinds of correction record (kept by :mod:`storyline.corrections.records`):

- ``move_report``: ``target`` is a report (article id), ``value`` the story it belongs to,
  ``STORY`` or ``STORY/EVENT``; without an event it joins the story's event nearest its date
  (an event of its own when that one is more than :data:`EVENT_DAYS` away).
- ``split_story``: ``target`` is the new story's id, ``value`` the reports (ids, space-separated)
  that leave their story to form it; the old story keeps its id and the rest.

The grouper never learns of them: its state stays its own, and every run re-applies the active
corrections, in the order they were made, to the stories it returns (:func:`regroup`), before
they are stored (:func:`after_grouping`, called once by ``pipeline.group_store``). A report moved
away stays moved whatever later runs add. A new report the grouper puts in a split story's old
part goes to the split-off story when it is closer to the reports split off than to the rest
(:mod:`storyline.corrections.split_learning`); otherwise it joins the old story as usual. When a
correction is made or undone, :func:`sync_store` brings the store to the corrected grouping at
once (stories, events, assignments; the stories that changed reconciled again, under a run of
their own), so the story pages show it without waiting for a run.

A correction whose report is no longer stored, or whose destination story no longer exists (a
later run merged it away), does nothing. Cost: linear in the stories' articles, plus one query of
the active corrections and one of the named reports' titles and dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, insert, select

from storyline.corrections.records import REGROUP_KINDS, for_stories, new_id
from storyline.corrections.split_learning import followers
from storyline.ingest.titles import text_title
from storyline.model import Event, Story
from storyline.store import Store, schema

#: A report moved to a story without naming an event joins the event nearest its date, unless
#: that one is more than this many days away: then it is an event of its own.
EVENT_DAYS = 3


@dataclass
class _Draft:
    """A story being corrected: its title and its events (id → date, reports), in order."""

    title: str
    events: dict[str, tuple[str | None, list[str]]] = field(default_factory=dict)

    def articles(self) -> list[str]:
        return [a for _, found in self.events.values() for a in found]


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _nearest_event(draft: _Draft, published: str | None) -> str:
    day = _day(published)
    ids = list(draft.events)
    if day is None:
        return ids[-1]
    dated = [(abs((d - day).days), n) for n, i in enumerate(ids) if (d := _day(draft.events[i][0])) is not None]
    return ids[min(dated)[1]] if dated else ids[-1]


class _Grouping:
    """The stories as drafts, with where each report is."""

    def __init__(self, stories: Sequence[Story]) -> None:
        self.order = [s.id for s in stories]
        self.drafts = {s.id: _Draft(s.title, {e.id: (e.date, list(e.articles)) for e in s.events}) for s in stories}
        self.where = {a: (s.id, e.id) for s in stories for e in s.events for a in e.articles}

    def take(self, article: str) -> tuple[str | None, str]:
        """Remove a report from its story; (its event's date, the event's id)."""
        story_id, event_id = self.where.pop(article)
        draft = self.drafts[story_id]
        date, members = draft.events[event_id]
        members.remove(article)
        if not members:
            del draft.events[event_id]
        if not draft.events:
            del self.drafts[story_id]
            self.order.remove(story_id)
        return date, event_id

    def put(self, article: str, story_id: str, event_id: str, date: str | None) -> None:
        draft = self.drafts[story_id]
        draft.events.setdefault(event_id, (date, []))[1].append(article)
        self.where[article] = (story_id, event_id)

    def stories(self) -> list[Story]:
        return [Story(i, self.drafts[i].title, tuple(self.drafts[i].articles()),
                      tuple(Event(e, tuple(found), date) for e, (date, found) in self.drafts[i].events.items()))
                for i in self.order]


def _move(grouping: _Grouping, article: str, value: str, info: Mapping[str, tuple[str, str | None]]) -> bool:
    story_id, _, event_id = (value or "").partition("/")
    if article not in grouping.where or story_id not in grouping.drafts:
        return False
    if grouping.where[article][0] == story_id and (not event_id or grouping.where[article][1] == event_id):
        return True
    grouping.take(article)
    if story_id not in grouping.drafts:
        return False  # it was the story's only report: nowhere left to put it (cannot happen: same story)
    draft = grouping.drafts[story_id]
    published = info.get(article, ("", None))[1]
    target = event_id if event_id in draft.events else _nearest_event(draft, published)
    if not event_id and _days_apart(draft.events[target][0], published) > EVENT_DAYS:
        target = new_id("e", "moved", article, story_id)  # nothing near its date: an event of its own
        grouping.put(article, story_id, target, (published or "")[:10] or None)
        draft.events = dict(sorted(draft.events.items(), key=lambda pair: pair[1][0] or "9999"))
        return True
    grouping.put(article, story_id, target, draft.events[target][0])
    return True


def _days_apart(one: str | None, two: str | None) -> int:
    first, second = _day(one), _day(two)
    return 0 if first is None or second is None else abs((first - second).days)


def _split(grouping: _Grouping, story_id: str, value: str, info: Mapping[str, tuple[str, str | None]],
           old: str = "", follow: Iterable[str] = ()) -> bool:
    """Split the named reports off into ``story_id``, with those of ``follow`` still in the old
    story (reports that arrived after the split, closer to the part split off)."""
    wanted = [a for a in (value or "").split() if a in grouping.where]
    if not wanted or story_id in grouping.drafts:
        return False
    wanted += [a for a in sorted(follow) if a not in wanted and grouping.where.get(a, ("",))[0] == old]
    after = grouping.where[wanted[0]][0]
    position = grouping.order.index(after) + 1
    first = min(wanted, key=lambda a: (info.get(a, ("", None))[1] or "9999", a))
    draft = _Draft(info.get(first, ("", None))[0] or first)
    for article in wanted:
        date, event_id = grouping.take(article)
        draft.events.setdefault(new_id("e", story_id, event_id), (date, []))[1].append(article)
    grouping.drafts[story_id] = draft
    grouping.order.insert(min(position, len(grouping.order)), story_id)
    for event_id, (_, members) in draft.events.items():
        for article in members:
            grouping.where[article] = (story_id, event_id)
    return True


def regroup(stories: Sequence[Story], active: Sequence[Any], info: Mapping[str, tuple[str, str | None]],
            follow: Mapping[int, set[str]] | None = None) -> tuple[list[Story], set[int]]:
    """The stories with the moves and splits of ``active`` (in order) applied, and the ids of the
    corrections that found nothing to do. ``info``: report id → (title, published); ``follow``:
    split id → later reports that go with it
    (:func:`storyline.corrections.split_learning.followers`)."""
    grouping = _Grouping(stories)
    idle: set[int] = set()
    for correction in active:
        if correction.kind == "move_report":
            done = _move(grouping, correction.target or "", correction.value or "", info)
        elif correction.kind == "split_story":
            done = _split(grouping, correction.target or "", correction.value or "", info, correction.story_id,
                          (follow or {}).get(correction.id, ()))
        else:
            continue
        if not done:
            idle.add(correction.id)
    return grouping.stories(), idle


def named_reports(active: Sequence[Any]) -> list[str]:
    """Every report the corrections name."""
    found = [c.target for c in active if c.kind == "move_report" and c.target]
    found += [a for c in active if c.kind == "split_story" for a in (c.value or "").split()]
    return list(dict.fromkeys(found))


def report_info(store: Store, ids: Sequence[str]) -> dict[str, tuple[str, str | None]]:
    """Report id → (title, published), for the reports a correction names."""
    return {a.id: (a.title or text_title(a.text), a.published) for a in store.articles_by_id(list(ids))}


def _recorded(store: Store) -> list[Any]:
    """Every move and split ever recorded (undone ones too), once each, in the order made."""
    found = {c.id: c for listed in for_stories(store, kinds=REGROUP_KINDS).values() for c in listed}
    return [found[i] for i in sorted(found)]


def _active(store: Store) -> list[Any]:
    return [c for c in _recorded(store) if c.is_active]


def _concerned(recorded: Sequence[Any], *groupings: Sequence[Story]) -> set[str]:
    """The stories a move or split (active or undone) can change: those it names, and those that
    hold the reports it names in the given groupings."""
    found = {c.story_id for c in recorded}
    found |= {c.target for c in recorded if c.kind == "split_story" and c.target}
    found |= {(c.value or "").partition("/")[0] for c in recorded if c.kind == "move_report"}
    named = set(named_reports(recorded))
    found |= {s.id for grouping in groupings for s in grouping if named.intersection(s.articles)}
    return found


def _differs_from_store(store: Store, stories: Mapping[str, Story], ids: set[str]) -> set[str]:
    """Of these stories, those not stored as the corrected grouping has them (a report placed
    elsewhere, or more reports stored under the story than it has)."""
    ids = {i for i in ids if i in stories}
    stored = store.assignments([a for i in ids for a in stories[i].articles])
    placed = schema.assignments
    counts: dict[str, int] = {}
    listed = sorted(ids)
    with store.engine.connect() as conn:
        for start in range(0, len(listed), 500):
            counts.update(conn.execute(select(placed.c.story_id, func.count()).where(
                placed.c.story_id.in_(listed[start : start + 500])).group_by(placed.c.story_id)).all())
    return {i for i in ids if counts.get(i, 0) != len(stories[i].articles)
            or any(stored.get(a) != (i, e.id) for e in stories[i].events for a in e.articles)}


def after_grouping(store: Store, stories: list[Story], touched: set[str]) -> tuple[list[Story], set[str]]:
    """The hook ``pipeline.group_store`` calls after the grouper, before storing: the stories with
    the active moves and splits applied, and the touched stories plus those the corrections make
    differ from the store (so they are stored and reconciled again)."""
    active = _active(store)
    if not active:
        return stories, touched
    info = report_info(store, named_reports(active))
    corrected, _ = regroup(stories, active, info, followers(store, stories, active))
    before, after = {s.id: s for s in stories}, {s.id: s for s in corrected}
    changed = {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)}
    return corrected, set(touched) | _differs_from_store(store, after, changed)


def sync_store(store: Store, *, reconcile: bool = True) -> tuple[int | None, list[str]]:
    """Bring the store to the corrected grouping now (after a correction is made or undone):
    stories, events and assignments rewritten where they differ, stories left empty removed,
    under a run of its own (``correct``); then, unless ``reconcile`` is False, the stories
    rewritten reconciled again (:func:`reconcile_changed`; the web app does that in the
    background: a 165-report story takes half a minute on 2 loaded cores). Returns the run (None
    when nothing changed) and the ids of the stories rewritten or removed."""
    from storyline.group import StoryGrouper  # heavy import: only when a correction is made

    state = store.load_state("grouper")
    if state is None:
        return None, []
    grouped = StoryGrouper.from_state(state).stories()
    recorded = _recorded(store)
    active = [c for c in recorded if c.is_active]
    info = report_info(store, named_reports(active))
    corrected, _ = regroup(grouped, active, info, followers(store, grouped, active))
    after = {s.id: s for s in corrected}
    concerned = sorted(_concerned(recorded, grouped, corrected))
    with store.engine.connect() as conn:  # only these: a watcher may be storing other stories meanwhile
        stored_ids = {i for start in range(0, len(concerned), 500) for i in conn.execute(
            select(schema.stories.c.id).where(schema.stories.c.id.in_(concerned[start : start + 500]))).scalars()}
    gone = stored_ids - set(after)
    differs = _differs_from_store(store, after, set(concerned))
    if not differs and not gone:
        return None, []
    run_id = store.start_run("correct", [], {"stories": sorted(differs | gone)[:100]})
    _write(store, run_id, [after[i] for i in sorted(differs)], sorted(gone))
    if reconcile:
        reconcile_changed(store, run_id, sorted(differs))
    return run_id, sorted(differs | gone)


def reconcile_changed(store: Store, run_id: int, story_ids: Sequence[str]) -> int:
    """Reconcile those of these stories whose record is still older than their row (a later
    correction or run may have done it already), saved under ``run_id``, which is then marked
    done; returns how many. A process that dies here leaves them stale: the next run reconciles
    them (``Store.stale_story_ids``)."""
    from storyline.reconcile.story import reconcile_story  # heavy import: only when a correction is made

    done = 0
    for story_id in sorted(set(story_ids) & set(store.stale_story_ids())):
        story = _stored_story(store, story_id)
        if story is None:
            continue
        record, reconciled = reconcile_story(story, list(store.annotated(story.articles)))
        store.save_reconciled(run_id, {story_id: record}, reconciled)
        done += 1
    store.finish_run(run_id, status="done", read=0, stored=0, duplicates=0, errors=0)
    return done


def _stored_story(store: Store, story_id: str) -> Story | None:
    """A story as the store has it now (its row, events, and assignments in arrival order)."""
    table, events, placed = schema.stories, schema.events, schema.assignments
    with store.engine.connect() as conn:
        title = conn.execute(select(table.c.title).where(table.c.id == story_id)).scalar_one_or_none()
        if title is None:
            return None
        rows = conn.execute(select(events.c.id, events.c.date).where(events.c.story_id == story_id)
                            .order_by(events.c.position)).all()
        members: dict[str, list[str]] = {}
        articles = schema.articles
        for article, event in conn.execute(select(placed.c.article_id, placed.c.event_id)
                                           .join(articles, articles.c.id == placed.c.article_id)
                                           .where(placed.c.story_id == story_id).order_by(articles.c.seq)):
            members.setdefault(event, []).append(article)
    found = tuple(Event(e.id, tuple(members.get(e.id, [])), e.date) for e in rows)
    return Story(story_id, title, tuple(a for e in found for a in e.articles), found)


def _write(store: Store, run_id: int, stories: Sequence[Story], gone: Sequence[str]) -> None:
    """Replace these stories' rows, events and assignments; remove the stories gone (and their
    records and entity index rows), in one transaction."""
    table, events, placed = schema.stories, schema.events, schema.assignments
    ids = [s.id for s in stories] + list(gone)
    with store.engine.begin() as conn:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            conn.execute(delete(table).where(table.c.id.in_(chunk)))
            conn.execute(delete(events).where(events.c.story_id.in_(chunk)))
            gone_chunk = [i for i in chunk if i in set(gone)]
            if gone_chunk:
                conn.execute(delete(schema.story_records).where(schema.story_records.c.story_id.in_(gone_chunk)))
                conn.execute(delete(schema.entity_index).where(schema.entity_index.c.story_id.in_(gone_chunk)))
        articles = [a for s in stories for a in s.articles]
        for start in range(0, len(articles), 500):
            conn.execute(delete(placed).where(placed.c.article_id.in_(articles[start : start + 500])))
        if not stories:
            return
        conn.execute(insert(table), [_row(s, run_id) for s in stories])
        conn.execute(insert(events), [{"id": e.id, "story_id": s.id, "position": n, "date": e.date,
                                       "articles": len(e.articles)} for s in stories for n, e in enumerate(s.events)])
        conn.execute(insert(placed), [{"article_id": a, "story_id": s.id, "event_id": e.id, "run_id": run_id}
                                      for s in stories for e in s.events for a in e.articles])


def _row(story: Story, run_id: int) -> dict[str, Any]:
    dates = sorted(e.date for e in story.events if e.date)
    return {"id": story.id, "title": story.title, "articles": len(story.articles), "events": len(story.events),
            "first_date": dates[0] if dates else None, "last_date": dates[-1] if dates else None, "run_id": run_id}
