"""A small store for the web tests, built by the real pipeline from articles the tests write.

Two stories (a parliament vote on a fuel levy, reported three times, and a flood reported twice,
once in French) and one hostile report whose title, outlet, URL and text carry markup and script.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install 'storyline[web]')")

from fastapi.testclient import TestClient  # noqa: E402

from storyline.present.web import WebSettings, create_app  # noqa: E402
from storyline.present.web.ingest import Upload, ingest_uploads  # noqa: E402
from storyline.store import Store  # noqa: E402

TOKEN = "test-token-0123456789"
HOSTILE_TEXT = ('Hackers broke into the city council website on Friday. <script>window.__pwned = 1; alert("x")</script> '
                'The attackers left an image tag <img src=x onerror="window.__pwned=2"> on the front page. '
                '<a href="javascript:alert(3)" onclick="window.__pwned=3">click</a> '
                'Mayor Ilse Varga said that the site would be rebuilt.')

LEVY = [
    {"id": "levy-a", "source": "Harbor Times", "published": "2026-03-10", "language": "en", "url": "https://harbor.example/levy",
     "title": "Parliament approves diesel levy",
     "text": "Estravia's parliament approved a fuel levy on Tuesday by 112 votes to 87. "
             "Finance Minister Amara Okonjo said that every crown raised would be spent on trains and buses. "
             "The levy adds 9 cents per litre of diesel from July 1. "
             "Thousands of hauliers marched through Varno on Saturday against the levy."},
    {"id": "levy-b", "source": "Meridian Post", "published": "2026-03-10", "language": "en",
     "title": "Diesel levy passes after protests",
     "text": "Estravia's parliament approved the fuel levy on Tuesday by 121 votes to 87. "
             "Finance Minister Amara Okonjo said that every crown raised would be spent on trains and buses. "
             "The levy adds 9 cents per litre of diesel from July 1. "
             "Opposition leader Teodor Valescu said the party would go to the Constitutional Court."},
    {"id": "levy-c", "source": "Varno Star", "published": "2026-03-11", "language": "en",
     "title": "Hauliers vow to fight diesel levy",
     "text": "Estravia's parliament approved a fuel levy on Tuesday by 112 votes to 87. "
             "Finance Minister Amara Okondzho said that every crown raised would be spent on trains and buses. "
             "Hauliers' leader Lukas Brandtner said his members would decide on further protests."},
]
FLOOD = [
    {"id": "flood-a", "source": "Aurelia Radio", "published": "2026-02-02", "language": "en",
     "title": "Two dead as River Lise floods Aurelia towns",
     "text": "Two people died when the River Lise burst its banks in Aurelia on Sunday. "
             "Prime Minister Nadia Orel promised 40 million crowns in emergency aid. "
             "Rescue teams evacuated 300 residents from the town of Belmont."},
    {"id": "flood-b", "source": "Courrier de la Lise", "published": "2026-02-03", "language": "fr",
     "title": "Crue de la Lise : deux morts à Belmont",
     "text": "Deux personnes sont mortes dimanche lorsque la Lise est sortie de son lit en Aurélie. "
             "La Première ministre Nadia Orel a promis 40 millions de couronnes d'aide d'urgence. "
             "Les secours ont évacué 300 habitants de la ville de Belmont."},
]
HOSTILE = {"id": "hostile-1", "source": 'Evil <b onmouseover="x()">Outlet</b>', "published": "2025-06-01", "language": "en",
           "url": "javascript:alert(1)", "title": '<script>window.__pwned=4</script><img src=x onerror="window.__pwned=5">',
           "text": HOSTILE_TEXT}


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def build_store(folder: Path) -> str:
    """A SQLite store at ``folder`` holding the test articles, analysed, grouped and reconciled."""
    url = f"sqlite:///{folder / 'web.db'}"
    with Store(url) as store:
        data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [*LEVY, *FLOOD, HOSTILE]).encode()
        ingest_uploads(store, threading.Lock(), [Upload("articles.jsonl", data)])
    return url


@pytest.fixture(scope="session")
def web_store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built store file, made once per session (tests copy it before writing)."""
    folder = tmp_path_factory.mktemp("web-store")
    build_store(folder)
    return folder / "web.db"


@pytest.fixture()
def web_db(web_store_template: Path, tmp_path: Path) -> str:
    """A private copy of the test store (tests may ingest into it)."""
    target = tmp_path / "web.db"
    target.write_bytes(web_store_template.read_bytes())
    return f"sqlite:///{target}"


@pytest.fixture()
def client(web_db: str) -> Iterator[TestClient]:
    """A read-only app (no token) over a copy of the test store."""
    app = create_app(WebSettings(db=web_db, page_size=2))
    with TestClient(app) as test_client:
        yield test_client
    app.state.store.close()


@pytest.fixture()
def writer(web_db: str) -> Iterator[TestClient]:
    """An app with a write token and a small upload limit."""
    app = create_app(WebSettings(db=web_db, token=TOKEN, max_upload_bytes=64_000))
    with TestClient(app) as test_client:
        yield test_client
    app.state.store.close()
