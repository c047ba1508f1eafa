"""Facts across languages scored on MEANTIME's translations: is one statement one fact in any
language?

**Gold.** ``../shared/data/meantime-ml`` holds the same Wikinews articles in English and in
professional Spanish, Italian and Dutch translations, one sentence per line, aligned sentence by
sentence. For each article and each pair of its languages whose versions have the same number of
lines, line *i* of one is the same statement as line *i* of the other (line 1, the date line, is
left out: it is no statement). Two lines of different languages are linked in the gold when they
are such a pair.

**Product.** Each article's versions are one story: annotated, their entities resolved across the
four languages, and aligned by :func:`storyline.reconcile.facts.align_facts`. Two lines of
different versions are linked when both lie in the support of one fact.

**Baselines.** ``names``: two lines are linked when the names and numbers they write (capitalised
words and digits, folded) overlap by Jaccard 0.5 or more, the cue a reader without the languages
would use; ``words``: content-word Jaccard 0.3, as the ECB+ fact check's baseline.

Pairwise precision, recall and F1 over the line pairs of different versions of the same length
(versions whose lines differ in number have no gold, so their links are not judged). ``--story corpus``
makes each corpus (``airbus``, ``apple``: 30 articles in four languages) one story, so that
lines of different articles can wrongly be joined too (harder). Cost: the annotation of the 240
documents (most of the time), then quadratic in a story's lines.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from storyline.evaluate.facts_eval import fact_links, jaccard_links, pair_scores
from storyline.model import Annotated, Article

__all__ = ["LANGUAGES", "evaluate_facts_ml", "gold_pairs", "name_links"]

LANGUAGES = ("en", "es", "it", "nl")
#: Names-and-numbers Jaccard at which the baseline links two lines.
NAMES_THRESHOLD = 0.5
_DATE_LINE = 1
_NAME_OR_NUMBER = re.compile(r"\b(?:[A-Z][\w'-]+|\d[\d.,]*)")

Unit = tuple[str, int]
Pair = tuple[Unit, Unit]


def read_versions(data_dir: Path) -> dict[str, list[Article]]:
    """Article number (``airbus-1173``) → its versions, one per language present."""
    versions: dict[str, list[Article]] = defaultdict(list)
    for language in LANGUAGES:
        with open(data_dir / language / "articles.jsonl", encoding="utf-8") as handle:
            for line in handle:
                article = Article.from_json(json.loads(line))
                versions[article.id.split("-", 1)[1]].append(article)
    return dict(versions)


def gold_pairs(versions: Iterable[Article]) -> set[Pair]:
    """Line *i* of a version with line *i* of each other version of the same length (line 1 aside)."""
    lines = {a.id: a.text.count("\n") + 1 for a in versions}
    ordered = sorted(lines)
    pairs: set[Pair] = set()
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if lines[a] == lines[b]:
                pairs |= {((a, n), (b, n)) for n in range(lines[a]) if n != _DATE_LINE}
    return pairs


def name_links(units: dict[Unit, frozenset[str]], story_of: dict[str, str]) -> set[Pair]:
    """Lines of different versions of one story whose names and numbers overlap enough."""
    return jaccard_links(units, story_of, NAMES_THRESHOLD)


def _names(line: str) -> frozenset[str]:
    return frozenset(m.group().lower().replace(",", ".").rstrip(".") for m in _NAME_OR_NUMBER.finditer(line))


def evaluate_facts_ml(data_dir: Path, *, story: str = "article",
                      annotate: Callable[[Article], Annotated] | None = None) -> dict[str, Any]:
    """Score fact alignment across the four languages (see the module docstring).

    Args:
        data_dir: ``../shared/data/meantime-ml``.
        story: ``article`` (each article's versions one story) or ``corpus``.
        annotate: The analysis step; :func:`storyline.analyze.annotate.annotate` by default.

    Returns:
        ``{"dataset", "story", "stories", "documents", "facts", "baselines", "by_pair"}``.
    """
    from storyline.reconcile.entities import resolve_entities  # noqa: PLC0415
    from storyline.reconcile.facts import align_facts  # noqa: PLC0415
    from storyline.reconcile.quote_merge import content_words  # noqa: PLC0415

    if annotate is None:
        from storyline.analyze.annotate import annotate as default_annotate  # noqa: PLC0415

        annotate = default_annotate
    versions = read_versions(data_dir)
    stories: dict[str, list[Article]] = defaultdict(list)
    for number, docs in versions.items():
        stories[number if story == "article" else number.split("-")[0]].extend(docs)
    gold = set().union(*(gold_pairs(docs) for docs in versions.values()))
    story_of = {a.id: key for key, docs in stories.items() for a in docs}
    lines = {a.id: a.text.split("\n") for docs in stories.values() for a in docs}
    units = {(doc, n) for doc, text in lines.items() for n in range(len(text)) if n != _DATE_LINE}
    predicted: set[Pair] = set()
    for docs in stories.values():
        annotated = resolve_entities([annotate(doc) for doc in docs])[1]
        aligned = align_facts(annotated)
        supports = [[(a, s.start) for a, s in f.fact.support] for f in aligned]
        ends = {(a, s.start): s.end for f in aligned for a, s in f.fact.support}
        starts = {a.id: _line_starts(a.text) for a in docs}
        numbers = {a.id: list(range(len(lines[a.id]))) for a in docs}
        predicted |= fact_links(supports, starts, numbers, ends, units)
    aligned = {(a[0], b[0]) for a, b in gold}  # versions of the same length: the only pairs judged
    predicted = {p for p in predicted if (p[0][0], p[1][0]) in aligned}
    words = {u: content_words(lines[u[0]][u[1]]) for u in units}
    names = {u: _names(lines[u[0]][u[1]]) for u in units}
    return {
        "dataset": "meantime-ml", "story": story, "stories": len(stories), "documents": len(lines),
        "facts": pair_scores(predicted, gold),
        "baselines": {"names": pair_scores(_judged(name_links(names, story_of), aligned), gold),
                      "words": pair_scores(_judged(jaccard_links(words, story_of), aligned), gold)},
        "by_pair": _by_language_pair(predicted, gold),
    }


def _judged(links: set[Pair], aligned: set[tuple[str, str]]) -> set[Pair]:
    return {p for p in links if (p[0][0], p[1][0]) in aligned}


def _by_language_pair(predicted: set[Pair], gold: set[Pair]) -> dict[str, dict[str, float | int]]:
    def pair_of(link: Pair) -> str:
        return "-".join(sorted((link[0][0][:2], link[1][0][:2])))

    keys = sorted({pair_of(p) for p in gold})
    return {key: pair_scores({p for p in predicted if pair_of(p) == key}, {p for p in gold if pair_of(p) == key})
            for key in keys}


def _line_starts(text: str) -> list[int]:
    return [0] + [n + 1 for n, char in enumerate(text) if char == "\n"]
