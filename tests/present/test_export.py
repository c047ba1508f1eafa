"""Exports of a story (Markdown, JSON, CSV) and of the store (Article JSONL plus assignments),
from the library and from the web app."""

from __future__ import annotations

import csv
import io
import json

from fastapi.testclient import TestClient

from storyline.present import export
from storyline.present.web.security import CONTENT_SECURITY_POLICY
from storyline.store import Store, queries

from .conftest import HOSTILE, LEVY

LEVY_TITLE = "Parliament approves diesel levy"


def _levy(store: Store) -> str:
    _, rows = queries.list_stories(store, queries.StoryFilter(text="levy"), limit=5)
    return next(r["id"] for r in rows if r["title"] == LEVY_TITLE)


def test_export_story_markdown_lists_everything_with_outlets(web_db: str) -> None:
    with Store(web_db) as store:
        row, record, articles = export.load_story(store, _levy(store))
    text = export.story_markdown(row, record, articles)
    assert text.startswith(f"# {LEVY_TITLE}\n")
    assert "languages: en" in text and "Harbor Times" in text and "Meridian Post" in text
    for fact in [*record["facts"], *record["single_source"]]:
        assert export._md(fact["text"]) in text  # nothing cut
    assert f"## Quotes ({len(record['quotes'])})" in text
    assert "levy-a" not in text  # reports are named by outlet and title, never by id


def test_export_story_csv_has_facts_quotes_and_timeline(web_db: str) -> None:
    with Store(web_db) as store:
        _, record, articles = export.load_story(store, _levy(store))
    rows = list(csv.DictReader(io.StringIO(export.story_csv(record, articles))))
    assert tuple(rows[0]) == export.CSV_COLUMNS
    sections = {r["section"] for r in rows}
    assert {"fact", "quote", "timeline"} <= sections
    assert len(rows) == len(record["facts"]) + len(record["single_source"]) + len(record["quotes"]) + len(record["timeline"])
    minister = [r for r in rows if r["section"] == "fact" and "every crown" in r["text"]]
    assert minister and "Amara Okonjo" in minister[0]["speaker"]


def test_export_story_csv_defuses_spreadsheet_formulas() -> None:
    record = {"facts": [{"id": "f", "text": "=HYPERLINK(\"http://x\")", "outlets": ["@evil"], "voices": 2,
                         "articles": ["a"], "support": []}]}
    rows = list(csv.DictReader(io.StringIO(export.story_csv(record, [{"id": "a", "source": "@evil"}]))))
    assert rows[0]["text"].startswith("'=") and rows[0]["outlets"].startswith("'@")


def test_export_story_json_keeps_the_stories_json_shape(web_db: str) -> None:
    with Store(web_db) as store:
        row, record, articles = export.load_story(store, _levy(store))
    data = json.loads(export.story_export(row, record, articles, "json"))
    assert data["id"] == row["id"] and data["title"] == LEVY_TITLE
    assert sorted(data["articles"]) == ["levy-a", "levy-b", "levy-c"]
    assert sum(len(e["articles"]) for e in data["events"]) == 3
    assert data["facts"] == record["facts"] and data["quotes"] == record["quotes"]
    assert {r["label"] for r in data["reports"]} == {a["title"] for a in LEVY}


def test_export_untitled_reports_get_a_readable_label(web_db: str) -> None:
    articles = [{"id": "x", "title": None, "source": None, "published": "2011-02-21T10:00:00", "language": "fr"}]
    from storyline.present.labels import report_title

    label = report_title(None, "Le Monde", "2011-02-21T10:00:00", "Des milliers de manifestants ont défilé samedi "
                                                                   "dans les rues de Benghazi")
    assert label == "Le Monde · 2011-02-21 · “Des milliers de manifestants ont défilé samedi dans…”"
    assert report_title(None, None, None) == "outlet not known · undated · untitled"
    assert report_title("  A   title ", "X", None) == "A title"
    with Store(web_db) as store:
        export.label_reports(store, articles)  # unknown id: no text, still a label
    assert articles[0]["label"] == "outlet not known · 2011-02-21 · untitled"


def test_export_store_jsonl_gives_each_article_its_story(web_db: str) -> None:
    with Store(web_db) as store:
        lines = [json.loads(line) for line in export.store_jsonl(store)]
        levy = _levy(store)
    assert len(lines) == 6 and len({line["id"] for line in lines}) == 6
    by_id = {line["id"]: line for line in lines}
    assert {by_id[i]["story"] for i in ("levy-a", "levy-b", "levy-c")} == {levy}
    assert by_id["levy-a"]["story_title"] == LEVY_TITLE and by_id["levy-a"]["event"]
    assert by_id["levy-a"]["text"].startswith("Estravia's parliament") and by_id["levy-a"]["source"] == "Harbor Times"
    assert by_id[HOSTILE["id"]]["title"] == HOSTILE["title"]  # data, unchanged


def test_web_story_exports_are_attachments(client: TestClient) -> None:
    story_id = next(s["id"] for s in client.get("/api/stories", params={"limit": 100}).json()["items"]
                    if s["title"] == LEVY_TITLE)
    for fmt, kind in (("md", "text/markdown"), ("json", "application/json"), ("csv", "text/csv")):
        answer = client.get(f"/stories/{story_id}/export.{fmt}")
        assert answer.status_code == 200 and answer.headers["content-type"].startswith(kind)
        assert answer.headers["content-disposition"] == f'attachment; filename="story-{story_id}.{fmt}"'
        assert answer.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert client.get(f"/stories/{story_id}/export.exe").status_code == 404
    assert client.get("/stories/nope/export.md").status_code == 404
    page = client.get(f"/stories/{story_id}").text
    assert f'href="/stories/{story_id}/export.csv"' in page
