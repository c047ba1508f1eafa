"""Value clashes between sentences: two sentences that give different values for one slot are
never one fact's agreeing support.

A fact "established by N outlets" must not hold "17 people were killed in Misrata" and "5 people
were killed in Misrata" as one statement: the outlets disagree. Fact clustering
(:mod:`storyline.reconcile.fact_cluster`) asks :class:`ValueClashes` before it puts two sentences
of different reports into one fact; such a pair stays in two facts, and when the pair is as alike
as two statements of one fact (its score reaches ``min_similarity``) it is kept as a **dispute**
between the two facts, which :mod:`storyline.reconcile.claims` compares as it compares the
statements of one fact (a contradiction between them, with its reason, when its gates agree).

A pair clashes when

* a word both sentences count has no two quantities that can both be true, each side has a
  value the other lacks, and the holders meet (:func:`storyline.reconcile.fact_numbers.differing_count`:
  units converted, bounds read: "at least 10" meets 64; two inventories count no one slot), or
* two dates of one happening (the words right around them meet) cannot denote one time
  (:func:`storyline.reconcile.fact_clash.date_clashes`).

Cost: the date clashes once per story (postings of date-clause words), then one
:func:`differing_count` per pair asked about whose sentences both count something, memoised.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from storyline.reconcile.fact_clash import date_clashes
from storyline.reconcile.fact_features import SentenceUnit
from storyline.reconcile.fact_numbers import differing_count

__all__ = ["ValueClashes"]


class ValueClashes:
    """``(i, j) in clashes``: whether sentences ``i < j`` of ``units`` give different values for
    one slot (see the module). Pairs of one outlet never clash (a report updating itself)."""

    def __init__(self, units: Sequence[SentenceUnit]) -> None:
        self._units = units
        index = {id(u): n for n, u in enumerate(units)}
        dated = [u for u in units if u.date_clauses]
        self._dated = {(min(index[id(a)], index[id(b)]), max(index[id(a)], index[id(b)]))
                       for a, b, _, _ in date_clashes(dated)} if len(dated) > 1 else set()
        self._known: dict[tuple[int, int], bool] = {}

    def __contains__(self, pair: object) -> bool:
        if not isinstance(pair, tuple) or len(pair) != 2 or not all(isinstance(k, int) for k in pair):
            return False
        i, j = pair
        if not (0 <= i < len(self._units) and 0 <= j < len(self._units)) or i == j:
            return False
        key = (i, j) if i < j else (j, i)
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = self._clash(*key)
        return found

    def _clash(self, i: int, j: int) -> bool:
        a, b = self._units[i], self._units[j]
        if a.outlet == b.outlet:
            return False
        if (i, j) in self._dated:
            return True
        return bool(a.measures and b.measures) and differing_count(a, b) is not None

    def among(self, pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """The given pairs that clash, in sorted order."""
        return sorted(pair for pair in pairs if pair in self)
