"""`storyline summarize IN.jsonl --words N --out OUT.jsonl`: one cited summary per story.

With ``--llm-url`` the summary is abstractive, written by an OpenAI-compatible chat endpoint from
the story's aligned facts and checked against them (:mod:`storyline.reconcile.abstractive`); when
the endpoint fails, or none of its sentences is supported, the story gets the extractive summary
and stderr one warning line.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.app import app, err, fail_if_nothing_read, print_errors, reported_errors
from storyline.cli.inputs import read_articles
from storyline.model import Article, Story, Summary
from storyline.pipeline import group_articles
from storyline.reconcile.abstractive import AbstractiveConfig


@app.command("summarize")
def summarize_command(
    infile: Annotated[Path, typer.Argument(help="Article JSONL (or any input format).")],
    words: Annotated[int, typer.Option("--words", min=1, help="Word budget of each summary.")],
    out_file: Annotated[Path, typer.Option("--out", help="Where the summaries (JSONL) go.")],
    llm_url: Annotated[str | None, typer.Option(
        "--llm-url", help="OpenAI-compatible chat endpoint (llama.cpp, vLLM, Ollama), e.g. "
        "http://127.0.0.1:8080/v1: write abstractive summaries from the facts [default: extractive].")] = None,
    llm_model: Annotated[str, typer.Option("--llm-model", help="Model name sent to the endpoint.")] = "default",
) -> None:
    """Summarise each story in at most N words; every sentence lists the articles behind it.

    Articles that carry a `story` field keep that grouping; the others are grouped first.
    """
    with reported_errors():
        llm = AbstractiveConfig(url=llm_url, model=llm_model) if llm_url else None
        articles, errors = read_articles(infile)
        fail_if_nothing_read(len(articles), errors)
        summaries = summarize_articles(articles, words, llm=llm,
                                       warn=lambda line: err.print(f"storyline: warning: {line}", markup=False))
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


def summarize_articles(articles: Sequence[Article], words: int, *, llm: AbstractiveConfig | None = None,
                       warn: Callable[[str], None] | None = None) -> list[Summary]:
    """Library twin of the command: analyse, group, reconcile (dates, entities) and summarise.

    With ``llm``, each story's summary comes from the chat endpoint (see the module docstring);
    ``warn`` gets one line for each story that falls back to the extractive summary. After the
    endpoint fails once it is not asked again in this call (a server that is down would cost a
    timeout per story).
    """
    from storyline.analyze.annotate import annotate  # noqa: PLC0415
    from storyline.reconcile.abstractive import LLMError, abstractive_summary  # noqa: PLC0415
    from storyline.reconcile.entities import resolve_entities  # noqa: PLC0415
    from storyline.reconcile.facts import align_facts  # noqa: PLC0415
    from storyline.reconcile.story import redate_story  # noqa: PLC0415
    from storyline.reconcile.summary import summarize_facts  # noqa: PLC0415

    by_id = {a.id: a for a in articles}
    out = []
    for story in stories_of(articles):
        annotated = redate_story(story, [annotate(by_id[i]) for i in story.articles if i in by_id])[1]
        if any(a.entities for a in annotated):
            annotated = resolve_entities(annotated)[1]
        order = {article_id: rank for rank, article_id in enumerate(story.articles)}
        facts = align_facts(sorted(annotated, key=lambda a: order.get(a.article.id, len(order))))
        summary = None
        if llm is not None:
            try:
                summary = abstractive_summary(story.id, facts, words=words, config=llm)
            except LLMError as exc:
                llm = None
                _warn(warn, f"{exc}; extractive summaries from here on")
            else:
                if not summary.sentences:
                    summary = None
                    _warn(warn, f"story {story.id}: no sentence of the model's answer is backed by the facts; "
                                "extractive summary instead")
        out.append(summary or summarize_facts(story.id, facts, words=words))
    return out


def _warn(warn: Callable[[str], None] | None, line: str) -> None:
    if warn is not None:
        warn(" ".join(line.split()))
