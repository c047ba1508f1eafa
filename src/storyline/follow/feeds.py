"""RSS 2.0, RSS 1.0 (RDF), Atom and sitemaps, parsed safely with lxml.

Safety: a document whose prolog declares entities (``<!ENTITY``: billion laughs, external
entities) is refused before parsing; the parser itself resolves no entity, loads no DTD, reads
nothing from the network and refuses huge trees. Bodies are bounded upstream (the fetcher's
``max_bytes``). Elements are matched by local name, so the RSS, RDF and Atom namespaces (and
feeds that get them wrong) read alike.

An item's identity (:attr:`FeedItem.key`): its guid or Atom id when it has one (scoped by the
feed when the guid is not a URL), else its link, else its title and text; its ``content`` hash
covers title, link and text, so an edited item keeps its key and changes its hash. Cost: one
parse of the document, linear in its size.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from lxml import etree

_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False,
                   "remove_pis": True, "recover": False}
_PROLOG_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ROOT_START = re.compile(rb"<[A-Za-z_]")


class FeedError(ValueError):
    """A document that is not a readable feed or sitemap."""


@dataclass(frozen=True, slots=True)
class FeedItem:
    key: str
    content: str
    link: str | None
    title: str | None
    body: str
    published: str | None
    author: str | None = None


@dataclass(frozen=True, slots=True)
class Feed:
    title: str | None
    items: list[FeedItem]
    #: sitemap indexes only: the sitemaps they list
    children: tuple[str, ...] = ()


def digest(*parts: str | None) -> str:
    """A short stable hash of some strings."""
    return hashlib.sha256("\x1f".join(p or "" for p in parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def parse_xml(data: bytes) -> etree._Element:
    """The root of an XML document, refusing entity declarations.

    Raises:
        FeedError: entities declared, or not well-formed XML.
    """
    start = _ROOT_START.search(data)
    prolog = data[: start.start() if start else len(data)]
    if _PROLOG_ENTITY.search(prolog):
        raise FeedError("the document declares XML entities; refused")
    try:
        root = etree.fromstring(data, etree.XMLParser(**_PARSER_OPTIONS))
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise FeedError(f"not XML: {str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__}") from exc
    if root is None:
        raise FeedError("empty XML document")
    return root


def parse_feed(data: bytes, base_url: str) -> Feed:
    """The items of an RSS/RDF/Atom feed or of a sitemap (urlset or sitemapindex).

    Raises:
        FeedError: not XML, or XML that is neither a feed nor a sitemap.
    """
    root = parse_xml(data)
    kind = _local(root)
    if kind in ("urlset", "sitemapindex"):
        return _sitemap(root, base_url)
    if kind not in ("rss", "RDF", "feed", "channel"):
        raise FeedError(f"not an RSS or Atom feed (root element <{kind}>)")
    entries = [e for e in root.iter() if isinstance(e.tag, str) and _local(e) in ("item", "entry")]
    channel = _child(root, "channel")
    title = _text(_child(channel if channel is not None else root, "title"))
    return Feed(title or None, [_item(e, base_url) for e in entries])


def feed_links(data: bytes, base_url: str) -> list[str]:
    """The feeds an HTML page announces (``<link rel="alternate" type="application/rss+xml">``
    or Atom), absolute; [] when it is not HTML or names none."""
    import lxml.html  # noqa: PLC0415

    try:
        root = lxml.html.document_fromstring(data)
    except (etree.ParserError, ValueError):
        return []
    found = []
    for link in root.iter("link"):
        kind = (link.get("type") or "").lower()
        if "alternate" in (link.get("rel") or "").lower().split() and kind in FEED_TYPES and link.get("href"):
            found.append(urljoin(base_url, link.get("href", "").strip()))
    return list(dict.fromkeys(found))[:10]


FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")


def _item(entry: etree._Element, base_url: str) -> FeedItem:
    link = _link(entry, base_url)
    guid = _text(_child(entry, "guid")) or _text(_child(entry, "id")) or entry.get(
        "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about") or ""
    title = _text(_child(entry, "title")) or None
    body = _body(entry)
    if guid:
        key = digest(guid) if guid.startswith(("http://", "https://")) else digest(base_url, guid)
    else:
        key = digest(link) if link else digest(base_url, title, body)
    return FeedItem(key=key, content=digest(title, link, body), link=link, title=title, body=body,
                    published=_date(entry), author=_author(entry))


def _link(entry: etree._Element, base_url: str) -> str | None:
    for child in entry:
        if not isinstance(child.tag, str) or _local(child) != "link":
            continue
        href = child.get("href")
        if href is not None and child.get("rel", "alternate") == "alternate":
            return urljoin(base_url, href.strip())
        if href is None and (child.text or "").strip():
            return urljoin(base_url, child.text.strip())
    guid = _child(entry, "guid")
    if guid is not None and guid.get("isPermaLink", "true") == "true" and _text(guid).startswith("http"):
        return _text(guid)
    return None


def _body(entry: etree._Element) -> str:
    """The longest of content:encoded, content, description and summary (HTML or text)."""
    found = []
    for child in entry:
        if isinstance(child.tag, str) and _local(child) in ("encoded", "content", "description", "summary"):
            if child.get("type") == "xhtml":
                found.append("".join(etree.tostring(c, encoding="unicode") for c in child))
            else:
                found.append(child.text or "")
    return max(found, key=len) if found else ""


def _date(entry: etree._Element) -> str | None:
    for name in ("published", "pubDate", "date", "issued", "updated", "modified", "publication_date", "lastmod"):
        value = _text(_descendant(entry, name))
        if value:
            parsed = _parse_date(value)
            if parsed:
                return parsed
    return None


def _parse_date(value: str) -> str | None:
    """ISO 8601 (UTC when zoned) of an RFC 822 or ISO date; None when neither."""
    when: dt.datetime | None = None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        try:
            when = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    if when is None:
        return None
    if when.tzinfo is not None:
        return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return when.strftime("%Y-%m-%dT%H:%M:%S")


def _author(entry: etree._Element) -> str | None:
    author = _child(entry, "author")
    if author is not None:
        return _text(_child(author, "name")) or _text(author) or None
    return _text(_child(entry, "creator")) or None


def _sitemap(root: etree._Element, base_url: str) -> Feed:
    children = []
    items = []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        loc = _text(_child(node, "loc"))
        if not loc:
            continue
        url = urljoin(base_url, loc)
        if _local(node) == "sitemap":
            children.append(url)
            continue
        title = _text(_descendant(node, "title")) or None
        stamp = _text(_descendant(node, "lastmod")) or _text(_descendant(node, "publication_date"))
        items.append(FeedItem(key=digest(url), content=digest(url, stamp), link=url, title=title, body="",
                              published=_date(node)))
    return Feed(None, items, tuple(children))


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _child(element: etree._Element | None, name: str) -> etree._Element | None:
    if element is None:
        return None
    for child in element:
        if isinstance(child.tag, str) and _local(child) == name:
            return child
    return None


def _descendant(element: etree._Element, name: str) -> etree._Element | None:
    for child in element.iter():
        if child is not element and isinstance(child.tag, str) and _local(child) == name:
            return child
    return None


def _text(element: etree._Element | None) -> str:
    return "" if element is None else "".join(element.itertext()).strip()
