"""Run reports read from the store page by page (issue 21: memory flat as the store grows).

:func:`write_store_reports` walks the run's stories in pages (up to ``page_articles`` reports or
``page_stories`` stories, whichever comes first; a story larger than a page is a page of its own).
For each page it reads the stories' record texts and the analysts' corrections. A story whose
report sections the store keeps under an unchanged key (:mod:`storyline.present.report_cache`:
same renderer, story and record text; no corrections) is copied: its stories.json entry is its
head spliced with the record text, nothing parsed or rendered. The other stories' records are
parsed, their reports plus any other report a record cites are read, and each is handed to
:class:`~storyline.present.report.ReportWriter`, which writes it out; their new sections are then
stored and the page dropped. The article list of stories.json is streamed from the store without
the texts. Memory: one page (records and report texts), whatever the store's size. Cost: reading
and digesting every story's record text (C speed), plus rendering the stories that changed
(linear in their records and reports), plus one query per page and kind.

The articles a story's view may look up are its reports and the ids its record cites
(:func:`cited_ids`; an unknown outlet is stood in for by a report id); they are read with the
page. Any other lookup falls back to one query (and is
remembered), so the output is the same as with every article in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from storyline.model import Article, Story
from storyline.present import corrections
from storyline.present import report_cache
from storyline.present.report import ReportPaths, ReportWriter, story_entry, story_head
from storyline.present.report_cache import Rendered
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
                        page_articles: int = PAGE_ARTICLES, page_stories: int = PAGE_STORIES,
                        reuse: bool = True) -> ReportPaths:
    """Write stories.json, report.md and report.html for ``stories`` (in this order) from the
    store's records, corrections and articles, one page of stories at a time. A story whose
    sections the store keeps from an earlier run (:mod:`storyline.present.report_cache`) and
    that has not changed since is copied, not rendered again (``reuse=False`` renders all)."""
    with ReportWriter(out_dir, run) as writer:
        for page in pages(stories, page_articles, page_stories):
            report_cache.save(store, _write_page(writer, store, page, reuse))
        if not writer.stories:
            writer.add_view(ungrouped_view(store.articles()))
        paths = writer.finish(store.article_summaries())
    report_cache.prune(store)
    return paths


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


def _write_page(writer: ReportWriter, store: Store, page: list[Story], reuse: bool) -> dict[str, tuple[str, Rendered]]:
    """Write a page of stories: those whose stored sections are still valid are copied, the
    others rendered. Returns the sections rendered now, by story id, with their keys."""
    ids = [story.id for story in page]
    texts = report_cache.record_texts(store, ids)
    made = corrections.for_stories(store, ids)
    heads = {story.id: story_head(story) for story in page}
    keys = {story.id: report_cache.story_key(heads[story.id], texts.get(story.id, "")) for story in page
            if not made.get(story.id)}
    cached = report_cache.lookup(store, keys) if reuse else {}
    todo = [story for story in page if story.id not in cached]
    records = {story.id: json.loads(texts[story.id]) for story in todo if story.id in texts}
    wanted = {article for story in todo for article in story.articles}
    for record in records.values():
        wanted.update(cited_ids(record))
    articles = StoreArticles(store, wanted) if todo else None
    rendered: dict[str, tuple[str, Rendered]] = {}
    for story in page:
        found = cached.get(story.id)
        if found is not None:
            writer.add_entry(story_entry(heads[story.id], texts.get(story.id)))
            writer.add_sections(found.markdown, found.html)
            continue
        seen = _Looked(articles or {})
        markdown, html = writer.add_story(story, records.get(story.id, {}), seen, made.get(story.id),
                                          record_text=texts.get(story.id, "{}"))
        if story.id in keys:
            rendered[story.id] = (keys[story.id], Rendered(markdown, html, tuple(sorted(seen.missing))))
    return rendered


class _Looked(Mapping[str, Article]):
    """A story's view of the page's articles that remembers the ids it asked for in vain."""

    def __init__(self, articles: Mapping[str, Article]) -> None:
        self._articles = articles
        self.missing: set[str] = set()

    def __getitem__(self, article_id: str) -> Article:
        try:
            return self._articles[article_id]
        except KeyError:
            self.missing.add(article_id)
            raise

    def __iter__(self) -> Iterator[str]:
        return iter(self._articles)

    def __len__(self) -> int:
        return len(self._articles)


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
