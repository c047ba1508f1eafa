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
  (:func:`storyline.reconcile.fact_clash.date_clashes`), unless they are one relative date read
  against two reports' days ("hoy" in a copy published a day after "este viernes":
  :func:`storyline.reconcile.fact_clash.shifted_by_report_dates`, as the contradictions read them).

Each fact's record carries its disputes (:func:`dispute_records`, :class:`storyline.model.Dispute`):
the other fact, the slot's kind, the value on each side and the sentences and outlets that give it,
one record per other fact and pair of values.

Cost: the date clashes once per story (postings of date-clause words), then one
:func:`differing_count` per pair asked about whose sentences both count something, memoised; the
records, one date comparison and one :func:`differing_count` per disputing pair.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from storyline.model import Dispute, Span
from storyline.reconcile.fact_clash import date_clashes, shifted_by_report_dates
from storyline.reconcile.fact_features import SentenceUnit
from storyline.reconcile.fact_numbers import differing_count, number_text

__all__ = ["ValueClashes", "dispute_records", "dispute_values"]


class ValueClashes:
    """``(i, j) in clashes``: whether sentences ``i < j`` of ``units`` give different values for
    one slot (see the module). Pairs of one outlet never clash (a report updating itself)."""

    def __init__(self, units: Sequence[SentenceUnit]) -> None:
        self._units = units
        index = {id(u): n for n, u in enumerate(units)}
        dated = [u for u in units if u.date_clauses]
        self._dated = {(min(index[id(a)], index[id(b)]), max(index[id(a)], index[id(b)]))
                       for a, b, left, right in date_clashes(dated)
                       if not shifted_by_report_dates(left, right, a.report_date, b.report_date)} \
            if len(dated) > 1 else set()
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


def dispute_values(a: SentenceUnit, b: SentenceUnit) -> tuple[Literal["number", "date"], str, str] | None:
    """What two clashing sentences disagree on: ``(kind, a's value, b's value)``, a date first (as
    :class:`ValueClashes` asks), then a count (``"17 (peopl…)"``); ``None`` when they do not clash."""
    if a.outlet == b.outlet:
        return None
    for x, y, left, right in date_clashes([a, b]) if a.date_clauses and b.date_clauses else ():
        if not shifted_by_report_dates(left, right, x.report_date, y.report_date):
            return ("date", left, right) if x is a else ("date", right, left)
    differing = differing_count(a, b) if a.measures and b.measures else None
    if differing is None:
        return None
    stem, only_a, only_b = differing
    return "number", number_text(only_a, stem), number_text(only_b, stem)


def dispute_records(pairs: Iterable[tuple[SentenceUnit, SentenceUnit, str]], texts: Mapping[str, str],
                    copies: Mapping[str, Sequence[SentenceUnit]] | None = None,
                    members: Mapping[str, Sequence[SentenceUnit]] | None = None,
                    own: str | None = None) -> tuple[Dispute, ...]:
    """One fact's disputes as records: ``pairs`` are its ``(member, other sentence, other fact id)``
    (``AlignedFact.disputes``), ``texts`` each fact's wording by id, ``copies`` the sentences of every
    report that prints each text (by folded text: the wire copies of a sentence give its value too).
    With ``members`` (each fact's sentences by id) and ``own`` (this fact's id), the other sentences
    of each fact that give the same value against the first sentence of the other side join their
    side (at most :data:`MAX_SIDE_CHECKS` looked at per side), so a side lists every outlet giving
    its value, not only those whose wording was close enough to be paired.
    Pairs of one other fact and one pair of values make one record holding every sentence and outlet
    on each side, in the order first met; a pair whose values cannot be read (no clash) is left out."""
    grouped: dict[tuple[str, str, str, str], tuple[list[SentenceUnit], list[SentenceUnit]]] = {}
    for mine, theirs, other in pairs:
        found = dispute_values(mine, theirs)
        if found is None:
            continue
        sides = grouped.setdefault((other, *found), ([], []))
        for side, unit in zip(sides, (mine, theirs), strict=True):
            for copy in (copies or {}).get(unit.text.casefold(), (unit,)):
                if copy not in side:
                    side.append(copy)
    if members is not None and own is not None:
        for (other, kind, value, other_value), (mine, theirs) in grouped.items():
            _widen(mine, members.get(own, ()), theirs[0], (kind, value, other_value))
            _widen(theirs, members.get(other, ()), mine[0], (kind, other_value, value))
    return tuple(Dispute(fact=other, text=texts.get(other, ""), kind=kind,  # type: ignore[arg-type]
                         value=value, other_value=other_value,
                         support=_support(mine), outlets=_outlets(mine),
                         other_support=_support(theirs), other_outlets=_outlets(theirs),
                         sentence=mine[0].text, other_sentence=theirs[0].text)
                 for (other, kind, value, other_value), (mine, theirs) in grouped.items())


#: Sentences of a fact checked for giving a side's value (bounds a fact a thousand reports state).
MAX_SIDE_CHECKS = 50


def _widen(side: list[SentenceUnit], candidates: Sequence[SentenceUnit], against: SentenceUnit,
           values: tuple[str, str, str]) -> None:
    """Add to ``side`` the ``candidates`` that give the same values against ``against``."""
    for unit in candidates[:MAX_SIDE_CHECKS]:
        if unit not in side and dispute_values(unit, against) == values:
            side.append(unit)


def _support(units: Sequence[SentenceUnit]) -> tuple[tuple[str, Span], ...]:
    return tuple((u.article_id, u.span) for u in units)


def _outlets(units: Sequence[SentenceUnit]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(u.outlet for u in units))
