"""The numbers and negations of a sentence, for fact comparison (:mod:`storyline.reconcile.fact_features`).

**Quantities.** Each number (digits, or a number word of the report's language, with a following
multiplier: "2.5 million", "dix-sept", "un millier": :mod:`storyline.reconcile.fact_number_words`)
with the content stem it counts (the first content word after it, else before) and the plain
words around it. A number that names rather than counts is left out: part of a
designation after a short capital code ("AK 47", "F - 35", as tokenised text spaces them) or a
clock time ("13 : 26"); tokenised thousands ("15 , 800") are read as one number.

**Negation.** The words a negation cue governs (the next content word, adverbs such as "yet"
skipped; "hadn ' t" and "cant" read as cues) and the positive forms of negatively prefixed words
("incompatible" -> "compatible"). The cues are English; other languages' statements carry no
negation here, so they never clash on it.

Cost: one regex pass per sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from babel.core import UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol

from storyline.analyze.speaker_names import fold
from storyline.reconcile.fact_number_words import NumberWords, number_words
from storyline.reconcile.fact_units import MAX_PHRASE, bound_before, unit_after
from storyline.reconcile.quote_merge import STOPWORDS

__all__ = ["NUMBER_CONTEXT", "Quantity", "asserted_subject", "negated", "negated_subject", "quantities", "same_arguments"]

#: Content words either side of a counted quantity that make its context (what the number is about).
NUMBER_CONTEXT = 3

_TOKEN_RE = re.compile(r"[\w'\u2019]+")
#: A short capitalised code right before a number makes it a designation ("AK 47", "F - 35").
_CODE_BEFORE_RE = re.compile(r"(?<![\w])[A-Z]{1,4}\s*-?\s*$")
#: Thousands split by commas (as tokenised text spaces them too: "15 , 800"), in every language.
_COMMA_GROUPS = r"\d{1,3}(?:[ \t]?,[ \t]?\d{3})+(?!\d)"
#: Thousands split by points ("35.500", "1.200.000"), where the language groups digits so.
_POINT_GROUPS = r"\d{1,3}(?:\.\d{3})+(?![\d.])"
#: Thousands split by spaces ("35 500", no-break spaces too), where the language groups digits so.
_SPACE_GROUPS = r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])"
_NEGATIONS = frozenset("not no never without nor neither cannot n't nobody none nothing".split()
                       + "cant dont wont didnt doesnt isnt wasnt werent arent hadnt hasnt havent couldnt "
                         "wouldnt shouldnt".split())  # and as typed without the apostrophe
#: Adverbs between a negation and what it negates ("not yet known", "not always used").
_NEGATION_ADVERBS = frozenset("yet always ever still even really quite fully entirely necessarily".split())
_SPACED_NT_RE = re.compile(r"n\s+'\s*t\b")
_NEG_PREFIXES = ("non", "dis", "un", "in", "im", "ir", "il")
#: Content words after a negation cue that it still governs ("not always use them").
_NEGATION_REACH = 1


class Quantity(NamedTuple):
    """One quantity of a sentence.

    ``value`` is in its dimension's base unit for a measure (see
    :mod:`storyline.reconcile.fact_units`); ``counted`` the content stem it counts (a measure's
    is ``"<dimension>:<stem>"``, so that a length never meets a count); ``bound`` is ``=``,
    ``>=``, ``<=`` or ``~``; ``start`` and ``end`` its characters in the sentence."""

    value: float
    counted: str | None
    around: frozenset[str]
    bound: str = "="
    measure: bool = False
    start: int = 0
    end: int = 0


def quantities(sentence: str, language: str | None = None) -> list[Quantity]:
    """The quantities of the sentence, in order (see :class:`Quantity`), number words read in
    ``language`` (:func:`storyline.reconcile.fact_number_words.number_words`) and digits as the
    language groups and points them (:func:`_number_format`)."""
    words = number_words(language)
    token_re, group, decimal = _number_format(language)
    matches = list(token_re.finditer(sentence))
    tokens = [m.group() for m in matches]
    folded = [fold(t) for t in tokens]
    out: list[Quantity] = []
    i = 0
    while i < len(matches):
        value, j = _number_at(sentence, matches, folded, i, words, decimal)
        if value is None:
            i += 1
            continue
        while j < len(tokens) and folded[j] in words.multipliers:
            value *= words.multipliers[folded[j]]
            j += 1
        unit = unit_after(folded[j : j + MAX_PHRASE])
        if unit is not None:
            value *= unit[1]
            j += unit[2]
        if unit is None:
            head = _content_stem(tokens[j:j + 3], words) or _content_stem(reversed(tokens[max(0, i - 2):i]), words)
        else:  # a measure's thing is the noun it modifies ("15,800-square-metre building"), else its predicate
            glued = j < len(tokens) and not sentence[matches[j - 1].end() : matches[j].start()].strip(" -")
            head = (_content_stem(tokens[j:j + 1], words) if glued else None) \
                or _content_stem(reversed(tokens[max(0, i - 2):i]), words)
        around = _context(tokens[j:], head, words) | _context(reversed(tokens[:i]), head, words) if head else frozenset()
        counted = f"{unit[0]}:{head or ''}" if unit is not None else head
        out.append(Quantity(value, counted, around, bound_before(folded[max(0, i - MAX_PHRASE):i]),
                            unit is not None, matches[i].start(), matches[j - 1].end()))
        i = j
    return out


def _number_at(sentence: str, matches: list[re.Match[str]], folded: list[str], i: int,
               words: NumberWords, decimal: str = ".") -> tuple[float | None, int]:
    """The number starting at token ``i`` and the token after it: digits, a number word, a tens
    word hyphenated to a unit word ("dix-sept", "twenty-five"), or a word for one right before a
    multiplier ("un millier")."""
    word = folded[i]
    if word in words.ones and i + 1 < len(folded) and folded[i + 1] in words.multipliers:
        return 1.0, i + 1
    value = words.values.get(word)
    if value is None:
        return _number_value(sentence, matches[i], decimal), i + 1
    following = words.values.get(folded[i + 1]) if i + 1 < len(folded) else None
    if following is not None and following < 10 and value % 10 == 0 and 10 <= value < 100 \
            and sentence[matches[i].end() : matches[i + 1].start()] == "-":
        return value + following, i + 2
    return value, i + 1


def _number_value(sentence: str, match: re.Match[str], decimal: str = ".") -> float | None:
    """The value of a number token, or ``None`` for a word that is no number and for a number
    that names rather than counts: glued to a word or code ("F-35", "06:44", "2-1"), after a
    short capitalised code ("AK 47", "S 400", as tokenised text spaces them), or a clock time
    ("13 : 26")."""
    token = match.group()
    if not token[:1].isdigit():
        return None
    before, after = sentence[: match.start()], sentence[match.end():]
    if before[-1:] and (before[-1].isalnum() or before[-1] in "_-/.:") or after[:1] and (
            after[0].isalnum() or after[0] in "_:" or re.match(r"-\d", after)):
        return None
    if _CODE_BEFORE_RE.search(before) or before.rstrip().endswith(":") or after.lstrip().startswith(":"):
        return None
    if decimal == "," and re.fullmatch(r"\d+,\d+", token) and not re.fullmatch(r"\d{1,3}(?:,\d{3})+", token):
        return float(token.replace(",", "."))  # "2,5 millions"
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token) and decimal == ",":
        return float(token.replace(".", ""))  # "35.500 personnes"
    return float(re.sub(r"[\s,\u00a0\u202f]", "", token))


@lru_cache(maxsize=64)
def _number_format(language: str | None) -> tuple[re.Pattern[str], str, str]:
    """The token pattern of a language's numbers and its CLDR group and decimal symbols (Babel):
    Spanish, Italian and German group thousands with a point and French and Russian with a
    (no-break) space, and all of them mark decimals with a comma, so "35.500", "35 500" and
    "35,500" are one count, and "2,5" is two and a half. Where the decimal mark is a comma, points
    between groups of three digits group thousands whatever CLDR's group symbol (French pages
    write "35.500" too); comma-grouped thousands ("15,800") are read as such in every language
    (Latin American Spanish groups so), and "2.5" is a decimal everywhere."""
    try:
        group, decimal = get_group_symbol(language or "en"), get_decimal_symbol(language or "en")
    except (UnknownLocaleError, ValueError):
        group, decimal = ",", "."
    parts = [_COMMA_GROUPS]
    if decimal == ",":  # a point is no decimal mark there: "35.500" in a French page too
        parts.append(_POINT_GROUPS)
    if group.isspace():
        parts.append(_SPACE_GROUPS)
    if decimal == ",":
        parts.append(r"\d+,\d+(?!\d)")
    parts += [r"\d+(?:\.\d+)?", r"[\w'\u2019]+", "%"]
    return re.compile("|".join(parts)), group, decimal


def _context(tokens: Iterable[str], counted: str | None, words: NumberWords) -> frozenset[str]:
    """The first :data:`NUMBER_CONTEXT` plain content words (lower case, or numbers) of ``tokens``,
    as stems, leaving out the counted word itself: capitalised words (names) are not predicates."""
    out: list[str] = []
    for token in tokens:
        if len(out) >= NUMBER_CONTEXT:
            break
        lower = fold(token)
        if lower in STOPWORDS or lower in words.multipliers or lower in words.values or token[:1].isupper():
            continue
        if len(lower) < 3 and not lower.isdigit() or lower[:1].isdigit() and not lower.replace(".", "").isdigit():
            continue  # a name such as "76ers" is no predicate
        stem = lower if lower.replace(".", "").isdigit() else lower[:5]
        if stem != counted:
            out.append(stem)
    return frozenset(out)


def _content_stem(tokens: Iterable[str], words: NumberWords) -> str | None:
    for token in tokens:
        lower = fold(token)
        if lower in STOPWORDS or lower.isdigit() or len(lower) < 3 or lower in words.multipliers:
            continue
        return lower[:5]
    return None


def negated(sentence: str) -> set[str]:
    """Words governed by a negation cue, and the positive forms of negatively prefixed words
    ("incompatible" -> "compatible"): both spellings of a negated statement give the same words."""
    out: set[str] = set()
    reach = 0
    text = _SPACED_NT_RE.sub("n't", fold(sentence).replace("\u2019", "'"))  # "hadn ' t", as tokenised text has it
    tokens = _TOKEN_RE.findall(text)
    for i, token in enumerate(tokens):
        if (token in _NEGATIONS or token.endswith("n't")) and tokens[i + 1 : i + 2] != ["only"]:
            reach = _NEGATION_REACH
            continue
        if token in STOPWORDS or len(token) < 3 or reach and token in _NEGATION_ADVERBS:
            continue
        if reach:
            out.add(token)
            reach -= 1
            continue
        if token.startswith(_NEG_PREFIXES):
            for prefix in _NEG_PREFIXES:
                if token.startswith(prefix) and len(token) - len(prefix) >= 6:
                    out.add(token[len(prefix):])
                    break
    return out


#: Share of the smaller subject two sides of a negation clash must have in common.
MIN_SUBJECT_OVERLAP = 0.5
#: Punctuation that ends the clause a predicate's subject is read back to.
_SUBJECT_STOPS = frozenset(",;:()\u2013\u2014\"")
_SUBJECT_TOKEN_RE = re.compile(r"[\w'\u2019]+|[,;:()\u2013\u2014\"]")


def negated_subject(sentence: str, word: str) -> frozenset[str]:
    """The content stems before the negation cue that governs ``word`` (or before the negatively
    prefixed word that holds it: "incompatible"), back to the clause's punctuation: the subject
    and what else the predicate says of ("Results of Williams' test have not been released")."""
    tokens = _subject_tokens(sentence)
    for i, token in enumerate(tokens):
        prefixed = token != word and token.endswith(word) and token.startswith(_NEG_PREFIXES)
        if token == word and any(_is_negation(t) for t in tokens[max(0, i - 4) : i]) or prefixed:
            cue = i if prefixed else max(k for k in range(max(0, i - 4), i) if _is_negation(tokens[k]))
            return _stems_before(tokens, cue)
    return frozenset()


def asserted_subject(sentence: str, word: str) -> frozenset[str]:
    """The content stems before ``word`` back to the clause's punctuation ("he has been booked and
    later released" -> booked, later)."""
    tokens = _subject_tokens(sentence)
    return next((_stems_before(tokens, i) for i, token in enumerate(tokens) if token == word), frozenset())


def same_arguments(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two predicates' subjects are one: both known and sharing :data:`MIN_SUBJECT_OVERLAP` of the smaller."""
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= MIN_SUBJECT_OVERLAP


def _subject_tokens(sentence: str) -> list[str]:
    text = _SPACED_NT_RE.sub("n't", fold(sentence).replace("\u2019", "'"))
    return _SUBJECT_TOKEN_RE.findall(text)


def _is_negation(token: str) -> bool:
    return token in _NEGATIONS or token.endswith("n't")


def _stems_before(tokens: list[str], end: int) -> frozenset[str]:
    out: set[str] = set()
    for token in reversed(tokens[:end]):
        if token in _SUBJECT_STOPS:
            break
        if token not in STOPWORDS and len(token) >= 3 and not token.isdigit() and not _is_negation(token):
            out.add(token.removesuffix("'s")[:5])
    return frozenset(out)
