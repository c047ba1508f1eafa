"""Which sentence words each fact: its most central one, never the wording of another fact.

A sentence can state two facts ("Tamarrod, backed by the opposition, says it collected 22
million signatures"): it then supports both, but words only one of them, the larger. The other is
worded by its most central sentence that is neither that sentence nor a near copy of it (a copy
that differs by a spelling, "Tamarrud" for "Tamarrod", or by a quotation mark), else an analyst
reads two facts with the same text. Near copies are found with rapidfuzz's normalised
Levenshtein ratio (:data:`NEAR_COPY`), only between a fact's members and the wordings already
used among them.

Cost: one centrality sum per member (its scored pairs inside the fact, O(m²) for a fact of m
sentences), one string ratio per member and used wording in the same fact.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

__all__ = ["NEAR_COPY", "wording"]

#: Two sentences whose casefolded texts have at least this normalised similarity (0-100) read as
#: one sentence: a spelling of a name, a quotation mark, a digit.
NEAR_COPY = 90.0


def wording(clusters: Sequence[list[int]], scores: dict[tuple[int, int], float],
            texts: Sequence[str]) -> list[int]:
    """Per cluster (a fact's members, indexes into ``texts``), the member that words it. Larger
    facts choose first; a fact whose members are all taken words itself with its best member."""
    folded = [text.casefold() for text in texts]
    chosen: dict[int, int] = {}
    used: set[int] = set()
    for n in sorted(range(len(clusters)), key=lambda n: (-len(clusters[n]), n)):
        members = clusters[n]
        taken = [m for m in members if m in used]
        free = [m for m in members if m not in used
                and not any(fuzz.ratio(folded[m], folded[t]) >= NEAR_COPY for t in taken)] or members
        chosen[n] = max(free, key=lambda m: (_centrality(m, members, scores), -m))
        used.add(chosen[n])
    return [chosen[n] for n in range(len(clusters))]


def _centrality(member: int, members: list[int], scores: dict[tuple[int, int], float]) -> float:
    """How strongly a sentence is tied to the rest of its fact: the sum of its pair scores."""
    return sum(scores.get((min(member, o), max(member, o)), 0.0) for o in members)
