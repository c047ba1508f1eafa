"""Run reports: stories.json, report.md and a self-contained report.html.

Everything that comes from an article is escaped before it reaches HTML or Markdown: article
text is hostile input.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.model import Article, Story

_EXCERPT_CHARS = 280
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


@dataclass(frozen=True, slots=True)
class ReportPaths:
    stories: Path
    markdown: Path
    html: Path


def write_reports(out_dir: Path, articles: Sequence[Article], stories: Sequence[Story],
                  run: dict[str, Any]) -> ReportPaths:
    """Write the three report files of a run into ``out_dir`` (created if missing)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = ReportPaths(out_dir / "stories.json", out_dir / "report.md", out_dir / "report.html")
    paths.stories.write_text(json.dumps(stories_json(articles, stories, run), ensure_ascii=False, indent=2),
                             encoding="utf-8")
    paths.markdown.write_text(markdown_report(articles, stories, run), encoding="utf-8")
    paths.html.write_text(html_report(articles, stories, run), encoding="utf-8")
    return paths


def stories_json(articles: Sequence[Article], stories: Sequence[Story], run: dict[str, Any]) -> dict[str, Any]:
    return {
        "run": run,
        "stories": [story_json(s) for s in stories],
        "articles": [_article_summary(a) for a in articles],
    }


def story_json(story: Story) -> dict[str, Any]:
    """A story as the public STORIES.json shape (DESIGN.md)."""
    return {"id": story.id, "title": story.title, "articles": list(story.articles),
            "events": [{"id": e.id, "articles": list(e.articles), "date": e.date} for e in story.events]}


def _article_summary(article: Article) -> dict[str, Any]:
    return {"id": article.id, "title": article.title, "source": article.source, "url": article.url,
            "published": article.published, "language": article.language,
            "provenance": article.provenance.to_json() if article.provenance else None}


def markdown_report(articles: Sequence[Article], stories: Sequence[Story], run: dict[str, Any]) -> str:
    lines = ["# storyline report", "", _md(_run_line(run)), ""]
    by_id = {a.id: a for a in articles}
    grouped = [(s.title, [by_id[i] for i in s.articles if i in by_id]) for s in stories]
    if not stories:
        grouped = [("Articles (not yet grouped into stories)", list(articles))]
    for title, members in grouped:
        lines += [f"## {_md(title)}", ""]
        for article in members:
            lines += [f"### {_md(article.title or article.id)}", "", _md(_byline(article)), "",
                      _md(_excerpt(article.text)), ""]
    return "\n".join(lines)


def html_report(articles: Sequence[Article], stories: Sequence[Story], run: dict[str, Any]) -> str:
    by_id = {a.id: a for a in articles}
    grouped = [(s.title, [by_id[i] for i in s.articles if i in by_id]) for s in stories]
    if not stories:
        grouped = [("Articles (not yet grouped into stories)", list(articles))]
    sections = []
    for title, members in grouped:
        items = "".join(
            f'<article id="a-{_h(a.id)}"><h3>{_h(a.title or a.id)}</h3><p class="by">{_h(_byline(a))}</p>'
            f"<p>{_h(_excerpt(a.text))}</p></article>"
            for a in members
        )
        sections.append(f"<section><h2>{_h(title)}</h2>{items}</section>")
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>storyline report</title><style>{_CSS}</style></head><body>"
        f"<h1>storyline report</h1><p class=\"run\">{_h(_run_line(run))}</p>{''.join(sections)}</body></html>\n"
    )


_CSS = ("body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}"
        "h2{border-bottom:1px solid #ccc}article{margin:1rem 0}.by,.run{color:#666;font-size:.9rem}")


def _run_line(run: dict[str, Any]) -> str:
    return (f"{run.get('read', 0)} read, {run.get('stored', 0)} stored, "
            f"{run.get('duplicates', 0)} duplicates, {run.get('errors', 0)} errors")


def _byline(article: Article) -> str:
    parts = [article.source or "unknown outlet", article.published or "undated", article.language or "?"]
    return " · ".join(parts) + f" · id {article.id}"


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _EXCERPT_CHARS else flat[: _EXCERPT_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)
