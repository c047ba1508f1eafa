"""Number clashes between statements: the counts two reports give of one thing, at one moment.

Read by :mod:`storyline.reconcile.claims`. Two sentences disagree on a number when a word both
count (the counted stem; a measure's carries its dimension) has no two quantities that can both
be true (units converted, bounds read: :mod:`storyline.reconcile.fact_units`), each side has a
value the other does not contain, the names in the numbers' clauses meet (when both name
anyone: "the bill passed by 112 votes" has no holder to disagree with), the plain words next to the numbers meet, and the rest of the two sentences agree
(:func:`agree_elsewhere`). Across facts (:func:`unaligned_number_clashes`) the two facts must also
share an entity and the two sentences speak of one moment
(:func:`storyline.reconcile.fact_clash.same_moment`). Cost: per pair, linear in the quantities;
across facts, postings of counted stems capped at :data:`MAX_NUMBER_POSTINGS`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from storyline.reconcile.fact_clash import function_stems, plain_keys, same_moment
from storyline.reconcile.fact_features import SentenceUnit
from storyline.reconcile.fact_units import meets
from storyline.reconcile.grouping_tools import co_occurring_pairs

if TYPE_CHECKING:
    from storyline.reconcile.facts import AlignedFact

__all__ = ["MAX_COUNTS", "MAX_NUMBER_POSTINGS", "MIN_NAME_CONTEXT", "MIN_PREDICATE_WORDS", "agree_elsewhere",
           "differing_count", "distinct_texts", "number_text", "other_subjects", "unaligned_number_clashes"]

#: Two sentences each counting more things than this are inventories: their counts fill no one slot.
MAX_COUNTS = 2
#: A counted word found in more sentences than this is too common to pair unaligned facts on.
MAX_NUMBER_POSTINGS = 80
#: Plain words next to the differing numbers that two unaligned sentences must share, when they share
#: no other quantity there.
MIN_PREDICATE_WORDS = 2
#: Share of the smaller sentence's plain keys two sentences must have in common (for names too).
MIN_NAME_CONTEXT = 0.6


def distinct_texts(units: Sequence[SentenceUnit]) -> list[SentenceUnit]:
    """One unit per wording: identical copies cannot contradict each other."""
    return list({u.text.casefold(): u for u in reversed(units)}.values())[::-1]


def differing_count(a: SentenceUnit, b: SentenceUnit, *,
                     same_context: bool = False) -> tuple[str, set[float], set[float]] | None:
    """The first counted word whose values differ: no two of its quantities can both be true
    (units converted, bounds read: "at least 10" meets 64; :func:`storyline.reconcile.fact_units.meets`),
    each side has a value the other sentence does not contain at all, and the names in the
    numbers' clauses (whose count it is) meet when both name someone; with ``same_context``, the
    plain words next to the numbers must meet too (for sentences that were not aligned as one
    fact). Two sentences each counting more than :data:`MAX_COUNTS` things are inventories:
    their counts fill no one slot. Returns the word and each side's values that the other lacks."""
    if len(a.numbers) > MAX_COUNTS and len(b.numbers) > MAX_COUNTS:
        return None  # two inventories ("six rifles, 12 magazines and 300 rounds") count parts, not one slot
    counted_a, counted_b = _counts(a), _counts(b)
    for stem in sorted(set(counted_a) & set(counted_b)):
        if _meet(counted_a[stem], counted_b[stem], stem):
            continue
        holders_a = frozenset().union(*(q[2] for q in counted_a[stem]))
        holders_b = frozenset().union(*(q[2] for q in counted_b[stem]))
        if holders_a and holders_b and not holders_a & holders_b:
            continue  # "Duncan Raite ... 60 metres" / "an Australian climber ... at Mt Cook ... 150 metres"
        only_a = {q[0] for q in counted_a[stem]} - _loose_values(b, counted_b, counted_a, stem)
        only_b = {q[0] for q in counted_b[stem]} - _loose_values(a, counted_a, counted_b, stem)
        if not only_a or not only_b:
            continue  # "18,000 ... 23 arrested" / "18,000 ... 23 people detained": the same numbers
        if only_a & _totals(counted_b) or only_b & _totals(counted_a):
            continue  # "23 pirates" / "12 Somali and 11 Yemeni pirates": a total and its parts
        if same_context and not _context_of(a, stem) & _context_of(b, stem):
            continue
        return stem, only_a, only_b
    return None


def _totals(counted: dict[str, list[tuple[float, str, frozenset[str]]]]) -> set[float]:
    """The sum of a sentence's counts when it gives two or more (its parts add up to a total)."""
    values = [q[0] for qs in counted.values() for q in qs if q[1] == "="]
    return {math.fsum(values)} if len(values) > 1 else set()


def _loose_values(unit: SentenceUnit, counted: dict[str, list[tuple[float, str, frozenset[str]]]],
                  other: dict[str, list[tuple[float, str, frozenset[str]]]], stem: str) -> set[float]:
    """The numbers of ``unit`` that may stand for its count of ``stem``: all of them but those it
    counts of another thing the other sentence counts too ("17 people, five of them children" has
    no five people to agree with "five people, four of them children")."""
    elsewhere = {q[0] for counted_stem, qs in counted.items() if counted_stem != stem and counted_stem in other
                 for q in qs}
    return set(unit.values) - (elsewhere - {q[0] for q in counted[stem]})


def _counts(unit: SentenceUnit) -> dict[str, list[tuple[float, str, frozenset[str]]]]:
    """Counted stem -> its quantities ``(value, bound, names in the clause)``."""
    counted: dict[str, list[tuple[float, str, frozenset[str]]]] = defaultdict(list)
    for stem, value, bound, _, holders in unit.measures:
        counted[stem].append((value, bound, holders))
    return counted


def _meet(xs: Sequence[tuple[float, str, frozenset[str]]], ys: Sequence[tuple[float, str, frozenset[str]]],
          stem: str) -> bool:
    """Whether some quantity of ``xs`` and one of ``ys`` (of the same stem) can both be true."""
    measure = ":" in stem
    return any(meets((x[0], x[1]), (y[0], y[1]), measure) for x in xs for y in ys)


def _context_of(unit: SentenceUnit, stem: str) -> set[str]:
    function = function_stems()
    return {word for counted, word in unit.number_context if counted == stem and word not in function}


def unaligned_number_clashes(facts: Sequence[AlignedFact], event_of: Mapping[str, str] | None = None) -> list[
        tuple[SentenceUnit, SentenceUnit, str, str, str, str]]:
    """Number clashes between sentences of different facts (see the module docstring)."""
    names = [{n for m in f.members for _, n in m.names} for f in facts]
    units = [(index, unit) for index, fact in enumerate(facts) for unit in distinct_texts(fact.members)]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, (_, unit) in enumerate(units):
        for stem in sorted({stem for _, stem in unit.numbers}):
            postings[stem].append(i)
    out = []
    for i, j in sorted(co_occurring_pairs(postings, MAX_NUMBER_POSTINGS)):
        (fa, a), (fb, b) = units[i], units[j]
        if fa == fb or a.outlet == b.outlet or a.text.casefold() == b.text.casefold():
            continue
        if not names[fa] & names[fb] or other_subjects(a, b) or not same_moment(a, b, event_of):
            continue
        differing = differing_count(a, b, same_context=True)
        if differing and agree_elsewhere(a, b, differing[0]):
            stem, only_a, only_b = differing
            out.append((a, b, number_text(only_a, stem), number_text(only_b, stem), facts[fa].id, facts[fb].id))
    return out


def agree_elsewhere(a: SentenceUnit, b: SentenceUnit, stem: str) -> bool:
    """Whether two sentences that differ in what they count as ``stem`` agree otherwise: every
    other word both count has a value in common, and next to the differing numbers they share
    another quantity ("112 votes to 87" / "121 votes to 87") or, each giving one value, two plain
    words, with most of their plain words in common and no other quantity of one missing from the
    other."""
    counted_a, counted_b = _counts(a), _counts(b)
    if any(not _meet(counted_a[s], counted_b[s], s) for s in set(counted_a) & set(counted_b) if s != stem):
        return False
    near = _context_of(a, stem) & _context_of(b, stem)
    if any(word.replace(".", "").isdigit() for word in near):
        return True  # another quantity in common next to it ("votes to 87"); not "76ers"
    if len(counted_a[stem]) > 1 or len(counted_b[stem]) > 1 or len(near) < MIN_PREDICATE_WORDS:
        return False  # lists of distances, scores, tolls: too easy to pair the wrong items
    values_a, values_b = {q[0] for q in counted_a[stem]}, {q[0] for q in counted_b[stem]}
    if not (a.values - values_a <= b.values or b.values - values_b <= a.values):
        return False  # other quantities differ too: likely another happening ("magnitude 2.6, 15 km")
    plain_a, plain_b = plain_keys(a), plain_keys(b)
    return bool(plain_a and plain_b) and len(plain_a & plain_b) / min(len(plain_a), len(plain_b)) >= MIN_NAME_CONTEXT


def other_subjects(a: SentenceUnit, b: SentenceUnit) -> bool:
    """Whether the two sentences name people, or places, and none in common: about other things."""
    for family in ("person", "place", "name"):
        mine = {n for f, n in a.names if f == family}
        theirs = {n for f, n in b.names if f == family}
        if mine and theirs and not mine & theirs:
            return True
    return False


def number_text(values: set[float], stem: str) -> str:
    return " / ".join(f"{v:g}" for v in sorted(values)) + f" ({stem}…)"
