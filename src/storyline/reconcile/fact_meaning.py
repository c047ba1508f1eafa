"""What a statement means beyond its words: predicate classes, states, and clauses.

Fact alignment (:mod:`storyline.reconcile.facts`) compares sentences by their content keys. Two
reports that say the same thing in other words share few of them: "Washington sanctioned Ankara"
and "the U.S. imposed sanctions on Turkey" have one stem in common. This module adds, per
sentence and per clause, keys that meet across wordings and languages:

* **predicate classes** (``~sanction``): each word's lemma (simplemma, in the report's language)
  looked up in the ``classes`` table of the language's ``predicates.toml``; the class names are
  the same in every pack, so a statement meets its translation;
* **states** (``@TR``): a capitalised name, or a run of up to three, that CLDR (through
  :func:`storyline.reconcile.places.place_key`) or the pack's ``seats`` table (capitals and seats
  of government standing for their state: "Washington", "the Kremlin") maps to a territory;
* **clauses**: the sentence cut at punctuation and at the pack's ``clause_words`` ("and",
  "because", "which"), a clause with fewer than :data:`MIN_CLAUSE_KEYS` content keys joining its
  neighbour. A sentence often states several facts ("suspended its eligibility in July 2019 and
  imposed sanctions in December 2020"); its clauses let each be matched on its own.

Cost: one regex pass and one lemma lookup per word (memoised per word and language); the tables
are read once per language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from storyline.analyze.speaker_names import fold
from storyline.lang import FALLBACK, FULL, pack
from storyline.reconcile.places import place_key
from storyline.reconcile.quote_merge import content_words

__all__ = ["MIN_CLAUSE_KEYS", "Meaning", "meaning", "only_state"]

#: A clause with fewer content keys than this joins its neighbour ("In December," "he said").
MIN_CLAUSE_KEYS = 3
#: Longest run of capitalised words looked up as one place name ("New Delhi", "White House").
MAX_NAME_WORDS = 3
#: Sentences whose meaning is kept between calls (wire copies, reruns in one process).
MEANING_CACHE_SIZE = 8192

_TOKEN_RE = re.compile(r"[\w'\u2019.\-]*\w|[,;:()\u2013\u2014]")
_BOUNDARY = frozenset(",;:()\u2013\u2014")


@dataclass(frozen=True, slots=True)
class Meaning:
    """The meaning keys of one sentence.

    Attributes:
        keys: The predicate-class (``~class``) and state (``@CODE``) keys of the whole sentence.
        clauses: Per clause, its content keys with its class and state keys.
    """

    keys: frozenset[str]
    clauses: tuple[frozenset[str], ...]


@dataclass(frozen=True, slots=True)
class _Tables:
    classes: dict[str, str]
    clause_words: frozenset[str]
    seats: dict[str, str]
    lemma_langs: tuple[str, ...]


@lru_cache(maxsize=16)
def _tables(language: str) -> _Tables:
    """The tables of one language; an unknown one gets every full pack's words (the fallback
    pack's union keeps one pack's list per class, so the classes are joined here)."""
    codes = (language,) if language in FULL else FULL
    classes: dict[str, str] = {}
    seats: dict[str, str] = {}
    for code in codes:
        data = pack(code).topic("predicates")
        for name, words in sorted(data.get("classes", {}).items()):
            for word in words:
                classes.setdefault(fold(word), name)
        for name, territory in data.get("seats", {}).items():
            seats.setdefault(fold(name), territory)
    clause_words = pack(language).words("predicates", "clause_words")
    return _Tables(classes, frozenset(fold(w) for w in clause_words), seats, codes)


def _language(code: str | None) -> str:
    code = (code or "").split("-")[0].lower()
    return code if code in FULL else FALLBACK


@lru_cache(maxsize=65536)
def _lemma(word: str, lang: str) -> str:
    try:
        return fold(simplemma.lemmatize(word, lang=lang))
    except ValueError:  # a language simplemma does not know
        return fold(word)


def _class_of(word: str, tables: _Tables) -> str | None:
    """The predicate class of a word: itself, else its lemma in the report's language (in each
    full language, for an unknown one). An elided article is taken off first (l'achat)."""
    if "'" in word or "\u2019" in word:
        word = re.split(r"['\u2019]", word)[-1]
    folded = fold(word)
    found = tables.classes.get(folded)
    if found is None and folded.isalpha():
        for lang in tables.lemma_langs:
            if (found := tables.classes.get(_lemma(word, lang))) is not None:
                break
    return found


def _state(words: list[str], tables: _Tables) -> str | None:
    name = fold(" ".join(words)).replace(".", "").replace("\u2019s", "").replace("'s", "")
    code = tables.seats.get(name) or place_key(name)
    return code if code is not None and not code.startswith("tz:") else tables.seats.get(name)


def _inside(i: int, states: dict[int, tuple[str, int]], tokens: list[str]) -> bool:
    """Whether token ``i`` belongs to a state's name."""
    return any(start <= i < start + size for start, (_, size) in states.items() if start <= i)


def _states(tokens: list[str], tables: _Tables) -> list[tuple[int, str, int]]:
    """``(token index, territory code, words)`` of the place names among the tokens, longest first."""
    found: list[tuple[int, str, int]] = []
    i = 0
    while i < len(tokens):
        hit = None
        if tokens[i][:1].isupper():
            for size in range(min(MAX_NAME_WORDS, len(tokens) - i), 0, -1):
                if (code := _state(tokens[i : i + size], tables)) is not None:
                    hit = (size, code)
                    break
        if hit:
            found.append((i, hit[1], hit[0]))
            i += hit[0]
        else:
            i += 1
    return found


def _in_names(tokens: list[str]) -> set[int]:
    """Tokens inside a multi-word name ("the Joint Strike Fighter programme", "Operation
    Protective Edge"): capitalised, not first, next to another capitalised word. They state no
    predicate. A headline in title case (most words capitalised) has none."""
    upper = [t[:1].isupper() for t in tokens]
    words = [u for t, u in zip(tokens, upper, strict=True) if t[:1].isalpha()]
    if not words or sum(words) * 2 > len(words):
        return set()
    return {i for i in range(1, len(tokens)) if upper[i] and tokens[i - 1] not in _BOUNDARY
            and (upper[i - 1] and i > 1 or (i + 1 < len(tokens) and upper[i + 1]))}


def _clause_spans(tokens: list[str], tables: _Tables) -> list[tuple[int, int]]:
    """Token ranges of the clauses, small ones joined to the one before (or after)."""
    cuts = [0]
    for i, token in enumerate(tokens):
        if token in _BOUNDARY:
            cuts.append(i + 1)
        elif i and fold(token) in tables.clause_words:
            cuts.append(i)
    cuts.append(len(tokens))
    spans = [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]
    merged: list[tuple[int, int]] = []
    pending = None
    for a, b in spans:
        start = pending if pending is not None else a
        if len(content_words(" ".join(tokens[start:b]))) < MIN_CLAUSE_KEYS:
            pending = start
            continue
        merged.append((start, b))
        pending = None
    if pending is not None:
        if merged:
            merged[-1] = (merged[-1][0], len(tokens))
        else:
            merged.append((pending, len(tokens)))
    return merged


@lru_cache(maxsize=4096)
def only_state(text: str, language: str | None = None) -> str | None:
    """The state key (``@US``) when ``text`` names one state and nothing else ("Washington",
    "the Kremlin"), else None: what :func:`meaning`'s keys say, read without lemmatising. A word
    beside the state's name that is a content word makes another key either way (its class or
    itself); a function word ("the") could only by its class, looked up as written. Reading
    :func:`meaning` without a language lemmatised every word in all seven full packs, which loaded
    all of simplemma's dictionaries (4.9 of 14.5 CPU-s for 60 English reports) for "the Kremlin"."""
    tables = _tables(_language(language))
    tokens = _TOKEN_RE.findall(text)
    states = _states(tokens, tables)
    if len({code for _, code, _ in states}) != 1:
        return None
    inside = {i for start, _, size in states for i in range(start, start + size)}
    named = _in_names(tokens)
    for i, token in enumerate(tokens):
        if i in inside or token in _BOUNDARY:
            continue
        if content_words(token) or i not in named and tables.classes.get(fold(token)) is not None:
            return None
    return "@" + states[0][1]


@lru_cache(maxsize=MEANING_CACHE_SIZE)
def meaning(text: str, language: str | None = None) -> Meaning:
    """The predicate-class and state keys of a sentence, whole and per clause.

    Args:
        text: The sentence.
        language: The report's language code (``None`` or unknown: every pack's words).
    """
    tables = _tables(_language(language))
    tokens = _TOKEN_RE.findall(text)
    extra: list[str | None] = [None] * len(tokens)
    named = _in_names(tokens)
    for i, token in enumerate(tokens):
        if i not in named and token not in _BOUNDARY and (found := _class_of(token, tables)) is not None:
            extra[i] = "~" + found
    states = {i: (code, size) for i, code, size in _states(tokens, tables)}
    clauses = []
    for a, b in _clause_spans(tokens, tables):
        # A word with a class or a name of a state says it through that key alone, so that
        # "sanctions" is not counted twice (its stem and its class) against "sanctioned".
        plain = [t for i, t in enumerate(tokens[a:b], a) if extra[i] is None and not _inside(i, states, tokens)]
        keys = set(content_words(" ".join(plain)))
        keys |= {k for k in extra[a:b] if k is not None}
        keys |= {"@" + code for i, (code, _) in states.items() if a <= i < b}
        clauses.append(frozenset(keys))
    whole = {k for k in extra if k is not None} | {"@" + code for code, _ in states.values()}
    return Meaning(frozenset(whole), tuple(clauses))
