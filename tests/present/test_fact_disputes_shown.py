"""Disputed facts as a reader sees them: stories.json, report.md/report.html and the story page and
API of a store the real pipeline built from reports that give different death tolls; hostile text
in a dispute escaped everywhere."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.model import Article, Event, Story
from storyline.present.report import write_reports

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install 'storyline[web]')")

from fastapi.testclient import TestClient  # noqa: E402

from storyline.present.web import WebSettings, create_app  # noqa: E402
from storyline.present.web.ingest import Upload, ingest_uploads  # noqa: E402
from storyline.store import Store, queries  # noqa: E402

from .test_web_security import _no_markup_from_articles  # noqa: E402

TOLLS = [
    {"id": "r1", "source": "Reuters", "published": "2011-03-15", "language": "en", "title": "Snipers kill 17 in Misrata",
     "text": "At least 17 people were killed in Misrata on Tuesday by sniper fire and shelling, a doctor said. "
             "Government forces surrounded the city from three sides."},
    {"id": "r2", "source": "AFP", "published": "2011-03-15", "language": "en", "title": "Misrata shelled",
     "text": "A doctor said 17 people were killed by sniper fire and shelling in Misrata on Tuesday. "
             "Government forces surrounded the city from three sides, witnesses said."},
    {"id": "r3", "source": "Al Jazeera", "published": "2011-03-15", "language": "en", "title": "Five dead in Misrata",
     "text": "Five people were killed in Misrata on Tuesday by sniper fire and shelling, a doctor said. "
             "Government forces surrounded the city from three sides."},
    {"id": "r4", "source": "BBC", "published": "2011-03-15", "language": "en", "title": "Misrata under siege",
     "text": "Government forces surrounded the city of Misrata from three sides on Tuesday. "
             "Residents said food and water were running short."},
]
EVIL = '<script>window.__pwned=7</script><img src=x onerror="window.__pwned=8">'


@pytest.fixture()
def tolls_db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'tolls.db'}"
    with Store(url) as store:
        data = "".join(json.dumps(r) + "\n" for r in TOLLS).encode()
        ingest_uploads(store, threading.Lock(), [Upload("tolls.jsonl", data)])
    return url


@pytest.fixture()
def tolls(tolls_db: str) -> Iterator[TestClient]:
    app = create_app(WebSettings(db=tolls_db))
    with TestClient(app) as client:
        yield client
    app.state.store.close()


def _story(client: TestClient) -> str:
    (item,) = client.get("/api/stories").json()["items"]
    return str(item["id"])


def test_the_story_api_and_page_show_each_side_of_a_disputed_toll(tolls: TestClient) -> None:
    story = _story(tolls)
    record = tolls.get(f"/api/stories/{story}").json()
    facts = [*record["facts"], *record["single_source"]]
    disputed = [f for f in facts if f.get("disputes")]
    assert len(disputed) == 2
    outlets = {(tuple(d["outlets"]), tuple(d["other_outlets"])) for f in disputed for d in f["disputes"]}
    assert outlets == {(("Reuters", "AFP"), ("Al Jazeera",)), (("Al Jazeera",), ("Reuters", "AFP"))}
    page = tolls.get(f"/stories/{story}").text
    assert page.count('class="dispute"') == 2
    five = page[page.index('class="dispute"', page.index("Five people were killed")):]
    five = five[:five.index("</div>")]
    assert "5 (peopl…)" in five and "17 (peopl…)" in five and "Al Jazeera" in five and "Reuters" in five


def test_hostile_text_in_a_dispute_is_escaped_on_the_page(tolls: TestClient, tolls_db: str) -> None:
    story = _story(tolls)
    with Store(tolls_db) as store:
        record = queries.story_record(store, story)
        for fact in [*record["facts"], *record["single_source"]]:
            for dispute in fact["disputes"]:
                dispute.update(text=EVIL, other_sentence=EVIL, value=EVIL, other_value=EVIL)
        store.save_story_records(store.start_run("test", [], {}), {story: record})
    page = tolls.get(f"/stories/{story}").text
    _no_markup_from_articles(page)
    assert "&lt;script&gt;window.__pwned=7&lt;/script&gt;" in page


def test_reports_write_the_disputes_escaped(tmp_path: Path) -> None:
    articles = [Article(id="a", text="Seventeen died.", source="A"), Article(id="b", text="Five died.", source="B <i>")]
    dispute = {"fact": "f2", "text": EVIL, "kind": "number", "value": "17 (peopl…)", "other_value": "5 (peopl…)",
               "outlets": ["A"], "other_outlets": ["B <i>"], "support": [{"article": "a", "start": 0, "end": 15}],
               "other_support": [{"article": "b", "start": 0, "end": 10}]}
    fact = {"id": "f1", "text": "Seventeen died.", "outlets": ["A"], "voices": 1, "articles": ["a"],
            "support": [{"article": "a", "start": 0, "end": 15}], "status": "reported", "disputes": [dispute]}
    story = Story("s", "Deaths", ("a", "b"), (Event("e", ("a", "b"), "2011-03-15"),))
    written = write_reports(tmp_path, articles, [story], {"read": 2}, {"s": {"single_source": [fact]}})
    markdown = written.markdown.read_text(encoding="utf-8")
    assert "Seventeen died. (only A; disputed: 17 (peopl…) (A) where “" in markdown
    assert "gives 5 (peopl…) (B" in markdown and "<script>" not in markdown
    page = written.html.read_text(encoding="utf-8")
    assert "disputed: 17 (peopl…) (A) where “&lt;script&gt;" in page and "<script>window" not in page
