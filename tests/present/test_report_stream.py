"""Issue 21 item 1: reports written from the store page by page say exactly what the whole-store
reports said (stories.json as parsed JSON, report.md and report.html byte for byte), on a store
the real pipeline filled and on a generated store of a few hundred reports with small pages; an
incremental run keeps the earlier stories' records; an unfinished write leaves the old files."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from storyline.config import IngestConfig
from storyline.evaluate.realistic import generate
from storyline.group import StoryGrouper
from storyline.model import Article, Event, Provenance, Story
from storyline.pipeline import ingest
from storyline.present.run import run
from storyline.present import corrections
from storyline.present.report import ReportWriter, stories_json
from storyline.present.report_render import html_report, markdown_report, story_view, ungrouped_view
from storyline.present.report_store import cited_ids, pages, write_store_reports
from storyline.store import Store

RUN = {"run_id": 7, "read": 3}


def _reference(store: Store, stories: list[Story], folder: Path) -> dict[str, Any]:
    """What the reports were before streaming: every article and record in memory, stories.json
    as one ``json.dumps(indent=2)``, the documents joined from every view."""
    articles = list(store.articles())
    records = store.story_records()
    made = corrections.for_stories(store)
    shown = []
    for story in stories:
        if made.get(story.id):
            title, records[story.id] = corrections.apply(story.title, records.get(story.id, {}), made[story.id])
            story = replace(story, title=title)
        shown.append(story)
    by_id = {a.id: a for a in articles}
    views = [story_view(s, by_id, records.get(s.id, {})) for s in shown] or [ungrouped_view(articles)]
    text = json.dumps(stories_json(articles, shown, RUN, records), ensure_ascii=False, indent=2)
    return {"json": json.loads(text), "md": markdown_report(views, RUN), "html": html_report(views, RUN)}


def _assert_same(paths: Any, expected: dict[str, Any]) -> None:
    assert json.loads(paths.stories.read_text(encoding="utf-8")) == expected["json"]
    assert paths.markdown.read_text(encoding="utf-8") == expected["md"]
    assert paths.html.read_text(encoding="utf-8") == expected["html"]


def _stories(store: Store) -> list[Story]:
    state = store.load_state("grouper")
    return StoryGrouper.from_state(state).stories() if state else []


# A store filled by the real pipeline from generated reports of realistic length.

@pytest.fixture(scope="module")
def piped(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("piped")
    records = generate(48, seed=11, days=200.0)
    first, later = root / "first.jsonl", root / "later.jsonl"
    for path, part in ((first, records[:40]), (later, records[40:])):
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in part), encoding="utf-8")
    url = f"sqlite:///{root / 'store.db'}"
    config = IngestConfig(languages=("en",), workers=1)
    with Store(url) as store:
        run(store, root / "out1", ingest([str(first)], store, config, command="run", keep_open=True))
        before = json.loads((root / "out1" / "stories.json").read_text(encoding="utf-8"))
        (root / "copy.db").write_bytes((root / "store.db").read_bytes())
        run(store, root / "out2", ingest([str(later)], store, config, command="run", keep_open=True))
    return {"root": root, "url": url, "before": before,
            "after": json.loads((root / "out2" / "stories.json").read_text(encoding="utf-8"))}


@pytest.mark.parametrize("page", [(2000, 200), (5, 2), (1, 1)])
def test_streamed_reports_equal_the_whole_store_reports_on_a_piped_store(piped: dict[str, Any], tmp_path: Path,
                                                                         page: tuple[int, int]) -> None:
    with Store(piped["url"]) as store:
        stories = _stories(store)
        assert len(stories) >= 3 and any(store.story_records_of([s.id]) for s in stories)
        paths = write_store_reports(tmp_path, store, stories, RUN, page_articles=page[0], page_stories=page[1])
        _assert_same(paths, _reference(store, stories, tmp_path))


def test_streamed_reports_apply_the_analysts_corrections_per_page(piped: dict[str, Any], tmp_path: Path) -> None:
    db = tmp_path / "corrected.db"
    db.write_bytes((piped["root"] / "store.db").read_bytes())
    with Store(f"sqlite:///{db}") as store:
        stories = _stories(store)
        target = next(s for s in stories if (store.story_records_of([s.id]).get(s.id) or {}).get("facts"))
        fact = store.story_records_of([target.id])[target.id]["facts"][0]
        corrections.add(store, target.id, "rename", author="desk", value="Renamed by the desk")
        corrections.add(store, target.id, "reject_fact", author="desk", target=fact["id"])
        paths = write_store_reports(tmp_path / "out", store, stories, RUN, page_articles=3, page_stories=2)
        _assert_same(paths, _reference(store, stories, tmp_path))
    entry = next(s for s in json.loads(paths.stories.read_text(encoding="utf-8"))["stories"] if s["id"] == target.id)
    assert entry["title"] == "Renamed by the desk" and fact["id"] not in {f["id"] for f in entry["facts"]}


def test_an_incremental_run_keeps_the_earlier_stories_and_their_records(piped: dict[str, Any]) -> None:
    before = {s["id"]: s for s in piped["before"]["stories"]}
    after = {s["id"]: s for s in piped["after"]["stories"]}
    assert len(piped["after"]["articles"]) > len(piped["before"]["articles"])
    untouched = [i for i, s in before.items() if i in after and after[i]["articles"] == s["articles"]]
    assert untouched, "the later reports touched every story: the test proves nothing"
    for story_id in untouched:
        assert after[story_id] == before[story_id]
    for story_id, story in after.items():  # every story, old or new, carries its record
        assert "timeline" in story and "quotes" in story, story_id


# A generated store of a few hundred reports with hand-made records (no analysis: fast).

def _generated_store(url: str, n_stories: int = 60, per_story: int = 5) -> list[Story]:
    store = Store(url)
    run_id = store.start_run("test", [], {})
    articles = [Article(id=f"a{n:04d}", text=f"Report {n} says the river rose by {n} centimetres on Monday.",
                        title=None if n % 7 == 0 else f"Report {n}", source=None if n % 5 == 0 else f"Outlet {n % 9}",
                        published=f"2026-03-{1 + n % 28:02d}", language="en" if n % 3 else "fr",
                        provenance=Provenance("gen.jsonl", n))
                for n in range(n_stories * per_story)]
    store.commit_batch(run_id, articles, [])
    stories, records = [], {}
    for s in range(n_stories):
        ids = tuple(a.id for a in articles[s * per_story : (s + 1) * per_story])
        other = articles[(s * per_story + 7 * per_story) % len(articles)].id  # a report of another story
        stories.append(Story(f"s{s:03d}", f"Story {s}", ids, (Event(f"s{s:03d}/e1", ids[:3], None),
                                                             Event(f"s{s:03d}/e2", ids[3:], "2026-03-02"))))
        records[f"s{s:03d}"] = {
            "report_dates": {ids[0]: {"date": "2026-03-01", "from": "event", "event": f"s{s:03d}/e1"}},
            "timeline": [{"date": "2026-03-01", "sentences": [f"The river rose {s}."], "articles": [ids[0], other],
                          "outlets": [None, ids[1]]}],
            "quotes": [{"id": "q1", "speaker": "Mayor", "text": f"We are ready {s}", "kind": "direct",
                        "sources": [ids[1], other], "outlets": ["Outlet 1", None], "variants": []}],
            "facts": [{"id": f"f{s}", "text": f"The river rose {s}", "outlets": ["Outlet 1", ids[0]], "voices": 2,
                       "articles": list(ids[:2]), "support": []}],
            "single_source": [{"id": f"x{s}", "text": "A claim", "outlets": [other], "voices": 1}],
            "contradictions": [{"kind": "number", "left": {"article": ids[0], "outlet": ids[0], "text": "1", "value": 1},
                                "right": {"article": other, "outlet": "Outlet 2", "text": "2", "value": 2}}],
            "coverage": [{"outlet": "Outlet 1", "included": [f"f{s}"], "omitted": [], "only": []},
                         {"outlet": ids[2], "included": [], "omitted": [f"f{s}"], "only": []}],
            "summary": {"sentences": [{"text": f"The river rose {s}.", "sources": [ids[0], other, "gone-id"]}]},
            "entities": [{"id": "e1", "name": "Ilse Varga", "type": "PERSON", "aliases": {"Varga": 1}}]}
    store.save_grouping(run_id, {}, {a: (s.id, s.events[0].id) for s in stories for a in s.articles}, [], stories)
    store.save_story_records(run_id, records)
    store.close()
    return stories


def test_streamed_reports_equal_the_whole_store_reports_on_a_generated_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'gen.db'}"
    stories = _generated_store(url)
    with Store(url) as store:
        expected = _reference(store, stories, tmp_path)
        for page in ((2000, 200), (7, 3), (1, 1)):
            _assert_same(write_store_reports(tmp_path / f"out{page[0]}", store, stories, RUN,
                                             page_articles=page[0], page_stories=page[1]), expected)
    text = (tmp_path / "out1" / "report.md").read_text(encoding="utf-8")
    assert "outlet not known · fr" in text  # a cited report of another page is found and labelled


def test_a_store_without_stories_lists_every_article_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'plain.db'}"
    with Store(url) as store:
        run_id = store.start_run("test", [], {})
        store.commit_batch(run_id, [Article(id=f"p{n}", text=f"Plain report {n}.") for n in range(5)], [])
        paths = write_store_reports(tmp_path / "out", store, [], RUN)
        _assert_same(paths, _reference(store, [], tmp_path))
    assert paths.markdown.read_text(encoding="utf-8").count("\n  Plain report") == 5  # one excerpt each


def test_an_unfinished_write_leaves_the_earlier_files_and_no_parts(tmp_path: Path) -> None:
    article = Article(id="a1", text="The council met.", source="Gazette")
    story = Story("s1", "Council", ("a1",), (Event("s1/e1", ("a1",), None),))
    with ReportWriter(tmp_path, RUN) as writer:
        writer.add_story(story, {}, {"a1": article})
        writer.finish([])
    earlier = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with pytest.raises(RuntimeError), ReportWriter(tmp_path, {"run_id": 8}) as writer:
        writer.add_story(story, {}, {"a1": article})
        raise RuntimeError("killed mid-way")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == earlier
    assert json.loads(earlier["stories.json"])["stories"][0]["id"] == "s1"


def test_pages_hold_bounded_stories_and_a_large_story_alone() -> None:
    stories = [Story(f"s{n}", "", tuple(f"a{n}-{k}" for k in range(size)), ())
               for n, size in enumerate([3, 3, 10, 1, 1, 1, 2])]
    got = [[s.id for s in page] for page in pages(stories, max_articles=6, max_stories=2)]
    assert got == [["s0", "s1"], ["s2"], ["s3", "s4"], ["s5", "s6"]]
    assert [s for page in pages(stories, 1, 1) for s in page] == stories
    assert list(pages([], 5, 5)) == []


def test_a_writer_that_cannot_open_its_files_leaves_no_parts(tmp_path: Path) -> None:
    (tmp_path / "report.md.part").mkdir()  # the second file cannot be opened
    with pytest.raises(OSError):
        ReportWriter(tmp_path, RUN)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md.part"]


S400 = Path(__file__).resolve().parents[3] / "shared" / "samples" / "s400"


@pytest.mark.shared
@pytest.mark.skipif(not S400.is_dir(), reason="../shared/samples/s400 is absent")
def test_streamed_reports_equal_the_whole_store_reports_on_the_samples(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'samples.db'}"
    with Store(url) as store:
        run(store, tmp_path / "run", ingest([str(S400)], store, IngestConfig(), command="run", keep_open=True))
        stories = _stories(store)
        assert stories and store.story_records_of([s.id for s in stories])
        _assert_same(write_store_reports(tmp_path / "out", store, stories, RUN, page_articles=2, page_stories=1),
                     _reference(store, stories, tmp_path))
