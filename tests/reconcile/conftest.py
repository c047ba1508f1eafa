"""Fixtures of the reconcile tests: the five S-400 sample reports, analysed and reconciled."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from storyline.model import Annotated, Story

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "s400"


@pytest.fixture(scope="session")
def s400() -> tuple[Story, list[Annotated]]:
    """The samples as one story, each with its own outlet ("outlet0".."outlet4", in file order):
    cleaned, annotated, dated through their event, entities resolved. Skips when absent."""
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples/s400 is absent")
    from storyline.analyze.annotate import annotate
    from storyline.config import IngestConfig
    from storyline.ingest.language import LanguageDetector
    from storyline.ingest.prepare import prepare
    from storyline.model import Article
    from storyline.pipeline import group_articles, iter_raw_items
    from storyline.reconcile.entities import resolve_entities
    from storyline.reconcile.story import reconcile_story

    config = IngestConfig()
    detector = LanguageDetector(languages=config.languages)
    articles = [prepare(item, config=config, language_of=detector) for item in iter_raw_items([str(SAMPLES)], config)]
    articles = [dataclasses.replace(a, source=f"outlet{n}") for n, a in enumerate(articles) if isinstance(a, Article)]
    stories = group_articles(articles)
    story = Story("s400", "S-400", tuple(a.id for a in articles), tuple(e for s in stories for e in s.events))
    annotated = [annotate(a) for a in articles]
    redated = {a.article.id: a for a in reconcile_story(story, annotated)[1]}
    annotated = [redated.get(a.article.id, a) for a in annotated]
    return story, resolve_entities(annotated)[1]
