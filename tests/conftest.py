"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine

from storyline.store import schema

#: Set by scripts/run-tests when it could start a PostgreSQL server (scripts/test-postgres).
POSTGRES_URL = os.environ.get("STORYLINE_TEST_DATABASE_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty store: a SQLite file, and the test PostgreSQL database (emptied first)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip("no PostgreSQL server for the tests (make test starts one with scripts/test-postgres)")
    engine = create_engine(POSTGRES_URL)
    schema.metadata.drop_all(engine)
    engine.dispose()
    yield POSTGRES_URL


@pytest.fixture
def loopback_server() -> Iterator[Any]:
    """Start HTTP handler classes on 127.0.0.1 (a free port each); yields ``serve(handler) -> base URL``.

    Servers are shut down when the test ends. Used for the fake OpenAI-compatible chat endpoints.
    """
    import threading
    from http.server import HTTPServer

    started: list[tuple[HTTPServer, threading.Thread]] = []

    def serve(handler: type) -> str:
        server = HTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        started.append((server, thread))
        return f"http://127.0.0.1:{server.server_address[1]}/v1"

    yield serve
    for server, thread in started:
        server.shutdown()
        server.server_close()
        thread.join()

