"""Issue 21: a save of the grouper's state after a load encodes only the parts whose in-memory
fingerprint changed, and still writes every part that changed, on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from storyline.evaluate.realistic import generate
from storyline.group import StoryGrouper
from storyline.model import Article
from storyline.store import Store, grouper_state


@pytest.fixture(scope="module")
def state() -> dict[str, Any]:
    grouper = StoryGrouper()
    grouper.add_many(Article(id=r["id"], text=r["text"], title=r.get("title"), source=r.get("source"),
                             published=r.get("published"), language=r.get("language"))
                     for r in generate(30, seed=4, days=30.0))
    grouper.refine()
    return grouper.to_state()


class _Encodes:
    """Counts the parts a save encodes."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = grouper_state._ENCODE

        def encode(value: Any) -> str:
            self.count += 1
            return original(value)

        monkeypatch.setattr(grouper_state, "_ENCODE", encode)


def _saved(store_url: str, state: dict[str, Any]) -> Store:
    store = Store(store_url)
    store.save_grouping_parts(store.start_run("test", [], {}), state, None, {}, [])
    return store


def test_an_unchanged_state_saved_after_a_load_encodes_nothing(store_url: str, state: dict[str, Any],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    with _saved(store_url, state) as store:
        loaded, parts = store.load_grouper_state()
        encodes = _Encodes(monkeypatch)
        # the grouper's own state, restored and given back: other objects, the same values
        again = StoryGrouper.from_state(loaded).to_state()
        now = store.save_grouping_parts(store.start_run("test", [], {}), again, parts, {}, [])
        assert encodes.count == 0 and {s: k for s, k in now.known.items() if k} == parts.known
        assert store.load_grouper_state()[0] == state


def test_a_save_writes_exactly_the_parts_whose_json_changed(store_url: str, state: dict[str, Any],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    with _saved(store_url, state) as store:
        loaded, parts = store.load_grouper_state()
        changed = copy.deepcopy(loaded)
        changed["stories"][0][-1] += 1e-12  # a float a hair apart: another JSON text
        changed["where"] = {**changed["where"], "late-report": ["s-new", "e-new"]}
        as_tuples = copy.deepcopy(changed)  # the same JSON from other types: encoded, not rewritten
        as_tuples["where"] = {key: tuple(place) for key, place in as_tuples["where"].items()}
        encodes = _Encodes(monkeypatch)
        now = store.save_grouping_parts(store.start_run("test", [], {}), as_tuples, parts, {}, [])
        assert len(changed["where"]) + 1 <= encodes.count < len(changed["where"]) + 10
        assert store.load_grouper_state()[0] == changed
        rewritten = {s: {k for k, v in keys.items() if parts.known.get(s, {}).get(k) != v}
                     for s, keys in now.known.items()}
        assert {s: keys for s, keys in rewritten.items() if keys} == \
            {"story": {changed["stories"][0][0]}, "where": {"late-report"}}
