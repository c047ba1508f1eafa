"""Quotations, direct and indirect, with their speaker and cue: a rule-based finder.

The finder works on one text in four passes, each linear in the text (bounded windows, no
nested regex quantifiers):

1. **Quote marks** are paired (:func:`find_quote_marks`) in every style of
   :data:`~storyline.analyze.quote_cues.QUOTE_PAIRS`. A quote may span sentences and, by the
   newspaper convention (no closer at the paragraph end, an opener at the next one), paragraphs.
   Apostrophes are not quote marks; unbalanced marks are dropped.
2. **Direct quotes** take their cue and speaker from right after the closer (``," Price told
   reporters``; ``," said Price``) or right before the opener (``Kirby said on Friday: "``). A
   quote interrupted by its attribution (``"We are open," Akar added, "to negotiating"``) gives
   one Quote per part, sharing speaker and cue. A quote with no attribution inherits the
   speaker of the previous quote in the same or the previous paragraph; short ones (under
   ``min_unattributed_words``) are taken for scare quotes and dropped.
3. **Indirect speech**, per sentence, outside direct quotes: ``X said (that) ...``,
   ``..., X said``, ``..., said X``, ``according to X, ...``, ``X told reporters ...``,
   ``X was cited as saying ...`` and ``..., saying ...`` (the subject speaks). A partial quote
   inside indirect content is absorbed by it; the kind is ``direct`` only when the content is
   one whole quotation.
4. **Speakers** are resolved (:class:`_Resolver`): a name is
   stripped of its title ("State Department spokesman Ned Price" -> "Ned Price") and a bare
   surname linked to the full name; a pronoun goes to the most recent person named before it
   (outside quotations); a role ("the spokesman") to the one person named earlier with that role,
   and stays unresolved when there are none or several.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from storyline.analyze import quote_cues as cues
from storyline.analyze.sentences import TITLES, split_sentences
from storyline.model import Mention, Quote, Span

__all__ = ["QuoteFinder", "find_quote_marks", "find_quotes"]

_TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:['\u2019\-]\w+)*|\S")
_MARK_RE = re.compile("[" + re.escape("".join(set(cues.QUOTE_PAIRS) | set(cues.CLOSER_OF))) + "]")
_MULTI_RE = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(c).replace(r"\ as\ ", r"(?:\s+[\w'\u2019\-]+){0,3}?\s+as\s+").replace(r"\ ", r"\s+")
        for c in cues.MULTIWORD_CUES
    )
    + r")\b",
    re.IGNORECASE,
)
_ADVERBIAL_RE = re.compile(
    r"(?:\s*,?\s*(?:(?:on|in|at|during|late|early|last|this|earlier|later)\s+(?:the\s+|a\s+|an\s+)?"
    r"[\w'\u2019\-]+(?:\s+(?:with|to|on|of)\s+(?:the\s+|a\s+)?[\w'\u2019\-]+)?|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|again|also|"
    r"repeatedly|publicly|later|earlier|recently|previously|then|once)\b)){0,3}"
)
_ADVERBIAL_END_RE = re.compile(
    r"(?:\s+(?:on|in|at|last|this|earlier|late|early)\s+(?:the\s+)?(?:[A-Z][a-z]+|\d{4}|week|"
    r"month|year|night|morning|afternoon|evening|weekend)\b)?\s*$"
)
_THAT_RE = re.compile(r"\s*(?:,\s*)?(?:that\b|:)")
_TRANSCRIPT_RE = re.compile(r"[\"\u201c]?([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,2}):[ \t]+(?=\S)")
_SINGLE = {"'", "\u2018", "\u2019"}
_NO_GAP = r"[.;:!?\"\u201c\u201d]|\b(?:who|which|said|says)\b"
_MAX_QUOTE_CHARS = 6000
_WINDOW = 160

Kind = Literal["direct", "indirect"]


@dataclass(slots=True)
class _Found:
    """A quote under construction; turned into a :class:`Quote` at the end."""

    content: Span
    kind: Kind
    speaker: Span | None = None
    cue: Span | None = None
    inherited: str | None = None  # speaker entity inherited from a previous quote


@dataclass(slots=True)
class _Doc:
    text: str
    sentences: list[Span]
    tokens: list[tuple[int, int]] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    sent_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.tokens = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(self.text)]
        self.starts = [s for s, _ in self.tokens]
        self.sent_starts = [s.start for s in self.sentences]

    def sentence_start(self, pos: int) -> int:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        return self.sent_starts[i] if i >= 0 else 0

    def tokens_in(self, start: int, end: int) -> list[tuple[int, int]]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [t for t in self.tokens[lo:hi] if t[1] <= end]

    def word(self, token: tuple[int, int]) -> str:
        return self.text[token[0] : token[1]]


def find_quote_marks(text: str) -> list[tuple[Span, Span]]:
    """Pair the quote marks of ``text``.

    Args:
        text: Any text.

    Returns:
        ``(opener, closer)`` span pairs in text order; quotes nested inside a quote are not listed.
    """
    pairs: list[tuple[Span, Span]] = []
    open_at = -1
    open_mark = ""
    for match in _MARK_RE.finditer(text):
        pos, mark = match.start(), match.group()
        if open_at >= 0 and pos - open_at > _MAX_QUOTE_CHARS:
            open_at = -1
        if open_at >= 0:
            if mark in cues.QUOTE_PAIRS.get(open_mark, ()) and _can_close(text, pos, mark):
                if _continues_paragraph(text, pos, mark):
                    continue
                if "\n" not in text[open_at:pos] or _paragraphs_chain(text, open_at, pos, open_mark):
                    pairs.append((Span(open_at, open_at + 1), Span(pos, pos + 1)))
                open_at = -1
            elif mark == open_mark and _can_open(text, pos, mark) and not _paragraph_start(text, pos):
                open_at = pos  # a stray opener: restart from here
            continue
        if mark in cues.QUOTE_PAIRS and _can_open(text, pos, mark):
            open_at, open_mark = pos, mark
    return pairs


def _can_open(text: str, pos: int, mark: str) -> bool:
    after = text[pos + 1 : pos + 2]
    if not after or after.isspace():
        return False
    before = text[pos - 1 : pos]
    if mark in _SINGLE or mark == '"':
        return not before or not (before.isalnum() or before in ".,;!?")
    return True


def _can_close(text: str, pos: int, mark: str) -> bool:
    before = text[pos - 1 : pos]
    if not before or before.isspace():
        return False
    if mark in _SINGLE:
        after = text[pos + 1 : pos + 2]
        return not after or not after.isalnum()
    return True


def _paragraph_start(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip()


def _continues_paragraph(text: str, pos: int, mark: str) -> bool:
    """A straight ``"`` opening a new paragraph continues an open multi-paragraph quote."""
    return mark == '"' and _paragraph_start(text, pos) and _can_open(text, pos, mark)


def _paragraphs_chain(text: str, start: int, end: int, opener: str) -> bool:
    """Each paragraph break inside ``[start, end)`` is followed by a re-opening mark."""
    for match in re.finditer(r"\n\s*", text[start:end]):
        nxt = start + match.end()
        if nxt < end and text[nxt] != opener:
            return False
    return True


class QuoteFinder:
    """Component that finds the quotes of a text.

    Args:
        min_unattributed_words: Shortest direct quote kept without a cue or speaker; shorter
            ones are usually scare quotes or titles.
        with_indirect: Also find indirect speech.
    """

    def __init__(self, *, min_unattributed_words: int = 5, with_indirect: bool = True) -> None:
        self.min_unattributed_words = min_unattributed_words
        self.with_indirect = with_indirect

    def __call__(
        self,
        text: str,
        sentences: Sequence[Span] | None = None,
        entities: Sequence[Mention] | None = None,
    ) -> list[Quote]:
        """Find the quotes of ``text``; see the module docstring for the rules."""
        if not text.strip():
            return []
        sents = list(sentences) if sentences is not None else split_sentences(text)
        doc = _Doc(text, sents)
        found = _direct_quotes(doc, self.min_unattributed_words)
        if self.with_indirect:
            found = _merge(doc, found, _indirect_quotes(doc, sents, found))
        found.extend(_transcript_quotes(doc, found))
        found.sort(key=lambda f: f.content.start)
        return _Resolver(text, entities, _quote_ranges(found)).resolve(found)


def find_quotes(
    text: str, sentences: list[Span] | None = None, entities: list[Mention] | None = None
) -> list[Quote]:
    """Find direct and indirect quotes with their speakers and cues.

    Args:
        text: The article text.
        sentences: Sentence spans, if already computed (else :func:`split_sentences` is used).
        entities: Named-entity mentions, used for pronoun resolution and speaker names.

    Returns:
        Quotes in text order; every span slices ``text``.
    """
    return QuoteFinder()(text, sentences, entities)


# -- direct quotes -------------------------------------------------------------------------


def _direct_quotes(doc: _Doc, min_words: int) -> list[_Found]:
    found: list[_Found] = []
    pairs = find_quote_marks(doc.text)
    for index, (opener, closer) in enumerate(pairs):
        content = _trim(doc.text, opener.end, closer.start)
        if content is None:
            continue
        quote = _Found(content, "direct")
        _attribute_after(doc, closer.end, quote) or _attribute_before(doc, opener.start, quote)
        if quote.cue is None and found and _interrupted(doc.text, pairs, index):
            previous = found[-1]
            quote.speaker, quote.cue = previous.speaker, previous.cue
        elif quote.cue is None and quote.speaker is None:
            if len(doc.text[content.start : content.end].split()) < min_words:
                continue
            if found and _near(doc.text, found[-1].content.end, opener.start):
                quote.speaker = found[-1].speaker
        found.append(quote)
    return found


def _interrupted(text: str, pairs: list[tuple[Span, Span]], index: int) -> bool:
    """The previous quote's attribution ends with a comma right before this opener."""
    if index == 0:
        return False
    gap = text[pairs[index - 1][1].end : pairs[index][0].start]
    return len(gap) < 80 and gap.rstrip().endswith(",") and "\n" not in gap


def _near(text: str, end: int, start: int) -> bool:
    return start - end < 600 and text.count("\n", end, start) <= 2


def _attribute_after(doc: _Doc, pos: int, quote: _Found) -> bool:
    """``"...," Price told reporters`` or ``"...," said Price``."""
    limit = _clause_end(doc.text, pos, pos + _WINDOW)
    tokens = doc.tokens_in(pos, limit)[:12]
    for i, tok in enumerate(tokens):
        low = doc.word(tok).lower()
        if low in cues.CUE_FORMS and not low.endswith("ing"):
            if i == 0 or all(doc.word(t) == "," for t in tokens[:i]):
                speaker = _speaker_right(doc, tok[1], limit)
            else:
                speaker = _speaker_left(doc, tok[0], pos)
            if speaker is not None:
                quote.speaker, quote.cue = speaker, Span(*tok)
                return True
            return False
    return False


def _attribute_before(doc: _Doc, pos: int, quote: _Found) -> bool:
    """``Kirby said on Friday: "...`` or ``Erdogan countered, saying "...``."""
    floor = max(doc.text.rfind("\n", 0, pos) + 1, pos - _WINDOW)
    if not doc.text[floor:pos].strip() and doc.text[max(0, floor - 8) : floor].rstrip().endswith(":"):
        floor = max(0, pos - _WINDOW)  # "Smith said:" closes the paragraph before the quote
    tokens = doc.tokens_in(floor, pos)[-10:]
    for i in range(len(tokens) - 1, -1, -1):
        word = doc.word(tokens[i])
        low = word.lower()
        if word in ".!?\u201d\u201c\"" or low == "that":
            return False
        if low not in cues.CUE_FORMS:
            continue
        cue = Span(*tokens[i])
        gap = doc.text[cue.end : pos].strip()
        if gap and (gap[-1] not in ":," or len(gap.split()) > 7):
            return False
        if low in cues.PARTICIPLE_FORMS:
            speaker = _subject(doc, floor, cue.start)
        else:
            speaker = _speaker_left(doc, cue.start, floor)
        if speaker is not None:
            quote.speaker, quote.cue = speaker, cue
            return True
        return False
    return False


def _clause_end(text: str, start: int, limit: int) -> int:
    limit = min(limit, len(text))
    for i in range(start, limit):
        if text[i] in "!?\n;" or (i > start + 1 and text[i] in _OPENERS):
            return i
        if text[i] == "." and not _title_before(text, i):
            return i
    return limit


_OPENERS = frozenset(cues.QUOTE_PAIRS) - {"'"}


# -- speakers in the text -------------------------------------------------------------------


def _speaker_left(doc: _Doc, end: int, floor: int) -> Span | None:
    """The noun phrase ending right before ``end`` (skipping auxiliaries), or a pronoun."""
    end = _ADVERBIAL_END_RE.search(doc.text, floor, end).start()
    tokens = doc.tokens_in(floor, end)
    while tokens and doc.word(tokens[-1]).lower() in cues.AUXILIARIES:
        tokens.pop()
    if tokens and doc.word(tokens[-1]) == ")":
        return _speaker_before_brackets(doc, tokens, floor)
    if tokens and doc.word(tokens[-1]) == ",":
        return _speaker_before_aside(doc, tokens, floor)
    if tokens and doc.word(tokens[-1]).lower() in cues.PRONOUNS:
        return Span(*tokens[-1])
    return _np_span(doc, _np_left(doc, tokens))


def _speaker_before_brackets(doc: _Doc, tokens: list[tuple[int, int]], floor: int) -> Span | None:
    """``Paul D. Ryan (R-Wis.) said``: the name before the brackets, brackets included."""
    for i in range(len(tokens) - 2, max(-1, len(tokens) - 10), -1):
        if doc.word(tokens[i]) == "(":
            before = _speaker_left(doc, tokens[i][0], floor) if i > 0 else None
            return Span(before.start, tokens[-1][1]) if before else None
    return None


def _np_left(doc: _Doc, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    taken: list[tuple[int, int]] = []
    for tok in reversed(tokens[-14:]):
        if not _np_token(doc, tok, taken):
            break
        taken.append(tok)
    return list(reversed(taken))


def _speaker_before_aside(doc: _Doc, tokens: list[tuple[int, int]], floor: int) -> Span | None:
    """Keep an apposition in the speaker (``Jo Smith, a lawyer at X, who ..., said``); skip
    an aside (``Kirby, in an interaction with the media, said``)."""
    commas = [i for i, t in enumerate(tokens[-40:-1]) if doc.word(t) == ","]
    offset = max(0, len(tokens) - 40)
    for i in reversed(commas):
        i += offset
        if i == 0 or i == len(tokens) - 2:
            continue
        first = doc.word(tokens[i + 1])
        head = _speaker_left(doc, tokens[i][0], floor)
        if head is None:
            continue
        if first[0].isupper() or first.lower() in _APPOSITION_STARTERS:
            return Span(head.start, tokens[-2][1])
        return head if i == commas[-1] + offset else None
    return None


def _np_token(doc: _Doc, tok: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    word = doc.word(tok)
    low = word.lower()
    if word == ".":
        return bool(taken) and tok[0] > 0 and _is_title_dot(doc, tok)
    if not word[0].isalnum() or low in cues.CUE_FORMS:
        return False
    if low in cues.NP_INNER_WORDS or low in _DETERMINERS:
        return bool(taken)
    if low in cues.SPEAKER_BREAK_WORDS or low in cues.TIME_WORDS or low.endswith("ly"):
        return False
    if word[0].isupper() or word[0].isdigit() or low in cues.ROLE_NOUNS or not taken:
        return True
    right = doc.word(taken[-1])
    return right[0].islower() or right.lower() in cues.ROLE_NOUNS


def _modifier(doc: _Doc, taken: list[tuple[int, int]], low: str) -> bool:
    """A lowercase word continues a noun phrase opened by a determiner ("the US media")."""
    return (len(taken) < 6 and doc.word(taken[0]).lower() in _DETERMINERS
            and low not in cues.SPEAKER_BREAK_WORDS and low not in cues.CUE_FORMS
            and not low.endswith("ly"))


def _is_title_dot(doc: _Doc, tok: tuple[int, int]) -> bool:
    return _title_before(doc.text, tok[0])


def _title_before(text: str, dot: int) -> bool:
    """The period at ``dot`` ends a title or an initial (``Mr.``, ``Rev.``, ``D.``)."""
    before = text[max(0, dot - 6) : dot].split()
    return bool(before) and (before[-1].lower() in TITLES
                             or (len(before[-1]) == 1 and before[-1].isupper()))


def _np_span(doc: _Doc, taken: list[tuple[int, int]]) -> Span | None:
    """Trim leading connectors off a token run and decide whether it is a speaker."""
    while taken and doc.word(taken[0]).lower() in cues.NP_INNER_WORDS - _DETERMINERS:
        taken.pop(0)
    if not taken:
        return None
    words = [doc.word(t) for t in taken]
    has_name = any(w[0].isupper() for w in words if w.lower() not in _DETERMINERS)
    has_role = any(w.lower() in cues.ROLE_NOUNS for w in words)
    if not (has_name or has_role or words[0].lower() in _DETERMINERS):
        return None
    return Span(taken[0][0], taken[-1][1])


def _speaker_right(doc: _Doc, start: int, limit: int, *, loose: bool = False) -> Span | None:
    """The noun phrase or pronoun right after ``start`` (the inverted ``said Price``); with
    ``loose``, any words up to ``limit`` (``according to federal statistics,``)."""
    tokens = doc.tokens_in(start, limit)[:12]
    if loose and 0 < len(tokens) <= 10 and all(doc.word(t)[0].isalnum() or doc.word(t) in ".-&'"
                                               for t in tokens):
        return Span(tokens[0][0], tokens[-1][1])
    if tokens and doc.word(tokens[0]).lower() in cues.PRONOUNS:
        return Span(*tokens[0])
    taken: list[tuple[int, int]] = []
    for tok in tokens:
        word = doc.word(tok)
        low = word.lower()
        if (low in cues.NP_INNER_WORDS and taken) or (low in _DETERMINERS and not taken):
            taken.append(tok)
        elif word[0].isupper() or low in cues.ROLE_NOUNS or (word == "." and taken
                                                              and _is_title_dot(doc, tok)):
            taken.append(tok)
        elif taken and word[0].isalpha() and _modifier(doc, taken, low):
            taken.append(tok)
        else:
            break
    while taken and doc.word(taken[-1]).lower() in cues.NP_INNER_WORDS:
        taken.pop()
    span = _np_span(doc, taken)
    return _with_apposition(doc, span) if span is not None else None


def _with_apposition(doc: _Doc, span: Span) -> Span:
    """Extend ``said Jo Smith`` over ``, a lawyer at X`` up to the end of the clause."""
    match = _APPOSITION_RE.match(doc.text, span.end)
    if match is None:
        return span
    end = _clause_end(doc.text, match.end(), match.end() + 200)
    trimmed = _trim(doc.text, span.start, end)
    return trimmed if trimmed is not None else span


def _subject(doc: _Doc, floor: int, end: int) -> Span | None:
    """The subject of the clause: the noun phrase at its start, after a leading adverbial."""
    tokens = doc.tokens_in(max(floor, doc.sentence_start(end)), end)
    if tokens and doc.word(tokens[0]).lower() in cues.PRONOUNS:
        return Span(*tokens[0])
    taken: list[tuple[int, int]] = []
    for tok in tokens[:12]:
        word = doc.word(tok)
        low = word.lower()
        if word[0].isupper() or (word[0].isalpha() and low in cues.ROLE_NOUNS):
            taken.append(tok)
        elif taken and (low in cues.NP_INNER_WORDS or _modifier(doc, taken, low)):
            taken.append(tok)
        elif taken or not word[0].isalpha():
            break
    while taken and doc.word(taken[-1]).lower() in cues.NP_INNER_WORDS:
        taken.pop()
    return _np_span(doc, taken)


# -- indirect speech ----------------------------------------------------------------------


def _indirect_quotes(doc: _Doc, sentences: list[Span], direct: list[_Found]) -> list[_Found]:
    blocked = sorted((f.content.start, f.content.end) for f in direct)
    used = {f.cue for f in direct if f.cue is not None}
    found: list[_Found] = []
    for sent in sentences:
        multi = [Span(m.start(), m.end()) for m in _MULTI_RE.finditer(doc.text, sent.start, sent.end)]
        cands = multi + [Span(*t) for t in doc.tokens_in(sent.start, sent.end)
                         if doc.word(t).lower() in cues.CUE_FORMS
                         and not any(m.start <= t[0] < m.end for m in multi)]
        for cue in sorted(cands, key=lambda c: (_forward_only(doc.text[c.start : c.end]), c.start)):
            if cue in used or _inside(blocked, cue.start):
                continue
            quote = _indirect_at(doc, sent, cue)
            if quote is not None and not any(_overlaps(quote.content, f.content) for f in found[-8:]):
                found.append(quote)
                used.add(cue)
    return found


def _forward_only(word: str) -> bool:
    low = word.lower()
    return any(low in cues.CUE_LEMMAS[lemma] for lemma in cues.FORWARD_ONLY_LEMMAS)


def _indirect_at(doc: _Doc, sent: Span, cue: Span) -> _Found | None:
    low = doc.text[cue.start : cue.end].lower()
    if low.startswith("according"):
        return _according_to(doc, sent, cue)
    before = doc.text[max(0, cue.start - 4) : cue.start].rstrip()
    if " " in low or low in cues.PARTICIPLE_FORMS and before.endswith(","):
        return _forward(doc, sent, cue, participle=" " not in low)
    if not _forward_only(low):
        inverted = _reverse(doc, sent, cue)
        if inverted is not None:
            return inverted
    if low.endswith("ing"):
        return None
    return _forward(doc, sent, cue, participle=False)


def _forward(doc: _Doc, sent: Span, cue: Span, *, participle: bool) -> _Found | None:
    """``X said (that) ...``, ``X told reporters ...``, ``..., saying ...``."""
    floor = max(sent.start, cue.start - _WINDOW)
    if participle:
        speaker = _subject(doc, sent.start, cue.start)
    else:
        speaker = _speaker_left(doc, cue.start, floor)
    if speaker is None:
        return None
    pos = _ADVERBIAL_RE.match(doc.text, cue.end, sent.end).end()
    that = _THAT_RE.match(doc.text, pos, sent.end)
    if that is not None:
        pos = that.end() if doc.text[that.end() - 1] == ":" else that.end() - 4
    else:
        window = doc.text[pos : min(sent.end, pos + 100)]
        hit = re.search(r"\bthat\b", window)
        if hit is not None and not re.search(_NO_GAP, window[: hit.start()]):
            pos += hit.start()
        elif doc.text[cue.start : cue.end].lower() in cues.TELL_FORMS:
            hit = re.search(r"\b(?:he|she|they|we|it|I)\b", window)
            if hit is None or len(window[: hit.start()].split()) > 4:
                return None
            pos += hit.start()
    content = _trim(doc.text, pos, sent.end)
    if content is None or len(doc.text[content.start : content.end].split()) < 3:
        return None
    return _Found(content, _kind(doc.text, content), speaker, cue)


def _reverse(doc: _Doc, sent: Span, cue: Span) -> _Found | None:
    """``..., X said (on Monday).`` or ``..., said X.``"""
    tail = _ADVERBIAL_RE.match(doc.text, cue.end, sent.end).end()
    after = doc.text[tail:sent.end].strip()
    comma = doc.text.rfind(",", sent.start, cue.start)
    if comma < 0:
        return None
    if after in {"", ".", "!", "?"} or after.startswith(","):
        speaker = _speaker_left(doc, cue.start, comma + 1)
    elif not doc.text[comma + 1 : cue.start].strip():
        end = _clause_end(doc.text, cue.end, sent.end)
        speaker = _speaker_right(doc, cue.end, end)
        if speaker is None or doc.text[speaker.end : sent.end].strip(" .,!?") and \
                "," not in doc.text[speaker.end : sent.end]:
            return None
    else:
        return None
    content = _trim(doc.text, sent.start, comma)
    if speaker is None or content is None or len(doc.text[content.start : content.end].split()) < 3:
        return None
    return _Found(content, _kind(doc.text, content), speaker, cue)


def _according_to(doc: _Doc, sent: Span, cue: Span) -> _Found | None:
    end = _clause_end(doc.text, cue.end, sent.end)
    comma = doc.text.find(",", cue.end, end)
    speaker = _speaker_right(doc, cue.end, comma if comma >= 0 else end, loose=True)
    if speaker is None:
        return None
    before = _trim(doc.text, sent.start, cue.start)
    if before is not None and len(doc.text[before.start : before.end].split()) >= 3:
        content = before
    else:
        content = _trim(doc.text, speaker.end, sent.end)
    if content is None:
        return None
    return _Found(content, _kind(doc.text, content), speaker, cue)


def _transcript_quotes(doc: _Doc, found: list[_Found]) -> list[_Found]:
    """``PENCE: Well, look, ...`` lines of an interview transcript."""
    out: list[_Found] = []
    taken = sorted((f.content.start, f.content.end) for f in found)
    for line in re.finditer(r"[^\n]+", doc.text):
        match = _TRANSCRIPT_RE.match(doc.text, line.start(), line.end())
        if match is None:
            continue
        content = _trim(doc.text, match.end(), line.end())
        if content is None or _inside(taken, content.start) or _inside(taken, content.end - 1):
            continue
        out.append(_Found(content, "indirect", Span(*match.span(1)), Span(match.end(1), match.end(1) + 1)))
    return out


# -- helpers --------------------------------------------------------------------------------


def _trim(text: str, start: int, end: int) -> Span | None:
    """Strip whitespace and trailing ``.,;:`` (and a leading conjunction) off a content range."""
    while start < end and (text[start].isspace() or text[start] in ".,;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    lead = re.match(r"(?:And|But|So|Yet)\s+", text[start:end])
    if lead is not None:
        start += lead.end()
    return Span(start, end) if end > start else None


def _kind(text: str, content: Span) -> Kind:
    first, last = text[content.start], text[content.end - 1]
    pairs = find_quote_marks(text[content.start : content.end])
    whole = len(pairs) == 1 and pairs[0][0].start == 0 and pairs[0][1].end == content.end - content.start
    return "direct" if first in cues.QUOTE_PAIRS and last in cues.CLOSER_OF and whole else "indirect"


def _inside(ranges: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(ranges, (pos, 1 << 62)) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _merge(doc: _Doc, direct: list[_Found], indirect: list[_Found]) -> list[_Found]:
    """Indirect content absorbs the direct quotes inside it and stops where one it cannot
    hold begins."""
    inner = sorted((i.content.start, i.content.end) for i in indirect)
    kept = [d for d in direct if not _contained(inner, d.content)]
    starts = [d.content.start for d in kept]
    out = list(kept)
    for item in indirect:
        lo = bisect.bisect_right(starts, item.content.start)
        hi = bisect.bisect_left(starts, item.content.end)
        for d in kept[lo:hi]:
            if item.content.end < d.content.end:
                cut = _trim(doc.text, item.content.start, d.content.start - 1)
                if cut is None or len(doc.text[cut.start : cut.end].split()) < 4:
                    break
                item.content, item.kind = cut, "indirect"
        else:
            out.append(item)
    return out


def _contained(ranges: list[tuple[int, int]], span: Span) -> bool:
    """Some range of the sorted, non-overlapping ``ranges`` holds ``span``."""
    i = bisect.bisect_right(ranges, (span.start, 1 << 62)) - 1
    return i >= 0 and ranges[i][1] >= span.end


def _quote_ranges(found: list[_Found]) -> list[tuple[int, int]]:
    return sorted((f.content.start, f.content.end) for f in found if f.kind == "direct")


# -- speaker resolution -----------------------------------------------------------------------

_NAME_RUN_RE = re.compile(r"[A-Z][\w'\u2019\-]+(?:\s+[A-Z][\w'\u2019\-]+)+")
_APPOSITION_STARTERS = frozenset({"a", "an", "the", "who", "whose", "one", "his", "her", "its",
                                  "their", "now", "then", "himself", "herself", "also"})
_APPOSITION_RE = re.compile(r",\s+(?:a|an|the|who|whose|one)\s")
_MAX_HOLDERS = 200  # people looked at per resolution: bounds the work on huge texts
_DETERMINERS = frozenset(
    "the a an one another some several many most two three his her their its our this these "
    "those every each both".split()
)


def fold(name: str) -> str:
    """Lowercase and strip accents: ``Erdoğan`` -> ``erdogan``."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name.lower().replace("ı", "i"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class _Resolver:
    """Turns speaker spans into names: titles stripped, surnames, pronouns and roles resolved."""

    def __init__(self, text: str, entities: Sequence[Mention] | None,
                 quoted: list[tuple[int, int]]) -> None:
        self.text = text
        self.quoted = quoted
        self.people: list[tuple[int, str, frozenset[str]]] = []  # (pos, name, role words)
        if entities:
            for m in entities:
                if m.type == "PERSON" and not _inside(quoted, m.span.start):
                    name = m.entity or text[m.span.start : m.span.end]
                    self.people.append((m.span.start, name, self._context(m.span.start)))
        else:
            for run in _NAME_RUN_RE.finditer(text):
                self._add_run(run.start(), run.group())
        self.people.sort(key=lambda p: p[0])
        self.names = {p[1] for p in self.people}
        self.by_surname: dict[str, list[tuple[int, str]]] = {}
        for pos, name, _ in self.people:
            self.by_surname.setdefault(fold(name.split()[-1]), []).append((pos, name))

    def _context(self, pos: int) -> frozenset[str]:
        words = self.text[max(0, pos - 60) : pos].replace(",", " ").split()[-6:]
        return frozenset(w.lower() for w in words)

    def _add_run(self, pos: int, run: str) -> None:
        words = run.split()
        cut = len(words)
        while cut > 0 and not _not_a_name(words[cut - 1]) and len(words) - cut < 3:
            cut -= 1
        name = words[cut:]
        if len(name) < 2 or _inside(self.quoted, pos):
            return
        start = pos + len(run) - len(" ".join(name))
        self.people.append((start, " ".join(name), self._context(start)))

    def resolve(self, found: list[_Found]) -> list[Quote]:
        quotes: list[Quote] = []
        for item in found:
            entity = None
            if item.speaker is not None:
                anchor = min(item.speaker.start, item.content.start)
                entity = self.name(item.speaker, anchor)
                if entity is not None and item.speaker.start > anchor:
                    self._remember(item.speaker.start, entity)
            quotes.append(Quote(item.content, item.kind, item.speaker, entity, item.cue))
        return quotes

    def _remember(self, pos: int, name: str) -> None:
        if " " in name and name not in self.names:
            self.names.add(name)
            bisect.insort(self.people, (pos, name, frozenset()), key=lambda p: p[0])
            self.by_surname.setdefault(fold(name.split()[-1]), []).append((pos, name))

    def name(self, span: Span, anchor: int) -> str | None:
        """The speaker's name: resolved pronoun, role holder, full name or organisation."""
        words = [w.strip(",") for w in self.text[span.start : span.end].split()]
        if len(words) == 1 and words[0].lower() in cues.PRONOUNS:
            return self._pronoun(words[0].lower(), anchor)
        while words and words[0].lower() in _DETERMINERS:
            words.pop(0)
        cut = max((i + 1 for i, w in enumerate(words) if w.lower() in cues.ROLE_NOUNS), default=0)
        name = [w for w in words[cut:] if w[:1].isupper() and not w.startswith("(")]
        if not name and cut:
            return self._role(words, span.start)
        if any(w in cues.ORG_WORDS for w in words) and (not name or name[-1] in cues.ORG_WORDS):
            return " ".join(words)
        if not name:
            return None
        return self._full_name(" ".join(name), span.start)

    def _pronoun(self, pronoun: str, anchor: int) -> str | None:
        if cues.PRONOUNS[pronoun][0] not in {"m", "f", "p"}:
            return None
        i = bisect.bisect_left(self.people, anchor, key=lambda p: p[0]) - 1
        return self._full_name(self.people[i][1], anchor) if i >= 0 else None

    def _full_name(self, name: str, pos: int) -> str:
        """Link a bare surname to the one full name ending in it named before ``pos``."""
        if " " in name:
            return name
        key = fold(name)
        matches = {n for p, n in self.by_surname.get(key, ())[-_MAX_HOLDERS:] if p < pos}
        return matches.pop() if len(matches) == 1 else name

    def _role(self, words: list[str], pos: int) -> str | None:
        """The one person named before ``pos`` with this role; None when none or several."""
        head = next(w.lower() for w in reversed(words) if w.lower() in cues.ROLE_NOUNS)
        qualifiers = {w.lower() for w in words if w[:1].isupper() and w.lower() != head}
        holders = {
            self._full_name(p[1], pos)
            for p in self.people[max(0, bisect.bisect_left(self.people, pos, key=lambda p: p[0])
                                     - _MAX_HOLDERS) :]
            if p[0] < pos and head in p[2] and qualifiers <= p[2] | {"us", "u.s."}
        }
        return holders.pop() if len(holders) == 1 else None


def _not_a_name(word: str) -> bool:
    return (word in cues.ORG_WORDS or word in cues.NON_PERSON_WORDS
            or word.lower() in cues.ROLE_NOUNS)
