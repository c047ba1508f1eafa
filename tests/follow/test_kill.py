"""A watcher killed with SIGKILL mid-cycle, then restarted, loses and duplicates nothing: the
store ends as after a cycle never interrupted, and each alert reaches the webhook once. The kill
comes from the pipeline's hook (STORYLINE_KILL_AFTER=<point>: SIGKILL right after that commit)."""

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

from storyline.follow.tables import follow_alerts, follow_changes, follow_items
from storyline.pipeline import KILL_AFTER_ENV
from storyline.store import schema


def _config(tmp_path: Path, receiver: Any) -> Path:
    path = tmp_path / "watch.toml"
    path.write_text(f'[watch]\nper_host_delay = 0\ntimeout = 5\n[ingest]\nlanguages = ["en"]\n'
                    f'[alerts]\nwebhook = "{receiver.url}"\n'
                    f'[[watchlists]]\nname = "all"\nwords = ["said"]\n', encoding="utf-8")
    return path


def _watch(site: Any, db: str, config: Path, kill_after: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != KILL_AFTER_ENV}
    if kill_after:
        env[KILL_AFTER_ENV] = kill_after
    command = [sys.executable, "-m", "storyline", "watch", site.url("/rss"), site.url("/rss2"), "--db", db,
               "--once", "--config", str(config)]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)


def _snapshot(url: str) -> dict[str, Any]:
    engine = create_engine(url)
    with engine.connect() as conn:
        found = {
            "articles": sorted(conn.execute(select(schema.articles.c.id, schema.articles.c.text)).all()),
            "stories": sorted(conn.execute(select(schema.stories.c.id, schema.stories.c.title, schema.stories.c.articles)).all()),
            "assignments": sorted(conn.execute(select(schema.assignments.c.article_id, schema.assignments.c.story_id)).all()),
            "records": sorted(conn.execute(select(schema.story_records.c.story_id, schema.story_records.c.data)).all()),
            "items": sorted(conn.execute(select(follow_items.c.item, follow_items.c.content, follow_items.c.article_id)).all()),
            "changes": sorted((s, json.loads(d)["counts"]["reports"], json.loads(d)["new_story"])
                              for s, d in conn.execute(select(follow_changes.c.story_id, follow_changes.c.data))),
            "alerts": sorted(conn.execute(select(follow_alerts.c.subject, follow_alerts.c.watchlist)).all()),
        }
    engine.dispose()
    return found


def _publish(site: Any, pages: Any) -> None:
    for feed, numbers in (("/rss", [0, 1, 2]), ("/rss2", [3, 4, 5])):
        for n in numbers:
            site.set(f"/a/{n}.html", pages.article_html("bridge" if n % 2 else "fish", n))
        site.feed(feed, [pages.Item(f"i{n}", site.url(f"/a/{n}.html"), f"R{n}") for n in numbers], etag=f'"{feed}"')


@pytest.fixture(scope="module")
def baseline(module_site: Any, module_receiver: Any, pages: Any,
             tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any], list[str]]:
    """One uninterrupted cycle: its config, its store's snapshot and the alerts it posted."""
    _publish(module_site, pages)
    folder = tmp_path_factory.mktemp("kill")
    config = _config(folder, module_receiver)
    url = f"sqlite:///{folder / 'baseline.db'}"
    done = _watch(module_site, url, config)
    assert done.returncode == 0, done.stderr
    expected = _snapshot(url)
    posts = sorted(p["id"] for p, _ in module_receiver.posts)
    assert expected["articles"] and expected["alerts"] and len(posts) == len(expected["alerts"])
    return config, expected, posts


@pytest.mark.parametrize("kill_after", ["watch-articles"])  # every commit point: the in-process test below
def test_a_watcher_killed_mid_cycle_then_restarted_loses_and_duplicates_nothing(
        module_site: Any, module_receiver: Any, baseline: Any, tmp_path: Path, kill_after: str) -> None:
    config, expected, posts = baseline
    module_receiver.posts.clear()
    url = f"sqlite:///{tmp_path / 'crashed.db'}"
    killed = _watch(module_site, url, config, kill_after)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    again = _watch(module_site, url, config)
    assert again.returncode == 0, again.stderr
    assert _snapshot(url) == expected
    assert sorted(p["id"] for p, _ in module_receiver.posts) == posts  # each alert once


class _Stopped(BaseException):
    """Stands for the SIGKILL in the in-process variant: nothing after the commit point runs."""


@pytest.mark.parametrize("point", ["watch-articles", "watch-source", "analyze-batch", "group", "reconcile-story",
                                   "watch-changes"])
def test_a_cycle_stopped_at_any_commit_point_is_completed_by_the_next(
        module_site: Any, module_receiver: Any, baseline: Any, tmp_path: Path, point: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline import pipeline  # noqa: PLC0415
    from storyline.config import IngestConfig, load_config  # noqa: PLC0415
    from storyline.follow import cycle  # noqa: PLC0415
    from storyline.follow.config import feed_sources, load_watch_config  # noqa: PLC0415
    from storyline.follow.watcher import Watcher  # noqa: PLC0415
    from storyline.store import Store  # noqa: PLC0415

    config_path, expected, posts = baseline
    module_receiver.posts.clear()

    def stop_at(stage: str) -> None:
        if stage == point:
            raise _Stopped(stage)

    settings = load_watch_config(config_path).with_sources(
        feed_sources([module_site.url("/rss"), module_site.url("/rss2")]))
    url = f"sqlite:///{tmp_path / 'stopped.db'}"
    ingest: IngestConfig = load_config(config_path)
    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "checkpoint", stop_at)
        patch.setattr(cycle, "checkpoint", stop_at)
        with pytest.raises(_Stopped):
            Watcher(Store(url), settings, ingest).once()
    report = Watcher(Store(url), settings, ingest).once()
    assert not report.failed
    assert _snapshot(url) == expected
    assert sorted(p["id"] for p, _ in module_receiver.posts) == posts
