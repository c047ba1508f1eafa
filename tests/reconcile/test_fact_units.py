"""Units (CLDR's, through Babel) and bounds of the quantities sentences state."""

from __future__ import annotations

import math

import pytest

from storyline.lang import FULL
from storyline.reconcile.fact_units import bound_before, interval, meets, unit_after
from storyline.reconcile.fact_values import quantities

_METRE = {"en": "metres", "es": "metros", "fr": "mètres", "it": "metri", "de": "Meter", "pt": "metros", "nl": "meter"}


@pytest.mark.parametrize("code", FULL)
def test_every_full_pack_language_names_its_metres_and_kilometres(code: str) -> None:
    assert set(_METRE) == set(FULL)
    (quantity,) = quantities(f"12 {_METRE[code]}")
    assert quantity.measure and quantity.value == 12.0 and quantity.counted.startswith("length:")
    (km,) = quantities("12 km")
    assert km.value == 12000.0


def test_a_measure_is_converted_to_its_base_unit_and_compared_within_rounding() -> None:
    (metres,) = quantities("The 15 , 800 - square - metre building")
    (feet,) = quantities("The 170,000-square-foot building")
    assert metres.counted == feet.counted == "area:build"
    assert meets((metres.value, "="), (feet.value, "="), True)
    assert not meets((metres.value, "="), (feet.value * 1.2, "="), True)
    assert not meets((12.0, "="), (12.3, "="), False)  # a count is exact


def test_one_letter_and_function_word_unit_names_are_not_units() -> None:
    assert unit_after(["in", "the", "gulf"]) is None  # "in" is CLDR's short inch
    assert unit_after(["m"]) is None
    assert unit_after(["%"]) == ("percent", 1.0, 1)
    assert [q.measure for q in quantities("23 in the Gulf of Aden")] == [False]


def test_bounds_are_read_before_the_number_in_every_language() -> None:
    assert bound_before(["at", "least"]) == ">="
    assert bound_before(["al", "menos"]) == ">="
    assert bound_before(["bis", "zu"]) == "<="
    assert bound_before(["environ"]) == "~"
    assert bound_before(["killed"]) == "="
    assert interval(10.0, ">=", False) == (10.0, math.inf)
    assert meets((10.0, ">="), (64.0, "="), False) and not meets((5.0, "<="), (64.0, "="), False)
    assert [q.bound for q in quantities("hablan de al menos 10 muertos")] == [">="]
