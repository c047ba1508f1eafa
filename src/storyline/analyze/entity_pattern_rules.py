"""Pattern rules after the recogniser, kept from the first (English) offline model.

Titles out of PERSON spans (roles, :mod:`storyline.analyze.roles`), weapon systems and programmes
(S-400, F-35) as ``WEAPON``, known and unknown acronyms, organisation suffixes, GPE spans headed by
a place word (sea, river) as ``LOC``, and products: a maker's name with a model number ("Boeing
747") and product codes ("A380"). Data in :mod:`storyline.analyze.entity_patterns`. Used by
:func:`storyline.analyze.entity_rules.apply_rules` for every language. Cost: a few regular
expression scans of the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.analyze import entity_patterns as pat
from storyline.analyze.ner_features import tokenize
from storyline.analyze.regex_first import compile_guarded
from storyline.analyze.roles import strip_title
from storyline.model import Mention, Span

__all__ = ["acronym_mentions", "fix_mention", "known_name", "with_known_names", "org_suffix_mentions", "product_codes", "weapon_mentions",
           "with_model_number"]

_ACRONYM_RE = compile_guarded(r"\b(?:[A-Z]\.){2,}|\b[A-Z][A-Z0-9]{1,5}\b")
_ORG_SUFFIX_RE = compile_guarded(
    r"\b(?:[A-Z][\w&'\u2019-]*\s+){1,4}(?:Inc\.|Corp\.|Ltd\.|Co\.|LLC|PLC|Agency|Ministry|Corporation|"
    r"Department|Council|Committee|Commission|Organization|Organisation|Party|Bank|University|"
    r"Institute|Foundation|Administration|Authority)(?=\W|$)"
)
_ROMAN_RE = re.compile(r"[IVXLC]+")
_UPPER_LINE_RATIO = 0.6  # a sentence this much upper case is a shouting headline: no acronym rule
_MODEL_NUMBER_AFTER = re.compile(r" (?:[A-Z]?\d{3}(?:-\d{1,3}[A-Z]{0,3})?|[A-Z]\d{2,3})(?![\w.,]\d)(?=\W|$)")
_ENDS_WITH_MODEL_NUMBER = re.compile(r"[^\W\d_]{2,} (?:[A-Z]?\d{3}(?:-\d{1,3}[A-Z]{0,3})?|[A-Z]\d{2,3})$")
#: "A380", "A320s", and a type number with its variant letters ("777-200LR", "747-400ER"; a bare
#: "737-800" may be a range and is left to the maker's-name rule).
_PRODUCT_CODE_RE = re.compile(r"\b(?:[A-Z]\d{3}(?:-\d{1,3})?s?|[1-9]\d{2}-\d{3}[A-Z]{1,3}s?)\b")


def with_model_number(text: str, mention: Mention) -> Mention:
    """An ORG or PRODUCT name followed by a model number takes it ("Boeing 747", "Airbus
    A380-800"): the product, not the maker, is named."""
    if mention.type not in ("ORG", "PRODUCT", "PERSON"):
        return mention
    match = _MODEL_NUMBER_AFTER.match(text, mention.span.end)
    if match is not None:
        return Mention(Span(mention.span.start, match.end()), "PRODUCT", mention.entity)
    surface = text[mention.span.start:mention.span.end]
    if _PRODUCT_CODE_RE.fullmatch(surface) or _ENDS_WITH_MODEL_NUMBER.search(surface):
        return Mention(mention.span, "PRODUCT", mention.entity)
    return mention


#: Known names by their last word ("Jazeera" → "Al Jazeera", "Al-Jazeera").
_KNOWN_BY_LAST: dict[str, tuple[str, ...]] = {}
for _name in sorted(pat.KNOWN_NAMES, key=len, reverse=True):
    _last = re.split(r"[ -]", _name)[-1]
    _KNOWN_BY_LAST[_last] = (*_KNOWN_BY_LAST.get(_last, ()), _name)


def known_name(text: str, mention: Mention) -> Mention:
    """The mention as a known name ending where it ends, with that name's type ("Jazeera" PERSON
    → "Al Jazeera" ORG, "Twitter" GPE → ORG), or itself. A dictionary lookup per mention: names
    the model did not tag at all are not looked for."""
    end = mention.span.end
    last = text[max(mention.span.start, end - 40):end]
    last = re.split(r"[ -]", last)[-1]
    for name in _KNOWN_BY_LAST.get(last, ()):
        start = end - len(name)
        if start >= 0 and text.startswith(name, start) and (start == 0 or not (text[start - 1].isalnum()
                                                                                 or text[start - 1] == "-")):
            if start > mention.span.start:  # the mention holds more than the name ("Página de Twitter")
                return mention
            return Mention(Span(start, end), pat.KNOWN_NAMES[name], mention.entity)
    return mention


def with_known_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """:func:`known_name` over non-overlapping mentions in text order; a mention the longer name
    now covers is dropped ("Al" before "Jazeera")."""
    out: list[Mention] = []
    for mention in mentions:
        fixed = known_name(text, mention)
        while out and out[-1].span.end > fixed.span.start:
            out.pop()
        out.append(fixed)
    return out


def product_codes(text: str) -> list[Mention]:
    """Product codes of one capital and three digits ("A380", "A320s", "A350 XWB") and type numbers
    with variant letters ("777-200LR")."""
    return [Mention(Span(*m.span()), "PRODUCT") for m in _PRODUCT_CODE_RE.finditer(text)]


#: Marks a tagger may take into a name at its edges (a closing quote before "Qarlo told").
_EDGE_MARKS = "\"“”„«»‘’‹›()[]{}–—-,:; \t\n"


def fix_mention(text: str, mention: Mention) -> Mention | None:
    span, kind = _trim_edges(text, mention.span), mention.type
    if span.start >= span.end:
        return None
    surface = text[span.start:span.end]
    if kind == "PERSON":
        span = strip_title(text, span)
        if text[span.start:span.end].lower() in pat.TITLE_WORDS:
            return None
    if surface.lower() in pat.NON_NAME_WORDS or not any(c.isalpha() for c in surface):
        return None
    if kind != "PERSON" and _after_title_glue(text, span.start):
        stripped = strip_title(text, span)
        rest = text[stripped.start:span.end].split()
        if stripped != span and 1 < len(rest) <= 3 and all(w[:1].isupper() for w in rest):
            span, kind = stripped, "PERSON"  # "Secretary of [State Antony Blinken]"
    if kind == "GPE" and any(text[s:e].lower() in pat.LOC_HEADS for s, e in tokenize(text, span.start, span.end)):
        kind = "LOC"  # "the Red Sea": a place word heads it (only a GPE's words are read)
    if not any(c.isalpha() for c in text[span.start:span.end]):
        return None
    return Mention(span, kind)


def _trim_edges(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start] in _EDGE_MARKS:
        start += 1
    while end > start and text[end - 1] in _EDGE_MARKS:
        end -= 1
    return span if (start, end) == (span.start, span.end) else Span(start, end)


def _after_title_glue(text: str, start: int) -> bool:
    """Whether the words before ``start`` are a role head and a glue word ("Secretary of ")."""
    before = text[max(0, start - 40):start].split()
    return len(before) >= 2 and before[-1].lower() in pat.TITLE_GLUE and before[-2].lower() in pat.ROLE_HEADS


#: Each weapon name as a whole word, compiled once per process.
_WEAPON_NAME_RES = {name: re.compile(r"\b" + re.escape(name) + r"\b") for name in pat.WEAPON_NAMES}


def weapon_mentions(text: str) -> list[Mention]:
    """Weapon systems: the pattern's codes ("S-400"), and the known names where upper case or
    followed by a weapon head word. A name's regex runs only where the name occurs as a
    substring at all (one C-speed ``in`` per name, instead of a regex scan of the report)."""
    found = [Mention(Span(*m.span()), "WEAPON") for m in pat.WEAPON_RE.finditer(text)]
    for name in pat.WEAPON_NAMES:
        if name not in text:
            continue
        for m in _WEAPON_NAME_RES[name].finditer(text):
            following = text[m.end():m.end() + 20].split()
            if name.isupper() or (following and following[0].lower().strip(".,") in pat.WEAPON_HEADS):
                found.append(Mention(Span(*m.span()), "WEAPON"))
    return found


def acronym_mentions(text: str, sentences: Sequence[Span]) -> list[Mention]:
    out: list[Mention] = []
    for sentence in sentences:
        found = list(_ACRONYM_RE.finditer(text, sentence.start, sentence.end))
        if not found:  # nothing to judge: the sentence's casing is not read
            continue
        chunk = text[sentence.start:sentence.end]
        letters = sum(map(str.isalpha, chunk))
        if letters and sum(map(str.isupper, chunk)) / letters > _UPPER_LINE_RATIO:
            continue
        for m in found:
            word = m.group()
            if word in pat.KNOWN_ACRONYMS:
                out.append(Mention(Span(*m.span()), pat.KNOWN_ACRONYMS[word]))
            elif _ROMAN_RE.fullmatch(word) is None and word.isalpha() and 3 <= len(word) <= 5 \
                    and word not in pat.NOT_ACRONYMS:
                out.append(Mention(Span(*m.span()), "ORG"))
    return out


def org_suffix_mentions(text: str) -> list[Mention]:
    out = []
    for m in _ORG_SUFFIX_RE.finditer(text):
        span = strip_title(text, Span(*m.span()))
        first = text[span.start:span.end].split()[0].lower()
        if first not in pat.NON_NAME_WORDS and len(text[span.start:span.end].split()) > 1:
            out.append(Mention(span, "ORG"))
    return out
