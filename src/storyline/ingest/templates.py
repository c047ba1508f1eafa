"""Lines that repeat across many articles of one outlet are the outlet's template, not news.

A line counts once per distinct article body, keyed by the article's longest paragraph, so that
a story's updated versions or wire copies under new headlines (same long paragraphs) never make
their own sentences look like a template; a template line recurs around different stories. Counting is bounded: per outlet
at most ``max_lines`` candidate lines are remembered, and across all outlets at most
``max_total_lines``; lines seen in only one article are forgotten first.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable

#: Only short lines are template candidates; a long paragraph repeated is a copied story.
_MAX_TEMPLATE_WORDS = 40


class TemplateLines:
    """Learns each outlet's template lines from the articles it is shown."""

    def __init__(self, *, min_articles: int = 3, max_lines: int = 50_000, max_total_lines: int = 500_000) -> None:
        self.min_articles = min_articles
        self.max_lines = max_lines
        self.max_total_lines = max_total_lines
        self._total = 0
        self._bodies: dict[str, dict[str, set[str]]] = defaultdict(dict)
        self.templates_: dict[str, set[str]] = defaultdict(set)

    def observe(self, outlet: str | None, lines: list[str]) -> None:
        """Count the short lines of one article."""
        if not outlet or not lines:
            return
        self.observe_keys(outlet, *candidate_keys(lines))

    def observe_keys(self, outlet: str | None, body_key: str, keys: Iterable[str]) -> None:
        """:meth:`observe` from :func:`candidate_keys` of the article's lines (computed where the
        article is, for an engine that learns templates away from the articles)."""
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
            self._forget_rare(seen)
        if self._total > self.max_total_lines:
            for counts in self._bodies.values():
                self._forget_rare(counts)

    def is_template(self, outlet: str | None, line: str) -> bool:
        return bool(outlet) and line_key(line) in self.templates_.get(outlet or "", ())

    def add_known(self, outlet: str, keys: Iterable[str]) -> None:
        """Start from templates learned in earlier runs."""
        self.templates_[outlet].update(keys)

    def _forget_rare(self, seen: dict[str, set[str]]) -> None:
        rare = [k for k, bodies in seen.items() if len(bodies) <= 1]
        for key in rare:
            del seen[key]
        self._total -= len(rare)


def candidate_keys(lines: list[str]) -> tuple[str, list[str]]:
    """The key of an article's body (its longest line) and the keys of its distinct short lines."""
    keys = {line_key(line) for line in lines if len(line.split()) <= _MAX_TEMPLATE_WORDS}
    return line_key(max(lines, key=len)), sorted(keys)


def line_key(line: str) -> str:
    return hashlib.blake2b(" ".join(line.casefold().split()).encode(), digest_size=8).hexdigest()
