"""The numbers and negations of a sentence, for fact comparison (:mod:`storyline.reconcile.fact_features`).

**Quantities.** Each number (digits, or an English number word, with a following multiplier:
"2.5 million") with the content stem it counts (the first content word after it, else before) and
the plain words around it. A number that names rather than counts is left out: part of a
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

from storyline.analyze.speaker_names import fold
from storyline.reconcile.quote_merge import STOPWORDS

__all__ = ["NUMBER_CONTEXT", "negated", "quantities"]

#: Content words either side of a counted quantity that make its context (what the number is about).
NUMBER_CONTEXT = 3

_TOKEN_RE = re.compile(r"[\w'\u2019]+")
_NUMBER_RE = re.compile(r"(?<![\w\-/.:])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w\-:]|\.\d)")
#: A short capitalised code right before a number makes it a designation ("AK 47", "F - 35").
_CODE_BEFORE_RE = re.compile(r"(?<![\w])[A-Z]{1,4}\s*-?\s*$")
_NUMBER_TOKEN_RE = re.compile(r"\d+(?:\.\d+)?(?![\w.]\d)|[\w'\u2019]+")
_MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
                "trillion": 1_000_000_000_000}
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "twenty": 20,
                 "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100}
_NEGATIONS = frozenset("not no never without nor neither cannot n't nobody none nothing".split()
                       + "cant dont wont didnt doesnt isnt wasnt werent arent hadnt hasnt havent couldnt "
                         "wouldnt shouldnt".split())  # and as typed without the apostrophe
#: Adverbs between a negation and what it negates ("not yet known", "not always used").
_NEGATION_ADVERBS = frozenset("yet always ever still even really quite fully entirely necessarily".split())
_SPACED_NT_RE = re.compile(r"n\s+'\s*t\b")
_NEG_PREFIXES = ("non", "dis", "un", "in", "im", "ir", "il")
#: Content words after a negation cue that it still governs ("not always use them").
_NEGATION_REACH = 1


def quantities(sentence: str) -> list[tuple[float, str | None, frozenset[str]]]:
    """``(value, counted stem or None, context)`` for each quantity of the sentence."""
    sentence = re.sub(r"(?<=\d) ?, ?(?=\d{3}\b)", "", sentence)  # "15,800", tokenised "15 , 800"
    tokens = _NUMBER_TOKEN_RE.findall(sentence)
    numbers = {m.group(1).replace(",", "") for m in _NUMBER_RE.finditer(sentence) if not _designation_number(sentence, m)}
    out: list[tuple[float, str | None, frozenset[str]]] = []
    for i, token in enumerate(tokens):
        value = _number_value(token, numbers)
        if value is None:
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].lower() in _MULTIPLIERS:
            value *= _MULTIPLIERS[tokens[j].lower()]
            j += 1
        counted = _content_stem(tokens[j:j + 3]) or _content_stem(reversed(tokens[max(0, i - 2):i]))
        around = _context(tokens[j:], counted) | _context(reversed(tokens[:i]), counted) if counted else frozenset()
        out.append((value, counted, around))
    return out


def _designation_number(sentence: str, match: re.Match[str]) -> bool:
    """A number that names rather than counts: part of a designation after a short capitalised
    code ("AK 47", "F 35", "S 400", as tokenised text spaces them), or a clock time ("13 : 26")."""
    before, after = sentence[: match.start()], sentence[match.end():]
    return bool(_CODE_BEFORE_RE.search(before) or before.rstrip().endswith(":") or after.lstrip().startswith(":"))


def _context(tokens: Iterable[str], counted: str | None) -> frozenset[str]:
    """The first :data:`NUMBER_CONTEXT` plain content words (lower case, or numbers) of ``tokens``,
    as stems, leaving out the counted word itself: capitalised words (names) are not predicates."""
    out: list[str] = []
    for token in tokens:
        if len(out) >= NUMBER_CONTEXT:
            break
        lower = fold(token)
        if lower in STOPWORDS or lower in _MULTIPLIERS or lower in _NUMBER_WORDS or token[:1].isupper():
            continue
        if len(lower) < 3 and not lower.isdigit():
            continue
        stem = lower if lower.replace(".", "").isdigit() else lower[:5]
        if stem != counted:
            out.append(stem)
    return frozenset(out)


def _number_value(token: str, numbers: set[str]) -> float | None:
    lower = token.lower()
    if lower in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[lower])
    if not token[:1].isdigit() or not token.replace(".", "").isdigit():
        return None
    # Designations (S-400, F-35), clock times (06:44) and years inside names are dropped by the regex check.
    if token not in numbers:
        return None
    return float(token)


def _content_stem(tokens: Iterable[str]) -> str | None:
    for token in tokens:
        lower = fold(token)
        if lower in STOPWORDS or lower.isdigit() or len(lower) < 3 or lower in _MULTIPLIERS:
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
