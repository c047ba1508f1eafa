"""Regex templates of the pack-driven time rules, filled with one language's word lists.

See :mod:`storyline.analyze.time_pack_rules` for what the rules cover and for their handlers.
Every template is free of nested quantifiers, so that a pattern built from it matches in linear
time; a template whose word list is empty in a pack is left out for that language.
"""

from __future__ import annotations

from storyline.analyze.time_patterns import DIGITS
from storyline.analyze.time_words import TimeWords, alternation, tokens_of

__all__ = ["opt", "patterns"]

_YEAR = r"(?:1\d|20)\d\d"
_SHORT_YEAR = r"\d\d(?![\d:.,]\d)(?=\s*[,.;)\n]|\s*$)"
_TZ = r"UTC|GMT|CET|CEST|EST|EDT|PST"


def opt(alt: str, template: str) -> str:
    """``template`` with ``{}`` replaced by ``alt``, or "" when the word list is empty."""
    return template.format(alt) if alt else ""


def _det(words: TimeWords, *, required: bool = False) -> str:
    """A determiner kept in the span ("el ", "la ", "l'"), optional unless ``required``."""
    plain = [d for d in words.lists.get("determiners", ()) if not d.endswith("'")]
    elided = [d for d in words.lists.get("determiners", ()) if d.endswith("'")]
    parts = [p for p in (opt(alternation(plain), r"(?:{})\s+"), opt(alternation(elided), r"(?:{})\s*")) if p]
    return rf"(?:\b(?P<det>{'|'.join(parts)})){'' if required else '?'}" if parts else ""


def _other_dates(w: TimeWords) -> tuple[str, str]:
    """Day, month of another pack and year: month first, then day first; "" when there are none."""
    if not w.other_months:
        return "", ""
    month = rf"(?P<month>(?:{alternation(w.other_months)})\b\.?)"
    day = rf"(?P<day>3[01]|[12]\d|0?[1-9]){opt(alternation(w.other_ordinals), '(?:{})?')}(?![\d:,.]\d)"
    link = opt(w.re("date_links"), r"(?:\s+(?:{}))?")
    year = rf",?(?:\s+(?:{w.re('date_links')}))?\s+(?P<year>{_YEAR})\b" if w.re("date_links") else \
        rf",?\s+(?P<year>{_YEAR})\b"
    return rf"\b{month}\s+{day}{year}", rf"\b{day}{link}\s+{month}{year}"


def patterns(words: TimeWords) -> list[tuple[str, str, frozenset[str]]]:
    """``(handler name, regex, head tokens)`` of every pack rule for one language."""
    w = words
    det = _det(w)
    other_dates = _other_dates(w)
    month = rf"(?P<month>(?:{w.re('months')})\b\.?)"
    weekday_bare = rf"(?P<wd>(?:{w.re('weekdays')}))"
    weekday = rf"{weekday_bare}\b"
    ordinal = opt(w.re("ordinal_suffixes"), "(?:{})?")
    links = opt(w.re("date_links"), r"(?:\s+(?:{}))?")
    year_link = opt(w.re("date_links"), r"|\s+(?:{})\s+")
    pre = opt(w.re("shift_before"), r"(?:(?P<pre>{})\s+)?")
    post = opt(w.re("shift_after"), r"(?:\s+(?P<post>{})\b)?")
    parts = w.re("day_parts")
    part_link = opt(w.re("day_part_links"), r"(?:(?:{})\s+)?")
    part = opt(parts, rf"(?:,?\s+{part_link}(?P<part>{{}})\b)?")
    edge = opt(w.re("edges"), r"(?:(?P<edge>{})[\s-]+)?")
    units = alternation([*w.units, *w.seasons])
    numbers = rf"\d+(?:[.,]\d+)?|{alternation([*w.numbers, *w.vague_numbers])}"
    num = rf"(?P<num>{numbers})\s+(?P<unit>{w.re('units')})\b"
    mods = opt(w.re("duration_modifiers"), r"(?:(?P<mod>{})\s+)?")
    half = opt(w.re("half"), r"(?:\s+(?P<half>{})\b)?")
    not_after = opt(w.re("duration_not_before"), r"(?![\s-]+(?:{})\b)")
    month_heads, weekday_heads = tokens_of(w.months), tokens_of(w.weekdays)
    unit_heads = tokens_of([*w.units, *w.seasons])
    clock_marks = w.re("clock_marks")
    when = opt(w.re("clock_links"),
                rf"(?:\b(?P<when>{alternation([*w.day_words, *w.weekdays])})(?![\w'’-])\s+(?:{{}})\s+)?")
    rules = [
        ("pk_date", rf"{det}{pre}(?:\b{weekday},?\s+)?\b(?P<day>3[01]|[12]\d|0?[1-9]){ordinal}(?![\d:,]\d)"
                    rf"{links}\s+{month}(?:(?:,?\s+{year_link})(?P<year>{_YEAR}|{_SHORT_YEAR})\b)?{post}",
         month_heads),
        # month first with its year ("Febrero 23 de 2011", "mars 3, 2011"): the year is required, a
        # bare "mayo 5" being rare outside English (whose own rules read it)
        ("pk_date", rf"{det}(?:\b{weekday},?\s+)?\b{month}\s+(?P<day>3[01]|[12]\d|0?[1-9]){ordinal}(?![\d:,.]\d)"
                    rf"(?:,?\s+{year_link})(?P<year>{_YEAR})\b", month_heads),
        # a whole date in another language's month names ("February 23, 2011" in a Spanish report)
        ("pk_other_date", other_dates[0], tokens_of(w.other_months)),
        ("pk_other_date", other_dates[1], tokens_of(w.other_months)),
        ("pk_month_year", rf"\b{edge}{det}{month}{links},?\s+(?P<year>{_YEAR}|{_SHORT_YEAR})\b", month_heads),
        ("pk_month_shift", rf"\b{edge}{det}{pre}{month}{post}", month_heads),
        ("pk_weekday", rf"{det}\b{pre}{weekday}{post}{part}", weekday_heads),
        ("pk_day_word", rf"\b{edge}(?P<day>{w.re('day_words')})(?![\w'’-])(?:,?\s+{weekday})?{part}",
         tokens_of(w.day_words)),
        ("pk_this_part", opt(w.re("shift_before"), rf"{det}\b(?P<pre>{{}})\s+(?P<part>{parts})\b") if parts else "",
         tokens_of(w.day_parts)),
        ("pk_relative_unit", rf"\b{edge}{det}{pre}(?P<unit>{units})\b{post}", unit_heads),
        ("pk_edge_unit", opt(w.re("edges"), rf"\b(?P<edge>{{}})[\s-]+{det}(?P<unit>{units})\b"), unit_heads),
        ("pk_year", rf"\b{edge}(?:(?P<det>{w.re('year_determiners') or '(?!)'})\s+)?"
                    rf"(?<![\w$£€#.,/])(?P<year>{_YEAR})(?![\w%]|[.,]\d|-\d)", frozenset({DIGITS})),
        ("pk_decade", opt(w.re("decade_before"), rf"{det}\b(?:{{}})\s+(?:(?P<c>1[6-9]|20)(?P<d>\d)0|['’]?(?P<d2>\d)0)"
                                                 r"(?![\d%]|[.,]\d)\b"), frozenset({DIGITS})),
        ("pk_decade", opt(w.re("decade_after"), r"(?<![\w.,])(?:(?P<c>1[6-9]|20)(?P<d>\d)|(?P<d2>\d))0(?:{})\b"),
         frozenset({DIGITS})),
        ("pk_ago", opt(w.re("ago_before"), rf"\b(?P<dir>{{}})\s+{mods}{num}{half}"), unit_heads),
        ("pk_ago", opt(w.re("ago_after"), rf"\b{mods}{num}{half}\s+(?P<dir>{{}})(?![\w'’])"), unit_heads),
        ("pk_later", opt(w.re("later_before"), rf"\b(?P<dir>{{}})\s+{mods}{num}{half}"), unit_heads),
        ("pk_later", opt(w.re("later_after"), rf"\b{mods}{num}{half}\s+(?P<dir>{{}})(?![\w'’])"), unit_heads),
        ("pk_vague_duration", opt(w.re("duration_preps"), rf"\b(?:{{}})\s+(?P<x>{det}(?P<unit>{w.re('units')}))\b"),
         unit_heads),
        ("pk_duration", rf"\b{mods}{det}{pre}{num}{half}{not_after}", unit_heads),
        ("pk_clock", rf"{when}(?:\b(?P<pre>{w.re('clock_before') or '(?!)'})\s+)?(?<![\d:.,])\b(?P<h>[01]?\d|2[0-3])"
                     rf"(?::(?P<min>[0-5]\d)(?![\d:])(?:\s*(?:{clock_marks or '(?!)'})\b)?"
                     rf"|\s*(?:{clock_marks or '(?!)'})(?:\s*(?P<min2>[0-5]\d))?\b"
                     rf"|\.(?P<min3>[0-5]\d)(?![\d.,])(?:\s*(?P<mark>{clock_marks or '(?!)'})\b)?)"
                     rf"(?:\s+(?P<tz>{_TZ})\b)?(?:,?\s+(?P<when2>{w.re('day_words')})(?![\w'’-]))?", frozenset({DIGITS})),
        ("pk_det_part", rf"{_det(w, required=True)}(?P<part>{parts})\b" if det and parts else "", tokens_of(w.day_parts)),
        ("pk_clock_word", opt(w.re("clock_words"), r"\b(?P<word>{})\b"), tokens_of(w.clock_words)),
        ("pk_reference", opt(w.re("references"), r"(?<![\w'’])(?:{})(?![\w'’])"), tokens_of(w.references)),
        ("pk_set", opt(w.re("every"), rf"\b(?:{{}})\s+(?:(?P<num>{numbers})\s+)?"
                                       rf"(?:(?P<unit>{w.re('units')})|{weekday_bare}s?)\b"),
         tokens_of(w.lists.get("every", ()))),
        ("pk_frequency", opt(w.re("frequency"), r"(?<![\w'’])(?:{})(?![\w'’])"), tokens_of(w.frequency)),
    ]
    return [(name, pattern, heads) for name, pattern, heads in rules if pattern]
