"""Per-article features that survive rewrites, translations and mangled names.

An article becomes a bag of typed keys with counts:

* ``w:<stem>``: a content word, accent-folded and lowercased, stopwords removed, cut to its first
  six letters. The cut is a crude stemmer that also lets cognates meet across languages
  ("nuclear", "nucléaire", "nucleare" → ``w:nuclea``).
* ``n:<skeleton>``: a name-like token (capitalised, not a stopword) as a consonant skeleton, so that
  spelling and transliteration variants meet ("Valescu", "Vălescu", "Valesku" → ``n:vrsk``).
* ``k:<key>``: the skeleton's first three letters, a looser key for heavier mangling
  ("Cavusoglu", "Çavuşoğlu" → ``kvskr``, "Chavushoru" → ``kvsr``; all three → ``k:kvs``).
* ``#:<number>``: a number of two or more digits, thousands separators removed and a decimal
  comma read as a point, so that "3,200" and "3.200" meet, and "6,1" meets "6.1".
* ``d:<MM-DD>``: a day of a month named in the text in any of several languages ("28 janvier",
  "28 de enero", "January 28th" → ``d:01-28``): dates cross languages as names do.

Weighting (IDF, per-type weights) is the grouper's business: IDF is corpus state.
Tokenisation is one regex (no spaCy), and only the first 20,000 characters are read.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from storyline.group.months import MONTHS
from storyline.group.stopwords import stopwords_for
from storyline.model import Article

#: Characters that NFKD does not decompose into a base letter plus accent.
_SPECIAL_FOLDS = str.maketrans(
    {"ı": "i", "ø": "o", "Ø": "O", "ß": "ss", "ł": "l", "Ł": "L", "æ": "ae", "Æ": "AE",
     "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D", "þ": "th", "ð": "d", "’": "'"}
)
_DIGIT = re.compile(r"\d")


def _combining_class() -> re.Pattern[str]:
    # Every combining code point (unicodedata.combining != 0) below U+20000, as one character
    # class: removing them with one regex is exact and much faster than a per-character loop.
    runs: list[tuple[int, int]] = []
    for code in range(0x20000):
        if unicodedata.combining(chr(code)):
            if runs and runs[-1][1] == code - 1:
                runs[-1] = (runs[-1][0], code)
            else:
                runs.append((code, code))
    return re.compile("[" + "".join(re.escape(chr(a)) + "-" + re.escape(chr(b))
                                    for a, b in runs) + "]")


_COMBINING = _combining_class()
_JOINERS = re.compile(r"[-.,'’_]")
_TOKEN = re.compile(r"\w+(?:[-.,'’]\w+)*")
_DIGRAPHS = (("sch", "s"), ("dzh", "j"), ("kh", "h"), ("sh", "s"), ("ch", "c"), ("zh", "j"),
             ("ph", "f"), ("th", "t"), ("gh", "g"), ("ck", "k"), ("qu", "k"), ("ks", "x"))
_LETTER_CLASSES = str.maketrans({"c": "k", "q": "k", "g": "k", "x": "s", "z": "s", "w": "v",
                                 "y": "i", "j": "i", "l": "r", "d": "t", "b": "p"})
_VOWELS = frozenset("aeiouh")
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"([0-3]?\d)(?:st|nd|rd|th|er|º|°)?"
_DATE = re.compile(rf"\b(?:{_DAY}\s+(?:de\s+|of\s+)?{_MONTH}|{_MONTH}\s+{_DAY})\b")
_GROUPED = re.compile(r"\d{1,3}(?:([.,\u00a0 ])\d{3})(?:\1\d{3})*")
_STEM_LENGTH = 6
_MAX_CHARS = 20_000


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


def fold(text: str) -> str:
    """Lowercase and strip accents: "Çavuşoğlu" → "cavusoglu"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL_FOLDS))
    return _COMBINING.sub("", decomposed).lower()


def name_skeleton(token: str) -> str:
    """A spelling-tolerant key for a name: folded, digraphs merged, inner vowels dropped.

    Args:
        token: One name token in any spelling.

    Returns:
        The first letter (class-mapped) followed by the consonant classes, repeats collapsed;
        "Blinken" and "Blincoln" both start with "brn", "Okonjo" and "Okondzho" give "okn".
    """
    word = "".join(ch for ch in fold(token) if ch.isalpha())
    for digraph, single in _DIGRAPHS:
        word = word.replace(digraph, single)
    word = word.translate(_LETTER_CLASSES)
    if not word:
        return ""
    out = [word[0]]
    for ch in word[1:]:
        if ch not in _VOWELS and ch != out[-1]:
            out.append(ch)
    return "".join(out)


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
    keys: list[str] = []
    for match in _TOKEN.finditer(text[:_MAX_CHARS]):
        keys.extend(_keys_of(match.group(), stopwords))
    return keys


@lru_cache(maxsize=1 << 18)
def _keys_of(token: str, stopwords: frozenset[str]) -> tuple[str, ...]:
    # Memoised: a pure function of its arguments, and news vocabulary repeats a lot.
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
        if len(skeleton) < 2:
            return ()
        return ("n:" + skeleton, "k:" + skeleton[:3])
    if len(lower) < 3:
        return ()
    return ("w:" + lower[:_STEM_LENGTH],)


def date_keys(text: str) -> list[str]:
    """``d:MM-DD`` keys of the day-and-month dates a text names, in order."""
    keys = []
    for match in _DATE.finditer(fold(text[:_MAX_CHARS])):
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


def extract_features(article: Article, *, title_weight: float = 2.0) -> Features:
    """The features of one article.

    Args:
        article: The article; ``language`` picks the stopword list (all lists when unknown).
        title_weight: How much a title token counts relative to a body token.

    Returns:
        The article's Features.
    """
    stopwords = stopwords_for(article.language)
    counts: Counter[str] = Counter(token_keys(article.text, stopwords))
    counts.update(date_keys(article.text))
    result: dict[str, float] = {key: float(n) for key, n in counts.items()}
    if article.title and title_weight:
        for key in token_keys(article.title, stopwords):
            result[key] = result.get(key, 0.0) + title_weight
    return Features(article_id=article.id, counts=result, day=parse_day(article.published))


class DocumentFrequencies:
    """Online document frequencies of feature keys, for IDF weighting as articles stream in.

    Args:
        max_keys: When more keys than this are counted, keys seen in one document only are dropped
            (they cannot link two articles anyway), so memory stays bounded.
    """

    def __init__(self, *, max_keys: int = 2_000_000) -> None:
        self.max_keys = max_keys
        self.n_docs_ = 0
        self.counts_: dict[str, int] = {}

    def add(self, keys: Iterable[str]) -> None:
        """Count one document's distinct keys."""
        counts = self.counts_
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
        self.n_docs_ += 1
        if len(counts) > self.max_keys:
            self.counts_ = {key: n for key, n in counts.items() if n > 1}

    def idf(self, key: str) -> float:
        """Smoothed IDF, ``log((1 + N) / (1 + df)) + 1`` as in scikit-learn."""
        return math.log((1 + self.n_docs_) / (1 + self.counts_.get(key, 0))) + 1.0

    def to_state(self) -> dict[str, Any]:
        """JSON-able state."""
        return {"max_keys": self.max_keys, "n_docs": self.n_docs_, "counts": dict(self.counts_)}

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> DocumentFrequencies:
        """Inverse of :meth:`to_state`."""
        table = cls(max_keys=int(state["max_keys"]))
        table.n_docs_ = int(state["n_docs"])
        table.counts_ = {str(k): int(v) for k, v in state["counts"].items()}
        return table


def weigh(counts: Mapping[str, float], table: DocumentFrequencies | Mapping[str, float],
          type_weights: Mapping[str, float]) -> dict[str, float]:
    """A unit-length vector: sublinear TF x IDF x the weight of the key's type (its prefix).

    Args:
        counts: Key counts from :class:`Features`.
        table: Document frequencies for IDF, or the IDF of every key of ``counts`` (computed
            once per article when several vectors are weighed).
        type_weights: Weight per key prefix ("w", "n", "k", "#"); a missing prefix weighs 0.

    Returns:
        Key to weight, L2-normalised (empty when nothing weighs).
    """
    idf = table.idf if isinstance(table, DocumentFrequencies) else table.__getitem__
    vector: dict[str, float] = {}
    for key, count in counts.items():
        type_weight = type_weights.get(key[0], 0.0)
        if type_weight > 0 and count > 0:
            vector[key] = (1.0 + math.log(count)) * idf(key) * type_weight
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {key: w / norm for key, w in vector.items()} if norm else {}


def dot(small: Mapping[str, float], large: Mapping[str, float]) -> float:
    """Dot product of two sparse vectors; pass the shorter one first."""
    return sum(w * large.get(key, 0.0) for key, w in small.items())
