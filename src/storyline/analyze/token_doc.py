"""A text with its token index, and the small span helpers every quote pass uses.

:class:`TokenDoc` tokenises once (a regex pass; an inverted clitic pronoun, ``déclare-t-il``, is
split off its verb) and answers "tokens between two offsets" by bisection; it carries the
:class:`~storyline.analyze.quote_cues.SpeechCues` of the text's language, so every scan reads
its words from there. :func:`clause_end`, :func:`trim`, :func:`inside` and
:func:`title_before` are linear in the window they read.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from storyline.analyze.quote_cues import SpeechCues, speech_cues
from storyline.analyze.quote_marks import OPENERS
from storyline.analyze.sentences import TITLES
from storyline.model import Span

__all__ = ["TokenDoc", "clause_end", "inside", "title_before", "trim"]

_TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|\d+(?:/\d+)+|\w+(?:['\u2019\-]\w+)*|\S")


@dataclass(slots=True)
class TokenDoc:
    """The text, its sentences, its tokens (start, end) and the speech cues of its language."""

    text: str
    sentences: list[Span]
    tokens: list[tuple[int, int]] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    sent_starts: list[int] = field(default_factory=list)
    cues: SpeechCues = field(default_factory=speech_cues)
    #: The text lower-cased once, offsets kept ("" where lowering changes its length, "İ"): a
    #: token's lower-case form is ``low[start:end]`` without a ``lower()`` per token.
    low: str = ""

    def __post_init__(self) -> None:
        self.tokens = _tokens(self.text, self.cues)
        low = self.text.lower()
        self.low = low if len(low) == len(self.text) else ""
        self.starts = [s for s, _ in self.tokens]
        self.sent_starts = [s.start for s in self.sentences]

    def sentence_start(self, pos: int) -> int:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        return self.sent_starts[i] if i >= 0 else 0

    def tokens_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The tokens that start at or after ``start`` and end by ``end``. Tokens do not overlap,
        so only the last one that starts before ``end`` may run past it."""
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        found = self.tokens[lo:hi]
        if found and found[-1][1] > end:
            found.pop()
        return found

    def word(self, token: tuple[int, int]) -> str:
        return self.text[token[0] : token[1]]

    def lower_word(self, start: int, end: int) -> str:
        """``text[start:end].lower()``, read from the text lowered once where offsets allow."""
        return self.low[start:end] if self.low else self.text[start:end].lower()


def _tokens(text: str, cues: SpeechCues) -> list[tuple[int, int]]:
    """Word and punctuation tokens; an inverted clitic pronoun after a cue or auxiliary
    (``déclare-t-il``, ``a-t-elle``) is split off as a token of its own (the ``-t-`` dropped)."""
    tokens = [m.span() for m in _TOKEN_RE.finditer(text)]
    marks = {c[:1] for c in cues.clitic_pronouns}
    if not any(mark in text for mark in marks):
        return tokens  # no clitic can end a token: each starts with its hyphen ("-il"), absent here
    out: list[tuple[int, int]] = []
    for start, end in tokens:
        word = text[start:end]
        if not any(mark in word for mark in marks):  # most tokens: no clitic can end them
            out.append((start, end))
            continue
        low = word.lower()
        clitic = next((c for c in cues.clitic_pronouns if low.endswith(c) and len(low) > len(c)), None)
        head_word = low[: len(low) - len(clitic)] if clitic else ""
        if clitic is None or (head_word not in cues.cue_forms and head_word not in cues.inverted_aux
                              and head_word not in cues.after_quote_cues):
            out.append((start, end))
            continue
        head = end - len(clitic)
        out.append((start, head))
        out.append((end - len(clitic.lstrip("-t").lstrip("-")), end))
    return out


#: The characters :func:`clause_end` reacts to (the others it steps over, in C).
_CLAUSE_MARKS = re.compile("[" + re.escape("".join(sorted(set("!?\n;().") | OPENERS))) + "]")


def clause_end(text: str, start: int, limit: int) -> int:
    """Where the clause from ``start`` ends: the first of ``!?;``, a line break, an opening quote
    mark (after the first two characters), or a period outside brackets that ends no title or
    initial and has no comma after it; else ``limit``. Only the marks are visited."""
    limit = min(limit, len(text))
    depth = 0  # a "." inside brackets ("(D-Md.)") ends no clause
    for match in _CLAUSE_MARKS.finditer(text, start, limit):
        i = match.start()
        char = text[i]
        if char in "!?\n;" or (i > start + 1 and char in OPENERS):
            return i
        depth += (char == "(") - (char == ")" and depth > 0)
        if char == "." and not depth and not title_before(text, i) and text[i + 1 : i + 2] != ",":
            return i  # ". ," is an abbreviation ("McConnell, R-Ky., said")
    return limit


def title_before(text: str, dot: int) -> bool:
    """The period at ``dot`` ends a title or an initial (``Mr.``, ``Rev.``, ``D.``)."""
    before = text[max(0, dot - 6) : dot].split()
    if not before:
        return False
    word = before[-1]
    if word.lower() in TITLES or (len(word) == 1 and word.isupper()):
        return True
    # a run of initials before a name ("G.K. Butterfield"), not an acronym ending a sentence
    return _INITIALS_RE.fullmatch(word) is not None and _NAME_NEXT_RE.match(text, dot + 1) is not None


#: An initial or a run of them before a period: ``D``, ``G.K``, ``J.R.R``.
_INITIALS_RE = re.compile(r"(?:[A-Z]\.)+[A-Z]")
_NAME_NEXT_RE = re.compile(r" [A-Z][a-z]+\b(?! [a-z])")


def trim(text: str, start: int, end: int) -> Span | None:
    """Strip whitespace and trailing ``.,;:`` (and a leading conjunction) off a content range."""
    while start < end and (text[start].isspace() or text[start] in ".,;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    lead = re.match(r"(?:And|But|So|Yet)\s+", text[start:end])
    if lead is not None:
        start += lead.end()
    return Span(start, end) if end > start else None


def inside(ranges: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(ranges, (pos, 1 << 62)) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]
