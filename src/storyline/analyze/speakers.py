"""Speaker spans in the text: the noun phrase (or pronoun) around a cue verb.

Works on a :class:`TokenDoc` (the text with a token index). The scans are bounded windows of a
few tokens, so each call is cheap; nothing here resolves a speaker to a name (see
:mod:`storyline.analyze.speaker_names`).

* :func:`speaker_left` -- the noun phrase right before a cue (``Ned Price said``), skipping
  auxiliaries and adverbials, keeping brackets (``Ryan (R-Wis.) said``) and appositions
  (``Jo Smith, a lawyer at X, said``).
* :func:`speaker_right` -- the noun phrase right after a cue (``said Price``), with its
  apposition.
* :func:`subject` -- the subject at the start of the clause (``Erdogan countered, saying``).
* :func:`cue_stop` -- where a speaker before a cue ends: auxiliaries, negation, adverbs and a
  time adverbial skipped (``Clinton now says``, ``isn't saying``, ``He's claiming``).

The whole subject noun phrase, as PolNeAR marks a source, is in
:mod:`storyline.analyze.speaker_clause`.
"""

from __future__ import annotations

import bisect
import re

from storyline.analyze.quote_cues import speech_cues
from storyline.analyze.speaker_appositions import (
    bare_apposition,
    role_phrase,
    with_apposition,
    with_named_apposition,
)
from storyline.analyze.token_doc import TokenDoc, clause_end, inside, title_before, trim
from storyline.model import Span

__all__ = ["DETERMINERS", "TokenDoc", "clause_end", "cue_stop", "inside", "speaker_left",
           "speaker_right", "subject", "title_before", "trim", "with_named_apposition"]

_ADVERBIAL_END_RE = re.compile(
    r"(?:\s+(?:on|in|at|last|this|earlier|late|early)\s+(?:the\s+)?(?:[A-Z][a-z]+|\d{4}|week|"
    r"month|year|night|morning|afternoon|evening|weekend)\b)?\s*$"
)
_APPOSITION_STARTERS = frozenset({"a", "an", "the", "who", "whose", "one", "his", "her", "its",
                                  "their", "now", "then", "himself", "herself", "also",
                                  "including"})
_OPENING_PREPOSITIONS = frozenset(
    "in on at after before during following despite since amid with without for by from".split()
)
_CLAUSE_OPENERS = frozenset(',;:"\u201c\u201d\u2018\u2019\u00ab\u00bb\u2014\u2013(')
#: English determiners (each language's are ``TokenDoc.cues.determiners``).
DETERMINERS = speech_cues("en").determiners


def speaker_left(doc: TokenDoc, end: int, floor: int, stop: int | None = None) -> Span | None:
    """The noun phrase ending right before ``end`` (skipping auxiliaries), or a pronoun
    (``stop``: :func:`cue_stop` of ``end`` and ``floor``, when the caller has it already)."""
    tokens = doc.tokens_in(floor, cue_stop(doc, end, floor) if stop is None else stop)
    if tokens and doc.word(tokens[-1]) == ")":
        return _speaker_before_brackets(doc, tokens, floor)
    if tokens and doc.word(tokens[-1]) == ",":
        return _speaker_before_aside(doc, tokens, floor)
    if tokens and doc.word(tokens[-1]).lower() in doc.cues.pronouns:
        return Span(*tokens[-1])
    if tokens and _contracted_pronoun(doc, doc.word(tokens[-1])):
        word = doc.word(tokens[-1]).replace("\u2019", "'")
        return Span(tokens[-1][0], tokens[-1][0] + word.rfind("'"))
    return _np_span(doc, _np_left(doc, tokens))


def cue_stop(doc: TokenDoc, end: int, floor: int) -> int:
    """Where the speaker before a cue at ``end`` may end: auxiliaries, adverbs and a time
    adverbial (``has repeatedly``, ``on Monday``) skipped."""
    adverbial = _ADVERBIAL_END_RE.search(doc.text, floor, end).start()
    if not doc.cues.is_past(doc.text[doc.text.rfind(" ", floor, adverbial) + 1 : adverbial]):
        end = adverbial  # kept after a participle: "A GAO report released last year (found)"
    tokens = doc.tokens_in(floor, end)
    while tokens:
        if _skippable(doc, doc.word(tokens[-1])) and not _surname_word(doc, tokens[-1]):
            tokens.pop()
        elif len(tokens) > 1 and doc.word(tokens[-1]) == "to" \
                and doc.word(tokens[-2]).lower() in _CATENATIVES:
            del tokens[-2:]  # "he appeared to suggest", "Trump continues to insist"
        else:
            break
    return tokens[-1][1] if tokens else floor


#: Verbs that pass their subject to a cue after "to" ("appeared to suggest").
_CATENATIVES = frozenset(
    "appear appears appeared seem seems seemed continue continues continued try tries tried "
    "went goes go began begin begins start starts started attempt attempts attempted "
    "refuse refuses refused decline declines declined want wants wanted hope hopes hoped "
    "plan plans planned used".split()
)


def _contracted_pronoun(doc: TokenDoc, word: str) -> bool:
    """``He’s`` (claiming), ``They’re`` (saying): the pronoun is the speaker."""
    head, _, tail = word.replace("\u2019", "'").rpartition("'")
    return head.lower() in doc.cues.pronouns and tail.lower() in {"s", "re", "ll", "d", "ve", "m"}


def _skippable(doc: TokenDoc, word: str) -> bool:
    """Auxiliaries, negation and adverbs between a speaker and its cue (``has now said``,
    ``isn't saying``, ``’s claiming``)."""
    low = word.lower().replace("\u2019", "'")
    return (low in doc.cues.auxiliaries or (word.islower() and low.endswith("ly") and len(low) > 4)
            or low in _BETWEEN or (low[0] == "'" and low[1:] in {"s", "re", "ll", "d", "ve"}))


_BETWEEN = frozenset(
    "not n't never now still am could should may might must can shall soon first finally all "
    "both each too ultimately eventually isn't wasn't aren't weren't doesn't didn't don't won't "
    "hasn't haven't hadn't can't long".split()
)  # negation, modals and adverbs; curly-apostrophe forms are folded before the lookup


def _speaker_before_brackets(doc: TokenDoc, tokens: list[tuple[int, int]], floor: int) -> Span | None:
    """``Paul D. Ryan (R-Wis.) said``: the name before the brackets, brackets included."""
    for i in range(len(tokens) - 2, max(-1, len(tokens) - 10), -1):
        if doc.word(tokens[i]) == "(":
            before = speaker_left(doc, tokens[i][0], floor) if i > 0 else None
            return Span(before.start, tokens[-1][1]) if before else None
    return None


def _np_left(doc: TokenDoc, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    taken: list[tuple[int, int]] = []
    for tok in reversed(tokens[-14:]):
        if not _np_token(doc, tok, taken):
            break
        taken.append(tok)
    taken.reverse()
    return _premodifier(doc, tokens, taken)


def _premodifier(doc: TokenDoc, tokens: list[tuple[int, int]],
                 taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One lowercase modifier opening the clause joins a named speaker: ``retired Air Force
    general Lloyd Newton said``, ``longtime Democratic pollster Pat Caddell told``."""
    if not taken or not doc.word(taken[0])[0].isupper():
        return taken
    i = bisect.bisect_left(tokens, taken[0]) - 1
    if i < 0:
        return taken
    word = doc.word(tokens[i])
    low = word.lower()
    if not word.isalpha() or not word.islower() or low.endswith("ly") or low in doc.cues.not_modifiers:
        return taken
    start = tokens[i][0]
    before = doc.text[max(0, start - 8) : start].rstrip()[-1:]
    if before and before not in _CLAUSE_OPENERS and before not in ".!?":
        return taken
    return [tokens[i], *taken]


def _speaker_before_aside(doc: TokenDoc, tokens: list[tuple[int, int]], floor: int) -> Span | None:
    """Keep an apposition in the speaker (``Jo Smith, a lawyer at X, who ..., said``); skip
    an aside (``Kirby, in an interaction with the media, said``)."""
    commas = [i for i, t in enumerate(tokens[-40:-1]) if doc.word(t) == ","]
    offset = max(0, len(tokens) - 40)
    for i in reversed(commas):
        i += offset
        if i == 0 or i == len(tokens) - 2:
            continue
        first = doc.word(tokens[i + 1])
        head = speaker_left(doc, tokens[i][0], floor)
        if head is None:
            continue
        if (first[0].isupper() or first.lower() in _APPOSITION_STARTERS
                or first.lower() in doc.cues.apposition_openers
                or first[0].isdigit() or role_phrase(doc, tokens[i][0])
                or bare_apposition(doc, [doc.word(t) for t in tokens[i + 1 : -1]])):
            return Span(_named_head(doc, head, floor).start, tokens[-2][1])
        if (first.lower() in doc.cues.relatives or first.lower() in doc.cues.prepositions) and i == commas[-1] + offset:
            # "Michael Mulgrew, president of the union, which represents teachers, said", "Ann
            # Cole, the top Republican on the panel, in a statement, said": a relative clause or
            # an aside after an apposition; the speaker is the name and apposition before it
            # only for a head that is itself an apposition, and a result that opens on a name
            outer = _speaker_before_aside(doc, tokens[: i + 1], floor) if doc.text[head.start].islower() else None
            return outer if outer is not None and doc.text[outer.start].isupper() else head
        return head if i == commas[-1] + offset else None
    return None


def _named_head(doc: TokenDoc, head: Span, floor: int) -> Span:
    """``Scott Pruitt, the attorney general of Oklahoma, one of the states ..., said``: a head
    that is itself an apposition (it opens lowercase after a comma) joins the name before it."""
    before = doc.text[max(floor, head.start - 2) : head.start]
    hometown = _hometown(doc, head, floor)
    if hometown is not None:
        return hometown
    if not before.strip() == "," or not doc.text[head.start].islower():
        return head
    outer = speaker_left(doc, doc.text.rindex(",", floor, head.start), floor)
    if outer is None or not doc.text[outer.start].isupper():
        return head
    return Span(outer.start, head.end)


def _hometown(doc: TokenDoc, head: Span, floor: int) -> Span | None:
    """``Johnnie Wilson, of Springfield, Va., said``: a place after a preposition opening an
    apposition belongs to the name before it; the speaker runs from that name."""
    tokens = doc.tokens_in(max(floor, head.start - 40), head.start)[-2:]
    if len(tokens) < 2 or doc.word(tokens[0]) != "," or doc.word(tokens[1]).lower() not in doc.cues.prepositions:
        return None
    outer = speaker_left(doc, tokens[0][0], floor)
    if outer is None or not doc.text[outer.start].isupper():
        return None
    return Span(outer.start, head.end)


def _np_token(doc: TokenDoc, tok: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    word = doc.word(tok)
    low = word.lower()
    if word == ".":
        return bool(taken) and tok[0] > 0 and _is_title_dot(doc, tok)
    if not word[0].isalnum() or low in doc.cues.np_breaking_cues:
        return False
    if low in doc.cues.np_inner_words or low in doc.cues.determiners:
        return bool(taken)
    if (low in doc.cues.speaker_break_words or low in doc.cues.time_words or low.endswith("ly")) \
            and not _surname_word(doc, tok):
        return False
    if _capital(doc, word) or word[0].isdigit() or low in doc.cues.role_nouns or not taken:
        return True
    right = doc.word(taken[-1])
    return right[0].islower() or right.lower() in doc.cues.role_nouns


def _surname_word(doc: TokenDoc, tok: tuple[int, int]) -> bool:
    """A capitalised function or time word right after a capitalised given name is a surname
    (``Theresa May``, ``Hope Hicks`` is the other way round): ``May`` is no modal there."""
    word = doc.word(tok)
    if not (word[0].isupper() and word[1:].islower()) or word.lower() in doc.cues.time_words:
        return False
    i = bisect.bisect_left(doc.starts, tok[0])
    if i == 0 or doc.sentence_start(tok[0]) == tok[0]:
        return False
    left = doc.word(doc.tokens[i - 1])
    low = left.lower()
    return left[0].isupper() and left[1:].isalpha() and left[1:].islower() \
        and low not in doc.cues.no_name_words and low not in doc.cues.determiners \
        and low not in doc.cues.never_names and low not in doc.cues.cue_forms


def _modifier(doc: TokenDoc, taken: list[tuple[int, int]], low: str) -> bool:
    """A lowercase word continues a noun phrase opened by a determiner ("the US media")."""
    first = doc.word(taken[0])
    return (len(taken) < 6 and (first.lower() in doc.cues.determiners or first[0].isdigit())
            and low not in doc.cues.speaker_break_words and low not in doc.cues.cue_forms
            and (low not in doc.cues.prepositions or low in doc.cues.np_inner_words)
            and low not in doc.cues.time_words and not low.endswith("ly"))


def _is_title_dot(doc: TokenDoc, tok: tuple[int, int]) -> bool:
    return title_before(doc.text, tok[0])


def _np_span(doc: TokenDoc, taken: list[tuple[int, int]]) -> Span | None:
    """Trim leading connectors off a token run and decide whether it is a speaker."""
    while taken and doc.word(taken[0]).lower() in doc.cues.np_inner_words - doc.cues.determiners:
        taken.pop(0)
    taken = _from_determiner(doc, taken)
    if not taken:
        return None
    words = [doc.word(t) for t in taken]
    has_name = any(_capital(doc, w) for w in words if w.lower() not in doc.cues.determiners)
    has_role = any(w.lower() in doc.cues.role_nouns for w in words)
    if not (has_name or has_role or words[0].lower() in doc.cues.determiners):
        return None
    return Span(taken[0][0], taken[-1][1])


def _from_determiner(doc: TokenDoc, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Lowercase words before the noun phrase's determiner are a verb and its particle, not the
    speaker: ``(Clinton is) seizing upon a New York Times (report)`` -> ``a New York Times``."""
    words = [doc.word(t).lower() for t in taken]
    k = next((i for i, w in enumerate(words) if w in doc.cues.determiners), 0)
    if k == 0 or not all(w.isalpha() and doc.word(t).islower() and w not in doc.cues.role_nouns
                         for w, t in zip(words[:k], taken)):
        return taken
    return taken[k:]


def speaker_right(doc: TokenDoc, start: int, limit: int, *, loose: bool = False) -> Span | None:
    """The noun phrase or pronoun right after ``start`` (the inverted ``said Price``); with
    ``loose``, any words up to ``limit`` (``according to federal statistics,``)."""
    tokens = doc.tokens_in(start, limit)[:12]
    if loose:
        tokens = _loose_source(doc, tokens)
        if 0 < len(tokens) <= 10 and all(doc.word(t)[0].isalnum() or doc.word(t) in ".-&'" for t in tokens):
            return Span(tokens[0][0], tokens[-1][1])
    if tokens and doc.word(tokens[0]).lower() in doc.cues.pronouns:
        return Span(*tokens[0])
    taken: list[tuple[int, int]] = []
    for i, tok in enumerate(tokens):
        word = doc.word(tok)
        low = word.lower()
        if (low in doc.cues.np_inner_words and taken) or (low in doc.cues.determiners and not taken):
            taken.append(tok)
        elif _role_premodifier(doc, tokens[i : i + 3], taken):  # "said rebel spokesman Ahmed Bani"
            taken.append(tok)
        elif (_capital(doc, word) or word[0].isdigit() or low in doc.cues.role_nouns
              or (word == "." and taken and _is_title_dot(doc, tok))):
            taken.append(tok)
        elif taken and word[0].isalpha() and _modifier(doc, taken, low):
            taken.append(tok)
        else:
            break
    while taken and doc.word(taken[-1]).lower() in doc.cues.np_inner_words:
        taken.pop()
    span = _np_span(doc, taken)
    return with_apposition(doc, span) if span is not None else None


def _role_premodifier(doc: TokenDoc, ahead: list[tuple[int, int]], taken: list[tuple[int, int]]) -> bool:
    """A lowercase word opening (or following the determiner of) a noun phrase whose role noun
    comes within the next two words: ``military`` of ``military spokesman``."""
    if not ahead or (taken and doc.word(taken[-1]).lower() not in doc.cues.determiners):
        return False
    word = doc.word(ahead[0])
    if not word.isalpha() or not word.islower() or word in doc.cues.cue_forms or word in doc.cues.verbish:
        return False
    return any(doc.word(t).lower() in doc.cues.role_nouns for t in ahead[1:])


def _capital(doc: TokenDoc, word: str) -> bool:
    """Capitalised, also after an elided determiner (``l'AFP``, ``l'Onu``)."""
    if word[0].isupper():
        return True
    head, mark, rest = word.replace("\u2019", "'").partition("'")
    return bool(mark) and rest[:1].isupper() and (head + "'").lower() in doc.cues.determiners


def _loose_source(doc: TokenDoc, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The source words after ``according to``: a pronoun alone (``selon lui``); past a reporting
    verb and the pack's fillers (``según ha informado la televisión libia``, ``secondo quanto
    riferito da X``); up to a verb or complementizer (``a report that was released``)."""
    if not tokens:
        return tokens
    if doc.word(tokens[0]).lower() in doc.cues.pronouns:
        return tokens[:1]
    i = 0
    while i < len(tokens) - 1 and doc.word(tokens[i]).islower() and (
            doc.word(tokens[i]) in doc.cues.auxiliaries or doc.word(tokens[i]) in doc.cues.according_fillers
            or i > 0 and doc.cues.is_participle(doc.word(tokens[i]))  # "según han adelantado las agencias"
            or doc.word(tokens[i]) in doc.cues.cue_forms
            and (doc.word(tokens[i + 1])[0].isupper() or doc.word(tokens[i + 1]) in doc.cues.determiners)):
        i += 1
    for j in range(i + 1, len(tokens)):
        word = doc.word(tokens[j])
        if word.islower() and (word in doc.cues.verbish or doc.cues.complementizer_at(word, 0)):
            return tokens[i:j]
    return tokens[i:]


def subject(doc: TokenDoc, floor: int, end: int) -> Span | None:
    """The subject of the clause: the noun phrase at its start, after a leading adverbial."""
    tokens = doc.tokens_in(max(floor, doc.sentence_start(end)), end)
    if tokens and doc.word(tokens[0]).lower() in _OPENING_PREPOSITIONS:
        comma = next((i for i, t in enumerate(tokens) if doc.word(t) == ","), len(tokens))
        tokens = tokens[comma + 1 :]  # "In August, several groups sued, saying ..."
    if tokens and doc.word(tokens[0]).lower() in doc.cues.pronouns:
        return Span(*tokens[0])
    taken: list[tuple[int, int]] = []
    for tok in tokens[:12]:
        word = doc.word(tok)
        low = word.lower()
        if word[0].isupper() or (word[0].isalpha() and low in doc.cues.role_nouns):
            taken.append(tok)
        elif word == "." and taken and _is_title_dot(doc, tok):
            taken.append(tok)
        elif taken and (low in doc.cues.np_inner_words or _modifier(doc, taken, low)):
            taken.append(tok)
        elif taken or not word[0].isalpha():
            break
    while taken and doc.word(taken[-1]).lower() in doc.cues.np_inner_words:
        taken.pop()
    return _np_span(doc, taken)
