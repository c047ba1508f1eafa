"""What the store accepts, checked the same way on every backend before anything is written.

SQLite stores any string in any column; PostgreSQL refuses a NUL character, a string longer than
its ``VARCHAR(n)`` and (through the driver) a lone surrogate, and a refused row used to abort a
whole batch there. So every article is checked here against the schema's own lengths: an article
that would not fit becomes one error line for its record, on SQLite too, and the rest of the batch
is stored. Free text that must be kept whatever it holds (an error message, a file path made of
undecodable bytes) is escaped instead (:func:`safe_text`). Lookups use :func:`matchable`: a
value no row can hold matches nothing, and is never sent to the database.

Cost: one pass over each string field of an article (``str.isascii`` answers most at C speed).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import String

from storyline.model import Article
from storyline.store import schema

#: Article fields checked for NUL and surrogates (the text included).
_TEXT_FIELDS = ("id", "text", "title", "source", "url", "published", "language", "story")


def _lengths() -> dict[str, int]:
    return {column.name: column.type.length for column in schema.articles.columns
            if isinstance(column.type, String) and column.type.length}


#: Column → the longest string it holds, read from the schema (id 128, source 512, …).
ARTICLE_LIMITS = _lengths()


def is_clean(value: str) -> bool:
    """No NUL and no lone surrogate: a string every backend can store as it is."""
    if "\x00" in value:
        return False
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def matchable(value: str | None, limit: int | None = None) -> bool:
    """Whether a looked-up value could be stored at all (else it matches no row)."""
    return value is None or (is_clean(value) and (limit is None or len(value) <= limit))


def safe_text(value: str) -> str:
    """``value`` with NUL and lone surrogates written as backslash escapes (``\\x00``, ``\\udcff``)."""
    if is_clean(value):
        return value
    return value.replace("\x00", "\\x00").encode("utf-8", "backslashreplace").decode("utf-8")


def article_problem(article: Article) -> str | None:
    """Why the store cannot hold this article as it is, or None."""
    if not article.id:
        return "article has an empty id"
    for name in _TEXT_FIELDS:
        value = getattr(article, name)
        if value is None:
            continue
        if "\x00" in value:
            return f"field {name!r} holds a NUL character"
        if not is_clean(value):
            return f"field {name!r} holds a lone surrogate (\\ud800-\\udfff), not Unicode text"
        limit = ARTICLE_LIMITS.get(name)
        if limit and len(value) > limit:
            return f"field {name!r} is {len(value):,} characters, over the store's limit of {limit}"
    for name in ("meta", "extra"):
        problem = _json_problem(name, getattr(article, name))
        if problem:
            return problem
    return None


def _json_problem(name: str, value: Any) -> str | None:
    try:
        encoded = json.dumps(dict(value), ensure_ascii=False, default=str)
    except (TypeError, ValueError, RecursionError) as exc:
        return f"field {name!r} cannot be written as JSON: {type(exc).__name__}"
    if not is_clean(encoded):  # json.dumps escapes NUL; a lone surrogate stays raw
        return f"field {name!r} holds a lone surrogate (\\ud800-\\udfff), not Unicode text"
    return None
