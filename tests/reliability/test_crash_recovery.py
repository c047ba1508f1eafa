"""Fault injection: `storyline run` killed with SIGKILL right after a stage's commit, then run
again, ends with the same stories, events, assignments, records, analysis and ids as a run that
was never interrupted (issue 22, item 2). The kill comes from the pipeline's own hook
(STORYLINE_KILL_AFTER=<stage>: the process SIGKILLs itself after that commit)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select

from storyline.pipeline import KILL_AFTER_ENV
from storyline.store import schema

TOPICS = [
    "The harbour council of Portwick voted on {d} to build a new bridge across the river Tam. Mayor Alice Brown "
    "said the bridge would cost 40 million pounds. \"We have waited long enough,\" Brown said.",
    "Fishermen in Nordhaven protested on {d} outside the port authority against new cod quotas. Union leader "
    "John Smith said the quotas would cut catches by a third. \"This will ruin us,\" Smith told reporters.",
    "The Elmstead town library reopened on {d} after a two-year renovation costing 3 million euros. Librarian "
    "Maria Lopez said visitor numbers doubled on the first day. \"People missed it,\" Lopez said.",
    "Voters in Greyford elected Peter Walsh as mayor on {d}, with 52 percent of the vote. Walsh, a former "
    "teacher, promised to fix the roads. \"The work starts tomorrow,\" Walsh said.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("crash")
    lines = [json.dumps({"id": f"a{t}{k}", "text": text.format(d=day) + f" Report {k} from desk {t}.",
                         "published": f"2021-03-{10 + k:02d}", "source": f"Outlet {k % 3}", "language": "en"})
             for t, text in enumerate(TOPICS) for k, day in enumerate(DAYS)]
    (folder / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "config.toml").write_text('[ingest]\nbatch_size = 6\nlanguages = ["en"]\n', encoding="utf-8")
    return folder / "in.jsonl", folder / "config.toml"


def _run(corpus: tuple[Path, Path], db: str, out: Path, kill_after: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != KILL_AFTER_ENV}
    if kill_after:
        env[KILL_AFTER_ENV] = kill_after
    command = [sys.executable, "-m", "storyline", "run", str(corpus[0]), "--db", db, "--out", str(out),
               "--config", str(corpus[1])]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)


def _snapshot(url: str) -> dict[str, Any]:
    """Everything a run leaves that must not depend on a crash (run ids left out)."""
    engine = create_engine(url)
    tables = {
        "articles": (schema.articles.c.id, schema.articles.c.content_hash, schema.articles.c.text),
        "stories": (schema.stories.c.id, schema.stories.c.title, schema.stories.c.articles, schema.stories.c.events,
                    schema.stories.c.first_date, schema.stories.c.last_date),
        "events": tuple(schema.events.c),
        "assignments": (schema.assignments.c.article_id, schema.assignments.c.story_id, schema.assignments.c.event_id),
        "records": (schema.story_records.c.story_id, schema.story_records.c.data),
        "annotations": (schema.annotations.c.article_id, schema.annotations.c.data),
        "entity_index": tuple(schema.entity_index.c),
    }
    with engine.connect() as conn:
        found = {name: sorted(tuple(row) for row in conn.execute(select(*columns))) for name, columns in tables.items()}
        statuses = [row[0] for row in conn.execute(select(schema.runs.c.status).order_by(schema.runs.c.id))]
    engine.dispose()
    return {**found, "statuses": statuses}


@pytest.fixture(scope="module")
def uninterrupted(corpus: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("baseline")
    url = f"sqlite:///{folder / 'base.db'}"
    finished = _run(corpus, url, folder / "out")
    assert finished.returncode == 0, finished.stderr
    snapshot = _snapshot(url)
    assert len(snapshot["stories"]) >= 2 and len(snapshot["records"]) == len(snapshot["stories"])
    return snapshot


# In the middle of each stage (after its first batch or story) and after each stage's last commit. Grouping
# commits in one transaction: a kill inside it leaves what a kill after "analyze" leaves.
@pytest.mark.parametrize("stage", ["ingest-batch", "ingest", "analyze-batch", "analyze", "group",
                                   "reconcile-story", "reconcile"])
def test_a_run_killed_after_a_stage_commit_is_completed_by_the_next_run(
        stage: str, corpus: tuple[Path, Path], uninterrupted: dict[str, Any], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    killed = _run(corpus, url, tmp_path / "out", kill_after=stage)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    finished = _run(corpus, url, tmp_path / "out")
    assert finished.returncode == 0, finished.stderr
    after = _snapshot(url)
    assert after["statuses"] == ["interrupted", "done"]
    for table in ("articles", "stories", "events", "assignments", "records", "annotations", "entity_index"):
        assert after[table] == uninterrupted[table], table
    stories = json.loads((tmp_path / "out" / "stories.json").read_text(encoding="utf-8"))
    assert len(json.dumps(stories)) > 0


def test_postgresql_store_killed_after_grouping_gets_its_records_back(
        store_url: str, corpus: tuple[Path, Path], uninterrupted: dict[str, Any], tmp_path: Path) -> None:
    if not store_url.startswith("postgresql"):
        pytest.skip("the SQLite case is the test above")
    killed = _run(corpus, store_url, tmp_path / "out", kill_after="group")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert _snapshot(store_url)["records"] == []  # what the crash left
    finished = _run(corpus, store_url, tmp_path / "out")
    assert finished.returncode == 0, finished.stderr
    after = _snapshot(store_url)
    for table in ("stories", "events", "assignments", "records"):
        assert after[table] == uninterrupted[table], table
