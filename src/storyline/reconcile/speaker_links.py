"""Quote speakers linked to the story's resolved entities (``speaker_entity``), after
:func:`storyline.reconcile.entities.resolve_entities` has filled ``Mention.entity``:

1. the resolved mention inside the speaker span: a person's ("Turkish Defense Minister Hulusi
   Akar", "Turkey's defense minister, Hulusi Akar"), else an organisation or place that heads
   the span ("the White House", "the U.S. government"), never one the span only qualifies ("the
   State Department spokesman", "a spokesman for Erdogan", "the US media");
2. else the speaker's name as analysis resolved it (a pronoun's person, a role's holder, a
   surname's full name) matched against the story's mentions: the same name, or for a person
   the same surname (accent- and case-insensitive, same transliteration key) with agreeing given
   names, one entity in the article, else one in the story;
3. else None: an unresolved pronoun or role stays what it is.

Cost: :class:`StoryNames` is one pass over the story's mentions; a link is a few dict look-ups
(names' words cached), plus a scan of the people sharing a surname key.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from storyline.analyze.speaker_names import fold
from storyline.model import Annotated, Mention, Quote, Span
from storyline.reconcile.name_keys import given_names_compatible, name_words, phonetic_key

__all__ = ["StoryNames", "link_speaker"]

_WORD_RE = re.compile(r"\w+")
#: Words after an organisation or place that still make it the speaker ("the U.S. government").
_GOVERNMENT_WORDS = frozenset({"government", "administration"})
#: A mention after one of these only qualifies the speaker ("a spokesman for Erdogan").
_QUALIFIER_RE = re.compile(r"\b(?:for|of|to|with|from|at|by|under|in|on)\s*$", re.IGNORECASE)
#: Two speakers in one span ("The U.S. government and NATO"): no one entity is the speaker.
_COORDINATION_RE = re.compile(r"\s(?:and|or|&)\s", re.IGNORECASE)
#: Name words of a surface, cached: a story repeats the same few names many times.
_name_words = lru_cache(maxsize=65_536)(name_words)



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
