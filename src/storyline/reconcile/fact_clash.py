"""Gates that keep contradictions real: same statement, no furniture, no artefact of relative dates.

:mod:`storyline.reconcile.claims` compares statements of one fact. Facts are clusters (average
link), so two members of one fact can share little; on crawled multilingual news nearly all the
clashes such members gave were between different statements ("at least 10 dead in Misrata" /
"at least 9 dead in Yefren"), page furniture ("appeared in the print edition of Sunday, 13
March" / "... of Friday, 25 March"), or copies of one wire story dated a day apart ("revealed
*today* the BBC" / "revealed *this Friday* the BBC"). Three tests, each linear in what it reads:

* :func:`statement_overlap`: the Dice coefficient of two sentences' plain content keys (names,
  numbers, month and weekday names and every pack's function words left out), 0 below
  :data:`MIN_STATEMENT_SHARED` keys in common; a name, place, negation or date clash needs the
  two sentences to say nearly the same thing apart from the differing value
  (:data:`MIN_STATEMENT_OVERLAP`, :data:`MIN_NEGATION_OVERLAP`).
* :func:`furniture_sentences`: a sentence whose *template* (folded words, digits and month and
  weekday names, from CLDR through Babel in every full pack's language, masked) is printed by
  :data:`MIN_TEMPLATE_REPORTS` or more reports of the story is furniture; it never clashes.
* :func:`shifted_by_report_dates`: two full dates that differ by exactly the difference of their
  reports' publication dates, or each a day or less from its own report's, are one relative
  expression ("today", "tonight", "yesterday") read against two days, the artefact of a copy
  published later, not a disagreement (and one weekday read in two weeks).
* :func:`same_time`: two counts disagree only when their reports came out within a day of each
  other and the sentences' own dates agree: a toll a week later is an update.
* :func:`same_moment`: and only with evidence of one moment (one event of the story, two dated
  reports, or one calendar day in both sentences): undated counts may be two happenings.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from functools import lru_cache


from storyline.group.features import parse_day
from storyline.lang import FULL, fold_word, pack
from storyline.reconcile.fact_features import SentenceUnit, dates_compatible
from storyline.reconcile.grouping_tools import co_occurring_pairs
from storyline.reconcile.fact_words import calendar_stems, function_stems
from storyline.reconcile.name_keys import phonetic_key
from storyline.reconcile.quote_merge import content_words

__all__ = ["MAX_CLAUSE_POSTINGS", "MIN_CLAUSE_OVERLAP", "MIN_CLAUSE_SHARED", "MIN_NEGATION_OVERLAP", "MIN_STATEMENT_OVERLAP", "MIN_STATEMENT_SHARED", "MAX_REPORT_GAP_DAYS", "MIN_NAME_SIMILARITY", "MIN_TEMPLATE_REPORTS", "date_clashes", "function_stems", "furniture_sentences", "frame_stems", "plain_keys", "said_keys", "same_moment", "same_name", "same_time",
           "shifted_by_report_dates", "statement_overlap"]

#: Dice of plain keys two sentences need for a name, place or date clash between them.
MIN_STATEMENT_OVERLAP = 0.6
#: Plain keys two sentences must share for their overlap to count at all.
MIN_STATEMENT_SHARED = 4
#: Dice of plain keys two sentences need for a negation clash (a negation flips one word of the same sentence).
MIN_NEGATION_OVERLAP = 0.6
#: Two folded names at least this alike are one name spelt two ways.
MIN_NAME_SIMILARITY = 0.75
#: Reports published further apart than this (days) count a thing at two moments.
MAX_REPORT_GAP_DAYS = 1
#: Reports of a story printing one sentence template that make it furniture.
MIN_TEMPLATE_REPORTS = 3

#: The words right around two dates (see ``SentenceUnit.date_clauses``) must share this many stems,
#: and this share of the smaller window, for the dates to be about one happening.
MIN_CLAUSE_SHARED = 2
MIN_CLAUSE_OVERLAP = 0.5
#: A clause word found in more clauses than this is too common to pair clauses on.
MAX_CLAUSE_POSTINGS = 50

_WORD_RE = re.compile(r"\w+")
_DAY_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@lru_cache(maxsize=1)
def frame_stems() -> frozenset[str]:
    """The content keys of attribution frames in every full pack: roles ("spokesman",
    "porte-parole"), institutions ("ministry"), verbs of saying in their forms ("a déclaré")."""
    words: set[str] = set()
    for code in FULL:
        for key in ("role_nouns", "org_nouns", "tell", "core_forms", "coordinated", "participles"):
            words |= pack(code).words("speech", key)
    return frozenset(k for w in words for k in content_words(w))


def said_keys(unit: SentenceUnit) -> frozenset[str]:
    """What a sentence says apart from who says it: its plain keys less the words around its
    names (the role before, "said" after) and the keys of attribution frames."""
    around = frozenset().union(*(before | after for _, _, before, after in unit.name_slots))
    return plain_keys(unit) - around - frame_stems()


@lru_cache(maxsize=65536)
def _plain_keys(keys: frozenset[str]) -> frozenset[str]:
    calendar, function = calendar_stems(), function_stems()
    return frozenset(k for k in keys if not k.startswith("@") and not k[:1].isdigit() and k not in calendar
                     and k not in function)


def plain_keys(unit: SentenceUnit) -> frozenset[str]:
    """A sentence's content keys less names, numbers, month and weekday names and function words."""
    return _plain_keys(unit.keys)


def statement_overlap(a: SentenceUnit, b: SentenceUnit) -> float:
    """Dice coefficient of the two sentences' plain content keys (:func:`plain_keys`); 0 when they
    share fewer than :data:`MIN_STATEMENT_SHARED` (a few words in common say little)."""
    plain_a, plain_b = plain_keys(a), plain_keys(b)
    shared = len(plain_a & plain_b)
    if shared < MIN_STATEMENT_SHARED:
        return 0.0
    return 2 * shared / (len(plain_a) + len(plain_b))


def same_name(a: str, b: str) -> bool:
    """Whether two folded names may be one name written two ways: one inside the other (spaces
    ignored: "pan am" / "panam"), alike (:data:`MIN_NAME_SIMILARITY`: "mosad" / "mossad"), or
    sharing a word of four letters or more, as written or as it sounds ("movimiento juvenil 6" /
    "movimiento 6", "al yazira" / "al jazeera": :func:`storyline.reconcile.name_keys.phonetic_key`)."""
    x, y = a.replace(" ", ""), b.replace(" ", "")
    if x in y or y in x or SequenceMatcher(None, x, y).ratio() >= MIN_NAME_SIMILARITY:
        return True
    words_a = {w for w in a.split() if len(w) >= 4}
    words_b = {w for w in b.split() if len(w) >= 4}
    return bool(words_a & words_b) or bool({phonetic_key(w) for w in words_a} & {phonetic_key(w) for w in words_b})


def same_time(a: SentenceUnit, b: SentenceUnit) -> bool:
    """Whether two sentences can speak of one moment: their reports came out within
    :data:`MAX_REPORT_GAP_DAYS` of each other (when both are dated), and when both give calendar
    dates, two of them agree. A toll a week later, or "since Tuesday" against "on Friday", is
    another count, not a disagreement."""
    ra, rb = _day(a.report_date or ""), _day(b.report_date or "")
    if ra is not None and rb is not None and abs(ra - rb) > MAX_REPORT_GAP_DAYS:
        return False
    if a.dates and b.dates and not any(dates_compatible(x, y) for x in a.dates for y in b.dates):
        return False
    return True


def same_moment(a: SentenceUnit, b: SentenceUnit, event_of: Mapping[str, str] | None = None) -> bool:
    """Whether there is evidence that two sentences speak of one moment, as a count or a yes/no
    must before two values of it disagree (:func:`same_time` only rules moments out): the story's
    events put both reports in one event; else both reports are dated (within
    :data:`MAX_REPORT_GAP_DAYS`); else both sentences give a full calendar day, and two agree.
    Undated counts of one topic ("23 pirates captured", "26 pirates captured": two captures) and
    an undated "not released" against "released on Wednesday" (an update) are no evidence."""
    if not same_time(a, b):
        return False
    events = event_of or {}
    event_a, event_b = events.get(a.article_id), events.get(b.article_id)
    if event_a is not None and event_b is not None:
        return event_a == event_b
    if a.report_date and b.report_date:
        return True
    return any(_day(x) is not None and x == y for x in a.dates for y in b.dates)


def _template(text: str) -> str:
    calendar = calendar_stems()
    out = []
    for word in _WORD_RE.findall(fold_word(text)):
        out.append("#" if word.isdigit() else "@" if word in calendar else word)
    return " ".join(out)


def furniture_sentences(units: Sequence[SentenceUnit]) -> frozenset[tuple[str, int]]:
    """``(article id, sentence start)`` of the sentences whose template :data:`MIN_TEMPLATE_REPORTS`
    or more reports print with other numbers or dates (identical copies are one wording and are
    compared once anyway)."""
    holders: dict[str, set[str]] = defaultdict(set)
    wordings: dict[str, set[str]] = defaultdict(set)
    keyed = []
    for unit in units:
        template = _template(unit.text)
        holders[template].add(unit.article_id)
        wordings[template].add(unit.text.casefold())
        keyed.append((template, unit))
    return frozenset((u.article_id, u.span.start) for template, u in keyed
                     if len(holders[template]) >= MIN_TEMPLATE_REPORTS and len(wordings[template]) > 1)


def shifted_by_report_dates(value_a: str, value_b: str, report_a: str | None, report_b: str | None) -> bool:
    """Whether two differing full dates are one relative expression read against two reports'
    days rather than a disagreement: they differ by exactly their reports' difference; or each
    lies within a day of its own report's date, the reports being of different days ("today",
    "last night" in a copy published later); or they are one weekday a week apart from reports
    less than a week apart ("jeudi" read as last Thursday on Wednesday, as today on Thursday)."""
    days = [_day(v) for v in (value_a, value_b, report_a or "", report_b or "")]
    if any(d is None for d in days):
        return False
    va, vb, ra, rb = days  # type: ignore[misc]
    if va == vb:
        return False
    gap, shift = va - vb, ra - rb  # type: ignore[operator]
    near = abs(va - ra) <= 1 and abs(vb - rb) <= 1  # type: ignore[operator]
    return gap == shift or (near and ra != rb) or (abs(gap) == 7 and abs(shift) < 7)


def _day(value: str) -> int | None:
    """A full calendar date's day ordinal (a week, month or year value is none)."""
    return parse_day(value) if _DAY_RE.match(value) else None


def date_clashes(units: Sequence[SentenceUnit]) -> list[tuple[SentenceUnit, SentenceUnit, str, str]]:
    """Pairs of dates about one happening, from different outlets, that cannot denote the same time.

    One happening: the words right around the two dates (``SentenceUnit.date_clauses``) share at
    least :data:`MIN_CLAUSE_SHARED` stems and :data:`MIN_CLAUSE_OVERLAP` of the smaller window, and
    on each side the shared stems hold a word next to the date (its predicate or object): "the
    torch arrived in London today" / "today the Olympic torch went out" share only the subject.
    """
    clauses = [(unit, value, words, nearest) for unit in units for value, words, nearest in unit.date_clauses]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, (_, _, words, _) in enumerate(clauses):
        for word in words:
            postings[word].append(i)
    shared = co_occurring_pairs(postings, MAX_CLAUSE_POSTINGS)
    out = []
    for (i, j), count in sorted(shared.items()):
        (a, va, ka, na), (b, vb, kb, nb) = clauses[i], clauses[j]
        if count < MIN_CLAUSE_SHARED or a.outlet == b.outlet or dates_compatible(va, vb):
            continue
        if any(dates_compatible(x[0], y[0]) for x in a.date_clauses for y in b.date_clauses):
            continue  # the sentences also give a date that does agree
        common = ka & kb
        if count / min(len(ka), len(kb)) >= MIN_CLAUSE_OVERLAP and common & na and common & nb:
            out.append((a, b, va, vb))
    return out
