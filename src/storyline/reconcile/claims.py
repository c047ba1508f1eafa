"""What outlets agree on and where they part: single-source claims, contradictions, coverage.

* **Single-source claims** are facts that one independent outlet alone reports (copies of one
  report count once; see :class:`storyline.reconcile.facts.AlignedFact`).
* **Contradictions** are statements of one fact, from different outlets, that differ in

  - a **number** counting the same thing ("12 people" / "15 people"), when each side has a value
    that the other sentence does not contain at all ("about 18,000 people marched and 23 were
    arrested" and "the crowd was about 18,000 and 23 people were detained" agree), in the same
    unit or converted ("15,800 square metres" is "170,000 square feet"), no two of their values
    can both be true ("at least 10" meets 64), the same holder (when both name someone in the
    numbers' clauses, the names meet: "Duncan Raite fell 60 metres" / "a climber fell 150
    metres at Mt Cook" are two climbers), and at one moment (:mod:`storyline.reconcile.fact_numbers`);
  - a **date**: two dates of the same happening whose normalised TIMEX3 values cannot denote the
    same time. The same happening is read off the few words right around each date, within its
    clause (its predicate and object: "imposed sanctions on the agency *in December*"), not off
    the whole sentence: "proposed *last year*" and "adds 9 cents *from July 1*" are two happenings
    however alike the sentences are. Values are compared part by part, so "last year" (``2020``)
    and "in December" (``2020-12``) in a report of February 2021 agree, and an unresolved part
    (``XXXX-12``), or one the expression does not state (the year of "from the 1st of July", the
    day of "at 8 p.m."), agrees with anything. Dates that name a thing ("the 2008 Olympic Games",
    "the March 11 earthquake") are not compared;
  - a **name** (the people named) or a **place** (the places named), when the two sentences
    otherwise say nearly the same thing, neither names what the other does, and the two names
    fill the same slot: a word in common right before them (the role noun: "Spokesman Ned Price" /
    "Spokesman John Kirby") or right after them (the predicate: "Price said" / "Kirby said"). A
    spokesman and a victim named in two tellings of one fact do not clash;
  - a **negation**: a word negated in one ("not compatible", "incompatible") and asserted in the
    other ("compatible") of the same subject ("results ... not released" / "he was released on
    bail" are two predicates), at one moment ("not released" then "released Wednesday" is an update).

  A number or a negation needs evidence of one moment
  (:func:`storyline.reconcile.fact_clash.same_moment`): the reports in one event of the story, two
  dated reports, or one calendar day in both sentences; undated counts of one topic may be two
  happenings.

  A number can also clash across facts that were *not* aligned, because the differing number made
  the sentences look less alike ("passed by 112 votes to 87" / "approved the levy by 121 votes to
  87"): two sentences of different outlets and facts clash when their facts share an entity, they
  name no different people or places, a number counts the same word in both with no value in
  common, and the plain words next to it (its predicate: "votes to 87", "fuel levy") meet.

  A **date** clash counts only between two statements of one fact, or of two facts that are one
  statement but for a differing value (``AlignedFact.disputes``: fact alignment never puts such
  sentences in one fact's support, :mod:`storyline.reconcile.fact_disputes`): two dates in other
  different facts are two happenings (on crawled news, nearly all cross-fact date clashes were). Each
  contradiction shows both sides with their outlets, the facts they belong to and a one-line
  ``reason``. The rules prefer silence to a false alarm.

  **Gates** (:mod:`storyline.reconcile.fact_clash`; facts are loose clusters, and on crawled
  multilingual news 48 of 50 clashes read were between members that say different things): a
  number clashes inside a fact only as strictly as across facts (its neighbours meet, the rest
  agrees, no other people or places); a name, place, negation or date only between sentences
  that say nearly the same thing otherwise (plain-key Dice); a name or place only when each side
  names one, not spellings of one name; never from page furniture (a sentence template many
  reports print), nor from a relative date read against two publication days. Disagreements on
  the date or medium of one party's speech act are :mod:`storyline.reconcile.fact_slots`'.
* **Coverage**: per outlet, the facts it includes, the corroborated facts it omits (of the events
  it covers), and those only it has.

Cost: pairs inside a fact, at most :data:`MAX_COMPARED` wordings of it; postings of counted
words and date-clause words (each capped) across facts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from storyline.model import Event, Span
from storyline.reconcile.fact_features import SentenceUnit, plain_words
from storyline.reconcile.fact_clash import (MIN_NEGATION_OVERLAP, MIN_STATEMENT_OVERLAP, date_clashes,
                                            furniture_sentences, plain_keys, said_keys, same_moment, same_name,
                                            shifted_by_report_dates, statement_overlap)
from storyline.reconcile.fact_numbers import (MIN_NAME_CONTEXT, agree_elsewhere, differing_count, distinct_texts,
                                              number_text, other_subjects, unaligned_number_clashes)
from storyline.reconcile.facts import AlignedFact
from storyline.reconcile.fact_values import asserted_subject, negated_subject, same_arguments
from storyline.reconcile.places import is_place_name
from storyline.reconcile.name_keys import function_words

__all__ = ["Contradiction", "OutletCoverage", "Side", "coverage", "find_contradictions", "single_source"]

Kind = Literal["number", "date", "name", "place", "negation"]
#: Distinct wordings of one fact compared pairwise (the first in story order): bounds a fact that
#: a thousand reports state to ~20,000 comparisons.
MAX_COMPARED = 200


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
    facts: tuple[str | None, str | None] = (None, None)
    #: What the clashing slot belongs to, when it is not the statement itself ("Hulusi Akar's remarks").
    about: str | None = None

    @property
    def reason(self) -> str:
        """One line saying what disagrees, for a reader who has not seen the rule. It names no
        outlet: the sides carry theirs, and an unknown outlet's stand-in is a report id."""
        left, right = self.left, self.right
        where = "in the same statement" if self.fact_id is not None else "in two statements about the same thing"
        if self.about is not None:
            verb = "dates" if self.kind == "date" else "names"
            return f"one report {verb} {self.about} {left.value}, another {right.value}"
        if self.kind == "number":
            return f"one report gives {left.value}, another {right.value}, {where}"
        if self.kind == "date":
            return f"one report dates it {left.value}, another {right.value}, {where}"
        if self.kind == "negation":
            return f"one report says {left.value!r} where another says {right.value!r}, {where}"
        return f"one report names {left.value}, another {right.value}, in the same {self.kind} slot"

    def to_json(self) -> dict[str, Any]:
        """``fact`` is the one fact both sides state (``None`` across facts); ``facts`` the fact of
        each side, left then right; ``reason`` one line saying what disagrees."""
        return {"kind": self.kind, "fact": self.fact_id, "facts": list(self.facts), "reason": self.reason,
                "about": self.about, "left": self.left.to_json(), "right": self.right.to_json()}


@dataclass(frozen=True, slots=True)
class OutletCoverage:
    """What one outlet covers of a story.

    Attributes:
        outlet: The outlet (source, or article id when unknown).
        articles: Its reports in the story.
        included: Facts it reports.
        omitted: Facts that two or more independent outlets report and it does not (of the
            events it covers, when events are known).
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


def coverage(facts: Sequence[AlignedFact], events: Sequence[Event] = ()) -> list[OutletCoverage]:
    """Per outlet, in order of first appearance: facts included, corroborated facts omitted, facts
    only it has. With the story's ``events``, an outlet omits only corroborated facts of the events
    it covers (a fact belongs to the events of its reports; an outlet covers the events of its
    reports): a report of a phone call does not omit what a press briefing said. Cost: linear in
    the facts' members times the events an outlet covers."""
    event_of = {article: event.id for event in events for article in event.articles}
    articles: dict[str, list[str]] = defaultdict(list)
    included: dict[str, list[str]] = defaultdict(list)
    first: dict[str, int] = {}
    for fact in facts:
        for member in fact.members:
            if member.article_id not in articles[member.outlet]:
                articles[member.outlet].append(member.article_id)
            first[member.outlet] = min(first.get(member.outlet, member.article_rank), member.article_rank)
        for outlet in fact.fact.outlets:
            included[outlet].append(fact.id)
    corroborated = [(f.id, {event_of.get(a) for a in f.articles}) for f in facts if f.voices >= 2]
    out = []
    for outlet in sorted(articles, key=lambda o: first[o]):
        mine = set(included[outlet])
        covered = {event_of.get(a) for a in articles[outlet]}
        out.append(OutletCoverage(
            outlet=outlet, articles=tuple(articles[outlet]), included=tuple(included[outlet]),
            omitted=tuple(f for f, where in corroborated if f not in mine and (not event_of or where & covered)),
            only=tuple(f.id for f in facts if f.fact.outlets == (outlet,)),
        ))
    return out


def find_contradictions(facts: Sequence[AlignedFact], events: Sequence[Event] = ()) -> list[Contradiction]:
    """Contradictions among a story's facts (see the module docstring).

    Args:
        facts: The story's aligned facts.
        events: The story's events; a number clash across facts is then only between reports of
            one event (two events count two things: "23 pirates" captured one day, "26" another).

    Returns:
        Contradictions in story order, each pair of sentences reported once per kind.
    """
    found: dict[tuple[Kind, int, int, int, int], Contradiction] = {}
    event_of = {article: event.id for event in events for article in event.articles}
    units = distinct_texts([m for f in facts for m in f.members])
    furniture = furniture_sentences(units)
    named: dict[str, set[str]] = defaultdict(set)  # name -> the reports that name it
    for unit in units:
        for _, name in unit.names:
            named[name].add(unit.article_id)
    for fact in facts:
        members = [m for m in distinct_texts(fact.members)
                   if (m.article_id, m.span.start) not in furniture][:MAX_COMPARED]
        for x, a in enumerate(members):
            for b in members[x + 1 :]:
                if a.outlet == b.outlet:
                    continue
                for kind, left, right in _compare(a, b, named, event_of):
                    _keep(found, kind, a, b, left, right, fact.id, (fact.id, fact.id))
        # Statements as alike as two of one fact but kept in two for a differing value: compared
        # as one fact's statements are, and the clash names both facts.
        for a, b, other in fact.disputes:
            if a.outlet == b.outlet or (a.article_id, a.span.start) in furniture \
                    or (b.article_id, b.span.start) in furniture:
                continue
            for kind, left, right in _compare(a, b, named, event_of):
                _keep(found, kind, a, b, left, right, fact.id, (fact.id, other))
    for a, b, left, right, fact_a, fact_b in unaligned_number_clashes(facts, event_of):
        if event_of.get(a.article_id) != event_of.get(b.article_id):
            continue
        if (a.article_id, a.span.start) not in furniture and (b.article_id, b.span.start) not in furniture:
            _keep(found, "number", a, b, left, right, None, (fact_a, fact_b))
    fact_of = {(m.article_id, m.span.start): f.id for f in facts for m in f.members}
    disputed = {(f.id, other) for f in facts for _, _, other in f.disputes}
    for a, b, left, right in date_clashes([u for u in units if (u.article_id, u.span.start) not in furniture]):
        fact_a, fact_b = fact_of.get((a.article_id, a.span.start)), fact_of.get((b.article_id, b.span.start))
        if fact_a is None or fact_a != fact_b and (fact_a, fact_b) not in disputed:
            continue  # two dates of one statement clash; across facts, they are two happenings
        if statement_overlap(a, b) >= MIN_STATEMENT_OVERLAP \
                and not shifted_by_report_dates(left, right, a.report_date, b.report_date):
            _keep(found, "date", a, b, left, right, fact_a, (fact_a, fact_b))
    return sorted(found.values(), key=lambda c: (c.left.article_id, c.left.span.start, c.kind))


def _keep(found: dict[tuple[Kind, int, int, int, int], Contradiction], kind: Kind, a: SentenceUnit,
          b: SentenceUnit, left: str, right: str, fact_id: str | None,
          facts: tuple[str | None, str | None] = (None, None)) -> None:
    if (a.article_rank, a.position) > (b.article_rank, b.position):
        a, b, left, right, facts = b, a, right, left, (facts[1], facts[0])
    key = (kind, a.article_rank, a.position, b.article_rank, b.position)
    found.setdefault(key, Contradiction(kind, _side(a, left), _side(b, right), fact_id, facts))


def _side(unit: SentenceUnit, value: str) -> Side:
    return Side(unit.article_id, unit.outlet, unit.span, unit.text, value)


def _compare(a: SentenceUnit, b: SentenceUnit, named: Mapping[str, set[str]] | None = None,
             event_of: Mapping[str, str] | None = None) -> list[tuple[Kind, str, str]]:
    """The clashes of two statements of one fact: a number only as strictly as across facts (the
    counted word's neighbours meet, the rest agrees, no other people or places); a name, a place or
    a negation only when the two sentences say nearly the same thing otherwise
    (:func:`storyline.reconcile.fact_clash.statement_overlap`); a number or a negation only with
    evidence of one moment (:func:`storyline.reconcile.fact_clash.same_moment`)."""
    out: list[tuple[Kind, str, str]] = []
    moment = same_moment(a, b, event_of)
    if not other_subjects(a, b) and moment:
        differing = differing_count(a, b, same_context=True)
        if differing and agree_elsewhere(a, b, differing[0]):
            stem, only_a, only_b = differing
            out.append(("number", number_text(only_a, stem), number_text(only_b, stem)))
    overlap = statement_overlap(a, b)
    if overlap >= MIN_STATEMENT_OVERLAP:
        for kind, family in (("name", "person"), ("place", "place")):
            clash = _name_clash(a, b, family)
            if clash and named is not None and all(len(named.get(n, ())) >= 2 for n in clash):
                continue  # each name in two reports or more: two people of the story, not one slot
            if clash and family == "place" and not all(is_place_name(n) for n in clash):
                continue  # "Sept", "Taser": a tagger's name that no gazetteer knows as a place
            if clash:
                out.append((kind, *clash))  # type: ignore[arg-type]
    if overlap >= MIN_NEGATION_OVERLAP and moment:
        negation = _negation_clash(a, b) or _negation_clash(b, a, swap=True)
        if negation:
            out.append(("negation", *negation))
    return out


def _name_clash(a: SentenceUnit, b: SentenceUnit, family: str) -> tuple[str, str] | None:
    function = function_words()
    mine = {n for f, n in a.names if f == family and not set(n.split()) <= function}
    theirs = {n for f, n in b.names if f == family and not set(n.split()) <= function}
    if not mine or not theirs:
        return None  # "El" tagged as a name is no name
    if mine & {n for _, n in b.names} or theirs & {n for _, n in a.names}:
        return None
    if len(mine) != 1 or len(theirs) != 1 or same_name(next(iter(mine)), next(iter(theirs))):
        return None  # a list is no slot; "Mosad" / "Mossad" is one name spelt two ways
    plain_a, plain_b = plain_keys(a), plain_keys(b)
    if not plain_a or not plain_b or len(plain_a & plain_b) / min(len(plain_a), len(plain_b)) < MIN_NAME_CONTEXT:
        return None
    # What the sentences say apart from the words around their names (the role, "said", the
    # ministry) must agree too: two spokesmen saying two things are no clash over one name.
    said_a, said_b = said_keys(a), said_keys(b)
    if not said_a or not said_b or len(said_a & said_b) / min(len(said_a), len(said_b)) < MIN_NAME_CONTEXT:
        return None
    if not _same_slot(a, b, family):
        return None  # the names play other parts: a spokesman and a victim, a source and a place
    return ", ".join(sorted(mine)), ", ".join(sorted(theirs))


def _same_slot(a: SentenceUnit, b: SentenceUnit, family: str) -> bool:
    """Whether a name of ``family`` that only ``a`` has and one that only ``b`` has fill the same slot:
    a word in common right before them (the role noun: "Spokesman Ned Price" / "Spokesman John
    Kirby") or right after them (the predicate: "Price said" / "Kirby said")."""
    names_a, names_b = {n for _, n in a.names}, {n for _, n in b.names}
    slots_a = [(before, after) for f, n, before, after in a.name_slots if f == family and n not in names_b]
    slots_b = [(before, after) for f, n, before, after in b.name_slots if f == family and n not in names_a]
    return any(before_a & before_b or after_a & after_b
               for before_a, after_a in slots_a for before_b, after_b in slots_b)


def _negation_clash(a: SentenceUnit, b: SentenceUnit, *, swap: bool = False) -> tuple[str, str] | None:
    """A content word negated in ``a`` and asserted in ``b`` of the same subject (the content words
    before the predicate in its clause meet: "Results of the test have not been released" /
    "Results from the test were released", not "... he was later released on bail"); a function
    word of any pack after a negation ("no pero", "no los") says nothing of the predicate, so it
    never clashes."""
    if b.negated:
        return None  # both negate something ("did not feel we were executing" / "were not executing")
    asserted = plain_words(b.text) - b.negated - function_words()
    for word in sorted(a.negated):
        if word in asserted and same_arguments(negated_subject(a.text, word), asserted_subject(b.text, word)):
            pair = (f"not {word}", word)
            return (pair[1], pair[0]) if swap else pair
    return None
