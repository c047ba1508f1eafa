"""How everything shown names a report's outlet and language (reports and web app alike).

A story record keeps, as the outlet of a report whose outlet is not known, that report's id, so
that each such report counts as its own voice. What a reader sees is never that id: it is
"outlet not known" with the report's language, and every citation says the language of the report
it cites ("elmundo.es · es"), since cited sentences stay in their own language.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from typing import Any

__all__ = ["UNKNOWN_OUTLET", "citation_label", "outlet_label"]

UNKNOWN_OUTLET = "outlet not known"


def citation_label(source: str | None, language: str | None) -> str:
    """``"elmundo.es · es"``; ``"outlet not known · fr"``; the language is left out when unknown."""
    name = " ".join((source or "").split()) or UNKNOWN_OUTLET
    return f"{name} · {language}" if language else name


def outlet_label(outlet: str | None, articles: Mapping[str, Any] | Container[str]) -> str:
    """An outlet of a record as shown: a report id (the stand-in for an unknown outlet) becomes
    "outlet not known", with that report's language when ``articles`` maps ids to articles."""
    if not outlet:
        return UNKNOWN_OUTLET
    if outlet in articles:
        found = articles[outlet] if isinstance(articles, Mapping) else None
        language = found.get("language") if isinstance(found, Mapping) else getattr(found, "language", None)
        return citation_label(None, language)
    return " ".join(outlet.split())
