"""Issue 21 item 5: report writing indexes the articles once, not once per story."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from storyline.model import Article, Event, Story
from storyline.present.report import write_reports


class CountedArticles(list):
    """A list of articles that counts how often it is read whole."""

    reads = 0

    def __iter__(self) -> Iterator[Article]:
        CountedArticles.reads += 1
        return super().__iter__()


def test_articles_are_read_a_fixed_number_of_times_whatever_the_number_of_stories(tmp_path: Path) -> None:
    articles = CountedArticles(Article(id=f"a{n}", text=f"Report {n}.", source="Wire") for n in range(60))
    stories = [Story(f"s{n}", f"Story {n}", (f"a{n}",), (Event(f"s{n}/e1", (f"a{n}",), None),))
               for n in range(60)]
    CountedArticles.reads = 0
    paths = write_reports(tmp_path, articles, stories, {"run_id": 1})
    assert CountedArticles.reads <= 3  # stories.json, the index; never once per story (60)
    assert "Story 59" in paths.markdown.read_text(encoding="utf-8")
