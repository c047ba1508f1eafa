"""Finding input files and opening them: directories, globs, stdin, gzip, format sniffing.

Nothing here reads a whole file: streams are opened and peeked at, and readers pull from them.

Bounds: only regular files are read (a FIFO, socket or device is refused with a line: opening a
FIFO would block forever); a symbolic link inside a directory input is read only when it leads to
a file inside that directory's tree (a link to ``/etc/passwd`` is refused with a line); directory
walks use an explicit stack (any depth, no recursion); a gzip stream is cut off, with an error,
once it has given ``max_file_bytes`` decompressed bytes (a gzip of newlines inflates 1000-fold).
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

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
        elif path.exists() or path.is_symlink():
            yield _named_file(str(path))
        elif glob.has_magic(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                yield InputError(spec, "no file matches this pattern")
            for match in matches:
                yield from _walk(Path(match)) if Path(match).is_dir() else [_named_file(match)]
        else:
            yield InputError(spec, "no such file or directory")


def _named_file(path: str) -> InputFile | InputError:
    """A file named on the command line: links are followed (the user named them), but the file
    they lead to must be a regular file."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return InputError(path, f"cannot open: {exc.strerror or exc}")
    return InputFile(path) if stat.S_ISREG(mode) else InputError(path, f"not a regular file ({_kind(mode)})")


def _walk(root: Path) -> Iterator[InputFile | InputError]:
    """Files under ``root``, depth first in sorted order, hidden entries skipped; an explicit
    stack instead of recursion, so any depth is walked."""
    real_root = os.path.realpath(root)
    stack: list[tuple[str, str | None]] = [(str(root), None)]
    while stack:
        directory, folder = stack.pop()
        try:
            with os.scandir(directory) as scan:
                entries = sorted((e for e in scan if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as exc:
            yield InputError(directory, f"cannot list folder: {exc.strerror or exc}")
            continue
        subfolders = []
        for entry in entries:
            found = _entry(entry, real_root)
            if found == "dir":
                subfolders.append((entry.path, entry.name))
            else:
                yield found if isinstance(found, InputError) else InputFile(entry.path, folder)
        stack.extend(reversed(subfolders))


def _entry(entry: os.DirEntry[str], real_root: str) -> InputFile | InputError | str:
    """What a directory entry is to the walk: "dir" to descend, a file, or an error line."""
    try:
        if entry.is_symlink():
            target = os.path.realpath(entry.path)
            if os.path.commonpath([real_root, target]) != real_root:
                return InputError(entry.path, "symbolic link leading out of the input folder, not read")
            if os.path.isdir(target):
                return InputError(entry.path, "symbolic link to a folder, not followed")
            mode = os.stat(entry.path).st_mode
        elif entry.is_dir(follow_symlinks=False):
            return "dir"
        else:
            mode = entry.stat(follow_symlinks=False).st_mode
    except (OSError, ValueError) as exc:
        return InputError(entry.path, f"cannot open: {getattr(exc, 'strerror', None) or exc}")
    if not stat.S_ISREG(mode):
        return InputError(entry.path, f"not a regular file ({_kind(mode)})")
    return InputFile(entry.path)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "a special file"


def open_input(path: str, max_file_bytes: int) -> tuple[io.BufferedReader, str]:
    """Open a file (or stdin) for reading, decompressing gzip, and tell its format.

    Returns:
        The stream and one of ``jsonl``, ``html``, ``text``, ``feed``, ``warc``.

    Raises:
        InputError: missing, unreadable, too large, empty, binary, or a broken gzip header.
    """
    return open_stream(_open_raw(path, max_file_bytes), path, max_file_bytes)


def open_bytes(data: bytes, path: str, max_file_bytes: int) -> tuple[io.BufferedReader, str]:
    """:func:`open_input` for a file already read (a file Spark read from HDFS or S3).

    Raises:
        InputError: too large, empty, binary, or a broken gzip header.
    """
    if len(data) > max_file_bytes:
        raise InputError(path, f"file is {len(data):,} bytes, over the limit of {max_file_bytes:,}"
                               " (raise max_file_bytes to read it)")
    return open_stream(io.BytesIO(data), path, max_file_bytes)


def open_stream(raw: BinaryIO, path: str, max_file_bytes: int | None = None) -> tuple[io.BufferedReader, str]:
    """Decompress gzip (at most ``max_file_bytes`` of it) and tell the format of an open binary
    stream named ``path``.

    Raises:
        InputError: empty, binary, or a broken gzip header.
    """
    stream = io.BufferedReader(raw, buffer_size=65536)  # type: ignore[arg-type]
    name = path
    try:
        head = stream.peek(_PEEK_BYTES)[:_PEEK_BYTES]
        if head[:2] == b"\x1f\x8b" and not _is_warc_name(path):
            gzipped = _GzipReader(stream, path, max_file_bytes)
            stream = io.BufferedReader(gzipped, buffer_size=65536)  # type: ignore[arg-type]
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
    """A GzipFile over an open stream that closes that stream too (GzipFile leaves it open), and
    stops with an OSError (the readers' "cannot read" line) past ``limit`` decompressed bytes."""

    def __init__(self, source: io.BufferedReader, path: str = "", limit: int | None = None) -> None:
        super().__init__(fileobj=source)
        self._source = source
        self._limit = limit
        self._given = 0

    def read(self, size: int = -1) -> bytes:
        data = super().read(size)
        self._given += len(data)
        if self._limit is not None and self._given > self._limit:
            raise OSError(f"decompresses to over {self._limit:,} bytes (max_file_bytes)")
        return data

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._source.close()


def _open_raw(path: str, max_file_bytes: int) -> BinaryIO:
    if path == STDIN:
        return sys.stdin.buffer
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(path, f"cannot open: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, f"not a regular file ({_kind(info.st_mode)})")
        if info.st_size > max_file_bytes:
            raise InputError(path, f"file is {info.st_size:,} bytes, over the limit of {max_file_bytes:,}"
                                   " (raise max_file_bytes to read it)")
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


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
