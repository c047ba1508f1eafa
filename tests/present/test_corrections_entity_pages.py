"""Entity corrections reach every entity view, not only the story page: an entity merged or split
through the JSON API (with the token) is one entity (or two) on the cross-story entity page, in
the entity API, and in the story list's entity search, after a later incremental run too, and
back as it was once undone.

The store is the web tests' (tests/present/conftest.py), built by the real pipeline from the
articles the tests write: the flood story names ``Aurelia`` and, in French, ``Aurélie``; the levy
story spells ``Amara Okonjo`` also ``Amara Okondzho``.
"""

from __future__ import annotations

from html import unescape
from typing import Any

from fastapi.testclient import TestClient

from .conftest import TOKEN
from .test_corrections_regroup import _ids, _late_run

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _correct(client: TestClient, story: str, **body: Any) -> dict[str, Any]:
    answer = client.post(f"/api/stories/{story}/corrections", json={"author": "Ana", **body}, headers=AUTH)
    assert answer.status_code == 201, answer.text
    return answer.json()  # type: ignore[no-any-return]


def _api_entities(client: TestClient, name: str, story: str) -> list[dict[str, Any]]:
    """What the entity API says the story calls ``name`` (one item per story naming it)."""
    items = client.get(f"/api/entities/{name}").json()["items"]
    return [item["entity"] for item in items if item["id"] == story]


def _page_entity(client: TestClient, name: str, story: str) -> str:
    """The entity page's line for the story: ``as NAME (TYPE); spelled ...``."""
    page = unescape(client.get(f"/entities/{name}").text)
    rows = [row for row in page.split('<li class="story-row entity-story">')[1:] if f"/stories/{story}" in row]
    assert len(rows) == 1, f"{name!r}: {len(rows)} rows for the story"
    return " ".join(rows[0].split('<div class="meta">as ')[1].split("</div>")[0].replace("<b>", "").replace(
        "</b>", "").split())


def _named(client: TestClient, name: str) -> set[str]:
    return {s["id"] for s in client.get("/api/stories", params={"entity": name, "limit": 100}).json()["items"]}


def test_corrections_entity_merge_shows_one_entity_on_entity_pages_and_api(writer: TestClient, web_db: str) -> None:
    flood = _ids(writer)["flood"]
    before = _api_entities(writer, "Aurélie", flood)
    assert [e["name"] for e in before] == ["Aurélie"]  # two entities before the merge
    assert _page_entity(writer, "Aurélie", flood).startswith("Aurélie")
    made = _correct(writer, flood, kind="merge_entities", target="Aurélie", value="Aurelia")

    def merged() -> None:
        for name in ("Aurelia", "Aurélie"):
            found = _api_entities(writer, name, flood)
            assert [e["name"] for e in found] == ["Aurelia"], name
            assert {"Aurelia", "Aurélie"} <= set(found[0]["aliases"])
            line = _page_entity(writer, name, flood)
            assert line.startswith("Aurelia (") and "Aurélie" in line.split("spelled", 1)[1], line
            assert flood in _named(writer, name)
        assert "Aurélie" not in [e["name"] for e in writer.get(f"/api/stories/{flood}").json()["entities"]]

    merged()
    _late_run(web_db)  # a later incremental run rebuilds records: the merge holds
    merged()
    assert writer.post(f"/api/stories/{flood}/corrections/{made['id']}/undo", headers=AUTH).status_code == 200
    assert [e["name"] for e in _api_entities(writer, "Aurélie", flood)] == ["Aurélie"]
    assert _page_entity(writer, "Aurélie", flood).startswith("Aurélie (")


def test_corrections_entity_split_shows_two_entities_on_entity_pages_and_api(writer: TestClient) -> None:
    levy = _ids(writer)["levy"]
    assert [e["name"] for e in _api_entities(writer, "Amara Okondzho", levy)] == ["Amara Okonjo"]
    _correct(writer, levy, kind="split_spelling", target="Amara Okonjo", value="Amara Okondzho")
    split = _api_entities(writer, "Amara Okondzho", levy)
    assert [e["name"] for e in split] == ["Amara Okondzho"] and list(split[0]["aliases"]) == ["Amara Okondzho"]
    kept = _api_entities(writer, "Amara Okonjo", levy)
    assert [e["name"] for e in kept] == ["Amara Okonjo"] and "Amara Okondzho" not in kept[0]["aliases"]
    assert _page_entity(writer, "Amara Okondzho", levy).startswith("Amara Okondzho (")
    assert "Okondzho" not in _page_entity(writer, "Amara Okonjo", levy)
    assert levy in _named(writer, "Amara Okondzho") and levy in _named(writer, "Amara Okonjo")


def test_corrections_entity_api_without_token_changes_nothing(client: TestClient) -> None:
    flood = _ids(client)["flood"]
    answer = client.post(f"/api/stories/{flood}/corrections", json={"kind": "merge_entities", "target": "Aurélie",
                                                                    "value": "Aurelia"}, headers=AUTH)
    assert answer.status_code == 403
    assert [e["name"] for e in _api_entities(client, "Aurélie", flood)] == ["Aurélie"]
