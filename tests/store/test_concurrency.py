"""Two processes ingesting the same inputs into one store at once store each article once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, func, select

from storyline.store import Store, schema

WRITER = """
import sys
from storyline.config import IngestConfig
from storyline.pipeline import ingest
from storyline.store import Store
ingest([sys.argv[2]], Store(sys.argv[1]), IngestConfig(batch_size=20))
"""


def test_concurrent_writers_do_not_duplicate_articles(store_url: str, tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for number in range(300):
        (source / f"{number:03}.txt").write_text(
            f"Report {number}: the council met on Monday and approved budget line {number * 7} after a debate.",
            encoding="utf-8")
    Store(store_url).close()  # tables exist before the race starts
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, store_url, str(source)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    for writer in writers:
        _, stderr = writer.communicate(timeout=120)
        assert writer.returncode == 0, stderr.decode()
    engine = create_engine(store_url)
    with engine.connect() as conn:
        count = conn.execute(select(func.count()).select_from(schema.articles)).scalar_one()
        hashes = conn.execute(select(func.count(schema.articles.c.content_hash.distinct()))).scalar_one()
    engine.dispose()
    assert count == hashes == 300
