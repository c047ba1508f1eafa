"""Roles of people: the title phrase next to a name ("Turkish Defence Minister Hulusi Akar").

A role is a run of title words, capitalised modifiers and possessives right before a PERSON
mention ("U.S. Secretary of State", "State Department spokesman", "Erdogan's chief foreign policy
adviser"), or an apposition after it ("Hulusi Akar, Turkey's defense minister,"), or before it
with a comma ("Turkey's defense minister, Hulusi Akar"). The run must hold a role head
(minister, spokesman, president...). It never crosses another person's name, a sentence or a
clause boundary.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.analyze.entity_patterns import HONORIFICS, ROLE_HEADS, TITLE_GLUE, TITLE_WORDS
from storyline.analyze.ner_features import tokenize
from storyline.model import Mention, Span

__all__ = ["find_role", "strip_title"]

#: Lowercase words allowed inside a role besides title words ("chief foreign policy adviser").
_ROLE_MODIFIERS = frozenset(
    "policy affairs intelligence press communications relations security defense defence "
    "foreign national deputy senior top".split()
)
_MAX_ROLE_TOKENS = 8
_POSSESSIVE = ("'s", "\u2019s", "'S", "\u2019S")


def _role_token(word: str) -> bool:
    low = word.lower()
    if low in TITLE_WORDS or low in _ROLE_MODIFIERS or low in TITLE_GLUE or word in _POSSESSIVE:
        return True
    return word[:1].isupper()


def _finish(text: str, tokens: list[tuple[int, int]]) -> Span | None:
    """The role span of a run of tokens (in text order), or None if it holds no role head."""
    while tokens and text[tokens[0][0]:tokens[0][1]].lower() in TITLE_GLUE | {"'s", "\u2019s"}:
        tokens = tokens[1:]
    while tokens and text[tokens[-1][0]:tokens[-1][1]].lower() in TITLE_GLUE:
        tokens = tokens[:-1]
    words = [text[s:e].lower() for s, e in tokens]
    if not any(w in ROLE_HEADS for w in words):
        return None
    if all(w in HONORIFICS for w in words):
        return None
    return Span(tokens[0][0], tokens[-1][1])


def find_role(text: str, mention: Span, sentence: Span, people: Sequence[Mention] = ()) -> Span | None:
    """The role phrase next to a person mention, or None.

    Args:
        text: The article text.
        mention: The PERSON mention's span (its name, without title).
        sentence: The sentence holding the mention; the role never leaves it.
        people: The other PERSON mentions, which a role never swallows.

    Returns:
        The role's span in ``text``.
    """
    blocked = [p.span for p in people if p.span != mention]
    left = tokenize(text, sentence.start, mention.start)
    run: list[tuple[int, int]] = []
    i = len(left) - 1
    comma = False
    if i >= 0 and text[left[i][0]:left[i][1]] == ",":
        comma, i = True, i - 1
    while i >= 0 and len(run) < _MAX_ROLE_TOKENS:
        start, end = left[i]
        if any(b.start <= start < b.end for b in blocked) or not _role_token(text[start:end]):
            break
        run.insert(0, left[i])
        i -= 1
    if run and (not comma or i < 0 or text[left[i][0]:left[i][1]].lower() in {"the", "and", ","}):
        role = _finish(text, run)
        if role is not None:
            return role
    return _role_after(text, mention, sentence, blocked)


def _role_after(text: str, mention: Span, sentence: Span, blocked: list[Span]) -> Span | None:
    right = tokenize(text, mention.end, sentence.end)
    if len(right) < 3 or text[right[0][0]:right[0][1]] != ",":
        return None
    run: list[tuple[int, int]] = []
    for start, end in right[1:_MAX_ROLE_TOKENS + 1]:
        word = text[start:end]
        if word in {",", ";", ")"}:
            return _finish(text, run) if run else None
        if any(b.start <= start < b.end for b in blocked) or not (_role_token(word) or word.lower() in {"a", "an"}):
            return None
        run.append((start, end))
    return _finish(text, run) if run and len(right) <= len(run) + 1 else None


def strip_title(text: str, span: Span) -> Span:
    """The span without leading title words ("President Joe Biden" → "Joe Biden").

    The last token always stays, so a span that is all title words comes back unchanged.
    """
    tokens = tokenize(text, span.start, span.end)
    cut = 0
    while cut < len(tokens) - 1:
        word = text[tokens[cut][0]:tokens[cut][1]].lower()
        if word in TITLE_WORDS or (cut > 0 and word in TITLE_GLUE):
            cut += 1
        else:
            break
    while 0 < cut < len(tokens) - 1 and text[tokens[cut][0]:tokens[cut][1]].lower() in TITLE_GLUE:
        cut += 1
    return span if cut == 0 else Span(tokens[cut][0], span.end)
