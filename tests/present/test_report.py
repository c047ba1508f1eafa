"""Reports: the public STORIES.json shape, story records, and escaping of hostile article text."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.model import Article, Event, Story
from storyline.present.report import stories_json, write_reports

HOSTILE = Article(id="x1", text='<script>alert(1)</script> <img src=x onerror="alert(2)"> body *bold* [link](javascript:x)',
                  title="<b>Title</b> & more", source="Outlet <i>", published="2021-02-11")
PLAIN = Article(id="x2", text="The council met on Monday.", title=None, source=None)
STORY = Story("s1", "<script>story</script>", ("x1", "x2"), (Event("e1", ("x1", "x2"), "2021-02-11"),))
RECORD = {"report_dates": {"x2": {"date": "2021-02-11", "from": "event", "event": "e1"}},
          "timeline": [{"date": "2021-02-10", "granularity": "day", "sentences": ["<script>t</script> said."],
                        "articles": ["x1"], "outlets": ["Outlet <i>"]}],
          "quotes": [{"id": "q", "speaker": "<b>X</b>", "text": "<script>q</script>", "kind": "direct",
                      "sources": ["x1", "x2"], "outlets": ["Outlet <i>"], "variants": []}]}


def test_report_stories_json_keeps_the_public_shape_and_adds_records() -> None:
    data = stories_json([HOSTILE, PLAIN], [STORY], {"read": 2}, {"s1": RECORD})
    (story,) = data["stories"]
    assert {k: story[k] for k in ("id", "title", "articles", "events")} == {
        "id": "s1", "title": "<script>story</script>", "articles": ["x1", "x2"],
        "events": [{"id": "e1", "articles": ["x1", "x2"], "date": "2021-02-11"}]}
    assert story["timeline"] == RECORD["timeline"] and story["quotes"] == RECORD["quotes"]
    assert [a["id"] for a in data["articles"]] == ["x1", "x2"]


def test_report_html_escapes_everything_from_articles(tmp_path: Path) -> None:
    paths = write_reports(tmp_path, [HOSTILE, PLAIN], [STORY], {"read": 2}, {"s1": RECORD})
    page = paths.html.read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "default-src 'none'" in page  # the CSP forbids scripts even if one slipped through
    assert "2021-02-11 (from its event)" in page


def test_report_markdown_escapes_markup_and_lists_timeline_and_quotes(tmp_path: Path) -> None:
    paths = write_reports(tmp_path, [HOSTILE, PLAIN], [STORY], {"read": 2}, {"s1": RECORD})
    text = paths.markdown.read_text(encoding="utf-8")
    assert "\\*bold\\*" in text and "\\[link\\]" in text and "\\<script\\>" in text
    assert "### Timeline" in text and "### Quotes" in text and "(2 reports: Outlet \\<i\\>)" in text


def test_report_without_stories_lists_articles(tmp_path: Path) -> None:
    paths = write_reports(tmp_path, [PLAIN], [], {"read": 1})
    assert json.loads(paths.stories.read_text())["stories"] == []
    assert "The council met on Monday." in paths.markdown.read_text(encoding="utf-8")
