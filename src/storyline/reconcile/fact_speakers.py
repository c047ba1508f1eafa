"""Who speaks in a sentence, for fact alignment: the resolved speakers of its attributions.

Two sentences that attribute what they say to different people are kept apart unless their
clauses agree closely (:mod:`storyline.reconcile.facts`); a person is compared by the folded last
word of the resolved speaker ("Ned Price" and "Price" are ``price``), and two such surnames one
letter apart are one person spelt by two translations ("Akar", "Akal", "Akkar"). Cost: one sort
of a report's quotes, then a binary search per sentence.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from rapidfuzz.distance import Levenshtein

from storyline.analyze.speaker_names import fold
from storyline.model import Annotated, Span

__all__ = ["MIN_FUZZY_NAME", "speakers_conflict", "speakers_of"]

#: Speaker surnames this long or longer, one letter apart, are one person in two spellings.
MIN_FUZZY_NAME = 4


def speakers_of(item: Annotated) -> Callable[[Span], frozenset[str]]:
    """For one report: a sentence span → the people its attributions name as speaker, each as
    the folded last word of the resolved speaker ("Ned Price" and "Price" are both ``price``).
    Organisations and places are left out: their names vary too much ("Britain", "the U.K.",
    "the United Kingdom") for two of them to be told apart safely."""
    text = item.article.text
    people = {_surname(text[m.span.start:m.span.end]) for m in item.entities if m.type == "PERSON"}
    said = sorted((quote.speaker.start, surname) for quote in item.quotes
                  if quote.speaker is not None and quote.speaker_entity
                  and (surname := _surname(quote.speaker_entity)) in people)
    starts = [start for start, _ in said]

    def within(span: Span) -> frozenset[str]:
        low, high = bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)
        return frozenset(surname for _, surname in said[low:high])

    return within


_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _surname(name: str) -> str:
    words = [w for w in name.split() if w.lower() not in _NAME_SUFFIXES]
    return fold(words[-1]) if words else ""


def speakers_conflict(one: frozenset[str], two: frozenset[str]) -> bool:
    """Both sides attribute what they say, to different people: "Kirby said X" and "Price said
    X" are two facts, whatever their words share. Two surnames of :data:`MIN_FUZZY_NAME` letters
    or more, one letter apart, are one person spelt by two translations ("Akar", "Akal", "Akkar")."""
    if not one or not two or one & two:
        return False
    return not any(_one_edit(a, b) for a in one for b in two)


def _one_edit(a: str, b: str) -> bool:
    """Whether two names of at least :data:`MIN_FUZZY_NAME` letters are one substitution,
    insertion or deletion apart."""
    if min(len(a), len(b)) < MIN_FUZZY_NAME or abs(len(a) - len(b)) > 1:
        return False
    return Levenshtein.distance(a, b, score_cutoff=1) <= 1
