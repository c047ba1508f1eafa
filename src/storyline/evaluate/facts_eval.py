"""Fact alignment scored on ECB+ cross-document event coreference, as pairwise sentence links.

**Gold.** ECB+ (``../shared/data/ecbplus``) annotates, in a selection of sentences per document
(``ECBplus_coreference_sentences.csv``), mentions of actions (``ACTION_*``, ``NEG_ACTION_*``) and
links them across documents into chains (``CROSS_DOC_COREF`` whose ``note`` starts ``ACT`` or
``NEG``). Two selected sentences of *different documents of one topic* are linked in the gold when
they mention the same chain. The gold is loose: "the same happening", not "the same statement",
so precision is reported beside F1.

**Product.** Each topic's documents are annotated (:func:`storyline.analyze.annotate.annotate`),
their entities resolved across the topic, and aligned as one story by
:func:`storyline.reconcile.facts.align_facts`. Two selected sentences are linked when both lie in
the support of one fact. Documents are read by :func:`storyline.evaluate.grouping.read_ecbplus`:
one ECB+ sentence per line, sentence 0 of ``ecbplus`` documents left out; a fact's support span
is mapped back to the ECB+ sentences of the lines it overlaps.

**Baseline.** Two selected sentences of different documents of a topic are linked when the
Jaccard overlap of their content words (:func:`storyline.reconcile.quote_merge.content_words`)
reaches 0.3; scored the same way.

Pairwise precision, recall and F1 over all cross-document pairs of selected sentences of a
topic. Cost: the annotation of the split's documents (most of the time), then quadratic in the
selected sentences of a topic (a few hundred), which is small.
"""

from __future__ import annotations

import bisect
import csv
import tarfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from storyline.evaluate.grouping import ECB_ARCHIVE, read_ecbplus
from storyline.model import Annotated, Article

__all__ = ["BASELINE_THRESHOLD", "evaluate_facts", "fact_links", "gold_links", "jaccard_links",
           "pair_scores", "read_chains"]

SENTENCES_FILE = "ECBplus_coreference_sentences.csv"
#: Content-word Jaccard at which the baseline links two sentences.
BASELINE_THRESHOLD = 0.3
#: Chain note prefixes of actions (negated actions included).
_ACTION_PREFIXES = ("ACT", "NEG")

#: A sentence: (document id, ECB+ sentence number).
Unit = tuple[str, int]
Pair = tuple[Unit, Unit]


def read_selected(data_dir: Path) -> set[Unit]:
    """The ``(document, sentence)`` pairs listed in the coreference-sentences file."""
    with open(data_dir / SENTENCES_FILE, encoding="utf-8", newline="") as handle:
        return {(f"{row['Topic']}_{row['File']}", int(row["Sentence Number"])) for row in csv.DictReader(handle)}


def read_chains(data_dir: Path, docs: Iterable[str]) -> dict[str, tuple[list[int], dict[int, frozenset[str]]]]:
    """Document → (ECB+ sentence number of each line of its text, sentence → action chains in it)."""
    wanted = set(docs)
    found: dict[str, tuple[list[int], dict[int, frozenset[str]]]] = {}
    with tarfile.open(data_dir / ECB_ARCHIVE, "r:gz") as archive:
        for member in archive:
            doc = Path(member.name).stem
            handle = archive.extractfile(member) if member.isfile() and member.name.endswith(".xml") else None
            if handle is not None and doc in wanted:
                found[doc] = chains_of(handle.read(), skip_first=doc.endswith("ecbplus"))
    return found


def chains_of(data: bytes, *, skip_first: bool = False) -> tuple[list[int], dict[int, frozenset[str]]]:
    """For one ECB+ document's XML: the sentence number of each line of its text (sentences in
    order, sentence 0 left out with ``skip_first``, as :func:`read_ecbplus` writes them), and
    sentence number → the action chains with a mention in it."""
    root = ET.fromstring(data)
    sentence_of = {t.get("t_id"): int(t.get("sentence", "0")) for t in root.iter("token")}
    lines = sorted(set(sentence_of.values()) - ({0} if skip_first else set()))
    mention_sentences: dict[str, set[int]] = defaultdict(set)
    markables = root.find("Markables")
    for markable in markables if markables is not None else ():
        for anchor in markable.iter("token_anchor"):
            if (sentence := sentence_of.get(anchor.get("t_id"))) is not None:
                mention_sentences[markable.get("m_id", "")].add(sentence)
    chains: dict[int, set[str]] = defaultdict(set)
    for relation in root.iter("CROSS_DOC_COREF"):
        note = relation.get("note", "")
        if not note.startswith(_ACTION_PREFIXES):
            continue
        for source in relation.iter("source"):
            for sentence in mention_sentences.get(source.get("m_id", ""), ()):
                chains[sentence].add(note)
    return lines, {sentence: frozenset(notes) for sentence, notes in chains.items()}


def gold_links(chains: Mapping[str, Mapping[int, frozenset[str]]], selected: Iterable[Unit],
               topic_of: Mapping[str, str]) -> set[Pair]:
    """Pairs of selected sentences of different documents of one topic sharing an action chain."""
    by_chain: dict[tuple[str, str], set[Unit]] = defaultdict(set)
    for doc, sentence in selected:
        for chain in chains.get(doc, {}).get(sentence, ()):
            by_chain[(topic_of[doc], chain)].add((doc, sentence))
    links: set[Pair] = set()
    for units in by_chain.values():
        links |= _cross_pairs(units)
    return links


def jaccard_links(words: Mapping[Unit, frozenset[str]], topic_of: Mapping[str, str],
                  threshold: float = BASELINE_THRESHOLD) -> set[Pair]:
    """Pairs of sentences of different documents of one topic whose content words' Jaccard
    overlap reaches ``threshold``."""
    by_topic: dict[str, list[Unit]] = defaultdict(list)
    for unit in sorted(words):
        by_topic[topic_of[unit[0]]].append(unit)
    links: set[Pair] = set()
    for units in by_topic.values():
        for a, b in _cross_pairs(units):
            union = len(words[a] | words[b])
            if union and len(words[a] & words[b]) / union >= threshold:
                links.add((a, b))
    return links


def fact_links(supports: Iterable[Sequence[tuple[str, int]]], line_starts: Mapping[str, Sequence[int]],
               numbers: Mapping[str, Sequence[int]], ends: Mapping[tuple[str, int], int],
               keep: set[Unit]) -> set[Pair]:
    """Pairs of kept sentences of different documents that lie in the support of one fact.

    Args:
        supports: Each fact's support as ``(document, start offset)`` with the end in ``ends``.
        line_starts: Document → character offset of each line.
        numbers: Document → ECB+ sentence number of each line.
        ends: ``(document, start)`` → end offset of that support span.
        keep: The sentences scored (the selected ones).
    """
    links: set[Pair] = set()
    for support in supports:
        units = set()
        for doc, start in support:
            starts = line_starts[doc]
            first = bisect.bisect_right(starts, start) - 1
            last = bisect.bisect_left(starts, ends[(doc, start)]) - 1
            units |= {(doc, numbers[doc][n]) for n in range(max(first, 0), max(last, first) + 1)}
        links |= _cross_pairs(units & keep)
    return links


def pair_scores(predicted: set[Pair], gold: set[Pair]) -> dict[str, float | int]:
    """Pairwise link precision, recall and F1 (0.0 where undefined)."""
    hits = len(predicted & gold)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "predicted": len(predicted), "gold": len(gold), "correct": hits}


def _cross_pairs(units: Iterable[Unit]) -> set[Pair]:
    ordered = sorted(units)
    return {(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:] if a[0] != b[0]}


def evaluate_facts(data_dir: Path, *, split: str = "dev",
                   annotate: Callable[[Article], Annotated] | None = None) -> dict[str, Any]:
    """Score fact alignment and the Jaccard baseline on one split of ECB+.

    Args:
        data_dir: ``../shared/data/ecbplus``.
        split: ``dev``, ``train`` or ``all``.
        annotate: The analysis step; :func:`storyline.analyze.annotate.annotate` by default.

    Returns:
        ``{"dataset", "split", "topics", "documents", "sentences", "facts": {...},
        "baseline": {...}, "per_topic": {...}}``.

    Raises:
        FileNotFoundError: A file of the dataset is missing.
    """
    from storyline.reconcile.entities import resolve_entities  # noqa: PLC0415
    from storyline.reconcile.facts import align_facts  # noqa: PLC0415
    from storyline.reconcile.quote_merge import content_words  # noqa: PLC0415

    if annotate is None:
        from storyline.analyze.annotate import annotate as default_annotate  # noqa: PLC0415

        annotate = default_annotate
    articles, labels = read_ecbplus(data_dir)
    articles = [a for a in articles if split == "all" or labels[a.id]["split"] == split]
    topic_of = {a.id: labels[a.id]["topic"] for a in articles}
    read = read_chains(data_dir, topic_of)
    chains = {doc: found[1] for doc, found in read.items()}
    numbers = {doc: found[0] for doc, found in read.items()}
    selected = {u for u in read_selected(data_dir) if u[0] in topic_of}
    starts = {a.id: _line_starts(a.text) for a in articles}
    lines = {a.id: a.text.split("\n") for a in articles}
    words = {(doc, n): content_words(lines[doc][numbers[doc].index(n)]) for doc, n in selected
             if n in numbers.get(doc, ()) and len(numbers[doc]) == len(lines[doc])}
    gold = gold_links(chains, words, topic_of)
    predicted: set[Pair] = set()
    per_topic: dict[str, dict[str, Any]] = {}
    by_topic: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_topic[topic_of[article.id]].append(article)
    for topic, docs in sorted(by_topic.items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else kv[0]):
        annotated = [annotate(doc) for doc in docs]
        if any(a.entities for a in annotated):
            annotated = resolve_entities(annotated)[1]
        aligned = align_facts(annotated)
        supports = [[(a, s.start) for a, s in f.fact.support] for f in aligned]
        ends = {(a, s.start): s.end for f in aligned for a, s in f.fact.support}
        links = fact_links(supports, starts, numbers, ends, set(words))
        predicted |= links
        topic_gold = {p for p in gold if topic_of[p[0][0]] == topic}
        per_topic[topic] = {"documents": len(docs), "facts": pair_scores(links, topic_gold)}
    baseline = jaccard_links(words, topic_of)
    return {
        "dataset": "ecbplus", "split": split, "topics": len(by_topic), "documents": len(articles),
        "sentences": len(words), "facts": pair_scores(predicted, gold),
        "baseline": {"threshold": BASELINE_THRESHOLD, **pair_scores(baseline, gold)},
        "per_topic": per_topic,
    }


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for n, char in enumerate(text):
        if char == "\n":
            starts.append(n + 1)
    return starts
