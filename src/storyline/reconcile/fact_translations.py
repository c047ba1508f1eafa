"""Reports that translate one another: one origin, however many languages print it.

A post of Global Voices or a wire dispatch is published in Spanish, French and Italian; the three
pages share no identical sentence, so the copy test of :mod:`storyline.reconcile.facts` (most
sentences identical) never joins them, and a statement of the post would pass for three
independent voices. Two reports in different languages are translations of one origin when, once
their sentences are aligned into facts, they share at least :data:`MIN_SHARED_FACTS` facts and those
facts cover at least :data:`MIN_SHARE` of the shorter report's sentences.

Measured on the 740 crawled es/fr/it reports of ``../shared/data/ml-crisis-tls``: 22 pairs of
reports reach a share of 0.44 or more, all of them Global Voices translations of one post; the
highest pair of two independent reports reached 0.38 (8 shared facts of a 21-sentence report).

Cost: one pass over the facts, quadratic only in each fact's reports (facts of more than
:data:`MAX_REPORTS` reports, boilerplate rather than translation, are skipped).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import combinations

from storyline.reconcile.fact_features import SentenceUnit

__all__ = ["MIN_SHARE", "MIN_SHARED_FACTS", "translation_pairs"]

#: Facts two reports must share to be translations of one origin.
MIN_SHARED_FACTS = 4
#: Share of the shorter report's sentences those facts must cover.
MIN_SHARE = 0.4
#: A fact stated by more reports than this says nothing about translation.
MAX_REPORTS = 50


def translation_pairs(units: Iterable[SentenceUnit], facts: Iterable[Iterable[SentenceUnit]],
                      languages: Mapping[str, str | None]) -> set[tuple[str, str]]:
    """Pairs of reports (sorted ids) in two known, different languages that translate each other.

    Args:
        units: Every sentence of the story's reports (what the shares are counted against).
        facts: Each fact's sentences.
        languages: Each report's language.
    """
    sentences = Counter(unit.article_id for unit in units)
    shared: Counter[tuple[str, str]] = Counter()
    for members in facts:
        reports = sorted({unit.article_id for unit in members})
        if len(reports) > MAX_REPORTS:
            continue
        for first, second in combinations(reports, 2):
            if languages.get(first) and languages.get(second) and languages[first] != languages[second]:
                shared[(first, second)] += 1
    return {pair for pair, count in shared.items()
            if count >= MIN_SHARED_FACTS and count >= MIN_SHARE * min(sentences[pair[0]], sentences[pair[1]])}
