"""Indirect speech: the third pass of :mod:`storyline.analyze.quotes`.

Per sentence, outside direct quotes: ``X said (that) ...``, ``..., X said``, ``..., said X``,
``X, Y said, ...`` (both parts), ``according to X, ...``, ``X told reporters ...``, ``X urged Y to
...``, ``X is warning ...``, ``X was cited as saying ...``, the passive ``it was announced by X
that ...``, ``..., saying ...``, ``a news conference announcing ...``, ``Citing X, Y ...``,
``X warned against ...`` and ``X added:`` closing a paragraph. A second cue of the same subject
(``X urged A and criticized B``) is an attribution of its own; a stance verb's object may be a
single name (``Cruz endorsed Trump``). In a language that drops its subjects (the pack's
``pro_drop``), a finite cue with nothing but auxiliaries, clitics and adverbs before it in its
sentence (``Además, afirmó que ...``, ``Ha poi aggiunto che ...``) is an attribution with an
implicit speaker, resolved later to the last person named. Attributions to a source (``according
to``, passives) are in :mod:`storyline.analyze.quote_sources`; forward cues (``X said that ...``)
and participles' speakers in :mod:`storyline.analyze.quote_forward`. Cost: one pass over the
tokens for cue candidates, then a bounded window per cue.
"""

from __future__ import annotations

import bisect
import re

from storyline.analyze.attribution_frames import document_opener, document_subject
from storyline.analyze.quote_forward import (
    ADVERBIAL_RE,
    NOT_CONTENT_RE,
    WINDOW,
    forward,
    participle_speaker,
    previous_speaker,
)
from storyline.analyze.quote_sources import Found, according_after, according_to, kind, opinion_frame, passive
from storyline.analyze.quote_subjects import after_auxiliary, noun_cue
from storyline.analyze.speaker_clause import speaker_before
from storyline.analyze.speakers import TokenDoc, clause_end, inside, speaker_right, trim
from storyline.model import Span

__all__ = ["WINDOW", "indirect_quotes", "participle_speaker", "previous_speaker"]

#: What may precede a participle opening a sentence: "Citing ...", "In defending ...".
_OPENING_PARTICIPLE_RE = re.compile(r"\W*(?:(?:In|By|While|After|When)\s+)?")
#: Words after which an "-ing" cue form is a gerund, not a participle with a speaker.
_GERUND_HEADS = frozenset("of for about without by upon against like after before despite".split())
#: "is warning", "isn't saying", "’s claiming": a progressive, so active, -ing cue.
_PROGRESSIVE_RE = re.compile(
    r"\b(?:is|are|was|were|been|am|['\u2019]s|['\u2019]re)(?:n['\u2019]t)?"
    r"(?:\s+(?:\w+ly|also|now|still|not|again|once|already|even|just|all))*\s+$"
)


# -- indirect speech ----------------------------------------------------------------------


def indirect_quotes(doc: TokenDoc, sentences: list[Span], direct: list[Found]) -> list[Found]:
    blocked = sorted((f.content.start, f.content.end) for f in direct)
    used = {f.cue for f in direct if f.cue is not None}
    found: list[Found] = []
    every = _cue_candidates(doc)
    starts = [c.start for c in every]
    for sent in sentences:
        cands = every[bisect.bisect_left(starts, sent.start) : bisect.bisect_left(starts, sent.end)]
        for cue in sorted(cands, key=lambda c: (_forward_only(doc, doc.text[c.start : c.end]), c.start)):
            if cue in used or inside(blocked, cue.start):
                continue
            quote = _indirect_at(doc, sent, cue)
            if quote is not None and not any(_overlaps(quote.content, f.content) for f in found[-8:]):
                found.append(quote)
                used.add(cue)
        view = opinion_frame(doc, sent) if doc.cues.opinion_openers else None
        if view is None and not any(sent.start <= f.content.start < sent.end for f in found[-8:]) \
                and not any(sent.start <= f.content.start < sent.end and f.cue is not None for f in direct):
            view = document_subject(doc, sent) or document_opener(doc, sent)  # "a poll shows", "In the poll,"
        if view is not None and not inside(blocked, view.content.start) \
                and not any(_overlaps(view.content, f.content) for f in found[-8:]):
            found.append(view)
    return found


def _cue_candidates(doc: TokenDoc) -> list[Span]:
    """Every multi-word cue and every single cue word outside them, in text order."""
    multi = [(m.start(), m.end()) for m in doc.cues.multi_re.finditer(doc.text)]
    text, low, forms = doc.text, doc.low, doc.cues.cue_forms
    single = [(a, b) for a, b in doc.tokens if (low[a:b] if low else text[a:b].lower()) in forms
              and not (multi and inside(multi, a)) and not (text[a].isupper() and _in_name(doc, a, b))]
    return [Span(*c) for c in sorted(multi + single)]


def _in_name(doc: TokenDoc, start: int, end: int) -> bool:
    """A capitalised cue word in mid-sentence belongs to a name (``the Clean Power Plan``,
    ``the Cook Political Report``) unless its line is a title-case headline (``Lindsey Graham
    Says``)."""
    word = doc.text[start:end]
    if not word[0].isupper() or word.isupper() or doc.sentence_start(start) == start:
        return False
    line = doc.text[doc.text.rfind("\n", 0, start) + 1 : doc.text.find("\n", end) % (len(doc.text) + 1)]
    words = [w for w in line.split() if w[0].isalpha()]
    return sum(w[0].isupper() for w in words) < 0.7 * len(words)


def _forward_only(doc: TokenDoc, word: str) -> bool:
    return word.lower() in doc.cues.forward_only_forms


def _indirect_at(doc: TokenDoc, sent: Span, cue: Span) -> Found | None:
    low = doc.text[cue.start : cue.end].lower()
    if doc.cues.is_participle(low) and not after_auxiliary(doc, sent, cue):
        return None  # "Francesca Cimino, accusata di omicidio": an adjective, not a verb of speech
    before = doc.tokens_in(sent.start, cue.start)[-1:]
    if before and doc.word(before[0]).lower() in doc.cues.impersonal:
        return None  # "se sostiene con asesoramiento", "si dice": reflexive or impersonal, no one speaks
    gerund = doc.cues.is_gerund(low)
    if low in doc.cues.according:
        return according_to(doc, sent, cue)
    if low in doc.cues.according_after:
        return according_after(doc, sent, cue)
    if not gerund and doc.cues.passive_before_re.search(
            doc.text, max(sent.start, cue.start - 12), cue.start):
        return passive(doc, sent, cue)
    if gerund and _OPENING_PARTICIPLE_RE.fullmatch(doc.text, sent.start, cue.start):
        return _opening_participle(doc, sent, cue)
    before = doc.text[max(0, cue.start - 4) : cue.start].rstrip()
    if " " in low or gerund and before.endswith(","):
        return forward(doc, sent, cue, participle=" " not in low)
    if gerund and _PROGRESSIVE_RE.search(doc.text, max(sent.start, cue.start - 24), cue.start):
        return forward(doc, sent, cue, participle=False)
    if not _forward_only(doc, low):
        inverted = _reverse(doc, sent, cue)
        if inverted is not None:
            return inverted
    if gerund:
        return forward(doc, sent, cue, participle=True) if _after_noun(doc, cue) else None
    return forward(doc, sent, cue, participle=False)


def _opening_participle(doc: TokenDoc, sent: Span, cue: Span) -> Found | None:
    """``Citing an unfounded theory, Trump accused ...``: the participle's content runs to the
    comma, its speaker is the subject after it."""
    comma = doc.text.find(",", cue.end, sent.end)
    if comma < 0 or NOT_CONTENT_RE.match(doc.text, cue.end, comma) \
            or doc.text.startswith(" to ", cue.end):
        return None  # "Adding to the confusion, ...": no content
    speaker = speaker_right(doc, comma + 1, clause_end(doc.text, comma + 1, sent.end))
    content = trim(doc.text, cue.end, comma)
    if speaker is None or content is None:
        return None
    return Found(content, kind(doc.text, content), speaker, cue)


def _after_noun(doc: TokenDoc, cue: Span) -> bool:
    """``a news conference announcing that ...``, ``footage of Trump saying ...``: the
    participle follows a noun, not a preposition or determiner (``for saying``, ``the warning``)."""
    before = doc.tokens_in(max(0, cue.start - 40), cue.start)[-1:]
    if not before:
        return False
    word = doc.word(before[0])
    return word.isalpha() and word.lower() not in doc.cues.speaker_break_words \
        and word.lower() not in doc.cues.determiners and word.lower() not in _GERUND_HEADS


def _reverse(doc: TokenDoc, sent: Span, cue: Span) -> Found | None:
    """``..., X said (on Monday).`` or ``..., said X.``"""
    tail = ADVERBIAL_RE.match(doc.text, cue.end, sent.end).end()
    after = doc.text[tail:sent.end].strip()
    comma = doc.text.rfind(",", sent.start, cue.start)
    if comma < 0:
        return None
    rest: Span | None = None
    # A full stop right after the cue ends the attribution even where the splitter ran on
    # ("..., the news agency reported. official Turkeys Anadolu.": broken scraped text).
    between = doc.text[comma + 1 : cue.start]
    if between.strip() and _only_as(doc, between):
        speaker = speaker_right(doc, cue.end, clause_end(doc.text, cue.end, sent.end))
        if speaker is None:
            return None  # "..., come dice." with no one after it
    elif after[:1] in {"", ".", "!", "?"} or after.startswith(",") or _addressee_only(doc, cue, after):
        speaker = speaker_before(doc, cue.start, comma + 1)
        if speaker is not None and noun_cue(doc, cue, speaker):
            return None
        if after.startswith(","):
            rest = trim(doc.text, doc.text.index(",", tail) + 1, sent.end)
    elif not between.strip():
        end = clause_end(doc.text, cue.end, sent.end)
        speaker = speaker_right(doc, cue.end, end)
        if speaker is None or not _inversion_ends(doc.text, speaker.end, sent.end):
            return None
    else:
        return None
    content = trim(doc.text, sent.start, comma)
    if speaker is None or content is None or len(doc.text[content.start : content.end].split()) < 3:
        return None
    if rest is not None and len(doc.text[rest.start : rest.end].split()) < 3:
        rest = None
    return Found(content, kind(doc.text, content), speaker, cue, rest=rest)


def _only_as(doc: TokenDoc, between: str) -> bool:
    """Nothing, or an "as" and adverbs, between the comma and an inverted cue: ``..., said X``,
    ``..., come giustamente dice Berlusconi``."""
    words = between.split()
    return not words or (words[0].lower() in doc.cues.as_words
                         and all(doc.cues.is_adverb(w) for w in words[1:]))


def _addressee_only(doc: TokenDoc, cue: Span, after: str) -> bool:
    """``..., Graham told The Hill.``: only the addressee follows a verb of telling."""
    words = after.rstrip(".!?").split()
    return (doc.text[cue.start : cue.end].lower() in doc.cues.tell_forms and 0 < len(words) <= 7
            and not any(w.lower() in doc.cues.speaker_break_words - _ADDRESSEE_WORDS for w in words))


_ADDRESSEE_WORDS = frozenset("the on in at this last".split())  # "told The Hill on Thursday"


def _inversion_ends(text: str, pos: int, end: int) -> bool:
    """After the speaker of ``..., said X`` comes the end of the sentence, a comma or an
    adverbial, never a verb (``..., said he would order ...`` is not an inversion)."""
    pos = ADVERBIAL_RE.match(text, pos, end).end()
    rest = text[pos:end].strip()
    return not rest.strip(".!?") or rest[0] in ",;:\u2014\u2013-("


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end
