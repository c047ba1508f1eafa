"""The shipped table of towns (GeoNames cities of 15,000 people or more)."""

from __future__ import annotations

import pytest

from storyline.lang.places import fold_place, geo_places


@pytest.mark.parametrize("names", [
    ("Misrata", "Misurata", "Мисурата", "مصراتة"),
    ("Benghazi", "Bengasi", "Бенгази", "بنغازي", "班加西"),
    ("Tripoli", "Trípoli", "طرابلس", "的黎波里"),
])
def test_a_town_has_one_key_in_every_script(names: tuple[str, ...]) -> None:
    keys = {geo_places()[fold_place(name)][0] for name in names}
    assert len(keys) == 1


def test_exemplar_cities_share_cldrs_key_and_shared_names_go_to_the_larger_town() -> None:
    assert geo_places()[fold_place("Tripoli")][0] == "tz:Africa/Tripoli"
    assert geo_places()[fold_place("Alexandrie")] == geo_places()[fold_place("Alexandria")]
    assert geo_places()[fold_place("Alexandria")][1] == "Alexandria"  # Egypt's, not Virginia's


def test_codes_digits_and_alternate_names_unlike_the_towns_are_not_names() -> None:
    table = geo_places()
    assert "mra" not in table  # Misrata's airport code
    assert "google" not in table and "otan" not in table  # a stunt name of Topeka; a Nigerian town's
    assert all(not any(c.isdigit() for c in name) for name in table)
    assert fold_place("  Ciudad   de  México ") == "ciudad de mexico"


def test_spanish_j_for_kh_and_x_keeps_the_towns() -> None:
    table = geo_places()
    assert table[fold_place("Alejandría")][1] == "Alexandria" and table[fold_place("Jartum")][1] == "Khartoum"
