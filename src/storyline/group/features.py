"""Per-article features that survive rewrites, translations and mangled names.

An article becomes a bag of typed keys with counts:

* ``w:<stem>``: a content word, accent-folded and lowercased, stopwords removed, cut to its first
  six letters. The cut is a crude stemmer that also lets cognates meet across languages
  ("nuclear", "nucléaire", "nucleare" → ``w:nuclea``).
* ``n:<skeleton>``: a name-like token (capitalised, not a stopword) as a consonant skeleton, so that
  spelling and transliteration variants meet ("Valescu", "Vălescu", "Valesku" → ``n:vrsk``).
* ``k:<key>``: the skeleton's first three letters, a looser key for heavier mangling
  ("Cavusoglu", "Çavuşoğlu" → ``kvskr``, "Chavushoru" → ``kvsr``; all three → ``k:kvs``).
* ``c:<code>``: for a country's name in any CLDR locale, its territory code in place of the loose
  key ("Egitto", "Egipto", "Égypte", "Египет", "مصر" → ``c:EG``), so countries meet across
  languages and scripts where skeletons differ. A name in another cased script (Cyrillic, Greek) is transliterated
  (anyascii) before its skeleton is taken: "Каддафи" → ``n:ktf`` as "Gaddafi", "Kadhafi",
  "Gheddafi" and "Qaddafi".
* ``#:<number>``: a number of two or more digits, thousands separators removed and a decimal
  comma read as a point, so that "3,200" and "3.200" meet, and "6,1" meets "6.1".
* ``d:<MM-DD>``: a day of a month named in the text in any of several languages ("28 janvier",
  "28 de enero", "January 28th" → ``d:01-28``): dates cross languages as names do.

Weighting (IDF, per-type weights) is the grouper's business: IDF is corpus state
(:mod:`storyline.group.weighting`, whose names this module re-exports). The country
table is read from CLDR once per process (about 2 s); per token it is one dict lookup, cached
with the token's keys.
Tokenisation is one regex (no spaCy), and only the first 20,000 characters are read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import chain
from typing import Any

from storyline.group.caseless import cjk_bigrams, is_cjk, token_places
from storyline.group.folding import MAX_CHARS, fold, fold_head, name_skeleton
from storyline.group.months import MONTHS
from storyline.group.stopwords import ALL_STOPWORDS, stopwords_for
from storyline.group.weighting import DocumentFrequencies, add_language_marks, dot, weigh, weigh_two
from storyline.lang import available, pack
from storyline.lang.places import choose_place, cldr_place_counts, is_territory
from storyline.model import Article

__all__ = ["DocumentFrequencies", "Features", "date_keys", "day_to_iso", "dot", "extract_features", "fold",
           "fold_head", "name_skeleton", "parse_day", "place_codes", "token_keys", "weigh", "weigh_two"]

_DIGIT = re.compile(r"\d")
_JOINERS = re.compile(r"[-.,'’_]")
_TOKEN = re.compile(r"\w+(?:[-.,'’]\w+)*")
def _trie_pattern(words: Iterable[str]) -> str:
    """A regex matching the same as the alternation of ``words`` longest first, as a trie.

    Python's regex engine tries the branches of an alternation one by one at every position;
    the trie rejects a non-matching position at its first character. Among the words that match
    at one position (each a prefix of the next), greedy optional suffixes try the longest first,
    as the longest-first alternation does, so matches and groups are the same.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        parts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        if "" in node:
            return (body if len(parts) > 1 else "(?:" + body + ")") + "?"
        return body

    return emit(trie)


_MONTH = "(" + _trie_pattern(MONTHS) + r")\.?"
_DAY = r"([0-3]?\d)(?:st|nd|rd|th|er|º|°)?"
_DATE = re.compile(rf"\b(?:{_DAY}\s+(?:de\s+|of\s+)?{_MONTH}|{_MONTH}\s+{_DAY})\b")
_GROUPED = re.compile(r"\d{1,3}(?:([.,\u00a0 ])\d{3})(?:\1\d{3})*")
_STEM_LENGTH = 6
_MAX_CHARS = MAX_CHARS


@dataclass(frozen=True, slots=True)
class Features:
    """What grouping knows about one article.

    Attributes:
        article_id: The article's id.
        counts: Typed key (``w:``, ``n:``, ``k:``, ``#:``) to count, title tokens counted extra.
        day: The publication date as a proleptic Gregorian ordinal, or None when unknown.
    """

    article_id: str
    counts: dict[str, float]
    day: int | None


def parse_day(published: str | None) -> int | None:
    """The date part of an ISO 8601 date or datetime as an ordinal, or None if absent or invalid."""
    if not published:
        return None
    try:
        return date.fromisoformat(published.strip()[:10]).toordinal()
    except ValueError:
        return None


def day_to_iso(day: int | None) -> str | None:
    """Inverse of :func:`parse_day`."""
    return None if day is None else date.fromordinal(day).isoformat()


def token_keys(text: str, stopwords: frozenset[str]) -> list[str]:
    """The typed keys of every token of a text, in order (with repeats)."""
    return list(_iter_token_keys(text, stopwords))


def _iter_token_keys(text: str, stopwords: frozenset[str]) -> Iterator[str]:
    # Iterated in C (findall, map, chain): a Python loop over tokens costs more than the lookups.
    tokens = _TOKEN.findall(text[:_MAX_CHARS])
    return chain.from_iterable(map(_key_cache(stopwords).__getitem__, tokens))


class _KeyCache(dict[str, tuple[str, ...]]):
    """Token → :func:`_keys_of` for one stopword list; computed on a miss, cleared when full.

    Memoised because news vocabulary repeats a lot. A dict subclass rather than ``lru_cache``:
    a hit is one dict lookup (no argument tuple, no recency list), and the function is pure, so
    what is cached or evicted never changes a result.
    """

    def __init__(self, stopwords: frozenset[str], max_size: int = 1 << 18) -> None:
        super().__init__()
        self.stopwords = stopwords
        self.max_size = max_size

    def __missing__(self, token: str) -> tuple[str, ...]:
        if len(self) >= self.max_size:
            self.clear()
        keys = self[token] = _keys_of(token, self.stopwords)
        return keys


_KEY_CACHES: dict[frozenset[str], _KeyCache] = {}


def _key_cache(stopwords: frozenset[str]) -> _KeyCache:
    cache = _KEY_CACHES.get(stopwords)
    if cache is None:
        if len(_KEY_CACHES) >= 64:
            _KEY_CACHES.clear()
        cache = _KEY_CACHES[stopwords] = _KeyCache(stopwords)
    return cache


def _keys_of(token: str, stopwords: frozenset[str]) -> tuple[str, ...]:
    """The typed keys of one token (see :func:`token_keys`)."""
    if token.endswith(("'s", "'S", "’s")):
        token = token[:-2]
    lower = fold(token)
    if not token.isalpha():
        if _DIGIT.search(token):
            return tuple(_number_keys(lower))
        token, lower = _JOINERS.sub("", token), _JOINERS.sub("", lower)
        if not token:
            return ()
    if lower in stopwords or len(lower) < 2:
        return ()
    if token[0].isupper():
        skeleton = name_skeleton(token)
        place = place_codes().get(lower)
        if place:  # the country in every language and script, as its loose key
            return ("n:" + skeleton, "c:" + place) if len(skeleton) >= 2 else ("c:" + place,)
        return ("n:" + skeleton, "k:" + skeleton[:3]) if len(skeleton) >= 2 else ()
    if token[0].isalpha() and not token[0].islower():
        # A script without case (Arabic, Chinese): names cannot be told from words, so countries
        # and towns are found by name (group/caseless.py) and keyed as their Latin names are.
        if is_cjk(token[0]):
            return tuple("w:" + bigram for bigram in cjk_bigrams(lower)) + _place_keys(token_places(lower))
        return ("w:" + lower[:_STEM_LENGTH],) + _place_keys(token_places(lower))
    if len(lower) < 3:
        return ()
    return ("w:" + lower[:_STEM_LENGTH],)


def _place_keys(places: list[tuple[str, str, str, str]]) -> tuple[str, ...]:
    """``c:<code>`` for a country, the name keys of its Latin name for a town."""
    keys: list[str] = []
    for kind, key, latin, _ in places:
        if kind == "c":
            keys.append("c:" + key)
        elif len(skeleton := name_skeleton(latin)) >= 2:
            keys.extend(("n:" + skeleton, "k:" + skeleton[:3]))
    return tuple(keys)


@lru_cache(maxsize=1)
def place_codes() -> dict[str, str]:
    """Folded one-token country name of any CLDR locale → its code (``libia``, ``libye``,
    ``ليبيا``, ``利比亚`` → ``LY``), plus the packs' one-token ``place_aliases`` (``eeuu`` →
    ``US``). Built once per process from :mod:`storyline.lang.places`. Regions and cities are
    left out: on ECB+ they moved story F1 down (cities' names are the skeleton's business)."""
    claims: dict[str, Counter[str]] = {}
    for name, key, count in cldr_place_counts():
        tokens = _TOKEN.findall(fold(name))
        while len(tokens) > 1 and tokens[0] in ALL_STOPWORDS:
            tokens.pop(0)  # "Le Caire", "El Cairo", "Il Cairo"
        if len(tokens) == 1 and (len(tokens[0]) >= 4 or not tokens[0].isascii()):
            claims.setdefault(_JOINERS.sub("", tokens[0]), Counter())[key] += count
    table = {name: key for name, votes in claims.items()
             if (key := choose_place(votes)) is not None and is_territory(key)}
    for code in available():
        for alias, key in pack(code).topic("resolution").get("place_aliases", {}).items():
            tokens = _TOKEN.findall(fold(alias))
            if len(tokens) == 1:
                table[_JOINERS.sub("", tokens[0])] = str(key)
    return table


def date_keys(text: str) -> list[str]:
    """``d:MM-DD`` keys of the day-and-month dates a text names, in order."""
    keys = []
    for match in _DATE.finditer(fold_head(text)):
        day = int(match.group(1) or match.group(4))
        month = MONTHS[match.group(2) or match.group(3)]
        if 1 <= day <= 31:
            keys.append(f"d:{month:02d}-{day:02d}")
    return keys


def _number_keys(lower: str) -> list[str]:
    if _GROUPED.fullmatch(lower):
        digits = re.sub(r"\D", "", lower)  # thousands separators: "3,200", "3.200"
    elif lower.count(",") == 1 and "." not in lower:
        digits = lower.replace(",", ".")  # a decimal comma: "6,1"
    else:
        digits = lower.replace(",", "")
    keys: list[str] = []
    if digits.isdigit() or digits.replace(".", "", 1).isdigit():
        if len(digits) >= 2:
            keys.append("#:" + digits)
        return keys
    # A code such as "S-400" or "F-35": keep it whole, and its number alone.
    keys.append("w:" + lower.replace("-", ""))
    number = "".join(ch for ch in lower if ch.isdigit())
    if len(number) >= 2:
        keys.append("#:" + number)
    return keys


#: A word opening a sentence or a line, with what precedes it. It starts with a character class
#: (no ``^`` branch), which the regex engine scans for quickly; the text is read with a newline
#: put before it, and a sentence end must be followed by a space (checked on each match).
_OPENING = re.compile(r"([.!?\u2026\n]['\"\u00bb\u201d)]?[ \t\n]*"
                      r"[\u00ab\"\u201c\u2018'(\u00bf\u00a1\u2014\u2013-]*[ \t]?)([^\W\d_]{2,})")


def sentence_case(text: str) -> tuple[str, list[str]]:
    """``text`` with the capital of each word that opens a sentence or a line lowered, unless the
    word is a country's name, and the words so lowered ("Manifestations de soutien…" →
    "manifestations de soutien…", ``["Manifestations"]``).

    A capital there says nothing about the word, so a sentence-initial common word of any
    language ("Mientras", "Consejo", "Selon") does not become a name key that a report in
    another language can never share. :func:`extract_features` gives a lowered word its name keys
    back when the report also writes it capitalised inside a sentence (a name). One regex pass.
    """
    lowered: list[str] = []
    places = place_codes()

    def uncap(match: re.Match[str]) -> str:
        word, before = match.group(2), match.group(1)
        if (word[0].isupper() and word[1].islower() and (before[0] == "\n" or before[1:].strip() != before[1:])
                and fold(word) not in places):
            lowered.append(word)
            return before + word[0].lower() + word[1:]
        return match.group(0)

    return _OPENING.sub(uncap, "\n" + text)[1:], lowered


def _name_keys(text: str, stopwords: frozenset[str]) -> Counter[str]:
    """The keys of a text read with :func:`sentence_case`: a word opening a sentence counts as a
    word when the text also writes it (or its stem) in lower case elsewhere and never
    capitalised inside a sentence; otherwise as the name it looks like."""
    cased, lowered = sentence_case(text)
    counts: Counter[str] = Counter(_iter_token_keys(cased, stopwords))
    if not lowered:
        return counts
    cache = _key_cache(stopwords)
    openings = Counter(lowered)
    for word, n in openings.items():
        keys = cache[word]
        plain = cache[word[0].lower() + word[1:]]
        if not keys or not plain:
            continue
        if keys[0] in counts or counts[plain[0]] <= n:  # a name, or a word only seen opening
            for key in plain:
                counts[key] -= n
                if counts[key] <= 0:
                    del counts[key]
            for key in keys:
                counts[key] += n
    return counts


def extract_features(article: Article, *, title_weight: float = 2.0) -> Features:
    """The features of one article.

    Args:
        article: The article; ``language`` picks the stopword list (all lists when unknown).
        title_weight: How much a title token counts relative to a body token.

    Returns:
        The article's Features.
    """
    stopwords = stopwords_for(article.language)
    counts = _name_keys(article.text[:_MAX_CHARS], stopwords)
    counts.update(date_keys(article.text))
    result: dict[str, float] = {key: float(n) for key, n in counts.items()}
    if article.title and title_weight:
        for key in _name_keys(article.title, stopwords).elements():
            result[key] = result.get(key, 0.0) + title_weight
    add_language_marks(result, article.language)
    return Features(article_id=article.id, counts=result, day=parse_day(article.published))
