"""Grouping a batch block by block, with the same result as the whole stream in one grouper.

The grouper (:class:`~storyline.group.stories.StoryGrouper`) is sequential, but two articles can
only meet through the keys they look stories up by (their rarer heavy keys) and the bands of the
near-duplicate index. The articles linked through shared keys, directly or through others, form a
*block*; blocks never meet, so each can be placed by a grouper of its own, in parallel, provided
every article is weighed as the whole stream would weigh it:

- its document frequencies are the *prefix* counts of the whole stream up to and including it
  (:func:`prefix_frequencies`, which the Spark engine computes with a window over (key, rank));
- the clock is moved to the date the whole stream had reached (:meth:`StoryGrouper.tick`).

Ids derive from article ids, so the stories and events of the blocks together are the stories and
events of the whole stream, ids included. Two bounds make the two differ on very large batches,
and both say so here rather than in a surprise: the whole-stream grouper forgets keys seen once
when it has counted more than ``DocumentFrequencies.max_keys`` (2M) distinct keys, and the
near-duplicate index holds at most ``max_entries`` (200k) articles of the last 30 days.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.group.features import DocumentFrequencies, extract_features, parse_day
from storyline.group.stories import StoryGrouper
from storyline.model import Article, Story


def publication_schedule(keys: Sequence[tuple[str, str | None]]) -> list[tuple[str, str]]:
    """``(article id, date it is placed at)`` in publication order. An undated article keeps its
    place after the article that arrived just before it (reports read from one folder or feed
    are usually of one time), and is placed at that article's date ('' before any date)."""
    ordered: list[tuple[str, int, str]] = []
    last_date = ""
    for position, (article_id, published) in enumerate(keys):
        last_date = (published or "")[:10] or last_date
        ordered.append((last_date, position, article_id))
    ordered.sort()
    return [(article_id, date) for date, _, article_id in ordered]


def frequency_keys(article: Article, grouper: StoryGrouper) -> list[str]:
    """The keys an article adds to the document frequencies (as :meth:`StoryGrouper.add`)."""
    return list(extract_features(article, title_weight=grouper.title_weight).counts)


def prefix_frequencies(keysets: Iterable[Iterable[str]]) -> Iterator[DocumentFrequencies]:
    """For each article in publication order, the frequencies of its keys over the stream so far
    (itself included), as a small table: what the whole-stream grouper weighs it against."""
    counts: dict[str, int] = {}
    for n_docs, keys in enumerate(keysets, start=1):
        table = DocumentFrequencies()
        table.n_docs_ = n_docs
        for key in keys:
            counts[key] = table.counts_[key] = counts.get(key, 0) + 1
        yield table


def frequency_table(n_docs: int, counts: Mapping[str, int]) -> DocumentFrequencies:
    """A table of ``n_docs`` documents with these key counts."""
    table = DocumentFrequencies()
    table.n_docs_ = n_docs
    table.counts_ = dict(counts)
    return table


def connected_blocks(edges: Iterable[tuple[int, int]], size: int) -> list[int]:
    """Union-find over ``size`` items: the block of each item, named by its smallest member."""
    parent = list(range(size))

    def root(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for one, two in edges:
        a, b = root(one), root(two)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return [root(item) for item in range(size)]


def key_edges(keys_by_rank: Iterable[tuple[int, Iterable[str]]]) -> Iterator[tuple[int, int]]:
    """Edges that link every article to the first article sharing each of its keys."""
    first: dict[str, int] = {}
    for rank, keys in keys_by_rank:
        for key in keys:
            other = first.setdefault(key, rank)
            if other != rank:
                yield other, rank


@dataclass(frozen=True)
class BlockResult:
    """What placing one block gave: its stories, its merges and its near-duplicate links."""

    stories: list[Story]
    merges: list[dict[str, Any]]
    versions: dict[str, str]


def place_block(rows: Sequence[tuple[Article, DocumentFrequencies, str]],
                params: Mapping[str, Any] | None = None) -> BlockResult:
    """Place one block's ``(article, its prefix frequencies, date placed at)`` rows, given in
    publication order, with a grouper of its own."""
    grouper = StoryGrouper(**(params or {}))
    for article, frequencies, date in rows:
        grouper.tick(parse_day(date))
        grouper.place(article, frequencies)
    grouper.refine()
    return BlockResult(grouper.stories(), list(grouper.merges), grouper.versions)


def group_in_blocks(articles: Sequence[Article],
                    params: Mapping[str, Any] | None = None) -> list[BlockResult]:
    """The whole algorithm in one process, block by block: the reference the Spark engine follows
    step for step, and what tests compare with one grouper over the whole stream."""
    grouper = StoryGrouper(**(params or {}))
    by_id = {article.id: article for article in articles}
    schedule = publication_schedule([(a.id, a.published) for a in by_id.values()])
    ordered = [by_id[article_id] for article_id, _ in schedule]
    tables = list(prefix_frequencies(frequency_keys(a, grouper) for a in ordered))
    keys = ((rank, grouper.lookup_keys(a, t)) for rank, (a, t) in enumerate(zip(ordered, tables)))
    blocks = connected_blocks(key_edges(keys), len(ordered))
    members: dict[int, list[int]] = {}
    for rank, block in enumerate(blocks):
        members.setdefault(block, []).append(rank)
    return [place_block([(ordered[r], tables[r], schedule[r][1]) for r in ranks], params)
            for ranks in members.values()]
