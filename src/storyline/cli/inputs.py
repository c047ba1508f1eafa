"""Reading the input file of the file-based commands (analyze, group, summarize) into Articles."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from storyline.config import IngestConfig
from storyline.errors import InputError
from storyline.ingest.language import LanguageDetector
from storyline.ingest.prepare import prepare
from storyline.ingest.readers import RawItem
from storyline.model import Article, Provenance
from storyline.pipeline import iter_raw_items


def read_articles(path: Path, *, keep_text: bool = False) -> tuple[list[Article], list[str]]:
    """The articles of one input (any format) and the one-line errors of what could not be read.

    Articles are cleaned as ingest cleans them, unless ``keep_text`` (Article JSONL only), where
    text, offsets and ids stay exactly as given. A JSONL record that cleaning would empty keeps its
    text as given, so that every input article appears in the output.
    """
    config = IngestConfig()
    detector = LanguageDetector(languages=config.languages)
    articles: list[Article] = []
    errors: list[str] = []
    for item in iter_raw_items([str(path)], config):
        article = _article(item, keep_text, config, detector)
        if isinstance(article, InputError):
            errors.append(str(article))
        else:
            articles.append(article)
    return articles, errors


def _article(item: RawItem | InputError, keep_text: bool, config: IngestConfig,
             detector: LanguageDetector) -> Article | InputError:
    is_record = isinstance(item, RawItem) and item.kind == "article"
    if is_record and keep_text:
        return _as_given(item)  # type: ignore[arg-type]
    prepared = prepare(item, config=config, language_of=detector)
    if isinstance(prepared, InputError) and is_record and str(item.body).strip():  # type: ignore[union-attr]
        return _as_given(item)  # type: ignore[arg-type]
    return prepared


def _as_given(item: RawItem) -> Article | InputError:
    hints = {k: v for k, v in item.hints.items() if k != "provenance"}
    try:
        article = Article.from_json({**hints, "text": item.body})
    except ValueError as exc:
        return InputError(item.path, str(exc), item.record)
    if not article.id:
        return InputError(item.path, "record has no 'id' and its text is empty after cleaning", item.record)
    return dataclasses.replace(article, provenance=Provenance(item.path, item.record))
