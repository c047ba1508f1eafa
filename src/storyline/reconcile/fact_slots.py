"""Disagreements about one speech act: when a party said it, and to which medium.

Reports often retell one statement in other words, or one report gives what a party said and
another what the same party said in the same interview, so their sentences do not align as one
fact; yet they can disagree on the **slots of the speech act** itself: its date ("was cited on
Tuesday as saying" / "told the newspaper on the 10th") or the medium it was said to ("the
newspaper Hurriyet" / "the newspaper Liberté"). These are genuine disagreements a fact-checker
wants, and they lie outside the sentence-by-sentence comparison of
:mod:`storyline.reconcile.claims`.

**Speech acts.** The attributions (:mod:`storyline.reconcile.fact_sources`) of one named party
(a resolved entity) inside one event of the story are joined into one act when

* their sentences state one fact (the same statement; or two facts alignment kept apart only
  for a value they give differently, ``AlignedFact.disputes``), or
* their frames name a medium with the same noun of the language's ``media`` list
  (``predicates.toml``: "newspaper", "diario", "chaîne"), and both name it.

**Slots.** Inside one act, from different outlets:

* a **date** clash when two reports date the act with calendar values that cannot denote the same
  day (:func:`storyline.reconcile.fact_features.dates_compatible`) and neither report also gives
  a date the other agrees with, and the two dates do not differ by just their reports' dates
  (:func:`storyline.reconcile.fact_clash.shifted_by_report_dates`). An act with more than two mutually incompatible dates is several
  speeches retold together (a leader's daily addresses), not a disagreement: nothing is flagged;
* a **name** clash when two reports name the medium with the same noun, the names differ after
  folding (not spelling variants: :func:`storyline.reconcile.fact_clash.same_name`), and the two frames give no disagreeing dates (then they are two
  interviews).

Cost: one pass over the attributions with a union-find per (party, event); one clash is reported
per pair of differing values (the first report of each), so a big story costs linear time.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache

from storyline.lang import fold_word, pack
from storyline.model import Event
from storyline.reconcile.claims import Contradiction, Side
from storyline.reconcile.fact_clash import same_name, shifted_by_report_dates
from storyline.reconcile.fact_features import SentenceUnit, dates_compatible
from storyline.reconcile.fact_sources import Attribution
from storyline.reconcile.facts import AlignedFact
from storyline.reconcile.grouping_tools import DisjointSets
from storyline.reconcile.name_keys import function_words

__all__ = ["medium_of", "speech_clashes"]

#: An act dated with more distinct incompatible values than this is several speeches, not one.
MAX_ACT_DATES = 2

_TOKEN_RE = re.compile(r"[\w'\u2019.\-]*\w|[,;:()]")


@lru_cache(maxsize=16)
def _media(language: str) -> frozenset[str]:
    return frozenset(fold_word(w) for w in pack(language or "xx").words("predicates", "media"))


def medium_of(frame: str, language: str | None = None) -> tuple[str, str] | None:
    """``(medium noun, name)`` of the first medium a frame names, both folded; None without one.

    The name is the run of capitalised words right after the noun (a comma between allowed:
    "the newspaper, Hurriyet,") or, failing that, right before it ("the Hurriyet newspaper").
    """
    media = _media(language or "xx")
    tokens = _TOKEN_RE.findall(frame)
    for i, token in enumerate(tokens):
        noun = fold_word(token)
        if noun not in media or token[:1].isupper() and i > 0 and tokens[i - 1][:1].isupper():
            continue
        after = tokens[i + 1 :]
        if after[:1] == [","]:
            after = after[1:]
        name = _capitalised(after)
        if not name:  # before the noun; a capitalised article opening the sentence names nothing ("La cadena")
            name = _capitalised(tokens[:i][::-1])[::-1]
            while name and fold_word(name[0]) in function_words():
                name = name[1:]
        if name:
            return noun, " ".join(fold_word(t) for t in name)
    return None


def _capitalised(tokens: Sequence[str]) -> list[str]:
    run: list[str] = []
    for token in tokens:
        if not token[:1].isupper():
            break
        run.append(token)
    return run


def speech_clashes(facts: Sequence[AlignedFact], attributions: Mapping[tuple[str, int], Sequence[Attribution]],
                   events: Sequence[Event] = (), languages: Mapping[str, str | None] | None = None,
                   ) -> list[Contradiction]:
    """Date and medium-name clashes inside one party's speech acts (see the module docstring).

    Args:
        facts: The story's aligned facts.
        attributions: :func:`storyline.reconcile.fact_sources.attributions_of` of the story.
        events: The story's events (acts never span two); one event when empty.
        languages: Report id -> language, for the ``media`` words (every pack's when unknown).
    """
    fact_of: dict[tuple[str, int], str] = {}
    unit_of: dict[tuple[str, int], SentenceUnit] = {}
    for fact in facts:
        for member in fact.members:
            fact_of[(member.article_id, member.span.start)] = fact.id
            unit_of[(member.article_id, member.span.start)] = member
    event_of = {article: event.id for event in events for article in event.articles}
    groups: dict[tuple[str, str | None], list[tuple[Attribution, tuple[str, str] | None]]] = defaultdict(list)
    for key in sorted((k for k in attributions if k in unit_of),
                      key=lambda k: (unit_of[k].article_rank, unit_of[k].position)):  # story order
        for said in attributions[key]:
            medium = _medium(said, languages)
            if said.speaker_entity and (said.frame_dates or medium):
                groups[(said.speaker_entity, event_of.get(said.article_id))].append((said, medium))
    # Two facts that are one statement but for a differing value (a date) are one act's telling.
    one: DisjointSets[str] = DisjointSets()
    for fact in facts:
        for _, _, other in fact.disputes:
            one.union(fact.id, other)
    statement_of = {key: one.find(fact_id) for key, fact_id in fact_of.items()}
    out: list[Contradiction] = []
    for (party, _), acts in groups.items():
        for act in _acts(acts, statement_of):
            out.extend(_clashes(party, act, unit_of, fact_of))
    return out


def _medium(said: Attribution, languages: Mapping[str, str | None] | None) -> tuple[str, str] | None:
    return medium_of(said.frame_text, (languages or {}).get(said.article_id))


def _acts(said: Sequence[tuple[Attribution, tuple[str, str] | None]],
          fact_of: Mapping[tuple[str, int], str]) -> list[list[tuple[Attribution, tuple[str, str] | None]]]:
    """The attributions of one party in one event, joined by shared fact or shared medium noun."""
    sets: DisjointSets[int] = DisjointSets(range(len(said)))
    first: dict[tuple[str, str], int] = {}
    for i, (attribution, medium) in enumerate(said):
        keys = [("fact", fact_of[(attribution.article_id, attribution.sentence.start)])]
        if medium is not None:
            keys.append(("medium", medium[0]))
        for key in keys:
            sets.union(first.setdefault(key, i), i)
    acts: dict[int, list[tuple[Attribution, tuple[str, str] | None]]] = defaultdict(list)
    for i, item in enumerate(said):
        acts[sets.find(i)].append(item)
    return [act for act in acts.values() if len({a.article_id for a, _ in act}) > 1]


def _clashes(party: str, act: Sequence[tuple[Attribution, tuple[str, str] | None]],
             unit_of: Mapping[tuple[str, int], SentenceUnit],
             fact_of: Mapping[tuple[str, int], str]) -> list[Contradiction]:
    out: list[Contradiction] = []
    dates: dict[str, list[tuple[str, str]]] = defaultdict(list)  # article -> its dates of the act
    for attribution, _ in act:
        dates[attribution.article_id].extend(attribution.frame_dates)
    dated = [(a, d) for a, _ in act for d in a.frame_dates]
    distinct: list[tuple[Attribution, tuple[str, str]]] = []
    for attribution, date in dated:
        if not any(dates_compatible(date[0], other[0]) for _, other in distinct):
            distinct.append((attribution, date))
    if len(distinct) == 2:
        (a, da), (b, db) = distinct
        outlet_a, outlet_b = unit_of[(a.article_id, a.sentence.start)].outlet, unit_of[(b.article_id, b.sentence.start)].outlet
        agree = any(dates_compatible(x[0], y[0]) for x in dates[a.article_id] for y in dates[b.article_id])
        shifted = shifted_by_report_dates(da[0], db[0], unit_of[(a.article_id, a.sentence.start)].report_date,
                                          unit_of[(b.article_id, b.sentence.start)].report_date)
        if outlet_a != outlet_b and not agree and not shifted:
            out.append(_contradiction("date", party, a, b, f"{da[0]} ({da[1]})", f"{db[0]} ({db[1]})", unit_of, fact_of))
    if len(distinct) > MAX_ACT_DATES:
        return out
    named: list[tuple[Attribution, tuple[str, str]]] = []
    for attribution, medium in act:
        if medium is not None and not any(same_name(medium[1], m[1]) for _, m in named if m[0] == medium[0]):
            named.append((attribution, medium))
    for x, (a, ma) in enumerate(named):
        for b, mb in named[x + 1 :]:
            if ma[0] != mb[0] or a.article_id == b.article_id:
                continue
            outlet_a, outlet_b = unit_of[(a.article_id, a.sentence.start)].outlet, unit_of[(b.article_id, b.sentence.start)].outlet
            if outlet_a == outlet_b or (len(distinct) == 2 and {a.article_id, b.article_id} == {
                    distinct[0][0].article_id, distinct[1][0].article_id}):
                continue  # dated apart: two interviews, not one named two ways
            out.append(_contradiction("name", party, a, b, _shown(a.frame_text, ma[1]), _shown(b.frame_text, mb[1]),
                                      unit_of, fact_of, slot=ma[0]))
    return out


def _shown(frame: str, folded: str) -> str:
    """The name as the frame writes it (its folded form if not found)."""
    words = folded.split()
    tokens = _TOKEN_RE.findall(frame)
    for i in range(len(tokens) - len(words) + 1):
        if [fold_word(t) for t in tokens[i : i + len(words)]] == words:
            return " ".join(tokens[i : i + len(words)])
    return folded


def _contradiction(kind: str, party: str, a: Attribution, b: Attribution, left: str, right: str,
                   unit_of: Mapping[tuple[str, int], SentenceUnit], fact_of: Mapping[tuple[str, int], str],
                   slot: str | None = None) -> Contradiction:
    ka, kb = (a.article_id, a.sentence.start), (b.article_id, b.sentence.start)
    ua, ub = unit_of[ka], unit_of[kb]
    if (ua.article_rank, ua.position) > (ub.article_rank, ub.position):
        ua, ub, left, right, ka, kb = ub, ua, right, left, kb, ka
    same = fact_of[ka] if fact_of[ka] == fact_of[kb] else None
    about = f"{party}'s remarks" if kind == "date" else f"the {slot} {party} spoke to"
    return Contradiction(kind, Side(ua.article_id, ua.outlet, ua.span, ua.text, left),  # type: ignore[arg-type]
                         Side(ub.article_id, ub.outlet, ub.span, ub.text, right), same, (fact_of[ka], fact_of[kb]),
                         about=about)
