"""Attributions to a source rather than through a speech verb's subject: ``according to X``
(``según``, ``selon``, ``secondo``, ``laut``, ``segundo``), the postposition ``X zufolge``, and
the passive ``it was announced by X that ...`` (``fue anunciado por``, ``annoncé par``). The
source may be a person, an organisation or a document, poll or report (``according to
documents``, ``selon un sondage``). Also the record the passes build (:class:`Found`). Each
function reads a bounded window around one cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from storyline.analyze.quote_marks import CLOSER_OF, QUOTE_PAIRS, find_quote_marks
from storyline.analyze.speakers import TokenDoc, clause_end, speaker_right, trim, with_named_apposition
from storyline.model import Span

__all__ = ["Found", "Kind", "according_after", "according_to", "kind", "opinion_frame", "passive"]

Kind = Literal["direct", "indirect"]


@dataclass(slots=True)
class Found:
    """A quote under construction; turned into a :class:`Quote` at the end."""

    content: Span
    kind: Kind
    speaker: Span | None = None
    cue: Span | None = None
    inherited: str | None = None  # speaker entity inherited from a previous quote
    rest: Span | None = None  # the content after a parenthetical "..., X said, ..."
    implicit: bool = False  # no subject in the text (pro-drop: "Afirmó que ..."): resolved later



_PASSIVE_THAT_RE = re.compile(r"\s*(?:,\s*)?(?:on\s+\w+\s+)?")


def passive(doc: TokenDoc, sent: Span, cue: Span) -> Found | None:
    """``It was announced by the ministry that ...`` or ``The plan was criticized by X.``"""
    by = doc.cues.agent_re.match(doc.text, cue.end, sent.end)
    if by is None:
        return None
    end = clause_end(doc.text, by.end(), sent.end)
    speaker = speaker_right(doc, by.end(), end) or _passive_agent(doc, by.end(), end)
    if speaker is None:
        return None
    that = _PASSIVE_THAT_RE.match(doc.text, speaker.end, sent.end)
    if that is not None and doc.cues.complementizer_at(doc.text, that.end()):
        content = trim(doc.text, that.end(), sent.end)
    else:
        aux = doc.cues.passive_before_re.search(doc.text, max(sent.start, cue.start - 12), cue.start)
        content = trim(doc.text, sent.start, aux.start()) if aux is not None else None
        if content is not None and doc.text[content.start : content.end].lower() in {"it", "this"}:
            return None
    if content is None:
        return None
    return Found(content, kind(doc.text, content), speaker, cue)


def _passive_agent(doc: TokenDoc, start: int, end: int) -> Span | None:
    """A lowercase agent closing the clause: ``is supported by far fewer publications.``"""
    stop = doc.text.find(",", start, end)
    tokens = doc.tokens_in(start, stop if stop >= 0 else end)
    words = [doc.word(t) for t in tokens]
    if not 1 < len(words) <= 6 or not all(w.isalnum() for w in words) \
            or any(w.lower() in doc.cues.speaker_break_words for w in words):
        return None
    return Span(tokens[0][0], tokens[-1][1])


def according_to(doc: TokenDoc, sent: Span, cue: Span) -> Found | None:
    """``according to X, ...``, ``..., según X``, ``selon un sondage, ...``; not an ordinal or
    adjective of the same spelling (``il secondo giorno``: after a determiner)."""
    before = doc.tokens_in(max(sent.start, cue.start - 30), cue.start)[-1:]
    if before and doc.word(before[0]).lower() in doc.cues.determiners:
        return None
    end = clause_end(doc.text, cue.end, sent.end)
    comma = doc.text.find(",", cue.end, end)
    speaker = speaker_right(doc, cue.end, comma if comma >= 0 else end, loose=True)
    if speaker is None:
        return None
    first = next((w for w in doc.text[speaker.start : speaker.end].lower().split()
                  if w not in doc.cues.determiners), "")
    if first in doc.cues.self_words:
        return None  # "selon moi", "según mi memoria": the writer's own view
    if speaker.end - speaker.start == len(first) and (first in doc.cues.according_fillers or doc.cues.is_participle(first)):
        return None  # "Secondo quanto si è appreso, ...": no source named
    speaker = with_named_apposition(doc, speaker)  # "según la ministra de Exteriores, Trinidad Jiménez,"
    before = trim(doc.text, sent.start, cue.start)
    if before is not None and doc.text[before.start] in QUOTE_PAIRS:
        return None  # '« ... », a-t-il ajouté, selon l'AFP': the quotation has its attribution
    if before is not None and len(doc.text[before.start : before.end].split()) >= 3:
        content = before
    else:
        content = trim(doc.text, speaker.end, sent.end)
    if content is None:
        return None
    return Found(content, kind(doc.text, content), speaker, cue)


def opinion_frame(doc: TokenDoc, sent: Span) -> Found | None:
    """A sentence opening with the pack's ``opinion_openers`` and a named or role source up to a
    comma (``Para el diputado, "Nicaragua ..."``, ``Pour le ministre, la guerre ...``, ``Per il
    premier Berlusconi, ...``): the rest of the sentence is that source's view. Not ``Para ello,``
    or ``Pour la première fois,``: the source must hold a name or a role."""
    tokens = doc.tokens_in(sent.start, min(sent.end, sent.start + 120))[:12]
    if not tokens or doc.word(tokens[0]).lower() not in doc.cues.opinion_openers:
        return None
    comma = next((i for i, t in enumerate(tokens) if doc.word(t) == ","), None)
    if comma is None or comma < 2:
        return None
    words = [doc.word(t) for t in tokens[1:comma]]
    c = doc.cues
    first = words[0].lower()
    if first in c.self_words or not (first in c.determiners or first in c.role_nouns or words[0][:1].isupper()):
        return None  # "Per me", "Para comprender la prisa ...", "Per quanto riguarda ...": no source
    last = words[-1]
    if not (last.lower() in c.role_nouns or (last[:1].isupper() and last.lower() not in c.never_names
                                             and last.lower() not in c.no_name_words)):
        return None  # the head ends the phrase: "el diputado", "il premier Berlusconi"; not "la première fois"
    if any(w.lower() in c.cue_forms or w.lower() in c.verbish or w.lower() in c.relatives or w[:1].isdigit()
           for w in words):
        return None
    speaker = Span(tokens[1][0], tokens[comma - 1][1])
    content = trim(doc.text, tokens[comma][1], sent.end)
    if content is None or len(doc.text[content.start : content.end].split()) < 4:
        return None
    return Found(content, kind(doc.text, content), speaker, Span(*tokens[0]))


def according_after(doc: TokenDoc, sent: Span, cue: Span) -> Found | None:
    """A postposition: ``Dem Bericht zufolge ...``, ``Angaben der Polizei zufolge ...``: the
    source is the clause's words before the cue (at most ten), the content the rest of the
    sentence (or what came before, when the clause closes it)."""
    floor = max(sent.start, doc.text.rfind(",", sent.start, cue.start) + 1)
    tokens = doc.tokens_in(floor, cue.start)
    if not 0 < len(tokens) <= 10 or not all(doc.word(t)[0].isalnum() for t in tokens):
        return None
    speaker = Span(tokens[0][0], tokens[-1][1])
    after = trim(doc.text, cue.end, sent.end)
    before = trim(doc.text, sent.start, floor) if floor > sent.start else None
    content = after if after is not None and len(doc.text[after.start : after.end].split()) >= 3 else before
    if content is None:
        return None
    return Found(content, kind(doc.text, content), speaker, cue)


def kind(text: str, content: Span) -> Kind:
    first, last = text[content.start], text[content.end - 1]
    pairs = find_quote_marks(text[content.start : content.end])
    whole = len(pairs) == 1 and pairs[0][0].start == 0 and pairs[0][1].end == content.end - content.start
    return "direct" if first in QUOTE_PAIRS and last in CLOSER_OF and whole else "indirect"
