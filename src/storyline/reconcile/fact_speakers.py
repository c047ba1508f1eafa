"""Who speaks in a sentence, for fact alignment: the resolved speakers of its attributions.

Two sentences that attribute what they say to different parties are kept apart unless their
clauses agree closely (:mod:`storyline.reconcile.facts`); a person is compared by the folded last
word of the resolved speaker ("Ned Price" and "Price" are ``price``), and two such surnames one
letter apart are one person spelt by two translations ("Akar", "Akal", "Akkar"). A speaker that is
nothing but a state's name, its capital or seat of government ("Washington", "Ankara", "the
Kremlin": :func:`storyline.reconcile.fact_meaning.only_state`, one state key and no other word)
is that state (``@US``): "Washington has repeatedly rejected that" and "Erdogan stressed ... the
United States opposes" are two parties' words. Other organisations are left out: their names vary
too much ("the State Department", "US officials") for two of them to be told apart safely. Cost:
one sort of a report's quotes, then a binary search per sentence; a speaker's state is read from its few words.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from rapidfuzz.distance import Levenshtein

from storyline.analyze.speaker_names import fold
from storyline.model import Annotated, Span
from storyline.reconcile.fact_meaning import only_state
from storyline.reconcile.name_keys import translit_key

__all__ = ["MIN_FUZZY_NAME", "agree_beyond_speakers", "speakers_conflict", "speakers_of", "state_of"]

#: Speaker surnames this long or longer, one letter apart, are one person in two spellings.
MIN_FUZZY_NAME = 4


def speakers_of(item: Annotated) -> Callable[[Span], frozenset[str]]:
    """For one report: a sentence span → the people its attributions name as speaker, each as
    the folded last word of the resolved speaker ("Ned Price" and "Price" are both ``price``).
    Organisations and places are left out: their names vary too much ("Britain", "the U.K.",
    "the United Kingdom") for two of them to be told apart safely."""
    text = item.article.text
    people = {_surname(text[m.span.start:m.span.end]) for m in item.entities if m.type == "PERSON"}
    said = sorted((quote.speaker.start, party) for quote in item.quotes
                  if quote.speaker is not None and quote.speaker_entity
                  and (party := _party(quote.speaker_entity, people, item.article.language)))
    starts = [start for start, _ in said]

    def within(span: Span) -> frozenset[str]:
        low, high = bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)
        return frozenset(surname for _, surname in said[low:high])

    return within


_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _party(speaker: str, people: set[str], language: str | None) -> str | None:
    """A resolved speaker as compared: a person of the report by surname, a state by its key
    (``@US``), else None."""
    surname = _surname(speaker)
    if surname in people:
        return surname
    return state_of(speaker, language)


def state_of(name: str, language: str | None = None) -> str | None:
    """The state key (``@US``) of a name that is only a state, its capital or its seat of
    government ("Washington", "the Kremlin"), else None ("a US official", "the State Department"):
    :func:`storyline.reconcile.fact_meaning.only_state` (on the 19,553 names and parties of the
    crawled corpus's and the samples' stories it answers as the name's whole meaning did)."""
    return only_state(name, language)


def _surname(name: str) -> str:
    words = [w for w in name.split() if w.lower() not in _NAME_SUFFIXES]
    return fold(words[-1]) if words else ""


def speakers_conflict(one: frozenset[str], two: frozenset[str]) -> bool:
    """Both sides attribute what they say, to different parties: "Kirby said X" and "Price said
    X" (or "Washington says X") are two facts, whatever their words share. Two surnames of :data:`MIN_FUZZY_NAME` letters
    or more, one letter apart, are one person spelt by two translations ("Akar", "Akal", "Akkar"),
    and so are two with one transliteration key ("Gadafi", "Kadhafi", "Gheddafi")."""
    if not one or not two or one & two:
        return False
    return not any(_one_edit(a, b) or _one_transliteration(a, b) for a in one for b in two)


def _one_transliteration(a: str, b: str) -> bool:
    """Whether two surnames are one name romanised two ways ("Gadafi", "Kadhafi", "Gheddafi":
    :func:`storyline.reconcile.name_keys.translit_key`, as entity resolution keys them)."""
    key = translit_key(a)
    return bool(key) and key == translit_key(b)


def _one_edit(a: str, b: str) -> bool:
    """Whether two names of at least :data:`MIN_FUZZY_NAME` letters are one substitution,
    insertion or deletion apart."""
    if min(len(a), len(b)) < MIN_FUZZY_NAME or abs(len(a) - len(b)) > 1:
        return False
    return Levenshtein.distance(a, b, score_cutoff=1) <= 1


def agree_beyond_speakers(one: frozenset[str], two: frozenset[str], speakers: frozenset[str]) -> bool:
    """Whether two clauses of two parties' sentences share a key that is neither a predicate class
    nor one of the speakers (a state key, a surname's stem): "Washington has repeatedly *rejected*
    that" and "the *United States* opposes 'insignificant'" share only the speaking state and the
    class, a frame rather than one statement. Keys as :mod:`storyline.reconcile.fact_meaning`
    gives them (content stems of :data:`STEM_CHARS` letters)."""
    own = {s if s.startswith("@") else s[:STEM_CHARS] for s in speakers}
    return any(not key.startswith("~") and key not in own for key in one & two)


#: Letters of a content key (``quote_merge.content_words``): a surname's stem as clauses hold it.
STEM_CHARS = 5
