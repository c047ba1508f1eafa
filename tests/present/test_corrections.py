"""Analysts' corrections: recorded with who and when, applied to pages, exports and reports,
kept across later runs, undone as records of their own, and refused without the write token."""

from __future__ import annotations

import json
import re
import threading
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.model import Article, Event, Story
from storyline.present import corrections, export
from storyline.present.report import write_reports
from storyline.present.web.ingest import Upload, ingest_uploads
from storyline.store import Store, queries

from .conftest import TOKEN
from .test_web_security import _no_markup_from_articles

LEVY_TITLE = "Parliament approves diesel levy"


def _levy(client: TestClient) -> str:
    items = client.get("/api/stories", params={"limit": 100}).json()["items"]
    return next(item["id"] for item in items if item["title"] == LEVY_TITLE)


def test_corrections_are_records_with_who_and_when_and_undo_is_one_too(web_db: str) -> None:
    with Store(web_db) as store:
        first = corrections.add(store, "s1", "rename", author="  Ana  ", value="Levy vote", note="clearer")
        second = corrections.add(store, "s1", "reject_quote", author="Ben", target="q9", value="some words")
        undone = corrections.undo(store, "s1", first, author="Cleo")
        found = corrections.for_story(store, "s1")
        assert [c.id for c in found] == [first, second] and undone > second
        assert (found[0].author, found[0].note, found[0].undone_by) == ("Ana", "clearer", "Cleo")
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", found[0].created_at)
        assert not found[0].is_active and found[1].is_active
        assert corrections.version(store, "s1") == undone and corrections.version(store, "other") == 0
        with pytest.raises(corrections.CorrectionError):
            corrections.undo(store, "s1", first, author="Cleo")  # already undone
        with pytest.raises(corrections.CorrectionError):
            corrections.add(store, "s1", "merge_everything", author="x")
        with pytest.raises(corrections.CorrectionError):
            corrections.add(store, "s1", "rename", author="x", value="   ")
        with pytest.raises(corrections.CorrectionError):
            corrections.add(store, "s1", "reject_fact", author="x")


def test_corrections_apply_renames_and_rejections_without_changing_the_record() -> None:
    record = {"facts": [{"id": "f1", "text": "A."}, {"id": "f2", "text": "B."}], "single_source": [{"id": "f3", "text": "C."}],
              "quotes": [{"id": "q1", "text": "Q."}]}
    made = [corrections.Correction(1, "s", "rename", None, "First", None, "a", "t"),
            corrections.Correction(2, "s", "rename", None, "Second", None, "a", "t", undone_by="b", undone_at="t"),
            corrections.Correction(3, "s", "reject_fact", "f3", "C.", None, "a", "t"),
            corrections.Correction(4, "s", "reject_quote", "q1", "Q.", None, "a", "t")]
    title, found = corrections.apply("Old", record, made)
    assert title == "First"  # the undone rename no longer counts
    assert [f["id"] for f in found["facts"]] == ["f1", "f2"] and found["single_source"] == [] and found["quotes"] == []
    assert {(r["id"], r["section"]) for r in found["rejected"]} == {("f3", "single_source"), ("q1", "quotes")}
    assert [c["id"] for c in found["corrections"]] == [1, 2, 3, 4]
    assert record["quotes"] == [{"id": "q1", "text": "Q."}]  # unchanged
    assert corrections.apply("Old", record, []) == ("Old", record)


def test_web_corrections_need_the_token(client: TestClient, writer: TestClient) -> None:
    story_id = _levy(client)
    form = {"kind": "rename", "value": "Hacked", "author": "mallory"}
    assert client.post(f"/stories/{story_id}/corrections", data={**form, "token": TOKEN}).status_code == 403
    refused = writer.post(f"/stories/{story_id}/corrections", data={**form, "token": "wrong"}, follow_redirects=False)
    assert refused.status_code == 403 and "valid write token" in refused.text
    assert writer.get(f"/stories/{story_id}").text.count("Hacked") == 0
    assert 'id="corrections"' not in client.get(f"/stories/{story_id}").text  # read-only, nothing recorded


def test_web_rename_and_reject_then_undo(writer: TestClient) -> None:
    story_id = _levy(writer)
    answer = writer.post(f"/stories/{story_id}/corrections", follow_redirects=False,
                         data={"kind": "rename", "value": "Estravia passes the diesel levy", "author": "Ana", "token": TOKEN})
    assert answer.status_code == 303 and answer.headers["location"] == f"/stories/{story_id}#corrections"
    page = writer.get(f"/stories/{story_id}").text
    assert '<h1 id="story-title">Estravia passes the diesel levy</h1>' in page
    assert "Renamed</b>: Estravia passes the diesel levy" in page and "by Ana" in page
    assert "Estravia passes the diesel levy" in writer.get("/").text  # the list too
    api = writer.get(f"/api/stories/{story_id}").json()
    assert api["title"] == "Estravia passes the diesel levy"
    assert [(c["kind"], c["author"], c["active"]) for c in api["corrections"]] == [("rename", "Ana", True)]
    quote = writer.get(f"/api/stories/{story_id}/quotes").json()["items"][0]
    link = f"/stories/{story_id}/correct?kind=reject_quote&amp;target={quote['id']}"
    assert link in page
    form = writer.get(unescape(link)).text
    assert quote["text"] in unescape(form) and 'name="token"' in form
    writer.post(f"/stories/{story_id}/corrections", data={"kind": "reject_quote", "target": quote["id"], "author": "Ben",
                                                          "note": "a headline", "token": TOKEN})
    assert quote["id"] not in {q["id"] for q in writer.get(f"/api/stories/{story_id}/quotes?limit=100").json()["items"]}
    page = unescape(writer.get(f"/stories/{story_id}").text)
    assert f"Not a quote</b>: {quote['text']}" in page and "“a headline”" in page
    correction = int(re.search(r'id="correction-(\d+)"', page).group(1))  # the rename, listed first
    assert writer.post(f"/stories/{story_id}/corrections/{correction}/undo", data={"token": "wrong", "author": "x"}
                       ).status_code == 403
    writer.post(f"/stories/{story_id}/corrections/{correction}/undo", data={"token": TOKEN, "author": "Cleo"})
    page = writer.get(f"/stories/{story_id}").text
    assert f'<h1 id="story-title">{LEVY_TITLE}</h1>' in page and "undone by Cleo" in page
    assert writer.post(f"/stories/{story_id}/corrections/{correction}/undo", data={"token": TOKEN}).status_code == 404


def test_corrections_hold_after_a_later_run_and_in_exports(writer: TestClient, web_db: str) -> None:
    story_id = _levy(writer)
    writer.post(f"/stories/{story_id}/corrections", data={"kind": "rename", "value": "Levy: the vote", "author": "Ana",
                                                          "token": TOKEN})
    fact = writer.get(f"/api/stories/{story_id}/facts").json()["items"][0]
    writer.post(f"/stories/{story_id}/corrections", data={"kind": "reject_fact", "target": fact["id"], "author": "Ana",
                                                          "token": TOKEN})
    later = {"id": "levy-d", "source": "Coast Herald", "published": "2026-03-12", "language": "en",
             "title": "Levy vote: hauliers plan new protest",
             "text": "Estravia's parliament approved a fuel levy on Tuesday by 112 votes to 87. "
                     "Hauliers' leader Lukas Brandtner said his members would decide on further protests."}
    with Store(web_db) as store:
        ingest_uploads(store, threading.Lock(), [Upload("later.jsonl", (json.dumps(later) + "\n").encode())])
        assert queries.story_record(store, story_id)  # reconciled again by the later run
        row, record, _ = export.load_story(store, story_id)
    assert row["title"] == "Levy: the vote" and fact["id"] not in {f["id"] for f in record["facts"]}
    page = writer.get(f"/stories/{story_id}").text
    assert "Levy: the vote" in page and "Coast Herald" in page and f'target={fact["id"]}' not in page


def test_reports_of_a_run_apply_the_corrections(tmp_path: Path) -> None:
    article = Article(id="a1", text="Text.", title="T", source="Le Monde", published="2011-02-21", language="fr")
    story = Story(id="s1", title="Old title", articles=("a1",), events=(Event(id="e1", articles=("a1",)),))
    record = {"quotes": [{"id": "q1", "speaker": "X", "text": "Not really a quote", "kind": "direct",
                          "sources": ["a1"], "outlets": ["Le Monde"]}]}
    made = {"s1": [corrections.Correction(1, "s1", "rename", None, "New title", None, "Ana", "2026-01-01T00:00:00"),
                   corrections.Correction(2, "s1", "reject_quote", "q1", "Not really a quote", None, "Ana", "t")]}
    paths = write_reports(tmp_path, [article], [story], {}, {"s1": record}, corrections=made)
    stories = json.loads(paths.stories.read_text(encoding="utf-8"))["stories"]
    assert stories[0]["title"] == "New title" and stories[0]["quotes"] == []
    assert [c["author"] for c in stories[0]["corrections"]] == ["Ana", "Ana"]
    markdown = paths.markdown.read_text(encoding="utf-8")
    assert "## New title" in markdown and "Not really a quote" not in markdown


def test_web_correction_text_is_escaped(writer: TestClient) -> None:
    story_id = _levy(writer)
    writer.post(f"/stories/{story_id}/corrections", data={"kind": "rename", "value": "<script>window.__pwned=9</script>",
                                                          "author": '<img src=x onerror="x()">', "token": TOKEN})
    page = writer.get(f"/stories/{story_id}").text
    _no_markup_from_articles(page)
    assert "&lt;script&gt;window.__pwned=9&lt;/script&gt;" in page
    _no_markup_from_articles(writer.get("/").text)


def test_a_rejection_still_matches_when_a_later_run_gives_the_item_a_new_id() -> None:
    made = [corrections.Correction(1, "s", "reject_fact", "f-old", "The  levy adds 9 cents.", None, "a", "t")]
    _, found = corrections.apply("T", {"facts": [{"id": "f-new", "text": "The levy adds 9 cents."},
                                                 {"id": "f2", "text": "Other."}]}, made)
    assert [f["id"] for f in found["facts"]] == ["f2"]
