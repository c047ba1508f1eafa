"""Entity mentions of a report written in a script without letter case (Arabic, Chinese, Japanese).

The recognisers read capitals, which these scripts do not have: on such a report they find nothing
(Arabic) or noise. Instead the names storyline has tables for are looked up
(:func:`storyline.lang.caseless.find_names`): countries and towns (CLDR, GeoNames) as GPE, and the
international bodies of the packs' ``resolution.toml`` ``org_aliases`` written in such a script
("الأمم المتحدة", "北约") as ORG. People are not found here: their names are words of the
language. In Arabic script, entity resolution finds them later through the Latin spellings of
the report's story (:mod:`storyline.reconcile.abjad_names`); in Han script they stay a gap.

Cost: linear in the text (see :mod:`storyline.lang.caseless`); the town table is read once per
process, the first time such a report comes.
"""

from __future__ import annotations

from functools import lru_cache

from storyline.lang import available, pack
from storyline.lang.caseless import caseless_share, find_names, find_places, is_caseless
from storyline.lang.places import fold_place
from storyline.model import Mention, Span

__all__ = ["CASELESS_SHARE", "caseless_mentions", "is_caseless_report"]

#: A report whose letters are at least this share caseless is tagged by lookup.
CASELESS_SHARE = 0.5


def is_caseless_report(text: str) -> bool:
    """Whether most of the report's letters are in a script without case."""
    return caseless_share(text) >= CASELESS_SHARE


def caseless_mentions(text: str) -> list[Mention]:
    """The places (GPE) and international bodies (ORG) named in ``text``, in text order; where a
    body's name holds a place ("مجلس الأمن", no; "حلف شمال الأطلسي"), the body wins."""
    bodies = [Mention(Span(start, end), "ORG") for start, end, _ in find_names(text, _body)]
    places = [Mention(Span(start, end), "GPE") for start, end, _ in find_places(text)
              if not any(b.span.start < end and start < b.span.end for b in bodies)]
    return sorted(bodies + places, key=lambda m: m.span.start)


def _body(name: str) -> bool | None:
    return True if fold_place(name) in _bodies() else None


@lru_cache(maxsize=1)
def _bodies() -> frozenset[str]:
    """The packs' names of international bodies that are written in a caseless script."""
    return frozenset(fold_place(name) for code in available()
                     for name in pack(code).topic("resolution").get("org_aliases", {})
                     if any(map(is_caseless, name)))
