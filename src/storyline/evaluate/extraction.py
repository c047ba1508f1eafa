"""Article-body extraction from HTML, scored on the Zyte article-extraction benchmark.

The metric follows the benchmark's own ``evaluate.py`` (scrapinghub/article-extraction-benchmark),
re-implemented from its description so that our figures are comparable with the published ones:

* Text is tokenized with the regex ``\\w+`` (Unicode, case kept).
* Each text becomes a multiset of 4-token shingles. Per document, TP is the size of the multiset
  intersection of gold and predicted shingles, FP the predicted excess and FN the gold excess;
  the three are divided by TP + FP + FN so that long pages do not weigh more than short ones.
* Precision is averaged over the documents with a non-empty prediction, recall over the
  documents with a non-empty gold text; F1 is the harmonic mean of the two *averages*.
* Accuracy is the share of documents whose token sequence equals the gold one exactly.

Edge cases, decided here and kept identical to upstream wherever upstream defines them:

* **Fewer than 4 tokens.** The text becomes one shingle made of all its tokens (upstream does the
  same). Two identical short texts therefore match perfectly, but a short gold text inside a longer
  prediction matches nothing, since a 3-token shingle never equals a 4-token one. No gold text of
  the benchmark is that short; the rule matters only for degenerate predictions.
* **Empty prediction** (no token): the document counts 0 in recall and is left out of the
  precision average (nothing was predicted, so there is nothing to be precise about). An extractor
  returning nothing is punished through recall.
* **Empty gold**: symmetrically, precision 0 if anything was predicted, left out of recall.
* **Both empty**: a perfect match. The document is left out of both averages (as upstream), is
  counted as exact for accuracy and gets F1 = 1 in the per-page listing.
* **An average over no document at all** (e.g. every prediction empty) is 1.0, vacuously: no
  false positive was made. F1 is 0.0 when precision + recall is 0.

Bootstrap standard deviations resample documents with replacement from a seeded
:class:`random.Random`, so that results are deterministic; every system is resampled with the same
indices (a paired bootstrap), so their spreads can be compared.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import statistics
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "SHINGLE_SIZE",
    "BenchmarkDataError",
    "BenchmarkPage",
    "DocumentScore",
    "aggregate_scores",
    "bootstrap_std",
    "evaluate_extraction",
    "load_benchmark",
    "load_reference_outputs",
    "score_document",
    "score_documents",
    "score_outputs",
    "shingles",
    "tokenize",
]

SHINGLE_SIZE = 4
"""Number of tokens per shingle, as in the benchmark."""

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)
_GROUND_TRUTH = "ground-truth.json"
_HTML_DIR = "html"
_REFERENCE_DIR = "reference-outputs"
_MAX_ERROR_CHARS = 300


class BenchmarkDataError(ValueError):
    """A benchmark folder or one of its files is missing or malformed."""


@dataclass(frozen=True)
class BenchmarkPage:
    """One page of the benchmark.

    Attributes:
        id: The item id (a sha256 hex string), also the name of its HTML file.
        url: The page's URL, or None when the ground truth gives none.
        html: The page's HTML, decoded from UTF-8.
        gold: The gold article body.
    """

    id: str
    url: str | None
    html: str
    gold: str


@dataclass(frozen=True)
class DocumentScore:
    """Shingle-matching counts for one document, normalised to sum to 1 (or all 0).

    Attributes:
        tp: Share of shingles found in both gold and prediction.
        fp: Share of predicted shingles in excess of gold.
        fn: Share of gold shingles missing from the prediction.
        exact: Whether the token sequences of gold and prediction are equal.
    """

    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float | None:
        """Precision, or None when nothing was predicted (left out of the average)."""
        predicted = self.tp + self.fp
        return self.tp / predicted if predicted > 0 else None

    @property
    def recall(self) -> float | None:
        """Recall, or None when the gold text is empty (left out of the average)."""
        relevant = self.tp + self.fn
        return self.tp / relevant if relevant > 0 else None

    @property
    def f1(self) -> float:
        """Per-document F1: 1 when both texts are empty, 0 when exactly one is."""
        precision, recall = self.precision, self.recall
        if precision is None and recall is None:
            return 1.0
        if precision is None or recall is None:
            return 0.0
        return _harmonic_mean(precision, recall)


# --------------------------------------------------------------------------- metric


def tokenize(text: str | None) -> list[str]:
    """Split text into ``\\w+`` tokens, as the benchmark does.

    Args:
        text: Any text; None counts as empty.

    Returns:
        The tokens in order, case kept.
    """
    return _TOKEN_RE.findall(text or "")


def shingles(tokens: Sequence[str], size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Build the multiset of ``size``-token shingles of a token sequence.

    A sequence shorter than ``size`` gives a single shingle of all its tokens; an empty sequence
    gives none.

    Args:
        tokens: The tokens of one text.
        size: Tokens per shingle.

    Returns:
        A Counter from shingle (tuple of tokens) to its number of occurrences.
    """
    if not tokens:
        return Counter()
    count = max(1, len(tokens) - size + 1)
    return Counter(tuple(tokens[i : i + size]) for i in range(count))


def score_document(gold: str | None, predicted: str | None) -> DocumentScore:
    """Compare one predicted text with its gold text.

    Args:
        gold: The gold article body.
        predicted: The extractor's output; None counts as empty.

    Returns:
        The normalised TP/FP/FN shares and whether the token sequences are equal.
    """
    gold_tokens, predicted_tokens = tokenize(gold), tokenize(predicted)
    gold_shingles, predicted_shingles = shingles(gold_tokens), shingles(predicted_tokens)
    tp = sum((gold_shingles & predicted_shingles).values())
    fp = sum((predicted_shingles - gold_shingles).values())
    fn = sum((gold_shingles - predicted_shingles).values())
    total = tp + fp + fn
    exact = gold_tokens == predicted_tokens
    if total == 0:
        return DocumentScore(0.0, 0.0, 0.0, exact)
    return DocumentScore(tp / total, fp / total, fn / total, exact)


def score_documents(
    gold: Mapping[str, str], predicted: Mapping[str, str | None]
) -> dict[str, DocumentScore]:
    """Score predictions for every gold document.

    Args:
        gold: Gold text by document id.
        predicted: Predicted text by document id. A missing id counts as an empty prediction;
            ids absent from ``gold`` are ignored.

    Returns:
        A score by document id, in the order of ``gold``.
    """
    return {doc_id: score_document(text, predicted.get(doc_id)) for doc_id, text in gold.items()}


def aggregate_scores(scores: Sequence[DocumentScore]) -> dict[str, float | int]:
    """Average per-document scores into the benchmark's figures.

    Args:
        scores: One score per document.

    Returns:
        ``precision``, ``recall``, ``f1``, ``accuracy`` and ``n`` (number of documents).
    """
    precision = _mean_or_one([s.precision for s in scores if s.precision is not None])
    recall = _mean_or_one([s.recall for s in scores if s.recall is not None])
    accuracy = _mean_or_one([float(s.exact) for s in scores])
    return {
        "precision": precision,
        "recall": recall,
        "f1": _harmonic_mean(precision, recall),
        "accuracy": accuracy,
        "n": len(scores),
    }


def bootstrap_std(
    scores: Sequence[DocumentScore], n_resamples: int = 1000, seed: int = 0
) -> dict[str, float]:
    """Estimate the standard deviation of each figure by resampling documents.

    Args:
        scores: One score per document.
        n_resamples: Number of bootstrap resamples (at least 2 for a result).
        seed: Seed of the random generator; the same seed gives the same indices.

    Returns:
        ``precision_std``, ``recall_std``, ``f1_std`` and ``accuracy_std``; empty when there are
        fewer than 2 resamples or no document.
    """
    if n_resamples < 2 or not scores:
        return {}
    rng = random.Random(seed)
    n = len(scores)
    samples: dict[str, list[float]] = {"precision": [], "recall": [], "f1": [], "accuracy": []}
    for _ in range(n_resamples):
        resample = [scores[rng.randrange(n)] for _ in range(n)]
        figures = aggregate_scores(resample)
        for key, values in samples.items():
            values.append(float(figures[key]))
    return {f"{key}_std": statistics.stdev(values) for key, values in samples.items()}


def score_outputs(
    gold: Mapping[str, str],
    predicted: Mapping[str, str | None],
    *,
    n_bootstrap: int = 0,
    seed: int = 0,
) -> dict[str, float | int]:
    """Score one system's outputs against the gold texts.

    Args:
        gold: Gold text by document id.
        predicted: Predicted text by document id (missing ids count as empty).
        n_bootstrap: Bootstrap resamples for ``*_std`` figures; 0 to skip them.
        seed: Seed for the bootstrap.

    Returns:
        The figures of :func:`aggregate_scores`, plus ``*_std`` when bootstrapped.
    """
    scores = list(score_documents(gold, predicted).values())
    return {**aggregate_scores(scores), **bootstrap_std(scores, n_bootstrap, seed)}


def _mean_or_one(values: Sequence[float]) -> float:
    return statistics.fmean(values) if values else 1.0


def _harmonic_mean(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total > 0 else 0.0


# --------------------------------------------------------------------------- loaders


def load_benchmark(data_dir: Path) -> list[BenchmarkPage]:
    """Load the pages and gold texts of a benchmark folder.

    The folder holds ``ground-truth.json`` (``{id: {"articleBody": str, "url": str}}``) and
    ``html/<id>.html.gz`` for every id.

    Args:
        data_dir: The benchmark folder.

    Returns:
        The pages, sorted by id.

    Raises:
        BenchmarkDataError: If the folder, the ground truth or an HTML file is missing or
            malformed.
    """
    data_dir = _require_dir(Path(data_dir))
    ground_truth = _read_json(data_dir / _GROUND_TRUTH)
    items = _require_items(ground_truth, data_dir / _GROUND_TRUTH)
    return [_load_page(data_dir, doc_id, item) for doc_id, item in sorted(items.items())]


def load_reference_outputs(data_dir: Path) -> dict[str, dict[str, str]]:
    """Load the reference systems' outputs stored with the benchmark.

    Each ``reference-outputs/<system>.json.gz`` holds ``{id: {"articleBody": str, ...}}``,
    optionally wrapped as ``{"output": {...}, "version": ...}``. A missing or null
    ``articleBody`` counts as an empty output.

    Args:
        data_dir: The benchmark folder.

    Returns:
        Output text by page id, by system name (the file name without ``.json.gz``), systems
        sorted by name.

    Raises:
        BenchmarkDataError: If the folder is missing, holds no output, or a file is malformed.
    """
    folder = _require_dir(Path(data_dir) / _REFERENCE_DIR)
    paths = sorted(folder.glob("*.json.gz"))
    if not paths:
        raise BenchmarkDataError(f"{folder}: no *.json.gz reference output")
    return {path.name.removesuffix(".json.gz"): _load_reference(path) for path in paths}


def _load_page(data_dir: Path, doc_id: str, item: Mapping[str, Any]) -> BenchmarkPage:
    html_path = data_dir / _HTML_DIR / f"{doc_id}.html.gz"
    html = _read_gzip_text(html_path)
    return BenchmarkPage(id=doc_id, url=item.get("url"), html=html, gold=item["articleBody"])


def _require_items(data: Any, path: Path) -> dict[str, Mapping[str, Any]]:
    if not isinstance(data, dict):
        raise BenchmarkDataError(f"{path}: expected a JSON object of items by id")
    for doc_id, item in data.items():
        if not isinstance(item, dict) or not isinstance(item.get("articleBody"), str):
            raise BenchmarkDataError(f"{path}: item {doc_id!r} has no string 'articleBody'")
        if not isinstance(item.get("url"), str | None):
            raise BenchmarkDataError(f"{path}: item {doc_id!r} has a non-string 'url'")
    return data


def _load_reference(path: Path) -> dict[str, str]:
    data = _read_json(path)
    if isinstance(data, dict) and isinstance(data.get("output"), dict):
        data = data["output"]
    if not isinstance(data, dict):
        raise BenchmarkDataError(f"{path}: expected a JSON object of outputs by id")
    return {doc_id: _reference_text(path, doc_id, item) for doc_id, item in data.items()}


def _reference_text(path: Path, doc_id: str, item: Any) -> str:
    text = item.get("articleBody") if isinstance(item, dict) else item
    if text is None:
        return ""
    if not isinstance(text, str):
        raise BenchmarkDataError(f"{path}: output {doc_id!r} has no string 'articleBody'")
    return text


def _require_dir(path: Path) -> Path:
    if not path.is_dir():
        raise BenchmarkDataError(f"{path}: benchmark folder not found")
    return path


def _read_json(path: Path) -> Any:
    try:
        text = _read_gzip_text(path) if path.suffix == ".gz" else path.read_text(encoding="utf-8")
        return json.loads(text)
    except BenchmarkDataError:
        raise
    except FileNotFoundError:
        raise BenchmarkDataError(f"{path}: file not found") from None
    except (OSError, ValueError) as exc:
        raise BenchmarkDataError(f"{path}: cannot read JSON: {_one_line(exc)}") from exc


def _read_gzip_text(path: Path) -> str:
    try:
        with gzip.open(path, "rb") as handle:
            return handle.read().decode("utf-8")
    except FileNotFoundError:
        raise BenchmarkDataError(f"{path}: file not found") from None
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise BenchmarkDataError(f"{path}: cannot read gzip UTF-8 text: {_one_line(exc)}") from exc


# --------------------------------------------------------------------------- evaluation


Extractor = Callable[[str, str | None], str]
"""An extractor: ``extract(html, url) -> article text``."""


def evaluate_extraction(
    data_dir: Path,
    extract: Extractor,
    *,
    with_references: bool = True,
    n_bootstrap: int = 1000,
    seed: int = 0,
) -> dict[str, Any]:
    """Run an extractor over every benchmark page and score it.

    An exception raised by ``extract`` on a page (or a non-string result) counts as an empty
    output for that page and is listed under ``errors``; it never aborts the run.

    Args:
        data_dir: The benchmark folder (see :func:`load_benchmark`).
        extract: Called as ``extract(html, url)``; returns the article text (None counts as
            empty).
        with_references: Also score the stored reference systems' outputs.
        n_bootstrap: Bootstrap resamples for ``*_std`` figures; 0 to skip them.
        seed: Seed for the bootstrap (the same for every system: a paired bootstrap).

    Returns:
        A JSON-able dict: ``system`` (``precision``, ``recall``, ``f1``, ``accuracy``, ``n`` and
        ``*_std``), ``references`` (the same figures by system name; empty when not asked),
        ``per_page`` (``id``, ``url``, ``f1``, ``precision``, ``recall``, ``exact``; worst F1
        first) and ``errors`` (``id`` and a one-line ``error``).

    Raises:
        BenchmarkDataError: If the benchmark data is missing or malformed.
    """
    pages = load_benchmark(data_dir)
    gold = {page.id: page.gold for page in pages}
    outputs, errors = _run_extractor(pages, extract)
    scores = score_documents(gold, outputs)
    score_list = list(scores.values())
    references: dict[str, Any] = {}
    if with_references:
        references = {
            name: score_outputs(gold, texts, n_bootstrap=n_bootstrap, seed=seed)
            for name, texts in load_reference_outputs(data_dir).items()
        }
    return {
        "system": {**aggregate_scores(score_list), **bootstrap_std(score_list, n_bootstrap, seed)},
        "references": references,
        "per_page": _per_page(pages, scores),
        "errors": errors,
    }


def _run_extractor(
    pages: Sequence[BenchmarkPage], extract: Extractor
) -> tuple[dict[str, str], list[dict[str, str]]]:
    outputs: dict[str, str] = {}
    errors: list[dict[str, str]] = []
    for page in pages:
        try:
            outputs[page.id] = _checked_output(extract(page.html, page.url))
        except Exception as exc:  # noqa: BLE001 - one failing page must not abort the run
            outputs[page.id] = ""
            errors.append({"id": page.id, "error": _one_line(exc)})
    return outputs, errors


def _checked_output(text: Any) -> str:
    if text is None:
        return ""
    if not isinstance(text, str):
        raise TypeError(f"extractor returned {type(text).__name__}, not str")
    return text


def _per_page(
    pages: Sequence[BenchmarkPage], scores: Mapping[str, DocumentScore]
) -> list[dict[str, Any]]:
    rows = [
        {
            "id": page.id,
            "url": page.url,
            "f1": scores[page.id].f1,
            "precision": scores[page.id].precision,
            "recall": scores[page.id].recall,
            "exact": scores[page.id].exact,
        }
        for page in pages
    ]
    return sorted(rows, key=lambda row: (row["f1"], row["id"]))


def _one_line(exc: BaseException) -> str:
    message = " ".join(f"{type(exc).__name__}: {exc}".split())
    if len(message) > _MAX_ERROR_CHARS:
        return message[: _MAX_ERROR_CHARS - 1] + "…"
    return message
