"""Extractive multi-document summary of a story, every sentence citing the reports behind it.

The candidates are the story's facts (:mod:`storyline.reconcile.facts`), each worded by its most
central sentence. Selection is greedy maximisation of a monotone submodular objective under a
word budget (Lin and Bilmes 2010; concept coverage as in Gillick and Favre 2009):

    F(S) = sum of w(c) over the concepts c covered by S
         + sum over the facts f in S of  bonus(f)

* **concepts** are a sentence's content keys (light stems, entity names) and the bigrams of
  consecutive content words; ``w(c)`` is the number of independent reports that contain ``c``
  (concepts found in one report only weigh nothing), so *central* content weighs most and a
  concept counts once however many chosen sentences repeat it, which is what keeps the summary
  free of **redundancy**;
* **bonus** favours **corroborated** facts (more independent outlets) and lead sentences.

Each step adds the fact with the best gain per ``words ** length_exponent`` that still fits.
Sentences are then **ordered** by time (the earliest report date among their sources), then
source order (report, then sentence). Ties are broken by story order, so the output is
deterministic.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.errors import ConfigError
from storyline.model import Annotated, Story, Summary, SummarySentence
from storyline.reconcile.fact_features import SentenceUnit
from storyline.reconcile.facts import AlignedFact, Embedder, FactConfig, align_facts

__all__ = ["SummaryConfig", "summarize_facts", "summarize_story", "word_count"]

_WORD_RE = re.compile(r"\w+")
_ENDS_LIKE_SENTENCE = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
#: Openers that point back to a sentence the summary may not include.
_DANGLING = frozenset("he she it they this these those that his her its their but however also "
                      "meanwhile then there such".split())


@dataclass(frozen=True, slots=True)
class SummaryConfig:
    """Parameters of the summary.

    Attributes:
        length_exponent: ``r`` in gain / words**r; 0 favours long sentences, 1 short ones.
        corroboration_weight: Bonus per extra independent outlet, in units of the mean concept weight.
        lead_weight: Bonus for a report's first sentences, in the same units (decays with position).
        min_words: Shortest sentence worth a place.
        max_words: Longest sentence worth a place.
        min_concept_reports: Reports a concept must appear in to weigh anything.
    """

    length_exponent: float = 0.6
    corroboration_weight: float = 1.0
    lead_weight: float = 2.0
    min_words: int = 8
    max_words: int = 55
    min_concept_reports: int = 2

    def __post_init__(self) -> None:
        if self.min_words < 1 or self.max_words < self.min_words:
            raise ConfigError("summary.min_words must be >= 1 and <= summary.max_words")


def word_count(text: str) -> int:
    """Words as the budget counts them: whitespace-separated tokens."""
    return len(text.split())


def summarize_story(story: Story, annotated: Sequence[Annotated], *, words: int,
                    config: SummaryConfig | None = None, fact_config: FactConfig | None = None,
                    embedder: Embedder | None = None) -> Summary:
    """Summarise a story in at most ``words`` words.

    Args:
        story: The story (its id names the summary; its article order is source order).
        annotated: The story's annotated reports.
        words: The word budget.
        config: Selection parameters.
        fact_config: Fact alignment parameters.
        embedder: Optional sentence embedder for alignment.

    Raises:
        ConfigError: ``words`` is not positive.
    """
    order = {article_id: rank for rank, article_id in enumerate(story.articles)}
    items = sorted(annotated, key=lambda a: order.get(a.article.id, len(order)))
    facts = align_facts(items, config=fact_config, embedder=embedder)
    return summarize_facts(story.id, facts, words=words, config=config)


def summarize_facts(story_id: str, facts: Sequence[AlignedFact], *, words: int,
                    config: SummaryConfig | None = None) -> Summary:
    """Choose and order facts into a summary of at most ``words`` words.

    Raises:
        ConfigError: ``words`` is not positive.
    """
    if words < 1:
        raise ConfigError(f"summary word budget must be positive, got {words}")
    config = config or SummaryConfig()
    weights = _concept_weights(facts, config)
    candidates = [f for f in facts if _usable(f.representative, config, words)]
    concepts = {f.id: _concepts(f.representative) for f in candidates}
    mean_weight = (sum(weights.values()) / len(weights)) if weights else 1.0
    chosen = _greedy(candidates, concepts, weights, mean_weight, words, config)
    chosen.sort(key=_reading_order)
    return Summary(story=story_id, sentences=tuple(
        SummarySentence(text=f.representative.text, sources=f.articles) for f in chosen))


def _usable(unit: SentenceUnit, config: SummaryConfig, budget: int) -> bool:
    n = unit.word_count
    if n < config.min_words or n > min(config.max_words, budget):
        return False
    first = unit.text.split()[0].strip("\"'\u201c\u2018(,;:").lower()
    if not unit.text[0].isupper() and not unit.text[0] in "\"\u201c'\u2018":
        return False  # a bullet, a fragment or a headline with a date prefix
    return bool(_ENDS_LIKE_SENTENCE.search(unit.text)) and "?" not in unit.text and first not in _DANGLING


def _concepts(unit: SentenceUnit) -> frozenset[str]:
    words = [w[:5] for w in _WORD_RE.findall(unit.text.lower())]
    content = [w for w in words if w in unit.keys]
    bigrams = {f"{a}_{b}" for a, b in zip(content, content[1:])}
    return frozenset(unit.keys) | frozenset(bigrams)


def _concept_weights(facts: Sequence[AlignedFact], config: SummaryConfig) -> dict[str, float]:
    """Concept -> number of reports whose sentences contain it (only those in enough reports)."""
    seen: dict[str, set[str]] = {}
    for fact in facts:
        for member in fact.members:
            for concept in _concepts(member):
                seen.setdefault(concept, set()).add(member.article_id)
    counts = Counter({c: len(a) for c, a in seen.items()})
    return {c: float(n) for c, n in counts.items() if n >= config.min_concept_reports}


def _bonus(fact: AlignedFact, mean_weight: float, config: SummaryConfig) -> float:
    lead = min(m.position for m in fact.members)
    return mean_weight * (config.corroboration_weight * math.log2(fact.voices)
                          + config.lead_weight / (1.0 + lead))


def _greedy(candidates: list[AlignedFact], concepts: dict[str, frozenset[str]], weights: dict[str, float],
            mean_weight: float, budget: int, config: SummaryConfig) -> list[AlignedFact]:
    covered: set[str] = set()
    chosen: list[AlignedFact] = []
    used = 0
    remaining = list(candidates)
    seen_texts: set[str] = set()
    while remaining:
        best, best_score = None, 0.0
        for fact in remaining:
            n = fact.representative.word_count
            if used + n > budget:
                continue
            gain = sum(weights.get(c, 0.0) for c in concepts[fact.id] - covered)
            if gain <= 0.0:
                continue
            score = (gain + _bonus(fact, mean_weight, config)) / n ** config.length_exponent
            if score > best_score:
                best, best_score = fact, score
        if best is None:
            break
        remaining.remove(best)
        if best.representative.text.casefold() in seen_texts:
            continue
        seen_texts.add(best.representative.text.casefold())
        chosen.append(best)
        covered |= concepts[best.id]
        used += best.representative.word_count
    return chosen


def _reading_order(fact: AlignedFact) -> tuple[str, int, int]:
    dates = [m.report_date for m in fact.members if m.report_date]
    first = min(fact.members, key=lambda m: (m.article_rank, m.position))
    return (min(dates) if dates else "9999", first.article_rank, first.position)
