"""The API against its own OpenAPI document (schemathesis): no input makes it answer 5xx.

Examples are bounded (``max_examples``) so the whole module runs in well under a minute; the app
has a write token, so generated uploads reach the ingest code too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is a dev dependency")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from storyline.present.web import WebSettings, create_app  # noqa: E402

from .conftest import TOKEN  # noqa: E402


#: Every operation of the API (a test asserts the list is complete, so none escapes).
OPERATIONS = [("GET", "/api/stories"), ("GET", "/api/stories/{story_id}"), ("GET", "/api/stories/{story_id}/{section}"),
              ("GET", "/api/articles"), ("GET", "/api/articles/{article_id}"), ("GET", "/api/entities/{name}"),
              ("GET", "/api/facets"), ("GET", "/api/status"), ("POST", "/api/ingest"),
              ("GET", "/api/changes"), ("GET", "/api/stories/{story_id}/changes"), ("GET", "/api/watchlists/{name}/alerts"),
              ("GET", "/api/stories/{story_id}/corrections"), ("POST", "/api/stories/{story_id}/corrections"),
              ("POST", "/api/stories/{story_id}/corrections/{correction_id}/undo")]


@pytest.fixture(scope="module")
def api_schema(web_store_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    target = tmp_path_factory.mktemp("schema-store") / "web.db"
    target.write_bytes(web_store_template.read_bytes())
    app = create_app(WebSettings(db=f"sqlite:///{target}", token=TOKEN, max_upload_bytes=32_000))
    yield schemathesis.openapi.from_asgi("/api/openapi.json", app)
    app.state.store.close()


def test_web_api_schema_lists_every_operation(api_schema: Any) -> None:
    found = {(op.ok().method.upper(), op.ok().path) for op in api_schema.get_all_operations()}
    assert found == set(OPERATIONS)


# schemathesis's own pytest plugin (``from_fixture``/``parametrize``) does not run under pytest 9,
# so each operation's strategy is driven with hypothesis directly.
@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_web_api_never_answers_5xx(api_schema: Any, method: str, path: str) -> None:
    operation = api_schema[path][method]
    headers = {"Authorization": f"Bearer {TOKEN}"}
    statuses: list[int] = []

    @given(case=operation.as_strategy())
    @settings(max_examples=15 if method == "GET" else 6, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def check_case(case: Any) -> None:
        # call_and_validate raises when a check fails, so a 5xx fails the test.
        response = case.call_and_validate(headers=headers, checks=[not_a_server_error])
        statuses.append(response.status_code)

    check_case()
    assert statuses and all(status < 500 for status in statuses)
