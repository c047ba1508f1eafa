"""Issue 21 item 2: a run renders only the stories that changed and copies the others' stored
sections, and its reports are what a fresh render of the same store writes (report.md and
report.html byte for byte, stories.json parsed equal), after each of two incremental runs, with
bad or stale cached rows, with a correction made since, and when a report id a record names
appears in the store later."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, insert, select, update

from storyline.config import IngestConfig
from storyline.evaluate.realistic import generate
from storyline.group import StoryGrouper
from storyline.model import Article, Event, Provenance, Story
from storyline.pipeline import ingest
from storyline.present import corrections, report_cache
from storyline.present.report import ReportPaths, ReportWriter, story_entry, story_head, story_json
from storyline.present.report_store import write_store_reports
from storyline.present.run import run
from storyline.store import Store, schema


def _stories(document: dict[str, Any]) -> list[Story]:
    return [Story(s["id"], s["title"], tuple(s["articles"]),
                  tuple(Event(e["id"], tuple(e["articles"]), e["date"]) for e in s["events"]))
            for s in document["stories"]]


class _Counted:
    """Counts the stories ReportWriter renders (the others are copied)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.ids: list[str] = []
        original = ReportWriter.add_story

        def add_story(writer: ReportWriter, story: Story, *args: Any, **kwargs: Any) -> tuple[str, str]:
            self.ids.append(story.id)
            return original(writer, story, *args, **kwargs)

        monkeypatch.setattr(ReportWriter, "add_story", add_story)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A store the pipeline filled from generated reports in three runs (40, then 4, then 4):
    each run's reports, the stories it rendered, and a fresh render of the store right after it."""
    root = tmp_path_factory.mktemp("cached")
    records = generate(48, seed=5, days=200.0)
    config = IngestConfig(languages=("en",), workers=1)
    done: list[dict[str, Any]] = []
    with Store(f"sqlite:///{root / 'store.db'}") as store, pytest.MonkeyPatch.context() as patch:
        counted = _Counted(patch)
        for n, part in enumerate((records[:40], records[40:44], records[44:])):
            source = root / f"in{n}.jsonl"
            source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in part), encoding="utf-8")
            counted.ids.clear()
            paths = run(store, root / f"out{n}", ingest([str(source)], store, config, command="run", keep_open=True))
            rendered = list(counted.ids)
            done.append({"paths": paths, "rendered": rendered, "fresh": _fresh(paths, store, root / f"fresh{n}")})
    return {"root": root, "runs": done}


def _fresh(paths: ReportPaths, store: Store, folder: Path) -> ReportPaths:
    """A render of every story from scratch, for the same stories and run as ``paths``."""
    written = json.loads(paths.stories.read_text(encoding="utf-8"))
    return write_store_reports(folder, store, _stories(written), written["run"], reuse=False)


def _assert_same(paths: ReportPaths, fresh: ReportPaths) -> None:
    written, expected = (json.loads(p.stories.read_text(encoding="utf-8")) for p in (paths, fresh))
    assert written == expected
    assert paths.markdown.read_bytes() == fresh.markdown.read_bytes()
    assert paths.html.read_bytes() == fresh.html.read_bytes()


def _assert_fresh(paths: ReportPaths, store: Store, folder: Path) -> None:
    _assert_same(paths, _fresh(paths, store, folder))


def _entries(paths: ReportPaths) -> dict[str, Any]:
    return {s["id"]: s for s in json.loads(paths.stories.read_text(encoding="utf-8"))["stories"]}


def test_two_incremental_runs_write_what_a_fresh_render_writes(runs: dict[str, Any]) -> None:
    first, *later = runs["runs"]
    assert len(first["rendered"]) == len(_entries(first["paths"])) >= 5  # an empty cache renders every story
    _assert_same(first["paths"], first["fresh"])
    for previous, now in zip(runs["runs"], later):
        before, after = _entries(previous["paths"]), _entries(now["paths"])
        changed = {i for i, s in after.items() if before.get(i) != s}
        assert changed and set(now["rendered"]) == changed, "only the changed stories are rendered again"
        assert len(changed) < len(after)
        _assert_same(now["paths"], now["fresh"])


def _store_with_cache(runs: dict[str, Any], tmp_path: Path) -> tuple[Store, list[Story], dict[str, Any]]:
    db = tmp_path / "copy.db"
    db.write_bytes((runs["root"] / "store.db").read_bytes())  # the cache as the last run left it
    store = Store(f"sqlite:///{db}")
    written = json.loads(write_store_reports(tmp_path / "warm", store, _stories_of(store), {"run_id": 1})
                         .stories.read_text(encoding="utf-8"))
    return store, _stories(written), written["run"]


def _stories_of(store: Store) -> list[Story]:
    state, _ = store.load_grouper_state()
    assert state, "the fixture's runs left no grouper"
    return StoryGrouper.from_state(state).stories()


@pytest.mark.parametrize("spoil", [
    {"markdown": "## Not this story"},  # the check digest no longer matches
    {"key": "0" * 32},  # stale key
    {"missing": "not json"},
    {"missing": json.dumps([7])},
    {"html": "<section>another</section>", "check": report_cache.digest("x", "y")},
])
def test_bad_cached_rows_are_rendered_again(runs: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            spoil: dict[str, str]) -> None:
    store, stories, header = _store_with_cache(runs, tmp_path)
    with store:
        victim = stories[1].id
        with store.engine.begin() as conn:
            conn.execute(update(report_cache.table).where(report_cache.table.c.story_id == victim).values(**spoil))
        counted = _Counted(monkeypatch)
        paths = write_store_reports(tmp_path / "out", store, stories, header)
        assert counted.ids == [victim]
        _assert_fresh(paths, store, tmp_path / "fresh")
        counted.ids.clear()
        write_store_reports(tmp_path / "again", store, stories, header)
        assert counted.ids == []  # the row was stored again, whole


def test_a_correction_made_since_shows_and_a_missing_table_renders_all(runs: dict[str, Any], tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    store, stories, header = _store_with_cache(runs, tmp_path)
    with store:
        corrections.add(store, stories[0].id, "rename", author="desk", value="Renamed by the desk")
        counted = _Counted(monkeypatch)
        paths = write_store_reports(tmp_path / "out", store, stories, header)
        assert counted.ids == [stories[0].id]
        assert "Renamed by the desk" in paths.markdown.read_text(encoding="utf-8")
        _assert_fresh(paths, store, tmp_path / "fresh")
        report_cache.table.drop(store.engine)
        report_cache._READY.discard(store.url)
        counted.ids.clear()
        paths = write_store_reports(tmp_path / "out2", store, stories, header)
        assert len(counted.ids) == len(stories)
        _assert_fresh(paths, store, tmp_path / "fresh2")


def _article(article_id: str, text: str, source: str | None = "Wire") -> Article:
    return Article(id=article_id, text=text, title=f"Title {article_id}", source=source, language="en",
                   published="2024-03-01", provenance=Provenance("in.jsonl", 1))


def test_a_report_id_a_record_names_that_is_stored_later_renders_the_story_again(
        store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On SQLite and PostgreSQL: the rows are written, read back, used, and pruned."""
    with Store(store_url) as store:
        report_cache.table.drop(store.engine, checkfirst=True)  # the suite's store fixture empties only the pipeline's
        report_cache._READY.discard(store.url)
        run_id = store.start_run("run", [], {})
        store.commit_batch(run_id, [_article("a1", "Rain fell on the city. " * 5)], [])
        story = Story("s1", "Rain", ("a1",), (Event("e1", ("a1",), "2024-03-01"),))
        record = {"facts": [{"id": "f1", "text": "Rain fell.", "voices": 2, "outlets": ["Wire", "later-id"]}]}
        store.save_story_records(run_id, {"s1": record})
        with store.engine.begin() as conn:  # the read model's row: cached rows of stories not in it are pruned
            conn.execute(insert(schema.stories), [{"id": "s1", "title": "Rain", "articles": 1, "events": 1,
                                                   "run_id": run_id}])
        first = write_store_reports(tmp_path / "one", store, [story], {"run_id": run_id})
        store.commit_batch(run_id, [_article("later-id", "Snow fell on the hills. " * 5, source=None)], [])
        counted = _Counted(monkeypatch)
        second = write_store_reports(tmp_path / "two", store, [story], {"run_id": run_id})
        assert counted.ids == ["s1"] and first.markdown.read_bytes() != second.markdown.read_bytes()
        _assert_fresh(second, store, tmp_path / "fresh")
        counted.ids.clear()
        assert write_store_reports(tmp_path / "three", store, [story], {"run_id": run_id}).html.read_bytes() \
            == second.html.read_bytes() and counted.ids == []
        with store.engine.begin() as conn:
            conn.execute(delete(schema.stories))
        write_store_reports(tmp_path / "four", store, [story], {"run_id": run_id})
        with store.engine.connect() as conn:  # the story left the store: its row goes
            assert conn.execute(select(func.count()).select_from(report_cache.table)).scalar_one() == 0


@pytest.mark.parametrize("record", [{}, {"facts": [{"text": "Zürich: « 3 morts »", "n": 1.5}], "quotes": []}])
@pytest.mark.parametrize("stored", [True, False])
def test_a_story_entry_spliced_from_the_record_text_is_the_encoded_merge(record: dict[str, Any], stored: bool) -> None:
    story = Story("s9", "Tïtle", ("a", "b"), (Event("e1", ("a", "b"), None),))
    text = json.dumps(record, ensure_ascii=False) if stored else None
    spliced = story_entry(story_head(story), text)
    expected = {**story_json(story), **(record if stored else {})}
    assert json.loads(spliced) == expected
    assert spliced == json.JSONEncoder(ensure_ascii=False).encode(expected)
