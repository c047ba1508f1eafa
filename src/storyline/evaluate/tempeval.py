"""TempEval-3 Task A (TIMEX3 extent, type and value) on TimeML files, read directly.

Measures follow the TempEval-3 scorer's definitions:

* **Strict** span match: same start and end (after trimming surrounding white space).
  **Relaxed** span match: the two extents overlap. Precision is the share of system
  expressions that match a gold one, recall the share of gold expressions matched; F1 their
  harmonic mean. Counts are pooled over all documents (micro-average).
* **Attributes** (type, value) are scored over relaxed-matched pairs, each gold expression paired
  with at most one system expression (the one of largest overlap). Accuracy is the share of pairs
  whose attribute agrees, and attribute F1 = relaxed F1 × accuracy (the scorer's attribute
  precision and recall are relaxed precision and recall times the accuracy). Value F1 is the
  headline normalisation figure.

Each document's anchor is its creation time: the TIMEX3 with
``functionInDocument="CREATION_TIME"``. A document that cannot be read or scored is listed under
``errors`` and left out; the others are still scored.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from storyline.analyze.times import find_times
from storyline.model import TimeMention

__all__ = [
    "GoldTimex", "TimeMLDocument", "evaluate_time", "read_timeml", "score_document", "summarize",
]

Tagger = Callable[[str, "date | None"], list[TimeMention]]


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """A gold TIMEX3 of a document's TEXT: offsets into the plain text, type and value."""

    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    """A TimeML document: its id, creation date, plain TEXT and gold expressions."""

    doc_id: str
    dct: date | None
    text: str
    timexes: tuple[GoldTimex, ...]


def read_timeml(path: Path) -> TimeMLDocument:
    """Parse a ``.tml`` file.

    Raises:
        ValueError: the file is not well-formed XML or has no TEXT element.
    """
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise ValueError(f"{path}: not well-formed TimeML ({exc})") from exc
    body = root.find("TEXT")
    if body is None:
        raise ValueError(f"{path}: no <TEXT> element")
    pieces: list[str] = []
    timexes: list[GoldTimex] = []
    _flatten(body, pieces, timexes, is_root=True)
    return TimeMLDocument(
        doc_id=(root.findtext("DOCID") or path.stem).strip(),
        dct=_creation_date(root),
        text="".join(pieces),
        timexes=tuple(timexes),
    )


def _flatten(node: ET.Element, pieces: list[str], timexes: list[GoldTimex], is_root: bool) -> None:
    """Append ``node``'s text to ``pieces``, recording TIMEX3 offsets (the tail excluded)."""
    start = sum(len(p) for p in pieces)
    pieces.append(node.text or "")
    for child in node:
        _flatten(child, pieces, timexes, is_root=False)
    if node.tag == "TIMEX3" and not is_root:
        end = sum(len(p) for p in pieces)
        surface = "".join(pieces)[start:end]
        lead = len(surface) - len(surface.lstrip())
        trail = len(surface) - len(surface.rstrip())
        timexes.append(
            GoldTimex(start + lead, end - trail, node.get("type", ""), node.get("value", ""))
        )
    if not is_root:
        pieces.append(node.tail or "")


def _creation_date(root: ET.Element) -> date | None:
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            value = timex.get("value", "")[:10]
            try:
                return date.fromisoformat(value)
            except ValueError:
                return None
    return None


def score_document(doc: TimeMLDocument, system: list[TimeMention]) -> dict[str, int]:
    """Counts for one document: gold, system, strict/relaxed matches, type and value agreement."""
    gold = list(doc.timexes)
    spans = [(m.span.start, m.span.end) for m in system]
    strict = len({(g.start, g.end) for g in gold} & set(spans))
    sys_hit = sum(any(_overlap(g.start, g.end, s, e) for g in gold) for s, e in spans)
    gold_hit, type_ok, value_ok, used = 0, 0, 0, set()
    for g in gold:
        best, best_len = None, 0
        for index, (s, e) in enumerate(spans):
            size = _overlap(g.start, g.end, s, e)
            if size > best_len and index not in used:
                best, best_len = index, size
        if best is None:
            continue
        used.add(best)
        gold_hit += 1
        type_ok += system[best].type == g.type
        value_ok += (system[best].value or "") == g.value
    return {
        "gold": len(gold), "system": len(system), "strict": strict, "relaxed_gold": gold_hit,
        "relaxed_system": sys_hit, "type_ok": type_ok, "value_ok": value_ok,
    }


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _prf(hits_p: int, n_sys: int, hits_r: int, n_gold: int) -> dict[str, float]:
    precision = hits_p / n_sys if n_sys else 1.0
    recall = hits_r / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def summarize(totals: dict[str, int]) -> dict[str, Any]:
    """Turn pooled counts into the TempEval-3 measures."""
    strict = _prf(totals["strict"], totals["system"], totals["strict"], totals["gold"])
    relaxed = _prf(
        totals["relaxed_system"], totals["system"], totals["relaxed_gold"], totals["gold"]
    )
    pairs = totals["relaxed_gold"]
    type_acc = totals["type_ok"] / pairs if pairs else 0.0
    value_acc = totals["value_ok"] / pairs if pairs else 0.0
    return {
        "strict": strict,
        "relaxed": relaxed,
        "type_accuracy": round(type_acc, 4),
        "type_f1": round(relaxed["f1"] * type_acc, 4),
        "value_accuracy": round(value_acc, 4),
        "value_f1": round(relaxed["f1"] * value_acc, 4),
    }


def evaluate_time(
    data_dir: Path, *, tagger: Tagger | None = None, with_documents: bool = False
) -> dict[str, Any]:
    """Score a tagger on every ``.tml`` file under ``data_dir`` (recursively).

    Args:
        data_dir: a folder of TimeML files, e.g. ``../shared/data/tempeval3``.
        tagger: ``(text, anchor) -> mentions``; :func:`find_times` by default.
        with_documents: also return the per-document counts.

    Returns:
        A JSON-able dict: the measures, counts, documents scored, ``errors`` (one
        ``{"path", "error"}`` per unreadable document), throughput, and, if asked, ``documents``.
    """
    run = tagger or (lambda text, anchor: find_times(text, anchor))
    keys = ("gold", "system", "strict", "relaxed_gold", "relaxed_system", "type_ok", "value_ok")
    totals = dict.fromkeys(keys, 0)
    documents, errors, seconds = [], [], 0.0
    for path in sorted(Path(data_dir).rglob("*.tml")):
        try:
            doc = read_timeml(path)
            began = time.perf_counter()
            system = run(doc.text, doc.dct)
            seconds += time.perf_counter() - began
            counts = score_document(doc, system)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
            errors.append({"path": str(path), "error": f"{type(exc).__name__}: {exc}"})
            continue
        for key in keys:
            totals[key] += counts[key]
        documents.append({"path": str(path), **counts})
    result: dict[str, Any] = {
        **summarize(totals), "counts": totals, "documents_scored": len(documents),
        "errors": errors, "documents_per_second": round(len(documents) / seconds, 1) if seconds else None,
    }
    if with_documents:
        result["documents"] = documents
    return result
