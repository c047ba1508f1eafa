"""Safety of the web app: escaping hostile text, CSP, write tokens, upload limits, paths."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.errors import ConfigError
from storyline.present.web.ingest import upload_suffix
from storyline.present.web.security import CONTENT_SECURITY_POLICY, load_token, safe_url

from .conftest import HOSTILE, TOKEN

NEW_ARTICLE = {"id": "new-1", "source": "Lakeside Courier", "published": "2026-04-02", "language": "en",
               "title": "Glacier museum opens in Tarnholm",
               "text": "A museum devoted to the retreating Tarn glacier opened in Tarnholm on Thursday. "
                       "Curator Maja Lind said that visitors would walk through a tunnel of ancient ice."}


class _Elements(HTMLParser):
    """Every start tag of a page with its attributes, as a browser's tokenizer sees them."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def _no_markup_from_articles(page: str) -> None:
    elements = _Elements(page).found
    assert [attrs for tag, attrs in elements if tag == "script"] in ([], [{"src": "/static/app.js", "defer": None}])
    assert not [tag for tag, _ in elements if tag in ("img", "iframe", "object", "embed")]
    assert not [(tag, name) for tag, attrs in elements for name in attrs if name.startswith("on")]
    assert not [v for _, attrs in elements for v in attrs.values() if v and v.strip().lower().startswith("javascript:")]


def test_web_hostile_article_is_shown_escaped(client: TestClient) -> None:
    page = client.get("/articles/hostile-1").text
    _no_markup_from_articles(page)
    assert "&lt;script&gt;window.__pwned = 1;" in page
    assert "onerror=&#34;window.__pwned=2&#34;" in page
    assert "original: <code>javascript:alert(1)</code>" in page  # shown, not linked


def test_web_hostile_title_and_outlet_are_escaped_everywhere(client: TestClient) -> None:
    story_id = next(s["id"] for s in client.get("/api/stories", params={"limit": 100}).json()["items"]
                    if s["title"] == HOSTILE["title"])
    for path in ("/", "/?page=2", f"/stories/{story_id}", "/api/stories"):
        page = client.get(path).text
        if path.startswith("/api"):
            assert json.loads(page)  # JSON is data; the browser does not render it as HTML
            continue
        _no_markup_from_articles(page)
    assert "&lt;script&gt;window.__pwned=4&lt;/script&gt;" in client.get(f"/stories/{story_id}").text


@pytest.mark.parametrize("path", ["/", "/stories/nope", "/api/stories", "/api/openapi.json", "/static/style.css",
                                  "/ingest", "/api/nope"])
def test_web_every_response_carries_the_csp(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY and "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"


def test_web_no_inline_script_or_style_in_pages(client: TestClient) -> None:
    for path in ("/", "/stories/" + client.get("/api/stories").json()["items"][0]["id"], "/articles/levy-a", "/ingest"):
        page = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
        assert " style=" not in page and "<style" not in page


def test_web_ingest_is_refused_when_read_only(client: TestClient) -> None:
    answer = client.post("/api/ingest", data={"text": "Some text."}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 403 and "read-only" in answer.json()["detail"]
    page = client.post("/ingest", data={"text": "Some text.", "token": TOKEN})
    assert page.status_code == 403 and "read-only" in page.text
    assert client.get("/api/status").json()["articles"] == 6


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"X-Storyline-Token": "wrong"},
                                     {"Authorization": TOKEN}])
def test_web_ingest_needs_the_right_token(writer: TestClient, headers: dict[str, str]) -> None:
    answer = writer.post("/api/ingest", data={"text": NEW_ARTICLE["text"]}, headers=headers)
    assert answer.status_code == 403
    assert writer.get("/api/status").json()["articles"] == 6


def test_web_upload_with_token_is_stored_and_listed(writer: TestClient) -> None:
    body = (json.dumps(NEW_ARTICLE) + "\n").encode()
    answer = writer.post("/api/ingest", files=[("files", ("../../etc/passwd.jsonl", body, "application/json"))],
                         headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert result["stored"] == 1 and [a["id"] for a in result["articles"]] == ["new-1"]
    assert result["stories"][0]["title"] == NEW_ARTICLE["title"]
    titles = [s["title"] for s in writer.get("/api/stories").json()["items"]]
    assert titles[0] == NEW_ARTICLE["title"]  # the latest story comes first
    again = writer.post("/api/ingest", files=[("files", ("a.jsonl", body, "application/json"))],
                        headers={"X-Storyline-Token": TOKEN}).json()
    assert again["stored"] == 0 and again["duplicates"] == 1


def test_web_ingest_page_pastes_an_article(writer: TestClient) -> None:
    form = {"token": TOKEN, "text": NEW_ARTICLE["text"], "title": NEW_ARTICLE["title"], "source": "Lakeside Courier",
            "published": "2026-04-02", "language": "en", "url": ""}
    page = writer.post("/ingest", data=form)
    assert page.status_code == 200 and 'id="ingest-result"' in page.text
    assert "1 stored" in page.text and NEW_ARTICLE["title"] in page.text
    assert NEW_ARTICLE["title"] in writer.get("/").text
    wrong = writer.post("/ingest", data={**form, "token": "nope"})
    assert wrong.status_code == 403 and 'id="ingest-error"' in wrong.text


def test_web_ingest_with_nothing_is_refused(writer: TestClient) -> None:
    assert writer.post("/api/ingest", data={"text": "  "}, headers={"X-Storyline-Token": TOKEN}).status_code == 422


def test_web_upload_over_the_limit_is_refused(writer: TestClient) -> None:
    big = b"x" * 70_000  # the fixture's limit is 64,000 bytes
    answer = writer.post("/api/ingest", files=[("files", ("big.txt", big, "text/plain"))],
                         headers={"X-Storyline-Token": TOKEN})
    assert answer.status_code == 413
    assert answer.headers["content-security-policy"] == CONTENT_SECURITY_POLICY

    def chunks() -> Iterator[bytes]:  # no Content-Length: the body is counted as it arrives
        for _ in range(10):
            yield b"y" * 10_000

    streamed = writer.post("/api/ingest", content=chunks(), headers={
        "X-Storyline-Token": TOKEN, "Content-Type": "multipart/form-data; boundary=b0undary"})
    assert streamed.status_code == 413
    assert writer.get("/api/status").json()["articles"] == 6


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/..%2f..%2fapp.py", "/static/%2e%2e/app.py",
                                  "/static/../../../../etc/passwd", "/static/templates/base.html"])
def test_web_static_files_stay_in_their_folder(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "import" not in response.text and "root:" not in response.text


def test_web_upload_names_only_lend_a_known_extension() -> None:
    assert upload_suffix("../../etc/passwd") == ""
    assert upload_suffix("feed.RSS") == ".rss" and upload_suffix("crawl.warc.gz") == ".warc.gz"
    assert upload_suffix("x.jsonl/../../y") == ""


def test_web_api_refuses_nul_in_query_strings(client: TestClient) -> None:
    assert client.get("/api/stories", params={"q": "a\x00b"}).status_code == 422
    assert client.get("/", params={"q": "a\x00b"}).status_code == 200


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.org/a?b=1", "https://example.org/a?b=1"), ("http://x.example", "http://x.example"),
    ("javascript:alert(1)", None), ("JavaScript:alert(1)", None), ("data:text/html,<b>", None),
    ("//evil.example/x", None), ("/relative", None), ("https://exa mple.org", None), ("", None), (None, None),
])
def test_web_safe_url(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_web_token_from_env_or_file(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("from-file\n", encoding="utf-8")
    assert load_token({}) is None
    assert load_token({"STORYLINE_API_TOKEN": " abc "}) == "abc"
    assert load_token({"STORYLINE_API_TOKEN_FILE": str(token_file)}) == "from-file"
    empty = tmp_path / "empty"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="empty"):
        load_token({"STORYLINE_API_TOKEN_FILE": str(empty)})
    with pytest.raises(ConfigError, match="cannot read"):
        load_token({"STORYLINE_API_TOKEN_FILE": str(tmp_path / "missing")})
