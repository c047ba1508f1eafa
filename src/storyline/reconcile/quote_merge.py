"""Merge the quotes of a story's articles: one statement, its variants and its sources.

Outlets report the same statement in different words, as a direct quote in one report and a
paraphrase or a machine translation in another. Two quotes are taken for the same statement
when

* their **speakers agree**: when both are linked to one of the story's resolved entities (see
  below), the entities are the same; otherwise speaker names are accent-folded and compared by
  surname, with a tolerance for mangled transliterations (``Akar``, ``Akal``, ``Akkar``); two
  quotes without a known speaker may also merge, but a quote with a known speaker never joins
  one without; and
* their **content words overlap**: lowercased ``\\w+`` tokens, stopwords removed, cut to their
  first five letters (a light stemmer that maps *threaten*/*threates* and
  *technology*/*technical* together), plus the acronym of every run of three or more
  capitalised words (*North Atlantic Treaty Organization* -> *nato*). The overlap coefficient
  ``|A & B| / min(|A|, |B|)`` must reach ``min_overlap`` with at least ``min_shared`` words.

Each quote's speaker is **linked to the story's resolved entities** (``speaker_entity``, after
:func:`storyline.reconcile.entities.resolve_entities` has filled ``Mention.entity``):

1. the resolved mention inside the speaker span: a person's ("Turkish Defense Minister Hulusi
   Akar", "Turkey's defense minister, Hulusi Akar"), else an organisation or place that heads
   the span ("the White House", "the U.S. government"), never one the span only qualifies ("the
   State Department spokesman", "a spokesman for Erdogan", "the US media");
2. else the speaker's name as analysis resolved it (a pronoun's person, a role's holder, a
   surname's full name) matched against the story's mentions: the same name, or for a person
   the same surname (accent- and case-insensitive, same transliteration key) with agreeing given
   names, one entity in the article, else one in the story;
3. else None: an unresolved pronoun or role stays what it is.

Clustering is greedy and average-link (the mean overlap with a cluster's members must reach
``min_overlap``), in input order, so the result is deterministic.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from storyline.analyze.quote_cues import PRONOUNS
from storyline.analyze.speaker_names import fold
from storyline.model import Annotated, Article, Mention, Quote, Span
from storyline.reconcile.name_keys import given_names_compatible, name_words, phonetic_key
from storyline.reconcile.quote_clusters import cluster_sets

__all__ = ["MergedQuote", "QuoteVariant", "StoryNames", "cluster_variants", "content_words", "link_speaker",
           "merge_quotes", "same_speaker"]

_WORD_RE = re.compile(r"\w+")
#: A prefix joined by a hyphen to a name ("pro-Kadhafi", "anti-Assad", "ex-Soviet") is no key of its
#: own: as one, it doubled the name it is bound to, and two sentences naming "the pro-Kadhafi forces"
#: shared two keys and nothing else. Before a lowercase word or a number ("post-2012",
#: "anti-aircraft") the prefix stays: it says something there.
_BOUND_PREFIX_RE = re.compile(r"\b(?i:pro|anti|ex|non|pre|post|neo|ultra|pseudo|contra)-(?=[A-ZÀ-ÖØ-Þ])")
_CAP_RUN_RE = re.compile(r"[A-Z][a-z]+(?:\s+(?:of\s+|the\s+|for\s+)*[A-Z][a-z]+){2,}")
_STEM_CHARS = 5
STOPWORDS = frozenset(
    "a an the and or but if of to in on at by for with from as that this these those it its is "
    "are was were be been being has have had do does did will would can could should may might "
    "must not no nor so than then there their they them he she his her him we our us you your i "
    "me my which who whom whose what when where why how all any both each few more most other "
    "some such only own same too very just also about into over after before again further once "
    "said says say told added according".split()
)
#: Words after an organisation or place that still make it the speaker ("the U.S. government").
_GOVERNMENT_WORDS = frozenset({"government", "administration"})
#: A mention after one of these only qualifies the speaker ("a spokesman for Erdogan").
_QUALIFIER_RE = re.compile(r"\b(?:for|of|to|with|from|at|by|under|in|on)\s*$", re.IGNORECASE)
#: Two speakers in one span ("The U.S. government and NATO"): no one entity is the speaker.
_COORDINATION_RE = re.compile(r"\s(?:and|or|&)\s", re.IGNORECASE)
#: Name words of a surface, cached: a story repeats the same few names many times.
_name_words = lru_cache(maxsize=65_536)(name_words)


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """One outlet's wording of a statement.

    ``speaker`` is the speaker's name as analysis resolved it within the article (else the name of
    its linked entity); ``speaker_entity`` the canonical name of the story's entity it is linked
    to (see the module docstring), None for an unresolved pronoun or role; ``said_by`` the
    speaker as the article words it ("a State Department official"), None when there is none;
    ``cue`` the words that attribute it ("warned", "according to"), None when nothing does.
    """

    article_id: str
    outlet: str | None
    text: str
    kind: str
    speaker: str | None
    speaker_entity: str | None = None
    said_by: str | None = None
    cue: str | None = None


@dataclass(frozen=True, slots=True)
class MergedQuote:
    """A statement reported by one or more articles.

    Attributes:
        id: Stable id derived from the first variant.
        speaker: The speaker's fullest name among the variants; when none has a name, the
            speaker as the articles word it (a role: "a State Department official"); None when
            no variant has a speaker.
        text: The representative wording: the longest direct variant, else the longest one.
        kind: ``direct`` when any variant quotes the speaker's words, else ``indirect``.
        variants: Every wording, in input order.
        sources: Distinct article ids, in input order.
        speaker_entity: The canonical name of the story's entity the speaker is, or None when
            no variant's speaker is linked (variants linked to different entities never merge).
        cue: The cue of the representative wording ("said", "warned"), or None.
    """

    id: str
    speaker: str | None
    text: str
    kind: str
    variants: tuple[QuoteVariant, ...]
    sources: tuple[str, ...]
    speaker_entity: str | None = None
    cue: str | None = None

    @property
    def outlets(self) -> tuple[str, ...]:
        """Distinct outlet names of the variants that have one."""
        return tuple(dict.fromkeys(v.outlet for v in self.variants if v.outlet))


def content_words(text: str) -> frozenset[str]:
    """The content-word keys of ``text`` (see the module docstring)."""
    words = set()
    for token in _WORD_RE.findall(fold(_BOUND_PREFIX_RE.sub("", text))):
        if token in STOPWORDS or (len(token) < 3 and not token.isdigit()):
            continue
        if token[:-1].isdigit() and token.endswith("s"):
            token = token[:-1]  # "400s" -> "400"
        words.add(token[:_STEM_CHARS])
    for run in _CAP_RUN_RE.findall(text):
        initials = "".join(w[0] for w in run.split() if w[0].isupper())
        words.add(initials.lower()[:_STEM_CHARS])
    return frozenset(words)


def same_speaker(a: str | None, b: str | None, *, min_ratio: float = 0.75) -> bool:
    """Whether two speaker names denote the same person or organisation.

    Both unknown counts as agreeing; one unknown does not. Names agree when their folded
    surnames (last words) are equal or, for surnames of four letters or more, similar.
    """
    if a is None or b is None:
        return a is None and b is None
    last_a, last_b = fold(a).split()[-1:], fold(b).split()[-1:]
    if not last_a or not last_b:
        return False
    x, y = last_a[0], last_b[0]
    if x == y:
        return True
    return min(len(x), len(y)) >= 4 and SequenceMatcher(None, x, y).ratio() >= min_ratio


def _variants(items: Iterable[Annotated | tuple[Article, Sequence[Quote]]]) -> list[QuoteVariant]:
    annotated = [item if isinstance(item, Annotated) else Annotated(item[0], quotes=tuple(item[1]))
                 for item in items]
    names = StoryNames(annotated)
    out = []
    for item in annotated:
        article = item.article
        for quote in item.quotes:
            entity = link_speaker(item, quote, names)
            text = article.text[quote.content.start : quote.content.end]
            said_by = None if quote.speaker is None else _as_written(quote.speaker.text_in(article.text))
            cue = None if quote.cue is None else " ".join(quote.cue.text_in(article.text).split())
            out.append(QuoteVariant(article.id, article.source, text, quote.kind,
                                    quote.speaker_entity or entity, entity, said_by, cue or None))
    return out


def merge_quotes(
    items: Iterable[Annotated | tuple[Article, Sequence[Quote]]],
    *,
    min_overlap: float = 0.35,
    min_shared: int = 2,
) -> list[MergedQuote]:
    """Group the quotes of a story's articles into statements.

    Args:
        items: Annotated articles, or ``(article, quotes)`` pairs, of one story.
        min_overlap: Smallest content-word overlap coefficient for two quotes to merge.
        min_shared: Smallest number of shared content words for two quotes to merge.

    Returns:
        One MergedQuote per statement, in order of first appearance.
    """
    variants = _variants(items)
    return [_build([variants[m] for m in members])
            for members in cluster_variants(variants, min_overlap=min_overlap, min_shared=min_shared)]


def cluster_variants(variants: Sequence[QuoteVariant], *, min_overlap: float = 0.35,
                     min_shared: int = 2) -> list[list[int]]:
    """Greedy average-link clusters of quote variants (indices), in input order.

    Each variant joins the cluster whose members all agree with its speaker and whose mean
    pair score (overlap coefficient, 0 below ``min_shared`` shared words) is highest and reaches
    ``min_overlap``, the first such cluster on ties; else it opens one. A cluster can only score
    above 0 through a member that shares ``min_shared`` words with the variant, so candidates
    come from an inverted index of content words, and speaker agreement is decided once per
    pair of distinct speakers; identical copies are counted once
    (:mod:`storyline.reconcile.quote_clusters`: linear, not quadratic, in a family of copies).
    """
    return cluster_sets([content_words(v.text) for v in variants],
                        [(v.speaker_entity, v.speaker) for v in variants], _AgreementCache(),
                        min_overlap=min_overlap, min_shared=min_shared)


class _AgreementCache:
    """:func:`_speakers_agree` on (speaker entity, speaker) pairs, each pair decided once."""

    def __init__(self) -> None:
        self._known: dict[tuple[tuple[str | None, str | None], tuple[str | None, str | None]], bool] = {}

    def __call__(self, a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
        found = self._known.get((a, b))
        if found is None:
            found = self._known[(a, b)] = _speakers_agree(a, b)
        return found


def _speakers_agree(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    """Same speaker: the same entity when both are linked, else by :func:`same_speaker`."""
    if a[0] is not None and b[0] is not None:
        return a[0] == b[0]
    return same_speaker(a[1], b[1])


def _as_written(span_text: str) -> str | None:
    """A speaker span as a label: one line, no pronoun ("he" says nothing without its person)."""
    label = " ".join(span_text.split())
    return None if not label or label.lower() in PRONOUNS else label


def _build(members: list[QuoteVariant]) -> MergedQuote:
    names = Counter(v.speaker for v in members if v.speaker)
    if not names:  # an unresolved role stays what the articles call it
        names = Counter(v.said_by for v in members if v.said_by)
    speaker = max(names, key=lambda n: (len(n.split()), names[n], n)) if names else None
    direct = [v for v in members if v.kind == "direct"]
    shown = max(direct or members, key=lambda v: len(v.text))
    entity = next((v.speaker_entity for v in members if v.speaker_entity), None)  # one per cluster
    first = members[0]
    digest = hashlib.sha1(f"{first.article_id}\x00{first.text}".encode()).hexdigest()[:16]
    return MergedQuote(
        id=digest,
        speaker=speaker,
        text=shown.text,
        kind="direct" if direct else "indirect",
        variants=tuple(members),
        sources=tuple(dict.fromkeys(v.article_id for v in members)),
        speaker_entity=entity,
        cue=shown.cue,
    )


# -- speakers linked to the story's entities -------------------------------------------------


class StoryNames:
    """The resolved entities of a story's articles, by the names they are written with.

    Args:
        items: The story's annotated articles, after entity resolution (``Mention.entity`` set).
    """

    def __init__(self, items: Sequence[Annotated]) -> None:
        self.by_form: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self.by_surname: dict[str, set[tuple[str, tuple[str, ...]]]] = defaultdict(set)  # key -> (entity, form)
        self.people: set[str] = set()
        self.by_article: dict[str, set[str]] = defaultdict(set)
        for item in items:
            for mention in item.entities:
                if mention.entity is not None:
                    self._add(item, mention, mention.entity)

    def _add(self, item: Annotated, mention: Mention, entity: str) -> None:
        kind = mention.type
        for form in (_name_words(mention.span.text_in(item.article.text), kind), _name_words(entity, kind)):
            if form:
                self.by_form[form].add(entity)
                if kind == "PERSON":
                    self.by_surname[phonetic_key(form[-1])].add((entity, form))
        if kind == "PERSON":
            self.people.add(entity)
        self.by_article[item.article.id].add(entity)

    def match(self, name: str, article_id: str | None = None, among: Iterable[str] | None = None) -> str | None:
        """The one entity ``name`` denotes: the same name, else a person with its surname (and
        agreeing given names); one in article ``article_id`` first, else one in the story.
        ``among`` restricts the candidates. None when no entity or several match."""
        found = self._candidates(name)
        if among is not None:
            found &= set(among)
        local = found & self.by_article.get(article_id or "", set())
        for candidates in (local, found):
            if len(candidates) == 1:
                return next(iter(candidates))
            if candidates:
                return None
        return None

    def _candidates(self, name: str) -> set[str]:
        person = _name_words(name, "PERSON")
        keys = {person, _name_words(name, "ORG")} - {()}
        found = set().union(*(self.by_form.get(key, set()) for key in keys))
        if found or not person:
            return found
        return {entity for entity, form in self.by_surname.get(phonetic_key(person[-1]), ())
                if _person_agrees(person, form)}


def _person_agrees(name: tuple[str, ...], form: tuple[str, ...]) -> bool:
    """A person's name agrees with a written form of the same surname key: compatible first given names."""
    return len(name) == 1 or len(form) == 1 or given_names_compatible(name[0], form[0])


def link_speaker(item: Annotated, quote: Quote, names: StoryNames) -> str | None:
    """The canonical name of the story's entity that speaks ``quote`` (module docstring), or None.

    Args:
        item: The quote's article, entities resolved.
        quote: One of its quotes.
        names: The story's entities (:class:`StoryNames` over all its articles).
    """
    if quote.speaker is not None:
        inside = [m for m in item.entities if m.entity is not None and _overlaps(m.span, quote.speaker)]
        if inside:
            return (_mention_speaker(item, quote, quote.speaker, inside, names)
                    or _resolved_role(item, quote, inside, names))
    if quote.speaker_entity is None:
        return None
    return names.match(quote.speaker_entity, item.article.id)


def _resolved_role(item: Annotated, quote: Quote, inside: list[Mention], names: StoryNames) -> str | None:
    """The person analysis resolved a role to ("the State Department spokesman" -> Ned Price),
    unless analysis only named a mention of the span that does not head it ("the US media")."""
    if quote.speaker_entity is None:
        return None
    if names.match(quote.speaker_entity, among={m.entity for m in inside if m.entity}) is not None:
        return None
    return names.match(quote.speaker_entity, item.article.id, among=names.people)


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _mention_speaker(item: Annotated, quote: Quote, speaker: Span, inside: list[Mention],
                     names: StoryNames) -> str | None:
    """The entity of the mention that is the speaker, among those inside the speaker span."""
    text = item.article.text
    heads = [m for m in inside if not _QUALIFIER_RE.search(text[speaker.start : m.span.start])]
    people = {m.entity for m in heads if m.entity is not None and m.entity in names.people}
    if len(people) > 1 and quote.speaker_entity:
        chosen = names.match(quote.speaker_entity, among=people)
        people = {chosen} if chosen else people
    if people:
        return _fuller(people.pop(), item, quote, names) if len(people) == 1 else None
    if _COORDINATION_RE.search(speaker.text_in(text)):
        return None
    ends = [m for m in heads if _heads_span(text[m.span.end : speaker.end])]
    return ends[-1].entity if ends else None


def _fuller(person: str, item: Annotated, quote: Quote, names: StoryNames) -> str:
    """A surname left as its own entity (the story names several people with it: Joe and Hunter
    Biden) is the full name analysis linked it to within its article, when that is an entity."""
    if " " in person or not quote.speaker_entity or " " not in quote.speaker_entity.strip():
        return person
    better = names.match(quote.speaker_entity, item.article.id, among=names.people)
    same_surname = better is not None and fold(better).split()[-1:] == fold(person).split()[-1:]
    return better if better is not None and same_surname else person


def _heads_span(after: str) -> bool:
    """Whether a mention followed by ``after`` (to the speaker span's end) heads the span."""
    words = [w for w in _WORD_RE.findall(after.lower()) if w != "s"]
    return all(w in _GOVERNMENT_WORDS for w in words)
