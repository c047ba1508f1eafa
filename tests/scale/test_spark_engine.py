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


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> list[list[str]]:
    """A 400-article stream in two runs of two files each; the second run's articles join stories
    the first run opened."""
    paths = [str(p) for p in write_corpus(tmp_path_factory.mktemp("runs"), 400, seed=11, files=4, bad_lines=0)]
    return [paths[:2], paths[2:]]


def _local_runs(store: Store, runs: list[list[str]]) -> None:
    for inputs in runs:
        result = ingest(inputs, store)
        analyze_store(store, result.run_id)
        reconcile_store(store, result.run_id, group_store(store, result.run_id))


@pytest.fixture(scope="module")
def local_two_runs(two_runs: list[list[str]], tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(str(tmp_path_factory.mktemp("local2") / "local.db"))
    _local_runs(store, two_runs)
    return store


@pytest.fixture(scope="module")
def spark_first_run(spark: Any, two_runs: list[list[str]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store filled by the Spark engine from the first run's files (tests work on copies)."""
    from storyline.scale.spark import run_spark

    base = tmp_path_factory.mktemp("spark1")
    with Store(str(base / "first.db")) as store:
        run_spark(two_runs[0], str(base / "out"), spark=spark, store=store)
    return base / "first.db"


def _copy(db: Path, tmp_path: Path) -> Store:
    shutil.copy(db, tmp_path / db.name)
    return Store(str(tmp_path / db.name))


def test_spark_run_saves_its_grouper(spark_first_run: Path, tmp_path: Path) -> None:
    store = _copy(spark_first_run, tmp_path)
    state = store.load_state("grouper")
    assert state is not None and len(state["stories"]) == len(store.story_records()) >= 5
    assert [r["status"] for r in store.runs()] == ["done"]


def test_second_spark_run_continues_stored_stories_with_their_ids(
        spark: Any, two_runs: list[list[str]], local_two_runs: Store, spark_first_run: Path, tmp_path: Path) -> None:
    from storyline.scale.spark import run_spark

    store = _copy(spark_first_run, tmp_path)
    before = store.assignments()
    result = run_spark(two_runs[1], str(tmp_path / "out"), spark=spark, store=store)
    assert store.assignments() == local_two_runs.assignments()
    assert _plain(store.story_records()) == _plain(local_two_runs.story_records())
    assert [r["status"] for r in store.runs()] == ["done", "done"]
    assert result.stored == len(local_two_runs.assignments()) - len(before)
    # Stable ids: an article of the first run stays in its story unless that story merged into an
    # older one; and the second run's articles joined stories the first run opened.
    merged = {m["merged"] for m in _merges(store)}
    after = store.assignments()
    assert all(after[a][0] == story or story in merged for a, (story, _) in before.items())
    parquet = spark.read.parquet(str(tmp_path / "out" / "stories")).collect()
    continued = [r for r in parquet if set(r["articles"]) & set(before)]
    assert continued and all(set(r["articles"]) - set(before) for r in continued)


def test_a_local_run_continues_a_spark_run(two_runs: list[list[str]], local_two_runs: Store,
                                           spark_first_run: Path, tmp_path: Path) -> None:
    store = _copy(spark_first_run, tmp_path)
    _local_runs(store, two_runs[1:])
    assert store.assignments() == local_two_runs.assignments()
    assert _plain(store.story_records()) == _plain(local_two_runs.story_records())


def test_rerun_of_stored_files_changes_nothing(spark: Any, two_runs: list[list[str]], spark_first_run: Path,
                                               tmp_path: Path) -> None:
    from storyline.scale.spark import run_spark

    store = _copy(spark_first_run, tmp_path)
    before, records = store.assignments(), _plain(store.story_records())
    again = run_spark(two_runs[0][:1], str(tmp_path / "again"), spark=spark, store=store)
    assert again.read > 50 and (again.stored, again.duplicates) == (0, again.read)
    assert store.assignments() == before and _plain(store.story_records()) == records
    rows = spark.read.parquet(str(tmp_path / "again" / "articles")).collect()
    assert {r["id"]: (r["story_id"], r["event_id"]) for r in rows} == {r["id"]: before[r["id"]] for r in rows}


def _merges(store: Store) -> list[dict[str, Any]]:
    from sqlalchemy import select

    from storyline.store import schema

    with store.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(select(schema.story_merges))]


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
