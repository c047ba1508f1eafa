"""One heavy API request or page (a huge story or article) does not hold the event loop (issue 22, item 5):
while it is being built, a light request is answered. No clock: the heavy request is held until
the light one has its answer; on the event loop, the light one could only be answered after."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from storyline.store import Store

fastapi = pytest.importorskip("fastapi")


@pytest.mark.parametrize("path", ["/api/stories/heavy", "/api/stories/heavy/timeline", "/api/articles/heavy",
                                  "/stories/heavy", "/articles/heavy"])
def test_a_light_request_is_answered_while_a_heavy_one_is_built(path: str, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    from storyline.present.web import api, story_pages, views
    from storyline.present.web.app import create_app

    entered, release = threading.Event(), threading.Event()
    finished: list[bool] = []

    def heavy(*_args: Any, **_kwargs: Any) -> None:
        entered.set()
        release.wait(timeout=30)
        finished.append(True)
        return None  # not found: 404 once released

    # What a story or article request costs grows with it: reading and parsing the story's
    # record (load_story, for the API and the pages alike), or building the article's view.
    monkeypatch.setattr(api, "load_story", heavy)
    monkeypatch.setattr(story_pages, "load_story", heavy)
    monkeypatch.setattr(views, "article_view", heavy)
    with Store(str(tmp_path / "s.db")) as store, TestClient(create_app(store=store)) as client:
        answers: list[int] = []
        worker = threading.Thread(target=lambda: answers.append(client.get(path).status_code))
        worker.start()
        assert entered.wait(timeout=30)
        status = client.get("/api/status")
        answered_while_held = not finished
        release.set()
        worker.join(timeout=60)
    assert status.status_code == 200 and answered_while_held
    assert answers == [404]
