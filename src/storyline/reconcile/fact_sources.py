"""Who claims what: the party a fact's statements are attributed to, beside the outlets reporting it.

A fact has two kinds of source (DESIGN, "Who claims what"): the **outlets** that report it, and
the **party** each report attributes it to, if any ("Turkey says ...", "Price told reporters
...", "according to documents ..."), with the cue that attributes it. The attributions are the
:class:`storyline.model.Quote` records analysis produced (direct and indirect speech, "according
to" frames, in every language its speech packs cover); nothing is parsed again here.

**Per sentence.** A sentence is stated in a party's voice when the contents of its quotes cover
at least :data:`MIN_CONTENT_SHARE` of its characters ("X said that A, noting that B": two quotes),
or when it holds a whole attribution, speaker, cue and all, whose content covers :data:`MIN_PART_SHARE`
of it ("Asked if ..., Price said Washington's policy remained unchanged"); each quote covering
:data:`MIN_PART_SHARE` of it names a party; the party is the quote's speaker linked to the
story's entities (:func:`storyline.reconcile.quote_merge.link_speaker`: "the State Department
spokesman" -> Ned Price), else the speaker as the report words it ("a US State Department
official", "the US media", "documents"), when its words hold a role, a medium or a source noun of
the language's packs or a name. A quote without any speaker, or whose speaker is a pronoun or a
thing ("they", "the levy adds ..."), attributes nothing.

**Per fact.** :func:`fact_sources` gathers the parties of a fact's statements and counts the
independent outlets that state it in their **own voice** (no party). A fact is

* ``established`` when two or more independent outlets state it in their own voice;
* ``claimed`` when it is not, and some report attributes it to a party (however many outlets
  repeat a party's claim, it stays that party's claim);
* ``reported`` otherwise (one outlet, in its own voice).

Cost: one pass over each report's quotes and sentences (a sort and a binary search per
sentence), then one pass over each fact's members; linear in the story's size.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from storyline.lang import FALLBACK, FULL, fold_word, pack
from storyline.model import Annotated, Quote, Span
from storyline.reconcile.fact_features import calendar_parts
from storyline.reconcile.fact_speakers import state_of
from storyline.reconcile.quote_merge import StoryNames, link_speaker

__all__ = ["Attribution", "MIN_CONTENT_SHARE", "attributions_of", "fact_sources", "party_phrase", "party_type"]

#: Share of a sentence's characters the contents of its quotes must cover for it to be theirs.
MIN_CONTENT_SHARE = 0.4
#: Share of such a sentence one quote must cover to count among its parties.
MIN_PART_SHARE = 0.15
#: Words an unnamed party may have (a longer speaker is a clause analysis misread).
MAX_PARTY_WORDS = 8
#: Characters between a speaker and its cue beyond which they are not one frame.
MAX_FRAME_GAP = 60
#: Entity types by the kind of party they make.
_PARTY_TYPES = {"PERSON": "person", "PER": "person", "GPE": "state", "LOC": "state", "ORG": "organisation",
                "NORP": "group", "FAC": "organisation"}


@dataclass(frozen=True, slots=True)
class Attribution:
    """One report's attribution of one sentence to a party.

    Attributes:
        article_id: The report.
        sentence: The sentence's span in the report.
        party: The story's entity the speaker is linked to, else the speaker as written.
        party_type: ``person``, ``state``, ``organisation``, ``group`` (by the entity's type) or
            ``unnamed`` (a role, a medium, documents, a poll: no named entity).
        cue: The attributing words ("said", "according to"), None when analysis found none.
        kind: ``direct`` or ``indirect``.
        frame: The attributing words around the content: from the speaker or cue, whichever
            comes first, to the content (or from the content's end to the last of them).
        content: The quote's content span.
        speaker_entity: The linked entity (None for a role or a phrase).
        frame_text: The frame's words.
        frame_dates: ``(TIMEX3 value, expression)`` of the calendar dates inside the frame: when
            the party said it ("was cited on Tuesday as saying", "told the paper on the 10th").
    """

    article_id: str
    sentence: Span
    party: str
    party_type: str
    cue: str | None
    kind: str
    frame: Span
    content: Span
    speaker_entity: str | None = None
    frame_text: str = ""
    frame_dates: tuple[tuple[str, str], ...] = ()


def party_type(entity_type: str | None) -> str:
    """The kind of party an entity type makes (``unnamed`` for no entity)."""
    return _PARTY_TYPES.get(entity_type or "", "unnamed" if entity_type is None else "organisation")


def attributions_of(items: Sequence[Annotated]) -> dict[tuple[str, int], list[Attribution]]:
    """Per sentence (``(article id, sentence start)``), the attributions of the story's reports.

    Args:
        items: The story's reports, entities resolved (``Mention.entity`` set where known).
    """
    names = StoryNames(items)
    types = _entity_types(items)
    out: dict[tuple[str, int], list[Attribution]] = defaultdict(list)
    for item in items:
        starts = [s.start for s in item.sentences]
        found: dict[Span, list[tuple[int, bool, Attribution]]] = defaultdict(list)
        for quote in item.quotes:
            attribution = _attribution(item, quote, names, types)
            if attribution is None:
                continue
            for sentence, overlap in _overlapped(item.sentences, starts, quote.content):
                framed = (quote.speaker is not None and attribution.frame.start <= quote.speaker.start
                          and sentence.start <= attribution.frame.start and attribution.frame.end <= sentence.end)
                found[sentence].append((overlap, framed, replace(attribution, sentence=sentence)))
        for sentence, quotes in found.items():
            length = max(1, sentence.end - sentence.start)
            if sum(overlap for overlap, _, _ in quotes) >= MIN_CONTENT_SHARE * length or any(
                    framed and overlap >= MIN_PART_SHARE * length for overlap, framed, _ in quotes):
                out[(item.article.id, sentence.start)].extend(
                    a for overlap, _, a in quotes if overlap >= MIN_PART_SHARE * length)
    return dict(out)


def _attribution(item: Annotated, quote: Quote, names: StoryNames, types: Mapping[str, str]) -> Attribution | None:
    """The attribution a quote makes (its sentence left empty), or None when it names no party."""
    if quote.speaker is None:
        return None
    text = item.article.text
    entity = link_speaker(item, quote, names) or quote.speaker_entity
    written = " ".join(quote.speaker.text_in(text).split())
    if not entity:
        written = party_phrase(written, item.article.language)
        if not written or not _unnamed_party(written, item.article.language):
            return None  # "they", "the levy": a pronoun or a thing names no party
    cue = None if quote.cue is None else " ".join(quote.cue.text_in(text).split()) or None
    frame = _frame(quote)
    dates = tuple((t.value, t.span.text_in(text)) for t in item.times
                  if t.type == "DATE" and t.value and frame.start <= t.span.start and t.span.end <= frame.end
                  and calendar_parts(t.value) is not None)
    return Attribution(item.article.id, Span(0, 0), entity or written,
                       party_type(types.get(entity)) if entity else "unnamed", cue, quote.kind, frame,
                       quote.content, entity, " ".join(frame.text_in(text).split()), dates)


@lru_cache(maxsize=16)
def _party_nouns(language: str) -> frozenset[str]:
    """Nouns that make an unnamed speaker a party: roles, media and sources of the language."""
    code = language if language in FULL else FALLBACK
    words = (pack(code).words("speech", "role_nouns") | pack(code).words("predicates", "media")
             | pack(code).words("predicates", "source_nouns"))
    return frozenset(fold_word(w) for w in words)


@lru_cache(maxsize=16)
def _phrase_words(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """Words a party's phrase stops before (relatives, verb forms) and words it does not end on
    (conjunctions, prepositions), from the language's speech pack; lower case with accents kept
    (folded, Italian "è", is, would be "e", and)."""
    code = language if language in FULL else FALLBACK
    stop = pack(code).words("speech", "relatives") | pack(code).words("speech", "verbish")
    trail = pack(code).words("speech", "conjunctions") | pack(code).words("speech", "prepositions")
    return frozenset(w.lower() for w in stop), frozenset(w.lower() for w in trail)


def party_phrase(written: str, language: str | None) -> str:
    """An unnamed speaker cut to the party it names: up to a relative or a verb form after its
    first word ("journaliste de AFP qui ..." -> "journaliste de AFP", "les États-Unis et l'Otan
    n'ont toujours" -> "les États-Unis et l'Otan"), without trailing conjunctions or
    prepositions; "" when nothing is left. Elided words are read by their last part ("n'ont")."""
    stop, trail = _phrase_words(language or FALLBACK)
    words = written.split()
    for n, word in enumerate(words[1:], 1):
        bare = _bare(word)
        if bare in stop or bare.rsplit("'", 1)[-1] in stop:
            words = words[:n]
            break
    while words and _bare(words[-1]) in trail:
        words.pop()
    return " ".join(words)


def _bare(word: str) -> str:
    return word.strip(".,;:'\"()").lower().replace("\u2019", "'")


def _unnamed_party(written: str, language: str | None) -> bool:
    """Whether an attribution without a named entity names a party: a role, a medium or a source
    ("a State Department official", "the news agency", "documents seen by the paper"), or a name
    after its first word ("the US media"; a word in capitals is no name); not a pronoun or a thing
    ("they", "the levy"), nor more than :data:`MAX_PARTY_WORDS` words."""
    words = written.split()
    if not words or len(words) > MAX_PARTY_WORDS:
        return False  # a clause read as a speaker ("ME GUSTARIA QUE TODOS LOS QUE ...")
    nouns = _party_nouns(language or FALLBACK)
    if len(words) == 1:  # one word names a party only as a role or a source ("témoins"; not "Ceci")
        return fold_word(words[0].strip(".,;:'\"")) in nouns
    return any(fold_word(w.strip(".,;:'\"")) in nouns for w in words) or any(
        w[:1].isupper() and not w.isupper() for w in words[1:])


def _entity_types(items: Iterable[Annotated]) -> dict[str, str]:
    """Each canonical entity's most frequent mention type."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for item in items:
        for mention in item.entities:
            if mention.entity:
                counts[mention.entity][mention.type] += 1
    return {entity: max(c, key=lambda t: (c[t], t)) for entity, c in counts.items()}


def _overlapped(sentences: Sequence[Span], starts: Sequence[int], content: Span) -> list[tuple[Span, int]]:
    """The sentences the content overlaps, with the characters in common."""
    out = []
    index = max(0, bisect.bisect_right(starts, content.start) - 1)
    while index < len(sentences) and sentences[index].start < content.end:
        sentence = sentences[index]
        overlap = min(sentence.end, content.end) - max(sentence.start, content.start)
        if overlap > 0:
            out.append((sentence, overlap))
        index += 1
    return out


def _frame(quote: Quote) -> Span:
    """The attributing words: speaker, cue and what lies between them and the content; a speaker
    far from its cue ("X said that A, noting that B": the cue of B) is left out, so that the frame
    does not take in another quote's content."""
    marks = [s for s in (quote.speaker, quote.cue) if s is not None]
    if quote.speaker is not None and quote.cue is not None and abs(quote.cue.start - quote.speaker.end) > MAX_FRAME_GAP:
        marks = [quote.cue]
    start, end = min(s.start for s in marks), max(s.end for s in marks)
    if end <= quote.content.start:
        return Span(start, quote.content.start)
    if start >= quote.content.end:
        return Span(quote.content.end, end)
    return Span(start, end)


def fact_sources(members: Iterable[tuple[str, str, Span]], voices: int,
                 attributions: Mapping[tuple[str, int], Sequence[Attribution]]) -> dict[str, Any]:
    """Who a fact comes from: its parties and how many outlets state it in their own voice.

    Args:
        members: The fact's statements as ``(article id, outlet, sentence span)``.
        voices: The fact's independent voices (copies count once).
        attributions: :func:`attributions_of` of the story.

    Returns:
        ``{"status", "own_voice", "claimed_by"}``: ``own_voice`` the independent outlets stating it
        in their own voice (at most ``voices``); ``claimed_by`` one entry per party,
        ``{"party", "type", "cues", "articles", "outlets", "names"}``, most reports first (a state
        named by its capital or seat is one party: ``names`` holds each name reports give it).
    """
    own: set[str] = set()
    parties: dict[str, dict[str, Any]] = {}
    for article_id, outlet, span in members:
        found = attributions.get((article_id, span.start), ())
        if not found:
            own.add(outlet)
        for attribution in found:
            # A state, its capital and seat are one party ("Ankara", "Turkey"), listed under the
            # first name met, every name kept in ``names``.
            entry = parties.setdefault(state_of(attribution.party) or attribution.party,
                                       {"party": attribution.party, "type": attribution.party_type,
                                        "cues": [], "articles": [], "outlets": [], "names": []})
            for key, value in (("cues", attribution.cue), ("articles", article_id), ("outlets", outlet),
                               ("names", attribution.party)):
                if value is not None and value not in entry[key]:
                    entry[key].append(value)
    own_voice = min(voices, len(own))
    claimed = sorted(parties.values(), key=lambda p: (-len(p["outlets"]), -len(p["articles"]), p["party"]))
    status = "established" if own_voice >= 2 else "claimed" if claimed else "reported"
    return {"status": status, "own_voice": own_voice, "claimed_by": claimed}
