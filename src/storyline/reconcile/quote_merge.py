"""Merge the quotes of a story's articles: one statement, its variants and its sources.

Outlets report the same statement in different words, as a direct quote in one report and a
paraphrase or a machine translation in another. Two quotes are taken for the same statement
when

* their **speakers agree**: speaker names are accent-folded and compared by surname, with a
  tolerance for mangled transliterations (``Akar``, ``Akal``, ``Akkar``); two quotes without a
  known speaker may also merge, but a quote with a known speaker never joins one without; and
* their **content words overlap**: lowercased ``\\w+`` tokens, stopwords removed, cut to their
  first five letters (a light stemmer that maps *threaten*/*threates* and
  *technology*/*technical* together), plus the acronym of every run of three or more
  capitalised words (*North Atlantic Treaty Organization* -> *nato*). The overlap coefficient
  ``|A & B| / min(|A|, |B|)`` must reach ``min_overlap`` with at least ``min_shared`` words.

Clustering is greedy and average-link (the mean overlap with a cluster's members must reach
``min_overlap``), in input order, so the result is deterministic.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from storyline.analyze.speaker_names import fold
from storyline.model import Annotated, Article, Quote

__all__ = ["MergedQuote", "QuoteVariant", "content_words", "merge_quotes", "same_speaker"]

_WORD_RE = re.compile(r"\w+")
_CAP_RUN_RE = re.compile(r"[A-Z][a-z]+(?:\s+(?:of\s+|the\s+|for\s+)*[A-Z][a-z]+){2,}")
_STEM_CHARS = 5
STOPWORDS = frozenset(
    "a an the and or but if of to in on at by for with from as that this these those it its is "
    "are was were be been being has have had do does did will would can could should may might "
    "must not no nor so than then there their they them he she his her him we our us you your i "
    "me my which who whom whose what when where why how all any both each few more most other "
    "some such only own same too very just also about into over after before again further once "
    "said says say told added according".split()
)


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """One outlet's wording of a statement."""

    article_id: str
    outlet: str | None
    text: str
    kind: str
    speaker: str | None


@dataclass(frozen=True, slots=True)
class MergedQuote:
    """A statement reported by one or more articles.

    Attributes:
        id: Stable id derived from the first variant.
        speaker: The speaker's fullest name among the variants, or None when unknown.
        text: The representative wording: the longest direct variant, else the longest one.
        kind: ``direct`` when any variant quotes the speaker's words, else ``indirect``.
        variants: Every wording, in input order.
        sources: Distinct article ids, in input order.
    """

    id: str
    speaker: str | None
    text: str
    kind: str
    variants: tuple[QuoteVariant, ...]
    sources: tuple[str, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        """Distinct outlet names of the variants that have one."""
        return tuple(dict.fromkeys(v.outlet for v in self.variants if v.outlet))


def content_words(text: str) -> frozenset[str]:
    """The content-word keys of ``text`` (see the module docstring)."""
    words = set()
    for token in _WORD_RE.findall(fold(text)):
        if token in STOPWORDS or (len(token) < 3 and not token.isdigit()):
            continue
        if token[:-1].isdigit() and token.endswith("s"):
            token = token[:-1]  # "400s" -> "400"
        words.add(token[:_STEM_CHARS])
    for run in _CAP_RUN_RE.findall(text):
        initials = "".join(w[0] for w in run.split() if w[0].isupper())
        words.add(initials.lower()[:_STEM_CHARS])
    return frozenset(words)


def same_speaker(a: str | None, b: str | None, *, min_ratio: float = 0.75) -> bool:
    """Whether two speaker names denote the same person or organisation.

    Both unknown counts as agreeing; one unknown does not. Names agree when their folded
    surnames (last words) are equal or, for surnames of four letters or more, similar.
    """
    if a is None or b is None:
        return a is None and b is None
    last_a, last_b = fold(a).split()[-1:], fold(b).split()[-1:]
    if not last_a or not last_b:
        return False
    x, y = last_a[0], last_b[0]
    if x == y:
        return True
    return min(len(x), len(y)) >= 4 and SequenceMatcher(None, x, y).ratio() >= min_ratio


def _overlap(a: frozenset[str], b: frozenset[str]) -> tuple[float, int]:
    shared = len(a & b)
    return (shared / min(len(a), len(b)) if a and b else 0.0), shared


def _variants(items: Iterable[Annotated | tuple[Article, Sequence[Quote]]]) -> list[QuoteVariant]:
    out = []
    for item in items:
        article, quotes = (item.article, item.quotes) if isinstance(item, Annotated) else item
        for quote in quotes:
            speaker = quote.speaker_entity
            text = article.text[quote.content.start : quote.content.end]
            out.append(QuoteVariant(article.id, article.source, text, quote.kind, speaker))
    return out


def merge_quotes(
    items: Iterable[Annotated | tuple[Article, Sequence[Quote]]],
    *,
    min_overlap: float = 0.35,
    min_shared: int = 2,
) -> list[MergedQuote]:
    """Group the quotes of a story's articles into statements.

    Args:
        items: Annotated articles, or ``(article, quotes)`` pairs, of one story.
        min_overlap: Smallest content-word overlap coefficient for two quotes to merge.
        min_shared: Smallest number of shared content words for two quotes to merge.

    Returns:
        One MergedQuote per statement, in order of first appearance.
    """
    variants = _variants(items)
    keys = [content_words(v.text) for v in variants]
    clusters: list[list[int]] = []
    for i, variant in enumerate(variants):
        best, best_score = None, 0.0
        for c, members in enumerate(clusters):
            if not all(same_speaker(variant.speaker, variants[m].speaker) for m in members):
                continue
            score = sum(_pair_score(keys[i], keys[m], min_shared) for m in members) / len(members)
            if score >= min_overlap and score > best_score:
                best, best_score = c, score
        if best is None:
            clusters.append([i])
        else:
            clusters[best].append(i)
    return [_build([variants[m] for m in members]) for members in clusters]


def _pair_score(a: frozenset[str], b: frozenset[str], min_shared: int) -> float:
    score, shared = _overlap(a, b)
    return score if shared >= min_shared else 0.0


def _build(members: list[QuoteVariant]) -> MergedQuote:
    names = Counter(v.speaker for v in members if v.speaker)
    speaker = max(names, key=lambda n: (len(n.split()), names[n], n)) if names else None
    direct = [v for v in members if v.kind == "direct"]
    text = max(direct or members, key=lambda v: len(v.text)).text
    first = members[0]
    digest = hashlib.sha1(f"{first.article_id}\x00{first.text}".encode()).hexdigest()[:16]
    return MergedQuote(
        id=digest,
        speaker=speaker,
        text=text,
        kind="direct" if direct else "indirect",
        variants=tuple(members),
        sources=tuple(dict.fromkeys(v.article_id for v in members)),
    )
