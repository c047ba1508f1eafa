"""Summary evaluation: ROUGE-1 and ROUGE-2 recall of the extractive summariser.

Data: JSONL (plain or ``.gz``), one cluster per line, ``{"id", "docs": [{"id", "text"}],
"references": ["...", ...]}``, or a folder holding such a file (``mds-multiling2011`` ships
``multiling2011-en.jsonl.gz`` in this shape; its peers file is not a cluster file and is skipped).

Protocol (DUC style): each system summary is cut at ``words`` words; with ``cut_references`` the
references are cut the same way (the MultiLing 100-word anchors of its SOURCE.md are computed
so). Scores use rouge-score's tokenizer with the Porter stemmer; recall is pooled over the
references of a cluster (matched n-grams over reference n-grams, summed over references, as
ROUGE-1.5.5 ``-f A`` does), then macro-averaged over clusters, x100.

rouge-score is an evaluation extra: it is imported when a score is computed, not before.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.errors import InputError, MissingDependency
from storyline.model import Annotated, Article, Story, Summary

__all__ = ["Cluster", "analyse_cluster", "cut_words", "evaluate_summaries", "load_clusters", "rouge_recall", "summarize_cluster"]


@dataclass(frozen=True, slots=True)
class Cluster:
    """One evaluation topic: its documents and reference summaries."""

    id: str
    docs: tuple[Article, ...]
    references: tuple[str, ...]


def load_clusters(path: Path) -> list[Cluster]:
    """Read clusters from a JSONL(.gz) file or from the cluster files of a folder.

    Raises:
        InputError: the path holds no cluster file, or a line is not a cluster.
    """
    files = [path] if path.is_file() else sorted(
        p for p in path.glob("*.jsonl*") if p.suffix in (".jsonl", ".gz") and not p.name.startswith("peers"))
    if not files:
        raise InputError(str(path), "no cluster file (*.jsonl or *.jsonl.gz) found")
    clusters = []
    for file in files:
        opener = gzip.open if file.suffix == ".gz" else open
        with opener(file, "rt", encoding="utf-8") as stream:  # type: ignore[operator]
            for number, line in enumerate(stream, start=1):
                if line.strip():
                    clusters.append(_cluster(json.loads(line), str(file), number))
    return clusters


def _cluster(data: Any, path: str, line: int) -> Cluster:
    if not isinstance(data, dict) or not isinstance(data.get("docs"), list) or not isinstance(data.get("references"), list):
        raise InputError(path, "expected {\"id\", \"docs\": [...], \"references\": [...]}", line)
    docs = tuple(Article(id=str(d.get("id", f"{data.get('id')}-{i}")), text=str(d["text"]))
                 for i, d in enumerate(data["docs"]))
    return Cluster(id=str(data.get("id", line)), docs=docs, references=tuple(str(r) for r in data["references"]))


def cut_words(text: str, words: int) -> str:
    """The first ``words`` whitespace-separated words of ``text``."""
    return " ".join(text.split()[:words])


def rouge_recall(summary: str, references: Sequence[str]) -> dict[str, float]:
    """Pooled ROUGE-1/ROUGE-2 recall (0-1) of ``summary`` against ``references``, stemmed.

    Raises:
        MissingDependency: rouge-score is not installed.
    """
    try:
        from rouge_score.tokenizers import DefaultTokenizer  # noqa: PLC0415
    except ImportError as exc:
        raise MissingDependency("summary evaluation needs: pip install rouge-score") from exc
    tokenizer = DefaultTokenizer(use_stemmer=True)
    system = tokenizer.tokenize(summary)
    out = {}
    for n in (1, 2):
        ours = _ngrams(system, n)
        matched = total = 0
        for reference in references:
            theirs = _ngrams(tokenizer.tokenize(reference), n)
            matched += sum((ours & theirs).values())
            total += sum(theirs.values())
        out[f"rouge{n}"] = matched / total if total else 0.0
    return out


def _ngrams(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def analyse_cluster(cluster: Cluster, annotate: Callable[[Article], Annotated]) -> list[Annotated]:
    """A cluster's documents annotated, entities resolved across them."""
    from storyline.reconcile.entities import resolve_entities  # noqa: PLC0415

    annotated = [annotate(doc) for doc in cluster.docs]
    return resolve_entities(annotated)[1] if any(a.entities for a in annotated) else annotated


def summarize_cluster(cluster: Cluster, words: int, annotated: Sequence[Annotated]) -> Summary:
    """The summariser's output for one analysed cluster."""
    from storyline.reconcile.summary import summarize_story  # noqa: PLC0415

    story = Story(id=cluster.id, title=cluster.id, articles=tuple(d.id for d in cluster.docs))
    return summarize_story(story, annotated, words=words)


def evaluate_summaries(clusters: Iterable[Cluster], budgets: Sequence[int], *, cut_references: bool = False,
                       overflow_words: int = 0,
                       annotate: Callable[[Article], Annotated] | None = None) -> dict[str, Any]:
    """ROUGE-1/2 recall of the summariser at each word budget.

    Args:
        clusters: The evaluation topics.
        budgets: Word budgets; each summary is cut at the budget.
        cut_references: Cut references at the budget too.
        overflow_words: Words the summariser may use past the budget before the cut (DUC systems
            filled the whole length; 0 keeps the summary within the budget, as the CLI does).
        annotate: The analysis step; :func:`storyline.analyze.annotate.annotate` by default.

    Returns:
        ``{"budgets": {"100": {"rouge1", "rouge2", "n"}}, "topics": [...]}``, scores x100.
    """
    if annotate is None:
        from storyline.analyze.annotate import annotate as default_annotate  # noqa: PLC0415

        annotate = default_annotate
    clusters = list(clusters)
    analysed = {c.id: analyse_cluster(c, annotate) for c in clusters}
    result: dict[str, Any] = {"budgets": {}, "topics": []}
    for budget in budgets:
        per_topic = []
        for cluster in clusters:
            summary = summarize_cluster(cluster, budget + overflow_words, analysed[cluster.id])
            refs = [cut_words(r, budget) for r in cluster.references] if cut_references else list(cluster.references)
            scores = rouge_recall(cut_words(summary.text, budget), refs)
            per_topic.append({"id": cluster.id, "words": budget, **{k: round(100 * v, 2) for k, v in scores.items()},
                              "summary": cut_words(summary.text, budget)})
        result["topics"].extend(per_topic)
        n = len(per_topic) or 1
        result["budgets"][str(budget)] = {
            "rouge1": round(sum(t["rouge1"] for t in per_topic) / n, 2),
            "rouge2": round(sum(t["rouge2"] for t in per_topic) / n, 2), "n": len(per_topic),
            "cut_references": cut_references, "overflow_words": overflow_words}
    return result
