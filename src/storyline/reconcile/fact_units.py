"""Units and bounds of the quantities a sentence states, for comparing numbers across reports.

Two reports disagree on a number only when they measure the same thing in comparable terms, so a
quantity is read with

* its **unit**, when a unit name follows the number ("15,800 square metres", "170,000-square-foot",
  "60 metres (200 feet)", "12 km"): the unit names are CLDR's (through Babel: every long and
  short pattern, singular and plural, of each full pack's language and its international variant,
  ``en_001`` spelling "metre"), the conversion factors to one base unit per dimension are written
  here (:data:`FACTORS`; CLDR's conversion data is not exposed by Babel). A measure compares with
  another of its dimension in base units, within :data:`MEASURE_TOLERANCE` (conversions and
  roundings: 15,800 m² is 170,070 sq ft); never with a count or another dimension;
* its **bound**, from the words right before it (every full pack's ``predicates.toml``
  ``lower_bounds``, ``upper_bounds``, ``approximate``: "at least 10", "al menos 10", "up to 5",
  "about 300"): "at least 10 dead" agrees with "64 dead".

A quantity is then an interval (:func:`interval`) and two agree when their intervals meet
(:func:`meets`). Cost: the unit and bound tables are built once per process (a few hundred
CLDR patterns); each look-up reads at most :data:`MAX_PHRASE` tokens.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import babel

from storyline.lang import FULL, fold_word, pack
from storyline.reconcile.name_keys import function_words

__all__ = ["FACTORS", "MAX_PHRASE", "MEASURE_TOLERANCE", "APPROXIMATE_TOLERANCE", "bound_before", "interval",
           "meets", "unit_after"]

#: Relative difference within which two measures (with a unit) are one value: conversions are rounded.
MEASURE_TOLERANCE = 0.03
#: Relative width of an approximate quantity ("about 300").
APPROXIMATE_TOLERANCE = 0.1
#: Longest unit name or bound phrase, in tokens.
MAX_PHRASE = 4

#: CLDR unit id -> (dimension, factor to the dimension's base unit). Temperatures (not a factor)
#: and units news never uses are left out.
FACTORS: dict[str, tuple[str, float]] = {
    "length-meter": ("length", 1.0), "length-kilometer": ("length", 1000.0),
    "length-centimeter": ("length", 0.01), "length-millimeter": ("length", 0.001),
    "length-foot": ("length", 0.3048), "length-inch": ("length", 0.0254), "length-yard": ("length", 0.9144),
    "length-mile": ("length", 1609.344), "length-nautical-mile": ("length", 1852.0),
    "area-square-meter": ("area", 1.0), "area-square-kilometer": ("area", 1e6),
    "area-square-foot": ("area", 0.09290304), "area-square-yard": ("area", 0.83612736),
    "area-square-mile": ("area", 2589988.110336), "area-hectare": ("area", 1e4), "area-acre": ("area", 4046.8564224),
    "mass-kilogram": ("mass", 1.0), "mass-gram": ("mass", 0.001), "mass-pound": ("mass", 0.45359237),
    "mass-ounce": ("mass", 0.028349523125), "mass-tonne": ("mass", 1000.0), "mass-ton": ("mass", 907.18474),
    "volume-liter": ("volume", 1.0), "volume-milliliter": ("volume", 0.001), "volume-cubic-meter": ("volume", 1000.0),
    "volume-gallon": ("volume", 3.785411784), "volume-barrel": ("volume", 158.987294928),
    "speed-kilometer-per-hour": ("speed", 1.0), "speed-mile-per-hour": ("speed", 1.609344),
    "speed-meter-per-second": ("speed", 3.6), "speed-knot": ("speed", 1.852),
    "concentr-percent": ("percent", 1.0),
    "duration-second": ("duration", 1.0), "duration-minute": ("duration", 60.0), "duration-hour": ("duration", 3600.0),
    "duration-day": ("duration", 86400.0), "duration-week": ("duration", 604800.0),
    "duration-month": ("duration", 2629746.0), "duration-year": ("duration", 31556952.0),
}
#: Regional locales whose spellings a language's base locale lacks ("metre", "litre").
_VARIANTS = ("001", "419")


def _locales() -> list[babel.Locale]:
    out = []
    for code in FULL:
        out.append(babel.Locale.parse(code))
        for variant in _VARIANTS:
            try:
                out.append(babel.Locale.parse(f"{code}_{variant}"))
            except (babel.UnknownLocaleError, ValueError):
                continue
    return out


@lru_cache(maxsize=1)
def _unit_names() -> dict[tuple[str, ...], tuple[str, float]]:
    """Folded token tuples of every CLDR unit name of :data:`FACTORS` -> (dimension, factor).
    Left out: names of one letter ("m", "h", "s") and one-word names that are a function word of
    some pack ("in" for inches, "an" for years): too many other things are written so."""
    function = function_words()
    names: dict[tuple[str, ...], tuple[str, float]] = {}
    for locale in _locales():
        patterns = locale._data["unit_patterns"]
        for unit, found in FACTORS.items():
            for width in ("long", "short"):
                for form, pattern in patterns.get(unit, {}).get(width, {}).items():
                    if form == "per" or "{0}" not in pattern:
                        continue
                    words = tuple(_tokens(pattern.replace("{0}", " ")))
                    single = len(words) == 1 and (len(words[0]) < 2 and words[0] != "%" or words[0] in function
                                                  or words[0].endswith("."))
                    if words and len(words) <= MAX_PHRASE and not single:
                        names.setdefault(words, found)
    return names


def _tokens(text: str) -> list[str]:
    """Folded words, with "%" a token of its own."""
    spaced = text.replace("%", " % ").replace("-", " ")
    return [fold_word(w) for w in spaced.split() if w.strip(".")]


def unit_after(tokens: Sequence[str]) -> tuple[str, float, int] | None:
    """The unit named by the first tokens of ``tokens`` (folded words), longest name first:
    ``(dimension, factor, tokens used)``, or ``None``."""
    names = _unit_names()
    for size in range(min(MAX_PHRASE, len(tokens)), 0, -1):
        found = names.get(tuple(tokens[:size]))
        if found is not None:
            return found[0], found[1], size
    return None


@lru_cache(maxsize=1)
def _bounds() -> dict[tuple[str, ...], str]:
    """Folded token tuples of every full pack's bound phrases -> ``>=``, ``<=`` or ``~``."""
    out: dict[tuple[str, ...], str] = {}
    for code in FULL:
        for key, mark in (("lower_bounds", ">="), ("upper_bounds", "<="), ("approximate", "~")):
            for phrase in pack(code).words("predicates", key):
                words = tuple(fold_word(w) for w in phrase.replace("'", "' ").split())
                if words:
                    out.setdefault(words, mark)
    return out


def bound_before(tokens: Sequence[str]) -> str:
    """The bound that the last tokens of ``tokens`` (folded words before a number) put on it:
    ``>=`` (at least), ``<=`` (up to), ``~`` (about), else ``=``."""
    bounds = _bounds()
    for size in range(min(MAX_PHRASE, len(tokens)), 0, -1):
        found = bounds.get(tuple(tokens[-size:]))
        if found is not None:
            return found
    return "="


def interval(value: float, bound: str, measure: bool) -> tuple[float, float]:
    """The values a quantity admits: a bound's half-line, an approximate or measured value's
    neighbourhood, or the count itself."""
    if bound == ">=":
        return value, math.inf
    if bound == "<=":
        return -math.inf, value
    width = APPROXIMATE_TOLERANCE if bound == "~" else MEASURE_TOLERANCE if measure else 0.0
    return value * (1 - width), value * (1 + width)


def meets(a: tuple[float, str], b: tuple[float, str], measure: bool) -> bool:
    """Whether two quantities ``(value, bound)`` of one thing can both be true."""
    lo_a, hi_a = interval(a[0], a[1], measure)
    lo_b, hi_b = interval(b[0], b[1], measure)
    return lo_a <= hi_b and lo_b <= hi_a
