"""Quotation and speaker extraction scored on PolNeAR (Newell, Margolin & Ruths, LREC 2018).

Data layout (``../shared/data/polnear/SOURCE.md``): ``dev/text/<article>.txt`` and
``dev/attributions/<article>_<annotator>.ann`` in brat standoff. ``T`` lines carry a label
(Source, Cue, Content, Attribution) and one or more ``start end`` ranges separated by ``;``;
``E`` lines tie ``Source:``, ``Cue:`` and ``Content:`` (rarely also ``Content2:``) T ids into
one attribution relation; ``Attribution-no-source`` relations have no Source.

Decisions, documented because they change the figures:

* **One annotator per article.** Agreement samples have several ``.ann`` files; the
  lexicographically first annotator id is scored, the others ignored.
* **Tokens.** Spans are compared as sets of ``\\w+`` tokens of the article (a token belongs to
  a span when their character ranges overlap). Punctuation and quote marks therefore never
  matter: gold content keeps its quote marks and trailing comma (``"...,"``), ours does not.
* **Our attributions.** Predicted quotes that share a cue span (an interrupted quote gives one
  Quote per part) are one attribution: their token sets are united.
* **Direct vs indirect.** A gold attribution is *direct* when its content, stripped of
  whitespace, starts with a quote mark (the SOURCE.md count of 467 on dev); everything else,
  including mixed content such as ``said the decision "will force us ..."``, is *indirect*. Our
  predictions carry their own ``kind``. Recall of a class is over the gold attributions of that
  class; precision over the predictions of that class; each against all of the other side.
* **Content, exact.** A prediction is correct when its token set equals a gold content's.
* **Content, token overlap** (as BBC Citron's ``metrics.py``): precision is the share of
  predicted content tokens that lie in some gold content, recall the share of gold content
  tokens that lie in some prediction.
* **Speaker.** Each prediction is paired with the gold attribution whose content shares most
  tokens with it (none if no token is shared). *Speaker exact*: the prediction has a speaker
  and the paired gold has a Source with the same token set; precision over predictions with a
  speaker, recall over gold attributions with a Source (each gold counted once). *Speaker
  overlap*: predicted speaker tokens inside the paired gold Source over all predicted speaker
  tokens (precision), and gold Source tokens covered by the speakers of the predictions paired
  with it over all gold Source tokens (recall). A speaker is thus only credited when attached
  to the right content. The pronoun span ("he") is compared, not its resolution, as in the gold.
* **Speaker exact, paired by cue** (``speaker_exact_by_cue``; BBC Citron's "Source Spans exact
  match", the metric of its published speaker F1 0.82 on PARC 3.0): a prediction is correct when
  some gold attribution's cue shares a token with its cue and their sources have the same token
  set (no source on either side also matches); precision over all predictions, recall over all
  gold attributions.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.analyze.quote_cues import CLOSER_OF, QUOTE_PAIRS
from storyline.analyze.quotes import find_quotes
from storyline.model import Quote

__all__ = ["GoldAttribution", "PolnearDocument", "evaluate_quotes", "load_polnear", "read_ann"]

_TOKEN_RE = re.compile(r"\w+")
_QUOTE_MARKS = frozenset(QUOTE_PAIRS) | frozenset(CLOSER_OF)
_CLASSES = ("all", "direct", "indirect")
Ranges = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One gold attribution relation: character ranges of content, source and cue."""

    content: Ranges
    source: Ranges
    cue: Ranges
    kind: str


@dataclass(frozen=True, slots=True)
class PolnearDocument:
    """An article and the attributions of one annotator."""

    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def read_ann(ann: str, text: str) -> tuple[GoldAttribution, ...]:
    """Parse one brat ``.ann`` file into attributions.

    Raises:
        ValueError: A line is malformed or an ``E`` line names an unknown ``T`` id.
    """
    spans: dict[str, Ranges] = {}
    relations: list[dict[str, str]] = []
    for number, line in enumerate(ann.splitlines(), 1):
        if line.startswith("T"):
            try:
                tid, meta, _ = line.split("\t", 2)
                ranges = meta.split(" ", 1)[1]
                spans[tid] = tuple(
                    (int(a), int(b)) for a, b in (part.split() for part in ranges.split(";"))
                )
            except ValueError as exc:
                raise ValueError(f"line {number}: malformed T line {line[:80]!r}") from exc
        elif line.startswith("E"):
            args = line.split("\t", 1)[1].split()
            relations.append(dict(arg.split(":", 1) for arg in args))
    out = []
    for rel in relations:
        try:
            content = tuple(r for key in sorted(rel) if key.startswith("Content") for r in spans[rel[key]])
            source = spans[rel["Source"]] if "Source" in rel else ()
            cue = spans[rel["Cue"]] if "Cue" in rel else ()
        except KeyError as exc:
            raise ValueError(f"relation {rel} names an unknown span {exc}") from exc
        if not content:
            continue  # an empty relation (one in dev): nothing to score
        out.append(GoldAttribution(content, source, cue, _gold_kind(text, content)))
    return tuple(out)


def _gold_kind(text: str, content: Ranges) -> str:
    start, end = content[0]
    return "direct" if text[start:end].lstrip()[:1] in _QUOTE_MARKS else "indirect"


def load_polnear(data_dir: Path, split: str = "dev") -> tuple[list[PolnearDocument], list[dict[str, str]]]:
    """Read one split: every article with the first annotator's attributions.

    Returns:
        The documents, and the files that could not be read (``{"document", "error"}``).
    """
    base = data_dir / split
    first: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        first.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    docs, errors = [], []
    for name, ann in sorted(first.items()):
        try:
            text = (base / "text" / f"{name}.txt").read_text(encoding="utf-8")
            docs.append(PolnearDocument(name, text, read_ann(ann.read_text(encoding="utf-8"), text)))
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            errors.append({"document": name, "error": f"{type(exc).__name__}: {exc}"})
    return docs, errors


class _Tokens:
    """Maps character ranges of one text to sets of ``\\w+`` token indices."""

    def __init__(self, text: str) -> None:
        self.spans = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]

    def of(self, ranges: Sequence[tuple[int, int]]) -> frozenset[int]:
        out: set[int] = set()
        for start, end in ranges:
            out.update(i for i, (s, e) in enumerate(self.spans) if s < end and start < e)
        return frozenset(out)


@dataclass(slots=True)
class _Item:
    content: frozenset[int]
    speaker: frozenset[int]
    kind: str
    cue: frozenset[int] = frozenset()


def _predicted(quotes: Sequence[Quote], tokens: _Tokens) -> list[_Item]:
    groups: dict[object, list[Quote]] = defaultdict(list)
    for i, quote in enumerate(quotes):
        groups[quote.cue if quote.cue is not None else i].append(quote)
    items = []
    for parts in groups.values():
        content = tokens.of([(q.content.start, q.content.end) for q in parts])
        speaker = tokens.of([(q.speaker.start, q.speaker.end) for q in parts if q.speaker])
        kind = "direct" if all(q.kind == "direct" for q in parts) else "indirect"
        cue = tokens.of([(parts[0].cue.start, parts[0].cue.end)]) if parts[0].cue else frozenset()
        if content:
            items.append(_Item(content, speaker, kind, cue))
    return items


class _Counts:
    """Sums behind every figure, per class."""

    def __init__(self) -> None:
        self.n: dict[str, float] = defaultdict(float)

    def add(self, key: str, cls: str, value: float) -> None:
        self.n[f"{cls}.{key}"] += value
        if cls != "all":
            self.n[f"all.{key}"] += value

    def score(self, cls: str, tp_p: str, den_p: str, tp_r: str, den_r: str) -> dict[str, float]:
        p = _ratio(self.n[f"{cls}.{tp_p}"], self.n[f"{cls}.{den_p}"])
        r = _ratio(self.n[f"{cls}.{tp_r}"], self.n[f"{cls}.{den_r}"])
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4)}


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _score_document(doc: PolnearDocument, quotes: Sequence[Quote], counts: _Counts) -> None:
    tokens = _Tokens(doc.text)
    gold = [_Item(tokens.of(g.content), tokens.of(g.source), g.kind, tokens.of(g.cue))
            for g in doc.attributions]
    pred = _predicted(quotes, tokens)
    gold_union = frozenset().union(*(g.content for g in gold)) if gold else frozenset()
    pred_union = frozenset().union(*(p.content for p in pred)) if pred else frozenset()
    covered: dict[int, set[int]] = defaultdict(set)
    exact_gold: set[int] = set()
    for p in pred:
        counts.add("pred", p.kind, 1)
        counts.add("pred_tokens", p.kind, len(p.content))
        counts.add("pred_in_gold", p.kind, len(p.content & gold_union))
        counts.add("pred_exact", p.kind, any(p.content == g.content for g in gold))
        best = max(range(len(gold)), key=lambda i: len(p.content & gold[i].content), default=None)
        if best is None or not p.content & gold[best].content:
            best = None
        if p.speaker:
            counts.add("pred_speaker", p.kind, 1)
            counts.add("pred_speaker_tokens", p.kind, len(p.speaker))
            if best is not None and gold[best].speaker:
                counts.add("pred_speaker_ok", p.kind, len(p.speaker & gold[best].speaker))
                counts.add("pred_speaker_exact", p.kind, p.speaker == gold[best].speaker)
                covered[best] |= p.speaker
                if p.speaker == gold[best].speaker:
                    exact_gold.add(best)
    _score_cue_pairs(gold, pred, counts)
    for i, g in enumerate(gold):
        counts.add("gold", g.kind, 1)
        counts.add("gold_tokens", g.kind, len(g.content))
        counts.add("gold_in_pred", g.kind, len(g.content & pred_union))
        counts.add("gold_exact", g.kind, any(p.content == g.content for p in pred))
        if g.speaker:
            counts.add("gold_speaker", g.kind, 1)
            counts.add("gold_speaker_tokens", g.kind, len(g.speaker))
            counts.add("gold_speaker_ok", g.kind, len(g.speaker & covered[i]))
            counts.add("gold_speaker_exact", g.kind, i in exact_gold)


def _score_cue_pairs(gold: list[_Item], pred: list[_Item], counts: _Counts) -> None:
    """Citron's exact source match: cues overlap and sources are equal."""
    def same_source(a: _Item, b: _Item) -> bool:
        return bool(a.cue & b.cue) and a.speaker == b.speaker

    for p in pred:
        counts.add("pred_cue_source_ok", p.kind, any(same_source(p, g) for g in gold))
    for g in gold:
        counts.add("gold_cue_source_ok", g.kind, any(same_source(p, g) for p in pred))


def _report(counts: _Counts, cls: str) -> dict[str, Any]:
    return {
        "gold": int(counts.n[f"{cls}.gold"]),
        "predicted": int(counts.n[f"{cls}.pred"]),
        "content_exact": counts.score(cls, "pred_exact", "pred", "gold_exact", "gold"),
        "content_overlap": counts.score(
            cls, "pred_in_gold", "pred_tokens", "gold_in_pred", "gold_tokens"
        ),
        "speaker_exact": counts.score(
            cls, "pred_speaker_exact", "pred_speaker", "gold_speaker_exact", "gold_speaker"
        ),
        "speaker_overlap": counts.score(
            cls, "pred_speaker_ok", "pred_speaker_tokens", "gold_speaker_ok", "gold_speaker_tokens"
        ),
        "speaker_exact_by_cue": counts.score(
            cls, "pred_cue_source_ok", "pred", "gold_cue_source_ok", "gold"
        ),
    }


def evaluate_quotes(
    data_dir: Path,
    split: str = "dev",
    finder: Callable[[str], Sequence[Quote]] = find_quotes,
) -> dict[str, Any]:
    """Score ``finder`` on PolNeAR; see the module docstring for every matching rule.

    Args:
        data_dir: The PolNeAR folder (holding ``dev/text`` and ``dev/attributions``).
        split: The split folder to read.
        finder: The quote finder under test.

    Returns:
        A JSON-able dict: counts, ``all``/``direct``/``indirect`` scores, the articles per
        second of ``finder``, and ``errors`` (one entry per document that failed).

    Raises:
        FileNotFoundError: ``data_dir/split/attributions`` does not exist.
    """
    if not (data_dir / split / "attributions").is_dir():
        raise FileNotFoundError(f"no PolNeAR split at {data_dir / split / 'attributions'}")
    docs, errors = load_polnear(data_dir, split)
    counts = _Counts()
    seconds = 0.0
    for doc in docs:
        try:
            started = time.perf_counter()
            quotes = finder(doc.text)
            seconds += time.perf_counter() - started
            _score_document(doc, quotes, counts)
        except Exception as exc:  # noqa: BLE001 - one bad document must not abort the run
            errors.append({"document": doc.name, "error": f"{type(exc).__name__}: {exc}"})
    result: dict[str, Any] = {"dataset": "polnear", "split": split, "documents": len(docs)}
    result.update({cls: _report(counts, cls) for cls in _CLASSES})
    result["articles_per_second"] = round(len(docs) / seconds, 1) if seconds else None
    result["errors"] = errors
    return result
