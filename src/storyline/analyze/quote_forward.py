"""Forward indirect speech, for :mod:`storyline.analyze.quote_indirect`: ``X said (that) ...``,
``X told reporters he ...``, ``X urged Y to ...``, ``..., saying ...``, ``X added:`` closing a
paragraph, and an implicit (pro-drop) subject. The speaker is read back from the cue (or, for a
participle, from the cue before it, the noun it follows or the sentence subject), the content
forward from the complementizer, colon, addressee or the cue itself to the next cue or the
sentence end. Each call reads at most ``WINDOW`` characters before the cue and one sentence.
"""

from __future__ import annotations

import re

from storyline.analyze.quote_sources import Found, kind
from storyline.analyze.quote_subjects import (
    after_preposition,
    noun_cue,
    subject_after_phrase,
    subjectless,
    verb_second,
)
from storyline.analyze.speaker_clause import sentence_subject, speaker_before
from storyline.analyze.speakers import TokenDoc, speaker_left, trim, with_named_apposition
from storyline.model import Span

__all__ = ["ADVERBIAL_RE", "NOT_CONTENT_RE", "WINDOW", "forward", "participle_speaker", "previous_speaker"]

ADVERBIAL_RE = re.compile(
    r"(?:\s*,?\s*(?:(?:on|in|at|during|late|early|last|this|earlier|later)\s+"
    r"(?:(?:the|a|an|his|her|their|its)\s+)?"
    r"[\w'\u2019\-]+(?:\s+(?:with|to|on|of)\s+(?:the\s+|a\s+)?[\w'\u2019\-]+)?|"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?|"
    r"yesterday|today|again|also|"
    r"repeatedly|publicly|later|earlier|recently|previously|then|once)\b)){0,3}"
)
#: What may come between a cue and its complementizer or colon.
_THAT_LEAD_RE = re.compile(r"\s*(?:,\s*)?")
_NO_GAP = (r"[.;:!?\"\u201c\u201d]|\b(?:who|which|said|says)\b"
           r"|,\s+(?:but|and|or|while|although|though|because|since)\b")
#: Characters before or after a cue that the speaker and content searches read.
WINDOW = 160
#: A sentence opening with a subordinate clause: its attribution ends at the clause's comma.
_SUBORDINATE_RE = re.compile(
    r"\W*(?:although|though|while|whereas|because|since|if|when|after|before|once|as|even though)\s",
    re.IGNORECASE)
#: What opens no reported content: a passive agent (``reported by``) or an adverbial.
NOT_CONTENT_RE = re.compile(r"\s*(?:by|from|during|in|as|with|upon|up|down|off|out|back|when)\b",
                             re.IGNORECASE)
_TOPIC_RE = re.compile(r"\s*(?:[\w'\u2019.\-]+\s+){0,4}?(about|against|of)\s+")
_TO_INFINITIVE_RE = re.compile(r"\s*(?:[\w'\u2019.\-]+\s+){1,6}?to\s+[a-z]+\b")
_BLOCK_RE = re.compile(r"[ \t]*:[ \t]*\n\s*(?=[^\s\"\u201c\u2018'])")


def forward(doc: TokenDoc, sent: Span, cue: Span, *, participle: bool) -> Found | None:
    """``X said (that) ...``, ``X told reporters ...``, ``..., saying ...``."""
    floor = max(sent.start, cue.start - WINDOW)
    if participle:
        speaker = participle_speaker(doc, floor, cue, sent.start)
    else:
        speaker = speaker_before(doc, cue.start, floor)
    rejected = None
    if speaker is not None and not participle and doc.cues.pro_drop and after_preposition(doc, speaker, sent):
        # "Su Facebook scrive": the object of a preposition is no subject; "A quel punto i media
        # occidentali dichiararono": the subject follows the phrase.
        rejected, speaker = speaker, subject_after_phrase(doc, speaker)
    implicit = speaker is None and not participle and subjectless(doc, sent, cue, rejected)
    if speaker is None and not implicit and not participle and doc.cues.verb_second:
        return verb_second(doc, sent, cue)
    if (speaker is None and not implicit) or (speaker is not None and not participle
                                               and noun_cue(doc, cue, speaker)):
        return None
    pos = ADVERBIAL_RE.match(doc.text, cue.end, sent.end).end()
    block = _BLOCK_RE.match(doc.text, pos)
    if block is not None:  # "Limbaugh added:" closing a paragraph; the next one is his
        end = doc.text.find("\n", block.end())
        content = trim(doc.text, block.end(), end if end >= 0 else len(doc.text))
        return None if content is None else Found(content, "indirect", speaker, cue, implicit=implicit)
    start = _content_start(doc, sent, cue, pos)
    if start is None:
        return None
    next_cue = doc.cues.next_cue_re.search(doc.text, start, sent.end)
    end = next_cue.start() if next_cue else sent.end
    if speaker is not None and _SUBORDINATE_RE.match(doc.text, sent.start, speaker.start) \
            and "," not in doc.text[sent.start : speaker.start]:
        comma = doc.text.find(",", start, end)
        end = comma if comma >= 0 else end  # "Although X admitted A, he does not defend it."
    content = trim(doc.text, start, end)
    if content is None or not _enough(doc, cue, content):
        return None
    if implicit and not doc.cues.complementizer_at(doc.text, content.start):
        return None  # a subjectless cue is speech only with "que"/"che": "Dijo que ..."
    return Found(content, kind(doc.text, content), speaker, cue, implicit=implicit)


def _enough(doc: TokenDoc, cue: Span, content: Span) -> bool:
    """A stance verb's object may be one name (``Cruz endorsed Trump``) but not a pronoun
    (``rejects this``); what follows a speech verb is a clause (``said so`` is no quotation);
    an object followed by ``saying`` and its quotation is not the content."""
    words = doc.text[content.start : content.end].split()
    if words[-1].lower() in doc.cues.participle_forms:
        return False  # "countered the sanctions saying “...”": the quotation is the content
    if doc.text[cue.start : cue.end].lower() not in doc.cues.forward_only_forms:
        return len(words) >= 3
    return len(words) > 1 or words[0].lower() not in _OBJECT_PRONOUNS


_OBJECT_PRONOUNS = frozenset("it this that them him her these those me us you so".split())


#: A comma within a few words after the cue, before any other clause mark.
_COMMA_SOON_RE = re.compile(r"[^,.;:!?\"\u201c\u201e\u00ab]{0,60},\s*")


def _content_start(doc: TokenDoc, sent: Span, cue: Span, pos: int) -> int | None:
    """Where the reported content after a forward cue begins: at ``that`` (or a colon), at
    the clause after an addressee (``told reporters he ...``), or right after the cue."""
    lead_match = _THAT_LEAD_RE.match(doc.text, pos, sent.end)
    lead = pos if lead_match is None else lead_match.end()
    if doc.text.startswith(":", lead):
        return lead + 1
    if doc.cues.complementizer_at(doc.text, lead):
        return lead
    if doc.cues.comma_content:
        comma = _COMMA_SOON_RE.match(doc.text, pos, sent.end)
        if comma is not None:  # German "Merkel sagte (am Montag), Deutschland werde ...": the comma opens it
            return comma.end()
    window = doc.text[pos : min(sent.end, pos + 100)]
    hit = doc.cues.that_search_re.search(window)
    if hit is not None and _addressee_gap(doc, window[: hit.start()]) and window[hit.end() :].strip(" .!?"):
        # not a demonstrative closing the clause: "said the test could change that."
        return pos + hit.start()
    if NOT_CONTENT_RE.match(doc.text, pos, sent.end):
        return None
    if doc.text[cue.start : cue.end].lower() in doc.cues.tell_forms:
        hit = re.search(r"\b(?:he|she|they|we|it|I)\b", window)
        if hit is not None and len(window[: hit.start()].split()) <= 4:
            return pos + hit.start()
        topic = _TOPIC_RE.match(window)
        if topic is not None and _addressee_gap(doc, window[: topic.start(1)]):
            return pos + topic.end()  # "warned against hackers", "asked Clinton about her emails"
        if not _TO_INFINITIVE_RE.match(window):
            return None
    return pos  # "urged Republicans to join ...": the content holds the addressee


def _addressee_gap(doc: TokenDoc, gap: str) -> bool:
    """The words between a cue and its ``that``: an addressee or adverbial (``told reporters
    on Friday that``), not a clause of their own (``said he didn't believe it, arguing that``)."""
    words = gap.split()
    return (len(words) <= 8 and not re.search(_NO_GAP, gap)
            and not any(w.lower() in doc.cues.cue_forms or w.lower() in doc.cues.pronouns for w in words))


def participle_speaker(doc: TokenDoc, floor: int, cue: Span, subject_floor: int) -> Span | None:
    """The speaker of an ``-ing`` cue: that of the cue right before it (``"...," Trump said,
    adding later, "..."``); the noun it follows with no comma between (``footage of Hillary
    Clinton asking``); else the sentence subject (``Trump spoke to them, promising ...``), read
    from ``subject_floor``."""
    speaker = previous_speaker(doc, floor, cue.start)
    if speaker is not None:
        return speaker
    if not doc.text[floor : cue.start].rstrip().endswith(","):
        speaker = speaker_left(doc, cue.start, floor)
        if speaker is not None and doc.text[max(floor, speaker.start - 5) : speaker.start].rstrip().lower() \
                .endswith("with"):
            return speaker  # "with the US administration expressing concern that ..."
        if speaker is not None and doc.text[speaker.end - 1].isalpha() \
                and doc.text[speaker.start : speaker.end].split()[-1][0].isupper():
            return _trailing_name(doc, speaker)
    subject = sentence_subject(doc, subject_floor, cue.start)
    return None if subject is None else with_named_apposition(doc, subject)


def _trailing_name(doc: TokenDoc, span: Span) -> Span:
    """The capitalised words ending ``span`` (``footage of Hillary Clinton`` -> ``Hillary
    Clinton``); the whole span when it holds no lowercase word but determiners."""
    tokens = doc.tokens_in(span.start, span.end)
    i = len(tokens)
    while i > 0 and (doc.word(tokens[i - 1])[0].isupper() or doc.word(tokens[i - 1]) == "."):
        i -= 1
    if all(doc.word(t).lower() in doc.cues.determiners or not doc.word(t).islower() for t in tokens[:i]):
        return span
    return Span(tokens[i][0], span.end)


def previous_speaker(doc: TokenDoc, floor: int, end: int) -> Span | None:
    """``"...," the mayor said, adding that ...``: the participle shares the speaker of the
    cue right before it."""
    tokens = doc.tokens_in(floor, end)[-6:]
    for i in range(len(tokens) - 2, -1, -1):
        word = doc.word(tokens[i]).lower()
        if word in doc.cues.cue_forms and not doc.cues.is_gerund(word):
            left = max(floor, doc.text.rfind(",", floor, tokens[i][0]) + 1,
                       *(doc.text.rfind(m, floor, tokens[i][0]) + 1 for m in "\u201d\""))
            return speaker_before(doc, tokens[i][0], left)
        if not (word.isalpha() and word.islower()) and word != ",":
            return None
    return None
