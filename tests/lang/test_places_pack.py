"""The resolution topic of every pack: place aliases CLDR lacks, name prefixes of other scripts."""

from __future__ import annotations

import pytest

from storyline.lang import FULL, available, pack
from storyline.lang.places import choose_place, cldr_place_counts, is_territory

_CODES = {code for _, code, _ in cldr_place_counts()}


@pytest.mark.parametrize("code", FULL)
def test_places_every_full_pack_has_place_aliases(code: str) -> None:
    aliases = pack(code).topic("resolution").get("place_aliases")
    assert isinstance(aliases, dict) and aliases


@pytest.mark.parametrize("code", available())
def test_places_aliases_point_at_cldr_keys(code: str) -> None:
    for alias, key in pack(code).topic("resolution").get("place_aliases", {}).items():
        assert alias.strip() and key in _CODES, (code, alias, key)


@pytest.mark.parametrize("code", available())
def test_places_name_prefixes_are_not_latin(code: str) -> None:
    for prefix in pack(code).words("resolution", "name_prefixes"):
        assert prefix and not prefix.isascii()


def test_places_cldr_names_cover_many_languages_and_scripts() -> None:
    names = {name for name, code, _ in cldr_place_counts() if code == "LY"}
    assert {"Libya", "Libia", "Libye", "Libyen", "Líbia", "ليبيا", "Ливия", "利比亚"} <= names
    assert any(row[:2] == ("El Cairo", "tz:Africa/Cairo") for row in cldr_place_counts())
    assert cldr_place_counts() is cldr_place_counts()  # read once per process


def test_places_choose_needs_a_majority_and_never_joins_a_city_to_its_country() -> None:
    from collections import Counter
    assert choose_place(Counter({"AD": 9, "tz:Europe/Andorra": 5})) is None
    assert choose_place(Counter({"TN": 3, "tz:Africa/Tunis": 40})) is None
    assert choose_place(Counter({"US": 5, "UM": 1})) == "US"
    assert choose_place(Counter({"NE": 2, "NG": 2})) is None
    assert choose_place(Counter({"tz:Asia/Baku": 1})) == "tz:Asia/Baku"
    assert is_territory("LY") and not is_territory("150") and not is_territory("tz:Africa/Cairo")


@pytest.mark.parametrize("code", FULL)
def test_places_every_full_pack_has_lowercase_name_connectors(code: str) -> None:
    connectors = pack(code).words("resolution", "name_connectors")
    assert connectors and all(word == word.lower() and " " not in word for word in connectors)
