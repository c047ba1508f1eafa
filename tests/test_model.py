"""Records: the Article JSONL contract round-trips, unknown fields survive, spans slice their text."""

from __future__ import annotations

import json

import pytest

from storyline.model import Article, Provenance, Span, content_id


def test_model_article_jsonl_round_trip_keeps_unknown_fields() -> None:
    line = {"id": "a1", "text": "Body.", "title": "T", "source": "Outlet", "url": "https://x.example/a",
            "published": "2021-02-11", "language": "en", "story": "s400", "section": "World",
            "tags": ["a", "b"], "provenance": {"path": "in.jsonl", "record": 3}}
    article = Article.from_json(line)
    assert article.extra == {"section": "World", "tags": ["a", "b"]}
    assert article.provenance == Provenance("in.jsonl", 3)
    assert article.to_json() == line
    assert Article.from_json(json.loads(json.dumps(article.to_json()))) == article


def test_model_article_to_json_omits_missing_story_but_keeps_other_nulls() -> None:
    data = Article(id="x", text="t").to_json()
    assert "story" not in data
    assert data["title"] is None and data["published"] is None


@pytest.mark.parametrize("bad", [{"id": "x"}, {"id": "x", "text": 5}, {"id": ["x"], "text": "t"}])
def test_model_article_from_json_rejects_bad_records(bad: dict) -> None:
    with pytest.raises(ValueError):
        Article.from_json(bad)


def test_model_article_is_frozen() -> None:
    article = Article(id="x", text="t")
    with pytest.raises(AttributeError):
        article.text = "changed"  # type: ignore[misc]


def test_model_span_slices_its_text() -> None:
    text = "Ned Price said on Wednesday."
    span = Span(18, 27)
    assert span.to_json(text) == {"start": 18, "end": 27, "text": "Wednesday"}
    assert Span.from_json({"start": 18, "end": 27, "text": "ignored"}) == span


def test_model_content_id_ignores_case_and_whitespace_only() -> None:
    assert content_id("Price  said\nthis.") == content_id("price said this.")
    assert content_id("Price said this.") != content_id("Price said that.")
    assert len(content_id("x")) == 16
