"""Time rules built from a language pack: one set of patterns for every language.

Each rule is a regex template filled with the alternations of one language's time words
(:mod:`storyline.analyze.time_words`) and a handler that returns ``(type, value)`` or ``None``.
They cover what languages order differently: modifiers before or after the noun ("el pasado
viernes", "vendredi dernier", "l'anno scorso", "letzte Woche"), ago before or after the count
("hace 3 días", "il y a 3 jours", "3 giorni fa", "vor 3 Tagen"), day words with a part of the
day ("hier soir", "ayer por la tarde"), dates with links and ordinals ("el 1º de mayo del 2004",
"le 1er mai", "12. März"), clocks ("21 h 45", "las 18:00 UTC", "17 Uhr") and recurrences.
The templates are in :mod:`storyline.analyze.time_pack_patterns`. They run beside the English
constructions of :mod:`storyline.analyze.time_rules`; the tagger keeps the longest match. A
clock time or a part of the day takes the day named with it or last before it in its paragraph.
Cost: each handler reads its match and at most a paragraph before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache

from storyline.analyze import time_resolve as tr
from storyline.analyze.time_context import Context
from storyline.analyze.time_pack_patterns import opt, patterns
from storyline.analyze.time_patterns import UNITS
from storyline.analyze.time_words import TimeWords, time_words

Found = tuple[str, str | None]
Handler = Callable[[re.Match[str], Context], Found | None]

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


def _other_date(m: re.Match[str], ctx: Context) -> Found | None:
    """A whole date written with another language's month name ("February 23, 2011")."""
    month = ctx.words.other_months.get(m["month"].lower().rstrip("."))
    found = tr._safe_date(int(m["year"]), month, int(m["day"])) if month else None
    return ("DATE", found.isoformat()) if found else None


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
    if unit == "weekend" and amount == 0 and ctx.anchor is not None:  # "ce week-end": by tense
        tense = ctx.tense(m.start(), m.end())
        saturday = tr.resolve_weekday(6, ctx.anchor, tense, "" if tense == "past" else "this")
        return ("DATE", f"{tr.shift_unit(date.fromisoformat(saturday), 'week', 0)}-WE")
    if _is_plural(word, ctx.words):
        letter, is_time, factor = UNITS.get(unit, ("D", False, 1))
        if amount == 0 or not m.groupdict().get("det"):  # "los últimos años", not "past years"
            return None
        return ("DURATION", tr.duration_value(None, letter, is_time, factor))
    if unit == "day":  # "this day" is no "today"; the day words say it
        return None
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
    """Whether the word before a number makes it a law, resolution or article number, also
    in a list ("las resoluciones 1970 y 1973", "résolutions 1970, 1973 et 1975")."""
    before = ctx.word_before(start).rstrip(".")
    if before in ctx.words.year_blockers:
        return True
    listed = _LISTED.search(ctx.text, max(0, start - 60), start)
    return listed is not None and ctx.word_before(listed.start()).rstrip(".") in ctx.words.year_blockers


#: Numbers listed before a position: "1970 y ", "1970, 1971 et ".
_LISTED = re.compile(r"(?<![\w.,])\d+(?:\s*(?:,|y|e|et|and|und|ou|o|ed)\s+\d+)*\s*(?:,|y|e|et|and|und|ou|o|ed)\s+$")


def _vague_duration(m: re.Match[str], ctx: Context) -> Found | None:
    """"durante décadas", "per anni": a plural unit after a preposition of duration is PX."""
    unit = ctx.words.units.get(_norm(m["unit"]))
    if unit not in UNITS or not _is_plural(m["unit"], ctx.words):
        return None
    letter, is_time, factor = UNITS[unit]
    return ("DURATION", tr.duration_value(None, letter, is_time, factor))


def _decade(m: re.Match[str], ctx: Context) -> Found | None:
    century = m["c"] or "19"
    return ("DATE", f"{century}{m['d'] or m['d2']}")


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
    if unit == "year" and _is_age(m, ctx):
        return None
    letter, is_time, factor = UNITS[unit]
    return ("DURATION", tr.duration_value(_amount(m, ctx), letter, is_time, factor))


_RANGE_BEFORE = re.compile(r"\d\s*[-–]\s*$")


def _is_age(m: re.Match[str], ctx: Context) -> bool:
    """"a los 56 años", "âgé de 54 ans", "Papermaster, de 49 años,", "les 6-16 ans": an age."""
    before = _norm(ctx.text[max(0, m.start("num") - 30) : m.start("num")]).rstrip()
    if _RANGE_BEFORE.search(before) or any(before.endswith(p) for p in ctx.words.lists.get("age_before", ())):
        return True
    after = ctx.text[m.end() : m.end() + 2].lstrip()
    links = ctx.words.lists.get("age_links", ())
    apposition = before.endswith(",") or any(before.endswith(f", {link}") for link in links)
    return apposition and after[:1] in (",", ")")


_DAY_BEFORE_CLOCK = 600


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
    ordinal = opt(words.re("ordinal_suffixes"), "(?:{})?")
    links = opt(words.re("date_links"), r"(?:\s+(?:{}))?")
    return re.compile(rf"(?<![\w'])(?:(?P<day>{words.re('day_words')})|(?P<dd>3[01]|[12]\d|0?[1-9]){ordinal}{links}"
                      rf"\s+(?P<month>{words.re('months')})(?:,?{links}\s+(?P<yy>(?:1\d|20)\d\d))?"
                      rf"|(?P<wd>{words.re('weekdays')}))(?![\w'])")


#: How far back (characters, within the paragraph) a clock time looks for its day.
_DAY_BEFORE_CLOCK = 600


def _clock_day(m: re.Match[str], ctx: Context) -> str:
    """The day a clock time or a part of the day belongs to: the day named with it ("hier à
    10 h", "vers 15 h 30, hier"), else the last day named before it in its paragraph ("Dimanche
    5 janvier ... à 9 h 15"), else the report's day."""
    named = m.groupdict().get("when") or m.groupdict().get("when2")
    if named:
        key = _norm(named)
        if key in ctx.words.day_words:
            return _day_value(ctx, ctx.words.day_words[key])
        return tr.resolve_weekday(ctx.words.weekdays[key], ctx.anchor, ctx.tense(m.start(), m.end()))
    start = m.start()
    paragraph = max(ctx.text.rfind("\n\n", 0, start), start - _DAY_BEFORE_CLOCK, 0)
    window = ctx.text[paragraph:start].lower().replace("’", "'")
    found = None
    for found in _day_mention(ctx.words.code).finditer(window):
        pass
    if found is None:
        return _day_value(ctx, 0)
    tense = ctx.tense(m.start(), m.end())
    if found["day"]:
        return _day_value(ctx, ctx.words.day_words[_norm(found["day"])])
    if found["month"]:
        month = ctx.words.months.get(found["month"].rstrip("."))
        if month and found["yy"]:
            day = tr._safe_date(int(found["yy"]), month, int(found["dd"]))
            return day.isoformat() if day else _day_value(ctx, 0)
        value = tr.resolve_month_day(month, int(found["dd"]), ctx.anchor, tense) if month else None
        return value or _day_value(ctx, 0)
    return tr.resolve_weekday(ctx.words.weekdays[found["wd"]], ctx.anchor, tense)


def _det_part(m: re.Match[str], ctx: Context) -> Found | None:
    return ("TIME", f"{_clock_day(m, ctx)}T{ctx.words.day_parts[m['part'].lower()]}")


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
    "pk_date": _date, "pk_other_date": _other_date, "pk_month_year": _month_year, "pk_month_shift": _month_shift,
    "pk_weekday": _weekday, "pk_day_word": _day_word, "pk_this_part": _this_part,
    "pk_relative_unit": _relative_unit, "pk_edge_unit": _edge_unit, "pk_year": _year,
    "pk_decade": _decade, "pk_vague_duration": _vague_duration, "pk_ago": _ago, "pk_later": _later, "pk_duration": _duration, "pk_clock": _clock,
    "pk_clock_word": _clock_word, "pk_det_part": _det_part, "pk_reference": _reference, "pk_set": _set,
    "pk_frequency": _frequency,
}
