"""The record of one speaking party, and the fallback that keys a speaker by its spelling alone.

Kept apart from :mod:`storyline.reconcile.speakers` (which decides parties from the story's
entities and reads :mod:`storyline.reconcile.fact_speakers`, itself built on quote merging) so that
:mod:`storyline.reconcile.quote_merge` can key its quotes without an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from storyline.analyze.speaker_names import fold

__all__ = ["Party", "PartyFinder", "Spellings"]


@dataclass(frozen=True, slots=True)
class Party:
    """One speaking party of a story.

    Attributes:
        key: Stable within the story: ``e:<entity id>`` for an entity, ``n:<folded spelling>``
            for a speaker no entity holds.
        name: As shown: the entity's canonical name, else the spelling.
        entity: The entity's id, None for a spelling.
        type: The entity's type, None for a spelling.
    """

    key: str
    name: str
    entity: str | None = None
    type: str | None = None


class PartyFinder(Protocol):
    """What finds a speaker's party (:class:`storyline.reconcile.speakers.Parties`)."""

    def of(self, name: str | None, *, linked: bool = True) -> Party | None: ...


class Spellings:
    """Parties without a story's entities: each name is its own party, keyed by its folded spelling."""

    def of(self, name: str | None, *, linked: bool = True) -> Party | None:
        """The party ``name`` spells, None for no name."""
        if not name or not name.strip():
            return None
        return Party("n:" + fold(" ".join(name.split())), " ".join(name.split()))
