"""Quote-mark pairing: which marks of a text open and close a quotation, in every language.

Every style of :data:`QUOTE_PAIRS` is paired: ``"…"``, ``“…”``, German ``„…“`` and ``‚…‘``,
French ``« … »`` (with its spaces inside, plain or non-breaking), ``» … «``, ``‹ … ›``,
``「…」``. A quote may span sentences and, by the newspaper convention (no closer at the
paragraph end, an opener at the next one), paragraphs. Apostrophes are not quote marks, but two
of them (``''...''``, the New York Times archive's typesetting) are one mark; unbalanced marks
are dropped. A double mark set off by a space from a nested single quote still closes
(``'outreach,' "``) or opens it. One pass over the marks, linear in the text.

Dialogue dashes (Spanish, also French and Italian typesetting): a paragraph opening with an em
dash is a turn; :func:`find_dialogue_dashes` gives the opening dash and, as the closer, the dash
of the narrator's aside (``—No cederemos —dijo el ministro—.``) or the paragraph's end.
"""

from __future__ import annotations

import re

from storyline.model import Span

__all__ = ["CLOSER_OF", "OPENERS", "QUOTE_PAIRS", "find_dialogue_dashes", "find_quote_marks"]

#: Quote marks: opener -> the closers it pairs with.
QUOTE_PAIRS: dict[str, tuple[str, ...]] = {
    '"': ('"',),
    "\u201c": ("\u201d", "\u201c"),  # “ ... ” (or “ ... “ in careless typesetting)
    "\u201e": ("\u201c", "\u201d"),  # „ ... “ (German) or „ ... ” (Polish)
    "\u201a": ("\u2018", "\u2019"),  # ‚ ... ‘ (German single)
    "\u00ab": ("\u00bb",),  # « ... »
    "\u00bb": ("\u00ab",),  # » ... « (Danish, German)
    "\u2039": ("\u203a",),  # ‹ ... ›
    "\u300c": ("\u300d",),  # 「 ... 」
    "\u300e": ("\u300f",),  # 『 ... 』
    "\u2018": ("\u2019",),  # ‘ ... ’
    "''": ("''",),  # ''...'' (two apostrophes: the New York Times' archive typesetting)
    "'": ("'",),
}

#: Closer -> openers, derived from QUOTE_PAIRS.
CLOSER_OF: dict[str, tuple[str, ...]] = {
    closer: tuple(op for op, closers in QUOTE_PAIRS.items() if closer in closers)
    for closer in {c for closers in QUOTE_PAIRS.values() for c in closers}
}

_MARK_RE = re.compile(
    "''|[" + re.escape("".join(m for m in set(QUOTE_PAIRS) | set(CLOSER_OF) if len(m) == 1)) + "]"
)
_SINGLE = {"'", "''", "\u2018", "\u2019"}
#: Guillemets, which French typesetting sets off from the quotation by a (non-breaking) space:
#: « and ‹ open, » and › close that way (the reversed German »...« takes no spaces).
_SPACED_OPEN = frozenset("\u00ab\u2039")
_SPACED_CLOSE = frozenset("\u00bb\u203a")
_MAX_QUOTE_CHARS = 6000
#: Single marks that end (or open) a nested quotation set off from the outer mark by a space.
_NESTED_CLOSE = frozenset({"'", "\u2019"})
_NESTED_OPEN = frozenset({"'", "\u2018"})
#: Marks that open a quotation (the straight apostrophe excluded: it is mostly an apostrophe).
OPENERS = frozenset(m for m in QUOTE_PAIRS if len(m) == 1) - {"'"}
#: A paragraph opening with a dialogue dash, and the dash of an aside inside it.
_DIALOGUE_RE = re.compile(r"^[ \t]*([\u2014\u2015])(?=\S)", re.MULTILINE)
_ASIDE_RE = re.compile(r"\s[\u2014\u2015](?=\w)")


def find_dialogue_dashes(text: str) -> list[tuple[Span, Span]]:
    """``(opener, closer)`` of each paragraph that opens with a dialogue dash: the closer is the
    dash that opens the narrator's aside (``—dijo X``), else an empty span at the paragraph's end.
    Linear in the text."""
    pairs: list[tuple[Span, Span]] = []
    for match in _DIALOGUE_RE.finditer(text):
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        aside = _ASIDE_RE.search(text, match.end(), end)
        closer = Span(aside.start() + 1, aside.start() + 2) if aside else Span(end, end)
        if closer.start - match.end() > 2:
            pairs.append((Span(match.start(1), match.end(1)), closer))
    return pairs


def find_quote_marks(text: str) -> list[tuple[Span, Span]]:
    """Pair the quote marks of ``text``.

    Marks inside an open quotation are skipped; when that quotation is abandoned (never closed,
    longer than ``_MAX_QUOTE_CHARS``, or broken by a paragraph that does not re-open it), the
    marks inside it are paired again, so that a stray straight ``"`` cannot hide the curly
    quotes after it. Each abandoned stretch is scanned once more, inside itself only.

    Args:
        text: Any text.

    Returns:
        ``(opener, closer)`` span pairs in text order; quotes nested inside a quote are not listed.
    """
    pairs: list[tuple[Span, Span]] = []
    regions = [(0, len(text))]
    while regions:
        start, end = regions.pop()
        _pair_region(text, start, end, pairs, regions)
    pairs.sort(key=lambda p: p[0].start)
    return pairs


def _pair_region(text: str, start: int, end: int, pairs: list[tuple[Span, Span]],
                 abandoned: list[tuple[int, int]]) -> None:
    open_at = -1
    open_mark = ""
    for match in _MARK_RE.finditer(text, start, end):
        pos, mark = match.start(), match.group()
        if open_at >= 0 and pos - open_at > _MAX_QUOTE_CHARS:
            abandoned.append((open_at + len(open_mark), pos))
            open_at = -1
        if open_at >= 0:
            if mark in QUOTE_PAIRS.get(open_mark, ()) and _can_close(text, pos, mark):
                if _continues_paragraph(text, pos, mark):
                    continue
                if "\n" not in text[open_at:pos] or _paragraphs_chain(text, open_at, pos, open_mark):
                    pairs.append((Span(open_at, open_at + len(open_mark)), Span(pos, match.end())))
                else:
                    abandoned.append((open_at + len(open_mark), pos))
                open_at = -1
            elif mark == open_mark and _can_open(text, pos, mark) and not _paragraph_start(text, pos):
                abandoned.append((open_at + len(open_mark), pos))
                open_at = pos  # a stray opener: restart from here
            continue
        if mark in QUOTE_PAIRS and _can_open(text, pos, mark):
            open_at, open_mark = pos, mark
    if open_at >= 0:
        abandoned.append((open_at + len(open_mark), end))


def _can_open(text: str, pos: int, mark: str) -> bool:
    end = pos + len(mark)
    after = text[end : end + 1]
    if after == " " and mark not in _SINGLE and text[end + 1 : end + 2] in _NESTED_OPEN:
        after = text[end + 1]  # '" \'Tis the season,\' she sang"': a space sets off a nested quote
    if after in " \u00a0\u202f" and mark in _SPACED_OPEN:
        after = text[end + 1 : end + 2]  # "« Nous": French sets a space inside the guillemets
        if after in CLOSER_OF:
            return False  # "« »": nothing inside
    if not after or after.isspace():
        return False
    before = text[pos - 1 : pos]
    if mark in _SINGLE or mark == '"':
        return not before or not (before.isalnum() or before in ".,;!?")
    return True


def _can_close(text: str, pos: int, mark: str) -> bool:
    before = text[pos - 1 : pos]
    if before == " " and mark not in _SINGLE and text[pos - 2 : pos - 1] in _NESTED_CLOSE:
        return True  # "... the term 'African American outreach,' " he told: a nested quote's end
    if before in " \u00a0\u202f" and mark in _SPACED_CLOSE:
        before = text[pos - 2 : pos - 1]
    if not before or before.isspace():
        return False
    if mark in _SINGLE:
        after = text[pos + len(mark) : pos + len(mark) + 1]
        return not after or not after.isalnum()
    return True


def _paragraph_start(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip()


def _continues_paragraph(text: str, pos: int, mark: str) -> bool:
    """A straight ``"`` opening a new paragraph continues an open multi-paragraph quote."""
    return mark in {'"', "''"} and _paragraph_start(text, pos) and _can_open(text, pos, mark)


def _paragraphs_chain(text: str, start: int, end: int, opener: str) -> bool:
    """Each paragraph break inside ``[start, end)`` is followed by a re-opening mark."""
    for match in re.finditer(r"\n\s*", text[start:end]):
        nxt = start + match.end()
        if nxt < end and not text.startswith(opener, nxt):
            return False
    return True

