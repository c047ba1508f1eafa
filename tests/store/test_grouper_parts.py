"""Issue 21 item 2: the grouper's state kept in parts. It comes back exactly as saved (values and
order), a save after a small change writes only the parts that changed, a store written before
(one JSON row) is read and moved to parts, and a grouper kept in memory between groupings of
one store gives the same stories as one restored from the store."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from storyline.evaluate.realistic import generate
from storyline.group import StoryGrouper
from storyline.model import Article
from storyline.pipeline import _KEPT, group_store
from storyline.store import Store, grouper_state


def _articles(n: int, seed: int = 2) -> list[Article]:
    return [Article(id=r["id"], text=r["text"], title=r.get("title"), source=r.get("source"),
                    published=r.get("published"), language=r.get("language"))
            for r in generate(n, seed=seed, days=30.0)]


@pytest.fixture(scope="module")
def state() -> dict[str, Any]:
    grouper = StoryGrouper()
    grouper.add_many(_articles(40))
    grouper.refine()
    return grouper.to_state()


def _orders(state: dict[str, Any]) -> list[list[Any]]:
    """Every order the grouper could read back: dict keys and rows of each sectioned field."""
    return [list(state["where"]), list(state["postings"]), list(state["alias"]), list(state["df"]["counts"]),
            [row[0] for row in state["stories"]], [row[0] for row in state["duplicates"]["entries"]],
            list(state["duplicates"]["versions"]), state["merges"]]


def _run_rows(db: Path, run_id: int) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("select section, count(*) from grouper_parts where run_id = ? group by section",
                                 (run_id,)).fetchall())


def test_split_and_join_give_the_state_back_in_order(state: dict[str, Any]) -> None:
    head, sections = grouper_state.split(state)
    assert {"story", "where", "posting", "df", "dup"} <= set(sections) and "stories" not in head
    back = grouper_state.join(head, sections)
    assert back == state and _orders(back) == _orders(state)
    assert grouper_state.join(*grouper_state.split({"version": 3})) == {"version": 3}


def test_a_saved_state_loads_back_and_a_small_change_writes_only_its_parts(tmp_path: Path, state: dict[str, Any]) -> None:
    db = tmp_path / "s.db"
    store = Store(f"sqlite:///{db}")
    first, second, third = (store.start_run("test", [], {}) for _ in range(3))
    parts = store.save_grouping_parts(first, state, None, {}, [])
    loaded, known = store.load_grouper_state()
    assert loaded == state and _orders(loaded) == _orders(state) and known.token == parts.token
    assert StoryGrouper.from_state(loaded).stories() == StoryGrouper.from_state(state).stories()

    changed = {**state, "seq": state["seq"] + 1, "where": {**state["where"], "new-report": ["s-new", "e-new"]},
               "stories": [[*state["stories"][0][:1], "changed", *state["stories"][0][2:]], *state["stories"][1:]]}
    store.save_grouping_parts(second, changed, known, {}, [])
    assert _run_rows(db, second) == {"head": 1, "token": 1, "where": 1, "story": 1}
    assert store.load_state("grouper") == changed

    moved = dict(changed["where"])  # a key taken out and put back moves to the end: the order is kept
    first_key = next(iter(moved))
    moved[first_key] = moved.pop(first_key)
    store.save_grouping(third, {**changed, "where": moved}, {}, [])  # no parts given: read from the store
    assert list(store.load_state("grouper")["where"]) == list(moved)
    store.close()


def test_a_store_with_the_old_one_row_state_is_read_and_moved_to_parts(tmp_path: Path, state: dict[str, Any]) -> None:
    import json

    from sqlalchemy import insert

    from storyline.store import schema

    store = Store(f"sqlite:///{tmp_path / 'old.db'}")
    run_id = store.start_run("test", [], {})
    with store.engine.begin() as conn:
        conn.execute(insert(schema.component_states), [{"name": "grouper", "state": json.dumps(state), "run_id": run_id}])
    assert store.load_state("grouper") == state and store.grouper_token() is None
    store.save_grouping(run_id, state, {}, [])
    with store.engine.connect() as conn:
        assert conn.execute(schema.component_states.select()).first() is None
    assert store.load_state("grouper") == state and store.grouper_token()
    store.close()


def _placements(store: Store) -> dict[str, tuple[str, str]]:
    return store.assignments()


def test_a_kept_grouper_and_a_restored_one_place_the_next_reports_alike(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    articles = _articles(60, seed=4)
    results = []
    loads: list[str] = []
    reader = Store.load_grouper_state
    monkeypatch.setattr(Store, "load_grouper_state", lambda self: loads.append(self.url) or reader(self))
    for keep in (True, False):
        store = Store(f"sqlite:///{tmp_path / f'keep{keep}.db'}")
        for batch in (articles[:30], articles[30:45], articles[45:]):
            run_id = store.start_run("test", [], {})
            store.commit_batch(run_id, batch, [])
            if not keep:
                _KEPT.drop()
            group_store(store, run_id)
        grouping_loads = len(loads)
        results.append((_placements(store), store.load_state("grouper"),
                        [(s.id, s.articles) for s in StoryGrouper.from_state(store.load_state("grouper")).stories()]))
        del loads[grouping_loads:]  # the reads below are the test's
        store.close()
    assert results[0] == results[1]
    assert len(loads) == 1 + 3  # kept: read once, then gone on from memory; dropped: read each time
    assert len({story for story, _ in results[0][0].values()}) > 1


def test_a_kept_grouper_is_not_used_after_another_process_saved(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    articles = _articles(30, seed=5)
    store = Store(url)
    run_id = store.start_run("test", [], {})
    store.commit_batch(run_id, articles[:20], [])
    group_store(store, run_id)
    other = Store(url)  # another writer saves a different grouper state
    fresh = StoryGrouper()
    other.save_grouping(run_id, fresh.to_state(), {}, [])
    other.close()
    run_id = store.start_run("test", [], {})
    store.commit_batch(run_id, articles[20:], [])
    grouped = group_store(store, run_id)
    assert {a for s in grouped.stories for a in s.articles} == {a.id for a in articles[20:]}  # went on from the fresh state
    store.close()


def test_parts_round_trip_on_each_backend(store_url: str, state: dict[str, Any]) -> None:
    store = Store(store_url)
    first, second = store.start_run("test", [], {}), store.start_run("test", [], {})
    parts = store.save_grouping_parts(first, state, None, {}, [])
    loaded, known = store.load_grouper_state()
    assert loaded == state and _orders(loaded) == _orders(state) and known.token == parts.token
    changed = {**state, "where": {"new-report": ["s-new", "e-new"], **state["where"]}}  # a new key first: renumbered
    store.save_grouping_parts(second, changed, known, {}, [])
    again = store.load_state("grouper")
    assert again == changed and list(again["where"]) == list(changed["where"])
    store.close()
