"""From a RawItem to a clean Article: extraction, cleaning, metadata, language, id.

``prepare`` is a pure function of its input and config, so the engine may run it in worker
processes; it returns an InputError instead of raising, so one bad item never stops a batch.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from storyline.config import IngestConfig
from storyline.errors import InputError
from storyline.ingest.clean import CleanText, clean_text
from storyline.ingest.dates import date_from_text, date_from_url, parse_date
from storyline.ingest.html import extract_page, fragment_text
from storyline.ingest.readers import RawItem
from storyline.model import ARTICLE_FIELDS, Article, Provenance, content_id

LanguageOf = Callable[[str], str | None]


def prepare(item: RawItem | InputError, *, config: IngestConfig, language_of: LanguageOf) -> Article | InputError:
    """Extract, clean and describe one item; errors come back as values."""
    if isinstance(item, InputError):
        return item
    try:
        return _prepare(item, config, language_of)
    except InputError as error:
        return error
    except Exception as exc:  # noqa: BLE001  (any failure on hostile input is this item's error)
        return InputError(item.path, f"cannot process: {type(exc).__name__}: {exc}", item.record)


def _prepare(item: RawItem, config: IngestConfig, language_of: LanguageOf) -> Article:
    text, found = _extract(item)
    # Cleaning is linear but not cheap: text far past the bound is not cleaned to be cut after.
    text, cut_before = _bounded(text, _CLEAN_SPAN * config.max_text_chars)
    cleaned = clean_text(text, title=found.get("title"), strip_header=item.kind != "html")
    body, truncated = _bounded(cleaned.text, config.max_text_chars)
    truncated = truncated or cut_before or bool(found.get("cut"))
    if len(body.strip()) < config.min_text_chars:
        raise InputError(item.path, "no article text left after extraction and cleaning", item.record)
    url = found.get("url")
    published, published_from = _published(found, cleaned, url, body)
    source, source_from = _source(found, url, item.folder, cleaned)
    language, language_from = _language(found, body, language_of)
    meta: dict[str, Any] = {
        "content_hash": content_id(body), "format": item.kind, "published_from": published_from, "source_from": source_from,
        "language_from": language_from, "authors": list(cleaned.authors or found.get("authors", ())),
        "updated": cleaned.updated, "removed": dict(cleaned.removed), "truncated": truncated,
        "crawled": found.get("crawled"),
        "title_from": "metadata" if found.get("title") else ("text" if cleaned.title else None),
        "title_candidates": list(cleaned.title_candidates),
    }
    given_id = found.get("id")
    return Article(
        id=str(given_id) if given_id not in (None, "") else meta["content_hash"],
        text=body, title=cleaned.title, source=source, url=url, published=published,
        language=language, story=_optional(found.get("story")),
        provenance=Provenance(item.path, item.record),
        meta={k: v for k, v in meta.items() if v not in (None, [], {}, False)},
        extra={k: v for k, v in found.get("extra", {}).items()},
    )


def _extract(item: RawItem) -> tuple[str, dict[str, Any]]:
    """The raw text of an item and what its format says about it."""
    hints = dict(item.hints)
    if item.kind == "html":
        page = extract_page(item.body, hints.get("url"))
        if page is None:
            raise InputError(item.path, "no article text found in the HTML", item.record)
        found = {"title": page.title, "url": page.url or hints.get("url"), "date": page.date,
                 "sitename": page.sitename, "language": page.language,
                 "authors": [page.author] if page.author else [], "crawled": hints.get("crawled"),
                 "cut": page.cut}
        return page.text, found
    body = item.body if isinstance(item.body, str) else item.body.decode("utf-8", errors="replace")
    if item.kind == "fragment":
        body = fragment_text(body)
    if item.kind == "article":
        found = {k: hints.get(k) for k in ARTICLE_FIELDS if k != "text"}
        found["extra"] = {k: v for k, v in hints.items() if k not in ARTICLE_FIELDS and k != "provenance"}
        return body, found
    found = {k: hints.get(k) for k in ("title", "url", "published", "source")}
    found["authors"] = [hints["author"]] if hints.get("author") else []
    return body, found


#: Raw text beyond this many times ``max_text_chars`` is cut before cleaning (cleaning removes
#: furniture lines, never most of a text, so the cut leaves the kept text as it would be).
_CLEAN_SPAN = 2


def _bounded(text: str, max_chars: int) -> tuple[str, bool]:
    if len(text) <= max_chars:
        return text, False
    cut = text.rfind("\n\n", 0, max_chars)
    return text[: cut if cut > max_chars // 2 else max_chars], True


def _published(found: Mapping[str, Any], cleaned: CleanText, url: str | None, body: str) -> tuple[str | None, str | None]:
    given = _optional(found.get("published"))
    if given:
        return given, "metadata"
    candidates = [
        (parse_date(found.get("date")), "metadata"), (cleaned.published, cleaned.published_from),
        (date_from_url(url), "url"), (date_from_text(body), "text"),
    ]
    for value, origin in candidates:
        if value:
            return value, origin
    return None, None


def _source(found: Mapping[str, Any], url: str | None, folder: str | None,
            cleaned: CleanText) -> tuple[str | None, str | None]:
    """What the input says (source field, site name, URL host, folder), else what the page's own
    lines name (site line, copyright, credit, agency: ``source_from`` "text:<kind>")."""
    for value, origin in ((found.get("source"), "metadata"), (found.get("sitename"), "metadata")):
        if _optional(value):
            return str(value), origin
    host = urlsplit(url).hostname if url else None
    if host:
        return host.removeprefix("www."), "url"
    if folder:
        return folder, "folder"
    if cleaned.outlet:
        return cleaned.outlet, f"text:{cleaned.outlet_from}"
    return None, None


def _language(found: Mapping[str, Any], body: str, language_of: LanguageOf) -> tuple[str | None, str | None]:
    given = _optional(found.get("language"))
    if given:
        return given.lower()[:2] if len(given) > 3 and given[2] in "-_" else given.lower(), "metadata"
    detected = language_of(body)
    return (detected, "detected") if detected else (None, None)


def _optional(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def text_from_html(html: str | bytes, url: str | None = None) -> str:
    """The cleaned article text of one HTML page, as ingest stores it ("" when there is none)."""
    page = extract_page(html, url)
    return clean_text(page.text, title=page.title, strip_header=False).text if page else ""
