"""Readers: one per input format, each a generator of RawItems (or InputErrors) from a stream.

Readers only split a file into documents and pick up the metadata the format carries; extraction
and cleaning happen in :mod:`storyline.ingest.prepare`, which may run in worker processes. Every
reader pulls one record at a time, so memory stays flat whatever the file size.

Bounds (so that no single record can crash or stall a run): a record is at most
``max_record_bytes``; a JSON record may hold integers of at most ``MAX_INT_DIGITS`` digits and
nest at most ``MAX_JSON_DEPTH`` levels, and its strings must be Unicode (no lone surrogate from a
``\\ud800`` escape); runs of blank lines are skipped a buffer at a time, not a line at a time.
Any exception inside one record becomes that record's InputError (file and line); the reader
goes on with the next record.
"""

from __future__ import annotations

import json
import time
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from storyline.errors import InputError
from storyline.ingest.decode import decode_bytes

#: kinds of RawItem.body: plain text, a whole HTML page, an HTML fragment (feed item content),
#: or the text of an Article JSONL record.
RAW_KINDS = ("text", "html", "fragment", "article")


@dataclass(frozen=True, slots=True)
class RawItem:
    """One document as read, before extraction and cleaning."""

    path: str
    record: int | None
    kind: str
    body: str | bytes
    hints: Mapping[str, Any] = field(default_factory=dict)
    folder: str | None = None


def read_text(stream: IO[bytes], path: str, max_bytes: int) -> Iterator[RawItem | InputError]:
    """A plain-text file is one article."""
    try:
        data = _read_bounded(stream, path, max_bytes)
        yield RawItem(path, None, "text", decode_bytes(data, path))
    except InputError as error:
        yield error


def read_html(stream: IO[bytes], path: str, max_bytes: int) -> Iterator[RawItem | InputError]:
    """An HTML file is one page; its bytes go to extraction, which finds the encoding."""
    try:
        yield RawItem(path, None, "html", _read_bounded(stream, path, max_bytes))
    except InputError as error:
        yield error


#: Digits an integer in a JSON record may have (Python refuses to convert past 4,300 anyway).
MAX_INT_DIGITS = 100
#: Levels of arrays and objects a JSON record may nest.
MAX_JSON_DEPTH = 64
_BLANK = b" \t\r\n"


def read_jsonl(stream: IO[bytes], path: str, max_bytes: int) -> Iterator[RawItem | InputError]:
    """Article JSONL: one object per line with at least ``text``; blank lines are skipped.

    A file with no record at all (only blank lines) yields one error saying so.
    """
    line_number = 0
    records = 0
    while True:
        try:
            line_number += _skip_blank_lines(stream)
            line = stream.readline(max_bytes + 1)
            too_long = len(line) > max_bytes and not line.endswith(b"\n")
            if too_long:
                _skip_rest_of_line(stream)
        except (OSError, EOFError, zlib.error) as exc:  # a truncated or corrupt .jsonl.gz
            yield InputError(path, f"cannot read: {exc}", line_number + 1)
            return
        if not line:
            if records == 0:
                yield InputError(path, f"no JSON record in the file ({line_number:,} blank lines)")
            return
        line_number += 1
        if too_long:
            records += 1
            yield InputError(path, f"line longer than {max_bytes:,} bytes", line_number)
            continue
        if not line.strip():
            continue
        records += 1
        yield _guarded_item(line, path, line_number)


def _skip_blank_lines(stream: IO[bytes]) -> int:
    """Skip whitespace-only lines a buffer at a time; returns how many newlines were skipped.

    Costs one peek per 64 KiB of blank input, where ``readline`` would cost one call per line
    (a gzip of newlines holds millions).
    """
    peek = getattr(stream, "peek", None)
    skipped = 0
    while peek is not None:
        head = peek(65536)
        blank = len(head) - len(head.lstrip(_BLANK))
        if blank == 0:
            return skipped
        cut = head.rfind(b"\n", 0, blank) + 1  # only whole lines: leading spaces stay with their line
        if cut == 0:
            return skipped
        skipped += head.count(b"\n", 0, cut)
        stream.read(cut)
    return skipped


def _guarded_item(line: bytes, path: str, line_number: int) -> RawItem | InputError:
    """One JSON line as an item, or its error: nothing raised inside one record escapes."""
    try:
        return _jsonl_item(line, path, line_number)
    except InputError as error:
        return error
    except RecursionError:
        return InputError(path, f"JSON nested too deeply (over {MAX_JSON_DEPTH} levels)", line_number)
    except Exception as exc:  # noqa: BLE001  (hostile input: any failure is this record's error)
        return InputError(path, f"cannot read record: {type(exc).__name__}: {_first_line(exc)}", line_number)


def _jsonl_item(line: bytes, path: str, line_number: int) -> RawItem:
    try:
        data = _DECODER.decode(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(path, f"line is not UTF-8 ({exc.reason} at byte {exc.start})", line_number) from exc
    except json.JSONDecodeError as exc:
        raise InputError(path, f"malformed JSON: {exc.msg} at column {exc.colno}", line_number) from exc
    except _TooManyDigits as exc:
        raise InputError(path, f"integer of {exc.args[0]:,} digits (at most {MAX_INT_DIGITS})", line_number) from exc
    problem = json_problem(data)
    if problem:
        raise InputError(path, problem, line_number)
    if not isinstance(data, dict):
        raise InputError(path, f"expected a JSON object, got {type(data).__name__}", line_number)
    text = data.get("text")
    if not isinstance(text, str):
        raise InputError(path, "record has no 'text' string", line_number)
    hints = {k: v for k, v in data.items() if k != "text"}
    return RawItem(path, line_number, "article", text, hints)


class _TooManyDigits(ValueError):
    pass


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise _TooManyDigits(len(digits.lstrip("-")))
    return int(digits)


#: One decoder for every line (json.loads with parse_int builds a new one per call).
_DECODER = json.JSONDecoder(parse_int=_bounded_int)


def json_problem(value: Any) -> str | None:
    """What makes a parsed JSON value unfit to store, or None: nesting deeper than
    ``MAX_JSON_DEPTH``, or a string (key or value) holding a lone surrogate. Iterative, one pass."""
    stack: list[tuple[Any, int, str]] = [(value, 0, "")]
    while stack:
        item, depth, where = stack.pop()
        if depth > MAX_JSON_DEPTH:
            return f"JSON nested too deeply (over {MAX_JSON_DEPTH} levels)"
        if isinstance(item, str):
            if not _is_unicode(item):
                return f"field {where or 'value'!r} holds a lone surrogate (\\ud800-\\udfff), not Unicode text"
        elif isinstance(item, dict):
            for key, child in item.items():
                name = where or str(key)
                if not _is_unicode(str(key)):
                    return "a field name holds a lone surrogate (\\ud800-\\udfff), not Unicode text"
                stack.append((child, depth + 1, name[:40]))
        elif isinstance(item, list):
            stack.extend((child, depth + 1, where) for child in item)
    return None


def _is_unicode(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else ""


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    while True:
        chunk = stream.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def read_feed(stream: IO[bytes], path: str, max_bytes: int) -> Iterator[RawItem | InputError]:
    """RSS or Atom: each item is an article (content or summary, link, date, feed title as source)."""
    import feedparser  # noqa: PLC0415  (only feed inputs pay for the import)

    try:
        data = _read_bounded(stream, path, max_bytes)
    except InputError as error:
        yield error
        return
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        yield InputError(path, f"malformed feed: {parsed.get('bozo_exception', 'unreadable')}")
        return
    source = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        body = _entry_body(entry)
        if not body.strip():
            yield InputError(path, "feed item has no content or summary", number)
            continue
        yield RawItem(path, number, "fragment", body, _entry_hints(entry, source))


def _entry_body(entry: Mapping[str, Any]) -> str:
    contents = entry.get("content") or []
    values = [c.get("value", "") for c in contents if c.get("value")]
    return max(values, key=len) if values else str(entry.get("summary", ""))


def _entry_hints(entry: Mapping[str, Any], source: str | None) -> dict[str, Any]:
    parsed_date = entry.get("published_parsed") or entry.get("updated_parsed")
    published = time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed_date) if parsed_date else None
    hints = {"title": entry.get("title"), "url": entry.get("link"), "published": published,
             "source": source, "author": entry.get("author")}
    return {k: v for k, v in hints.items() if v}


def read_warc(stream: IO[bytes], path: str, max_bytes: int) -> Iterator[RawItem | InputError]:
    """WARC or WARC.gz: every HTML response (or resource) record is a page, as in CC-NEWS."""
    from warcio.archiveiterator import ArchiveIterator  # noqa: PLC0415

    number = 0
    try:
        records = ArchiveIterator(stream)
        for record in records:
            number += 1
            item = _warc_item(record, path, number, max_bytes)
            if _is_cut_short(record):
                yield InputError(path, "truncated WARC: the record ends before its Content-Length", number)
                return
            if item is not None:
                yield item
        if records.offset < records.fh.tell():  # bytes after the last whole record: a record was cut
            yield InputError(path, "truncated WARC: the archive ends inside a record", number + 1)
    except Exception as exc:  # noqa: BLE001  (warcio raises many kinds, AttributeError included, on broken archives)
        problem = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        yield InputError(path, f"truncated or malformed WARC after record {number}: {problem}", number + 1)


def _is_cut_short(record: Any) -> bool:
    """Whether the archive ended inside this record (warcio itself reads a short record silently)."""
    declared = record.rec_headers.get_header("Content-Length") if record.format == "warc" else "0"
    if record.length is None or not (declared or "").strip().isdigit():  # the header block was cut
        return True
    body = record.raw_stream
    while body.read(65536):  # the iterator would skip the rest of the record anyway
        pass
    return getattr(body, "limit", 0) > 0


def _warc_item(record: Any, path: str, number: int, max_bytes: int) -> RawItem | InputError | None:
    if record.rec_type not in ("response", "resource"):
        return None
    content_type = ""
    if record.http_headers is not None:
        if not record.http_headers.get_statuscode().startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if "html" not in content_type.lower():
        return None
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return InputError(path, f"record payload over {max_bytes:,} bytes", number)
    hints = {"url": record.rec_headers.get_header("WARC-Target-URI"),
             "crawled": record.rec_headers.get_header("WARC-Date")}
    return RawItem(path, number, "html", payload, {k: v for k, v in hints.items() if v})


def _read_bounded(stream: IO[bytes], path: str, max_bytes: int) -> bytes:
    try:
        data = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(path, f"cannot read: {exc}") from exc
    if len(data) > max_bytes:
        raise InputError(path, f"document over the limit of {max_bytes:,} bytes (max_record_bytes)")
    return data


READERS = {"text": read_text, "html": read_html, "jsonl": read_jsonl, "feed": read_feed, "warc": read_warc}
