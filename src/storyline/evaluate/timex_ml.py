"""TIMEX3 recognition and values in other languages than English: the ``timex-ml`` dev set.

``../shared/data/timex-ml`` holds one folder per corpus (``es-meantime``, ``fr-timebank``), each
with ``articles.jsonl`` (Article JSONL: ``id``, ``text``, ``published`` = the document creation
time, ``language``) and ``timexes.jsonl`` (one gold TIMEX3 a line: ``doc``, ``start``, ``end``,
``type``, ``value``, and for MEANTIME ``dateline``). Every article is tagged with
:func:`storyline.analyze.times.find_times` in its own language, anchored on its ``published``
date, and scored with the TempEval-3 measures of :mod:`storyline.evaluate.tempeval` (strict and
relaxed span P/R/F1; type and value F1 over one-to-one relaxed matches), pooled per corpus.

MEANTIME's date-line TIMEX3 has the creation time as its gold value, which is not always the date
written there; so each corpus is also scored without the date lines: those gold expressions and
the system expressions overlapping them are left out (``without_dateline``).

Cost: one tagger call per article; reading is linear in the files' size.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from storyline.analyze.times import find_times
from storyline.evaluate.tempeval import GoldTimex, TimeMLDocument, score_document, summarize
from storyline.model import TimeMention

__all__ = ["MLTagger", "evaluate_time_ml", "read_corpus"]

#: ``(text, anchor, language) -> mentions``.
MLTagger = Callable[[str, "date | None", str], list[TimeMention]]

_KEYS = ("gold", "system", "strict", "relaxed_gold", "relaxed_system", "type_ok", "value_ok")


def read_corpus(folder: Path) -> Iterator[tuple[TimeMLDocument, str, frozenset[int]]]:
    """Each document of a corpus folder: the document, its language, and the indexes (into
    ``document.timexes``) of its date-line expressions.

    Raises:
        ValueError: a line of either file is not a JSON object with the fields named above.
    """
    gold: dict[str, list[dict[str, Any]]] = {}
    for number, row in _jsonl(folder / "timexes.jsonl"):
        try:
            gold.setdefault(str(row["doc"]), []).append(row)
        except (KeyError, TypeError) as exc:
            raise ValueError(f"{folder / 'timexes.jsonl'}:{number}: no 'doc' field") from exc
    for number, row in _jsonl(folder / "articles.jsonl"):
        try:
            doc_id, text = str(row["id"]), str(row["text"])
        except (KeyError, TypeError) as exc:
            raise ValueError(f"{folder / 'articles.jsonl'}:{number}: needs 'id' and 'text'") from exc
        rows = sorted(gold.get(doc_id, []), key=lambda g: (int(g["start"]), int(g["end"])))
        timexes = tuple(GoldTimex(int(g["start"]), int(g["end"]), str(g.get("type", "")),
                                  str(g.get("value", ""))) for g in rows)
        datelines = frozenset(i for i, g in enumerate(rows) if g.get("dateline"))
        document = TimeMLDocument(doc_id, _day(row.get("published")), text, timexes)
        yield document, str(row.get("language") or "en"), datelines


def _jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise ValueError(f"{path}:{number}: not a JSON object")
                yield number, row


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _without(document: TimeMLDocument, system: list[TimeMention],
             drop: frozenset[int]) -> tuple[TimeMLDocument, list[TimeMention]]:
    """The document and system output with the gold expressions ``drop`` and every system
    expression overlapping one of them left out."""
    if not drop:
        return document, system
    removed = [document.timexes[i] for i in drop]
    kept_gold = tuple(g for i, g in enumerate(document.timexes) if i not in drop)
    kept_system = [m for m in system
                   if not any(m.span.start < g.end and g.start < m.span.end for g in removed)]
    return TimeMLDocument(document.doc_id, document.dct, document.text, kept_gold), kept_system


def _score_corpus(folder: Path, run: MLTagger) -> dict[str, Any]:
    totals = {"all": dict.fromkeys(_KEYS, 0), "without_dateline": dict.fromkeys(_KEYS, 0)}
    languages: set[str] = set()
    documents, errors, seconds = 0, [], 0.0
    for document, language, datelines in read_corpus(folder):
        try:
            began = time.perf_counter()
            system = run(document.text, document.dct, language)
            seconds += time.perf_counter() - began
            parts = {"all": score_document(document, system),
                     "without_dateline": score_document(*_without(document, system, datelines))}
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
            errors.append({"doc": document.doc_id, "error": f"{type(exc).__name__}: {exc}"})
            continue
        languages.add(language)
        documents += 1
        for part, counts in parts.items():
            for key in _KEYS:
                totals[part][key] += counts[key]
    result: dict[str, Any] = {"languages": sorted(languages), "documents_scored": documents,
                              **summarize(totals["all"]), "counts": totals["all"]}
    if totals["without_dateline"]["gold"] != totals["all"]["gold"]:
        result["without_dateline"] = {**summarize(totals["without_dateline"]),
                                      "counts": totals["without_dateline"]}
    result["errors"] = errors
    result["documents_per_second"] = round(documents / seconds, 1) if seconds else None
    return result


def evaluate_time_ml(data_dir: Path, *, tagger: MLTagger | None = None) -> dict[str, Any]:
    """Score a tagger on every corpus folder of ``data_dir`` (one holding ``timexes.jsonl``).

    Args:
        data_dir: ``../shared/data/timex-ml``, or one of its corpus folders.
        tagger: ``(text, anchor, language) -> mentions``; :func:`find_times` by default.

    Returns:
        ``{corpus name: measures}``, each with the TempEval-3 measures, counts, the languages,
        ``without_dateline`` measures where the corpus marks date lines, and ``errors``.

    Raises:
        ValueError: no corpus folder was found, or a file is malformed.
    """
    run = tagger or (lambda text, anchor, language: find_times(text, anchor, language=language))
    root = Path(data_dir)
    folders = [root] if (root / "timexes.jsonl").is_file() else sorted(
        p for p in root.iterdir() if (p / "timexes.jsonl").is_file() and (p / "articles.jsonl").is_file())
    if not folders:
        raise ValueError(f"{root}: no corpus folder with articles.jsonl and timexes.jsonl")
    return {folder.name: _score_corpus(folder, run) for folder in folders}
