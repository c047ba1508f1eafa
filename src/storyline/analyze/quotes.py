"""Quotations, direct and indirect, with their speaker and cue: a rule-based finder.

The finder works on one text in four passes, each linear in the text (bounded windows, no
nested regex quantifiers):

1. **Quote marks** are paired (:func:`~storyline.analyze.quote_marks.find_quote_marks`) in every style of
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
   ``X was cited as saying ...``, the passive ``it was announced by X that ...`` and
   ``..., saying ...`` (the subject speaks). A partial quote
   inside indirect content is absorbed by it; the kind is ``direct`` only when the content is
   one whole quotation.
4. **Speakers** are resolved (:class:`SpeakerResolver`): a name is
   stripped of its title ("State Department spokesman Ned Price" -> "Ned Price") and a bare
   surname linked to the full name; a pronoun goes to the most recent person named before it
   (outside quotations); a role ("the spokesman") to the one person named earlier with that role,
   and stays unresolved when there are none or several.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from storyline.analyze import quote_cues as cues
from storyline.analyze.quote_marks import find_quote_marks
from storyline.analyze.sentences import split_sentences
from storyline.analyze.speaker_names import SpeakerResolver
from storyline.analyze.speakers import (
    TokenDoc,
    clause_end,
    inside,
    speaker_left,
    speaker_right,
    subject,
    trim,
)
from storyline.model import Mention, Quote, Span

__all__ = ["QuoteFinder", "find_quote_marks", "find_quotes"]

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
_THAT_RE = re.compile(r"\s*(?:,\s*)?(?:that\b|:)")
_TRANSCRIPT_RE = re.compile(r"[\"\u201c]?([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,2}):[ \t]+(?=\S)")
_NO_GAP = r"[.;:!?\"\u201c\u201d]|\b(?:who|which|said|says)\b"
_WINDOW = 160
_PASSIVE_BEFORE_RE = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?$")
_BY_RE = re.compile(r"\s+by\s+")

Kind = Literal["direct", "indirect"]


@dataclass(slots=True)
class _Found:
    """A quote under construction; turned into a :class:`Quote` at the end."""

    content: Span
    kind: Kind
    speaker: Span | None = None
    cue: Span | None = None
    inherited: str | None = None  # speaker entity inherited from a previous quote


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
        doc = TokenDoc(text, sents)
        found = _direct_quotes(doc, self.min_unattributed_words)
        if self.with_indirect:
            found = _merge(doc, found, _indirect_quotes(doc, sents, found))
        found.extend(_transcript_quotes(doc, found))
        found.sort(key=lambda f: f.content.start)
        resolver = SpeakerResolver(text, entities, _quote_ranges(found))
        return [
            Quote(f.content, f.kind, f.speaker,
                  None if f.speaker is None else resolver.speaker_name(f.speaker, f.content), f.cue)
            for f in found
        ]


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


def _direct_quotes(doc: TokenDoc, min_words: int) -> list[_Found]:
    found: list[_Found] = []
    pairs = find_quote_marks(doc.text)
    for index, (opener, closer) in enumerate(pairs):
        content = trim(doc.text, opener.end, closer.start)
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


def _attribute_after(doc: TokenDoc, pos: int, quote: _Found) -> bool:
    """``"...," Price told reporters`` or ``"...," said Price``."""
    limit = clause_end(doc.text, pos, pos + _WINDOW)
    tokens = doc.tokens_in(pos, limit)[:40]
    for i, tok in enumerate(tokens):
        low = doc.word(tok).lower()
        if low in cues.CUE_FORMS and not low.endswith("ing"):
            if i == 0 or all(doc.word(t) == "," for t in tokens[:i]):
                speaker = speaker_right(doc, tok[1], limit)
            else:
                speaker = speaker_left(doc, tok[0], pos)
                if i >= 12 and speaker is not None and len(doc.tokens_in(pos, speaker.start)) > 2:
                    return False  # a long gap is only allowed for an apposition
            if speaker is not None:
                quote.speaker, quote.cue = speaker, Span(*tok)
                return True
            return False
    return False


def _attribute_before(doc: TokenDoc, pos: int, quote: _Found) -> bool:
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
            speaker = subject(doc, floor, cue.start)
        else:
            speaker = speaker_left(doc, cue.start, floor)
        if speaker is not None:
            quote.speaker, quote.cue = speaker, cue
            return True
        return False
    return False


# -- indirect speech ----------------------------------------------------------------------


def _indirect_quotes(doc: TokenDoc, sentences: list[Span], direct: list[_Found]) -> list[_Found]:
    blocked = sorted((f.content.start, f.content.end) for f in direct)
    used = {f.cue for f in direct if f.cue is not None}
    found: list[_Found] = []
    for sent in sentences:
        multi = [Span(m.start(), m.end()) for m in _MULTI_RE.finditer(doc.text, sent.start, sent.end)]
        cands = multi + [Span(*t) for t in doc.tokens_in(sent.start, sent.end)
                         if doc.word(t).lower() in cues.CUE_FORMS
                         and not any(m.start <= t[0] < m.end for m in multi)]
        for cue in sorted(cands, key=lambda c: (_forward_only(doc.text[c.start : c.end]), c.start)):
            if cue in used or inside(blocked, cue.start):
                continue
            quote = _indirect_at(doc, sent, cue)
            if quote is not None and not any(_overlaps(quote.content, f.content) for f in found[-8:]):
                found.append(quote)
                used.add(cue)
    return found


def _forward_only(word: str) -> bool:
    return word.lower() in cues.FORWARD_ONLY_FORMS


def _indirect_at(doc: TokenDoc, sent: Span, cue: Span) -> _Found | None:
    low = doc.text[cue.start : cue.end].lower()
    if low.startswith("according"):
        return _according_to(doc, sent, cue)
    if _PASSIVE_BEFORE_RE.search(doc.text, max(sent.start, cue.start - 12), cue.start):
        return _passive(doc, sent, cue)
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


def _forward(doc: TokenDoc, sent: Span, cue: Span, *, participle: bool) -> _Found | None:
    """``X said (that) ...``, ``X told reporters ...``, ``..., saying ...``."""
    floor = max(sent.start, cue.start - _WINDOW)
    if participle:
        speaker = subject(doc, sent.start, cue.start)
    else:
        speaker = speaker_left(doc, cue.start, floor)
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
    content = trim(doc.text, pos, sent.end)
    if content is None or len(doc.text[content.start : content.end].split()) < 3:
        return None
    return _Found(content, _kind(doc.text, content), speaker, cue)


def _reverse(doc: TokenDoc, sent: Span, cue: Span) -> _Found | None:
    """``..., X said (on Monday).`` or ``..., said X.``"""
    tail = _ADVERBIAL_RE.match(doc.text, cue.end, sent.end).end()
    after = doc.text[tail:sent.end].strip()
    comma = doc.text.rfind(",", sent.start, cue.start)
    if comma < 0:
        return None
    if after in {"", ".", "!", "?"} or after.startswith(","):
        speaker = speaker_left(doc, cue.start, comma + 1)
    elif not doc.text[comma + 1 : cue.start].strip():
        end = clause_end(doc.text, cue.end, sent.end)
        speaker = speaker_right(doc, cue.end, end)
        if speaker is None or doc.text[speaker.end : sent.end].strip(" .,!?") and \
                "," not in doc.text[speaker.end : sent.end]:
            return None
    else:
        return None
    content = trim(doc.text, sent.start, comma)
    if speaker is None or content is None or len(doc.text[content.start : content.end].split()) < 3:
        return None
    return _Found(content, _kind(doc.text, content), speaker, cue)


def _passive(doc: TokenDoc, sent: Span, cue: Span) -> _Found | None:
    """``It was announced by the ministry that ...`` or ``The plan was criticized by X.``"""
    by = _BY_RE.match(doc.text, cue.end, sent.end)
    if by is None:
        return None
    end = clause_end(doc.text, by.end(), sent.end)
    speaker = speaker_right(doc, by.end(), end)
    if speaker is None:
        return None
    that = re.compile(r"\s*(?:,\s*)?(?:on\s+\w+\s+)?that\b").match(doc.text, speaker.end, sent.end)
    if that is not None:
        content = trim(doc.text, that.end() - 4, sent.end)
    else:
        aux = _PASSIVE_BEFORE_RE.search(doc.text, max(sent.start, cue.start - 12), cue.start)
        content = trim(doc.text, sent.start, aux.start()) if aux is not None else None
        if content is not None and doc.text[content.start : content.end].lower() in {"it", "this"}:
            return None
    if content is None:
        return None
    return _Found(content, _kind(doc.text, content), speaker, cue)


def _according_to(doc: TokenDoc, sent: Span, cue: Span) -> _Found | None:
    end = clause_end(doc.text, cue.end, sent.end)
    comma = doc.text.find(",", cue.end, end)
    speaker = speaker_right(doc, cue.end, comma if comma >= 0 else end, loose=True)
    if speaker is None:
        return None
    before = trim(doc.text, sent.start, cue.start)
    if before is not None and len(doc.text[before.start : before.end].split()) >= 3:
        content = before
    else:
        content = trim(doc.text, speaker.end, sent.end)
    if content is None:
        return None
    return _Found(content, _kind(doc.text, content), speaker, cue)


def _transcript_quotes(doc: TokenDoc, found: list[_Found]) -> list[_Found]:
    """``PENCE: Well, look, ...`` lines of an interview transcript."""
    out: list[_Found] = []
    taken = sorted((f.content.start, f.content.end) for f in found)
    for line in re.finditer(r"[^\n]+", doc.text):
        match = _TRANSCRIPT_RE.match(doc.text, line.start(), line.end())
        if match is None:
            continue
        content = trim(doc.text, match.end(), line.end())
        if content is None or inside(taken, content.start) or inside(taken, content.end - 1):
            continue
        out.append(_Found(content, "indirect", Span(*match.span(1)), Span(match.end(1), match.end(1) + 1)))
    return out


# -- helpers --------------------------------------------------------------------------------


def _kind(text: str, content: Span) -> Kind:
    first, last = text[content.start], text[content.end - 1]
    pairs = find_quote_marks(text[content.start : content.end])
    whole = len(pairs) == 1 and pairs[0][0].start == 0 and pairs[0][1].end == content.end - content.start
    return "direct" if first in cues.QUOTE_PAIRS and last in cues.CLOSER_OF and whole else "indirect"


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _merge(doc: TokenDoc, direct: list[_Found], indirect: list[_Found]) -> list[_Found]:
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
                cut = trim(doc.text, item.content.start, d.content.start - 1)
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


