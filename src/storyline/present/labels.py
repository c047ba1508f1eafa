"""How everything shown names a report's outlet and language (reports and web app alike).

A story record keeps, as the outlet of a report whose outlet is not known, that report's id, so
that each such report counts as its own voice. What a reader sees is never that id: it is
"outlet not known" with the report's language and what tells the reports apart for a person, the
input file (and line) it came from, else the start of its title ("outlet not known · en ·
000_6845.txt"). Every citation says the language of the report it cites ("elmundo.es · es"),
since cited sentences stay in their own language.
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from pathlib import PurePath
from typing import Any

__all__ = ["UNKNOWN_OUTLET", "citation_label", "entity_order", "outlet_label", "report_date", "report_label",
           "report_title"]

UNKNOWN_OUTLET = "outlet not known"
_TITLE_CHARS = 32
#: Words of an untitled report's text that stand for its title.
_OPENING_WORDS = 8


def citation_label(source: str | None, language: str | None, which: str | None = None) -> str:
    """``"elmundo.es · es"``; ``"outlet not known · fr · crisis.jsonl:12"``; parts left out when
    unknown (``which`` only serves a report without an outlet)."""
    name = " ".join((source or "").split())
    parts = [name or UNKNOWN_OUTLET, language or "", "" if name else (which or "")]
    return " · ".join(part for part in parts if part)


def report_label(article: Any) -> str | None:
    """What tells a report apart for a reader: its input file's name (with the line or record
    inside it), else the start of its title; an Article or a mapping of its fields."""
    get = article.get if isinstance(article, Mapping) else (lambda key: getattr(article, key, None))
    provenance = get("provenance")
    path = provenance.get("path") if isinstance(provenance, Mapping) else getattr(provenance, "path", None)
    if path:
        record = provenance.get("record") if isinstance(provenance, Mapping) else provenance.record
        return PurePath(path).name + (f":{record}" if record is not None else "")
    title = " ".join((get("title") or "").split())
    return (title[:_TITLE_CHARS] + "…" if len(title) > _TITLE_CHARS else title) or None


def report_title(title: str | None, source: str | None, published: str | None,
                 opening: str | None = None, *, with_outlet: bool = True) -> str:
    """What a list of reports shows for one: its title, else (untitled) a readable stand-in made of
    its outlet, its date and the first words of its text ("Le Monde · 2011-02-21 · “Des milliers de
    manifestants…”"), never its id; ``with_outlet=False`` leaves the outlet out (for a citation,
    which names it already)."""
    flat = " ".join((title or "").split())
    if flat:
        return flat
    words = (opening or "").split()
    first = " ".join(words[:_OPENING_WORDS]) + ("…" if len(words) > _OPENING_WORDS else "")
    parts = [" ".join((source or "").split()) or UNKNOWN_OUTLET] if with_outlet else []
    parts += [(published or "")[:10] or "undated", f"“{first}”" if first else "untitled"]
    return " · ".join(parts)


def report_date(published: str | None, inferred: Mapping[str, Any] | None = None) -> str:
    """A report's date as every page and report shows it: its own, else the one inferred for it
    ("2021-02-11 (from its event)"), else "undated"."""
    if published:
        return published
    if inferred and inferred.get("date"):
        return f"{inferred['date']} (from its {inferred.get('from') or 'story'})"
    return "undated"


def outlet_label(outlet: str | None, articles: Mapping[str, Any] | Container[str]) -> str:
    """An outlet of a record as shown: a report id (the stand-in for an unknown outlet) becomes
    "outlet not known", with that report's language and label when ``articles`` maps ids to
    articles."""
    if not outlet:
        return UNKNOWN_OUTLET
    if outlet in articles:
        found = articles[outlet] if isinstance(articles, Mapping) else None
        if found is None:
            return UNKNOWN_OUTLET
        language = found.get("language") if isinstance(found, Mapping) else getattr(found, "language", None)
        which = found.get("which") if isinstance(found, Mapping) else None
        return citation_label(None, language, which or report_label(found))
    return " ".join(outlet.split())


_TYPE_RANK = {"PERSON": 0, "ORG": 1, "GPE": 2, "LOC": 3}


def entity_order(entities: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """People first, then organisations, places; most mentioned first within a type (the web page
    and report.md list a story's entities so, and cut the list there)."""
    return sorted(entities, key=lambda e: (_TYPE_RANK.get(e["type"], 9), -len(e.get("mentions", [])), e["name"]))
