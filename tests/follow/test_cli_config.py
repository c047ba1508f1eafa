"""`storyline watch` on the command line, and its TOML config."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from storyline.cli import app
from storyline.errors import ConfigError
from storyline.follow.config import ALERT_KINDS, USER_AGENT, load_watch_config, parse_watch_config


def _cli(*args: str) -> Result:
    return CliRunner().invoke(app, ["watch", *args])


def test_watch_once_reads_a_feed_and_exits_0(site: Any, pages: Any, tmp_path: Path) -> None:
    site.set("/a/1.html", pages.article_html("fish", 1))
    site.feed("/rss", [pages.Item("i1", site.url("/a/1.html"), "R1")])
    config = tmp_path / "w.toml"
    config.write_text('[watch]\nper_host_delay = 0\n[ingest]\nlanguages = ["en"]\n', encoding="utf-8")
    result = _cli(site.url("/rss"), "--db", str(tmp_path / "s.db"), "--once", "--config", str(config))
    assert result.exit_code == 0, result.output
    assert "1/1 sources read" in result.output and "1 stored" in result.output


def test_watch_once_exits_1_when_nothing_could_be_read(site: Any, tmp_path: Path) -> None:
    site.set("/down", "no", status=500)
    result = _cli(site.url("/down"), site.url("/missing"), "--db", str(tmp_path / "s.db"), "--once")
    assert result.exit_code == 1
    assert "HTTP 500" in result.output and "HTTP 404" in result.output
    assert "nothing could be read from any source" in result.output


@pytest.mark.parametrize("args, message", [
    ([], "nothing to watch"),
    (["ftp://example.org/feed"], "not an http(s) URL"),
])
def test_watch_refuses_what_it_cannot_follow(args: list[str], message: str, tmp_path: Path) -> None:
    result = _cli(*args, "--db", str(tmp_path / "s.db"), "--once")
    assert result.exit_code == 1 and message in result.output


def test_a_full_config_file(tmp_path: Path) -> None:
    path = tmp_path / "w.toml"
    path.write_text("""
[watch]
interval = 300
per_host_delay = 2.5
max_items = 50
[[feeds]]
url = "https://news.example/rss"
interval = 60
[[sitemaps]]
url = "https://news.example/sitemap.xml"
[[folders]]
path = "/data/drop"
[alerts]
webhook = "https://hooks.example/x"
max_per_hour = 5
smtp = { host = "mail.example", sender = "a@example", to = "b@example" }
[[watchlists]]
name = "turkey"
entities = ["Mevlut Cavusoglu"]
words = "S-400"
kinds = ["quote"]
""", encoding="utf-8")
    config = load_watch_config(path)
    assert [(s.kind, s.interval) for s in config.sources] == [("feed", 60.0), ("sitemap", 300.0), ("folder", 300.0)]
    assert config.limits.per_host_delay == 2.5 and config.limits.user_agent == USER_AGENT and config.max_items == 50
    assert config.alerts.webhook == "https://hooks.example/x" and config.alerts.max_per_hour == 5
    assert config.alerts.smtp is not None and config.alerts.smtp.to == ("b@example",)
    (watch,) = config.watchlists
    assert watch.words == ("S-400",) and watch.kinds == ("quote",)
    assert parse_watch_config({"watchlists": [{"name": "x"}]}).watchlists[0].kinds == ALERT_KINDS


@pytest.mark.parametrize("data, message", [
    ({"feed": []}, "unknown section"),
    ({"feeds": [{"url": "file:///etc/passwd"}]}, "not an http"),
    ({"feeds": [{}]}, "needs a 'url'"),
    ({"watch": {"timeout": 0}}, "timeout must be a number"),
    ({"watch": {"interval": "often"}}, "interval must be a number"),
    ({"watchlists": [{"name": "x", "kinds": ["weather"]}]}, "unknown kinds"),
    ({"watchlists": [{"entities": ["A"]}]}, "needs a 'name'"),
    ({"alerts": {"smtp": {"host": "h"}}}, "alerts.smtp needs"),
])
def test_config_errors_name_the_key(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_watch_config(data)
