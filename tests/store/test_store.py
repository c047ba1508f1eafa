"""Tests of storyline.store: idempotent batches, errors, runs, lookups."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from storyline.config import IngestConfig
from storyline.errors import InputError, StoreError
from storyline.model import Article, Provenance, content_id
from storyline.pipeline import ingest
from storyline.store import Store, database_url

TEXTS = [
    "The harbour council voted on Thursday to build a new bridge across the river.",
    "Fishermen protested outside the port authority on Monday against new quotas.",
    "The town library reopened on Saturday after a two-year renovation.",
]


def _article(text: str, *, id: str | None = None, path: str = "in.txt", record: int | None = None,
             **fields: object) -> Article:
    return Article(id=id or content_id(text), text=text, provenance=Provenance(path, record),
                   meta={"content_hash": content_id(text)}, **fields)  # type: ignore[arg-type]


@pytest.fixture
def store(store_url: str) -> Store:
    opened = Store(store_url)
    yield opened  # type: ignore[misc]
    opened.close()


def test_database_url() -> None:
    assert database_url(None) == "sqlite:///storyline.db"
    assert database_url("x/y.db") == "sqlite:///x/y.db"
    assert database_url("postgresql://u@h/db") == "postgresql://u@h/db"


def test_commit_batch_stores_and_a_second_commit_adds_nothing(store: Store) -> None:
    run = store.start_run("ingest", ["in"], {})
    articles = [_article(t, source="Gazette", record=n) for n, t in enumerate(TEXTS, 1)]
    first = store.commit_batch(run, articles, [])
    assert (first.stored, first.duplicates, first.errors) == (3, 0, 0)
    again = store.commit_batch(run, articles, [])
    assert (again.stored, again.duplicates, again.errors) == (0, 3, 0)
    assert store.count_articles() == 3


def test_duplicates_inside_one_batch(store: Store) -> None:
    run = store.start_run("ingest", [], {})
    result = store.commit_batch(run, [_article(TEXTS[0]), _article(TEXTS[0], path="copy.txt")], [])
    assert (result.stored, result.duplicates) == (1, 1)


def test_same_content_with_different_whitespace_is_a_duplicate(store: Store) -> None:
    run = store.start_run("ingest", [], {})
    store.commit_batch(run, [_article(TEXTS[0])], [])
    spaced = "  " + TEXTS[0].replace(" ", "  \n ").upper() + "\n"
    assert content_id(spaced) == content_id(TEXTS[0])
    result = store.commit_batch(run, [Article(id=content_id(spaced), text=spaced)], [])  # no meta hash
    assert (result.stored, result.duplicates) == (0, 1)
    assert store.count_articles() == 1


def test_id_clash_with_different_text_is_an_error(store: Store) -> None:
    run = store.start_run("ingest", [], {})
    store.commit_batch(run, [_article(TEXTS[0], id="wire-1")], [])
    clash = _article(TEXTS[1], id="wire-1", path="later.jsonl", record=7)
    result = store.commit_batch(run, [clash], [])
    assert (result.stored, result.duplicates, result.errors) == (0, 0, 1)
    (error,) = store.errors(run)
    assert error["path"] == "later.jsonl" and error["record"] == 7
    assert error["is_duplicate_id"] is True
    assert "wire-1" in error["message"]
    assert store.article("wire-1").text == TEXTS[0]  # type: ignore[union-attr]


def test_id_clash_inside_one_batch(store: Store) -> None:
    run = store.start_run("ingest", [], {})
    result = store.commit_batch(run, [_article(TEXTS[0], id="same"), _article(TEXTS[1], id="same")], [])
    assert (result.stored, result.errors) == (1, 1)


def test_errors_are_stored_with_path_and_record(store: Store) -> None:
    run = store.start_run("ingest", [], {})
    errors = [InputError("a.jsonl", "malformed JSON: x", 3), InputError("b.png", "binary file (PNG image)")]
    result = store.commit_batch(run, [], errors)
    assert result.errors == 2
    rows = store.errors(run)
    assert [(r["path"], r["record"], r["message"], r["is_duplicate_id"]) for r in rows] == [
        ("a.jsonl", 3, "malformed JSON: x", False), ("b.png", None, "binary file (PNG image)", False)]
    other = store.start_run("ingest", [], {})
    assert store.errors(other) == []
    assert len(store.errors()) == 2


def test_runs_are_recorded_with_status_and_counts(store: Store) -> None:
    run = store.start_run("ingest", ["a", "b"], {"batch_size": 5})
    (row,) = store.runs()
    assert (row["id"], row["command"], row["status"], row["finished_at"]) == (run, "ingest", "running", None)
    store.finish_run(run, status="done", read=5, stored=3, duplicates=1, errors=1)
    (row,) = store.runs()
    assert (row["status"], row["read"], row["stored"], row["duplicates"], row["errors"]) == ("done", 5, 3, 1, 1)
    assert row["finished_at"] is not None
    assert row["inputs"] == '["a", "b"]'


def test_article_roundtrip_and_lookup_by_id_and_prefix(store: Store) -> None:
    run = store.start_run("ingest", [], {})
    original = Article(id="abcdef123456", text=TEXTS[0], title="Bridge", source="Gazette",
                       url="https://g.example/a", published="2021-02-11", language="en", story="s1",
                       provenance=Provenance("in.jsonl", 2), meta={"content_hash": content_id(TEXTS[0]), "authors": ["Ana"]},
                       extra={"desk": "metro"})
    store.commit_batch(run, [original, _article(TEXTS[1], id="abcxyz")], [])
    assert store.article("abcdef123456") == original
    assert store.article("abcdef") == original
    assert store.article("abc") is None  # prefix too short
    assert store.article("abcz") is None
    assert store.article("nothing") is None


def test_ambiguous_prefix_finds_nothing(store: Store) -> None:
    run = store.start_run("ingest", [], {})
    store.commit_batch(run, [_article(TEXTS[0], id="abcd1"), _article(TEXTS[1], id="abcd2")], [])
    assert store.article("abcd") is None
    assert store.article("abcd2").text == TEXTS[1]  # type: ignore[union-attr]


def test_prefix_with_like_wildcards_is_literal(store: Store) -> None:
    run = store.start_run("ingest", [], {})
    store.commit_batch(run, [_article(TEXTS[0], id="ab_d-1")], [])
    assert store.article("a%_d") is None
    assert store.article("ab_d") is not None


def test_articles_are_listed_in_arrival_order(store: Store) -> None:
    run = store.start_run("ingest", [], {})
    texts = [f"Report number {n} about the harbour and its bridge." for n in range(12)]
    ids = ["z", "a", "m", "b", "y", "c", "x", "d", "w", "e", "v", "f"]
    store.commit_batch(run, [_article(t, id=i) for t, i in zip(texts[:5], ids[:5], strict=True)], [])
    store.commit_batch(run, [_article(t, id=i) for t, i in zip(texts[5:], ids[5:], strict=True)], [])
    assert [a.id for a in store.articles()] == ids
    assert [a.id for a in store.articles(limit=3, offset=4)] == ids[4:7]


def test_store_that_cannot_be_opened_raises_store_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(StoreError) as caught:
        Store(str(tmp_path / "a-file" / "deeper" / "x.db"))
    assert "cannot create the folder" in str(caught.value)
    (tmp_path / "not-a-db").write_bytes(b"this is not a database, just text " * 200)
    with pytest.raises(StoreError):
        Store(str(tmp_path / "not-a-db"))
    with pytest.raises(StoreError):
        Store("nosuchdialect://host/db")


def test_templates_are_stored_once(store: Store) -> None:
    store.add_templates({"gazette": {"k1", "k2"}})
    store.add_templates({"gazette": {"k2", "k3"}, "times": {"k1"}})
    assert store.templates() == {"gazette": {"k1", "k2", "k3"}, "times": {"k1"}}


# --- through the engine ----------------------------------------------------------------------


def test_reingesting_the_same_inputs_adds_nothing(tmp_path: Path) -> None:
    data = tmp_path / "in"
    data.mkdir()
    for number, text in enumerate(TEXTS):
        (data / f"{number}.txt").write_text(text, encoding="utf-8")
    (data / "copy.txt").write_text("  " + TEXTS[0].upper() + "\n", encoding="utf-8")
    store = Store(str(tmp_path / "s.db"))
    config = IngestConfig(languages=("en", "es"))
    first = ingest([str(data)], store, config)
    assert (first.read, first.stored, first.duplicates, first.errors) == (4, 3, 1, [])
    second = ingest([str(data)], store, config)
    assert (second.read, second.stored, second.duplicates, second.errors) == (4, 0, 4, [])
    assert store.count_articles() == 3
    runs = store.runs()
    assert [(r["status"], r["read"], r["stored"], r["duplicates"]) for r in runs] == [
        ("done", 4, 3, 1), ("done", 4, 0, 4)]
    store.close()
    with closing(sqlite3.connect(tmp_path / "s.db")) as db:
        hashes = [row[0] for row in db.execute("select content_hash from articles")]
    assert len(hashes) == len(set(hashes)) == 3


def test_store_creates_the_folder_of_a_sqlite_file(tmp_path) -> None:
    store = Store(str(tmp_path / "new" / "deeper" / "s.db"))
    assert store.count_articles() == 0
    assert (tmp_path / "new" / "deeper" / "s.db").exists()
    store.close()


def test_assignments_of_some_ids_and_ids_of_a_run(store: Store) -> None:
    first_run = store.start_run("ingest", ["in"], {})
    articles = [_article(t, source="Gazette", record=n) for n, t in enumerate(TEXTS, 1)]
    store.commit_batch(first_run, articles[:2], [])
    second_run = store.start_run("ingest", ["in"], {})
    store.commit_batch(second_run, articles, [])  # the first two are already stored
    assert store.ids_of_run(first_run) == {a.id for a in articles[:2]}
    assert store.ids_of_run(second_run) == {articles[2].id}
    placed = {a.id: (f"s{n}", f"e{n}") for n, a in enumerate(articles)}
    store.save_grouping(second_run, {"version": 3}, placed, [])
    assert store.assignments() == placed
    assert store.assignments([articles[1].id, "unknown"]) == {articles[1].id: placed[articles[1].id]}
    assert store.assignments([]) == {}
