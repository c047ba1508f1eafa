"""Properties of StoryGrouper on arbitrary small streams: every article is placed exactly once, the
stories and events it reports are consistent with the assignments, the same stream gives the same
ids, and a saved state continued later gives what one grouper gives."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.group import StoryGrouper
from storyline.model import Article

_WORDS = ["Ankara", "Washington", "missiles", "sanctions", "Price", "Akar", "earthquake", "Lisbon",
          "storm", "council", "budget", "400", "2021", "said", "on", "Tuesday", "the", "talks",
          "Çavuşoğlu", "Cavusoglu", "flood", "rescue", "vote", "minister", "12", "February"]
_DAYS = st.one_of(st.none(), st.dates(min_value=__import__("datetime").date(2020, 1, 1),
                                      max_value=__import__("datetime").date(2023, 12, 31)).map(str))


@st.composite
def _streams(draw: st.DrawFn) -> list[Article]:
    n = draw(st.integers(min_value=1, max_value=15))
    articles = []
    for i in range(n):
        words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40))
        if articles and draw(st.booleans()):
            words = articles[draw(st.integers(0, len(articles) - 1))].text.split()  # a copy
        articles.append(Article(id=f"a{i}", text=" ".join(words), published=draw(_DAYS),
                                title=draw(st.one_of(st.none(), st.sampled_from(_WORDS)))))
    return articles


def _placed(grouper: StoryGrouper, articles: list[Article]) -> dict[str, tuple[str, str]]:
    return {a.id: grouper.assignment(a.id) for a in articles}


@settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(_streams())
def test_every_article_is_placed_once_and_stories_agree(articles: list[Article]) -> None:
    grouper = StoryGrouper()
    grouper.add_many(articles)
    stories = grouper.stories()
    members = [a for s in stories for a in s.articles]
    assert sorted(members) == sorted(a.id for a in articles)
    for story in stories:
        assert sorted(a for e in story.events for a in e.articles) == sorted(story.articles)
        for event in story.events:
            assert event.articles
            for article_id in event.articles:
                assert grouper.assignment(article_id) == (story.id, event.id)
    merged = {m["merged"] for m in grouper.merges}
    assert not merged & {s.id for s in stories}


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(_streams(), st.integers(min_value=0, max_value=15))
def test_same_stream_same_ids_and_a_saved_state_goes_on_alike(articles: list[Article], cut: int) -> None:
    whole = StoryGrouper()
    for article in articles:
        whole.add(article)
    again = StoryGrouper()
    for article in articles:
        again.add(article)
    assert _placed(whole, articles) == _placed(again, articles)

    # Saved mid-batch, before any refine: the articles waiting to be refined are saved too.
    first = StoryGrouper()
    for article in articles[:cut]:
        first.add(article)
    later = StoryGrouper.from_state(json.loads(json.dumps(first.to_state())))
    for article in articles[cut:]:
        later.add(article)
    assert _placed(later, articles) == _placed(whole, articles)
    assert later.merges == whole.merges
    later.refine()
    whole.refine()
    assert _placed(later, articles) == _placed(whole, articles)
