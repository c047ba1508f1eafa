"""Lines that repeat across unrelated articles are page furniture, not news.

Three rules, all fed the lines of every article (keyed by :func:`line_key`):

- **Per outlet** (an outlet's template): a short line (at most 40 words) seen under
  ``min_articles`` distinct bodies of one outlet. A body is keyed by the article's longest
  paragraph, so that a story's updated versions or wire copies under new headlines (same long
  paragraphs) never make their own sentences look like a template.
- **Unrelated reports** (outlet unknown or not): a short line seen in ``min_unrelated`` bodies
  that are pairwise *unrelated*: their content shares almost no words. A body's content is
  summarised by a bottom-k sketch (:mod:`storyline.ingest.sketches`) of the words of its long
  lines (at least ``_MIN_CONTENT_WORDS`` words) that no earlier article has shown, so furniture
  repeated across a site does not make its pages look alike; two bodies are related when the
  estimated containment of their sketches is ``max_similarity`` or more. Wire copies, near-copies
  and rewrites of one story share their names and places, so the sentences they repeat never
  count; a sidebar headline, a login prompt or a site-name line recurs around different stories.
- **Different days** (outlet unknown or not): a line of at most ``_MAX_DATED_WORDS`` words seen
  in ``min_days`` bodies published on pairwise different days that are pairwise not *copies*
  (versions of one report repeat most of their paragraphs verbatim: a sketch of their long lines'
  keys is compared the same way). A site's comment policy, copyright notice or sidebar teasers
  recur under every report of one story day after day, where the words of the reports make
  them all related; a report's own sentence is not printed again, word for word, in another
  report days later, unless that report is a version of it. This rule needs publication days
  (a corpus of one day learns by the rule above). A line holding two or more of the words pages
  use about themselves (``cue_words`` of every furniture pack: comments, cookies, newsletter,
  password...) needs only two such reports: a site seen twice in a corpus shows its notices twice.
  So does a line that is the title a report's text gave it ("Asturianos por el mundo", a blog's
  name on top of each post): a headline names one report, so the same title over two reports of
  different days that are not copies is the site's or section's name, and the next candidate
  title is taken.

Lines learned by the two corpus rules are kept under the outlet key :data:`CORPUS`.

Cost per article: one hash per line and word; per line at most ``2 · (_POOL - 1)`` sketch
comparisons (64 hashes each, cached per pair of bodies) until the line is decided. Memory is
bounded: per outlet and in each corpus counter at most ``max_lines`` candidate lines, across all
outlets ``max_total_lines``; when a counter is full a quarter of it is forgotten at once (lines seen
in only one article first, then the oldest), so the scan costs O(1) per line amortised. A body's two
sketches are about 520 bytes, shared by the lines of its article.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import islice
from functools import lru_cache
from typing import NamedTuple

from storyline.ingest.sketches import content_sketch, containment, key_hash, line_key, word_hashes
from storyline.lang import FALLBACK, fold_word, pack
from storyline.model import Article

__all__ = ["CORPUS", "ArticleLines", "LineKeys", "TemplateLines", "article_lines", "candidate_keys", "line_key", "strip_templates"]

#: Only short lines are template candidates for the outlet and unrelated-report rules.
_MAX_TEMPLATE_WORDS = 40
#: Longer lines (a comment policy, a teaser paragraph) are candidates for the different-days rule
#: up to this length; a longer paragraph repeated is a copied story.
_MAX_DATED_WORDS = 160
#: Lines at least this long describe an article's content in its sketch.
_MIN_CONTENT_WORDS = 15
#: Bodies remembered per line: the newest, so that one early page whose sketch still held the
#: site's furniture (nothing to leave out yet) does not make every later page look related.
_POOL = 6
#: Cached body-pair comparisons before the cache is emptied.
_MAX_PAIRS = 200_000
#: Content lines hashed per article (the opening describes it well enough; bounds the cost).
_MAX_CONTENT_LINES = 12
#: Two bodies sharing this share of their (not yet seen) long lines are copies of one report.
_COPY_SHARE = 0.5
#: Fewer long lines than this cannot tell a copy from another report (counted as a copy).
_MIN_COPY_LINES = 2
#: The outlet key under which lines learned across the corpus are kept (and stored).
CORPUS = "*"
#: Cue words a line needs to be learned from two reports of different days.
_MIN_CUES = 2
_TOKEN = re.compile(r"\w+")


class LineKeys(NamedTuple):
    """What the counters need of one article (computed where the article is)."""

    body: str
    #: Keys of its distinct short lines.
    keys: list[str]
    #: Its content lines (long enough to describe it) as (line key, word hashes).
    content: tuple[tuple[str, tuple[int, ...]], ...]
    #: Keys of its distinct lines too long for the short-line rules (different-days rule only).
    long_keys: list[str] = []
    #: Its publication day (YYYY-MM-DD), when known.
    day: str | None = None
    #: Keys of its lines (short or long) that hold ``_MIN_CUES`` cue words about the page itself.
    cued: list[str] = []


class _Seen(NamedTuple):
    """One report a line was seen in: its identity, its word sketch, its long-line sketch, its day."""

    body: str
    words: bytes
    lines: bytes
    day: str | None


class TemplateLines:
    """Learns each outlet's template lines, and the corpus's furniture, from the articles shown."""

    def __init__(self, *, min_articles: int = 3, max_lines: int = 50_000, max_total_lines: int = 500_000,
                 min_unrelated: int = 3, max_similarity: float = 0.3, min_days: int = 3, min_cued_days: int = 2) -> None:
        self.min_articles = min_articles
        self.min_unrelated = min_unrelated
        self.min_days = min_days
        self.min_cued_days = min_cued_days
        self.max_similarity = max_similarity
        self.max_lines = max_lines
        self.max_total_lines = max_total_lines
        self._total = 0
        self._bodies: dict[str, dict[str, set[str]]] = defaultdict(dict)
        #: short line key -> the newest bodies it was seen in (both corpus rules).
        self._unrelated: dict[str, list[_Seen]] = {}
        #: long line key -> the newest bodies it was seen in (different-days rule).
        self._long: dict[str, list[_Seen]] = {}
        #: (body key, body key, kind) -> whether the two bodies are related / copies (cached).
        self._related: dict[tuple[str, str, str], bool] = {}
        self.templates_: dict[str, set[str]] = defaultdict(set)

    def observe(self, outlet: str | None, lines: list[str], *, day: str | None = None) -> None:
        """Count the lines of one article, published on ``day`` (an ISO date or time; by default
        the day :func:`article_lines` gave the lines), if known."""
        if not lines:
            return
        self.observe_keys(outlet, *candidate_keys(lines, day=day))

    def observe_keys(self, outlet: str | None, body_key: str, keys: Iterable[str],
                     content: Iterable[tuple[str, Iterable[int]]] = (), long_keys: Iterable[str] = (),
                     day: str | None = None, cued: Iterable[str] = ()) -> None:
        """:meth:`observe` from :func:`candidate_keys` of the article's lines (computed where the
        article is, for an engine that learns templates away from the articles)."""
        keys, content = list(keys), list(content)
        suspect = self.suspect_keys(outlet)
        words = content_sketch(h for key, hashes in content if not suspect(key) for h in hashes)
        lines = content_sketch(key_hash(key) for key, _ in content if not suspect(key) and key not in self._long)
        seen = _Seen(_identity(body_key, content), words, lines, day[:10] if day else None)
        cued = frozenset(cued)
        self._observe_corpus(self._unrelated, seen, keys, short=True, cued=cued)
        self._observe_corpus(self._long, seen, list(long_keys), short=False, cued=cued)
        if outlet:
            self._observe_outlet(outlet, body_key, keys)

    def _observe_outlet(self, outlet: str, body_key: str, keys: list[str]) -> None:
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
            self._total -= _forget(seen, self.max_lines * 3 // 4)
        if self._total > self.max_total_lines:
            for counts in self._bodies.values():
                self._total -= _forget(counts, len(counts) * 3 // 4)

    def suspect_keys(self, outlet: str | None) -> Callable[[str], bool]:
        """What to leave out of an article's sketch: lines earlier articles have shown (what this
        article shares with them is furniture or copied text, not what tells it apart)."""
        corpus, own = self.templates_.get(CORPUS, set()), self.templates_.get(outlet or "", set())
        return lambda key: key in self._unrelated or key in corpus or key in own

    def _observe_corpus(self, pools: dict[str, list[_Seen]], seen: _Seen, keys: list[str], *, short: bool,
                        cued: frozenset[str]) -> None:
        """Keep, per line, the last ``_POOL`` bodies it was seen in; the line is furniture once
        ``min_unrelated`` of them are pairwise unrelated (short lines), or ``min_days`` of them
        (``min_cued_days`` for a cued line) are of pairwise different days and not copies (the
        newest one among them)."""
        corpus = self.templates_[CORPUS]
        for key in keys:
            if key in corpus:
                continue
            pool = pools.setdefault(key, [])
            if any(other.body == seen.body for other in pool):
                continue
            pool.append(seen)
            if len(pool) > _POOL:
                del pool[0]
            days = self.min_cued_days if key in cued else self.min_days
            if (short and self._chosen(pool, self.min_unrelated, self._is_related, dated=False)) \
                    or self._chosen(pool, days, self._is_copy, dated=True):
                corpus.add(key)
                del pools[key]
        if len(pools) > self.max_lines:
            _forget(pools, self.max_lines * 3 // 4)
        if len(self._related) > _MAX_PAIRS:
            self._related.clear()

    def _chosen(self, pool: list[_Seen], needed: int, alike: Callable[[_Seen, _Seen], bool], *, dated: bool) -> bool:
        """Whether the newest body and ``needed - 1`` others are pairwise not ``alike`` (and, when
        ``dated``, of pairwise different known days), chosen greedily from the newest."""
        if len(pool) < needed or (dated and not pool[-1].day):
            return False
        chosen = [pool[-1]]
        for member in reversed(pool[:-1]):
            if dated and (not member.day or any(member.day == other.day for other in chosen)):
                continue
            if not any(alike(member, other) for other in chosen):
                chosen.append(member)
                if len(chosen) >= needed:
                    return True
        return False

    def _is_related(self, one: _Seen, two: _Seen) -> bool:
        return self._compared(one, two, "words")

    def _is_copy(self, one: _Seen, two: _Seen) -> bool:
        return self._compared(one, two, "lines")

    def _compared(self, one: _Seen, two: _Seen, kind: str) -> bool:
        pair = (one.body, two.body, kind) if one.body < two.body else (two.body, one.body, kind)
        alike = self._related.get(pair)
        if alike is None:
            if kind == "words":
                alike = containment(one.words, two.words) >= self.max_similarity
            else:
                alike = containment(one.lines, two.lines, min_size=_MIN_COPY_LINES) >= _COPY_SHARE
            self._related[pair] = alike
        return alike

    def is_template(self, outlet: str | None, line: str) -> bool:
        key = line_key(line)
        return key in self.templates_.get(CORPUS, ()) or (bool(outlet) and key in self.templates_.get(outlet or "", ()))

    def known_for(self, outlet: str | None) -> frozenset[str]:
        """Every line key that is template or furniture for an article of ``outlet``."""
        return frozenset(self.templates_.get(CORPUS, ())) | frozenset(self.templates_.get(outlet or "", ()) if outlet else ())

    def add_known(self, outlet: str, keys: Iterable[str]) -> None:
        """Start from templates learned in earlier runs."""
        self.templates_[outlet].update(keys)


class ArticleLines(list[str]):
    """An article's lines as the counters see them, with its publication day (``day``), so that
    an engine handing the lines to :meth:`TemplateLines.observe` or :func:`candidate_keys` hands
    the day along."""

    def __init__(self, lines: Iterable[str], day: str | None = None, titles: Iterable[str] = ()) -> None:
        super().__init__(lines)
        self.day = day
        #: The title the text gave the article (a line the counters treat as cued).
        self.titles = tuple(titles)


def article_lines(article: Article) -> ArticleLines:
    """The lines the counters see of an article: its paragraphs, and the title and its fallbacks
    when they were found in the text (a site line taken for a title recurs like any furniture);
    they carry the article's publication day."""
    lines = article.text.split("\n\n")
    titles: tuple[str, ...] = ()
    if article.title and article.meta.get("title_from") == "text":
        lines = [article.title, *article.meta.get("title_candidates", ()), *lines]
        titles = (article.title,)
    return ArticleLines(lines, article.published, titles)


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


def _forget(seen: dict[str, set[str]] | dict[str, list[_Seen]], keep: int) -> int:
    """Forget lines until at most ``keep`` remain: those seen in one article only first, then the
    oldest; how many were forgotten. Shrinking to a quarter below the limit makes the scan happen
    once per ``max_lines / 4`` new lines (amortised constant cost per line)."""
    excess = len(seen) - keep
    if excess <= 0:
        return 0
    rare = [key for key, bodies in seen.items() if len(bodies) <= 1][:excess]
    gone = set(rare)
    oldest = [key for key in islice(seen, excess + len(rare)) if key not in gone][: excess - len(rare)]
    for key in (*rare, *oldest):
        del seen[key]
    return len(rare) + len(oldest)


def _identity(body_key: str, content: list[tuple[str, Iterable[int]]]) -> str:
    """Which report the corpus rules saw: its longest line and its content lines (the longest line
    alone may be a site's notice, the same under every report)."""
    return line_key(" ".join([body_key, *(key for key, _ in content)])) if content else body_key


def candidate_keys(lines: list[str], *, day: str | None = None) -> LineKeys:
    """The key of an article's body (its longest line), the keys of its distinct short lines, its
    content lines (those long enough to describe it) as (line key, word hashes), the keys of its
    longer lines up to ``_MAX_DATED_WORDS`` words, and its day (by default the day
    :func:`article_lines` gave the lines)."""
    day = day or getattr(lines, "day", None)
    keyed = [(line, line_key(line), len(line.split())) for line in lines]
    keys = {key for _, key, words in keyed if words <= _MAX_TEMPLATE_WORDS}
    long_keys = {key for _, key, words in keyed if _MAX_TEMPLATE_WORDS < words <= _MAX_DATED_WORDS}
    long_lines = [(line, key) for line, key, words in keyed if words >= _MIN_CONTENT_WORDS]
    content = tuple((key, word_hashes(line)) for line, key in long_lines[:_MAX_CONTENT_LINES])
    cued = {key for line, key, words in keyed if words <= _MAX_DATED_WORDS and _is_cued(line)}
    cued.update(line_key(title) for title in getattr(lines, "titles", ()))
    return LineKeys(line_key(max(lines, key=len)), sorted(keys), content, sorted(long_keys), day, sorted(cued))


def _is_cued(line: str) -> bool:
    """Whether a line holds ``_MIN_CUES`` distinct cue words of any language."""
    cues = _cue_words()
    return len({word for word in map(fold_word, _TOKEN.findall(line)) if word in cues}) >= _MIN_CUES


@lru_cache(maxsize=1)
def _cue_words() -> frozenset[str]:
    """Words pages use about themselves, in every language (furniture.toml ``cue_words``)."""
    return frozenset(fold_word(word) for word in pack(FALLBACK).get("furniture", "cue_words", []))
