"""Time rules built from a language pack: one set of patterns for every language.

Each rule is a regex template filled with the alternations of one language's time words
(:mod:`storyline.analyze.time_words`) and a handler that returns ``(type, value)`` or ``None``.
They cover what languages order differently: modifiers before or after the noun ("el pasado
viernes", "vendredi dernier", "l'anno scorso", "letzte Woche"), ago before or after the count
("hace 3 días", "il y a 3 jours", "3 giorni fa", "vor 3 Tagen"), day words with a part of the
day ("hier soir", "ayer por la tarde"), dates with links and ordinals ("el 1º de mayo del 2004",
"le 1er mai", "12. März"), clocks ("21 h 45", "las 18:00 UTC", "17 Uhr") and recurrences.
They run beside the English constructions of :mod:`storyline.analyze.time_rules`; the tagger
keeps the longest match. Every template is free of nested quantifiers (linear-time matching).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from storyline.analyze import time_resolve as tr
from storyline.analyze.time_context import Context
from storyline.analyze.time_patterns import DIGITS, UNITS
from storyline.analyze.time_words import TimeWords, alternation, time_words, tokens_of

Found = tuple[str, str | None]
Handler = Callable[[re.Match[str], Context], Found | None]

_YEAR = r"(?:1\d|20)\d\d"
_SHORT_YEAR = r"\d\d(?=\s*[,.;:)\n]|\s*$)"
_TZ = r"UTC|GMT|CET|CEST|EST|EDT|PST"


def _opt(alt: str, template: str) -> str:
    """``template`` with ``{}`` replaced by ``alt``, or "" when the word list is empty."""
    return template.format(alt) if alt else ""


def _det(words: TimeWords) -> str:
    """Optional determiner kept in the span: "el ", "la ", "l'"."""
    plain = [d for d in words.lists.get("determiners", ()) if not d.endswith("'")]
    elided = [d for d in words.lists.get("determiners", ()) if d.endswith("'")]
    parts = [p for p in (_opt(alternation(plain), r"(?:{})\s+"), _opt(alternation(elided), r"(?:{})\s*")) if p]
    return rf"(?:\b(?P<det>{'|'.join(parts)}))?" if parts else ""


def patterns(words: TimeWords) -> list[tuple[str, str, frozenset[str]]]:
    """``(handler name, regex, head tokens)`` of every pack rule for one language."""
    w = words
    det = _det(w)
    month = rf"(?P<month>(?:{w.re('months')})\b\.?)"
    weekday_bare = rf"(?P<wd>(?:{w.re('weekdays')}))"
    weekday = rf"{weekday_bare}\b"
    ordinal = _opt(w.re("ordinal_suffixes"), "(?:{})?")
    links = _opt(w.re("date_links"), r"(?:\s+(?:{}))?")
    year_link = _opt(w.re("date_links"), r"|\s+(?:{})\s+")
    pre = _opt(w.re("shift_before"), r"(?:(?P<pre>{})\s+)?")
    post = _opt(w.re("shift_after"), r"(?:\s+(?P<post>{})\b)?")
    parts = w.re("day_parts")
    part_link = _opt(w.re("day_part_links"), r"(?:(?:{})\s+)?")
    part = _opt(parts, rf"(?:,?\s+{part_link}(?P<part>{{}})\b)?")
    edge = _opt(w.re("edges"), r"(?:(?P<edge>{})[\s-]+)?")
    units = alternation([*w.units, *w.seasons])
    numbers = rf"\d+(?:[.,]\d+)?|{alternation([*w.numbers, *w.vague_numbers])}"
    num = rf"(?P<num>{numbers})\s+(?P<unit>{w.re('units')})\b"
    mods = _opt(w.re("duration_modifiers"), r"(?:(?P<mod>{})\s+)?")
    half = _opt(w.re("half"), r"(?:\s+(?P<half>{})\b)?")
    not_after = _opt(w.re("duration_not_before"), r"(?![\s-]+(?:{})\b)")
    month_heads, weekday_heads = tokens_of(w.months), tokens_of(w.weekdays)
    unit_heads = tokens_of([*w.units, *w.seasons])
    clock_marks = w.re("clock_marks")
    rules = [
        ("pk_date", rf"{det}(?:\b{weekday},?\s+)?\b(?P<day>3[01]|[12]\d|0?[1-9]){ordinal}(?![\d:,]\d)"
                    rf"{links}\s+{month}(?:(?:,?\s+{year_link})(?P<year>{_YEAR}|{_SHORT_YEAR})\b)?{post}",
         month_heads),
        ("pk_month_year", rf"\b{edge}{det}{month}{links},?\s+(?P<year>{_YEAR}|{_SHORT_YEAR})\b", month_heads),
        ("pk_month_shift", rf"\b{edge}{det}{pre}{month}{post}", month_heads),
        ("pk_weekday", rf"{det}\b{pre}{weekday}{post}{part}", weekday_heads),
        ("pk_day_word", rf"\b{edge}(?P<day>{w.re('day_words')})(?![\w'’-])(?:,?\s+{weekday})?{part}",
         tokens_of(w.day_words)),
        ("pk_this_part", _opt(w.re("shift_before"), rf"{det}\b(?P<pre>{{}})\s+(?P<part>{parts})\b") if parts else "",
         tokens_of(w.day_parts)),
        ("pk_relative_unit", rf"\b{edge}{det}{pre}(?P<unit>{units})\b{post}", unit_heads),
        ("pk_edge_unit", _opt(w.re("edges"), rf"\b(?P<edge>{{}})[\s-]+{det}(?P<unit>{units})\b"), unit_heads),
        ("pk_year", rf"\b{edge}(?:(?P<det>{w.re('year_determiners') or '(?!)'})\s+)?"
                    rf"(?<![\w$£€#.,/])(?P<year>{_YEAR})(?![\w%]|[.,]\d|-\d)", frozenset({DIGITS})),
        ("pk_ago", _opt(w.re("ago_before"), rf"\b(?P<dir>{{}})\s+{mods}{num}{half}"), unit_heads),
        ("pk_ago", _opt(w.re("ago_after"), rf"\b{mods}{num}{half}\s+(?P<dir>{{}})(?![\w'’])"), unit_heads),
        ("pk_later", _opt(w.re("later_before"), rf"\b(?P<dir>{{}})\s+{mods}{num}{half}"), unit_heads),
        ("pk_later", _opt(w.re("later_after"), rf"\b{mods}{num}{half}\s+(?P<dir>{{}})(?![\w'’])"), unit_heads),
        ("pk_duration", rf"\b{mods}{det}{pre}{num}{half}{not_after}", unit_heads),
        ("pk_clock", rf"(?:\b(?P<pre>{w.re('clock_before') or '(?!)'})\s+)?(?<![\d:.,])\b(?P<h>[01]?\d|2[0-3])"
                     rf"(?::(?P<min>[0-5]\d)(?![\d:])(?:\s*(?:{clock_marks or '(?!)'})\b)?"
                     rf"|\s*(?:{clock_marks or '(?!)'})(?:\s*(?P<min2>[0-5]\d))?\b"
                     rf"|\.(?P<min3>[0-5]\d)(?![\d.,])(?:\s*(?P<mark>{clock_marks or '(?!)'})\b)?)"
                     rf"(?:\s+(?P<tz>{_TZ})\b)?", frozenset({DIGITS})),
        ("pk_clock_word", _opt(w.re("clock_words"), r"\b(?P<word>{})\b"), tokens_of(w.clock_words)),
        ("pk_reference", _opt(w.re("references"), r"(?<![\w'’])(?:{})(?![\w'’])"), tokens_of(w.references)),
        ("pk_set", _opt(w.re("every"), rf"\b(?:{{}})\s+(?:(?P<num>{numbers})\s+)?"
                                       rf"(?:(?P<unit>{w.re('units')})|{weekday_bare}s?)\b"),
         tokens_of(w.lists.get("every", ()))),
        ("pk_frequency", _opt(w.re("frequency"), r"(?<![\w'’])(?:{})(?![\w'’])"), tokens_of(w.frequency)),
    ]
    return [(name, pattern, heads) for name, pattern, heads in rules if pattern]


# --- handlers -------------------------------------------------------------------------------


def _shift(m: re.Match[str], words: TimeWords) -> int | None:
    """The amount of the match's modifier: before the noun or after it (None when neither)."""
    before = words.shift(m.groupdict().get("pre"))
    return before if before is not None else words.shift(m.groupdict().get("post"), after=True)


def _tense_of(amount: int | None, m: re.Match[str], ctx: Context) -> tr.Tense:
    if amount is not None and amount < 0:
        return "past"
    if amount is not None and amount > 0:
        return "future"
    return ctx.tense(m.start(), m.end())


def _full_year(text: str) -> int:
    year = int(text)
    return year + (2000 if year < 50 else 1900) if year < 100 else year


def _date(m: re.Match[str], ctx: Context) -> Found | None:
    month = ctx.words.months.get(m["month"].lower().rstrip("."))
    if month is None:
        return None
    day = int(m["day"])
    if m["year"]:
        found = tr._safe_date(_full_year(m["year"]), month, day)
        return ("DATE", found.isoformat()) if found else None
    value = tr.resolve_month_day(month, day, ctx.anchor, _tense_of(_shift(m, ctx.words), m, ctx))
    return ("DATE", value) if value else None


def _month_year(m: re.Match[str], ctx: Context) -> Found | None:
    month = ctx.words.months.get(m["month"].lower().rstrip("."))
    if month is None or m["month"].lower().rstrip(".") in ctx.words.ambiguous_months and "." not in m["month"]:
        return None
    return ("DATE", f"{_full_year(m['year'])}-{month:02d}")


def _month_shift(m: re.Match[str], ctx: Context) -> Found | None:
    key = m["month"].lower().rstrip(".")
    month = ctx.words.months.get(key)
    amount = _shift(m, ctx.words)
    if month is None or (amount is None and not m["edge"]) or key in ctx.words.ambiguous_months:
        return None
    if ctx.anchor is None:
        return ("DATE", f"XXXX-{month:02d}")
    if amount is None:
        return ("DATE", tr.resolve_month(month, ctx.anchor, ctx.tense(m.start(), m.end())))
    year = ctx.anchor.year
    if amount < 0:
        year -= month >= ctx.anchor.month
    elif amount > 0:
        year += month <= ctx.anchor.month
    return ("DATE", f"{year}-{month:02d}")


def _day_value(ctx: Context, offset: int) -> str:
    return tr.shift_unit(ctx.anchor, "day", offset) or "XXXX-XX-XX"


def _weekday(m: re.Match[str], ctx: Context) -> Found | None:
    weekday = ctx.words.weekdays.get(m["wd"].lower())
    if weekday is None:
        return None
    amount = _shift(m, ctx.words)
    named = {None: "", -1: "last", 0: "this", 1: "next"}.get(amount, "")
    value = tr.resolve_weekday(weekday, ctx.anchor, _tense_of(amount, m, ctx), named)
    if m["part"]:
        return ("TIME", f"{value}T{ctx.words.day_parts[m['part'].lower()]}")
    return ("DATE", value)


def _day_word(m: re.Match[str], ctx: Context) -> Found | None:
    base = _day_value(ctx, ctx.words.day_words[_norm(m["day"])])
    if m["part"]:
        return ("TIME", f"{base}T{ctx.words.day_parts[m['part'].lower()]}")
    return ("DATE", base)


def _norm(word: str) -> str:
    return re.sub(r"\s+", " ", word.lower().replace("’", "'"))


def _this_part(m: re.Match[str], ctx: Context) -> Found | None:
    amount = ctx.words.shift(m["pre"])
    if amount is None or amount > 0:
        return None
    return ("TIME", f"{_day_value(ctx, amount)}T{ctx.words.day_parts[m['part'].lower()]}")


def _is_plural(word: str, words: TimeWords) -> bool:
    """"años", "jours", "Jahre", "anni", "settimane": a plural of another unit word."""
    key, units = _norm(word), words.units
    unit = units.get(key)
    stems = (key[:-1], key[:-2])
    if any(s in units and units[s] == unit and s != key for s in stems):
        return True
    return key[-1:] in ("i", "e") and any(
        units.get(key[:-1] + v) == unit for v in ("o", "a", "e") if key[:-1] + v != key)


def _relative_unit(m: re.Match[str], ctx: Context) -> Found | None:
    amount = _shift(m, ctx.words)
    word = _norm(m["unit"])
    if amount is None:
        return None
    if word in ctx.words.seasons:
        named = {-1: "last", 0: "this", 1: "next"}[max(-1, min(1, amount))]
        return ("DATE", tr.resolve_season(ctx.words.seasons[word], ctx.anchor, None, named))
    unit = ctx.words.units.get(word)
    if unit not in UNITS and unit != "weekend":
        return None
    if unit == "day":  # "this day" is no "today"; the day words say it
        return None
    if _is_plural(word, ctx.words):
        letter, is_time, factor = UNITS.get(unit, ("D", False, 1))
        if amount == 0 or not m.groupdict().get("det"):  # "los últimos años", not "past years"
            return None
        return ("DURATION", tr.duration_value(None, letter, is_time, factor))
    if unit in ("decade", "century") and amount < 0:
        return ("DURATION", tr.duration_value(1, "Y", False, UNITS[unit][2]))
    value = tr.shift_unit(ctx.anchor, unit, amount)
    if UNITS.get(unit, ("", False))[1] or value is None:  # "esta hora", "este semestre"
        return None
    return ("DATE", value)


def _edge_unit(m: re.Match[str], ctx: Context) -> Found | None:
    unit = ctx.words.units.get(_norm(m["unit"]))
    if unit not in ("year", "month") or _is_plural(m["unit"], ctx.words):
        return None
    return ("DATE", tr.shift_unit(ctx.anchor, unit, 0))


def _year(m: re.Match[str], ctx: Context) -> Found | None:
    if not (m["det"] or m["edge"]) or _blocked(m.start("year"), ctx):
        return None
    return ("DATE", m["year"])


def _blocked(start: int, ctx: Context) -> bool:
    """Whether the word before a number makes it a law, resolution or article number."""
    before = ctx.word_before(start).rstrip(".")
    return before in ctx.words.year_blockers


def _amount(m: re.Match[str], ctx: Context) -> float | None:
    amount = ctx.words.number(m["num"])
    if amount is not None and m.groupdict().get("half"):
        amount += 0.5
    return amount


def _ago(m: re.Match[str], ctx: Context, forward: bool = False) -> Found | None:
    unit = ctx.words.units.get(_norm(m["unit"]))
    if unit not in UNITS:
        return None
    amount = _amount(m, ctx)
    if amount is None:
        return ("DATE", "FUTURE_REF" if forward else "PAST_REF")
    letter, is_time, factor = UNITS[unit]
    if is_time:
        return ("TIME", "PRESENT_REF" if ctx.anchor is None else ctx.anchor.isoformat())
    shift_unit, steps = (unit, amount)
    if factor > 1 and unit != "fortnight":  # decades and centuries in years, semesters in months
        shift_unit, steps = ("year" if letter == "Y" else "month"), amount * factor
    if steps != int(steps):
        return ("DURATION", tr.duration_value(amount, letter, is_time, factor))
    return ("DATE", tr.shift_unit(ctx.anchor, shift_unit, int(steps) * (1 if forward else -1)))


def _later(m: re.Match[str], ctx: Context) -> Found | None:
    return _ago(m, ctx, forward=True)


def _duration(m: re.Match[str], ctx: Context) -> Found | None:
    unit = ctx.words.units.get(_norm(m["unit"]))
    if unit not in UNITS or unit == "weekend":
        return None
    plural = _is_plural(m["unit"], ctx.words)
    if m["num"][:1].isdigit() and len(m["num"]) == 4 and not plural:
        return None
    if plural and not m["num"][:1].isdigit() and ctx.words.number(m["num"]) == 1:  # "a years"
        return None
    letter, is_time, factor = UNITS[unit]
    return ("DURATION", tr.duration_value(_amount(m, ctx), letter, is_time, factor))


_DAY_BEFORE_CLOCK = 48


def _clock(m: re.Match[str], ctx: Context) -> Found | None:
    if m["min3"] and not (m["mark"] or m["pre"]):  # "17.30" alone may be a number
        return None
    hour = int(m["h"])
    minute = int(m["min"] or m["min2"] or m["min3"] or 0)
    return ("TIME", f"{_clock_day(m, ctx)}T{hour:02d}:{minute:02d}{_zone(m)}")


def _zone(m: re.Match[str]) -> str:
    return "Z" if (m.groupdict().get("tz") or "").upper() in ("UTC", "GMT") else ""


@lru_cache(maxsize=16)
def _day_mention(code: str) -> re.Pattern[str]:
    words = time_words(code)
    return re.compile(rf"\b(?:(?P<day>{words.re('day_words')})|(?P<wd>{words.re('weekdays')}))(?![\w'])")


def _clock_day(m: re.Match[str], ctx: Context) -> str:
    """The day a clock time belongs to: the last day word or weekday just before it in its
    sentence ("hier à 10 h", "el lunes a las 18:00"), else the report's day."""
    s_start, _ = ctx.sentence(m.start())
    window = ctx.text[max(s_start, m.start() - _DAY_BEFORE_CLOCK) : m.start()].lower().replace("’", "'")
    found = None
    for found in _day_mention(ctx.words.code).finditer(window):
        pass
    if found is not None and found["day"]:
        return _day_value(ctx, ctx.words.day_words[_norm(found["day"])])
    if found is not None and found["wd"]:
        return tr.resolve_weekday(ctx.words.weekdays[found["wd"]], ctx.anchor, ctx.tense(m.start(), m.end()))
    return _day_value(ctx, 0)


def _clock_word(m: re.Match[str], ctx: Context) -> Found | None:
    return ("TIME", f"{_clock_day(m, ctx)}T{ctx.words.clock_words[_norm(m['word'])]}")


def _reference(m: re.Match[str], ctx: Context) -> Found | None:
    return ("DATE", ctx.words.references[_norm(m[0])])


def _set(m: re.Match[str], ctx: Context) -> Found | None:
    if m["wd"]:
        weekday = ctx.words.weekdays.get(m["wd"].lower())
        return ("SET", f"XXXX-WXX-{weekday}") if weekday else None
    unit = ctx.words.units.get(_norm(m["unit"]))
    if unit not in UNITS:
        return None
    letter, is_time, factor = UNITS[unit]
    amount = ctx.words.number(m["num"]) if m["num"] else 1
    return ("SET", tr.duration_value(amount, letter, is_time, factor))


def _frequency(m: re.Match[str], ctx: Context) -> Found | None:
    return ("SET", ctx.words.frequency[_norm(m[0])])


HANDLERS: dict[str, Handler] = {
    "pk_date": _date, "pk_month_year": _month_year, "pk_month_shift": _month_shift,
    "pk_weekday": _weekday, "pk_day_word": _day_word, "pk_this_part": _this_part,
    "pk_relative_unit": _relative_unit, "pk_edge_unit": _edge_unit, "pk_year": _year,
    "pk_ago": _ago, "pk_later": _later, "pk_duration": _duration, "pk_clock": _clock,
    "pk_clock_word": _clock_word, "pk_reference": _reference, "pk_set": _set,
    "pk_frequency": _frequency,
}
