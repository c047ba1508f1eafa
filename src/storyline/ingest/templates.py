"""Lines that repeat across unrelated articles are page furniture, not news.

Two rules, one counter each, both fed the short lines (at most 40 words) of every article:

- **Per outlet** (an outlet's template): a line seen under ``min_articles`` distinct bodies of one
  outlet. A body is keyed by the article's longest paragraph, so that a story's updated versions
  or wire copies under new headlines (same long paragraphs) never make their own sentences look
  like a template.
- **Across the corpus** (outlet unknown or not): a line seen in ``min_unrelated`` bodies that are
  pairwise *unrelated*: their content shares almost no words. A body's content is summarised by a
  bottom-k sketch (the ``SKETCH`` smallest hashes) of the words of its long lines (at least
  ``_MIN_CONTENT_WORDS`` words) that no earlier article has shown, so furniture repeated across a
  site does not make its pages look alike; two bodies are related when the estimated Jaccard
  similarity of their sketches is ``max_similarity`` or more. Wire copies, near-copies and
  rewrites of one story share their names and places, so the sentences they repeat never count;
  a sidebar headline, a login prompt or a site-name line recurs around different stories. Lines
  learned this way are kept under the outlet key :data:`CORPUS`.

Cost per article: one hash per line and word; per short line at most ``min_unrelated - 1`` sketch
comparisons (64 hashes each) until the line is decided. Memory is bounded: per outlet and in the corpus counter at
most ``max_lines`` candidate lines, across all outlets ``max_total_lines``;
lines seen in only one article are forgotten first. A sketch is 256 bytes, shared by the lines
of its article.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import zlib
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache

from anyascii import anyascii

from storyline.lang import pack
from storyline.model import Article

#: Only short lines are template candidates; a long paragraph repeated is a copied story.
_MAX_TEMPLATE_WORDS = 40
#: Lines at least this long describe an article's content in its sketch.
_MIN_CONTENT_WORDS = 15
#: Bodies remembered per line: the newest, so that one early page whose sketch still held the
#: site's furniture (nothing to leave out yet) does not make every later page look related.
_POOL = 6
#: Cached body-pair comparisons before the cache is emptied.
_MAX_PAIRS = 200_000
#: Content lines hashed per article (the opening describes it well enough; bounds the cost).
_MAX_CONTENT_LINES = 12
#: Hashes kept per sketch.
SKETCH = 64
#: The outlet key under which lines learned across the corpus are kept (and stored).
CORPUS = "*"
_WORD = re.compile(r"\w{4,}")
#: A sketch of fewer words cannot tell related articles from unrelated ones.
_MIN_SKETCH_WORDS = 12


class TemplateLines:
    """Learns each outlet's template lines, and the corpus's furniture, from the articles shown."""

    def __init__(self, *, min_articles: int = 3, max_lines: int = 50_000, max_total_lines: int = 500_000,
                 min_unrelated: int = 3, max_similarity: float = 0.3) -> None:
        self.min_articles = min_articles
        self.min_unrelated = min_unrelated
        self.max_similarity = max_similarity
        self.max_lines = max_lines
        self.max_total_lines = max_total_lines
        self._total = 0
        self._bodies: dict[str, dict[str, set[str]]] = defaultdict(dict)
        #: line key -> sketches of the pairwise unrelated bodies it was seen in (corpus rule).
        self._unrelated: dict[str, list[tuple[str, bytes]]] = {}
        #: (body key, body key) -> whether the two bodies are related (cached comparisons).
        self._related: dict[tuple[str, str], bool] = {}
        self.templates_: dict[str, set[str]] = defaultdict(set)

    def observe(self, outlet: str | None, lines: list[str]) -> None:
        """Count the short lines of one article."""
        if not lines:
            return
        self.observe_keys(outlet, *candidate_keys(lines))

    def observe_keys(self, outlet: str | None, body_key: str, keys: Iterable[str],
                     content: Iterable[tuple[str, Iterable[int]]] = ()) -> None:
        """:meth:`observe` from :func:`candidate_keys` of the article's lines (computed where the
        article is, for an engine that learns templates away from the articles)."""
        keys = list(keys)
        suspect = self.suspect_keys(outlet)
        sketch = content_sketch(h for key, hashes in content if not suspect(key) for h in hashes)
        self._observe_corpus(body_key, keys, sketch)
        if not outlet:
            return
        seen = self._bodies[outlet]
        for key in keys:
            if key not in seen:
                self._total += 1
            bodies = seen.setdefault(key, set())
            if len(bodies) < self.min_articles:
                bodies.add(body_key)
                if len(bodies) >= self.min_articles:
                    self.templates_[outlet].add(key)
        if len(seen) > self.max_lines:
            self._total -= _forget_rare(seen)
        if self._total > self.max_total_lines:
            for counts in self._bodies.values():
                self._total -= _forget_rare(counts)

    def suspect_keys(self, outlet: str | None) -> Callable[[str], bool]:
        """What to leave out of an article's sketch: lines earlier articles have shown (what this
        article shares with them is furniture or copied text, not what tells it apart)."""
        corpus, own = self.templates_.get(CORPUS, set()), self.templates_.get(outlet or "", set())
        return lambda key: key in self._unrelated or key in corpus or key in own

    def _observe_corpus(self, body_key: str, keys: list[str], sketch: bytes) -> None:
        """Keep, per line, the last ``_POOL`` bodies it was seen in; the line is furniture once
        ``min_unrelated`` of them are pairwise unrelated (the newest one among them)."""
        corpus = self.templates_[CORPUS]
        for key in keys:
            if key in corpus:
                continue
            pool = self._unrelated.setdefault(key, [])
            if any(body == body_key for body, _ in pool):
                continue
            pool.append((body_key, sketch))
            if len(pool) > _POOL:
                del pool[0]
            if len(pool) >= self.min_unrelated and self._has_unrelated(pool):
                corpus.add(key)
                del self._unrelated[key]
        if len(self._unrelated) > self.max_lines:
            _forget_rare(self._unrelated)
        if len(self._related) > _MAX_PAIRS:
            self._related.clear()

    def _has_unrelated(self, pool: list[tuple[str, bytes]]) -> bool:
        """Whether the newest body and ``min_unrelated - 1`` others are pairwise unrelated (greedy)."""
        chosen = [pool[-1]]
        for member in reversed(pool[:-1]):
            if not any(self._is_related(member, other) for other in chosen):
                chosen.append(member)
                if len(chosen) >= self.min_unrelated:
                    return True
        return False

    def _is_related(self, one: tuple[str, bytes], two: tuple[str, bytes]) -> bool:
        pair = (one[0], two[0]) if one[0] < two[0] else (two[0], one[0])
        related = self._related.get(pair)
        if related is None:
            related = self._related[pair] = containment(one[1], two[1]) >= self.max_similarity
        return related

    def is_template(self, outlet: str | None, line: str) -> bool:
        key = line_key(line)
        return key in self.templates_.get(CORPUS, ()) or (bool(outlet) and key in self.templates_.get(outlet or "", ()))

    def known_for(self, outlet: str | None) -> frozenset[str]:
        """Every line key that is template or furniture for an article of ``outlet``."""
        return frozenset(self.templates_.get(CORPUS, ())) | frozenset(self.templates_.get(outlet or "", ()) if outlet else ())

    def add_known(self, outlet: str, keys: Iterable[str]) -> None:
        """Start from templates learned in earlier runs."""
        self.templates_[outlet].update(keys)



def article_lines(article: Article) -> list[str]:
    """The lines the counters see of an article: its paragraphs, and the title and its fallbacks
    when they were found in the text (a site line taken for a title recurs like any furniture)."""
    lines = article.text.split("\n\n")
    if article.title and article.meta.get("title_from") == "text":
        return [article.title, *article.meta.get("title_candidates", ()), *lines]
    return lines


def strip_templates(article: Article, is_template: Callable[[str], bool]) -> Article:
    """The article without its template and furniture lines; a title found in the text that is
    furniture gives way to the first fallback title that is not (or to none)."""
    lines = article.text.split("\n\n")
    kept = [line for line in lines if not is_template(line)]
    title = article.title
    if title and article.meta.get("title_from") == "text" and is_template(title):
        title = next((other for other in article.meta.get("title_candidates", ()) if not is_template(other)), None)
    if len(kept) == len(lines) and title == article.title:
        return article
    meta = dict(article.meta)
    if len(kept) != len(lines):
        meta["removed"] = {**article.meta.get("removed", {}), "template": len(lines) - len(kept)}
    if title != article.title:
        meta["title_replaced"] = article.title
    return dataclasses.replace(article, text="\n\n".join(kept), title=title, meta=meta)


def _forget_rare(seen: dict[str, set[str]] | dict[str, list[tuple[str, bytes]]]) -> int:
    """Forget the lines seen in one article only; how many were forgotten."""
    rare = [k for k, bodies in seen.items() if len(bodies) <= 1]
    for key in rare:
        del seen[key]
    return len(rare)


def candidate_keys(lines: list[str]) -> tuple[str, list[str], tuple[tuple[str, tuple[int, ...]], ...]]:
    """The key of an article's body (its longest line), the keys of its distinct short lines, and
    its content lines (those long enough to describe it) as (line key, word hashes)."""
    keyed = [(line, line_key(line)) for line in lines]
    keys = {key for line, key in keyed if len(line.split()) <= _MAX_TEMPLATE_WORDS}
    long_lines = [(line, key) for line, key in keyed if len(line.split()) >= _MIN_CONTENT_WORDS]
    content = tuple((key, word_hashes(line)) for line, key in long_lines[:_MAX_CONTENT_LINES])
    return line_key(max(lines, key=len)), sorted(keys), content


def word_hashes(line: str) -> tuple[int, ...]:
    """Stable 32-bit hashes of a line's words of four letters or more, function words left out."""
    stop = _function_words()
    return tuple(zlib.crc32(word.encode()) for word in set(_WORD.findall(line.casefold()))
                 if (word if word.isascii() else anyascii(word)) not in stop)


def content_sketch(hashes: Iterable[int]) -> bytes:
    """The number of distinct word hashes, then the ``SKETCH`` smallest of them."""
    distinct = set(hashes)
    return array("I", [len(distinct), *sorted(distinct)[:SKETCH]]).tobytes()


def containment(sketch: bytes, other: bytes) -> float:
    """Estimated share of the smaller word set found in the larger, from two sketches.

    The bottom-k estimate of the Jaccard similarity J gives the intersection as
    J·(|A|+|B|)/(1+J); sets too small to judge count as contained (related).
    """
    first, second = array("I", sketch), array("I", other)
    size_a, size_b = first[0], second[0]
    if min(size_a, size_b) < _MIN_SKETCH_WORDS:
        return 1.0
    a, b = set(first[1:]), set(second[1:])
    union = sorted(a | b)[:SKETCH]
    both = a & b
    jaccard = sum(1 for value in union if value in both) / len(union)
    return min(1.0, jaccard * (size_a + size_b) / (1 + jaccard) / min(size_a, size_b))


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    """Function words of every language (accent-folded): shared by any two texts of a language,
    they say nothing about whether two articles are related."""
    return pack(None).words("words", "function_words")



def line_key(line: str) -> str:
    return hashlib.blake2b(" ".join(line.casefold().split()).encode(), digest_size=8).hexdigest()
