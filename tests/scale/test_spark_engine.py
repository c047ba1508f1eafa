"""The Spark engine (local[2]) gives the local engine's stories, events and story records."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storyline.evaluate.synthetic import write_corpus
from storyline.pipeline import analyze_store, group_store, ingest, reconcile_store
from storyline.store import Store

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (the spark extra)")
pytestmark = [
    pytest.mark.spark,
    # py4j leaves the sockets of collected results to the garbage collector.
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
    pytest.mark.skipif(shutil.which("java") is None, reason="no Java (scripts/java-deps installs it)"),
]

S400 = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "s400"


@pytest.fixture(scope="module")
def spark() -> Any:
    from storyline.scale.spark import spark_session

    session = spark_session("local[2]", app_name="storyline-tests")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("corpus")
    paths = write_corpus(folder, 2000, seed=7, files=4, bad_lines=2)
    return [str(p) for p in paths] + [str(folder / "missing.jsonl")]


@pytest.fixture(scope="module")
def local_run(corpus: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    store = Store(str(tmp_path_factory.mktemp("local") / "local.db"))
    result = ingest(corpus, store)
    analyze_store(store, result.run_id)
    grouped = group_store(store, result.run_id)
    reconcile_store(store, result.run_id, grouped)
    return {"result": result, "stories": grouped.stories, "records": store.story_records(), "store": store}


@pytest.fixture(scope="module")
def spark_run(spark: Any, corpus: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from storyline.scale.spark import run_spark

    base = tmp_path_factory.mktemp("spark")
    store = Store(str(base / "spark.db"))
    result = run_spark(corpus, str(base / "out"), spark=spark, store=store)
    return {"result": result, "out": base / "out", "store": store}


def _canonical(stories: Any) -> list[tuple[Any, ...]]:
    return sorted((s.id, tuple(s.articles), tuple((e.id, e.date, tuple(e.articles)) for e in s.events))
                  for s in stories)


def _parquet_stories(spark: Any, out: Path) -> list[tuple[Any, ...]]:
    rows = spark.read.parquet(str(out / "stories")).collect()
    return sorted((r["id"], tuple(r["articles"]), tuple((e["id"], e["date"], tuple(e["articles"])) for e in r["events"]))
                  for r in rows)


def _plain(record: Any) -> Any:
    return json.loads(json.dumps(record, sort_keys=True, default=list))


def test_same_counts_and_errors(local_run: dict[str, Any], spark_run: dict[str, Any]) -> None:
    local, remote = local_run["result"], spark_run["result"]
    assert (remote.read, remote.stored, remote.duplicates) == (local.read, local.stored, local.duplicates)
    assert remote.stored > 1800 and remote.duplicates > 20  # the corpus has exact copies
    assert sorted(remote.errors) == sorted(local.errors)
    assert any("missing.jsonl" in e for e in remote.errors)
    assert sum("malformed JSON" in e for e in remote.errors) == 2


def test_same_stories_and_events(spark: Any, local_run: dict[str, Any], spark_run: dict[str, Any]) -> None:
    expected = _canonical(local_run["stories"])
    assert len(expected) > 100
    assert _parquet_stories(spark, spark_run["out"]) == expected
    assert spark_run["store"].assignments() == local_run["store"].assignments()


def test_same_story_records(spark: Any, local_run: dict[str, Any], spark_run: dict[str, Any]) -> None:
    rows = spark.read.parquet(str(spark_run["out"] / "story_records")).collect()
    remote = {r["story_id"]: json.loads(r["record"]) for r in rows}
    assert remote == _plain(local_run["records"])
    assert _plain(spark_run["store"].story_records()) == _plain(local_run["records"])


def test_template_lines_removed_as_locally(spark: Any, local_run: dict[str, Any], spark_run: dict[str, Any]) -> None:
    rows = spark.read.parquet(str(spark_run["out"] / "articles")).select("id", "source", "text", "story_id").collect()
    local = {a.id: a.text for a in local_run["store"].articles()}
    assert {r["id"]: r["text"] for r in rows} == local
    assert all(r["story_id"] for r in rows)
    coastal = [r["text"] for r in rows if r["source"] == "Coastal News"]
    signup = "Sign up for the Coastal News morning briefing."
    assert len(coastal) > 50 and not any(signup in text.split("\n\n") for text in coastal)


def test_reads_uris_that_spark_reads(spark: Any, corpus: list[str], tmp_path: Path) -> None:
    from storyline.scale.spark import run_spark

    result = run_spark([Path(corpus[0]).resolve().as_uri()], str(tmp_path / "out"), spark=spark)
    bad = [n for n, line in enumerate(Path(corpus[0]).read_text(encoding="utf-8").splitlines(), start=1)
           if line.startswith('{"text": "cut')]
    assert result.read == len(Path(corpus[0]).read_text(encoding="utf-8").splitlines())
    # Spark names local files file:/path (one slash).
    assert [e.split(": ", 1)[0] for e in result.errors] == [f"file:{Path(corpus[0]).resolve()}:{n}" for n in bad]
    assert all("malformed JSON" in e for e in result.errors)


@pytest.mark.skipif(not S400.is_dir(), reason="../shared/samples/s400 is absent")
def test_run_command_with_spark_engine(spark: Any, tmp_path: Path) -> None:
    from storyline.cli import app

    runner = CliRunner()
    outcome = runner.invoke(app, ["run", "--engine", "spark", "--master", "local[2]", str(S400),
                                  "--out", str(tmp_path / "out")])
    assert outcome.exit_code == 0, outcome.output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["read"] == 5 and summary["stories"] == 1 and summary["errors"] == 0
    assert {p.name for p in (tmp_path / "out").iterdir()} >= {"articles", "stories", "story_records", "annotations"}


def test_unknown_engine_is_one_line_error(tmp_path: Path) -> None:
    from storyline.cli import app

    outcome = CliRunner().invoke(app, ["run", "--engine", "flink", str(tmp_path)])
    assert outcome.exit_code != 0
    assert "unknown engine 'flink'" in outcome.output
