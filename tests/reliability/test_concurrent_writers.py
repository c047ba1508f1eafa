"""Concurrent writers (issue 22, item 5): four processes ingest the same articles (with ids) into
one store that none of them has created yet; none fails, none reports a false "already stored with
different text", every counter adds up, and each article is stored once. SQLite and PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from storyline.store import Store

WRITER = """
import json, sys
from storyline.config import IngestConfig
from storyline.pipeline import ingest
from storyline.store import Store
store = Store(sys.argv[1])
result = ingest([sys.argv[2]], store, IngestConfig(batch_size=25, languages=("en",)))
print(json.dumps({"read": result.read, "stored": result.stored, "duplicates": result.duplicates,
                  "errors": result.errors, "error_count": result.error_count}))
"""
WRITERS = 4
ARTICLES = 400


def _wait_all(writers: list[subprocess.Popen[str]]) -> list[tuple[str, str]]:
    """Every writer's (stdout, stderr), each waited for (killed if it hangs), none left running."""
    outputs = []
    for writer in writers:
        try:
            outputs.append(writer.communicate(timeout=300))
        except subprocess.TimeoutExpired:
            writer.kill()
            outputs.append(writer.communicate())
    return outputs


def test_concurrent_writers_on_a_fresh_store_report_no_false_errors(store_url: str, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({
        "id": f"wire-{n:04}", "language": "en",
        "text": f"Report {n}: the council met on Monday and approved budget line {n * 7} after a long debate."}) + "\n"
        for n in range(ARTICLES)), encoding="utf-8")
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, store_url, str(source)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(WRITERS)]
    outputs = _wait_all(writers)
    results = []
    for writer, (stdout, stderr) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, stderr
        results.append(json.loads(stdout.strip().splitlines()[-1]))
    for result in results:
        assert result["errors"] == [] and result["error_count"] == 0
        assert result["read"] == ARTICLES == result["stored"] + result["duplicates"]
    assert sum(r["stored"] for r in results) == ARTICLES
    with Store(store_url) as store:
        assert store.count_articles() == ARTICLES
        assert {a.id for a in store.articles()} == {f"wire-{n:04}" for n in range(ARTICLES)}
        assert store.errors() == []
        assert [run["status"] for run in store.runs()] == ["done"] * WRITERS


TEMPLATE_WRITER = """
import sys
from storyline.store import Store
store = Store(sys.argv[1])
for round in range(30):
    store.add_templates({"Daily Gazette": {f"key-{round}-{n}" for n in range(20)}, "Courier": {f"c-{round}"}})
"""


def test_concurrent_writers_learning_the_same_template_lines_do_not_crash(store_url: str) -> None:
    Store(store_url).close()
    writers = [subprocess.Popen([sys.executable, "-c", TEMPLATE_WRITER, store_url],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(WRITERS)]
    for writer, (_, stderr) in zip(writers, _wait_all(writers), strict=True):
        assert writer.returncode == 0, stderr
    with Store(store_url) as store:
        learned = store.templates()
    assert len(learned["Daily Gazette"]) == 30 * 20 and len(learned["Courier"]) == 30
