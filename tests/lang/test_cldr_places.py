"""The shipped CLDR place table: what Babel has, counted, and read without Babel."""

from __future__ import annotations

from storyline.lang.places import cldr_place_counts, cldr_place_names, count_pairs


def test_cldr_places_shipped_table_equals_the_pinned_babel() -> None:
    # Stale after a Babel upgrade: rebuild with scripts/build_cldr_places.py.
    assert cldr_place_counts() == count_pairs(cldr_place_names())


def test_cldr_places_counts_are_locales_naming_it_so() -> None:
    counts = {(name, key): n for name, key, n in cldr_place_counts()}
    assert counts[("Libia", "LY")] >= 3  # es, it and more
    assert counts[("Libye", "LY")] >= 1 and counts[("ليبيا", "LY")] >= 1
    assert all(n >= 1 for n in counts.values())


def test_cldr_places_count_pairs_keeps_first_seen_order() -> None:
    assert count_pairs([("b", "X"), ("a", "Y"), ("b", "X")]) == (("b", "X", 2), ("a", "Y", 1))
