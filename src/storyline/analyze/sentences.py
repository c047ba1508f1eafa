"""A fast, regex-based sentence splitter for news text.

Rules, in order:

* Every newline is a hard boundary: news paragraphs (and scraper leftovers such as headline
  lists) are separated by newlines, and no sentence of ours crosses one.
* Inside a line, a boundary candidate is a run of ``.``, ``!``, ``?`` or ``…``, optionally
  followed by closing quote marks or brackets (``."``, ``?”``, ``.)``), then whitespace. A
  decimal (``3.5``) or a domain (``example.com``) has no whitespace after its period and is never
  a candidate.
* A candidate is rejected when the next word starts with a lowercase letter (``the U.S. and``),
  when the word before the period is a title or an initial (``Dr.``, ``Gov.``, ``J. Smith``),
  when a month or ``No.`` abbreviation is followed by a number (``Jan. 20``), or when a dotted
  abbreviation (``U.S.``, ``a.m.``) is followed by a capitalised word that is not a common
  sentence opener (``U.S. President`` continues, ``the U.S. The next`` splits).

* End punctuation glued to a capitalised word or an opening ``¿``/``¡`` after a plain lowercase
  word ("tomado.¿Cómo", "hacerlo.Será": crawled pages that lost a space) is a boundary too.

Spans are stripped of surrounding whitespace; whitespace-only lines give no sentence. The work
is linear in the length of the text: one ``finditer`` per line with no nested quantifiers.
"""

from __future__ import annotations

import re

from storyline.model import Span

__all__ = ["split_sentences"]

#: Abbreviations after which a period never ends a sentence (lowercase, without the period).
TITLES = frozenset(
    "mr mrs ms dr prof gov sen rep gen col lt sgt capt cmdr adm maj st jr sr rev hon pres "
    "supt det insp amb atty fr mt ft messrs mme mlle sra sr srta vs v cf approx dept est fig".split()
)
#: Abbreviations that end a sentence unless a number follows (``Jan. 20``, ``No. 3``).
NUMBER_ABBREVIATIONS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos vol p pp art sec ch".split()
)
#: Company-style abbreviations: they end a sentence only before a sentence opener.
SOFT_ABBREVIATIONS = frozenset("inc corp ltd co bros etc al".split())
#: Words that commonly open a sentence; after ``U.S.`` or ``Inc.`` they signal a boundary.
SENTENCE_OPENERS = frozenset(
    "the a an he she it they we i you this that these those there his her its their our but "
    "and or so yet however meanwhile in on at for from after before when while if as since "
    "according asked still also some many most both one two three no not what who why how "
    "earlier later last next mr mrs ms dr".split()
)

_LINE_RE = re.compile(r"[^\n]+")
_TOKEN_BEFORE_RE = re.compile(r"\S*$")
_TOKEN_AFTER_RE = re.compile(r"[.!?]+\S*")
_DOTTED_RE = re.compile(r"\w\.\w")  # "www.Google.Com": a host name, not two sentences
#: End punctuation, then either closing marks (and the dash Spanish headline lists put after a
#: period: "la revuelta.- Al menos 13 muertos") and whitespace, or, glued to the next sentence as
#: crawled pages that lost a space write it ("tomado.¿Cómo se llamará", "hacerlo.Será el partido"),
#: an opening ¿ or ¡ or a capitalised word (group ``spaced`` unset; kept only after a plain
#: lowercase word: :func:`_glued_boundary`). One scan finds both.
_CANDIDATE_RE = re.compile(r"[.!?\u2026]+(?:(?P<spaced>[\"'\u201d\u2019\u00bb\u203a)\]\u300d\u300f]*(?:-(?=\s))?\s+)"
                           r"|(?=[¿¡]|[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]))")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_NEXT_WORD_RE = re.compile(r"[\"'\u201c\u2018\u00ab(\[]*(\w+)")


def split_sentences(text: str) -> list[Span]:
    """Split ``text`` into sentence spans.

    Args:
        text: Any text; newlines separate paragraphs.

    Returns:
        Sentence spans in text order, each stripped of surrounding whitespace, non-empty and
        non-overlapping.
    """
    spans: list[Span] = []
    for line in _LINE_RE.finditer(text):
        start = line.start()
        for match in _CANDIDATE_RE.finditer(text, line.start(), line.end()):
            if _glued_boundary(text, match.start()) if match.group("spaced") is None \
                    else _is_boundary(text, match.start(), match.end(), line.end()):
                _append(spans, text, start, match.end())
                start = match.end()
        _append(spans, text, start, line.end())
    return spans


def _glued_boundary(text: str, dot: int) -> bool:
    """Whether glued punctuation ends a sentence: the word before it is plain lowercase letters
    (no dot, slash, @ or digit: not a domain, path, address or code), and the word after it is
    no dotted name ("www.Google.Com")."""
    token = _TOKEN_BEFORE_RE.search(text, max(0, dot - 64), dot)
    word = token.group().lstrip("¡¿\"'«(“‘") if token else ""
    following = _TOKEN_AFTER_RE.match(text, dot)
    return len(word) > 1 and word.isalpha() and word.islower() \
        and not (following and _DOTTED_RE.search(following.group()))


def _append(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start > 2 and text[end - 1] == "-" and text[end - 2] in ".!?":
        end -= 1  # the headline list's dash belongs to no sentence ("la revuelta.- Al menos")
    if end > start:
        spans.append(Span(start, end))


def _is_boundary(text: str, dot: int, after: int, line_end: int) -> bool:
    """Decide whether the punctuation at ``dot`` (whitespace ends at ``after``) ends a sentence."""
    next_match = _NEXT_WORD_RE.match(text, after, line_end)
    if next_match is None:
        return True
    next_word = next_match.group(1)
    if next_word[0].islower():
        return False
    if text[dot] != ".":
        return True
    before = _WORD_BEFORE_RE.search(text, max(0, dot - 24), dot + 1)
    if before is None:
        return True
    word = before.group(1)
    key = word.lower().rstrip(".")
    if len(word) == 1 and word.isupper():
        return False  # an initial: "J. Smith"
    if key in TITLES:
        return False
    if key in NUMBER_ABBREVIATIONS:
        return not next_word[0].isdigit()
    if "." in word or key in SOFT_ABBREVIATIONS:
        return next_word.lower() in SENTENCE_OPENERS
    return True
