"""Story reconciliation through `run`: report dates from the event, timeline, merged quotes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.config import IngestConfig
from storyline.model import Annotated, Article, Event, Story
from storyline.pipeline import analyze_store, ingest
from storyline.present.run import run
from storyline.reconcile.story import reconcile_story
from storyline.store import Store

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "s400"
needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples/s400 is absent")


def _annotated(article: Article) -> Annotated:
    from storyline.analyze.annotate import annotate

    return annotate(article)


def test_reconcile_undated_report_takes_its_event_date_and_is_resolved_again() -> None:
    dated = Article(id="a", text="The minister spoke on Wednesday about the budget.", published="2021-02-11")
    undated = Article(id="b", text="The minister said on the 10th that the budget would pass.")
    story = Story("s", "budget", ("a", "b"), (Event("e", ("a", "b"), "2021-02-11"),))
    record, reconciled = reconcile_story(story, [_annotated(dated), _annotated(undated)])
    assert record["report_dates"] == {"b": {"date": "2021-02-11", "from": "event", "event": "e"}}
    assert [a.article.id for a in reconciled] == ["a", "b"]
    assert [t.value for t in reconciled[1].times] == ["2021-02-10"]
    assert {entry["date"] for entry in record["timeline"]} == {"2021-02-10"}


def test_undated_report_takes_the_day_its_event_was_reported_not_the_happening() -> None:
    dated = Article(id="a", text="The minister spoke on Wednesday about the budget.", published="2021-02-12")
    later = Article(id="c", text="The minister spoke about the budget.", published="2021-02-13")
    undated = Article(id="b", text="Yesterday the minister said the budget would pass.")
    story = Story("s", "budget", ("a", "b", "c"), (Event("e", ("a", "b", "c"), "2021-02-10"),))
    record, reconciled = reconcile_story(story, [_annotated(a) for a in (dated, undated, later)])
    assert record["report_dates"] == {"b": {"date": "2021-02-12", "from": "event", "event": "e"}}
    assert [t.value for t in reconciled[1].times] == ["2021-02-11"]


def test_undated_report_of_an_event_without_dated_reports_takes_the_storys_earlier_date() -> None:
    dated = Article(id="a", text="The minister spoke on Wednesday about the budget.", published="2021-02-11")
    undated = Article(id="b", text="Yesterday the minister said the budget would pass.")
    story = Story("s", "budget", ("a", "b"), (Event("e1", ("a",), "2021-02-10"),
                                              Event("e2", ("b",), "2021-02-10")))
    record, reconciled = reconcile_story(story, [_annotated(dated), _annotated(undated)])
    assert record["report_dates"] == {"b": {"date": "2021-02-11", "from": "story", "event": "e2"}}
    assert [t.value for t in reconciled[1].times] == ["2021-02-10"]  # not the 9th


def test_a_date_that_is_not_iso_does_not_stop_the_story() -> None:
    odd = Article(id="a", text="The minister spoke about the budget.", published="Feb 12, 2021")
    undated = Article(id="b", text="Yesterday the minister said the budget would pass.")
    story = Story("s", "budget", ("a", "b"), (Event("e", ("a", "b"), "2021-02-12"),))
    record, _ = reconcile_story(story, [_annotated(odd), _annotated(undated)])
    assert record["report_dates"] == {"b": {"date": "2021-02-12", "from": "event", "event": "e"}}


def test_reconcile_undated_report_without_a_dated_event_stays_undated() -> None:
    undated = Article(id="b", text="The minister said on the 10th that the budget would pass.")
    story = Story("s", "budget", ("b",), (Event("e", ("b",), None),))
    record, reconciled = reconcile_story(story, [_annotated(undated)])
    assert record["report_dates"] == {}
    assert [t.value for t in reconciled[0].times] == ["XXXX-XX-10"]
    assert record["timeline"] == []


@needs_samples
def test_run_on_samples_dates_the_undated_briefing_report_and_merges_prices_quote(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "s.db"))
    result = ingest([str(SAMPLES)], store, IngestConfig())
    run(store, tmp_path / "out", result)
    report = json.loads((tmp_path / "out" / "stories.json").read_text())
    (story,) = report["stories"]
    by_text = {a.id: a.text for a in store.articles()}
    chinese_wire = next(i for i, text in by_text.items() if "Chavushoru" in text)
    assert story["report_dates"][chinese_wire]["date"] == "2021-02-11"
    annotated = next(store.annotated([chinese_wire]))
    tenth = [t.value for t in annotated.times if annotated.article.text[t.span.start:t.span.end] == "the 10th"]
    assert tenth and set(tenth) == {"2021-02-10"}
    nato = [q for q in story["quotes"] if "NATO equipment" in q["text"] and q["speaker"] == "Ned Price"]
    assert len(nato) == 1 and len(nato[0]["sources"]) == 3
    # only the two genuine disagreements: when Akar spoke, and to which newspaper
    assert sorted((c["kind"], c["about"]) for c in story["contradictions"]) == [
        ("date", "Hulusi Akar's remarks"), ("name", "the newspaper Hulusi Akar spoke to")]
    names = {e["name"] for e in story["entities"] if e["type"] == "PERSON"}
    assert {"Ned Price", "Hulusi Akar", "Ibrahim Kalin", "Jake Sullivan"} <= names
    for spelling in ("Anthony Blincoln", "antony blinken", "Recep Tayyip Erdoğan"):
        assert [row["story_id"] for row in store.entity_stories(spelling)] == [story["id"]]
    assert store.entity_stories("Hunter Biden") == []
    cited = [s for s in story["summary"]["sentences"]]
    assert cited and all(s["sources"] for s in cited)
    assert len(story["summary"]["summary"].split()) <= 100
    html = (tmp_path / "out" / "report.html").read_text()
    assert "Ned Price" in html and "<script" not in html


def test_analyze_store_analyses_only_new_articles(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text("The mayor said on Monday that the bridge would reopen in May.", encoding="utf-8")
    store = Store(str(tmp_path / "s.db"))
    first = ingest([str(source)], store)
    assert analyze_store(store, first.run_id) == 1
    (source / "b.txt").write_text("Flooding closed the old bridge again on Tuesday, officials said.", encoding="utf-8")
    second = ingest([str(source)], store)
    assert analyze_store(store, second.run_id) == 1
    assert analyze_store(store, second.run_id) == 0
    assert store.unannotated_ids() == []


def test_analyze_store_in_two_workers_equals_one(tmp_path: Path) -> None:
    from storyline.analyze.annotate import annotated_json

    source = tmp_path / "in"
    source.mkdir()
    for number in range(60):
        (source / f"{number}.txt").write_text(
            f"Finance Minister Amara Okonjo said on Tuesday that the levy would raise {number} million crowns, "
            f"the ministry told reporters in Varno.", encoding="utf-8")
    results = []
    for workers in (1, 2):
        store = Store(str(tmp_path / f"s{workers}.db"))
        run_id = ingest([str(source)], store).run_id
        assert analyze_store(store, run_id, workers=workers, batch_size=20) == 60
        ids = [a.id for a in store.articles()]
        results.append([annotated_json(a) for a in store.annotated(ids)])
        store.close()
    assert results[0] == results[1]
    assert all(record["entities"] for record in results[0])
