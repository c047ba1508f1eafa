"""Tests of storyline.ingest.readers: one reader per format, errors as values, streaming."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from storyline.errors import InputError
from storyline.ingest.readers import RawItem, read_feed, read_html, read_jsonl, read_text, read_warc

LIMIT = 1 << 20
PATH = "in/file"


def _run(reader, data: bytes, max_bytes: int = LIMIT, path: str = PATH) -> list[RawItem | InputError]:  # type: ignore[no-untyped-def]
    return list(reader(io.BufferedReader(io.BytesIO(data)), path, max_bytes))


def _items(results: list[RawItem | InputError]) -> list[RawItem]:
    return [r for r in results if isinstance(r, RawItem)]


def _errors(results: list[RawItem | InputError]) -> list[InputError]:
    return [r for r in results if isinstance(r, InputError)]


# --- text and html ---------------------------------------------------------------------------


def test_text_file_is_one_item_decoded() -> None:
    text = "Café owners in Montréal said prices rose.\nSecond paragraph here."
    (item,) = _run(read_text, text.encode("utf-8"))
    assert isinstance(item, RawItem)
    assert (item.path, item.record, item.kind, item.body) == (PATH, None, "text", text)


def test_text_over_the_record_limit_is_an_error() -> None:
    (error,) = _run(read_text, b"word " * 100, max_bytes=50)
    assert isinstance(error, InputError) and error.path == PATH and "limit" in error.problem


def test_undecodable_text_is_an_error() -> None:
    data = bytes(range(1, 256)) * 8
    (error,) = _run(read_text, data.replace(b"\x00", b""))
    assert isinstance(error, InputError) and "undecodable" in error.problem


def test_html_file_is_one_item_of_raw_bytes() -> None:
    page = b"<html><body><p>Hello</p></body></html>"
    (item,) = _run(read_html, page)
    assert isinstance(item, RawItem) and item.kind == "html" and item.body == page


def test_html_over_the_limit_is_an_error() -> None:
    (error,) = _run(read_html, b"<p>x</p>" * 100, max_bytes=100)
    assert isinstance(error, InputError)


# --- jsonl -----------------------------------------------------------------------------------


def _line(**fields: object) -> bytes:
    return json.dumps(fields).encode() + b"\n"


def test_jsonl_records_with_line_numbers_and_hints() -> None:
    data = (_line(id="a", text="First.", title="T1", source="Wire", lang_note="x")
            + b"\n   \n"
            + _line(text="Second.", url="https://example.com/2"))
    items = _run(read_jsonl, data)
    assert [(i.record, i.kind, i.body) for i in _items(items)] == [(1, "article", "First."), (4, "article", "Second.")]
    assert not _errors(items)
    assert items[0].hints == {"id": "a", "title": "T1", "source": "Wire", "lang_note": "x"}  # type: ignore[union-attr]


def test_jsonl_malformed_line_is_an_error_with_its_line_and_the_rest_is_read() -> None:
    data = _line(text="one") + b'{"text": "broken",\n' + _line(text="three")
    results = _run(read_jsonl, data)
    assert [i.body for i in _items(results)] == ["one", "three"]
    (error,) = _errors(results)
    assert error.record == 2 and error.path == PATH
    assert str(error).startswith(f"{PATH}:2: malformed JSON")


def test_jsonl_non_object_and_missing_text_are_errors() -> None:
    data = b'["a", "list"]\n42\n' + _line(title="no text") + _line(text=7) + _line(text="ok")
    results = _run(read_jsonl, data)
    errors = _errors(results)
    assert [e.record for e in errors] == [1, 2, 3, 4]
    assert "JSON object" in errors[0].problem and "list" in errors[0].problem
    assert "'text'" in errors[2].problem and "'text'" in errors[3].problem
    assert [(i.record, i.body) for i in _items(results)] == [(5, "ok")]


def test_jsonl_line_over_the_limit_is_skipped_and_the_next_line_read() -> None:
    long_line = _line(text="x" * 5000)
    data = _line(text="before") + long_line + _line(text="after")
    results = _run(read_jsonl, data, max_bytes=1000)
    assert [(i.record, i.body) for i in _items(results)] == [(1, "before"), (3, "after")]
    (error,) = _errors(results)
    assert error.record == 2 and "longer than" in error.problem


def test_jsonl_line_much_longer_than_the_skip_chunk_is_skipped_whole() -> None:
    data = _line(text="x" * (3 << 20)) + _line(text="after")
    results = _run(read_jsonl, data, max_bytes=1000)
    assert [(i.record, i.body) for i in _items(results)] == [(2, "after")]
    assert [e.record for e in _errors(results)] == [1]


def test_jsonl_last_line_without_newline_is_read() -> None:
    results = _run(read_jsonl, _line(text="a") + b'{"text": "b"}')
    assert [i.body for i in _items(results)] == ["a", "b"]


def test_jsonl_invalid_utf8_line_is_an_error_and_the_rest_is_read() -> None:
    data = _line(text="good") + b'{"text": "caf\xe9 \xff"}\n' + _line(text="also good")
    results = _run(read_jsonl, data)
    assert [i.body for i in _items(results)] == ["good", "also good"]
    (error,) = _errors(results)
    assert error.record == 2 and "UTF-8" in error.problem


def test_jsonl_truncated_gzip_ends_with_an_error_not_an_exception(tmp_path: Path) -> None:
    from storyline.config import IngestConfig
    from storyline.pipeline import iter_raw_items

    lines = b"".join(_line(id=str(n), text=f"Report number {n} about the harbour.") for n in range(3000))
    data = gzip.compress(lines)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) * 2 // 3])
    results = list(iter_raw_items([str(path)], IngestConfig()))
    assert len(_items(results)) > 100
    (error,) = _errors(results)
    assert error.path == str(path)
    assert results[-1] is error


# --- feeds -----------------------------------------------------------------------------------

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Harbour Gazette</title>
  <link>https://gazette.example/</link>
  <item>
    <title>Council approves bridge</title>
    <link>https://gazette.example/2021/02/11/bridge</link>
    <pubDate>Thu, 11 Feb 2021 09:30:00 GMT</pubDate>
    <description>Short summary.</description>
    <content:encoded><![CDATA[<p>The council approved the bridge on Thursday.</p><p>Work starts in May.</p>]]></content:encoded>
    <author>desk@gazette.example (Ana Ruiz)</author>
  </item>
  <item>
    <title>Ferry delayed</title>
    <link>https://gazette.example/ferry</link>
    <description>&lt;p&gt;The ferry was delayed by fog.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Empty one</title>
  </item>
</channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Valley Times</title>
  <id>urn:valley</id>
  <updated>2021-03-02T10:00:00Z</updated>
  <entry>
    <title>Dam inspected</title>
    <id>urn:valley:1</id>
    <link href="https://valley.example/dam"/>
    <published>2021-03-01T08:15:00Z</published>
    <updated>2021-03-02T10:00:00Z</updated>
    <content type="html">&lt;p&gt;Engineers inspected the dam on Monday.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Road closed</title>
    <id>urn:valley:2</id>
    <link href="https://valley.example/road"/>
    <updated>2021-03-02T07:00:00Z</updated>
    <summary>The mountain road is closed after a landslide.</summary>
  </entry>
</feed>
"""


def test_rss_items_are_articles_with_content_link_date_and_feed_title() -> None:
    results = _run(read_feed, RSS)
    first, second = _items(results)
    assert (first.record, first.kind) == (1, "fragment")
    assert "The council approved the bridge on Thursday." in first.body
    assert "Short summary" not in first.body  # content wins over the summary
    assert first.hints["title"] == "Council approves bridge"
    assert first.hints["url"] == "https://gazette.example/2021/02/11/bridge"
    assert first.hints["published"] == "2021-02-11T09:30:00Z"
    assert first.hints["source"] == "Harbour Gazette"
    assert second.record == 2 and "delayed by fog" in second.body
    assert "published" not in second.hints
    (error,) = _errors(results)
    assert error.record == 3 and "no content or summary" in error.problem


def test_atom_entries_are_articles() -> None:
    first, second = _items(_run(read_feed, ATOM))
    assert "inspected the dam" in first.body
    assert first.hints["url"] == "https://valley.example/dam"
    assert first.hints["published"] == "2021-03-01T08:15:00Z"
    assert first.hints["source"] == "Valley Times"
    assert "landslide" in second.body
    assert second.hints["published"] == "2021-03-02T07:00:00Z"  # updated when not published


def test_malformed_feed_is_one_error() -> None:
    (error,) = _run(read_feed, b"<?xml version='1.0'?><rss><channel><title>Broken<item><title")
    assert isinstance(error, InputError) and error.path == PATH and "malformed feed" in error.problem


def test_feed_over_the_limit_is_an_error() -> None:
    (error,) = _run(read_feed, RSS, max_bytes=100)
    assert isinstance(error, InputError) and "limit" in error.problem


# --- warc ------------------------------------------------------------------------------------


def _page(n: int) -> bytes:
    return (f"<html><head><title>Story {n}</title></head><body><article><p>Paragraph of story {n} "
            f"about the harbour council and its bridge vote.</p></article></body></html>").encode()


def _warc(gzipped: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)

    def response(url: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      length=len(body), http_headers=headers))

    info = b"software: test\r\n"
    writer.write_record(writer.create_warc_record("", "warcinfo", payload=io.BytesIO(info), length=len(info),
                                                  warc_content_type="application/warc-fields"))
    request = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "news.example")], is_http_request=True)
    writer.write_record(writer.create_warc_record("https://news.example/a", "request", http_headers=request))
    response("https://news.example/a", _page(1), "text/html; charset=utf-8")          # record 3
    response("https://news.example/logo.png", b"\x89PNG....", "image/png")            # record 4
    response("https://news.example/missing", _page(9), "text/html", "404 Not Found")  # record 5
    response("https://news.example/b", _page(2), "text/html")                         # record 6
    response("https://news.example/c", _page(3), "application/xhtml+xml")             # record 7
    return buffer.getvalue()


@pytest.mark.parametrize("gzipped", [False, True])
def test_warc_html_responses_are_read_and_the_rest_skipped(gzipped: bool) -> None:
    results = _run(read_warc, _warc(gzipped))
    assert not _errors(results)
    items = _items(results)
    assert [i.record for i in items] == [3, 6, 7]
    assert [i.hints["url"] for i in items] == ["https://news.example/a", "https://news.example/b",
                                               "https://news.example/c"]
    assert all(i.kind == "html" for i in items)
    assert items[0].body == _page(1)
    assert "crawled" in items[0].hints


def test_warc_payload_over_the_limit_is_an_error_for_that_record() -> None:
    results = _run(read_warc, _warc(True), max_bytes=60)
    assert [e.record for e in _errors(results)] == [3, 6, 7]


def test_truncated_warc_gz_yields_the_records_before_the_cut_then_an_error(tmp_path: Path) -> None:
    from storyline.config import IngestConfig
    from storyline.pipeline import iter_raw_items

    data = _warc(True)
    cut = len(data) - 120  # inside the last record
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data[:cut])
    results = list(iter_raw_items([str(path)], IngestConfig()))
    assert [i.record for i in _items(results)] == [3, 6]
    (error,) = _errors(results)
    assert results[-1] is error
    assert error.path == str(path) and error.record == 7
    assert str(error).startswith(f"{path}:7: ")


def test_warc_cut_inside_a_record_header_is_an_error_not_silence() -> None:
    data = _warc(False)
    start = data.index(b"WARC/1.0", data.index(b"https://news.example/b") - 400)
    cut = data.index(b"WARC-Target-URI", start) + 5  # inside the header block of record 6
    results = _run(read_warc, data[:cut])
    assert [i.record for i in _items(results)] == [3]
    (error,) = _errors(results)
    assert error.record == 6 and "truncated" in error.problem


@pytest.mark.parametrize("gzipped", [False, True])
def test_warc_cut_anywhere_never_raises(gzipped: bool) -> None:
    data = _warc(gzipped)
    for cut in range(1, len(data), 37):
        results = _run(read_warc, data[:cut])
        records = [i.record for i in _items(results)]
        assert records == [3, 6, 7][: len(records)]
        assert len(_errors(results)) <= 1
