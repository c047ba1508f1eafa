"""Ingest from the web: uploaded files and pasted text go through the same pipeline as ``run``.

Uploads are written under fresh names (``upload-1.html``) into a private temporary folder that is
removed afterwards; a client's file name only lends its extension (from the readers' known list),
so no request can name a path on the server. Runs are serialised by a lock: the grouper's saved
state is read, extended and written back by one run at a time.
"""

from __future__ import annotations

import json
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.pipeline import analyze_store, group_store, ingest, reconcile_store
from storyline.store import Store, queries

#: Extensions an upload may keep, so the reader is chosen as for a file on disk; others are sniffed.
_KNOWN_SUFFIXES = (".warc.gz", ".jsonl", ".ndjson", ".json", ".html", ".htm", ".xhtml", ".txt", ".text", ".md",
                   ".rss", ".atom", ".rdf", ".xml", ".warc")
#: Fields of a pasted article, as in Article JSONL.
PASTE_FIELDS = ("title", "source", "url", "published", "language")


@dataclass(frozen=True, slots=True)
class Upload:
    """One uploaded file: the name the client gave (only its extension is used) and its bytes."""

    name: str
    data: bytes


def upload_suffix(name: str) -> str:
    """The known extension of a client's file name, or '' (the reader then sniffs the content);
    a gzipped one keeps its ``.gz`` (``a.jsonl.gz`` is read as gzipped JSONL, not as text)."""
    lowered = name.lower()
    gz = ".gz" if lowered.endswith(".gz") and not lowered.endswith(".warc.gz") else ""
    lowered = lowered.removesuffix(gz)
    return next((suffix + gz for suffix in _KNOWN_SUFFIXES if lowered.endswith(suffix)), "")


def ingest_uploads(store: Store, lock: threading.Lock, uploads: Sequence[Upload],
                   pasted: dict[str, Any] | None = None) -> dict[str, Any]:
    """Ingest, analyse, group and reconcile the uploads and the pasted article (``text`` plus
    optional :data:`PASTE_FIELDS`); returns what was read and stored, and where it went."""
    with tempfile.TemporaryDirectory(prefix="storyline-upload-") as folder:
        paths = []
        for number, upload in enumerate(uploads, start=1):
            path = Path(folder) / f"upload-{number}{upload_suffix(upload.name)}"
            path.write_bytes(upload.data)
            paths.append(str(path))
        if pasted and (pasted.get("text") or "").strip():
            record = {key: value for key, value in pasted.items() if value not in (None, "")}
            path = Path(folder) / "pasted.jsonl"
            # ASCII JSON: a lone surrogate in a form field reaches the reader as an escape (and
            # becomes its error line) instead of failing to be written here.
            path.write_text(json.dumps(record) + "\n", encoding="utf-8")
            paths.append(str(path))
        if not paths:
            return {"run_id": None, "read": 0, "stored": 0, "duplicates": 0, "errors": [], "articles": [], "stories": []}
        with lock:
            result = ingest(paths, store, command="serve")
            with store.stages_lock():  # and one process (a `storyline run` beside the app)
                analyze_store(store, result.run_id)
                grouped = group_store(store, result.run_id)
                reconcile_store(store, result.run_id, grouped)
    stored = queries.run_articles(store, result.run_id)
    titles = {s.id: s.title for s in grouped.stories}
    stories = sorted({a["story_id"] for a in stored if a["story_id"]})
    return {"run_id": result.run_id, "read": result.read, "stored": result.stored, "duplicates": result.duplicates,
            "errors": [_without_folder(e, folder) for e in result.errors],
            "articles": stored, "stories": [{"id": s, "title": titles.get(s, s)} for s in stories]}


def _without_folder(message: str, folder: str) -> str:
    """Error messages name the temporary file; the client only needs its upload name."""
    return message.replace(folder + "/", "")
