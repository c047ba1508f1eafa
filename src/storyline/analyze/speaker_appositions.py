"""Appositions of a speaker's noun phrase: what joins a name in its span and what does not.

* :func:`with_apposition` -- ``said Jo Smith, a lawyer at X``, ``said Rep. Jo Smith (D-Ohio),
  head of the caucus``, ``, R-Ky.``, ``el ministro de Exteriores, Alain Juppé,`` extend the span;
  a clause of its own (``, who emphasized that ...``) does not.
* :func:`with_named_apposition` -- a role followed by the name of its holder, also past the
  role's complement (``le porte-parole du gouvernement libyen, Moussa Ibrahim,``).
* :func:`bare_apposition` and :func:`role_phrase` -- whether the words after a name's comma are
  a noun phrase in apposition (``senior associate at the Urban Institute``) or an aside (``in an
  interview``, ``however``, ``speaking to veterans``).

Each reads a window of at most a few hundred characters after the span.
"""

from __future__ import annotations

import re

from storyline.analyze.token_doc import TokenDoc, clause_end, trim
from storyline.model import Span

__all__ = ["bare_apposition", "role_phrase", "with_apposition", "with_named_apposition"]

#: A party and state or a short aside in brackets right after a name: `` (D-N.C.)``.
_BRACKETS_RE = re.compile(r"\s*\([^()\n]{1,30}\)")
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
#: ", Alain Juppé," or ", Alain Juppé." after a role: the name of the office holder.
_NAMED_APPOSITION_RE = re.compile(
    rf",\s+([{_UPPER}][\w'\u2019\-]+(?:\s+(?:[{_UPPER}][\w'\u2019\-]+|[a-z]{{1,3}}-[{_UPPER}][\w'\u2019\-]+"
    rf"|al|el|bin|ibn|de|da|di|del)){{1,4}})"  # "Guma el-Gamaty": a transliterated article joined to the name
    r"(?=\s*(?:[,.;:!?)]|$))")
_APPOSITION_WORDS_RE = re.compile(r",\s+((?:[\w'\u2019\-]+\s+){0,4}[\w'\u2019\-]+)\b")
_PARTY_RE = re.compile(r",\s+[RDI]-[A-Z][A-Za-z]*(?:\.(?:[A-Z]\.)?)?")
_APPOSITION_RE = re.compile(r",\s+(?:([\w'\u2019]+)\s|\d{1,3}\s*,)")


def with_apposition(doc: TokenDoc, span: Span) -> Span:
    """Extend ``said Jo Smith`` over ``, a lawyer at X`` up to the end of the clause, or
    over a party and state (``, R-Ky.``)."""
    party = _PARTY_RE.match(doc.text, span.end)
    if party is not None:
        return Span(span.start, party.end())
    named = _NAMED_APPOSITION_RE.match(doc.text, span.end)
    if named is not None and _role_without_name(doc, span):
        return Span(span.start, named.end(1))  # "el ministro de Exteriores, Alain Juppé,"
    brackets = _BRACKETS_RE.match(doc.text, span.end)
    if brackets is not None:  # "said Rep. Jo Smith (D-Ohio), head of ...": the party is in
        span = Span(span.start, brackets.end())
    match = _APPOSITION_RE.match(doc.text, span.end)
    if match is not None and match.group(1) and (match.group(1) not in doc.cues.apposition_openers or (
            brackets is not None and match.group(1).lower() in doc.cues.relatives)):
        match = None  # "la Federación ... (FIDH), que agrupa a ...": a clause, not the name's apposition
    end = clause_end(doc.text, span.end + 1, span.end + 200)
    if match is None and not role_phrase(doc, span.end) and not (
            doc.text.startswith(",", span.end) and doc.text[end : end + 1] in {"", ".", "\n"}
            and (bare_apposition(doc, doc.text[span.end + 1 : end].split())
                 or _affiliation(doc, doc.text[span.end + 1 : end].split()))):
        return span
    if any(w in doc.cues.cue_forms for w in doc.text[span.end : end].split()):
        return span  # ", who emphasized that ...": an attribution of its own
    trimmed = trim(doc.text, span.start, end)
    return trimmed if trimmed is not None else span


def _affiliation(doc: TokenDoc, words: list[str]) -> bool:
    """``said the Rev. Jo Smith, of Mayfield Baptist Church.``, ``dijo Ana Gil, de la Universidad
    de Chile.``: a name joiner and a capitalised name closing the sentence, with no verb or cue."""
    if not 1 < len(words) <= 10 or words[0].lower() not in doc.cues.name_joiners:
        return False
    rest = [w for w in words[1:] if w.lower() not in doc.cues.determiners]
    return bool(rest) and rest[0][:1].isupper() and not any(
        w.lower() in doc.cues.cue_forms or w.lower() in doc.cues.verbish or w.lower() in doc.cues.clause_openers
        for w in words)


def bare_apposition(doc: TokenDoc, words: list[str]) -> bool:
    """The words between a name and its cue (or the sentence end) are a noun phrase in
    apposition (``Jo Smith, senior associate at the Urban Institute, said``), not an aside
    (``Kirby, in an interview, said``; ``Trump, however, said``; ``Smith, speaking at ...``):
    they open with a lowercase word that is no preposition, time word or adverb, and hold no
    verb, cue, pronoun or relative word."""
    if not 0 < len(words) <= 16 or not words[0][:1].islower():
        return False
    first = words[0].lower()
    c = doc.cues
    if first in c.prepositions or first in c.time_words or first in c.leading or first.endswith("ly") \
            or c.is_gerund(first) or c.is_past(first) or c.is_participle(first):  # "Trump, speaking to veterans, said"
        return False
    return not any(w.lower() in c.cue_forms or w.lower() in c.verbish or w.lower() in c.pronouns
                   or w.lower() in c.clause_openers for w in words)


def with_named_apposition(doc: TokenDoc, span: Span) -> Span:
    """``la ministra de Exteriores`` followed by ``, Trinidad Jiménez,``: the span with the name;
    also past the role's complement (``le porte-parole | du gouvernement libyen, Moussa
    Ibrahim,``: at most six words, no verb or cue among them)."""
    if not _role_without_name(doc, span):
        return span
    comma = doc.text.find(",", span.end, span.end + 80)
    if comma < 0:
        return span
    between = doc.text[span.end : comma].split()
    if len(between) > 6 or any(w.lower() in doc.cues.cue_forms or w.lower() in doc.cues.verbish
                               or w.lower() in doc.cues.clause_openers for w in between):
        return span
    named = _NAMED_APPOSITION_RE.match(doc.text, comma)
    return Span(span.start, named.end(1)) if named is not None else span


def _role_without_name(doc: TokenDoc, span: Span) -> bool:
    """The span is a role (``el ministro de Exteriores``) with no two-word name in it."""
    words = doc.text[span.start : span.end].split()
    if not any(w.lower() in doc.cues.role_nouns for w in words):
        return False
    return not any(a[:1].isupper() and b[:1].isupper() for a, b in zip(words, words[1:]))


def role_phrase(doc: TokenDoc, comma: int) -> bool:
    """After the comma at ``comma``, a role noun within five words, before any verb or cue:
    ``, executive director of the Arms Control Association``, ``, senior fellow at``."""
    match = _APPOSITION_WORDS_RE.match(doc.text, comma)
    if match is None:
        return False
    for word in match.group(1).split():
        low = word.lower()
        if low in doc.cues.role_nouns:
            return True
        if low in doc.cues.cue_forms or low in doc.cues.speaker_break_words or low in doc.cues.pronouns:
            return False
    return False
