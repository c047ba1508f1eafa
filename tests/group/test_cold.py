"""Settled reports' places left to the store (group/cold.py, kept_grouper.py): the stories, ids and
stored state are those of a grouper that never evicts, over a stream longer than the decay window,
and a late copy of a settled report still joins its story (its place read back from the store)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from storyline import pipeline
from storyline.evaluate.realistic import generate
from storyline.group import StoryGrouper
from storyline.kept_grouper import KeptGrouper, StoredPlaces
from storyline.model import Article
from storyline.store import Store


def _articles(records: list[dict[str, Any]]) -> list[Article]:
    return [Article(id=r["id"], text=r["text"], title=r.get("title"), source=r.get("source"),
                    published=r.get("published"), language=r.get("language")) for r in records]


def _cycles(tmp: Path, name: str, batches: list[list[Article]], *, evict: bool,
            monkeypatch: pytest.MonkeyPatch) -> tuple[list[Any], dict[str, Any], StoryGrouper, Store]:
    """Store and group each batch as a watch cycle does; the stories after each cycle, the stored
    state at the end, the kept grouper and the store."""
    kept = KeptGrouper(evict=evict)
    monkeypatch.setattr(pipeline, "_KEPT", kept)
    store = Store(f"sqlite:///{tmp / name}.db")
    seen = []
    for batch in batches:
        run_id = store.start_run("test", [], {})
        store.commit_batch(run_id, batch, [])
        grouped = pipeline.group_store(store, run_id)
        seen.append([(s.id, s.title, s.articles, [(e.id, e.articles, e.date) for e in s.events])
                     for s in grouped.stories])
    state = store.load_state("grouper")
    assert kept._kept is not None and state is not None
    return seen, state, kept._kept[1], store


def _comparable(state: dict[str, Any]) -> dict[str, Any]:
    """The state with its keyed sections as dicts (a section's order may differ once rows were
    left in the store: new rows take ordinals beside theirs)."""
    return {**state, "stories": sorted(state["stories"], key=lambda row: row[1])}


def test_stream_longer_than_the_window_gives_the_same_stories(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    articles = _articles(generate(700, seed=5, days=1100.0))
    batches = [articles[n : n + 70] for n in range(0, len(articles), 70)]
    kept_all, state_all, grouper_all, _ = _cycles(tmp_path, "all", batches, evict=False, monkeypatch=monkeypatch)
    kept_cold, state_cold, grouper_cold, store = _cycles(tmp_path, "cold", batches, evict=True, monkeypatch=monkeypatch)
    assert kept_cold == kept_all  # ids, titles, reports and events after every cycle
    assert _comparable(state_cold) == _comparable(state_all)  # the store holds the whole state
    evicted = grouper_cold._evicted
    assert len(evicted) > 100 and not evicted & grouper_cold._where.keys()
    assert len(grouper_cold._where) + len(evicted) == len(grouper_all._where)  # (exact copies are not stored)
    # Every evicted place reads back as the never-evicting grouper has it.
    assert all(grouper_cold.assignment(a) == grouper_all.assignment(a) for a in sorted(evicted)[:50])
    # Adding a settled report again is a no-op, as it is without eviction.
    again = next(a for a in articles if a.id in evicted)
    assert grouper_cold.add(again) == grouper_all.add(again)
    assert again.id not in grouper_cold._where
    # A fresh process restores the whole state from the store and goes on alike.
    restored = StoryGrouper.from_state(store.load_state("grouper") or {})
    assert restored._where == grouper_all._where


def _day(n: int) -> str:
    return (dt.date(2020, 1, 1) + dt.timedelta(days=n)).isoformat()


_QUAKE = ("A strong earthquake struck the coastal town of Varnholt early on Tuesday, collapsing the old "
          "harbour bridge and cutting power to thousands of homes, the regional governor Elena Markovic "
          "said. Rescue teams from Brask and Olvenmark searched the rubble through the night.")


def test_a_late_copy_of_a_settled_report_joins_its_story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = [Article(id="q1", text=_QUAKE, title="Earthquake hits Varnholt", published=_day(0)),
             # Undated: its signature stays in the near-duplicate index after its story expires.
             Article(id="q2", text=_QUAKE + " Aftershocks followed.", title="Varnholt quake")]
    later = [Article(id="f1", text="Parliament in Olvenmark passed the new fisheries budget after a long "
                                   "debate over quotas for the northern fleet, ministers said.",
                     title="Fisheries budget passed", published=_day(800))]
    copy = [Article(id="q3", text=_QUAKE + " Aftershocks followed!", title="Varnholt quake (copy)",
                    published=_day(801))]
    batches = [first, later, copy]
    read: list[str] = []
    original_call = StoredPlaces.__call__
    monkeypatch.setattr(StoredPlaces, "__call__", lambda self, a: read.append(a) or original_call(self, a))
    seen_all, state_all, grouper_all, _ = _cycles(tmp_path, "all", batches, evict=False, monkeypatch=monkeypatch)
    seen_cold, state_cold, grouper_cold, _ = _cycles(tmp_path, "cold", batches, evict=True, monkeypatch=monkeypatch)
    quake = grouper_all.assignment("q1")[0]
    assert grouper_all.assignment("q3")[0] == quake  # the copy joins the settled story ...
    assert seen_cold == seen_all  # ... with eviction too, its original's place read from the store
    assert read and set(read) <= {"q1", "q2"}  # (a version answers for its original)
    assert _comparable(state_cold) == _comparable(state_all)
    assert {"q1", "q2", "q3"} <= grouper_cold._evicted  # the copy's place left too, once saved
    assert grouper_cold.assignment("q3") == grouper_all.assignment("q3")


def test_a_grouper_without_a_lookup_evicts_nothing() -> None:
    grouper = StoryGrouper()
    grouper.add_many([Article(id="a", text=_QUAKE, published=_day(0)),
                      Article(id="b", text="Fisheries budget passed in Olvenmark.", published=_day(900))])
    assert grouper._index.stories[grouper.assignment("a")[0]].is_active is False
    assert grouper.evict_settled() == []
    assert set(grouper._where) == {"a", "b"}


def test_a_lost_place_is_an_error_not_a_new_story() -> None:
    grouper = StoryGrouper()
    grouper.add_many([Article(id="a", text=_QUAKE, published=_day(0)),
                      Article(id="b", text="Fisheries budget passed in Olvenmark.", published=_day(900))])
    grouper.use_cold_places(lambda article_id: None)
    assert grouper.evict_settled() == ["a"]
    with pytest.raises(LookupError):
        grouper.assignment("a")
    with pytest.raises(KeyError):
        grouper.assignment("never-added")
