"""`storyline analyze IN.jsonl --out OUT.jsonl`: per-article annotations as JSONL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from storyline.analyze.annotate import annotated_json
from storyline.cli.app import app, err, fail_if_nothing_read, print_errors, reported_errors
from storyline.config import IngestConfig
from storyline.errors import InputError
from storyline.ingest.language import LanguageDetector
from storyline.ingest.prepare import prepare
from storyline.ingest.readers import RawItem
from storyline.model import Article, Provenance
from storyline.pipeline import analyze_articles, iter_raw_items


@app.command("analyze")
def analyze_command(
    infile: Annotated[Path, typer.Argument(help="Article JSONL (or any input format).")],
    out_file: Annotated[Path, typer.Option("--out", help="Where the annotated JSONL goes.")],
    keep_text: Annotated[bool, typer.Option("--keep-text", help="Do no cleaning: offsets point into the input text.")] = False,
) -> None:
    """Sentences, entities, times and quotes per article, every span as character offsets.

    Entities get their canonical name by resolution across the articles of their ``story``
    (articles without one are resolved together), and undated reports are dated from the other
    reports of their event, so all articles are read before any is written.
    """
    with reported_errors():
        config = IngestConfig()
        detector = LanguageDetector(languages=config.languages)
        errors: list[str] = []
        articles: list[Article] = []
        for item in iter_raw_items([str(infile)], config):
            article = _article(item, keep_text, config, detector)
            if isinstance(article, InputError):
                errors.append(str(article))
                continue
            articles.append(article)
        fail_if_nothing_read(len(articles), errors)
        resolved = analyze_articles(articles)
        with out_file.open("w", encoding="utf-8") as sink:
            for record in resolved:
                sink.write(json.dumps(annotated_json(record), ensure_ascii=False) + "\n")
        written = len(resolved)
        print_errors(errors)
        err.print(f"storyline: {written} articles analysed, {len(errors)} errors → {out_file}", markup=False)


def _article(item: RawItem | InputError, keep_text: bool, config: IngestConfig,
             detector: LanguageDetector) -> Article | InputError:
    if isinstance(item, InputError) or not keep_text or item.kind != "article":
        return prepare(item, config=config, language_of=detector)
    hints = dict(item.hints)
    hints.pop("provenance", None)
    try:
        article = Article.from_json({**hints, "text": item.body})
    except ValueError as exc:
        return InputError(item.path, str(exc), item.record)
    return article if article.provenance else _with_provenance(article, item)


def _with_provenance(article: Article, item: RawItem) -> Article:
    from dataclasses import replace  # noqa: PLC0415

    return replace(article, provenance=Provenance(item.path, item.record))
