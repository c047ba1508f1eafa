"""The time topic (time.toml) of every full language pack: the keys the time tagger reads."""

from __future__ import annotations

import babel
import pytest

from storyline.analyze.time_patterns import UNITS
from storyline.analyze.time_words import time_words
from storyline.lang import FALLBACK, FULL, pack

TABLES = ("months", "weekdays", "day_words", "day_parts", "shift_before", "shift_after", "units", "seasons",
          "numbers", "references", "clock_words", "frequency")
LISTS = ("ambiguous_months", "determiners", "day_part_links", "vague_numbers", "half", "ago_before", "ago_after",
         "later_before", "later_after", "duration_modifiers", "age_before", "age_links", "edges", "date_links",
         "year_determiners", "coordinators", "ordinal_suffixes", "year_blockers", "clock_before", "clock_links", "clock_marks",
         "every", "past_words", "past_suffixes", "future_words", "future_suffixes", "decade_before", "decade_after",
         "duration_not_before", "duration_preps")


@pytest.mark.parametrize("code", FULL)
def test_time_pack_has_every_key_with_the_right_shape(code: str) -> None:
    data = pack(code).topic("time")
    assert data.get("date_order") in ("dmy", "mdy", "ymd")
    assert isinstance(data.get("names_capitalised"), bool)
    for key in TABLES:
        assert isinstance(data.get(key), dict), key
    for key in LISTS:
        assert isinstance(data.get(key), list), key
        assert all(isinstance(w, str) and w == w.lower() and w.strip() == w for w in data[key]), key
    for key in TABLES:
        assert all(k == k.lower() for k in data[key]), key


@pytest.mark.parametrize("code", FULL)
def test_time_pack_month_and_weekday_names_are_cldrs(code: str) -> None:
    words, locale = time_words(code), babel.Locale.parse(code)
    for number, name in locale.months["format"]["wide"].items():
        assert words.months[name.lower()] == number
    for index, name in locale.days["format"]["wide"].items():
        assert words.weekdays[name.lower()] == index + 1  # CLDR counts Monday as 0, ISO as 1
    assert set(words.months.values()) == set(range(1, 13))
    assert set(words.weekdays.values()) == set(range(1, 8))
    assert words.ambiguous_months <= set(words.months)


@pytest.mark.parametrize("code", FULL)
def test_time_pack_meanings_are_ones_the_engine_knows(code: str) -> None:
    words = time_words(code)
    assert set(words.units.values()) <= set(UNITS) | {"weekend"}
    assert {"day", "week", "month", "year"} <= set(words.units.values())
    assert set(words.day_parts.values()) <= {"MO", "MI", "AF", "EV", "NI", "DT"}
    assert set(words.seasons.values()) == {"SP", "SU", "FA", "WI"}
    assert set(words.shift_before.values()) | set(words.shift_after.values()) <= {-1, 0, 1}
    assert {-1, 0, 1} <= set(words.day_words.values())  # yesterday, today, tomorrow
    assert set(words.references.values()) <= {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
    assert all(value.startswith("P") for value in words.frequency.values())
    assert all(isinstance(n, int) and n > 0 for n in words.numbers.values())
    assert words.year_blockers and (words.lists["ago_before"] or words.lists["ago_after"]
                                    or code == "en")  # English "ago" is its own rule


def test_time_pack_numeric_order_is_the_locales() -> None:
    assert time_words("en").date_order == "mdy"
    assert {time_words(code).date_order for code in FULL if code != "en"} == {"dmy"}


def test_time_pack_unknown_language_gets_the_union_read_day_first() -> None:
    words = time_words("qq")
    assert words.code == FALLBACK and words.date_order == "dmy" and not words.names_capitalised
    assert {"hoy", "hier", "ieri", "gestern", "ontem", "today"} <= set(words.day_words)
