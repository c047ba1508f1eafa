"""Values no row can hold, on every backend (issue 22, item 3): lookups answer "not found", the web
app answers 404 (PostgreSQL used to answer 500 to %00), writes refuse them per article."""

from __future__ import annotations

import pytest

from storyline.model import Article, Provenance, content_id
from storyline.store import Store, queries
from storyline.store.validate import article_problem, safe_text

#: Values PostgreSQL refuses as parameters or that no column can hold.
UNHOLDABLE = ["\x00", "a\x00b", "\ud800", "x" * 300]
TEXT = "The harbour council voted on Thursday to build a new bridge across the river, officials said."


@pytest.fixture
def store(store_url: str) -> Store:
    opened = Store(store_url)
    yield opened  # type: ignore[misc]
    opened.close()


@pytest.mark.parametrize("value", UNHOLDABLE)
def test_lookups_of_unholdable_values_find_nothing(store: Store, value: str) -> None:
    run = store.start_run("ingest", [], {})
    store.commit_batch(run, [Article(id="a1", text=TEXT, provenance=Provenance("in.txt"))], [])
    assert store.article(value) is None
    assert queries.story_row(store, value) is None
    assert queries.story_record(store, value) == {}
    assert queries.story_articles(store, value) == []
    assert queries.article_place(store, value) is None
    assert queries.article_rows(store, limit=5, story_id=value) == (0, [])
    assert queries.entity_stories(store, value, limit=5) == (0, [])
    assert store.entity_stories(value) == []
    for where in (queries.StoryFilter(text=value), queries.StoryFilter(outlet=value),
                  queries.StoryFilter(entity=value), queries.StoryFilter(language=value[:16])):
        assert queries.list_stories(store, where, limit=5) == (0, [])


def test_each_unstorable_article_is_its_own_error_and_the_rest_is_stored(store: Store) -> None:
    run = store.start_run("ingest", [], {})
    good = [Article(id=f"g{n}", text=f"{TEXT} Item {n}.", provenance=Provenance("in.jsonl", n)) for n in range(3)]
    bad = [Article(id="b1", text=TEXT + " one", title="A\x00B", provenance=Provenance("in.jsonl", 10)),
           Article(id="b2", text=TEXT + " two", source="s" * 513, provenance=Provenance("in.jsonl", 11)),
           Article(id="b3", text=TEXT + " \ud800", provenance=Provenance("in.jsonl", 12)),
           Article(id="b4", text=TEXT + " four", extra={"k": "\udcff"}, provenance=Provenance("in.jsonl", 13))]
    result = store.commit_batch(run, [good[0], *bad, *good[1:]], [])
    assert (result.stored, result.errors) == (3, 4)
    assert [(e.record, e.problem.split()[1]) for e in result.rejected] == [
        (10, "'title'"), (11, "'source'"), (12, "'text'"), (13, "'extra'")]
    assert {a.id for a in store.articles()} == {"g0", "g1", "g2"}


def test_paths_and_messages_that_no_backend_holds_are_stored_escaped(store: Store) -> None:
    from storyline.errors import InputError

    run = store.start_run("ingest", [], {})
    name = "bad\udcff\x00name.txt"
    article = Article(id="p1", text=TEXT, meta={"content_hash": content_id(TEXT)}, provenance=Provenance(name))
    store.commit_batch(run, [article], [InputError(name, "empty file \x00")])
    assert store.article("p1").provenance.path == "bad\\udcff\\x00name.txt"  # type: ignore[union-attr]
    assert [(e["path"], e["message"]) for e in store.errors(run)] == [("bad\\udcff\\x00name.txt", "empty file \\x00")]


def test_validation_is_the_schema_s_lengths() -> None:
    assert article_problem(Article(id="i" * 128, text="t")) is None
    assert "limit of 128" in (article_problem(Article(id="i" * 129, text="t")) or "")
    assert article_problem(Article(id="", text="t")) == "article has an empty id"
    assert safe_text("plain é") == "plain é"


def test_the_web_app_answers_404_not_500_to_nul_in_an_id(store: Store) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from storyline.present.web.app import create_app

    with TestClient(create_app(store=store)) as client:
        for path in ("/api/articles/%00", "/api/stories/%00", "/stories/%00", "/articles/%00",
                     "/api/stories/%00/timeline", "/api/entities/%00", "/api/articles?story=%00",
                     "/api/stories?q=%00", "/api/stories?outlet=%ED%A0%80"):
            status = client.get(path).status_code
            assert status < 500, (path, status)


def test_token_uploads_of_the_hostile_lines_answer_200_with_their_error_lines(store: Store) -> None:
    pytest.importorskip("fastapi")
    import gzip
    import json

    from fastapi.testclient import TestClient

    from storyline.present.web.app import WebSettings, create_app

    hostile = ['{"id": "h1", "text": "a b c", "n": ' + "9" * 5000 + "}",
               '{"id": "h2", "text": "a b c", "x": ' + "[" * 3000 + "]" * 3000 + "}",
               '{"id": "h3", "text": "The mayor \\ud800 said the bridge opens in May after the vote."}',
               '{"id": "h4", "title": "A\\u0000B", "text": "' + TEXT + '"}']
    good = json.dumps({"id": "good-1", "text": TEXT, "language": "en"})
    body = ("\n".join([*hostile, good]) + "\n").encode()
    headers = {"Authorization": "Bearer t0ken-for-tests"}
    with TestClient(create_app(WebSettings(token="t0ken-for-tests"), store=store)) as client:
        answer = client.post("/api/ingest", files=[("files", ("h.jsonl.gz", gzip.compress(body), "application/gzip"))],
                             headers=headers)
        assert answer.status_code == 200, answer.text
        result = answer.json()
        assert result["stored"] == 1 and len(result["errors"]) == len(hostile)
        assert [e.split(":")[1] for e in result["errors"]] == ["1", "2", "3", "4"]
        form = "text=" + TEXT.replace(" ", "+") + "+%ED%A0%80+%00&title=%00"  # a UTF-8-encoded surrogate, NULs
        pasted = client.post("/api/ingest", content=form,
                             headers={**headers, "Content-Type": "application/x-www-form-urlencoded"})
        assert pasted.status_code < 500, pasted.text
