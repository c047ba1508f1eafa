"""Run reports read from the store page by page (issue 21: memory flat as the store grows).

:func:`write_store_reports` walks the run's stories in pages (up to ``page_articles`` reports or
``page_stories`` stories, whichever comes first; a story larger than a page is a page of its own).
For each page it reads the stories' records, the analysts' corrections, and the page's reports
plus any other report a record cites, then hands each story to
:class:`~storyline.present.report.ReportWriter`, which writes it out; the page is then dropped.
The article list of stories.json is streamed from the store without the texts. Memory: one page
(records and report texts), whatever the store's size. Cost: linear in the records and reports
written, plus one query per page and kind.

The articles a story's view may look up are its reports and the ids its record cites
(:func:`cited_ids`; an unknown outlet is stood in for by a report id); they are read with the
page. Any other lookup falls back to one query (and is
remembered), so the output is the same as with every article in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from storyline.model import Article, Story
from storyline.present import corrections
from storyline.present.report import ReportPaths, ReportWriter
from storyline.present.report_render import ungrouped_view
from storyline.store import Store
from storyline.store.validate import ARTICLE_LIMITS, matchable

#: A page of stories holds at most this many reports (a bigger story is a page alone) ...
PAGE_ARTICLES = 2000
#: ... and at most this many stories.
PAGE_STORIES = 200
#: Record sections, and the fields of their items, that name reports or outlets.
_CITING = (("timeline", ("articles", "outlets")), ("quotes", ("sources", "outlets")), ("facts", ("outlets",)),
           ("single_source", ("outlets",)), ("coverage", ("outlet",)))


def write_store_reports(out_dir: Path, store: Store, stories: Sequence[Story], run: dict[str, Any], *,
                        page_articles: int = PAGE_ARTICLES, page_stories: int = PAGE_STORIES) -> ReportPaths:
    """Write stories.json, report.md and report.html for ``stories`` (in this order) from the
    store's records, corrections and articles, one page of stories at a time."""
    with ReportWriter(out_dir, run) as writer:
        for page in pages(stories, page_articles, page_stories):
            _write_page(writer, store, page)
        if not writer.stories:
            writer.add_view(ungrouped_view(store.articles()))
        return writer.finish(store.article_summaries())


def pages(stories: Iterable[Story], max_articles: int, max_stories: int) -> Iterator[list[Story]]:
    """Consecutive stories in pages of at most ``max_stories`` stories and ``max_articles``
    reports (a story with more reports than that is a page of its own)."""
    page: list[Story] = []
    size = 0
    for story in stories:
        if page and (size + len(story.articles) > max_articles or len(page) >= max_stories):
            yield page
            page, size = [], 0
        page.append(story)
        size += len(story.articles)
    if page:
        yield page


def _write_page(writer: ReportWriter, store: Store, page: list[Story]) -> None:
    ids = [story.id for story in page]
    records = store.story_records_of(ids)
    made = corrections.for_stories(store, ids)
    wanted = {article for story in page for article in story.articles}
    for record in records.values():
        wanted.update(cited_ids(record))
    articles = StoreArticles(store, wanted)
    for story in page:
        writer.add_story(story, records.get(story.id, {}), articles, made.get(story.id))


def cited_ids(record: Mapping[str, Any]) -> Iterator[str]:
    """The strings a story's view looks up as report ids: the reports and outlets its timeline,
    quotes, facts, claims, coverage, contradictions and summary name (an unknown outlet is
    stood in for by a report id)."""
    for section, fields in _CITING:
        for item in record.get(section) or ():
            for name in fields:
                yield from _strings(item.get(name))
    for clash in record.get("contradictions") or ():
        for side in ("left", "right"):
            yield from _strings((clash.get(side) or {}).get("outlet"))
    for sentence in (record.get("summary") or {}).get("sentences") or ():
        yield from _strings(sentence.get("sources"))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        yield from (item for item in value if isinstance(item, str))


class StoreArticles(Mapping[str, Article]):
    """Articles by id for a page's views: the ``wanted`` ones read at once, any other id read
    when first looked up; ids the store lacks are remembered as missing."""

    def __init__(self, store: Store, wanted: Iterable[str]) -> None:
        self._store = store
        asked = {i for i in wanted if matchable(i, ARTICLE_LIMITS["id"])}
        self._known = {article.id: article for article in store.articles_by_id(sorted(asked))}
        self._missing = asked - self._known.keys()

    def __getitem__(self, article_id: str) -> Article:
        found = self._known.get(article_id)
        if found is not None:
            return found
        if article_id in self._missing or not matchable(article_id, ARTICLE_LIMITS["id"]):
            raise KeyError(article_id)
        found = next(iter(self._store.articles_by_id([article_id])), None)
        if found is None:
            self._missing.add(article_id)
            raise KeyError(article_id)
        self._known[article_id] = found
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._known)

    def __len__(self) -> int:
        return len(self._known)
