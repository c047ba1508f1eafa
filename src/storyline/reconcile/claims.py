"""What outlets agree on and where they part: single-source claims, contradictions, coverage.

* **Single-source claims** are facts that one independent outlet alone reports (copies of one
  report count once; see :class:`storyline.reconcile.facts.AlignedFact`).
* **Contradictions** are statements of one fact, from different outlets, that differ in

  - a **number** counting the same thing ("12 people" / "15 people");
  - a **date**: two clauses about the same happening (most of the words around the time
    expression shared) whose normalised TIMEX3 values cannot denote the same time. Values are
    compared part by part, so "last year" (``2020``) and "in December" (``2020-12``) in a report of
    February 2021 agree, and an unresolved part (``XXXX-12``) agrees with anything;
  - a **name** (the people named) or a **place** (the places named), when the two sentences
    otherwise say nearly the same thing and neither names what the other does;
  - a **negation**: a word negated in one ("not compatible", "incompatible") and asserted in the
    other ("compatible").

  Each contradiction shows both sides with their outlets. The rules prefer silence to a false
  alarm.
* **Coverage**: per outlet, the facts it includes, the corroborated facts it omits, and those
  only it has.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from storyline.model import Span
from storyline.reconcile.fact_features import SentenceUnit, dates_compatible, plain_words
from storyline.reconcile.facts import AlignedFact
from storyline.reconcile.quote_merge import content_words

__all__ = ["Contradiction", "OutletCoverage", "Side", "coverage", "find_contradictions", "single_source"]

Kind = Literal["number", "date", "name", "place", "negation"]
#: Two sentences must share this share of their non-name keys before differing names count.
MIN_NAME_CONTEXT = 0.6
#: Two date clauses must share this many keys, and this share of the smaller clause, to be compared.
MIN_CLAUSE_SHARED = 3
MIN_CLAUSE_OVERLAP = 0.4
#: A clause word found in more clauses than this is too common to pair clauses on.
MAX_CLAUSE_POSTINGS = 50


@dataclass(frozen=True, slots=True)
class Side:
    """One outlet's version in a contradiction."""

    article_id: str
    outlet: str
    span: Span
    text: str
    value: str

    def to_json(self) -> dict[str, Any]:
        return {"article": self.article_id, "outlet": self.outlet, "start": self.span.start,
                "end": self.span.end, "text": self.text, "value": self.value}


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two outlets' versions of one statement that cannot both be true as written."""

    kind: Kind
    left: Side
    right: Side
    fact_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "fact": self.fact_id, "left": self.left.to_json(), "right": self.right.to_json()}


@dataclass(frozen=True, slots=True)
class OutletCoverage:
    """What one outlet covers of a story.

    Attributes:
        outlet: The outlet (source, or article id when unknown).
        articles: Its reports in the story.
        included: Facts it reports.
        omitted: Facts that two or more independent outlets report and it does not.
        only: Facts that it alone reports.
    """

    outlet: str
    articles: tuple[str, ...]
    included: tuple[str, ...]
    omitted: tuple[str, ...]
    only: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"outlet": self.outlet, "articles": list(self.articles), "included": list(self.included),
                "omitted": list(self.omitted), "only": list(self.only)}


def single_source(facts: Sequence[AlignedFact]) -> list[AlignedFact]:
    """The facts that one independent outlet alone reports, in story order."""
    return [f for f in facts if f.voices == 1]


def coverage(facts: Sequence[AlignedFact]) -> list[OutletCoverage]:
    """Per outlet, in order of first appearance: facts included, corroborated facts omitted, facts only it has."""
    articles: dict[str, list[str]] = defaultdict(list)
    included: dict[str, list[str]] = defaultdict(list)
    for fact in facts:
        for member in fact.members:
            if member.article_id not in articles[member.outlet]:
                articles[member.outlet].append(member.article_id)
        for outlet in fact.fact.outlets:
            included[outlet].append(fact.id)
    corroborated = [f.id for f in facts if f.voices >= 2]
    out = []
    for outlet in sorted(articles, key=lambda o: min(m.article_rank for f in facts for m in f.members if m.outlet == o)):
        mine = set(included[outlet])
        out.append(OutletCoverage(
            outlet=outlet, articles=tuple(articles[outlet]), included=tuple(included[outlet]),
            omitted=tuple(f for f in corroborated if f not in mine),
            only=tuple(f.id for f in facts if f.fact.outlets == (outlet,)),
        ))
    return out


def find_contradictions(facts: Sequence[AlignedFact]) -> list[Contradiction]:
    """Contradictions among a story's facts (see the module docstring).

    Args:
        facts: The story's aligned facts.

    Returns:
        Contradictions in story order, each pair of sentences reported once per kind.
    """
    found: dict[tuple[Kind, int, int, int, int], Contradiction] = {}
    for fact in facts:
        members = _distinct_texts(fact.members)
        for x, a in enumerate(members):
            for b in members[x + 1 :]:
                if a.outlet == b.outlet:
                    continue
                for kind, left, right in _compare(a, b):
                    _keep(found, kind, a, b, left, right, fact.id)
    units = _distinct_texts([m for f in facts for m in f.members])
    fact_of = {(m.article_id, m.span.start): f.id for f in facts for m in f.members}
    for a, b, left, right in _date_clashes(units):
        shared = fact_of.get((a.article_id, a.span.start))
        _keep(found, "date", a, b, left, right, shared if shared == fact_of.get((b.article_id, b.span.start)) else None)
    return sorted(found.values(), key=lambda c: (c.left.article_id, c.left.span.start, c.kind))


def _distinct_texts(units: Sequence[SentenceUnit]) -> list[SentenceUnit]:
    """One unit per wording: identical copies cannot contradict each other."""
    return list({u.text.casefold(): u for u in reversed(units)}.values())[::-1]


def _keep(found: dict[tuple[Kind, int, int, int, int], Contradiction], kind: Kind, a: SentenceUnit,
          b: SentenceUnit, left: str, right: str, fact_id: str | None) -> None:
    if (a.article_rank, a.position) > (b.article_rank, b.position):
        a, b, left, right = b, a, right, left
    key = (kind, a.article_rank, a.position, b.article_rank, b.position)
    found.setdefault(key, Contradiction(kind, _side(a, left), _side(b, right), fact_id))


def _side(unit: SentenceUnit, value: str) -> Side:
    return Side(unit.article_id, unit.outlet, unit.span, unit.text, value)


def _compare(a: SentenceUnit, b: SentenceUnit) -> list[tuple[Kind, str, str]]:
    out: list[tuple[Kind, str, str]] = []
    number = _number_clash(a, b)
    if number:
        out.append(("number", *number))
    for kind, family in (("name", "person"), ("place", "place")):
        clash = _name_clash(a, b, family)
        if clash:
            out.append((kind, *clash))  # type: ignore[arg-type]
    negation = _negation_clash(a, b) or _negation_clash(b, a, swap=True)
    if negation:
        out.append(("negation", *negation))
    return out


def _number_clash(a: SentenceUnit, b: SentenceUnit) -> tuple[str, str] | None:
    counted_a: dict[str, set[float]] = defaultdict(set)
    counted_b: dict[str, set[float]] = defaultdict(set)
    for value, stem in a.numbers:
        counted_a[stem].add(value)
    for value, stem in b.numbers:
        counted_b[stem].add(value)
    for stem in sorted(set(counted_a) & set(counted_b)):
        if not counted_a[stem] & counted_b[stem]:
            return _number_text(counted_a[stem], stem), _number_text(counted_b[stem], stem)
    return None


def _number_text(values: set[float], stem: str) -> str:
    return " / ".join(f"{v:g}" for v in sorted(values)) + f" ({stem}…)"


def _name_clash(a: SentenceUnit, b: SentenceUnit, family: str) -> tuple[str, str] | None:
    mine = {n for f, n in a.names if f == family}
    theirs = {n for f, n in b.names if f == family}
    if not mine or not theirs:
        return None
    if mine & {n for _, n in b.names} or theirs & {n for _, n in a.names}:
        return None
    plain_a = {k for k in a.keys if not k.startswith("@")}
    plain_b = {k for k in b.keys if not k.startswith("@")}
    if not plain_a or not plain_b or len(plain_a & plain_b) / min(len(plain_a), len(plain_b)) < MIN_NAME_CONTEXT:
        return None
    return ", ".join(sorted(mine)), ", ".join(sorted(theirs))


def _negation_clash(a: SentenceUnit, b: SentenceUnit, *, swap: bool = False) -> tuple[str, str] | None:
    asserted = plain_words(b.text) - b.negated
    for word in sorted(a.negated):
        if word in asserted:
            pair = (f"not {word}", word)
            return (pair[1], pair[0]) if swap else pair
    return None


def _date_clashes(units: Sequence[SentenceUnit]) -> list[tuple[SentenceUnit, SentenceUnit, str, str]]:
    """Pairs of clauses about one happening, from different outlets, with incompatible dates."""
    clauses = [(unit, value, content_words(clause)) for unit in units for value, clause in unit.date_clauses]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, (_, _, keys) in enumerate(clauses):
        for key in keys:
            postings[key].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for members in postings.values():
        if len(members) <= MAX_CLAUSE_POSTINGS:
            shared.update((i, j) for x, i in enumerate(members) for j in members[x + 1 :])
    out = []
    for (i, j), count in sorted(shared.items()):
        (a, va, ka), (b, vb, kb) = clauses[i], clauses[j]
        if count < MIN_CLAUSE_SHARED or a.outlet == b.outlet or dates_compatible(va, vb):
            continue
        if any(dates_compatible(x, y) for x in a.dates for y in b.dates):
            continue  # the clause windows overlap another date that does agree
        if count / min(len(ka), len(kb)) >= MIN_CLAUSE_OVERLAP:
            out.append((a, b, va, vb))
    return out
