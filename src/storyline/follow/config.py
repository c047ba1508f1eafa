"""What ``storyline watch`` follows and how: sources, schedules, fetch limits, watchlists, alerts.

Built from the command line (feed URLs) or a TOML file, validated once when built (a wrong value
is a :class:`~storyline.errors.ConfigError` naming the key). Cost: linear in the file.

TOML layout (every section optional; a file needs at least one source)::

    [watch]                      # defaults of every source and of fetching
    interval = 600               # seconds between two polls of one source
    per_host_delay = 1.0         # seconds between two requests to one host
    timeout = 20                 # seconds for one whole request (connect + body)
    max_bytes = 5000000          # largest body read (feed, sitemap or page)
    max_redirects = 5
    max_items = 200              # new items taken from one source per cycle
    backoff_max = 3600           # longest wait after repeated failures

    [[feeds]]     url = "https://example.org/rss"   interval = 300   # interval optional
    [[sitemaps]]  url = "https://example.org/news-sitemap.xml"
    [[folders]]   path = "/data/drop"              # files (HTML, JSONL, WARC...) landing there

    [alerts]
    webhook = "https://hooks.example.org/storyline"   # JSON POST per alert
    max_per_hour = 30                                  # per watchlist and target
    smtp = { host = "localhost", port = 25, sender = "a@b", to = ["c@d"] }

    [[watchlists]]
    name = "s400"
    entities = ["Mevlut Cavusoglu"]    # any spelling the stories settled on
    words = ["S-400"]                  # whole words, accents and case folded
    outlets = ["reuters.com"]
    languages = ["en", "tr"]
    kinds = ["story", "event", "contradiction", "quote"]   # default: all four
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from storyline import __version__
from storyline.errors import ConfigError

USER_AGENT = f"storyline/{__version__} (news follower; obeys robots.txt)"
ALERT_KINDS = ("story", "event", "contradiction", "quote")


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How politely and how far one request may go."""

    timeout: float = 20.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    per_host_delay: float = 1.0
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True)
class Source:
    """One followed source. ``kind``: feed, sitemap or folder; ``location``: URL or path."""

    kind: str
    location: str
    interval: float = 600.0

    @property
    def key(self) -> str:
        """The source's stable key in the store."""
        return f"{self.kind}:{self.location}"[:1000]


@dataclass(frozen=True, slots=True)
class Watchlist:
    """A saved search; an empty criterion does not filter."""

    name: str
    entities: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ALERT_KINDS


@dataclass(frozen=True, slots=True)
class SmtpTarget:
    host: str
    sender: str
    to: tuple[str, ...]
    port: int = 25


@dataclass(frozen=True, slots=True)
class AlertTargets:
    webhook: str | None = None
    max_per_hour: int = 30
    smtp: SmtpTarget | None = None


@dataclass(frozen=True, slots=True)
class WatchConfig:
    """Everything a watcher needs."""

    sources: tuple[Source, ...]
    limits: FetchLimits = field(default_factory=FetchLimits)
    max_items: int = 200
    backoff_max: float = 3600.0
    watchlists: tuple[Watchlist, ...] = ()
    alerts: AlertTargets = field(default_factory=AlertTargets)

    def with_sources(self, extra: list[Source]) -> WatchConfig:
        return replace(self, sources=(*self.sources, *extra))


def feed_sources(urls: list[str], interval: float = 600.0) -> list[Source]:
    """Feed sources from command-line URLs.

    Raises:
        ConfigError: a URL is not http(s).
    """
    return [Source("feed", _http_url(url, "FEED_URL"), interval) for url in urls]


def load_watch_config(path: Path | None) -> WatchConfig:
    """The config of a TOML file, or one with no sources when ``path`` is None.

    Raises:
        ConfigError: unreadable, not TOML, or a value of the wrong kind.
    """
    if path is None:
        return WatchConfig(sources=())
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read watch config: {exc}") from exc
    return parse_watch_config(data, str(path))


def parse_watch_config(data: dict[str, Any], where: str = "config") -> WatchConfig:
    """The config of parsed TOML (see the module docstring)."""
    known = {"watch", "feeds", "sitemaps", "folders", "alerts", "watchlists", "ingest"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown section(s) {unknown}; known: {sorted(known)}")
    watch = _table(data, "watch", where)
    interval = _number(watch, "interval", 600.0, where)
    limits = FetchLimits(timeout=_number(watch, "timeout", 20.0, where),
                         max_bytes=int(_number(watch, "max_bytes", 5_000_000, where)),
                         max_redirects=int(_number(watch, "max_redirects", 5, where, minimum=0)),
                         per_host_delay=_number(watch, "per_host_delay", 1.0, where, minimum=0),
                         user_agent=str(watch.get("user_agent", USER_AGENT)))
    sources = [*_sources(data, "feeds", "url", interval, where), *_sources(data, "sitemaps", "url", interval, where),
               *_sources(data, "folders", "path", interval, where)]
    return WatchConfig(sources=tuple(sources), limits=limits,
                       max_items=int(_number(watch, "max_items", 200, where)),
                       backoff_max=_number(watch, "backoff_max", 3600.0, where),
                       watchlists=tuple(_watchlist(w, where) for w in _list(data, "watchlists", where)),
                       alerts=_alerts(_table(data, "alerts", where), where))


def _sources(data: dict[str, Any], section: str, key: str, interval: float, where: str) -> list[Source]:
    kind = {"feeds": "feed", "sitemaps": "sitemap", "folders": "folder"}[section]
    found = []
    for entry in _list(data, section, where):
        value = entry.get(key)
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{where}: every [[{section}]] needs a {key!r} string")
        location = value if kind == "folder" else _http_url(value, f"{section}.{key}")
        found.append(Source(kind, location, _number(entry, "interval", interval, where)))
    return found


def _watchlist(entry: dict[str, Any], where: str) -> Watchlist:
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{where}: every [[watchlists]] needs a 'name'")
    lists = {k: _strings(entry, k, where) for k in ("entities", "words", "outlets", "languages", "kinds")}
    kinds = lists.pop("kinds") or ALERT_KINDS
    wrong = sorted(set(kinds) - set(ALERT_KINDS))
    if wrong:
        raise ConfigError(f"{where}: watchlist {name!r}: unknown kinds {wrong}; known: {list(ALERT_KINDS)}")
    return Watchlist(name=name.strip(), kinds=kinds, **lists)


def _alerts(table: dict[str, Any], where: str) -> AlertTargets:
    webhook = table.get("webhook")
    smtp = table.get("smtp")
    target = None
    if smtp is not None:
        if not isinstance(smtp, dict) or not smtp.get("host") or not smtp.get("sender") or not smtp.get("to"):
            raise ConfigError(f"{where}: alerts.smtp needs host, sender and to")
        to = (smtp["to"],) if isinstance(smtp["to"], str) else tuple(str(t) for t in smtp["to"])
        target = SmtpTarget(str(smtp["host"]), str(smtp["sender"]), to, int(smtp.get("port", 25)))
    return AlertTargets(webhook=_http_url(webhook, "alerts.webhook") if webhook else None,
                        max_per_hour=int(_number(table, "max_per_hour", 30, where)), smtp=target)


def _http_url(value: Any, name: str) -> str:
    parts = urlsplit(str(value))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{name}: {value!r} is not an http(s) URL")
    return str(value)


def _table(data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: [{key}] must be a table")
    return value


def _list(data: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ConfigError(f"{where}: {key} must be an array of tables ([[{key}]])")
    return value


def _strings(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key} must be a list of strings")
    return tuple(v for v in value if v.strip())


def _number(table: dict[str, Any], key: str, default: float, where: str, minimum: float = 1e-3) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
        raise ConfigError(f"{where}: {key} must be a number >= {minimum:g}, got {value!r}")
    return float(value)
