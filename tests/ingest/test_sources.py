"""Tests of storyline.ingest.sources: finding input files, opening them, telling their format."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from storyline.errors import InputError
from storyline.ingest.sources import InputFile, iter_input_files, open_input

TEXT = "The minister said on Wednesday that the talks would go on next week.\n"
JSONL = '{"id": "a1", "text": "The minister said the talks would go on."}\n'
RSS = ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Daily Planet</title>'
       '<item><title>One</title><link>https://example.com/one</link>'
       '<description>The council met on Monday.</description></item></channel></rss>\n')
HTML = ("<!DOCTYPE html>\n<html><head><title>A page</title></head><body>"
        "<p>The council met on Monday and voted for the new bridge.</p></body></html>\n")
BIG = 1 << 30


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def _format(path: Path, max_file_bytes: int = BIG) -> tuple[str, bytes]:
    stream, kind = open_input(str(path), max_file_bytes)
    try:
        return kind, stream.read()
    finally:
        stream.close()


def _error(path: Path | str, max_file_bytes: int = BIG) -> InputError:
    with pytest.raises(InputError) as caught:
        stream, _ = open_input(str(path), max_file_bytes)
        stream.close()
    return caught.value


# --- finding files ---------------------------------------------------------------------------


def test_directory_is_walked_recursively_sorted_and_hidden_entries_skipped(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt", TEXT)
    _write(tmp_path / "a.txt", TEXT)
    _write(tmp_path / ".hidden.txt", TEXT)
    _write(tmp_path / ".git" / "config.txt", TEXT)
    _write(tmp_path / "zeta" / "z2.txt", TEXT)
    _write(tmp_path / "zeta" / "z1.txt", TEXT)
    _write(tmp_path / "alpha" / "deep" / "d.txt", TEXT)
    found = list(iter_input_files([str(tmp_path)]))
    assert all(isinstance(f, InputFile) for f in found)
    names = [Path(f.path).relative_to(tmp_path).as_posix() for f in found]  # type: ignore[union-attr]
    assert names == ["a.txt", "b.txt", "alpha/deep/d.txt", "zeta/z1.txt", "zeta/z2.txt"]


def test_sub_folder_name_is_recorded(tmp_path: Path) -> None:
    _write(tmp_path / "top.txt", TEXT)
    _write(tmp_path / "reuters" / "r.txt", TEXT)
    _write(tmp_path / "afp" / "world" / "w.txt", TEXT)
    folders = {Path(f.path).name: f.folder for f in iter_input_files([str(tmp_path)])}  # type: ignore[union-attr]
    assert folders == {"top.txt": None, "r.txt": "reuters", "w.txt": "world"}


def test_a_file_given_directly_has_no_folder(tmp_path: Path) -> None:
    path = _write(tmp_path / "outlet" / "one.txt", TEXT)
    assert list(iter_input_files([str(path)])) == [InputFile(str(path))]


def test_glob_matches_sorted_files(tmp_path: Path) -> None:
    for name in ("c.txt", "a.txt", "b.html", "b.txt"):
        _write(tmp_path / name, TEXT)
    found = list(iter_input_files([str(tmp_path / "*.txt")]))
    assert [Path(f.path).name for f in found] == ["a.txt", "b.txt", "c.txt"]  # type: ignore[union-attr]


def test_missing_path_and_empty_glob_are_errors_not_exceptions(tmp_path: Path) -> None:
    _write(tmp_path / "real.txt", TEXT)
    missing = str(tmp_path / "nope.txt")
    pattern = str(tmp_path / "*.jsonl")
    found = list(iter_input_files([missing, pattern, str(tmp_path / "real.txt")]))
    assert len(found) == 3
    assert isinstance(found[0], InputError) and found[0].path == missing
    assert "no such file" in str(found[0])
    assert isinstance(found[1], InputError) and found[1].path == pattern
    assert "matches" in str(found[1])
    assert isinstance(found[2], InputFile)


def test_stdin_is_passed_through() -> None:
    assert list(iter_input_files(["-"])) == [InputFile("-")]


# --- gzip ------------------------------------------------------------------------------------


def test_gzip_text_is_decompressed_and_detected_by_inner_name(tmp_path: Path) -> None:
    path = _write(tmp_path / "story.txt.gz", gzip.compress(TEXT.encode()))
    assert _format(path) == ("text", TEXT.encode())


def test_gzip_jsonl_is_detected_as_jsonl(tmp_path: Path) -> None:
    path = _write(tmp_path / "articles.jsonl.gz", gzip.compress(JSONL.encode()))
    assert _format(path) == ("jsonl", JSONL.encode())


def test_gzip_is_found_by_magic_bytes_without_gz_suffix(tmp_path: Path) -> None:
    path = _write(tmp_path / "feed.rss", gzip.compress(RSS.encode()))
    assert _format(path) == ("feed", RSS.encode())
    unnamed = _write(tmp_path / "blob", gzip.compress(JSONL.encode()))
    assert _format(unnamed) == ("jsonl", JSONL.encode())


def test_truncated_gzip_gives_an_error_naming_the_file(tmp_path: Path) -> None:
    data = gzip.compress((TEXT * 2000).encode())
    path = _write(tmp_path / "cut.txt.gz", data[: len(data) // 2])
    try:
        stream, _ = open_input(str(path), BIG)
    except InputError as error:  # the cut may already show in the first peek
        assert error.path == str(path)
        return
    try:
        with pytest.raises((EOFError, OSError)):
            stream.read()
    finally:
        stream.close()


def test_truncated_gzip_through_the_engine_is_one_error_naming_the_file(tmp_path: Path) -> None:
    from storyline.config import IngestConfig
    from storyline.pipeline import iter_raw_items

    data = gzip.compress((TEXT * 2000).encode())
    path = _write(tmp_path / "cut.txt.gz", data[: len(data) // 2])
    items = list(iter_raw_items([str(path)], IngestConfig()))
    assert len(items) == 1
    assert isinstance(items[0], InputError)
    assert str(path) in str(items[0])


def test_broken_gzip_header_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.gz", b"\x1f\x8b\x08\x00garbage-not-deflate" * 3)
    error = _error(path)
    assert error.path == str(path)


# --- bad files -------------------------------------------------------------------------------


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "empty.txt", b"")
    error = _error(path)
    assert error.path == str(path) and "empty" in error.problem


def test_empty_gzip_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "empty.txt.gz", gzip.compress(b""))
    assert "empty" in _error(path).problem


@pytest.mark.parametrize(("data", "word"), [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
    (b"some text\x00\x00\x00\x01\x02binary", "NUL"),
])
def test_binary_files_are_refused(tmp_path: Path, data: bytes, word: str) -> None:
    path = _write(tmp_path / "looks-like.txt", data)
    error = _error(path)
    assert error.path == str(path)
    assert "binary" in error.problem and word in error.problem


def test_utf16_text_with_bom_is_not_taken_for_binary(tmp_path: Path) -> None:
    path = _write(tmp_path / "wide.txt", "\ufeff".encode("utf-16-le") + TEXT.encode("utf-16-le"))
    kind, _ = _format(path)
    assert kind == "text"


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.txt", TEXT * 100)
    error = _error(path, max_file_bytes=100)
    assert error.path == str(path)
    assert "limit" in error.problem and "max_file_bytes" in error.problem
    assert _format(path, max_file_bytes=len(TEXT) * 100)[0] == "text"


def test_missing_file_is_an_error_from_open_input(tmp_path: Path) -> None:
    error = _error(tmp_path / "gone.txt")
    assert "cannot open" in error.problem


# --- format sniffing -------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "data", "kind"), [
    ("page.dat", HTML, "html"),
    ("page", "  \n<html><body><p>Hi there.</p></body></html>", "html"),
    ("lines.out", JSONL, "jsonl"),
    ("feed.dat", RSS, "feed"),
    ("atom", '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>X</title></feed>', "feed"),
    ("notes.log", TEXT, "text"),
    ("bom.dat", "\ufeff" + JSONL, "jsonl"),
])
def test_unknown_extensions_are_sniffed(tmp_path: Path, name: str, data: str, kind: str) -> None:
    assert _format(_write(tmp_path / name, data))[0] == kind


@pytest.mark.parametrize(("name", "kind"), [
    ("a.jsonl", "jsonl"), ("a.ndjson", "jsonl"), ("a.htm", "html"), ("a.md", "text"), ("a.TXT", "text"),
])
def test_known_extensions_decide(tmp_path: Path, name: str, kind: str) -> None:
    assert _format(_write(tmp_path / name, TEXT))[0] == kind


def test_xml_file_that_is_not_a_feed_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "config.xml", '<?xml version="1.0"?>\n<settings><a>1</a></settings>\n')
    error = _error(path)
    assert error.path == str(path) and "neither RSS nor Atom" in error.problem


def test_xml_feed_is_accepted(tmp_path: Path) -> None:
    assert _format(_write(tmp_path / "news.xml", RSS))[0] == "feed"


def test_warc_magic_is_detected_without_suffix(tmp_path: Path) -> None:
    path = _write(tmp_path / "capture.bin", b"WARC/1.0\r\nWARC-Type: warcinfo\r\n\r\n")
    assert _format(path)[0] == "warc"


def test_gzipped_warc_is_left_compressed_for_the_warc_reader(tmp_path: Path) -> None:
    raw = gzip.compress(b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n")
    kind, data = _format(_write(tmp_path / "crawl.warc.gz", raw))
    assert kind == "warc"
    assert data == raw
