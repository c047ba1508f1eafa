"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

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
