"""`storyline summarize IN.jsonl --words N --out OUT.jsonl`: one cited summary per story."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.app import app, err, fail_if_nothing_read, print_errors, reported_errors
from storyline.cli.inputs import read_articles
from storyline.model import Article, Story, Summary
from storyline.pipeline import group_articles


@app.command("summarize")
def summarize_command(
    infile: Annotated[Path, typer.Argument(help="Article JSONL (or any input format).")],
    words: Annotated[int, typer.Option("--words", min=1, help="Word budget of each summary.")],
    out_file: Annotated[Path, typer.Option("--out", help="Where the summaries (JSONL) go.")],
) -> None:
    """Summarise each story in at most N words; every sentence lists the articles behind it.

    Articles that carry a `story` field keep that grouping; the others are grouped first.
    """
    with reported_errors():
        articles, errors = read_articles(infile)
        fail_if_nothing_read(len(articles), errors)
        summaries = summarize_articles(articles, words)
        with out_file.open("w", encoding="utf-8") as sink:
            for summary in summaries:
                sink.write(json.dumps(summary_json(summary), ensure_ascii=False) + "\n")
        print_errors(errors)
        err.print(f"storyline: {len(articles)} articles, {len(summaries)} stories summarised → {out_file}",
                  markup=False)


def summary_json(summary: Summary) -> dict[str, object]:
    """The summarize output line of DESIGN.md."""
    return {"story": summary.story, "summary": summary.text,
            "sentences": [{"text": s.text, "sources": list(s.sources)} for s in summary.sentences]}


def stories_of(articles: Sequence[Article]) -> list[Story]:
    """The given grouping (`story` field) where articles carry one; the others grouped here."""
    given: dict[str, list[str]] = {}
    for article in articles:
        if article.story:
            given.setdefault(article.story, []).append(article.id)
    stories = [Story(id=name, title=name, articles=tuple(ids)) for name, ids in given.items()]
    rest = [a for a in articles if not a.story]
    return stories + (group_articles(rest) if rest else [])


def summarize_articles(articles: Sequence[Article], words: int) -> list[Summary]:
    """Library twin of the command: analyse, group, reconcile (dates, entities) and summarise."""
    from storyline.analyze.annotate import annotate  # noqa: PLC0415
    from storyline.reconcile.entities import resolve_entities  # noqa: PLC0415
    from storyline.reconcile.story import redate_story  # noqa: PLC0415
    from storyline.reconcile.summary import summarize_story  # noqa: PLC0415

    by_id = {a.id: a for a in articles}
    out = []
    for story in stories_of(articles):
        annotated = redate_story(story, [annotate(by_id[i]) for i in story.articles if i in by_id])[1]
        if any(a.entities for a in annotated):
            annotated = resolve_entities(annotated)[1]
        out.append(summarize_story(story, annotated, words=words))
    return out
