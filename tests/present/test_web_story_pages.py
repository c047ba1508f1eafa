"""A story's pages at size: front page of summaries with "N more" links, section pages in pages,
event pages, the cache of parsed stories, and hostile text escaped on every one of them."""

from __future__ import annotations

import re
from html import unescape

from fastapi.testclient import TestClient

from storyline.present.web import story as story_module
from storyline.store import Store, queries

from .conftest import HOSTILE
from .test_web_security import _no_markup_from_articles

LEVY_TITLE = "Parliament approves diesel levy"


def _story_id(client: TestClient, title: str) -> str:
    items = client.get("/api/stories", params={"limit": 100}).json()["items"]
    return next(item["id"] for item in items if item["title"] == title)


def _grow(web_db: str, story_id: str, claims: int) -> None:
    """Give the story ``claims`` single-source claims, written by a new run (as a later run would)."""
    with Store(web_db) as store:
        record = queries.story_record(store, story_id)
        record["single_source"] = [{"id": f"x{n}", "text": f"Claim number {n} of many.", "outlets": ["Harbor Times"],
                                    "voices": 1, "articles": ["levy-a"],
                                    "support": [{"article": "levy-a", "start": 0, "end": 73}]} for n in range(claims)]
        run = store.start_run("test", [], {})
        store.save_story_records(run, {story_id: record})


def test_web_story_page_shows_a_few_items_and_says_how_many_more(client: TestClient, web_db: str) -> None:
    story_id = _story_id(client, LEVY_TITLE)
    _grow(web_db, story_id, 130)
    page = client.get(f"/stories/{story_id}").text
    section = page[page.index('id="single"'):page.index("</section>", page.index('id="single"'))]
    assert section.count("Claim number") == story_module.PREVIEW and "130 claims by one outlet" in section
    more = re.search(r'<a class="more" href="([^"]+)">(\d+) more', section)
    assert more and int(more.group(2)) == 130 - story_module.PREVIEW
    first = client.get(unescape(more.group(1))).text
    assert "130 in all · page 1 of 3 · 1–50" in first
    assert first.count("Claim number") == 50 and "Claim number 0 of many." in first
    last_link = unescape(re.search(r'<a rel="next" href="([^"]+)"', first).group(1))
    second = client.get(last_link).text
    assert "Claim number 50 of many." in second and "Claim number 49 of many." not in second
    third = client.get(f"/stories/{story_id}/s/single_source?page=3").text
    assert third.count("Claim number") == 30 and 'rel="next"' not in third


def test_web_story_page_is_read_again_after_a_run_changes_the_story(client: TestClient, web_db: str) -> None:
    story_id = _story_id(client, LEVY_TITLE)
    assert "Claim number" not in client.get(f"/stories/{story_id}").text
    _grow(web_db, story_id, 3)
    assert client.get(f"/stories/{story_id}").text.count("Claim number") == 3


def test_web_event_page_narrows_the_story_to_its_reports(client: TestClient) -> None:
    story_id = _story_id(client, LEVY_TITLE)
    story = client.get(f"/api/stories/{story_id}").json()
    event = next(e for e in story["events"] if any(a["id"] == "levy-c" for a in e["articles"]))
    front = client.get(f"/stories/{story_id}").text
    assert f'href="/stories/{story_id}/events/{event["id"]}"' in front
    page = client.get(f"/stories/{story_id}/events/{event['id']}").text
    reports = page[page.index('id="reports"'):page.index("</section>", page.index('id="reports"'))]
    assert "Hauliers vow to fight diesel levy" in reports
    listed = set(re.findall(r'href="/articles/([^"?]+)"', reports))
    assert listed == {a["id"] for a in event["articles"]}
    quotes = page[page.index('id="quotes"'):]
    assert "Lukas Brandtner" in quotes or "Nothing from this event" in quotes
    assert client.get(f"/stories/{story_id}/events/nope").status_code == 404


def test_web_section_pages_answer_404_for_unknown_names(client: TestClient) -> None:
    story_id = _story_id(client, LEVY_TITLE)
    assert client.get(f"/stories/{story_id}/s/nonsense").status_code == 404
    assert client.get(f"/stories/{story_id}/s/facts?event=nope").status_code == 404
    assert client.get("/stories/nope/s/quotes").status_code == 404
    assert client.get(f"/stories/{story_id}/s/quotes?page=abc").status_code == 200  # read leniently


def test_web_timeline_page_zooms_to_a_window(client: TestClient) -> None:
    story_id = _story_id(client, LEVY_TITLE)
    whole = client.get(f"/stories/{story_id}/s/timeline").text
    assert "<svg" in whole and "to scale" in whole
    empty = client.get(f"/stories/{story_id}/s/timeline", params={"from": "1990-01-01", "to": "1990-01-02"}).text
    assert "0 in all" in empty and 'value="1990-01-01"' in empty


def test_web_coverage_reads_outlets_as_rows(client: TestClient) -> None:
    story_id = _story_id(client, LEVY_TITLE)
    page = client.get(f"/stories/{story_id}/s/coverage").text
    names = re.findall(r'<th scope="row" class="outlet-name">([^<]+)</th>', page)
    assert {"Harbor Times", "Meridian Post", "Varno Star"} <= set(names)
    assert re.search(r'<th scope="col" class="fact-col" title="[^"]+"><a href="#F1">F1</a></th>', page)
    assert 'id="F1"' in page


def test_web_story_list_rows_show_snippet_languages_and_outlets(client: TestClient) -> None:
    items = client.get("/api/stories", params={"limit": 100}).json()["items"]
    levy = next(i for i in items if i["title"] == LEVY_TITLE)
    assert levy["snippet"] and levy["snippet"] in client.get(f"/api/stories/{levy['id']}").json()["summary"][0]["text"]
    page = client.get("/", params={"q": "levy"}).text
    assert f'<p class="snippet">{levy["snippet"][:30]}' in unescape(page).replace("&#39;", "'")
    assert "3 named outlets" in page and '<span class="langs">en</span>' in page


def test_web_entity_page_shows_roles_and_quotes(client: TestClient) -> None:
    page = unescape(client.get("/entities/Amara Okonjo").text)
    assert "Finance Minister" in page
    assert "every crown raised would be spent on trains and buses" in page
    assert re.search(r'<span class="date">2026-03-1[01]</span>', page)
    data = client.get("/api/entities/Amara%20Okonjo").json()
    assert data["total"] == 1


def test_web_every_story_page_escapes_hostile_text(client: TestClient) -> None:
    story_id = _story_id(client, HOSTILE["title"])
    story = client.get(f"/api/stories/{story_id}").json()
    paths = [f"/stories/{story_id}", *(f"/stories/{story_id}/s/{name}" for name in story_module.SECTION_TITLES),
             *(f"/stories/{story_id}/events/{e['id']}" for e in story["events"]), "/entities/Ilse Varga",
             "/?q=Hackers"]
    for path in paths:
        answer = client.get(path)
        assert answer.status_code == 200, path
        _no_markup_from_articles(answer.text)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", answer.text) and " style=" not in answer.text
    reports = client.get(f"/stories/{story_id}/s/reports").text
    assert "&lt;script&gt;window.__pwned=4&lt;/script&gt;" in reports
    markdown = client.get(f"/stories/{story_id}/export.md").text
    assert "\\<script\\>" in markdown and "<script>" not in markdown


def test_web_warm_reads_the_largest_stories_ahead(web_db: str) -> None:
    from storyline.present.web.story_data import StoryCache

    cache = StoryCache()
    with Store(web_db) as store:
        assert story_module.warm(store, cache, 1) == 1
        _, rows = queries.list_stories(store, queries.StoryFilter(sort="size"), limit=1)
        largest = rows[0]["id"]
        found = story_module.load_story(store, largest, cache)
    assert len(cache) == 1 and found is not None and ("front",) in found.memo


def test_web_a_link_to_an_id_that_moved_is_redirected_to_the_story_holding_it(client: TestClient) -> None:
    """A story merged or split after a link was made (or an article's id) leads to the story that
    holds it now (308); an id the store never knew stays a 404."""
    story_id = _story_id(client, LEVY_TITLE)
    article = client.get("/api/articles", params={"story": story_id}).json()["items"][0]["id"]
    page = client.get(f"/stories/{article}", follow_redirects=False)
    assert page.status_code == 308 and page.headers["location"] == f"/stories/{story_id}"
    api = client.get(f"/api/stories/{article}", params={"x": "1"}, follow_redirects=False)
    assert api.status_code == 308 and api.headers["location"] == f"/api/stories/{story_id}?x=1"
    assert client.get(f"/stories/{article}").status_code == 200  # followed
    assert client.get("/stories/no-such-story", follow_redirects=False).status_code == 404
