"""The web's read queries on SQLite and PostgreSQL: filters, pages, entities, facets."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")

from storyline.present.web.ingest import Upload, ingest_uploads  # noqa: E402
from storyline.store import Store, queries  # noqa: E402

ARTICLES = [
    {"id": "v1", "source": "Harbor Times", "published": "2026-03-10", "language": "en", "title": "Parliament passes levy",
     "text": "Estravia's parliament approved a fuel levy on Tuesday by 112 votes to 87. "
             "Finance Minister Amara Okonjo said the money would go to trains."},
    {"id": "v2", "source": "Meridian Post", "published": "2026-03-11", "language": "en", "title": "Levy approved",
     "text": "Estravia's parliament approved the fuel levy on Tuesday by 112 votes to 87. "
             "Finance Minister Amara Okondzho said the money would go to trains."},
    {"id": "f1", "source": "Courrier", "published": "2026-02-03", "language": "fr", "title": "Crue de la Lise",
     "text": "Deux personnes sont mortes dimanche lorsque la Lise est sortie de son lit à Belmont."},
]


@pytest.fixture()
def store(store_url: str) -> Iterator[Store]:
    opened = Store(store_url)
    data = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES).encode()
    ingest_uploads(opened, threading.Lock(), [Upload("a.jsonl", data)])
    yield opened
    opened.close()


def _titles(store: Store, **where: str) -> list[str]:
    return [row["title"] for row in queries.list_stories(store, queries.StoryFilter(**where), limit=10)[1]]


def test_queries_list_stories_filters(store: Store) -> None:
    assert _titles(store) == ["Parliament passes levy", "Crue de la Lise"]
    assert _titles(store, text="LEVY") == ["Parliament passes levy"]  # case does not matter
    assert _titles(store, text="Belmont") == ["Crue de la Lise"]
    assert _titles(store, text="100%") == []
    assert _titles(store, outlet="Meridian Post") == ["Parliament passes levy"]
    assert _titles(store, language="fr") == ["Crue de la Lise"]
    assert _titles(store, entity="amara okondzho") == ["Parliament passes levy"]
    assert _titles(store, date_from="2026-03-01") == ["Parliament passes levy"]
    assert _titles(store, date_to="2026-02-03") == ["Crue de la Lise"]


def test_queries_list_stories_pages_and_facets(store: Store) -> None:
    total, rows = queries.list_stories(store, queries.StoryFilter(sort="size"), limit=1, offset=0)
    assert total == 2 and rows[0]["articles"] == 2 and rows[0]["outlets"] == ["Harbor Times", "Meridian Post"]
    assert queries.list_stories(store, queries.StoryFilter(), limit=1, offset=5) == (2, [])
    facets = queries.facet_values(store)
    assert set(facets["outlets"]) == {"Harbor Times", "Meridian Post", "Courrier"} and set(facets["languages"]) == {"en", "fr"}


def test_queries_story_article_and_entity_reads(store: Store) -> None:
    story_id = queries.article_place(store, "v1")[0]  # type: ignore[index]
    row = queries.story_row(store, story_id)
    assert row is not None and row["event_list"] and queries.story_row(store, "nope") is None
    assert sorted(a["id"] for a in queries.story_articles(store, story_id)) == ["v1", "v2"]
    assert queries.story_record(store, story_id)["summary"]["sentences"]
    total, rows = queries.article_rows(store, limit=2, story_id=story_id)
    assert total == 2 and {r["story_id"] for r in rows} == {story_id}
    total, found = queries.entity_stories(store, "Amara Okonjo", limit=5)
    assert total == 1 and found[0]["entity"]["type"] == "PERSON"
    assert queries.data_version(store) == 1 and len(queries.run_articles(store, 1)) == 3
