"""What a sentence says, as comparable features: the units that fact alignment works on.

Each sentence of a story's reports becomes a :class:`SentenceUnit` with

* **content keys**: the light stems of :func:`storyline.reconcile.quote_merge.content_words`
  (accent-folded, stop words out, first five letters, acronyms of capitalised runs), so that
  paraphrases and machine translations meet ("sanctioned"/"sanctions", "North Atlantic Treaty
  Organization"/"NATO");
* **names**: the canonical entity names of its mentions when resolution has set
  ``Mention.entity``, else the mention text, by type family (people; places; organisations), with
  the words right before and after each (its slot: "Spokesman ... said");
* **numbers**: quantities with the content word they count ("350 million" dollars), leaving out
  designations such as S-400 or F-35 and the numbers inside time expressions; with every
  quantity of the sentence (counted or not) and the plain words next to each counted one (its
  *predicate*: "passed by 112 votes to 87" -> ``passe``, ``87``), so that contradictions can tell
  "23 people were detained" from "18,000 people marched";
* **dates**: the TIMEX3 values of its calendar time expressions (``2020-12``, ``XXXX-XX-10``), and
  for each date of a happening the few content words around it within its clause (what happened
  then), for comparing dates across reports;
* **negated stems**: content words under a negation ("not compatible", "incompatible").

Nothing here reads the network or any global state; features are memoised per sentence (its
text and its annotations, offsets taken from its start), so a repeated sentence costs a lookup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from storyline.analyze.speaker_names import fold
from storyline.model import Annotated, Mention, Span, TimeMention
from storyline.reconcile.fact_speakers import _surname, speakers_conflict, speakers_of  # noqa: F401  (re-exported)
from storyline.reconcile.fact_values import NUMBER_CONTEXT  # noqa: F401  (re-exported)
from storyline.reconcile.fact_values import negated as _negated
from storyline.reconcile.fact_values import quantities as _quantities
from storyline.reconcile.fact_words import states_something
from storyline.reconcile.quote_merge import STOPWORDS, content_words

__all__ = ["SentenceUnit", "build_units", "calendar_parts", "clear_caches", "dates_compatible", "outlet_of",
           "plain_words"]

#: A sentence with fewer content keys than this says too little to be a fact (a dateline, "Read more").
MIN_KEYS = 4
#: Content words either side of a time expression that say what happened then: the predicate and
#: object the date belongs to ("imposed sanctions on the agency in December"), not the whole sentence.
DATE_WINDOW = 3
#: Content words either side of a name that give its place in the sentence ("Spokesman Ned Price
#: said": ``spoke`` before, ``said`` after).
NAME_WINDOW = 2
#: Sentences longer than this (characters) are scraper run-ons, not statements.
MAX_SENTENCE_CHARS = 1200
#: Sentences whose features are kept between calls: wire copies within one story, and a story's
#: reports reconciled again later in the same process, are featurised once (~7 kB each, so ~55 MB full).
FEATURE_CACHE_SIZE = 8192

_TOKEN_RE = re.compile(r"[\w'\u2019]+")
_CALENDAR_RE = re.compile(r"^(\d{4}|XXXX)(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?(?:T.*)?$")
#: Entity types by family; organisations and places are one family because taggers confuse them
#: ("Turkey" as ORG in one sentence, GPE in the next). Other types keep their own name.
_TYPE_FAMILY = {"PERSON": "person", "PER": "person", "GPE": "place", "LOC": "place", "ORG": "place",
                "FAC": "place"}
_CAP_RUN_RE = re.compile(r"[A-Z][\w'\u2019\-]+(?:\s+(?:of\s+|the\s+)?[A-Z][\w'\u2019\-]+)+")
#: Function words that say nothing of a happening; verbs of saying stay, as predicates.
_WINDOW_STOPWORDS = STOPWORDS - {"said", "says", "say", "told", "added", "according"}
#: Punctuation that ends a clause, for the words around a date or a name.
_BOUNDARIES = frozenset(",;:()\u2013\u2014")
#: Words that open another clause: a date or a name's window stops there.
_CLAUSE_WORDS = frozenset("and but while whereas which who whom whose where when because although though that".split())
_CLAUSE_TOKEN_RE = re.compile(r"[\w'\u2019]+|[,;:()\u2013\u2014]")
_MONTH_RE = re.compile(r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                       r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b", re.IGNORECASE)
_YEAR_RE = re.compile(r"\b\d{4}\b|\byears?\b", re.IGNORECASE)
_DAY_RE = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun|yester|to)day\b|\btomorrow\b|\btonight\b",
                     re.IGNORECASE)
_CLOCK_RE = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\b\.?)|\b\d{1,2}:\d{2}\b|\bnoon\b|\bmidnight\b",
                       re.IGNORECASE)
_BARE_YEAR_RE = re.compile(r"^\d{4}$")
#: Words after which a date followed by a noun is part of a noun phrase ("the 2008 Games").
_DETERMINERS = frozenset("the a an its his her their our your my this that these those".split())


@dataclass(frozen=True, slots=True)
class SentenceUnit:
    """One sentence of one report, with the features that alignment and comparison use.

    Attributes:
        article_id: The report's id.
        outlet: ``Article.source``, or the article id when the outlet is not known.
        span: The sentence's character offsets in the article text.
        text: The sentence text (whitespace collapsed).
        article_rank: The report's place in the story (0 = first).
        position: The sentence's place in its report (0 = first kept sentence).
        keys: Content keys (light stems and acronyms).
        names: ``(family, folded name)`` pairs of the entity mentions inside it.
        numbers: ``(value, counted stem)`` pairs.
        dates: TIMEX3 calendar values of its time expressions.
        date_clauses: ``(TIMEX3 value, window, nearest)`` per calendar date that dates a happening
            (not "the 2008 Olympic Games"): the stems of the first :data:`DATE_WINDOW` content words
            either side of the time expression within its clause, other time expressions and names
            left out (what happened then: "imposed sanctions on the agency in December"), and the
            nearest of them on each side. Parts of the value that the expression does not state
            are unknown (``XXXX-07-01`` for "from the 1st of July", whose year the resolver guessed).
        negated: Folded words under a negation (prefix taken off: "unchanged" -> "changed").
        report_date: The report's publication date (ISO), if known.
        values: Every quantity in the sentence, whether or not a counted word was found for it.
        number_context: ``(counted stem, context stem)`` pairs: the lower-case content words and
            numbers within :data:`NUMBER_CONTEXT` content words of each counted quantity.
        name_slots: ``(family, folded name, words before, words after)`` per entity mention: the
            stems of the first :data:`NAME_WINDOW` content words either side of it, other names
            left out (the role noun before it, the predicate after it).
        speakers: The folded last words of the speakers its attributions name (resolved).
        measures: ``(counted stem, value, bound, measure, holders)`` per counted quantity: a
            measure's value in its dimension's base unit and its stem prefixed by the dimension
            (:mod:`storyline.reconcile.fact_values`), its bound (``=``, ``>=``, ``<=``, ``~``),
            and the names in its clause (whose count it is).
        statement: Whether it states anything beyond its names, numbers and dates (false for a
            date or credit line: see :func:`build_units`).
    """

    article_id: str
    outlet: str
    span: Span
    text: str
    article_rank: int
    position: int
    keys: frozenset[str]
    names: frozenset[tuple[str, str]]
    numbers: frozenset[tuple[float, str]]
    dates: tuple[str, ...]
    date_clauses: tuple[tuple[str, frozenset[str], frozenset[str]], ...]
    negated: frozenset[str]
    report_date: str | None = None
    values: frozenset[float] = frozenset()
    number_context: frozenset[tuple[str, str]] = frozenset()
    name_slots: tuple[tuple[str, str, frozenset[str], frozenset[str]], ...] = ()
    speakers: frozenset[str] = frozenset()
    measures: tuple[tuple[str, float, str, bool, frozenset[str]], ...] = ()
    statement: bool = True

    @property
    def word_count(self) -> int:
        return len(self.text.split())


def outlet_of(item: Annotated) -> str:
    """The outlet that counts for corroboration: the article's source, else its id."""
    return (item.article.source or "").strip() or item.article.id


def build_units(items: Sequence[Annotated]) -> list[SentenceUnit]:
    """The sentence units of a story's annotated reports, in report then sentence order.

    Sentences that carry too little content (fewer than :data:`MIN_KEYS` keys) are left out, and
    so is an exact repeat of a sentence already kept from the same report (scrapers print
    headlines twice). A sentence that states nothing beyond its names and time expressions (a
    date line, "La Habana, 19 de marzo de 2011": :func:`storyline.reconcile.fact_words.states_something`) is kept with ``statement``
    false: it counts for the summary's concept weights but is no fact a report establishes.
    """
    units: list[SentenceUnit] = []
    for rank, item in enumerate(items):
        text = item.article.text
        outlet = outlet_of(item)
        report_date = (item.article.published or None) and item.article.published[:10]
        seen: set[str] = set()
        position = 0
        speakers = speakers_of(item)
        for span in item.sentences:
            sentence = " ".join(text[span.start : span.end].split())
            folded = sentence.casefold()
            if len(sentence) > MAX_SENTENCE_CHARS or folded in seen or len(_sentence_keys(sentence)) < MIN_KEYS:
                continue
            seen.add(folded)
            keys, names, numbers, dates, clauses, negated, values, context, slots, measures, statement = \
                _features(*_local(item, span))
            units.append(SentenceUnit(
                article_id=item.article.id, outlet=outlet, span=span, text=sentence, article_rank=rank,
                position=position, keys=keys, names=names, numbers=numbers, dates=dates, date_clauses=clauses,
                negated=negated, report_date=report_date, values=values, number_context=context, name_slots=slots,
                measures=measures, statement=statement,
                speakers=speakers(span)))
            position += 1
    return units


def clear_caches() -> None:
    """Forget the memoised sentence features (to measure cold runs, or to free memory)."""
    _sentence_keys.cache_clear()
    _features.cache_clear()
    _window_stem.cache_clear()


@lru_cache(maxsize=FEATURE_CACHE_SIZE)
def _sentence_keys(sentence: str) -> frozenset[str]:
    return content_words(sentence)


def _local(item: Annotated, span: Span) -> tuple[str, int, tuple[TimeMention, ...], tuple[Mention, ...], bool,
                                                  str | None]:
    """A sentence's text, annotations with offsets from its start and language: everything its
    features depend on, so that the same sentence (a wire copy) is featurised once."""
    start = span.start
    times = [t for t in item.times if start <= t.span.start < span.end]
    mentions = [m for m in item.entities if start <= m.span.start < span.end]
    # A time expression or a name may run past the sentence's end; its text is read too.
    end = max([span.end] + [t.span.end for t in times] + [m.span.end for m in mentions])
    return (item.article.text[start:end], span.end - start,
            tuple(TimeMention(Span(t.span.start - start, t.span.end - start), t.type, t.value) for t in times),
            tuple(Mention(Span(m.span.start - start, m.span.end - start), m.type, m.entity) for m in mentions),
            bool(item.entities), item.article.language)


@lru_cache(maxsize=FEATURE_CACHE_SIZE)
def _features(text: str, length: int, inside_times: tuple[TimeMention, ...], mentions: tuple[Mention, ...],
              entities: bool, language: str | None = None) -> tuple[Any, ...]:
    """The features of the sentence at ``text[:length]``: its unit's ``keys``, ``names``,
    ``numbers``, ``dates``, ``date_clauses``, ``negated``, ``values``, ``number_context``,
    ``name_slots`` and ``measures``, in this order, and whether it states anything beyond its
    names, numbers and dates."""
    span = Span(0, length)
    sentence = " ".join(text[:length].split())
    dated = [t for t in inside_times if t.value and calendar_parts(t.value) is not None]
    dates = tuple(t.value for t in dated if t.value)
    name_spans = [m.span for m in mentions] if entities else _name_runs(text, span)
    untimed = _mask(text, span, [t.span for t in inside_times] + name_spans)
    clauses = tuple((_stated_value(t.value, text[t.span.start : t.span.end]),
                     *_window(untimed, t.span.start, t.span.end, DATE_WINDOW))
                    for t in dated if t.value and not _designation(text, span, t.span))
    named = _names(text, mentions) if entities else [("name", _run_key(text, s)) for s in name_spans]
    unnamed = _mask(text, span, name_spans)
    slots = tuple((family, name,
                   frozenset(_side_words(reversed(_CLAUSE_TOKEN_RE.findall(unnamed[: m.span.start])),
                                         NAME_WINDOW, cross=True)),
                   frozenset(_side_words(_CLAUSE_TOKEN_RE.findall(unnamed[m.span.end :]),
                                         NAME_WINDOW, cross=True)))
                  for m, (family, name) in zip(mentions, named, strict=True)) if entities else ()
    keys = content_words(" ".join(unnamed.split())) | {"@" + n for _, n in named}
    quantities = _quantities(_mask(text, span, [t.span for t in inside_times]), language)
    spans = [m.span for m in mentions] if entities else name_spans
    measures = tuple((q.counted, q.value, q.bound, q.measure, _holders(text[:length], q.start, q.end, spans, named))
                     for q in quantities if q.counted)
    return (frozenset(keys), frozenset(named), frozenset((q.value, q.counted) for q in quantities if q.counted),
            dates, clauses, frozenset(_negated(sentence)), frozenset(q.value for q in quantities),
            frozenset((q.counted, w) for q in quantities if q.counted for w in q.around), slots, measures,
            states_something(" ".join(untimed.split())))


def _holders(text: str, start: int, end: int, spans: Sequence[Span],
             named: Sequence[tuple[str, str]]) -> frozenset[str]:
    """The names in the clause of the quantity at ``start:end`` (between the punctuation marks
    that close clauses: commas, semicolons, colons, brackets, dashes), else in the whole sentence
    (a participle's subject is in the main clause): whose count it is."""
    left = max((text.rfind(mark, 0, start) for mark in _BOUNDARIES), default=-1) + 1
    rights = [k for k in (text.find(mark, end) for mark in _BOUNDARIES) if k >= 0]
    right = min(rights, default=len(text))
    pairs = list(zip(spans, named, strict=True))
    return frozenset(name for s, (_, name) in pairs if s.start < right and s.end > left) \
        or frozenset(name for _, (_, name) in pairs)


def _stated_value(value: str, expression: str) -> str:
    """``value`` with the parts that ``expression`` does not state unknown: the year of a month
    named without one (the resolver picked it from the tense, which a paraphrase can change), the
    day of a bare clock time (the report's day, not necessarily the happening's)."""
    if not _CALENDAR_RE.match(value):
        return value
    if _CLOCK_RE.search(expression) and not _MONTH_RE.search(expression) and not _DAY_RE.search(expression):
        return "XXXX-XX-XX" + value[10:]
    if _MONTH_RE.search(expression) and not _YEAR_RE.search(expression):
        return "XXXX" + value[4:]
    return value


def _designation(text: str, sentence: Span, time: Span) -> bool:
    """Whether a time expression names a thing rather than dates a happening: between a determiner,
    possessive or number and a noun ("the 2008 Olympic Games", "the magnitude 8.8, February 27
    earthquake", "Turkey's 2019 purchase"; not "from the 1st of July"), opening the sentence before
    a name ("2008 Olympic Games officially open"), joined to a prefix ("post-2012"), or a bare year
    after a name ("the Terrorism Act 2000")."""
    before = text[sentence.start : time.start]
    if before.endswith("-"):
        return True
    words = _TOKEN_RE.findall(before)
    previous = words[-1] if words else ""
    after = text[time.end : sentence.end]
    following = _TOKEN_RE.findall(after[:40])
    next_word = following[0] if following and after[:1] == " " else ""
    noun_next = bool(next_word) and not next_word[:1].isdigit() and fold(next_word) not in _WINDOW_STOPWORDS
    if noun_next and (previous.lower() in _DETERMINERS or previous.endswith(("'s", "\u2019s"))
                      or previous[:1].isdigit() or (not words and next_word[:1].isupper())):
        return True  # "the March 11 earthquake", "2008 Olympic Games officially open"
    return bool(_BARE_YEAR_RE.match(text[time.start : time.end])) and len(words) > 1 and previous[:1].isupper()


def _window(sentence: str, start: int, end: int, size: int) -> tuple[frozenset[str], frozenset[str]]:
    """Stems of the first ``size`` content words before ``start`` and after ``end`` in ``sentence``,
    each side ending at a clause boundary (see :func:`_side_words`); and the nearest one of each side."""
    before = _CLAUSE_TOKEN_RE.findall(sentence[:start])
    opening = all(_is_boundary(t) or fold(t) in _WINDOW_STOPWORDS for t in before)
    left = _side_words(reversed(before), size)
    right = _side_words(_CLAUSE_TOKEN_RE.findall(sentence[end:]), size, cross=opening)
    return frozenset(left + right), frozenset(left[:1] + right[:1])


def _is_boundary(token: str) -> bool:
    return token in _BOUNDARIES or token.lower() in _CLAUSE_WORDS


def _side_words(tokens: Iterable[str], size: int, *, cross: bool = False) -> list[str]:
    """Stems of the first ``size`` content words of ``tokens``, nearest first (no numbers: they are
    not predicates), up to a clause boundary (a comma, semicolon, colon, dash, bracket, or a word that
    opens a clause: "and", "which", "that"...). With ``cross``, a boundary met before any content
    word is passed: a date that opens the sentence ("In December, the government imposed..."), a
    name in apposition ("Hulusi Akar, Turkey's defence minister")."""
    out: list[str] = []
    for token in tokens:
        if len(out) >= size:
            break
        if _is_boundary(token):
            if out or not cross:
                break
            cross = False
            continue
        stem = _window_stem(token)
        if stem is None or stem in out:
            continue
        out.append(stem)
    return out


@lru_cache(maxsize=65536)
def _window_stem(token: str) -> str | None:
    """A token's stem for the words around a date or a name; ``None`` for a function word or a number."""
    lower = fold(token).replace("\u2019", "'").removesuffix("'s")
    if lower in _WINDOW_STOPWORDS or len(lower) < 3 or lower[:1].isdigit():
        return None
    return lower[:5]


def _name_runs(text: str, span: Span) -> list[Span]:
    """Without entity annotations: runs of two or more capitalised words stand for names, so that a
    long name ("Turkish President Recep Tayyip Erdogan") weighs as one key, not five."""
    return [Span(m.start(), m.end()) for m in _CAP_RUN_RE.finditer(text, span.start, span.end)]


def _run_key(text: str, span: Span) -> str:
    return fold(text[span.start : span.end].split()[-1])


def _mask(text: str, span: Span, holes: Sequence[Span]) -> str:
    """The sentence with its time expressions blanked out (their numbers are dates, not counts)."""
    masked = text[span.start : span.end]
    for hole in holes:
        start, end = max(hole.start, span.start) - span.start, min(hole.end, span.end) - span.start
        if start < end:
            masked = masked[:start] + " " * (end - start) + masked[end:]
    return masked


def _names(text: str, mentions: Sequence[Mention]) -> list[tuple[str, str]]:
    out = []
    for mention in mentions:
        family = _TYPE_FAMILY.get(mention.type.upper(), mention.type.lower())
        name = mention.entity or text[mention.span.start : mention.span.end]
        out.append((family, " ".join(fold(name).split())))
    return out


def plain_words(sentence: str) -> set[str]:
    """The folded words of a sentence, for comparing negated words against."""
    return {t.replace("\u2019", "'") for t in _TOKEN_RE.findall(fold(sentence))}


def calendar_parts(value: str) -> tuple[str, str | None, str | None] | None:
    """``(year, month, day)`` of a TIMEX3 calendar value, with ``X`` parts kept as wildcards.

    Returns ``None`` for anything that is not a calendar date (durations, weeks, ``PAST_REF``)
    and for values with no known part at all ("XXXX", "XXXX-XX-XX").
    """
    match = _CALENDAR_RE.match(value)
    if match is None:
        return None
    year, month, day = match.groups()
    if all(part is None or "X" in part for part in (year, month, day)):
        return None
    return year, month, day


def dates_compatible(a: str, b: str) -> bool:
    """Whether two calendar values can denote the same time: equal where both are known.

    "2020" (last year, said in February 2021) and "2020-12" (in December) are compatible;
    "2021-02-09" and "2021-02-10" are not; "XXXX-12" is compatible with any December.
    """
    pa, pb = calendar_parts(a), calendar_parts(b)
    if pa is None or pb is None:
        return True
    return all(x is None or y is None or "X" in x or "X" in y or x == y for x, y in zip(pa, pb))
