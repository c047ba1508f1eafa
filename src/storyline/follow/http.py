"""Polite HTTP GET with the standard library (``http.client``): one request at a time per host.

- **Conditional GET**: ``If-None-Match`` / ``If-Modified-Since`` from the last answer; a 304 is
  returned as ``not_modified`` with no body.
- **One at a time per host, with a delay**: :class:`HostGate` holds a lock per host and the time
  of its last request; a request waits until ``per_host_delay`` has passed since the previous one
  to that host (its robots.txt ``Crawl-delay`` when longer, up to ``MAX_CRAWL_DELAY``;
  ``Retry-After`` of a 429/503 pushes it further). Different hosts go in parallel.
- **Bounds**: the whole request (connect, headers, body) must finish within ``timeout`` seconds,
  checked between reads, so a host trickling one byte a second is cut off too; a body over
  ``max_bytes`` (declared or read, after gzip) is refused; at most ``max_redirects`` redirects,
  http(s) only, each hop through the gate and, when given, the ``allowed`` check (robots.txt).
- **User-Agent**: ``storyline/<version> (...)``.

Cost: one TCP connection per request (no keep-alive: requests to one host are a delay apart
anyway); memory at most ``max_bytes`` per request in flight.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from storyline.follow.config import FetchLimits

_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 65536


class FetchError(Exception):
    """A request that gave no usable answer; ``status`` when the server answered, ``retry_after``
    in seconds when it said how long to wait."""

    def __init__(self, url: str, problem: str, status: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(f"{url}: {problem}")
        self.url = url
        self.problem = problem
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class Response:
    url: str  # after redirects
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class HostGate:
    """One request at a time per host, ``delay`` seconds apart (thread-safe)."""

    def __init__(self, delay: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.delay = delay
        self._clock = clock
        self._locks: dict[str, threading.Lock] = {}
        self._next: dict[str, float] = {}
        self._delays: dict[str, float] = {}
        self._guard = threading.Lock()

    def lock(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())

    def wait_turn(self, host: str) -> None:
        """Sleep until this host may be asked again (call with the host's lock held)."""
        pause = self._next.get(host, 0.0) - self._clock()
        if pause > 0:
            time.sleep(pause)

    def slow_down(self, host: str, delay: float) -> None:
        """Ask this host no more often than every ``delay`` seconds (robots.txt Crawl-delay)."""
        with self._guard:
            self._delays[host] = max(self.delay, delay)
            self._next[host] = max(self._next.get(host, 0.0), self._clock() + self._delays[host])

    def done(self, host: str, extra: float = 0.0) -> None:
        self._next[host] = self._clock() + max(self._delays.get(host, self.delay), extra)


class Fetcher:
    """GETs under :class:`FetchLimits`, sharing one :class:`HostGate`."""

    def __init__(self, limits: FetchLimits, gate: HostGate | None = None) -> None:
        self.limits = limits
        self.gate = gate or HostGate(limits.per_host_delay)
        self.requests = 0

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            allowed: Callable[[str], bool] | None = None) -> Response:
        """GET ``url``, following redirects; a 2xx or 304 answer.

        Raises:
            FetchError: network error, timeout, refused redirect, robots.txt, size, or a status
                other than 2xx/304.
        """
        headers = {"If-None-Match": etag, "If-Modified-Since": last_modified}
        current = url
        for _hop in range(self.limits.max_redirects + 1):
            if allowed is not None and not allowed(current):
                raise FetchError(current, "forbidden by robots.txt (or, for a page, a private address)")
            response = self._one(current, {k: v for k, v in headers.items() if v})
            if response.status not in _REDIRECTS:
                return _checked(response)
            target = response.headers.get("location")
            if not target:
                raise FetchError(current, f"redirect {response.status} without a Location", response.status)
            current = urljoin(current, target)
            if urlsplit(current).scheme not in ("http", "https"):
                raise FetchError(current, "redirect to a scheme other than http(s)")
            headers = {}  # validators belong to the first URL only
        raise FetchError(url, f"more than {self.limits.max_redirects} redirects")

    def _one(self, url: str, extra: dict[str, str]) -> Response:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(url, "not an http(s) URL")
        host = parts.hostname.lower()
        lock = self.gate.lock(host)
        with lock:
            self.gate.wait_turn(host)
            retry_after = 0.0
            try:
                response = self._request(url, parts, extra)
                retry_after = _retry_after(response.headers) if response.status in (429, 503) else 0.0
                return response
            finally:
                self.requests += 1
                self.gate.done(host, min(retry_after, 3600.0))

    def _request(self, url: str, parts: object, extra: dict[str, str]) -> Response:
        deadline = time.monotonic() + self.limits.timeout
        connection = _connection(parts, self.limits.timeout)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")  # type: ignore[attr-defined]
        try:
            connection.request("GET", path, headers={"User-Agent": self.limits.user_agent, "Accept-Encoding": "gzip",
                                                     "Accept": "*/*", "Connection": "close", **extra})
            answer = connection.getresponse()
            headers = {k.lower(): v for k, v in answer.getheaders()}
            body = b"" if answer.status in (304, *_REDIRECTS) else self._body(url, answer, headers, deadline, connection)
            return Response(url, answer.status, headers, body)
        except (OSError, http.client.HTTPException, ssl.SSLError) as exc:
            problem = "timed out" if isinstance(exc, (socket.timeout, TimeoutError)) else f"{type(exc).__name__}: {exc}"
            raise FetchError(url, problem) from exc
        finally:
            connection.close()

    def _body(self, url: str, answer: http.client.HTTPResponse, headers: dict[str, str], deadline: float,
              connection: http.client.HTTPConnection) -> bytes:
        limit = self.limits.max_bytes
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"body of {int(declared):,} bytes, over the limit of {limit:,}")
        gzipped = headers.get("content-encoding", "").lower() == "gzip"
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzipped else None
        parts: list[bytes] = []
        size = 0
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise FetchError(url, f"timed out after {self.limits.timeout:g} s")
            if connection.sock is not None:
                connection.sock.settimeout(left)
            chunk = answer.read1(_CHUNK) if hasattr(answer, "read1") else answer.read(_CHUNK)
            if not chunk:
                break
            if inflate is not None:
                chunk = inflate.decompress(chunk, limit + 1 - size)
            size += len(chunk)
            if size > limit:
                raise FetchError(url, f"body over the limit of {limit:,} bytes")
            parts.append(chunk)
        return b"".join(parts)


def _connection(parts: object, timeout: float) -> http.client.HTTPConnection:
    host, port = parts.hostname, parts.port  # type: ignore[attr-defined]
    if parts.scheme == "https":  # type: ignore[attr-defined]
        return http.client.HTTPSConnection(host, port, timeout=timeout, context=ssl.create_default_context())
    return http.client.HTTPConnection(host, port, timeout=timeout)


def _checked(response: Response) -> Response:
    if response.status == 304 or 200 <= response.status < 300:
        return response
    retry = _retry_after(response.headers) if response.status in (429, 503) else None
    raise FetchError(response.url, f"HTTP {response.status}", response.status, retry or None)


def _retry_after(headers: dict[str, str]) -> float:
    """Seconds a Retry-After header asks for (a number or an HTTP date); 0 when absent or odd."""
    value = headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError):
        return 0.0
