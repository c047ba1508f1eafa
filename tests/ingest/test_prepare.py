"""Tests of storyline.ingest.prepare: RawItem → Article, with metadata and its provenance."""

from __future__ import annotations

import json

import pytest

from storyline.config import IngestConfig
from storyline.errors import InputError
from storyline.ingest.language import LanguageDetector
from storyline.ingest.html import MAX_MARKUP_CHARS, bounded_markup
from storyline.ingest.prepare import prepare
from storyline.ingest.readers import RawItem, read_jsonl
from storyline.model import Article, content_id

CONFIG = IngestConfig()
BODY = ("The harbour council voted on Thursday to build a new bridge across the river, ending a "
        "decade of debate about the crossing.\n"
        "Work is expected to start in May, the mayor told reporters after the vote in the town hall.")
SPANISH = ("El consejo municipal aprobó el jueves la construcción de un nuevo puente sobre el río, "
           "poniendo fin a una década de debate. Las obras comenzarán en mayo, según dijo la alcaldesa "
           "a los periodistas después de la votación en el ayuntamiento.")
PAGE = ("<html><head><title>Bridge vote</title>{meta}</head><body><article><h1>Bridge vote</h1>"
        "<p>The harbour council voted on Thursday to build a new bridge across the river, ending a "
        "decade of debate.</p><p>Work is expected to start in May, the mayor said after the vote.</p>"
        "</article></body></html>")


def no_language(_text: str) -> str | None:
    return None


def _prepare(kind: str, body: str | bytes, hints: dict | None = None, *, folder: str | None = None,  # type: ignore[type-arg]
             record: int | None = None, config: IngestConfig = CONFIG, language_of=no_language) -> Article | InputError:  # type: ignore[no-untyped-def]
    item = RawItem("in/file", record, kind, body, hints or {}, folder)
    return prepare(item, config=config, language_of=language_of)


def _article(*args, **kwargs) -> Article:  # type: ignore[no-untyped-def]
    result = _prepare(*args, **kwargs)
    assert isinstance(result, Article), result
    return result


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector(languages=("en", "es", "fr", "de"))


# --- dates -----------------------------------------------------------------------------------


def test_date_header_becomes_published() -> None:
    article = _article("text", " date 2021-02-11 .\n" + BODY)
    assert article.published == "2021-02-11"
    assert article.meta["published_from"] == "header"
    assert "date 2021" not in article.text
    assert article.text.startswith("The harbour council")


def test_date_in_the_url_path() -> None:
    article = _article("fragment", "<p>" + BODY + "</p>", {"url": "https://news.example/world/2021/03/04/bridge-vote"})
    assert (article.published, article.meta["published_from"]) == ("2021-03-04", "url")
    compact = _article("fragment", "<p>" + BODY + "</p>", {"url": "https://news.example/20190715/bridge.html"})
    assert compact.published == "2019-07-15"


def test_impossible_url_date_is_ignored() -> None:
    article = _article("fragment", "<p>" + BODY + "</p>", {"url": "https://news.example/2021/02/30/x"})
    assert article.published is None


def test_given_date_wins_and_is_metadata() -> None:
    article = _article("fragment", "<p>" + BODY + "</p>",
                       {"url": "https://news.example/2021/03/04/x", "published": "2021-03-05T10:00:00Z"})
    assert (article.published, article.meta["published_from"]) == ("2021-03-05T10:00:00Z", "metadata")


def test_dateline_date_in_the_text() -> None:
    article = _article("text", "ANKARA, Feb 11, 2021 - " + BODY)
    assert (article.published, article.meta["published_from"]) == ("2021-02-11", "text")


# --- outlet ----------------------------------------------------------------------------------


def test_outlet_from_jsonl_source() -> None:
    article = _article("article", BODY, {"id": "x1", "source": "Harbour Gazette", "url": "https://other.example/a"})
    assert (article.source, article.meta["source_from"]) == ("Harbour Gazette", "metadata")


def test_outlet_from_html_site_name() -> None:
    page = PAGE.format(meta='<meta property="og:site_name" content="Harbour Gazette">').encode()
    article = _article("html", page)
    assert (article.source, article.meta["source_from"]) == ("Harbour Gazette", "metadata")
    assert article.title == "Bridge vote"
    assert article.meta["format"] == "html"


def test_outlet_from_url_domain() -> None:
    article = _article("fragment", "<p>" + BODY + "</p>", {"url": "https://www.valley-times.example/news/dam"})
    assert (article.source, article.meta["source_from"]) == ("valley-times.example", "url")


def test_outlet_from_folder() -> None:
    article = _article("text", BODY, folder="reuters")
    assert (article.source, article.meta["source_from"]) == ("reuters", "folder")


def test_no_outlet_at_all() -> None:
    article = _article("text", BODY)
    assert article.source is None and "source_from" not in article.meta


# --- language --------------------------------------------------------------------------------


def test_language_given_is_kept_and_normalised(detector: LanguageDetector) -> None:
    article = _article("article", SPANISH, {"language": "ES-mx"}, language_of=detector)
    assert (article.language, article.meta["language_from"]) == ("es", "metadata")


def test_language_detected_for_english_and_spanish(detector: LanguageDetector) -> None:
    english = _article("text", BODY, language_of=detector)
    spanish = _article("text", SPANISH, language_of=detector)
    assert (english.language, english.meta["language_from"]) == ("en", "detected")
    assert (spanish.language, spanish.meta["language_from"]) == ("es", "detected")


def test_too_short_text_has_no_language(detector: LanguageDetector) -> None:
    article = _article("text", "Bridge: yes.", language_of=detector)
    assert article.language is None and "language_from" not in article.meta


# --- jsonl -----------------------------------------------------------------------------------


def test_jsonl_id_and_unknown_fields_are_kept() -> None:
    line = {"id": "wire-0042", "text": BODY, "title": "Bridge vote", "story": "s1",
            "desk": "metro", "tags": ["bridge", "council"], "provenance": {"path": "ignored"}}
    import io

    (item,) = list(read_jsonl(io.BytesIO(json.dumps(line).encode() + b"\n"), "in.jsonl", 1 << 20))
    article = prepare(item, config=CONFIG, language_of=no_language)
    assert isinstance(article, Article)
    assert article.id == "wire-0042"
    assert article.story == "s1" and article.title == "Bridge vote"
    assert dict(article.extra) == {"desk": "metro", "tags": ["bridge", "council"]}
    assert article.meta["content_hash"] == content_id(article.text)
    assert (article.provenance.path, article.provenance.record) == ("in.jsonl", 1)  # type: ignore[union-attr]
    out = article.to_json()
    assert out["desk"] == "metro" and out["tags"] == ["bridge", "council"]


def test_numeric_jsonl_id_becomes_a_string() -> None:
    assert _article("article", BODY, {"id": 17}).id == "17"


def test_content_id_is_stable_across_whitespace_and_case() -> None:
    one = _article("text", BODY)
    two = _article("text", "  " + BODY.upper().replace(" ", "   \t ").replace("\n", "\n\n\n") + "\n\n")
    assert one.id == two.id == content_id(BODY)
    assert one.id != _article("text", BODY.replace("May", "June")).id


# --- refusals and hostile input --------------------------------------------------------------


def test_text_that_is_only_boilerplate_is_an_error() -> None:
    junk = "Share on Facebook\nFollow us on Twitter\nSubscribe to our newsletter\nRead more:\n"
    result = _prepare("text", junk, record=4)
    assert isinstance(result, InputError)
    assert result.path == "in/file" and result.record == 4
    assert "no article text" in result.problem


def test_errors_pass_through() -> None:
    error = InputError("x", "broken", 3)
    assert prepare(error, config=CONFIG, language_of=no_language) is error


def test_html_without_text_is_an_error() -> None:
    result = _prepare("html", b"<html><body><script>var a = 1;</script></body></html>")
    assert isinstance(result, InputError) and result.path == "in/file"


HOSTILE = [
    b"<html><body><script>alert('x')</script><p>The council met on Monday and agreed the budget for "
    b"next year after a long debate.</p><img src=x onerror=alert(1)></body></html>",
    b"<html><body>" + b"<div>" * 5000 + b"<p>Deep text in the middle of many nested divisions here.</p>"
    + b"</div>" * 5000 + b"</body></html>",
    b"<html><body><p>Nul\x00bytes\x00in the\x00 text of the council meeting report today.</p></body></html>",
    b"<html><body><p>Broken &#xZZ; entities &#99999999; &am; &; &#; here in the report on the vote.</p></body></html>",
    "<html><body><p>CafÃ© owners in MontrÃ©al said the new rules were Ã  la carte nonsense.</p></body></html>".encode(),
    b"<html><body><p>unclosed <b><i>tags <table><tr><td>cell",
    b"\xff\xfe\x00<\x00h\x00t",
    b"<",
    b"",
]


@pytest.mark.parametrize("page", HOSTILE, ids=range(len(HOSTILE)))
@pytest.mark.parametrize("kind", ["html", "fragment", "text"])
def test_hostile_html_never_raises(page: bytes, kind: str) -> None:
    body: str | bytes = page if kind == "html" else page.decode("utf-8", errors="replace")
    result = _prepare(kind, body)
    assert isinstance(result, (Article, InputError))
    if isinstance(result, Article):
        assert "\x00" not in result.text
        assert "<script" not in result.text and "alert(" not in result.text or kind == "text"


def test_script_content_is_not_article_text() -> None:
    result = _article("html", HOSTILE[0])
    assert "alert" not in result.text and "council met on Monday" in result.text


def test_mojibake_is_repaired() -> None:
    result = _article("fragment", HOSTILE[4].decode())
    assert "Café owners in Montréal" in result.text


def test_long_text_is_truncated_with_a_mark() -> None:
    paragraph = ("The council debated the bridge for a long time and nobody could agree on its colour "
                 "or its length or its cost. ") * 5
    text = "\n\n".join(f"{n}. {paragraph}" for n in range(4000))  # about 2 MB
    assert len(text) > 2_000_000
    config = IngestConfig(max_text_chars=10_000)
    article = _article("text", text, config=config)
    assert len(article.text) <= 10_000
    assert article.meta["truncated"] is True
    assert article.text.endswith(".")  # cut at a paragraph break
    short = _article("text", BODY, config=config)
    assert "truncated" not in short.meta


def test_provenance_keeps_path_and_record() -> None:
    article = _article("fragment", "<p>" + BODY + "</p>", record=9)
    assert (article.provenance.path, article.provenance.record) == ("in/file", 9)  # type: ignore[union-attr]


def _long_page(scripts: int, paragraphs: int) -> str:
    lines = [f"<p>Comment {n}: the reader number {n} wrote about item {n * 7} of the thread.</p>"
             for n in range(paragraphs)]
    script = "<script>var data = [" + "1234567890," * scripts + "0];</script>"
    return ("<html><head><title>Bridge vote</title>" + script + "</head><body><article><h1>Bridge vote</h1>"
            "<p>The harbour council voted on Thursday to build a new bridge across the river, ending a "
            "decade of debate.</p><p>Work is expected to start in May, the mayor said after the vote.</p>"
            "</article><section>" + "\n".join(lines) + "</section></body></html>")


def test_a_small_page_goes_to_extraction_as_it_is() -> None:
    page = PAGE.format(meta="")
    assert bounded_markup(page) == (page, False)


def test_a_page_heavy_with_scripts_is_slimmed_not_cut() -> None:
    page = _long_page(scripts=200_000, paragraphs=10)
    assert len(page) > 2 * MAX_MARKUP_CHARS
    slim, cut = bounded_markup(page)
    assert not cut and "1234567890" not in slim and "Comment 9:" in slim
    article = _article("html", page)
    assert "new bridge" in article.text and not article.meta.get("truncated")


def test_a_page_of_endless_paragraphs_is_cut_before_extraction_and_says_so() -> None:
    page = _long_page(scripts=0, paragraphs=20_000)
    assert len(page) > MAX_MARKUP_CHARS
    slim, cut = bounded_markup(page)
    assert cut and len(slim) <= MAX_MARKUP_CHARS and slim.rstrip().endswith(">")
    article = _article("html", page)
    assert "new bridge" in article.text and "Comment 19999:" not in article.text
    assert article.meta["truncated"] is True
