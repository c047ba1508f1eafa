"""Run reports: stories.json, report.md and a self-contained report.html, written as they are made.

:class:`ReportWriter` writes the three files one story at a time: each story's stories.json
entry (story plus record, encoded by the C JSON encoder, one line per story and per article),
its report.md section and its report.html section are written when the story is added, so
memory holds one story's record and reports, never the run's (issue 21). The files are written
under a ``.part`` name and renamed when complete, so a reader never sees half a report.
:func:`write_reports` does it for stories and articles already in memory;
:func:`storyline.present.report_store.write_store_reports` pages them from the store.

stories.json is one JSON document, ``{"run", "stories", "articles"}`` (DESIGN.md); its layout is
two-space indentation down to each story and article, which sit on one line each. Cost: linear
in the records and reports written; the encoder's C path (no ``indent``) is about 20 times faster
than the pure-Python one that ``indent`` forces.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from storyline.model import Article, Story
from storyline.present.corrections import Correction
from storyline.present.corrections import apply as apply_corrections
from storyline.present.report_render import (
    HTML_TAIL, coverage_matrix, fact_status, html_head, html_report, html_section, markdown_head,
    markdown_report, markdown_section, story_view, ungrouped_view,
)

__all__ = ["ReportPaths", "ReportWriter", "article_summary", "coverage_matrix", "fact_status", "html_report",
           "markdown_report", "stories_json", "story_entry", "story_head",
           "story_json", "story_view", "write_reports"]

#: The C encoder (used by ``encode`` whenever ``indent`` is None); non-ASCII text kept as is.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_ITEM = "\n    "


@dataclass(frozen=True, slots=True)
class ReportPaths:
    stories: Path
    markdown: Path
    html: Path


class ReportWriter:
    """The three report files of a run, written story by story (use as a context manager; an
    exception leaves the earlier files as they were and removes the unfinished ones)."""

    def __init__(self, out_dir: Path, run: dict[str, Any]) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self.paths = ReportPaths(out_dir / "stories.json", out_dir / "report.md", out_dir / "report.html")
        self.stories = 0
        self._files: list[IO[str]] = []
        try:
            self._json, self._md, self._html = (self._open(path) for path in self._all())
            self._json.write('{\n  "run": ' + _ENCODE(run) + ',\n  "stories": [')
            self._md.write(markdown_head(run))
            self._html.write(html_head(run))
        except BaseException:
            self.abort()
            raise

    def _all(self) -> tuple[Path, Path, Path]:
        return self.paths.stories, self.paths.markdown, self.paths.html

    def _open(self, path: Path) -> IO[str]:
        stream = open(_part(path), "w", encoding="utf-8")  # noqa: SIM115 (closed by finish or abort)
        self._files.append(stream)
        return stream

    def add_story(self, story: Story, record: Mapping[str, Any], articles: Mapping[str, Article],
                  corrections: Sequence[Correction] | None = None,
                  record_text: str | None = None) -> tuple[str, str]:
        """Write one story: its stories.json entry and its sections of the two documents, with the
        analysts' ``corrections`` applied (renamed title, rejected facts and quotes left out, the
        corrections listed in the record). ``articles`` maps ids to the story's reports (and any
        other report its record cites). ``record_text``, the record as stored, is spliced into the
        entry instead of encoding ``record`` again (:func:`story_entry`) when there are no
        corrections. Returns the report.md and report.html sections."""
        if corrections:
            title, record = apply_corrections(story.title, record, corrections)
            story = replace(story, title=title)
            record_text = None
        self.add_entry(_ENCODE({**story_json(story), **record}) if record_text is None
                       else story_entry(story_head(story), record_text))
        return self.add_view(story_view(story, articles, record))

    def add_entry(self, entry: str) -> None:
        """Write one story's stories.json entry, already encoded (one line)."""
        self._json.write(("," if self.stories else "") + _ITEM + entry)
        self.stories += 1

    def add_view(self, view: Mapping[str, Any]) -> tuple[str, str]:
        """Write one view (:func:`story_view`, or :func:`ungrouped_view` when there are no stories)
        to report.md and report.html only; returns the two sections written."""
        sections = markdown_section(view), html_section(view)
        self.add_sections(*sections)
        return sections

    def add_sections(self, markdown: str, html: str) -> None:
        """Write one story's sections of report.md and report.html, already rendered."""
        self._md.write("\n" + markdown)
        self._html.write(html)

    def finish(self, summaries: Iterable[Mapping[str, Any]]) -> ReportPaths:
        """Write the articles' summaries (:func:`article_summary`) and close the files."""
        self._json.write(("\n  ]" if self.stories else "]") + ',\n  "articles": [')
        count = 0
        for summary in summaries:
            self._json.write(("," if count else "") + _ITEM + _ENCODE(summary))
            count += 1
        self._json.write(("\n  ]" if count else "]") + "\n}\n")
        self._html.write(HTML_TAIL)
        for stream in self._files:
            stream.close()
        for path in self._all():
            os.replace(_part(path), path)
        return self.paths

    def abort(self) -> None:
        """Close and remove the unfinished files."""
        for stream in self._files:
            stream.close()
        for path in self._all():
            with contextlib.suppress(OSError):  # one that cannot go must not hide why we stopped
                _part(path).unlink(missing_ok=True)

    def __enter__(self) -> ReportWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, _value: BaseException | None,
                 _trace: TracebackType | None) -> None:
        if kind is not None:
            self.abort()


def _part(path: Path) -> Path:
    return path.with_name(path.name + ".part")


def write_reports(out_dir: Path, articles: Sequence[Article], stories: Sequence[Story],
                  run: dict[str, Any], records: Mapping[str, Mapping[str, Any]] | None = None,
                  corrections: Mapping[str, Sequence[Correction]] | None = None) -> ReportPaths:
    """Write the three report files of a run into ``out_dir`` (created if missing), with the
    analysts' ``corrections`` (story id → its corrections) applied: renamed titles, rejected facts
    and quotes left out, the corrections listed in each story's record."""
    records, corrections = records or {}, corrections or {}
    by_id = {a.id: a for a in articles}  # once, not once per story (issue 21: quadratic)
    with ReportWriter(out_dir, run) as writer:
        for story in stories:
            writer.add_story(story, records.get(story.id, {}), by_id, corrections.get(story.id))
        if not writer.stories:
            writer.add_view(ungrouped_view(articles))
        return writer.finish(article_summary(a) for a in articles)


def story_head(story: Story) -> str:
    """A story's own fields as its stories.json entry encodes them (:func:`story_json`)."""
    return _ENCODE(story_json(story))


def story_entry(head: str, record_text: str | None) -> str:
    """A story's stories.json entry from its :func:`story_head` and its record as stored (JSON
    text, not parsed), as :class:`ReportWriter` encodes ``{**story_json(story), **record}``: the
    same bytes when the record was stored by the C encoder without ASCII escapes, as the store
    writes it, and parsed equal in any case."""
    body = (record_text or "").strip()
    if not body.startswith("{") or body[1:].lstrip() == "}":
        return head
    return head[:-1] + ", " + body[1:]


def story_json(story: Story) -> dict[str, Any]:
    """A story as the public STORIES.json shape (DESIGN.md)."""
    return {"id": story.id, "title": story.title, "articles": list(story.articles),
            "events": [{"id": e.id, "articles": list(e.articles), "date": e.date} for e in story.events]}


def stories_json(articles: Sequence[Article], stories: Sequence[Story], run: dict[str, Any],
                 records: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """The whole stories.json document in memory (what :class:`ReportWriter` writes piece by
    piece, corrections aside)."""
    records = records or {}
    return {
        "run": run,
        "stories": [{**story_json(s), **records.get(s.id, {})} for s in stories],
        "articles": [article_summary(a) for a in articles],
    }


def article_summary(article: Article) -> dict[str, Any]:
    """An article's entry in stories.json: its fields but the text."""
    return {"id": article.id, "title": article.title, "source": article.source, "url": article.url,
            "published": article.published, "language": article.language,
            "provenance": article.provenance.to_json() if article.provenance else None}
