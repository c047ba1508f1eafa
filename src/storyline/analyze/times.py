"""Time expressions: recognition and TIMEX3 normalisation against a report's date.

``find_times`` runs the rules of :mod:`storyline.analyze.time_rules` over the text (one code
path for every language: the words come from the language's pack, ``lang/<code>/time.toml``),
keeps the longest non-overlapping matches and resolves relative ones ("on Wednesday", "el
pasado viernes", "the 10th", "l'anno scorso") against the anchor, the report's own date,
reading the tense of the sentence to choose the direction. ``infer_report_date`` guesses that date from the report's absolute expressions
when the metadata lacks it.

Example:
    >>> [m.value for m in find_times("He said on Wednesday.", date(2021, 2, 11))]
    ['2021-02-10']
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from storyline.analyze import time_resolve as tr
from storyline.analyze.time_patterns import ABBREVIATIONS, DECADE, DIGITS, ORDINAL
from storyline.analyze.time_rules import Context, build_rules
from storyline.analyze.time_years import apply_years
from storyline.model import Span, TimeMention

__all__ = ["DEFAULT_MAX_CHARS", "TimeTagger", "find_times", "infer_report_date"]

#: Longest text read, in characters; a news report is far shorter, and the bound keeps a
#: pathological input from costing more than a second.
DEFAULT_MAX_CHARS = 1_000_000

#: How far (characters) a rule's match may reach beyond its head, on either side; the longest
#: prefix ("the beginning of early") and suffix (", 1998 EDT on Wednesday") are far shorter.
_REACH = 60
_LAST_TOKEN = re.compile(r"[A-Za-z.]+$")
_YEAR_BACK = re.compile(r"^(?:an?|one)\s+year\s+(?:ago|earlier)$|^year-(?:earlier|ago)$", re.I)
#: How far (characters) a quarter named earlier still frames "a year ago" (one paragraph).
_QUARTER_REACH = 600
_QUARTER_TALK = re.compile(r"\b(?:quarter|quarterly|period)\b", re.I)


def find_times(
    text: str,
    anchor: date | None,
    *,
    language: str = "en",
    max_chars: int = DEFAULT_MAX_CHARS,
) -> list[TimeMention]:
    """Find and normalise the time expressions of ``text``.

    Args:
        text: the report's text; spans are character offsets into it.
        anchor: the report's date, against which relative expressions are resolved; ``None``
            leaves them underspecified (``XXXX-12``, ``XXXX-WXX-3``).
        language: ISO 639-1 code; its pack (``lang/<code>/time.toml``) gives the words of
            every rule (an unknown code: the union of all packs). English constructions
            (fiscal quarters, spoken years) apply to every language.
        max_chars: only the first ``max_chars`` characters are read.

    Returns:
        The mentions in text order, none overlapping another.
    """
    if not text or not text.strip():
        return []
    text = text[:max_chars]
    ctx = Context(text=text, anchor=anchor, language=(language or "en").lower()[:2])
    found: list[tuple[int, int, int, str, str | None]] = []
    index = _token_index(text, ctx.language)
    present = frozenset(index)
    windows: dict[frozenset[str], list[tuple[int, int]]] = {}  # rules share head words: ~27 rules, ~8 sets
    for rank, (heads, pattern, handler) in enumerate(build_rules(ctx.language)):
        if heads.isdisjoint(present):
            continue
        inner = "x" in pattern.groupindex  # a rule whose context (a preposition) stays out of the span
        found_heads = heads & present
        spans = windows.get(found_heads)
        if spans is None:
            spans = windows[found_heads] = _windows(found_heads, index, len(text))
        for low, high in spans:
            for match in pattern.finditer(text, low, high):
                start, end = match.span("x") if inner and match["x"] else match.span()
                if end == start:
                    continue
                result = handler(match, ctx)
                if result is not None:
                    found.append((start, end, rank, *result))
    mentions = apply_years(_longest_first(found, text), text, anchor, ctx.language)
    return _year_ago_quarters(mentions, ctx)


def _windows(
    heads: frozenset[str], index: dict[str, list[tuple[int, int]]], size: int
) -> list[tuple[int, int]]:
    """Merged ``(start, end)`` windows of ``_REACH`` characters around each head token."""
    spans = sorted(span for word in heads & index.keys() for span in index[word])
    windows: list[tuple[int, int]] = []
    for start, end in spans:
        low, high = max(0, start - _REACH), min(size, end + _REACH)
        if windows and low <= windows[-1][1]:
            windows[-1] = (windows[-1][0], high)
        else:
            windows.append((low, high))
    return windows


def _longest_first(
    found: list[tuple[int, int, int, str, str | None]], text: str
) -> list[TimeMention]:
    """Keep the longest candidates that overlap no longer (or earlier-ranked) one."""
    taken = bytearray(len(text))
    kept: list[TimeMention] = []
    for start, end, _, kind, value in sorted(found, key=lambda f: (f[0] - f[1], f[2], f[0])):
        start, end = _trim(text, start, end)
        if end <= start or any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        kept.append(TimeMention(span=Span(start, end), type=kind, value=value))
    return sorted(kept, key=lambda m: m.span.start)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " \t\n,;:-":
        end -= 1
    if end > start and text[end - 1] == ".":
        word = _LAST_TOKEN.search(text, start, end - 1)
        if word is None or word.group(0).lower() not in ABBREVIATIONS:
            end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _year_ago_quarters(mentions: list[TimeMention], ctx: Context) -> list[TimeMention]:
    """"a year ago" in a sentence about a quarter means that quarter of the year before."""
    quarter: tuple[str, int] | None = None
    out: list[TimeMention] = []
    for mention in mentions:
        value = mention.value or ""
        if re.fullmatch(r"\d{4}-Q\d", value):
            quarter = (value, mention.span.end)
        elif quarter and _YEAR_BACK.match(mention.span.text_in(ctx.text)):
            s_start, s_end = ctx.sentence(mention.span.start)
            near = mention.span.start - quarter[1] < _QUARTER_REACH
            if near or _QUARTER_TALK.search(ctx.text, s_start, s_end):
                mention = TimeMention(mention.span, mention.type, tr.shift_value(quarter[0], -1))
        out.append(mention)
    return out


class TimeTagger:
    """The time-expression stage: ``TimeTagger(language="en")(text, anchor)``.

    Args:
        language: default language of the texts it is called on.
        max_chars: only the first ``max_chars`` characters of a text are read.
    """

    def __init__(self, *, language: str = "en", max_chars: int = DEFAULT_MAX_CHARS) -> None:
        self.language = language
        self.max_chars = max_chars

    @property
    def config(self) -> dict[str, Any]:
        """The constructor's parameters; ``TimeTagger(**tagger.config)`` rebuilds the stage."""
        return {"language": self.language, "max_chars": self.max_chars}

    def __call__(
        self, text: str, anchor: date | None, *, language: str | None = None
    ) -> list[TimeMention]:
        """Tag ``text``; see :func:`find_times`. ``language`` overrides the default."""
        return find_times(
            text, anchor, language=language or self.language, max_chars=self.max_chars
        )

    def __repr__(self) -> str:
        return f"TimeTagger(language={self.language!r}, max_chars={self.max_chars})"


def infer_report_date(text: str, *, language: str = "en") -> tuple[date | None, float]:
    """Guess a report's date from its own absolute time expressions.

    A full date near the top (a dateline) is taken with confidence 0.9. Otherwise a report
    comes after what it tells, so the latest full date is taken (0.6, or 0.7 when said twice);
    failing that, the last day of the latest month (0.3) or year (0.1) mentioned.

    Returns:
        ``(date, confidence)``, or ``(None, 0.0)`` when the text holds no absolute date.
    """
    mentions = [m for m in find_times(text, None, language=language) if m.type == "DATE"]
    days, months, years = [], [], []
    for mention in mentions:
        value = mention.value or ""
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            days.append((date.fromisoformat(value), mention.span.start))
        elif re.fullmatch(r"\d{4}-\d{2}", value):
            months.append(_month_end(int(value[:4]), int(value[5:])))
        elif re.fullmatch(r"\d{4}", value):
            years.append(date(int(value), 12, 31))
    head = [d for d, start in days if start < 300]
    if head:
        return head[0], 0.9
    if days:
        latest = max(d for d, _ in days)
        return latest, 0.7 if sum(d == latest for d, _ in days) > 1 else 0.6
    if months:
        return max(months), 0.3
    if years:
        return max(years), 0.1
    return None, 0.0


def _month_end(year: int, month: int) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return first_next - timedelta(days=1)


_TOKEN = re.compile(r"\w+")
_DIGIT_TOKEN = re.compile(r"(?<!\w)\d\w*")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_DECADE = re.compile(r"\d*0s")


@lru_cache(maxsize=8)
def _head_words(language: str) -> frozenset[str]:
    return frozenset().union(*(heads for heads, _, _ in build_rules(language)))


def _find_word(text: str, word: str) -> list[tuple[int, int]]:
    """Spans of ``word`` as a whole word (a literal search is far faster than a regex)."""
    spans, size, pos = [], len(word), text.find(word)
    while pos != -1:
        end = pos + size
        if (pos == 0 or not _is_word_char(text[pos - 1])) and (
            end == len(text) or not _is_word_char(text[end])
        ):
            spans.append((pos, end))
        pos = text.find(word, pos + 1)
    return spans


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _token_index(text: str, language: str) -> dict[str, list[tuple[int, int]]]:
    """Head word → its ``(start, end)`` spans in ``text``; digit tokens under their shape.

    Only words that some rule heads on are indexed: the distinct words of the text are
    intersected with the heads first, and each word present is then found by a literal search.
    """
    low = text.lower()
    if len(low) != len(text):  # a few characters lengthen when lowered ("İ"); keep offsets
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    index: dict[str, list[tuple[int, int]]] = {}
    for word in set(_TOKEN.findall(low)) & _head_words(language):
        spans = _find_word(low, word)
        if spans:
            index[word] = spans
    for match in _DIGIT_TOKEN.finditer(low):
        token = match.group()
        shape = (
            ORDINAL if _ORDINAL.fullmatch(token) else DECADE if _DECADE.fullmatch(token)
            else DIGITS  # "2011", and clock times written in one token: "15h30", "5pm"
        )
        if shape:
            index.setdefault(shape, []).append(match.span())
    return index
