"""One source's new items, fetched (network only; no store writes, so it may run in a thread).

- **Feed or sitemap**: a conditional GET (robots.txt checked); a 304 ends there. Items are
  keyed (:mod:`storyline.follow.feeds`); those unseen, or seen with other content (edited), up
  to ``max_items``, have their linked page fetched and go in as HTML pages, as ``storyline run``
  reads HTML (a public feed's links to private or loopback addresses are not followed). A page that cannot be had falls back to the item's own text when it has some; a
  page refused for good (robots.txt, 4xx, too many redirects) with no fallback is an error that
  marks the item seen; a passing failure (timeout, 5xx) leaves it unseen for the next cycle. A
  sitemap index is followed one level down (at most ``MAX_CHILD_SITEMAPS``).
- **Folder**: every regular, non-hidden file not seen with this size and modification time
  (writers should write under a hidden or ``.part`` name, then rename), read by the same readers
  as ``storyline run``.

Cost: one request per feed (none past its 304), one per new item, one robots.txt per host per
day; memory: the new items' bodies of one source.
"""

from __future__ import annotations

import ipaddress
import os
import zlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from storyline.config import IngestConfig
from storyline.errors import InputError
from storyline.follow.config import Source
from storyline.follow.feeds import Feed, FeedError, FeedItem, digest, feed_links, parse_feed
from storyline.follow.http import Fetcher, FetchError
from storyline.follow.robots import Robots
from storyline.follow.state import FollowState
from storyline.ingest.readers import RawItem
from storyline.ingest.sources import iter_input_files
from storyline.pipeline import read_input_file

MAX_CHILD_SITEMAPS = 10
_PARTIAL_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial")


@dataclass
class Entry:
    """One new item: what to ingest, and whether to mark it seen once stored."""

    key: str
    content: str
    url: str | None
    raws: list[RawItem | InputError]
    published: str | None = None
    retry: bool = False  # a passing failure: leave unseen
    revises: str | None = None  # an edited item: the article its earlier version gave


@dataclass
class Harvest:
    """What polling one source gave."""

    source: Source
    ok: bool = True
    error: str | None = None
    status: int | None = None
    retry_after: float | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    entries: list[Entry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    items_listed: int = 0
    #: items left for a later cycle (passing failures, max_items): the validators are then not
    #: kept, so that the next poll is not answered 304 over them
    incomplete: bool = False


class Collector:
    """Polls sources through one fetcher and robots cache (shared by the cycle's threads)."""

    def __init__(self, fetcher: Fetcher, robots: Robots, state: FollowState, ingest: IngestConfig,
                 max_items: int) -> None:
        self.fetcher = fetcher
        self.robots = robots
        self.state = state
        self.ingest = ingest
        self.max_items = max_items

    def harvest(self, source: Source) -> Harvest:
        """Poll one source; never raises (a failure is the harvest's ``error``)."""
        try:
            if source.kind == "folder":
                return self._folder(source)
            return self._feed(source)
        except FetchError as error:
            return Harvest(source, ok=False, error=str(error), status=error.status, retry_after=error.retry_after)
        except FeedError as error:
            return Harvest(source, ok=False, error=f"{source.location}: {error}")
        except Exception as exc:  # noqa: BLE001  (one source's surprise must not stop the others)
            return Harvest(source, ok=False, error=f"{source.location}: {type(exc).__name__}: {exc}")

    def _feed(self, source: Source) -> Harvest:
        saved = self.state.source(source.key)
        response = self.fetcher.get(source.location, etag=saved.get("etag"), last_modified=saved.get("last_modified"),
                                    allowed=self.robots.allowed)
        harvest = Harvest(source, status=response.status, etag=response.headers.get("etag") or saved.get("etag"),
                          last_modified=response.headers.get("last-modified") or saved.get("last_modified"))
        if response.not_modified:
            harvest.not_modified = True
            return harvest
        try:
            feed = parse_feed(self._plain(response.body), response.url)
        except FeedError as error:
            announced = feed_links(response.body, response.url) if b"<html" in response.body[:4096].lower() else []
            if announced:
                raise FeedError(f"{error}; this HTML page names its feeds: {' '.join(announced)}") from error
            raise
        items = [*feed.items, *self._children(feed, harvest)]
        harvest.items_listed = len(items)
        known = self.state.known(item.key for item in items)
        fresh = [item for item in dict((i.key, i) for i in items).values()
                 if known.get(item.key, ("", None))[0] != item.content]
        for item in fresh[: self.max_items]:
            harvest.entries.append(self._entry(item, feed, source, harvest))
            harvest.entries[-1].revises = known.get(item.key, ("", None))[1]
        harvest.incomplete = len(fresh) > self.max_items or any(e.retry for e in harvest.entries)
        if len(fresh) > self.max_items:
            harvest.problems.append(f"{source.location}: {len(fresh) - self.max_items} more new items left "
                                    "for the next cycle (max_items)")
        return harvest

    def _children(self, feed: Feed, harvest: Harvest) -> list[FeedItem]:
        items: list[FeedItem] = []
        for url in feed.children[:MAX_CHILD_SITEMAPS]:
            try:
                items.extend(parse_feed(self._plain(self.fetcher.get(url, allowed=self.robots.allowed).body), url).items)
            except (FetchError, FeedError) as error:
                harvest.problems.append(f"{url}: {error}")
        return items

    def _plain(self, body: bytes) -> bytes:
        """A gzipped document (``sitemap.xml.gz``) inflated, at most ``max_bytes`` of it.

        Raises:
            FeedError: it inflates past the limit, or is not gzip after all.
        """
        if body[:2] != b"\x1f\x8b":
            return body
        limit = self.fetcher.limits.max_bytes
        try:
            inflated = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body, limit + 1)
        except zlib.error as exc:
            raise FeedError(f"broken gzip: {exc}") from exc
        if len(inflated) > limit:
            raise FeedError(f"inflates to over {limit:,} bytes")
        return inflated

    def _entry(self, item: FeedItem, feed: Feed, source: Source, harvest: Harvest) -> Entry:
        entry = Entry(item.key, item.content, item.link, [], item.published)
        fallback = _fragment(item, feed, source) if item.body.strip() else None
        if item.link is None or _reaches_inside(item.link, source.location):
            problem = "feed item has no link and no text" if item.link is None else \
                "link to a private or loopback address from a public feed: not fetched"
            entry.raws.append(fallback or InputError(item.link or source.location, problem))
            return entry
        def may_fetch(url: str) -> bool:  # every hop: a redirect must not lead inside either
            return not _reaches_inside(url, source.location) and self.robots.allowed(url)

        try:
            page = self.fetcher.get(item.link, allowed=may_fetch)
        except FetchError as error:
            harvest.problems.append(str(error))
            passing = error.status is None and "robots" not in error.problem and "redirect" not in error.problem
            passing = passing or (error.status is not None and error.status >= 500)
            if fallback is not None:
                entry.raws.append(fallback)
            elif passing:
                entry.retry = True
            else:
                entry.raws.append(InputError(item.link, error.problem))
            return entry
        if "html" not in page.headers.get("content-type", "text/html").lower() and fallback is not None:
            entry.raws.append(fallback)
            return entry
        entry.raws.append(RawItem(item.link, None, "html", page.body, {"url": page.url}))
        return entry

    def _folder(self, source: Source) -> Harvest:
        if not os.path.isdir(source.location):
            raise FetchError(source.location, "no such folder")
        harvest = Harvest(source)
        files = []
        for found in iter_input_files([source.location]):
            if isinstance(found, InputError):
                harvest.problems.append(str(found))
            elif not found.path.endswith(_PARTIAL_SUFFIXES):
                files.append((found, _file_key(found.path)))
        harvest.items_listed = len(files)
        known = self.state.known(key for _, key in files)
        fresh = [(found, key) for found, key in files if key not in known]
        for found, key in fresh[: self.max_items]:
            harvest.entries.append(Entry(key, key, None, list(read_input_file(found, self.ingest))))
        return harvest


def _fragment(item: FeedItem, feed: Feed, source: Source) -> RawItem:
    hints = {"title": item.title, "url": item.link, "published": item.published, "source": feed.title,
             "author": item.author}
    return RawItem(source.location, None, "fragment", item.body, {k: v for k, v in hints.items() if v})


def _reaches_inside(link: str, feed: str) -> bool:
    """Whether a link names a private, loopback or link-local address (written as an IP, or
    ``localhost``) while its feed does not: a public feed must not steer requests inside the
    network the watcher runs in. Names that resolve inside are not caught (no lookup here)."""
    return _inside(urlsplit(link).hostname) and not _inside(urlsplit(feed).hostname)


def _inside(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() == "localhost" or host.lower().endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_private or address.is_loopback or address.is_link_local or address.is_unspecified


def _file_key(path: str) -> str:
    try:
        stat = os.stat(path)
    except OSError:
        return digest(path)
    return digest(os.path.abspath(path), str(stat.st_size), str(stat.st_mtime_ns))

