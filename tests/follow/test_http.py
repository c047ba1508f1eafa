"""Polite fetching against a local server: validators, redirects, limits, timeouts, delays, robots."""

from __future__ import annotations

import gzip
import time
from typing import Any

import pytest

from storyline import __version__
from storyline.follow.config import FetchLimits
from storyline.follow.http import Fetcher, FetchError
from storyline.follow.robots import Robots


def _fetcher(**limits: Any) -> Fetcher:
    return Fetcher(FetchLimits(**{"timeout": 10.0, "per_host_delay": 0.0, **limits}))


def test_conditional_get_sends_the_validators_and_reads_a_304(site: Any) -> None:
    site.set("/feed", "<rss/>", etag='"v1"')
    fetcher = _fetcher()
    first = fetcher.get(site.url("/feed"))
    assert first.status == 200 and first.body == b"<rss/>" and first.headers["etag"] == '"v1"'
    again = fetcher.get(site.url("/feed"), etag='"v1"', last_modified="Wed, 10 Mar 2021 09:00:00 GMT")
    assert again.not_modified and again.body == b""
    headers = site.hits[-1][1]
    assert headers["if-none-match"] == '"v1"' and headers["if-modified-since"].startswith("Wed")
    assert headers["user-agent"].startswith(f"storyline/{__version__}")


def test_redirects_are_followed_and_bounded(site: Any) -> None:
    site.set("/old", status=301, location="/new")
    site.set("/new", "page")
    answer = _fetcher().get(site.url("/old"))
    assert answer.url == site.url("/new") and answer.body == b"page"
    site.set("/loop", status=302, location="/loop")
    with pytest.raises(FetchError, match="more than 3 redirects"):
        _fetcher(max_redirects=3).get(site.url("/loop"))
    assert site.count("/loop") == 4
    site.set("/elsewhere", status=302, location="file:///etc/passwd")
    with pytest.raises(FetchError, match="scheme"):
        _fetcher().get(site.url("/elsewhere"))


def test_bodies_over_the_limit_are_refused_even_when_gzipped(site: Any) -> None:
    site.set("/big", b"x" * 5000)
    with pytest.raises(FetchError, match="over the limit"):
        _fetcher(max_bytes=1000).get(site.url("/big"))
    site.set("/small.gz", gzip.compress(b"<p>small</p>"), headers={"Content-Encoding": "gzip"})
    assert _fetcher(max_bytes=1000).get(site.url("/small.gz")).body == b"<p>small</p>"
    bomb = gzip.compress(b"a" * 200_000)  # 200 kB inflated from a few hundred bytes
    site.set("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    assert len(bomb) < 10_000
    with pytest.raises(FetchError, match="over the limit"):
        _fetcher(max_bytes=10_000).get(site.url("/bomb"))


def test_a_slow_host_times_out_within_the_limit(site: Any) -> None:
    site.set("/slow", "late", delay=5.0)
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        _fetcher(timeout=0.5).get(site.url("/slow"))
    assert time.monotonic() - started < 3.0


def test_requests_to_one_host_are_a_delay_apart(site: Any) -> None:
    site.set("/a", "a")
    fetcher = _fetcher(per_host_delay=0.3)
    started = time.monotonic()
    for _ in range(3):
        fetcher.get(site.url("/a"))
    assert time.monotonic() - started >= 0.6


def test_errors_carry_the_status_and_retry_after(site: Any) -> None:
    site.set("/down", "no", status=500)
    with pytest.raises(FetchError) as caught:
        _fetcher().get(site.url("/down"))
    assert caught.value.status == 500


def test_robots_txt_forbids_a_path_and_is_read_once(site: Any) -> None:
    site.set("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.set("/private/x.html", "secret")
    site.set("/public/x.html", "open")
    fetcher = _fetcher()
    robots = Robots(fetcher)
    assert robots.allowed(site.url("/public/x.html"))
    assert not robots.allowed(site.url("/private/x.html"))
    with pytest.raises(FetchError, match="robots"):
        fetcher.get(site.url("/private/x.html"), allowed=robots.allowed)
    assert site.count("/private/x.html") == 0 and site.count("/robots.txt") == 1


def test_robots_txt_missing_allows_and_unreachable_forbids(site: Any) -> None:
    fetcher = _fetcher()
    assert Robots(fetcher).allowed(site.url("/anything"))  # 404: no rules
    site.set("/robots.txt", "oops", status=503)
    assert not Robots(fetcher).allowed(site.url("/anything"))


def test_a_crawl_delay_in_robots_txt_spaces_the_requests_to_that_host(site: Any) -> None:
    site.set("/robots.txt", "User-agent: storyline\nCrawl-delay: 1\nDisallow: /private/\n", content_type="text/plain")
    site.set("/a", "a")
    fetcher = _fetcher(per_host_delay=0.0)
    robots = Robots(fetcher)
    started = time.monotonic()
    for _ in range(2):
        fetcher.get(site.url("/a"), allowed=robots.allowed)
    assert time.monotonic() - started >= 2.0  # robots.txt, then two pages, each 1 s after the request before
