"""The extractive summary: budget, citations, corroboration, order, determinism."""

from __future__ import annotations

import pytest

from storyline.analyze.sentences import split_sentences
from storyline.errors import ConfigError
from storyline.model import Annotated, Article, Story
from storyline.reconcile.facts import align_facts
from storyline.reconcile.summary import summarize_facts, summarize_story, word_count

REPORTS = [
    ("a", "2021-03-02", "Gazette",
     "The harbour council approved a new bridge across the river after a decade of debate. "
     "Construction of the bridge will cost 40 million euros and start in the spring. "
     "A local bakery celebrated its fiftieth anniversary with free bread for children."),
    ("b", "2021-03-01", "Herald",
     "After a decade of debate, the harbour council approved a new bridge across the river. "
     "The mayor said construction of the bridge will cost 40 million euros. "
     "Fishermen protested against the cod quotas outside the port authority building."),
    ("c", "2021-03-03", "Courier",
     "The harbour council has approved the new river bridge, ending a decade of debate. "
     "The bridge construction is expected to cost 40 million euros, the mayor said."),
]


def _story() -> tuple[Story, list[Annotated]]:
    items = [Annotated(Article(id=i, text=t, source=s, published=d), tuple(split_sentences(t)))
             for i, d, s, t in REPORTS]
    return Story("s1", "bridge", tuple(i for i, *_ in REPORTS)), items


@pytest.mark.parametrize("words", [12, 25, 40, 100])
def test_budget_is_respected_and_every_sentence_cites(words: int) -> None:
    story, items = _story()
    summary = summarize_story(story, items, words=words)
    assert word_count(summary.text) <= words
    assert all(s.sources and set(s.sources) <= set(story.articles) for s in summary.sentences)


def test_corroborated_facts_come_first_and_cite_all_their_articles() -> None:
    story, items = _story()
    summary = summarize_story(story, items, words=40)
    first = summary.sentences[0]
    assert "bridge" in first.text and set(first.sources) == {"a", "b", "c"}
    assert not any("bakery" in s.text for s in summary.sentences)


def test_no_redundant_sentences() -> None:
    story, items = _story()
    texts = [s.text for s in summarize_story(story, items, words=100).sentences]
    assert sum("decade of debate" in t for t in texts) == 1


def test_order_is_time_then_source_order() -> None:
    story, items = _story()
    summary = summarize_story(story, items, words=100)
    facts = {f.representative.text: f for f in align_facts(items)}
    keys = []
    for sentence in summary.sentences:
        fact = facts[sentence.text]
        dates = [m.report_date for m in fact.members if m.report_date]
        first = min(fact.members, key=lambda m: (m.article_rank, m.position))
        keys.append((min(dates), first.article_rank, first.position))
    assert keys == sorted(keys)


def test_deterministic() -> None:
    story, items = _story()
    assert summarize_story(story, items, words=50) == summarize_story(story, items, words=50)


def test_budget_must_be_positive() -> None:
    story, items = _story()
    with pytest.raises(ConfigError):
        summarize_story(story, items, words=0)
    assert summarize_facts("s", [], words=10).sentences == ()


def test_samples_summary_cites_and_leads_with_the_briefing(s400: tuple[Story, list[Annotated]]) -> None:
    story, annotated = s400
    summary = summarize_story(story, annotated, words=100)
    assert 0 < word_count(summary.text) <= 100
    assert all(s.sources for s in summary.sentences)
    briefing = next(s for s in summary.sentences if "Cavusoglu" in s.text)
    ids = list(story.articles)
    assert set(briefing.sources) == {ids[0], ids[1], ids[2]}
    assert summary == summarize_story(story, annotated, words=100)
