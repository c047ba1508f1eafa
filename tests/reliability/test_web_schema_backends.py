"""schemathesis over every operation of the API on each backend, SQLite and PostgreSQL (issue 22,
"How it is measured"): no generated request, with the write token, makes the app answer 5xx.

tests/present/test_web_schema.py does the same on SQLite only, with more examples per operation;
here the store is built on the backend under test (two stories and a report with markup, through
the real pipeline), so that ids, filters and uploads reach that backend's SQL. Examples are
bounded and derandomized: about 90 requests per backend.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest

fastapi = pytest.importorskip("fastapi", reason="the web extra is not installed")
schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is a dev dependency")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from storyline.present.web import WebSettings, create_app  # noqa: E402
from storyline.present.web.ingest import Upload, ingest_uploads  # noqa: E402
from storyline.store import Store  # noqa: E402

TOKEN = "schema-token-0123456789"
RECORDS = [
    {"id": "levy-a", "source": "Harbor Times", "published": "2026-03-10", "language": "en",
     "title": "Parliament approves diesel levy",
     "text": "Estravia's parliament approved a fuel levy on Tuesday by 112 votes to 87. Finance Minister Amara "
             "Okonjo said that every crown raised would be spent on trains and buses."},
    {"id": "levy-b", "source": "Meridian Post", "published": "2026-03-10", "language": "en",
     "title": "Diesel levy passes after protests",
     "text": "Estravia's parliament approved the fuel levy on Tuesday by 121 votes to 87. Opposition leader "
             "Teodor Valescu said the party would go to the Constitutional Court."},
    {"id": "flood-a", "source": "Aurelia Radio", "published": "2026-02-02", "language": "en",
     "title": "Two dead as River Lise floods Aurelia towns",
     "text": "Two people died when the River Lise burst its banks in Aurelia on Sunday. Prime Minister Nadia "
             "Orel promised 40 million crowns in emergency aid."},
    {"id": "odd-1", "source": 'Evil <b onmouseover="x()">Outlet</b>', "published": "2025-06-01", "language": "en",
     "title": "<script>window.__pwned=4</script>",
     "text": "Hackers broke into the city council website on Friday. <script>alert(1)</script> Mayor Ilse "
             "Varga said that the site would be rebuilt."},
]


@pytest.fixture()
def api_schema(store_url: str) -> Iterator[Any]:
    with Store(store_url) as store:
        data = "".join(json.dumps(r) + "\n" for r in RECORDS).encode()
        result = ingest_uploads(store, threading.Lock(), [Upload("articles.jsonl", data)])
        assert result["stored"] == len(RECORDS), result
    app = create_app(WebSettings(db=store_url, token=TOKEN, max_upload_bytes=32_000))
    yield schemathesis.openapi.from_asgi("/api/openapi.json", app)
    app.state.store.close()


def _run_operation(operation: Any, statuses: list[int]) -> None:
    """Drive one operation's generated requests (schemathesis's pytest plugin does not run under pytest 9)."""

    @given(case=operation.as_strategy())
    @settings(max_examples=8 if operation.method.upper() == "GET" else 4, deadline=None, derandomize=True,
              database=None, suppress_health_check=list(HealthCheck))
    def check_case(case: Any) -> None:
        # call_and_validate raises when a check fails, so a 5xx fails the test.
        response = case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=[not_a_server_error])
        statuses.append(response.status_code)

    check_case()


def test_no_operation_answers_5xx_on_either_backend(api_schema: Any) -> None:
    operations = [op.ok() for op in api_schema.get_all_operations()]
    assert len(operations) >= 10  # the whole API, not an empty schema
    statuses: dict[str, list[int]] = {}
    for operation in operations:
        _run_operation(operation, statuses.setdefault(f"{operation.method.upper()} {operation.path}", []))
    assert all(statuses.values()), statuses  # every operation was called
    assert all(code < 500 for codes in statuses.values() for code in codes), statuses
