"""Finding input files and opening them: directories, globs, stdin, gzip, format sniffing.

Nothing here reads a whole file: streams are opened and peeked at, and readers pull from them.
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from storyline.errors import InputError

STDIN = "-"
_PEEK_BYTES = 8192

_EXTENSION_FORMATS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl", ".json": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".txt": "text", ".text": "text", ".md": "text",
    ".rss": "feed", ".atom": "feed", ".rdf": "feed", ".xml": "feed",
    ".warc": "warc",
}

_BINARY_MAGIC = {
    b"%PDF": "PDF", b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive", b"\x7fELF": "executable", b"BZh": "bzip2 archive",
    b"\xfd7zXZ": "xz archive", b"SQLite format 3": "SQLite database",
}


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to read. ``folder`` is the sub-folder name below a directory input, if any."""

    path: str
    folder: str | None = None


def iter_input_files(inputs: Iterable[str]) -> Iterator[InputFile | InputError]:
    """Expand files, directories (recursively, sorted, hidden entries skipped), globs and ``-``.

    A spec that matches nothing yields an InputError instead of stopping the batch.
    """
    for spec in inputs:
        if spec == STDIN:
            yield InputFile(STDIN)
            continue
        path = Path(spec)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield InputFile(str(path))
        elif glob.has_magic(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                yield InputError(spec, "no file matches this pattern")
            for match in matches:
                yield from _walk(Path(match)) if Path(match).is_dir() else [InputFile(match)]
        else:
            yield InputError(spec, "no such file or directory")


def _walk(root: Path) -> Iterator[InputFile]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        relative = Path(dirpath).relative_to(root)
        folder = relative.parts[-1] if relative.parts else None
        for name in sorted(filenames):
            if not name.startswith("."):
                yield InputFile(str(Path(dirpath) / name), folder)


def open_input(path: str, max_file_bytes: int) -> tuple[io.BufferedReader, str]:
    """Open a file (or stdin) for reading, decompressing gzip, and tell its format.

    Returns:
        The stream and one of ``jsonl``, ``html``, ``text``, ``feed``, ``warc``.

    Raises:
        InputError: missing, unreadable, too large, empty, binary, or a broken gzip header.
    """
    return open_stream(_open_raw(path, max_file_bytes), path)


def open_bytes(data: bytes, path: str, max_file_bytes: int) -> tuple[io.BufferedReader, str]:
    """:func:`open_input` for a file already read (a file Spark read from HDFS or S3).

    Raises:
        InputError: too large, empty, binary, or a broken gzip header.
    """
    if len(data) > max_file_bytes:
        raise InputError(path, f"file is {len(data):,} bytes, over the limit of {max_file_bytes:,}"
                               " (raise max_file_bytes to read it)")
    return open_stream(io.BytesIO(data), path)


def open_stream(raw: BinaryIO, path: str) -> tuple[io.BufferedReader, str]:
    """Decompress gzip and tell the format of an open binary stream named ``path``.

    Raises:
        InputError: empty, binary, or a broken gzip header.
    """
    stream = io.BufferedReader(raw, buffer_size=65536)  # type: ignore[arg-type]
    name = path
    try:
        head = stream.peek(_PEEK_BYTES)[:_PEEK_BYTES]
        if head[:2] == b"\x1f\x8b" and not _is_warc_name(path):
            stream = io.BufferedReader(_GzipReader(stream), buffer_size=65536)  # type: ignore[arg-type]
            name = path[:-3] if path.lower().endswith(".gz") else path
            head = stream.peek(_PEEK_BYTES)[:_PEEK_BYTES]
    except (OSError, EOFError, zlib.error) as exc:
        stream.close()
        raise InputError(path, f"cannot decompress: {exc}") from exc
    if not head:
        stream.close()
        raise InputError(path, "empty file")
    try:
        return stream, _detect_format(name, head, path)
    except InputError:
        stream.close()
        raise


class _GzipReader(gzip.GzipFile):
    """A GzipFile over an open stream that closes that stream too (GzipFile leaves it open)."""

    def __init__(self, source: io.BufferedReader) -> None:
        super().__init__(fileobj=source)
        self._source = source

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._source.close()


def _open_raw(path: str, max_file_bytes: int) -> BinaryIO:
    if path == STDIN:
        return sys.stdin.buffer
    try:
        size = os.stat(path).st_size
        if size > max_file_bytes:
            raise InputError(path, f"file is {size:,} bytes, over the limit of {max_file_bytes:,}"
                                   " (raise max_file_bytes to read it)")
        return open(path, "rb")
    except OSError as exc:
        raise InputError(path, f"cannot open: {exc.strerror or exc}") from exc


def _is_warc_name(path: str) -> bool:
    # A .warc.gz is a series of gzip members, one per record; warcio reads those itself.
    return path.lower().endswith((".warc.gz", ".warc"))


def _detect_format(name: str, head: bytes, path: str) -> str:
    if head.startswith(b"WARC/"):
        return "warc"
    if head[:2] == b"\x1f\x8b" and _is_warc_name(name):
        return "warc"
    for magic, kind in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise InputError(path, f"binary file ({kind}), not a news format")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "binary file (NUL bytes), not text")
    suffix = Path(name.lower()).suffix
    by_name = _EXTENSION_FORMATS.get(suffix)
    sniffed = _sniff(head)
    if by_name == "feed" and sniffed != "feed":
        raise InputError(path, "XML file that is neither RSS nor Atom")
    return by_name or sniffed or "text"


def _sniff(head: bytes) -> str | None:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    prefix = start[:2048]
    if prefix.startswith(b"<?xml") or prefix.startswith(b"<rss") or prefix.startswith(b"<feed"):
        if b"<rss" in prefix or b"<feed" in prefix or b"<rdf:rdf" in prefix:
            return "feed"
        return "html" if b"<html" in prefix else None
    if prefix.startswith((b"<!doctype html", b"<html", b"<!--")) or b"<html" in prefix[:512]:
        return "html"
    if prefix.startswith(b"{"):
        return "jsonl"
    return None
