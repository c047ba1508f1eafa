"""People named in reports written in an abjad (Arabic script), found through their story.

Arabic has no capitals, so the recognisers find no person in an Arabic report
(:mod:`storyline.analyze.ner_caseless` finds places and international bodies by lookup only).
But the report's story names its people in other reports, in Latin letters: "Muammar Gaddafi",
"Ahmed Bani". An abjad writes consonants and long vowels only, so a name's consonants
(:func:`~storyline.reconcile.name_keys.consonant_key`: "معمر القذافي" and "Muammar Gaddafi" both
give "mr kdf") say where the report names one of them:

1. a run of words whose consonants are those of all the words of a person of the story, or of
   their first and last words, is that person ("أحمد باني" = Ahmed Bani, after the clitics of the
   pack are taken off: "لمعمر القذافي" = "to Muammar Gaddafi");
2. one word whose consonants are those of one person's surname only is that person when the
   surname has four consonants or more ("مبارك", "ساركوزي") or the report named the person in
   full before: Arabic roots have three consonants, so a shorter key alone could be any word.

The mentions found are PERSON and keyed by the Latin words of the person they spell, so that
entity resolution puts them in that person's entity (their spelling becomes one of its aliases).

Cost: one pass over the words of each abjad report with dictionary lookups: O(words x forms),
plus one pass over the story's person mentions; nothing for a story without an abjad report.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from storyline.analyze.ner_caseless import is_caseless_report
from storyline.lang.caseless import bare_forms
from storyline.lang.places import fold_place, geo_places
from storyline.model import Annotated, Mention, Span
from storyline.reconcile.name_keys import consonant_key, name_words

__all__ = ["find_abjad_people"]

_ABJAD_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+")
#: A report is read as an abjad report when this share of its letters are Arabic script.
_ABJAD_SHARE = 0.5
#: A lone surname needs this many consonants to be taken without the full name before it.
LONE_SURNAME_CONSONANTS = 4
#: A full name needs this many consonants over its words: two two-letter keys are too common
#: ("محمد بن", Mohamed bin, has the consonants of "Ahmed Bani").
FULL_NAME_CONSONANTS = 5

#: (item index, mention index) → the Latin words of the person the mention spells.
Respelled = dict[tuple[int, int], tuple[str, ...]]
_PLACES = ("GPE", "LOC")
_Person = tuple[tuple[str, ...], tuple[str, ...]]  # (Latin words, consonant key per word)


def find_abjad_people(items: Sequence[Annotated]) -> tuple[list[Annotated], Respelled]:
    """``items`` with the people of their story found in their abjad reports, and which mention
    spells which person's words (for entity resolution's name groups)."""
    caseless = {i for i, item in enumerate(items) if is_caseless_report(item.article.text)}
    if not caseless:  # each report's script is read once, here
        return list(items), {}
    abjad = [i for i in sorted(caseless) if _is_abjad(items[i].article.text)]
    people = _story_people(items, caseless)
    out, respelled = list(items), {}
    for ii in abjad:
        item = items[ii]
        found = _people_in(item, people.get(item.article.story or "", []))
        if not found:
            continue
        mentions = sorted([*item.entities, *(m for m, _ in found)], key=lambda m: m.span.start)
        out[ii] = replace(item, entities=tuple(mentions))
        words_of = {m.span: words for m, words in found}
        respelled.update({(ii, mi): words_of[m.span] for mi, m in enumerate(mentions) if m.span in words_of
                          and m.type == "PERSON"})
    respelled.update(_towns_in_latin(out, caseless))
    return out, respelled


def _towns_in_latin(items: Sequence[Annotated], caseless: set[int]) -> Respelled:
    """Places of reports in a script without case ("مصراتة", "米苏拉塔") keyed by the words of
    their story's Latin spelling of the same town (GeoNames), so that they join its entity."""
    latin: dict[tuple[str, str], tuple[str, ...]] = {}
    for ii, item in enumerate(items):
        text = item.article.text
        for m in item.entities if ii not in caseless else ():
            town = geo_places().get(fold_place(m.span.text_in(text))) if m.type in _PLACES else None
            if town is not None:
                latin.setdefault((item.article.story or "", town[0]), name_words(m.span.text_in(text), m.type))
    found: Respelled = {}
    for ii in sorted(caseless):
        item = items[ii]
        for mi, m in enumerate(item.entities):
            town = geo_places().get(fold_place(m.span.text_in(item.article.text))) if m.type in _PLACES else None
            words = latin.get((item.article.story or "", town[0])) if town else None
            if words:
                found[(ii, mi)] = words
    return found


def _is_abjad(text: str) -> bool:
    sample = text[:2000]
    letters = sum(c.isalpha() for c in sample)
    return letters > 0 and sum(len(w) for w in _ABJAD_WORD.findall(sample)) >= _ABJAD_SHARE * letters


def _story_people(items: Sequence[Annotated], caseless: set[int]) -> dict[str, list[_Person]]:
    """Story → the people its reports in cased scripts name, one spelling per consonant key
    (the most frequent: "Muammar Gaddafi" and "Mouammar Kadhafi" have one key and are one
    person, which resolution joins whichever spelling is picked)."""
    counts: dict[str, Counter[_Person]] = defaultdict(Counter)
    for ii, item in enumerate(items):
        if ii in caseless:
            continue
        text = item.article.text
        for m in item.entities:
            if m.type != "PERSON":
                continue
            words = name_words(m.span.text_in(text), "PERSON")
            keys = tuple(consonant_key(w) for w in words)
            if words and all(keys):
                counts[item.article.story or ""][(words, keys)] += 1
    people: dict[str, list[_Person]] = {}
    for story, found in counts.items():
        by_keys: dict[tuple[str, ...], _Person] = {}
        for person, _ in sorted(found.items(), key=lambda pc: (-pc[1], pc[0])):
            by_keys.setdefault(person[1], person)
        people[story] = sorted(by_keys.values())
    return people


def _people_in(item: Annotated, people: list[_Person]) -> list[tuple[Mention, tuple[str, ...]]]:
    full = [p for p in people if len(p[0]) > 1 and sum(map(len, p[1])) >= FULL_NAME_CONSONANTS]
    if not full:
        return []
    text = item.article.text
    taken = bytearray(len(text) + 1)
    for m in item.entities:
        taken[m.span.start:m.span.end] = b"\x01" * (m.span.end - m.span.start)
    tokens = [(w.start(), w.end(), _keys(w.group())) for w in _ABJAD_WORD.finditer(text)]
    found: list[tuple[Mention, tuple[str, ...]]] = []
    named: set[tuple[str, ...]] = set()
    i = 0
    while i < len(tokens):
        hit = _full_name_at(tokens, i, full)
        if hit is not None:
            size, words = hit
            start = tokens[i][0] + tokens[i][2][_first(tokens[i][2], full, words)]
            end = tokens[i + size - 1][1]
            if not any(taken[start:end]):
                found.append((Mention(Span(start, end), "PERSON"), words))
                named.add(words)
            i += size
            continue
        surname = _lone_surname(tokens[i][2], full, named)
        if surname is not None and not any(taken[tokens[i][0]:tokens[i][1]]):
            start = tokens[i][0] + tokens[i][2][consonant_key(surname[-1])]
            found.append((Mention(Span(start, tokens[i][1]), "PERSON"), surname))
        i += 1
    return found


def _keys(word: str) -> dict[str, int]:
    """Consonant key → where that bare form of the word starts (clitics of the pack off)."""
    keys: dict[str, int] = {}
    for offset, form in bare_forms(word):
        key = consonant_key(form)
        if key:
            keys.setdefault(key, offset)
    return keys


def _full_name_at(tokens: list[tuple[int, int, dict[str, int]]], i: int,
                  people: list[_Person]) -> tuple[int, tuple[str, ...]] | None:
    """(words used, the person's Latin words) of the one person whose full name, or first and
    last name, starts at token ``i``; None when none or several do."""
    hits = set()
    for words, keys in people:
        for wanted in {keys, (keys[0], keys[-1])}:
            run = tokens[i:i + len(wanted)]
            if len(run) == len(wanted) and all(k in t[2] for k, t in zip(wanted, run)):
                hits.add((len(wanted), words))
    best = {words for _, words in hits}
    if len(best) != 1:
        return None
    return max(hits)


def _first(keys: dict[str, int], people: list[_Person], words: tuple[str, ...]) -> str:
    wanted = next(k for w, k in people if w == words)[0]
    return wanted if wanted in keys else next(iter(keys))


def _lone_surname(keys: dict[str, int], people: list[_Person],
                  named: set[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The one person whose surname the word spells, if it is long enough or named in full before."""
    hits = {words for words, person_keys in people if person_keys[-1] in keys}
    if len(hits) != 1:
        return None
    words = hits.pop()
    return words if words in named or len(consonant_key(words[-1])) >= LONE_SURNAME_CONSONANTS else None
