"""HTML to text: whole pages through trafilatura, feed fragments through lxml."""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html
from lxml import etree

_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
               "section", "article", "header", "footer", "pre", "dd", "dt", "figcaption"}
_DROP_TAGS = ("script", "style", "noscript", "iframe", "object", "embed", "template", "svg")


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """Main text and metadata of one HTML page."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    language: str | None = None


def extract_page(html: str | bytes, url: str | None = None) -> ExtractedPage | None:
    """Main text, title, date, author and site name of a page; None when it has no article text."""
    import trafilatura  # noqa: PLC0415  (heavy; only HTML inputs pay for it)

    # fast=True skips the readability/justext fallbacks: 20% faster, and on the benchmark's dev
    # pages slightly better after our cleaning (F1 0.973 against 0.972), see docs/EVAL.md.
    document = trafilatura.bare_extraction(
        html, url=url, fast=True, with_metadata=True, include_comments=False, include_tables=True,
        deduplicate=False,
    )
    if document is None or not document.text:
        return None
    return ExtractedPage(
        text=document.text,
        title=document.title or None,
        author=document.author or None,
        date=document.date or None,
        sitename=document.sitename or None,
        url=document.url or url,
        language=document.language or None,
    )


def fragment_text(html: str) -> str:
    """Text of an HTML fragment (a feed item's content), one line per block element."""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for bad in root.iter(*_DROP_TAGS):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    return root.text_content()
