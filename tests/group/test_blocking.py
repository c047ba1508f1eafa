"""Grouping block by block gives the whole stream's stories and events, ids included."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from storyline.evaluate.synthetic import generate
from storyline.group.blocking import (
    connected_blocks, group_in_blocks, key_edges, prefix_frequencies, publication_schedule,
)
from storyline.group.stories import StoryGrouper
from storyline.model import Article, Story, content_id


def _article(text: str, published: str | None, title: str | None = None) -> Article:
    return Article(id=content_id(text), text=text, title=title, published=published)


def _whole_stream(articles: Sequence[Article], params: Mapping[str, Any] | None = None) -> list[Story]:
    grouper = StoryGrouper(**(params or {}))
    by_id = {article.id: article for article in articles}
    for article_id, _ in publication_schedule([(a.id, a.published) for a in by_id.values()]):
        grouper.add(by_id[article_id])
    grouper.refine()  # the end of the batch, as add_many and each block end it
    return grouper.stories()


def _canonical(stories: Sequence[Story]) -> list[tuple[Any, ...]]:
    return sorted((s.id, s.articles, tuple((e.id, e.date, e.articles) for e in s.events)) for s in stories)


def _separate_topics(seed: int, n_stories: int = 40) -> list[Article]:
    """Stories with vocabularies of their own (so the stream splits into blocks), spread over two
    years, with undated reports, exact copies and reports of one topic a year apart."""
    rng = random.Random(seed)
    letters = "bcdfghklmnprstvz"
    articles: list[Article] = []
    for story in range(n_stories):
        words = ["".join(rng.choice(letters) + rng.choice("aeiou") for _ in range(3)) for _ in range(12)]
        start = rng.randrange(700)
        for part in range(rng.randrange(2, 7)):
            day = start + (400 if part == 5 else rng.randrange(6))
            text = " ".join(rng.choice(words) for _ in range(40)) + "."
            published = None if rng.random() < 0.1 else f"{2022 + day // 365}-{1 + day % 365 // 31:02d}-{1 + day % 28:02d}"
            articles.append(_article(text, published, words[0].capitalize()))
    rng.shuffle(articles)
    return articles + articles[:5]


def test_schedule_places_undated_after_their_arrival_neighbour() -> None:
    keys = [("a", "2024-03-02"), ("b", None), ("c", "2024-03-01"), ("d", None)]
    assert publication_schedule(keys) == [("c", "2024-03-01"), ("d", "2024-03-01"),
                                          ("a", "2024-03-02"), ("b", "2024-03-02")]
    assert publication_schedule([("x", None)]) == [("x", "")]


def test_prefix_frequencies_count_the_stream_so_far() -> None:
    tables = list(prefix_frequencies([["a", "b"], ["b"], ["a", "b", "c"]]))
    assert [t.n_docs_ for t in tables] == [1, 2, 3]
    assert [t.counts_ for t in tables] == [{"a": 1, "b": 1}, {"b": 2}, {"a": 2, "b": 3, "c": 1}]


def test_connected_blocks_name_each_block_by_its_first_member() -> None:
    edges = key_edges([(0, ["x"]), (1, ["y"]), (2, ["x", "z"]), (3, ["w"]), (4, ["z", "y"])])
    assert connected_blocks(edges, 6) == [0, 0, 0, 3, 0, 5]
    assert connected_blocks([], 0) == []


@pytest.mark.parametrize("seed", [0, 1])
def test_blocks_give_the_whole_streams_stories(seed: int) -> None:
    articles = _separate_topics(seed)
    blocks = group_in_blocks(articles)
    assert len(blocks) >= 20  # the point of blocking: independent work
    assert _canonical([s for b in blocks for s in b.stories]) == _canonical(_whole_stream(articles))


def test_blocks_agree_when_stories_expire_and_copies_age_out() -> None:
    # Short windows make expiry, the strong threshold for idle stories and the copy window bite.
    params = {"retain_days": 20, "window_days": 5, "max_story_days": 10, "duplicate_threshold": 0.5}
    articles = _separate_topics(2)
    blocks = group_in_blocks(articles, params)
    whole = _whole_stream(articles, params)
    assert _canonical([s for b in blocks for s in b.stories]) == _canonical(whole)
    assert len(whole) > 40  # the reports a year later opened stories of their own


def test_blocks_agree_on_a_generated_news_stream() -> None:
    records = list(generate(400, seed=3))
    articles = [_article(r["text"], r["published"], r["title"]) for r in records]
    blocks = group_in_blocks(articles)
    assert _canonical([s for b in blocks for s in b.stories]) == _canonical(_whole_stream(articles))


def test_lookup_keys_leave_out_keys_too_common_to_link() -> None:
    grouper = StoryGrouper(link_share=0.5, link_min_df=1)
    article = _article("Rare words here and common words there.", "2024-01-01")
    table = next(prefix_frequencies([list(grouper.lookup_keys(article, _flat_table(article, 1)))]))
    common = set(grouper.lookup_keys(article, _flat_table(article, 10, df=9)))
    rare = set(grouper.lookup_keys(article, _flat_table(article, 10, df=1)))
    assert table.n_docs_ == 1
    assert not {k for k in common if not k.startswith("~")}  # every word in 90% of reports
    assert {k for k in rare if not k.startswith("~")}
    assert {k for k in rare if k.startswith("~")} == {k for k in common if k.startswith("~")}


def _flat_table(article: Article, n_docs: int, df: int = 1) -> Any:
    from storyline.group.blocking import frequency_keys, frequency_table

    return frequency_table(n_docs, {key: df for key in frequency_keys(article, StoryGrouper())})
