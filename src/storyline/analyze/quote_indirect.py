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
to``, passives) are in :mod:`storyline.analyze.quote_sources`.
"""

from __future__ import annotations

import bisect
import re

from storyline.analyze.attribution_frames import document_opener, document_subject
from storyline.analyze.quote_sources import Found, according_after, according_to, kind, opinion_frame, passive
from storyline.analyze.quote_subjects import (
    after_auxiliary,
    noun_cue,
    after_preposition,
    subject_after_phrase,
    subjectless,
    verb_second,
)
from storyline.analyze.speaker_clause import sentence_subject, speaker_before
from storyline.analyze.speakers import (
    TokenDoc,
    clause_end,
    inside,
    speaker_left,
    speaker_right,
    trim,
    with_named_apposition,
)
from storyline.model import Span

_ADVERBIAL_RE = re.compile(
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
#: What may precede a participle opening a sentence: "Citing ...", "In defending ...".
_OPENING_PARTICIPLE_RE = re.compile(r"\W*(?:(?:In|By|While|After|When)\s+)?")
#: Words after which an "-ing" cue form is a gerund, not a participle with a speaker.
_GERUND_HEADS = frozenset("of for about without by upon against like after before despite".split())
#: What opens no reported content: a passive agent (``reported by``) or an adverbial.
_NOT_CONTENT_RE = re.compile(r"\s*(?:by|from|during|in|as|with|upon|up|down|off|out|back|when)\b",
                             re.IGNORECASE)
_TOPIC_RE = re.compile(r"\s*(?:[\w'\u2019.\-]+\s+){0,4}?(about|against|of)\s+")
_TO_INFINITIVE_RE = re.compile(r"\s*(?:[\w'\u2019.\-]+\s+){1,6}?to\s+[a-z]+\b")
_BLOCK_RE = re.compile(r"[ \t]*:[ \t]*\n\s*(?=[^\s\"\u201c\u2018'])")
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
    text = doc.text
    single = [(a, b) for a, b in doc.tokens if text[a:b].lower() in doc.cues.cue_forms
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
        return _forward(doc, sent, cue, participle=" " not in low)
    if gerund and _PROGRESSIVE_RE.search(doc.text, max(sent.start, cue.start - 24), cue.start):
        return _forward(doc, sent, cue, participle=False)
    if not _forward_only(doc, low):
        inverted = _reverse(doc, sent, cue)
        if inverted is not None:
            return inverted
    if gerund:
        return _forward(doc, sent, cue, participle=True) if _after_noun(doc, cue) else None
    return _forward(doc, sent, cue, participle=False)


def _opening_participle(doc: TokenDoc, sent: Span, cue: Span) -> Found | None:
    """``Citing an unfounded theory, Trump accused ...``: the participle's content runs to the
    comma, its speaker is the subject after it."""
    comma = doc.text.find(",", cue.end, sent.end)
    if comma < 0 or _NOT_CONTENT_RE.match(doc.text, cue.end, comma) \
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


def _forward(doc: TokenDoc, sent: Span, cue: Span, *, participle: bool) -> Found | None:
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
    pos = _ADVERBIAL_RE.match(doc.text, cue.end, sent.end).end()
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
    if _NOT_CONTENT_RE.match(doc.text, pos, sent.end):
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


def _reverse(doc: TokenDoc, sent: Span, cue: Span) -> Found | None:
    """``..., X said (on Monday).`` or ``..., said X.``"""
    tail = _ADVERBIAL_RE.match(doc.text, cue.end, sent.end).end()
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
    pos = _ADVERBIAL_RE.match(text, pos, end).end()
    rest = text[pos:end].strip()
    return not rest.strip(".!?") or rest[0] in ",;:\u2014\u2013-("


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end
