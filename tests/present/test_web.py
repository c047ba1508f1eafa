"""The web pages and JSON API over a small store: every page and endpoint, filters, pagination."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from storyline.present.web import views
from storyline.store import Store, queries

LEVY_TITLE = "Parliament approves diesel levy"
FLOOD_TITLE = "Two dead as River Lise floods Aurelia towns"


def _story_id(client: TestClient, title: str) -> str:
    items = client.get("/api/stories", params={"limit": 100}).json()["items"]
    return next(item["id"] for item in items if item["title"] == title)


def test_web_story_list_page_lists_stories_latest_first(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.text.index(LEVY_TITLE) < page.text.index(FLOOD_TITLE)
    assert "3 stories" in page.text and "page 1 of 2" in page.text  # page_size=2 in the fixture


def test_web_story_list_pages_through_with_the_filters_kept(client: TestClient) -> None:
    first = client.get("/", params={"sort": "size"}).text
    link = unescape(re.search(r'<a rel="next" href="([^"]+)"', first).group(1))
    assert "sort=size" in link and "page=2" in link
    second = client.get(link).text
    assert "<li class=\"story-row\">" in second and LEVY_TITLE not in second and 'rel="prev"' in second


@pytest.mark.parametrize(("params", "expected"), [
    ({"q": "levy"}, {LEVY_TITLE}),
    ({"q": "évacué"}, {FLOOD_TITLE}),  # words of an article's text, not only titles
    ({"outlet": "Meridian Post"}, {LEVY_TITLE}),
    ({"language": "fr"}, {FLOOD_TITLE}),
    ({"entity": "Amara Okonjo"}, {LEVY_TITLE}),
    ({"entity": "Amara Okondzho"}, {LEVY_TITLE}),  # a spelling finds the story too
    ({"from": "2026-03-01"}, {LEVY_TITLE}),
    ({"to": "2026-02-28", "from": "2026-01-01"}, {FLOOD_TITLE}),
    ({"q": "no such words anywhere"}, set()),
    ({"q": "100%_"}, set()),  # LIKE wildcards are matched literally
])
def test_web_api_story_filters(client: TestClient, params: dict[str, str], expected: set[str]) -> None:
    data = client.get("/api/stories", params=params).json()
    assert {item["title"] for item in data["items"]} == expected and data["total"] == len(expected)


def test_web_story_list_page_filters_and_ignores_a_bad_date(client: TestClient) -> None:
    page = client.get("/", params={"language": "fr", "from": "not-a-date", "to": ""})
    assert page.status_code == 200
    assert FLOOD_TITLE in page.text and LEVY_TITLE not in page.text
    assert "is not a date" in page.text


def test_web_api_story_list_paginates_and_sorts(client: TestClient) -> None:
    first = client.get("/api/stories", params={"limit": 1, "sort": "size"}).json()
    second = client.get("/api/stories", params={"limit": 1, "offset": 1, "sort": "size"}).json()
    assert first["total"] == second["total"] == 3
    assert first["items"][0]["title"] == LEVY_TITLE and first["items"][0]["articles"] == 3
    assert second["items"][0]["title"] == FLOOD_TITLE
    assert first["items"][0]["outlets"] == ["Harbor Times", "Meridian Post", "Varno Star"]
    assert client.get("/api/stories", params={"limit": 0}).status_code == 422
    assert client.get("/api/stories", params={"from": "yesterday"}).status_code == 422


def test_web_story_page_cites_the_sentence_in_its_source(client: TestClient) -> None:
    story_id = _story_id(client, LEVY_TITLE)
    page = client.get(f"/stories/{story_id}")
    assert page.status_code == 200
    start = page.text.index('id="summary"')
    summary = page.text[start:page.text.index("</section>", start)]
    hrefs = [unescape(h) for h in re.findall(r'class="cite" href="([^"]+)"', summary)]
    assert hrefs and all("?cite=" in h and h.endswith("#cited") for h in hrefs)
    article = client.get(hrefs[0])
    assert '<span class="sentence cited" id="cited">' in article.text
    assert "parliament approved" in _cited_sentence(article.text)


def _cited_sentence(page: str) -> str:
    """The text of the sentence a citation link lands on (up to the next sentence)."""
    start = page.index('id="cited">') + len('id="cited">')
    end = page.find('<span class="sentence', start)
    return unescape(re.sub(r"<[^>]+>", "", page[start:end if end > 0 else None]))


def test_web_story_page_shows_every_section(client: TestClient) -> None:
    page = client.get(f"/stories/{_story_id(client, LEVY_TITLE)}").text
    for anchor in ("summary", "timeline", "facts", "single", "contradictions", "entities", "quotes", "coverage", "reports"):
        assert f'id="{anchor}"' in page
    assert "<svg" in page and "<rect" in page  # the timeline chart
    assert 'class="matrix"' in page and "Harbor Times" in page
    assert "Amara Okondzho" in page  # a spelling of an entity
    assert 'href="/entities/Amara%20Okonjo"' in page


def test_web_story_page_marks_only_direct_quotes_as_quotations(client: TestClient) -> None:
    page = client.get(f"/stories/{_story_id(client, LEVY_TITLE)}").text
    section = page[page.index('id="quotes"'):page.index("</section>", page.index('id="quotes"'))]
    assert "every crown raised would be spent on trains and buses" in section
    assert "reported speech" in section
    assert re.search(r"<small>[a-z][a-z ]*, (?:quoted|reported speech)</small>", section)  # the cue
    assert "<q>that every crown" not in section and "<q>every crown" not in section
    assert "<q>" not in section or "quoted</small>" in section


def test_web_story_page_puts_direct_quotes_in_quote_marks(client: TestClient, web_db: str) -> None:
    story_id = _story_id(client, LEVY_TITLE)
    with Store(web_db) as store:
        record = queries.story_record(store, story_id)
        record["quotes"] = [{"id": "q1", "speaker": "Amara Okonjo", "text": "We will not back down",
                             "kind": "direct", "sources": ["levy-a"], "outlets": ["Harbor Times"],
                             "variants": [{"article": "levy-a", "outlet": "Harbor Times", "kind": "direct",
                                           "text": "We will not back down"}]}]
        store.save_story_records(1, {story_id: record})
    section = client.get(f"/stories/{story_id}").text
    section = section[section.index('id="quotes"'):]
    assert "<q>We will not back down</q> <small>quoted</small>" in section


def test_web_story_page_shows_contradictions_side_by_side(client: TestClient, web_db: str) -> None:
    story_id = _story_id(client, LEVY_TITLE)
    with Store(web_db) as store:
        record = queries.story_record(store, story_id)
        record["contradictions"] = [{"kind": "number", "fact": "f1",
                                     "left": {"article": "levy-a", "outlet": "Harbor Times", "start": 0, "end": 73,
                                              "text": "approved by 112 votes", "value": "112"},
                                     "right": {"article": "levy-b", "outlet": "Meridian Post", "start": 0, "end": 73,
                                               "text": "approved by 121 votes", "value": "121"}}]
        store.save_story_records(1, {story_id: record})
    page = client.get(f"/stories/{story_id}").text
    clash = page[page.index('class="clash"'):]
    assert clash.index("112") < clash.index("121")
    assert 'href="/articles/levy-b?cite=0-73#cited"' in clash


def test_web_unknown_pages_answer_404(client: TestClient) -> None:
    for path in ("/stories/nope", "/articles/nope", "/no/such/page"):
        page = client.get(path)
        assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    for path in ("/api/stories/nope", "/api/articles/nope", "/api/stories/nope/facts"):
        answer = client.get(path)
        assert answer.status_code == 404 and "detail" in answer.json()


def test_web_article_page_highlights_annotations_and_links_the_original(client: TestClient) -> None:
    page = client.get("/articles/levy-a").text
    assert re.search(r'<a class="ent ent-person[^"]*" href="/entities/Amara%20Okonjo"', page)
    assert 'class="time"' in page and "quote" in page
    assert 'href="https://harbor.example/levy" rel="noopener noreferrer nofollow"' in page
    assert 'id="c0"' in page  # each sentence is an anchor


def test_web_entity_page_lists_every_story_naming_it(client: TestClient) -> None:
    page = client.get("/entities/" + quote("Amara Okonjo"))
    assert page.status_code == 200 and LEVY_TITLE in page.text and FLOOD_TITLE not in page.text
    assert "Amara Okondzho" in page.text  # the spellings in that story
    data = client.get("/api/entities/" + quote("Amara Okonjo")).json()
    assert data["total"] == 1 and data["items"][0]["entity"]["type"] == "PERSON"
    assert client.get("/api/entities/Nobody%20Here").json()["total"] == 0


def test_web_api_story_and_its_sections(client: TestClient) -> None:
    story_id = _story_id(client, LEVY_TITLE)
    story = client.get(f"/api/stories/{story_id}").json()
    assert story["title"] == LEVY_TITLE and story["summary"] and story["entities"] and story["timeline"]
    assert {c["article"] for s in story["summary"] for c in s["citations"]} <= {"levy-a", "levy-b", "levy-c"}
    page = client.get(f"/api/stories/{story_id}/entities", params={"limit": 2, "offset": 1}).json()
    assert page["total"] == len(story["entities"]) and page["items"] == story["entities"][1:3]
    assert client.get(f"/api/stories/{story_id}/coverage").json()["items"] == story["coverage"]["rows"]
    assert client.get(f"/api/stories/{story_id}/nonsense").status_code == 422


def test_web_api_articles(client: TestClient) -> None:
    listing = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert listing["total"] == 6 and len(listing["items"]) == 2
    story_id = _story_id(client, LEVY_TITLE)
    members = client.get("/api/articles", params={"story": story_id}).json()
    assert sorted(a["id"] for a in members["items"]) == ["levy-a", "levy-b", "levy-c"]
    article = client.get("/api/articles/levy-a").json()
    assert article["text"].startswith("Estravia's parliament") and article["story"]["id"] == story_id
    assert article["sentences"] and article["mentions"] and article["times"]
    assert all(article["text"][m["start"]:m["end"]] == m["text"] for m in article["mentions"])


def test_web_api_facets_status_and_openapi(client: TestClient) -> None:
    facets = client.get("/api/facets").json()
    assert "Meridian Post" in facets["outlets"] and "fr" in facets["languages"]
    assert client.get("/api/status").json() == {"stories": 3, "articles": 6, "read_only": True}
    spec = client.get("/api/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/ingest", "/api/articles/{article_id}"} <= set(spec["paths"])
    assert client.get("/docs").status_code == 404  # the interactive docs would load from a CDN


def test_web_views_article_href_quotes_ids() -> None:
    assert views.article_href("a/b?c", (3, 9)) == "/articles/a%2Fb%3Fc?cite=3-9#cited"


def test_web_quotes_of_one_entity_are_one_group_whatever_the_spelling() -> None:
    quote = {"sources": ["a1"], "outlets": [], "variants": [], "kind": "indirect"}
    quotes = [{**quote, "id": "q1", "speaker": "Hulusi Akal", "speaker_entity": "Hulusi Akar", "text": "one",
               "cue": "insisted", "variants": [{"article": "a1", "text": "one", "cue": "insisted"}]},
              {**quote, "id": "q2", "speaker": "Akkar", "speaker_entity": "Hulusi Akar", "text": "two"},
              {**quote, "id": "q3", "speaker": "a senior official", "speaker_entity": None, "text": "three"},
              {**quote, "id": "q4", "speaker": None, "speaker_entity": None, "text": "four"}]
    groups = views._quote_groups(quotes, views._Citer({}, {}))
    assert [(g["speaker"], [q["id"] for q in g["quotes"]]) for g in groups] == [
        ("Hulusi Akar", ["q1", "q2"]), ("a senior official", ["q3"]), (None, ["q4"])]
    assert groups[0]["href"] == "/entities/Hulusi%20Akar"
    first = groups[0]["quotes"][0]
    assert first["cue"] == "insisted" and first["variants"][0]["cue"] == "insisted"
    assert groups[0]["quotes"][1]["cue"] is None


def test_web_citations_name_outlet_and_language_and_never_an_unknown_outlet_by_id() -> None:
    from storyline.present.web.views import _Citer

    articles = {"x2": {"source": None, "language": "es"}, "x3": {"source": "Le Monde", "language": "fr"}}
    citer = _Citer(articles, {})
    assert citer.cite("x3")["outlet"] == "Le Monde · fr"
    assert citer.cite("x2")["outlet"] == "outlet not known · es"
    assert citer.outlets(["x2", "Le Monde", None]) == ["outlet not known · es", "Le Monde"]


def test_web_story_page_cites_each_report_with_its_language(client: TestClient) -> None:
    page = client.get(f"/stories/{_story_id(client, LEVY_TITLE)}").text
    summary = page[page.index('id="summary"'):page.index("</section>", page.index('id="summary"'))]
    cited = re.findall(r'class="cite" href="[^"]+" title="[^"]*">([^<]+)</a>', summary)
    assert cited and all(name.endswith(" · en") for name in cited)


def test_web_story_page_separates_established_facts_from_claims(client: TestClient) -> None:
    page = unescape(client.get(f"/stories/{_story_id(client, LEVY_TITLE)}").text)
    facts = page[page.index('id="facts"'):page.index('id="single"')]
    established = facts[:facts.index('id="claims"')]
    claims = facts[facts.index('id="claims"'):]
    assert "The levy adds 9 cents per litre of diesel from July 1." in established  # two outlets' own words
    assert "every crown raised would be spent on trains and buses" in claims  # the minister's claim
    assert re.search(r'claimed by <span class="party party-person"[^>]*>Amara Okonjo</span>', claims)
    assert "every crown raised" not in established
