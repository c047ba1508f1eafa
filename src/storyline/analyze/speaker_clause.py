"""The whole subject noun phrase of a speech clause, as PolNeAR and PARC mark a source.

:func:`clause_subject` takes the words from the clause start (the sentence start, a comma or
a subordinator) to the cue, when they look like one noun phrase: no auxiliary or cue verb
inside, not opened by a preposition, at most :data:`_MAX_TOKENS` long. It keeps what a
word-by-word scan drops: determiners and premodifiers (``Several former RT journalists``),
prepositional attachments (``The nonpartisan Commission on Presidential Debates``) and
quantities (``73 percent``, ``Nearly eight of 10 voters``).
"""

from __future__ import annotations

import re

from storyline.analyze.speakers import TokenDoc, cue_stop, speaker_left, subject
from storyline.model import Span

__all__ = ["clause_subject", "sentence_subject", "speaker_before"]

_MAX_TOKENS = 12
#: A share of a group named before: "family members, many of whom say ...".
_SHARE_RE = re.compile(r"\b((?:many|most|some|all|none|each|several|few|one|both|two|three|half)"
                       r"\s+of\s+(?:whom|which|them|those|us))\s*$", re.IGNORECASE)
_BOUNDARY_MARKS = frozenset(',;:()\u2014\u2013"\u201c\u201d\u2018\u2019[]')
_TIME_HEADS = frozenset({"last", "this", "next", "earlier", "later"})


def speaker_before(doc: TokenDoc, end: int, floor: int) -> Span | None:
    """The speaker of a cue at ``end``: the whole subject noun phrase when the clause has one
    ending where :func:`speaker_left` ends, else what that finds; the sentence subject for a
    coordinated cue (``Schultz supported Democrats and said ...``)."""
    stop = cue_stop(doc, end, floor)
    share = _share(doc.text, floor, stop)
    if share is not None:
        return share
    np = speaker_left(doc, end, floor, stop)
    before = doc.tokens_in(floor, stop)[-1:]
    if np is None and before and doc.word(before[0]).lower() in {"and", "but"}:
        return sentence_subject(doc, floor, before[0][0])
    clause = clause_subject(doc, floor, stop)
    if clause is None or np is None:
        speaker = clause if clause is not None else np
    elif np.end == clause.end and clause.start <= np.start \
            and doc.text[np.start : np.end].lower() not in doc.cues.pronouns:  # "the impact it said"
        speaker = clause
    else:
        speaker = np
    if speaker is None or _INFINITIVE_END_RE.search(doc.text, speaker.start, speaker.end):
        return None  # "expects Blinken, Turkey's minister to chat, says": a clause, not a speaker
    return _with_relative_head(doc, _reduced_relative(doc, speaker), floor)


_INFINITIVE_END_RE = re.compile(r"\bto [a-z]+,?$")
_REDUCED_RELATIVE_RE = re.compile(r"(?:a|an)\s+((?:[a-z]+\s+){1,2})([A-Z][\w.\u2019'-]*(?:\s+[A-Z][\w.\u2019'-]*)*)")


def _reduced_relative(doc: TokenDoc, speaker: Span) -> Span:
    """``a move Turkey called a mistake``: the noun before the name is the object of a relative
    clause that has no ``that``; the speaker is the name (unless the noun is its role)."""
    match = _REDUCED_RELATIVE_RE.fullmatch(doc.text, speaker.start, speaker.end)
    if match is None or any(w in doc.cues.role_nouns for w in match.group(1).split()):
        return speaker
    return Span(match.start(2), speaker.end)


def _share(text: str, floor: int, stop: int) -> Span | None:
    """``many of whom`` ending right before the cue."""
    start = max(floor, stop - 40)
    if not text.endswith(("whom", "which", "them", "those", "us"), start, stop):
        return None
    match = _SHARE_RE.search(text, start, stop)
    return None if match is None else Span(match.start(1), match.end(1))


def _with_relative_head(doc: TokenDoc, speaker: Span, floor: int) -> Span:
    """``Surety companies that had insured Patriot's obligations agreed``: the speaker found
    ends a restrictive relative clause, so the subject is its head noun phrase with the clause."""
    window = doc.text[max(floor, speaker.start - 120) : speaker.start]
    if "that " not in window and "who " not in window:
        return speaker
    before = doc.tokens_in(floor, speaker.start)[-_MAX_TOKENS:]
    words = [doc.word(t).lower() for t in before]
    at = next((i for i in range(len(words) - 1, -1, -1) if words[i] in {"that", "who"}), None)
    if at is None or at == 0 or not any(_verbish(doc, w) or doc.cues.is_past(w)
                                        for w in words[at + 1 :]):
        return speaker
    if any(w in _BOUNDARY_MARKS or w in doc.cues.cue_forms for w in words[at + 1 :]):
        return speaker
    head = clause_subject(doc, floor, before[at][0])
    if head is None or len(doc.tokens_in(head.start, speaker.end)) > 2 * _MAX_TOKENS:
        return speaker
    return Span(head.start, speaker.end)


def sentence_subject(doc: TokenDoc, floor: int, end: int) -> Span | None:
    """The subject of the sentence holding ``end``: the words before its first verb when they
    form one noun phrase (``In August, several environmental groups granted ...``), else the
    capitalised phrase :func:`subject` finds."""
    start = max(floor, doc.sentence_start(end))
    tokens = _after_time(doc, _after_dateline(doc, _without_leading(doc, doc.tokens_in(start, end))))
    opener = doc.word(tokens[0]).lower() if tokens else ""
    if opener in doc.cues.introducers:
        # "However, after Biden was elected, Turkey ...": the subject follows the opening phrase;
        # with no comma before ``end`` the cue is inside it ("Though she called ...").
        comma = next((i for i, t in enumerate(tokens) if doc.word(t) == ","), None)
        if comma is not None:
            tokens = _without_leading(doc, tokens[comma + 1 :])  # "On Thursday, however, Trump"
        elif opener not in doc.cues.prepositions:
            tokens = tokens[1:]
    if not tokens:
        return None
    words = [doc.word(t) for t in tokens[:_MAX_TOKENS]]
    verb = next((i for i, w in enumerate(words) if (_verbish(doc, w) and not _named(words, i))
                 or _past(doc, words, i)), 0)
    if verb > 0 and words[verb].lower() in doc.cues.cue_forms:  # "Perdue (R-Ga.) said ..., arguing"
        speaker = speaker_before(doc, tokens[verb][0], tokens[0][0])
        if speaker is not None:
            return speaker
    if verb > 0:
        phrase = clause_subject(doc, tokens[0][0], tokens[verb - 1][1])
        if phrase is not None:
            return phrase
    return subject(doc, tokens[0][0], end)


def _named(words: list[str], i: int) -> bool:
    """A capitalised word after a capitalised word is part of a name (``Theresa May``), not a
    modal."""
    return i > 0 and words[i][:1].isupper() and words[i - 1][:1].isupper()


def _without_leading(doc: TokenDoc, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    while tokens and (doc.word(tokens[0]) == "," or doc.word(tokens[0]).lower() in doc.cues.leading):
        tokens = tokens[1:]
    return tokens


def _after_time(doc: TokenDoc, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Skip a time phrase opening the sentence up to its comma: ``Samedi soir, le porte-parole
    ... a démenti, affirmant ...`` (a capitalised weekday is no subject)."""
    if not tokens or doc.word(tokens[0]).lower() not in doc.cues.time_words:
        return tokens
    comma = next((i for i, t in enumerate(tokens[:5]) if doc.word(t) == ","), None)
    return _without_leading(doc, tokens[comma + 1 :]) if comma is not None else tokens


def _after_dateline(doc: TokenDoc, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Skip a dateline opening the sentence: ``ANKARA – Senior advisers``, ``NEW DELHI — The``;
    not an organisation's acronym (``NATO – the alliance – said``)."""
    i = 0
    while i < min(len(tokens), 4) and doc.word(tokens[i]).isupper() and doc.word(tokens[i]).isalpha():
        i += 1
    if 0 < i < len(tokens) - 1 and doc.word(tokens[i]) in {"\u2013", "\u2014", "-", "--"} \
            and doc.word(tokens[i + 1])[:1].isupper() \
            and not any(doc.word(t) in doc.cues.org_words for t in tokens[:i]):
        return tokens[i + 1 :]
    return tokens


def _past(doc: TokenDoc, words: list[str], i: int) -> bool:
    """A lowercase ``-ed`` word not after a determiner is a verb (``groups granted``)."""
    word = words[i]
    return (i > 0 and word.islower() and doc.cues.is_past(word)
            and words[i - 1].lower() not in doc.cues.determiners)


def clause_subject(doc: TokenDoc, floor: int, end: int) -> Span | None:
    """The noun phrase from the clause start to ``end`` (the cue, auxiliaries removed)."""
    tokens = doc.tokens_in(floor, end)
    words = [doc.word(t) for t in tokens]
    start = len(tokens)
    while start > 0 and words[start - 1] not in _BOUNDARY_MARKS \
            and words[start - 1].lower() not in doc.cues.clause_openers:
        start -= 1
        if len(tokens) - start > _MAX_TOKENS:
            return None
    relative = start > 0 and words[start - 1].lower() in doc.cues.relatives
    segment = _strip_leading(doc, tokens[start:], words[start:])
    while segment and _adverb(doc, doc.word(segment[-1])):
        segment = segment[:-1]  # "The Republican nominee also (vowed)"
    if not segment:
        return None
    seg_words = [doc.word(t) for t in segment]
    first, last = seg_words[0], seg_words[-1].lower()
    if (first.lower() in doc.cues.prepositions or (relative and first.islower() and first not in doc.cues.determiners)
            or last in doc.cues.prepositions or last in doc.cues.determiners or last in doc.cues.np_inner_words
            or any(_verbish(doc, w) for w in seg_words) or not seg_words[-1][0].isalnum()):
        return None
    return Span(segment[0][0], segment[-1][1])


def _strip_leading(doc: TokenDoc, tokens: list[tuple[int, int]], words: list[str]) -> list[tuple[int, int]]:
    """Drop conjunctions and time adverbials opening the clause (``But last week Trump``)."""
    i = 0
    while i < len(words):
        low = words[i].lower()
        if low in doc.cues.leading or low in doc.cues.time_words:
            i += 1
        elif low in _TIME_HEADS and i + 1 < len(words) and words[i + 1][0].isalpha():
            i += 2
        else:
            break
    return tokens[i:]


def _adverb(doc: TokenDoc, word: str) -> bool:
    low = word.lower()
    return low in doc.cues.auxiliaries or (word.islower() and low.endswith("ly") and len(low) > 4)


def _verbish(doc: TokenDoc, word: str) -> bool:
    low = word.lower()
    return low in doc.cues.verbish or low in doc.cues.np_breaking_cues or low.endswith(("n't", "n\u2019t"))
