"""Tests of storyline.pipeline, the local engine: mixed inputs, errors, strict, workers, SIGKILL."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from storyline.config import IngestConfig
from storyline.errors import InputError
from storyline.pipeline import ingest
from storyline.store import Store

CONFIG = IngestConfig(languages=("en", "es"))
PARAGRAPH = ("The harbour council voted on Thursday to build a new bridge across the river, ending a "
             "decade of debate about where the crossing should go.")
PAGE = ("<html><head><title>Ferry suspended</title></head><body><article><h1>Ferry suspended</h1>"
        "<p>The ferry service to the islands will be suspended for two weeks in March while engineers "
        "repair the landing stage damaged in the January storms.</p><p>Islanders will get a free "
        "water taxi instead, the mayor said.</p></article></body></html>")
RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Valley Times</title>
<item><title>Dam inspected</title><link>https://valley.example/2021/03/01/dam</link>
<description>Engineers inspected the dam on Monday and found no cracks in the wall.</description></item>
<item><title>Road closed</title><link>https://valley.example/road</link>
<description>The mountain road is closed after a landslide near the old quarry.</description></item>
</channel></rss>
"""


def _mixed_folder(root: Path) -> Path:
    data = root / "in"
    (data / "gazette").mkdir(parents=True)
    (data / "gazette" / "bridge.txt").write_text(PARAGRAPH, encoding="utf-8")
    (data / "ferry.html").write_text(PAGE, encoding="utf-8")
    lines = [json.dumps({"id": "w1", "text": "Fishermen protested on Monday against the new cod quotas."}),
             '{"id": "w2", "text": "broken',
             json.dumps({"id": "w3", "text": "The library reopened on Saturday after two years of work."})]
    (data / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (data / "valley.rss").write_text(RSS, encoding="utf-8")
    (data / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    cut = gzip.compress((PARAGRAPH * 500).encode())
    (data / "cut.txt.gz").write_bytes(cut[: len(cut) // 2])
    (data / "empty.txt").write_bytes(b"")
    return data


def test_mixed_folder_stores_the_good_and_records_one_error_per_bad_item(tmp_path: Path) -> None:
    data = _mixed_folder(tmp_path)
    store = Store(str(tmp_path / "s.db"))
    progress: list[tuple[int, str | None]] = []
    result = ingest([str(data)], store, CONFIG, progress=lambda r, path: progress.append((r.read, path)))
    stored = list(store.articles())
    assert {a.id for a in stored} >= {"w1", "w3"}
    assert result.stored == len(stored) == 6  # txt, html, 2 jsonl, 2 rss items
    by_format = {a.provenance.path.rsplit("/", 1)[-1] for a in stored}  # type: ignore[union-attr]
    assert by_format == {"bridge.txt", "ferry.html", "wire.jsonl", "valley.rss"}
    rss = [a for a in stored if a.provenance.path.endswith("valley.rss")]  # type: ignore[union-attr]
    assert [a.provenance.record for a in rss] == [1, 2]  # type: ignore[union-attr]
    assert rss[0].source == "Valley Times" and rss[0].published == "2021-03-01"
    assert next(a for a in stored if a.id == "w1").provenance.record == 1  # type: ignore[union-attr]
    assert next(a for a in stored if a.text == PARAGRAPH).source == "gazette"

    assert len(result.errors) == 4
    messages = "\n".join(result.errors)
    assert f"{data / 'wire.jsonl'}:2: malformed JSON" in messages
    assert f"{data / 'photo.png'}: binary file" in messages
    assert f"{data / 'cut.txt.gz'}: " in messages
    assert f"{data / 'empty.txt'}: empty file" in messages
    rows = store.errors(result.run_id)
    assert sorted((Path(r["path"]).name, r["record"]) for r in rows) == [
        ("cut.txt.gz", None), ("empty.txt", None), ("photo.png", None), ("wire.jsonl", 2)]
    (run,) = store.runs()
    assert (run["status"], run["read"], run["stored"], run["errors"]) == ("done", 10, 6, 4)
    assert progress and progress[-1][0] == 10
    store.close()


def test_missing_input_is_an_error_and_the_rest_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(PARAGRAPH, encoding="utf-8")
    store = Store(str(tmp_path / "s.db"))
    result = ingest([str(tmp_path / "nope.txt"), str(good)], store, CONFIG)
    assert result.stored == 1
    assert result.errors == [f"{tmp_path / 'nope.txt'}: no such file or directory"]
    store.close()


def test_strict_raises_at_the_first_bad_input(tmp_path: Path) -> None:
    data = _mixed_folder(tmp_path)
    store = Store(str(tmp_path / "s.db"))
    with pytest.raises(InputError) as caught:
        ingest([str(data)], store, CONFIG, strict=True)
    assert str(data) in str(caught.value)
    (run,) = store.runs()
    assert run["status"] == "failed"
    assert len(store.errors()) == 1
    store.close()


def test_strict_without_bad_input_succeeds(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PARAGRAPH, encoding="utf-8")
    store = Store(str(tmp_path / "s.db"))
    assert ingest([str(tmp_path / "a.txt")], store, CONFIG, strict=True).stored == 1
    store.close()


def _generated_folder(root: Path, count: int) -> Path:
    data = root / "gen"
    for outlet in ("north", "south"):
        (data / outlet).mkdir(parents=True, exist_ok=True)
    for number in range(count):
        outlet = "north" if number % 2 else "south"
        text = (f"Report {number}: the council met for the {number}th time and discussed the bridge, "
                f"the ferry and item {number * 7919 % 1000} of the budget.\n\nA second paragraph, "
                f"number {number}, says the vote was close.")
        (data / outlet / f"{number:05d}.txt").write_text(text, encoding="utf-8")
    (data / "north" / "bad.jsonl").write_text('{"text": 1}\n{"text": "Valid line from the wire desk."}\n', encoding="utf-8")
    return data


def test_two_workers_store_exactly_what_one_worker_stores(tmp_path: Path) -> None:
    data = _generated_folder(tmp_path, 40)
    (data / "page.html").write_text(PAGE, encoding="utf-8")
    results = {}
    for workers in (1, 2):
        store = Store(str(tmp_path / f"w{workers}.db"))
        result = ingest([str(data)], store, IngestConfig(languages=("en", "es"), workers=workers, batch_size=7))
        results[workers] = ([(a.id, a.text, a.source, a.language, a.provenance) for a in store.articles()],
                            result.errors, result.stored)
        store.close()
    assert results[1] == results[2]
    assert results[1][2] == 42


def _count(db: Path) -> int:
    try:
        with closing(sqlite3.connect(db, timeout=5)) as conn:
            return int(conn.execute("select count(*) from articles").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_a_run_killed_mid_way_and_started_again_stores_every_article_once(tmp_path: Path) -> None:
    total = 3000
    data = tmp_path / "many"
    data.mkdir()
    for number in range(total):
        (data / f"{number:05d}.txt").write_text(
            f"Dispatch {number}: the harbour council discussed item {number} of the agenda "
            f"and voted {number % 7} times before noon.\n", encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text('[ingest]\nbatch_size = 50\nlanguages = ["en", "es"]\n', encoding="utf-8")
    db = tmp_path / "kill.db"
    command = [sys.executable, "-m", "storyline", "ingest", str(data), "--db", str(db), "--config", str(config)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.monotonic() + 60
        while _count(db) < 100 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()
    assert process.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    at_kill = _count(db)
    assert 100 <= at_kill < total
    assert at_kill % 50 == 0  # whole batches only

    finished = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)
    assert finished.returncode == 0, finished.stderr
    assert f"{total} read, {total - at_kill} stored, {at_kill} duplicates, 0 errors" in finished.stderr
    with closing(sqlite3.connect(db)) as conn:
        count, distinct = conn.execute("select count(*), count(distinct content_hash) from articles").fetchone()
        paths = conn.execute("select count(distinct provenance_path) from articles").fetchone()[0]
        statuses = [row[0] for row in conn.execute("select status from runs order by id")]
    assert count == distinct == paths == total
    assert statuses == ["interrupted", "done"]  # the next run marks the killed run
