"""``storyline serve``: builds the app over the store and hands it to uvicorn; token errors are one line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storyline.cli import app

pytest.importorskip("fastapi", reason="the web extra is not installed")
uvicorn = pytest.importorskip("uvicorn", reason="the web extra is not installed")


def test_serve_runs_the_app_on_the_given_address(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **options: started.update(app=application, **options))
    monkeypatch.delenv("STORYLINE_API_TOKEN", raising=False)
    monkeypatch.delenv("STORYLINE_API_TOKEN_FILE", raising=False)
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "s.db"), "--host", "127.0.0.1", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert started["host"] == "127.0.0.1" and started["port"] == 8123
    assert started["app"].state.settings.token is None and "read-only" in result.output


def test_serve_reports_an_unreadable_token_file_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("must not start"))
    monkeypatch.delenv("STORYLINE_API_TOKEN", raising=False)
    monkeypatch.setenv("STORYLINE_API_TOKEN_FILE", str(tmp_path / "missing"))
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1
    assert result.output.strip().startswith("storyline: error: STORYLINE_API_TOKEN_FILE=")
    assert len(result.output.strip().splitlines()) == 1
