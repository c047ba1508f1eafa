"""Recognition rules for time expressions: one regex and one value-building handler per rule.

A rule's handler returns ``(type, value)`` or ``None`` to reject the match. Spans follow TimeML:
prepositions ("on", "in") stay out, determiners and modifiers ("the", "last", "early") stay in.
All patterns are built from the linear-time parts of :mod:`storyline.analyze.time_patterns`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache

from storyline.analyze import time_pack_rules as pk
from storyline.analyze import time_patterns as tp
from storyline.analyze import time_resolve as tr
from storyline.analyze.regex_first import guarded
from storyline.analyze.regex_trie import trie_alternation
from storyline.analyze.time_context import Context, month_number, weekday_number
from storyline.analyze.time_words import time_words

Found = tuple[str, str | None]
Handler = Callable[[re.Match[str], "Context"], Found | None]



def _alternation(words: Iterable[str]) -> str:
    """The words as a prefix-tree alternation that matches as the longest-first one."""
    return trie_alternation(words)


def _is_name(word: str, ctx: Context) -> bool:
    """Where the pack says names are capitalised (English), a lower-case "may" is no month."""
    return not ctx.words.names_capitalised or not word[:1].islower()


def _count(word: str | None) -> float | None:
    """"two" → 2, "24" → 24, "twenty-four" → 24, "several" → None."""
    if word is None:
        return 1
    key = word.lower().replace("-", " ")
    if key[:1].isdigit():
        return float(key)
    if key in tp.NUMBER_WORDS:
        return tp.NUMBER_WORDS[key]
    tens, _, unit = key.partition(" ")
    return (tp.NUMBER_WORDS.get(tens) or 0) + (tp.NUMBER_WORDS.get(unit) or 0)


def _unit(word: str) -> str:
    key = word.lower()
    if key == "centuries":
        return "century"
    return key[:-1] if key.endswith("s") and key[:-1] in tp.UNITS else key


# --- handlers -------------------------------------------------------------------------------


def _numeric_iso(m: re.Match[str], ctx: Context) -> Found | None:
    year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
    return ("DATE", f"{year}-{month:02d}-{day:02d}") if tr._safe_date(year, month, day) else None


def _numeric_slash(m: re.Match[str], ctx: Context) -> Found | None:
    first, second, year = int(m["a"]), int(m["b"]), int(m["y"])
    if m["sep"] != "/" and len(m["y"]) < 4:  # "3.12.10" is a version or a score, not a date
        return None
    year += 2000 if year < 50 else 1900 if year < 100 else 0
    month_first = ctx.words.date_order == "mdy" and first <= 12
    month, day = (first, second) if month_first else (second, first)
    return ("DATE", f"{year}-{month:02d}-{day:02d}") if tr._safe_date(year, month, day) else None


def _month_day(m: re.Match[str], ctx: Context) -> Found | None:
    month = month_number(m["month"], ctx.language)
    if month is None or not _is_name(m["month"], ctx):
        return None
    day = int(re.sub(r"\D", "", m["day"]))
    if m["year"]:
        found = tr._safe_date(int(m["year"]), month, day)
        return ("DATE", found.isoformat()) if found else None
    value = tr.resolve_month_day(month, day, ctx.anchor, ctx.tense(m.start(), m.end()))
    return ("DATE", value) if value else None


def _month_year(m: re.Match[str], ctx: Context) -> Found | None:
    month = month_number(m["month"], ctx.language)
    if month is None or not _is_name(m["month"], ctx):
        return None
    return ("DATE", f"{m['year']}-{month:02d}")


def _month(m: re.Match[str], ctx: Context) -> Found | None:
    word = m["month"]
    month = month_number(word, ctx.language)
    if month is None or not _is_name(word, ctx):
        return None
    signalled = m["edge"] or m["shift"] or m["rel"] or ctx.word_before(m.start()) in tp.DATE_SIGNALS
    if word.lower().rstrip(".") in ctx.words.ambiguous_months or ("." in word and ctx.words.names_capitalised):
        if not signalled:
            return None
    if ctx.anchor is None:
        return ("DATE", f"XXXX-{month:02d}")
    if m["rel"]:
        year = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
        return ("DATE", f"{year}-{month:02d}")
    shift = (m["shift"] or "").lower()
    if shift in ("last", "past"):
        year = ctx.anchor.year - (1 if month >= ctx.anchor.month else 0)
    elif shift in ("next", "coming"):
        year = ctx.anchor.year + (1 if month <= ctx.anchor.month else 0)
    elif shift == "this":
        year = ctx.anchor.year
    else:
        return ("DATE", tr.resolve_month(month, ctx.anchor, ctx.tense(m.start(), m.end())))
    return ("DATE", f"{year}-{month:02d}")


def _weekday(m: re.Match[str], ctx: Context) -> Found | None:
    weekday = weekday_number(m["wd"], ctx.language)
    if weekday is None or not _is_name(m["wd"], ctx):
        return None
    shift = (m["shift"] or "").lower().replace("coming", "next").replace("past", "last")
    value = tr.resolve_weekday(weekday, ctx.anchor, ctx.tense(m.start(), m.end()), shift)
    if m["part"]:
        return ("TIME", f"{value}T{tp.DAY_PARTS[m['part'].lower()]}")
    return ("DATE", value)


_DAY_FOLLOWERS = frozenset(
    "that and or when at in to he she it the as after before with but saying said of on"
    " this last was".split()
)


def _next_word(ctx: Context, pos: int) -> str | None:
    after = _NEXT_WORD.match(ctx.text, pos)
    return after.group(1) if after else None


_NEXT_WORD = re.compile(r"[ \t]*([A-Za-z]+)")


def _day_of_month(m: re.Match[str], ctx: Context) -> Found | None:
    following = _next_word(ctx, m.end())
    if following and (following[0].isupper() or following not in _DAY_FOLLOWERS):
        return None
    value = tr.resolve_day_of_month(int(m["day"]), ctx.anchor, ctx.tense(m.start(), m.end()))
    return ("DATE", value) if value else None


_YEAR_MEASURES = re.compile(
    r"\s*(?:%|percent|per\b|people|troops|soldiers|tons|tonnes|shares|feet|foot|meters|metres"
    r"|miles|km|kilometers|votes|jobs|members|dollars|yuan|euros|points|cars|units)",
    re.IGNORECASE,
)


def _year(m: re.Match[str], ctx: Context) -> Found | None:
    if _YEAR_MEASURES.match(ctx.text, m.end()) or pk._blocked(m.start("year"), ctx):
        return None
    return ("DATE", m["year"])


def _decade(m: re.Match[str], ctx: Context) -> Found | None:
    return ("DATE", m["dec"] if m["dec"] else "19" + m["dec2"])


def _century(m: re.Match[str], ctx: Context) -> Found | None:
    return ("DATE", f"{int(m['n']) - 1:02d}")


_SHIFT_AMOUNT = {
    "last": -1, "the last": -1, "the past": -1, "past": -1, "previous": -1,
    "the previous": -1, "this": 0, "current": 0, "the current": 0, "next": 1, "the next": 1,
    "coming": 1, "the coming": 1, "the following": 1,
}


def _relative_unit(m: re.Match[str], ctx: Context) -> Found | None:
    shift, unit = m["shift"].lower(), m["unit"].lower()
    amount = _SHIFT_AMOUNT[shift]
    if unit in tp.SEASONS:
        named = {-1: "last", 0: "this", 1: "next"}[amount]
        return ("DATE", tr.resolve_season(tp.SEASONS[unit], ctx.anchor, None, named))
    if unit in ("decade", "century") and amount == -1:
        return ("DURATION", tr.duration_value(1, "Y", False, tp.UNITS[unit][2]))
    return ("DATE", tr.shift_unit(ctx.anchor, unit, amount))


def _ago(m: re.Match[str], ctx: Context) -> Found | None:
    amount = _count(m["num"])
    forward = m["dir"].lower() in ("later", "from now", "hence")
    if amount is None:
        return ("DATE", "FUTURE_REF" if forward else "PAST_REF")
    unit = _unit(m["unit"])
    letter_unit, factor = ("year", tp.UNITS[unit][2]) if unit in ("decade", "century") else (unit, 1)
    if tp.UNITS[unit][1]:
        return ("TIME", "PRESENT_REF" if ctx.anchor is None else ctx.anchor.isoformat())
    steps = int(amount * factor) * (1 if forward else -1)
    return ("DATE", tr.shift_unit(ctx.anchor, letter_unit, steps))


_SET_BEFORE = re.compile(r"(?:\d|%|\bper|\bdollars?|\bcents?|\btimes|\bonce|\btwice)\W{0,3}$")


def _duration(m: re.Match[str], ctx: Context) -> Found | None:
    amount = _count(m["num"])
    unit = _unit(m["unit"])
    letter, is_time, factor = tp.UNITS[unit]
    value = tr.duration_value(amount, letter, is_time, factor)
    if m["num"].lower() in ("a", "an") and not m["mod"]:
        if _SET_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start()):
            return ("SET", value)
    return ("DURATION", value)


def _vague_duration(m: re.Match[str], ctx: Context) -> Found | None:
    return ("DURATION", tp.VAGUE_UNITS[m["unit"].lower()])


_QUARTER_NUMBERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _quarter(m: re.Match[str], ctx: Context) -> Found | None:
    which = (m["which"] or "").lower()
    unit = m["unit"].lower()
    if not (m["det"] or which) or (unit == "period" and not which):
        return None
    if which.isdigit():
        value = tr.resolve_quarter(None, ctx.anchor, None)
        return ("DATE", which + value[4:] if unit != "half" else which)
    if unit == "half":
        half = 1 if which == "first" else 2 if which == "second" else None
        year = "XXXX" if ctx.anchor is None else str(ctx.anchor.year)
        return ("DATE", f"{year}-H{half or 'X'}")
    number = _QUARTER_NUMBERS.get(which)
    value = tr.resolve_quarter(number, ctx.anchor, ctx.tense(m.start(), m.end()))
    if which == "current":
        value = tr.shift_unit(ctx.anchor, "quarter", 0) or value
    det = (m["det"] or "").lower()
    if which in ("year-earlier", "year-ago", "same") or det.startswith("last year"):
        value = tr.shift_value(value, -1)
    return ("DATE", value)


def _reference(m: re.Match[str], ctx: Context) -> Found | None:
    if m[0].lower().startswith("the "):
        following = _next_word(ctx, m.end())
        if following and following[0].islower() and following not in _DAY_FOLLOWERS:
            return None
    return ("DATE", tp.REFERENCE_WORDS[m[0].lower()])


def _day_word(m: re.Match[str], ctx: Context) -> Found | None:
    word = m["day"].lower()
    base = tr.shift_unit(ctx.anchor, "day", tp.DAY_OFFSETS[word]) or "XXXX-XX-XX"
    part = (m["part"] or ("night" if word == "tonight" else "")).lower()
    if part:
        return ("TIME", f"{base}T{tp.DAY_PARTS[part]}")
    return ("DATE", base)


def _this_part(m: re.Match[str], ctx: Context) -> Found | None:
    back = -1 if m[0].lower().startswith("last") else 0
    base = tr.shift_unit(ctx.anchor, "day", back) or "XXXX-XX-XX"
    return ("TIME", f"{base}T{tp.DAY_PARTS[m['part'].lower()]}")


def _clock(m: re.Match[str], ctx: Context) -> Found | None:
    if m["word"]:
        hour, minute = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[m["word"].lower()]
    else:
        hour, minute = int(m["h"]), int(m["min"] or 0)
        pm = (m["ampm"] or "").lower().startswith("p")
        if hour > 12 or (m["ampm"] and hour == 0):
            return None
        hour = (hour % 12) + (12 if pm else 0) if m["ampm"] else hour
    day = tr.shift_unit(ctx.anchor, "day", 0) or "XXXX-XX-XX"
    if m["when"]:
        key = m["when"].lower()
        weekday = weekday_number(key, ctx.language)
        tense = ctx.tense(m.start(), m.end())
        if weekday:
            day = tr.resolve_weekday(weekday, ctx.anchor, tense)
        else:
            day = tr.shift_unit(ctx.anchor, "day", tp.DAY_OFFSETS[key]) or day
    return ("TIME", f"{day}T{hour:02d}:{minute:02d}")


def _set(m: re.Match[str], ctx: Context) -> Found | None:
    if m["wd"]:
        weekday = weekday_number(m["wd"], ctx.language)
        return ("SET", f"XXXX-WXX-{weekday}") if weekday else None
    unit = _unit(m["unit"])
    if unit not in tp.UNITS:
        return None
    letter, is_time, factor = tp.UNITS[unit]
    amount = _count(m["num"]) if m["num"] else (2 if m["other"] else 1)
    return ("SET", tr.duration_value(amount, letter, is_time, factor))


def _frequency(m: re.Match[str], ctx: Context) -> Found | None:
    return ("SET", tp.FREQUENCY_WORDS[m[0].lower()])


def _holiday(m: re.Match[str], ctx: Context) -> Found | None:
    month, day = {"christmas": (12, 25), "new year's": (1, 1), "new year": (1, 1)}[m["name"].lower()]
    day += -1 if (m["eve"] or "").lower() == "eve" else 0
    month, day = (12, 31) if day == 0 else (month, day)
    value = tr.resolve_month_day(month, day, ctx.anchor, ctx.tense(m.start(), m.end()))
    return ("DATE", value)


def _the_unit(m: re.Match[str], ctx: Context) -> Found | None:
    unit = m["unit"].lower()
    if unit == "weekend":
        if ctx.anchor is None:
            return ("DATE", "XXXX-WXX-WE")
        saturday = date.fromisoformat(tr.resolve_weekday(6, ctx.anchor, ctx.tense(m.start(), m.end())))
        return ("DATE", f"{tr.shift_unit(saturday, 'week', 0)}-WE")
    if ctx.word_before(m.start()) in ("for", "during", "over", "throughout"):
        return ("DURATION", "P1Y" if unit == "year" else "P1W")
    if (m["which"] or "") == "full" and unit != "year":
        return None
    return ("DATE", tr.shift_unit(ctx.anchor, unit, 0))


def _year_edge(m: re.Match[str], ctx: Context) -> Found | None:
    unit = "month" if m["phrase"].lower().endswith("month") else "year"
    return ("DATE", tr.shift_unit(ctx.anchor, unit, 0))


def _year_back(m: re.Match[str], ctx: Context) -> Found | None:
    return ("DATE", tr.shift_unit(ctx.anchor, "year", -1))


_TENS_VALUE = {"twenty": 2, "thirty": 3, "forty": 4, "fifty": 5, "sixty": 6, "seventy": 7,
               "eighty": 8, "ninety": 9}
_ONES_VALUE = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
               "eight": 8, "nine": 9}


def _spoken_year(m: re.Match[str], ctx: Context) -> Found | None:
    if m["two"]:
        return ("DATE", "2000")
    ones = _ONES_VALUE.get((m["ones"] or "").lower(), 0)
    return ("DATE", f"19{_TENS_VALUE[m['tens'].lower()]}{ones}")


def _named_decade(m: re.Match[str], ctx: Context) -> Found | None:
    stem = m["dec"].lower().removesuffix("ies").removesuffix("y")
    return ("DATE", f"19{_TENS_VALUE[stem + 'y']}")


_HANDLERS: dict[str, Handler] = {
    "numeric_iso": _numeric_iso, "numeric_slash": _numeric_slash, "month_day": _month_day,
    "month_year": _month_year, "month": _month, "weekday": _weekday,
    "day_of_month": _day_of_month, "year": _year, "decade": _decade, "century": _century,
    "relative_unit": _relative_unit, "ago": _ago, "reference": _reference,
    "duration": _duration, "vague_duration": _vague_duration, "quarter": _quarter,
    "day_word": _day_word, "this_part": _this_part, "clock": _clock, "set": _set,
    "frequency": _frequency, "holiday": _holiday, "the_unit": _the_unit,
    "year_edge": _year_edge, "year_back": _year_back, "spoken_year": _spoken_year,
    "named_decade": _named_decade,
}


Rule = tuple[frozenset[str], re.Pattern[str], Handler]


@lru_cache(maxsize=16)
def build_rules(language: str) -> tuple[Rule, ...]:
    """The compiled ``(head words, pattern, handler)`` rules for ``language``, in priority
    order (earlier wins a tie): the English constructions with the language's month and weekday
    names, then the rules built from its pack (:mod:`storyline.analyze.time_pack_rules`).
    Each pattern is compiled behind a look-ahead of its possible first characters
    (:func:`storyline.analyze.regex_first.guarded`: the same matches, a fraction of the tries)."""
    words = time_words(language)
    heads = tp.rule_heads(words.months, words.weekdays)
    english = tuple(
        (heads[name], re.compile(guarded(pattern, re.IGNORECASE), re.IGNORECASE), _HANDLERS[name])
        for name, pattern in tp.rule_patterns(_alternation(words.months), _alternation(words.weekdays))
    )
    from_pack = tuple(
        (pack_heads, re.compile(guarded(pattern, re.IGNORECASE), re.IGNORECASE), pk.HANDLERS[name])
        for name, pattern, pack_heads in pk.patterns(words)
    )
    return english + from_pack
