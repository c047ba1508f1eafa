"""What keeps the web app safe with hostile article text: headers, body limits, tokens, links.

* Every response carries a Content-Security-Policy that allows scripts, styles and images from the
  app itself only (no inline script, no ``javascript:`` URL, no CDN), and headers against sniffing,
  framing and leaking article URLs through the referrer.
* Request bodies are limited (:class:`BodyLimit`), whether or not the client sends a length.
* Endpoints that change data need the token of :func:`load_token`; with none configured the app is
  read-only and they answer 403.
* Links to an article's original URL are made only for ``http``/``https`` URLs (:func:`safe_url`).
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.errors import ConfigError

#: Environment variables that configure the write token (the value, or a file holding it).
TOKEN_ENV = "STORYLINE_API_TOKEN"
TOKEN_FILE_ENV = "STORYLINE_API_TOKEN_FILE"
TOKEN_HEADER = "x-storyline-token"

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


def load_token(environ: Mapping[str, str] | None = None) -> str | None:
    """The write token: ``STORYLINE_API_TOKEN``, else the first line of ``STORYLINE_API_TOKEN_FILE``.

    Raises:
        ConfigError: the token file is named but cannot be read, or it is empty.
    """
    environ = os.environ if environ is None else environ
    value = (environ.get(TOKEN_ENV) or "").strip()
    if value:
        return value
    path = (environ.get(TOKEN_FILE_ENV) or "").strip()
    if not path:
        return None
    try:
        lines = Path(path).read_text(encoding="utf-8").strip().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{TOKEN_FILE_ENV}={path!r}: cannot read the token file: {exc}") from exc
    if not lines or not lines[0].strip():
        raise ConfigError(f"{TOKEN_FILE_ENV}={path!r}: the token file is empty; write the token on its first line")
    return lines[0].strip()


def token_matches(expected: str | None, given: str | None) -> bool:
    """Whether ``given`` is the configured token (constant-time); always False when read-only."""
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.strip().encode("utf-8"))


def request_token(request: Request) -> str | None:
    """The token a request carries: ``Authorization: Bearer …`` or the ``X-Storyline-Token`` header."""
    authorization = request.headers.get("authorization", "")
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get(TOKEN_HEADER)


def check_token(expected: str | None, given: str | None) -> None:
    """Refuse a change of data unless the right token came with it.

    Raises:
        HTTPException: 403, read-only (no token configured) or a missing or wrong token.
    """
    if not expected:
        raise HTTPException(status_code=403, detail=f"read-only: this server has no write token ({TOKEN_ENV} "
                                                    f"or {TOKEN_FILE_ENV} unset)")
    if not token_matches(expected, given):
        raise HTTPException(status_code=403, detail="a valid write token is required (Authorization: Bearer …)")


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) URL, else None (no ``javascript:``, ``data:``, relative)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c in url for c in "\n\r\t\x00 "):
        return None
    return url


class RequestTooLarge(HTTPException):
    """A request body went over the limit (413)."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=f"request body over the limit of {limit} bytes")


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``max_bytes`` (413), by header and by count."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", ())).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await _refuse(send, self.max_bytes)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise RequestTooLarge(self.max_bytes)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except RequestTooLarge:
            if started:
                raise
            await _refuse(send, self.max_bytes)


async def _refuse(send: Send, limit: int) -> None:
    body = f'{{"detail":"request body over the limit of {limit} bytes"}}'.encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close"), *SECURITY_HEADERS]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """ASGI middleware: add :data:`SECURITY_HEADERS` to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", ())}
                message["headers"] = [*message.get("headers", ()),
                                      *(h for h in SECURITY_HEADERS if h[0] not in present)]
            await send(message)

        await self.app(scope, receive, with_headers)
