"""`storyline group IN.jsonl --out STORIES.json`: stories and events of a file of articles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.app import app, err, fail_if_nothing_read, print_errors, reported_errors
from storyline.config import IngestConfig
from storyline.errors import InputError
from storyline.ingest.language import LanguageDetector
from storyline.ingest.prepare import prepare
from storyline.ingest.readers import RawItem
from storyline.model import Article
from storyline.pipeline import group_articles, iter_raw_items
from storyline.present.report import story_json


@app.command("group")
def group_command(
    infile: Annotated[Path, typer.Argument(help="Article JSONL (or any input format).")],
    out_file: Annotated[Path, typer.Option("--out", help="Where STORIES.json goes.")],
) -> None:
    """Group articles into stories and events; every article lands in exactly one of each."""
    with reported_errors():
        config = IngestConfig()
        detector = LanguageDetector(languages=config.languages)
        articles: list[Article] = []
        errors: list[str] = []
        for item in iter_raw_items([str(infile)], config):
            article = _article(item, config, detector)
            if isinstance(article, InputError):
                errors.append(str(article))
            else:
                articles.append(article)
        fail_if_nothing_read(len(articles), errors)
        stories = group_articles(articles)
        out_file.write_text(json.dumps({"stories": [story_json(s) for s in stories]}, ensure_ascii=False, indent=2),
                            encoding="utf-8")
        print_errors(errors)
        err.print(f"storyline: {len(articles)} articles in {len(stories)} stories, "
                  f"{sum(len(s.events) for s in stories)} events → {out_file}", markup=False)


def _article(item: RawItem | InputError, config: IngestConfig, detector: LanguageDetector) -> Article | InputError:
    """The cleaned article; a record whose text cleaning empties keeps its text as given, so that
    every input article is grouped."""
    prepared = prepare(item, config=config, language_of=detector)
    if isinstance(prepared, Article) or not isinstance(item, RawItem) or item.kind != "article":
        return prepared
    if not str(item.body).strip() or item.hints.get("id") in (None, ""):
        return prepared
    return Article.from_json({**{k: v for k, v in item.hints.items() if k != "provenance"}, "text": item.body})
