"""robots.txt, read once per host and kept for a while (``urllib.robotparser`` rules).

As RFC 9309 says: a robots.txt that answers 4xx (none there) allows everything; one that cannot
be reached or answers 5xx forbids everything until it is asked again (``retry`` seconds later,
shorter than the ``ttl`` of a good answer). Rules are matched for the product token
``storyline``; a ``Crawl-delay`` slows the host's gate (:class:`~storyline.follow.http.HostGate`). Cost: one request per host per ``ttl``; a check is a lookup plus the parser's scan
of that host's rules.
"""

from __future__ import annotations

import threading
import time
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from storyline.follow.http import Fetcher, FetchError

AGENT = "storyline"
#: A Crawl-delay longer than this is taken as this (a feed polled every few minutes needs two
#: requests per host per cycle at least).
MAX_CRAWL_DELAY = 60.0


class Robots:
    """Whether a URL may be fetched, per the robots.txt of its host."""

    def __init__(self, fetcher: Fetcher, ttl: float = 86400.0, retry: float = 600.0) -> None:
        self.fetcher = fetcher
        self.ttl = ttl
        self.retry = retry
        self._rules: dict[str, tuple[float, RobotFileParser | bool]] = {}
        self._lock = threading.Lock()

    def allowed(self, url: str) -> bool:
        """Whether ``url`` may be fetched (reads the host's robots.txt when not known yet)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        with self._lock:
            known = self._rules.get(origin)
        if known is None or known[0] < time.monotonic():
            known = self._load(origin)
            with self._lock:
                self._rules[origin] = known
        rules = known[1]
        return rules if isinstance(rules, bool) else rules.can_fetch(AGENT, url)

    def _load(self, origin: str) -> tuple[float, RobotFileParser | bool]:
        now = time.monotonic()
        try:
            response = self.fetcher.get(f"{origin}/robots.txt")
        except FetchError as error:
            if error.status is not None and 400 <= error.status < 500:
                return now + self.ttl, True
            return now + self.retry, False
        parser = RobotFileParser()
        parser.parse(response.body.decode("utf-8", errors="replace").splitlines())
        delay = parser.crawl_delay(AGENT)
        if delay:
            self.fetcher.gate.slow_down(urlsplit(origin).hostname or "", min(float(delay), MAX_CRAWL_DELAY))
        return now + self.ttl, parser
