"""Who claims what, keyed by party: a fact's ``claimed_by`` entries of one party made one entry.

:func:`storyline.reconcile.fact_sources.fact_sources` lists the parties a fact's statements are
attributed to, each under the name its attribution gave (the linked entity's canonical name, else
analysis's name for the speaker, else the report's words), a state and its capital already as one.
Here each entry's party is read through the story's :class:`storyline.reconcile.speakers.Parties`,
so that entries of one party ("Gadafi" unlinked in one report, the entity "Muamar el Gadafi" in
another; "Muamar el Gadafi" tagged as an organisation) become one entry: its ``party`` the
party's canonical name, ``entity`` the entity's id (None for an unnamed party), and ``cues``,
``articles``, ``outlets`` and ``names`` the union of theirs. A claim reported by two outlets that
spell its party two ways is one party's claim reported by two outlets.

Cost: linear in the fact's entries (each name decided once per story by ``Parties``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from storyline.reconcile.fact_sources import party_type
from storyline.reconcile.speakers import Parties

__all__ = ["rekey_claims"]

_LISTS = ("cues", "articles", "outlets", "names")


def rekey_claims(claimed_by: Sequence[Mapping[str, Any]], parties: Parties) -> list[dict[str, Any]]:
    """``claimed_by`` (``{"party", "type", "cues", "articles", "outlets", "names"}`` each) with the
    entries of one party merged, each with its ``entity`` id; most outlets first, then most
    reports, then name (the order :func:`~storyline.reconcile.fact_sources.fact_sources` uses)."""
    merged: dict[str, dict[str, Any]] = {}
    for entry in claimed_by:
        party = parties.of(entry.get("party"))
        key = party.key if party else "n:" + str(entry.get("party"))
        into = merged.get(key)
        if into is None:
            into = merged[key] = {**entry, **{name: list(entry.get(name, [])) for name in _LISTS}}
            if party is not None and party.entity is not None:
                into["party"] = party.name
                into["type"] = party_type(party.type)
            into["entity"] = party.entity if party else None
            continue
        for name in _LISTS:
            into[name].extend(v for v in entry.get(name, []) if v not in into[name])
    return sorted(merged.values(), key=lambda p: (-len(p["outlets"]), -len(p["articles"]), p["party"]))
