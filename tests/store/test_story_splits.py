"""A story split by the grouper is stored as such: both stories' rows and assignments, the split
in ``story_splits``, the old ids resolving (``current_story``), and the next run going on from it."""

from __future__ import annotations

import random
from pathlib import Path

from tests.group.test_splitting import BANK, QUAKE, _chained, _report

from storyline.model import Article
from storyline.pipeline import _KEPT, group_store
from storyline.store import Store


def _later(start: int, n: int, day: int, seed: int) -> list[Article]:
    rng = random.Random(seed)
    return [Article(id=f"{p}{i}", text=_report(pool, rng), title=None, source="test", published=f"2026-03-{day:02d}")
            for i in range(start, start + n) for p, pool in (("q", QUAKE), ("b", BANK))]


def _group(store: Store, articles: list[Article]) -> None:
    run_id = store.start_run("test", [], {})
    store.commit_batch(run_id, articles, [])
    group_store(store, run_id)


def _run_all(store: Store, restore_between: bool) -> None:
    quake, bank, bridge = _chained(3)
    for batch in ([*quake, *bank], [bridge], _later(3, 4, 5, 9), _later(7, 3, 6, 10)):
        if restore_between:
            _KEPT.drop()  # the next run reads the grouper's state from the store
        _group(store, batch)


def test_a_split_is_stored_and_old_ids_resolve(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    quake, bank, _ = _chained(3)
    _group(store, [*quake, *bank])
    bank_id = store.assignments()["b0"][0]
    _group(store, [_chained(3)[2]])
    assert store.assignments()["b0"][0] != bank_id  # merged into the quake story
    quake_id = store.assignments()["q0"][0]
    _group(store, _later(3, 4, 5, 9))
    placed = store.assignments()
    new_id = placed["b0"][0]
    assert new_id != quake_id and placed["q6"][0] == quake_id
    assert {placed[f"b{i}"][0] for i in range(7)} == {new_id}
    rows = {row["id"]: row for row in store.story_rows()}
    assert rows[new_id]["articles"] + rows[quake_id]["articles"] == 15
    assert [(s["kept"], s["split"]) for s in store.story_splits(new_id)] == [(quake_id, new_id)]
    assert store.current_story(bank_id) == new_id  # the merged-away bank story: where its reports are now
    assert store.current_story(quake_id) == quake_id
    assert store.current_story("b3") == new_id and store.current_story("nothing") is None
    store.close()


def test_later_runs_go_on_from_the_split_alike_kept_or_restored(tmp_path: Path) -> None:
    results = []
    for restore in (False, True):
        store = Store(f"sqlite:///{tmp_path / f'r{restore}.db'}")
        _run_all(store, restore)
        results.append((store.assignments(), sorted((r["id"], r["articles"]) for r in store.story_rows())))
        store.close()
    _KEPT.drop()
    assert results[0] == results[1]
    placed = results[0][0]
    assert placed["b9"][0] == placed["b0"][0] != placed["q9"][0] == placed["q0"][0]
