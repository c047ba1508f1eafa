"""One type per name in a report (rule 6 of :mod:`storyline.analyze.entity_rules`).

An acronym the report defines takes the type of its definition everywhere; a name the report puts
right after an office or honorific somewhere is a person everywhere; a lone word that ends a
multi-word PERSON of the report is that person; otherwise each name takes its commonest type
among its mentions (ties keep each mention's own). Cost: linear in the mentions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from storyline.analyze.ner_lexicon import places
from storyline.model import Mention

__all__ = ["VOTED", "consistent_types"]

#: Types a document-level vote may change (the rest come from rules, not the model's guess).
VOTED = frozenset({"PERSON", "ORG", "GPE", "LOC"})


def consistent_types(text: str, mentions: list[Mention], cued: frozenset[str] | set[str] = frozenset(),
                     defined: Mapping[str, str] | None = None) -> list[Mention]:
    """Rule 5: one type per name in a report. An acronym the report defines takes the type of
    its definition everywhere (``defined``: "Consiglio nazionale transitorio (Cnt)"); a name the
    report puts right after an office or honorific somewhere (``cued``: "il colonnello Muammar
    Gheddafi") is a person everywhere in it, whatever the model guessed elsewhere; a lone word that ends a multi-word PERSON of the
    report is that person ("Kadhafi" after "Mouammar Kadhafi"); otherwise each name takes its
    commonest type among its mentions (ties keep each mention's own). Cost: linear."""
    surfaces = [text[m.span.start:m.span.end] for m in mentions]
    surnames = {s.split()[-1] for s, m in zip(surfaces, mentions)
                if (m.type == "PERSON" or s in cued) and len(s.split()) > 1}
    votes: dict[str, Counter[str]] = {}
    for surface, mention in zip(surfaces, mentions):
        if mention.type in VOTED:
            votes.setdefault(surface, Counter())[mention.type] += 1
    winners = {surface: _winner(counts) for surface, counts in votes.items()}  # once per name
    out = []
    for surface, mention in zip(surfaces, mentions):
        kind = mention.type
        if kind in VOTED:
            if defined and surface in defined:
                kind = defined[surface]
            elif surface in cued or (surface in surnames and " " not in surface and surface.lower() not in places()):
                kind = "PERSON"
            else:
                kind = winners[surface] or kind
        out.append(mention if kind == mention.type else Mention(mention.span, kind, mention.entity))
    return out


def _winner(counts: Counter[str]) -> str | None:
    """The commonest type of a name, or None on a tie (then each mention keeps its own)."""
    ranked = counts.most_common(2)
    return ranked[0][0] if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else None
