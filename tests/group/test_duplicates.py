"""Tests of storyline.group.duplicates."""

from __future__ import annotations

import json

from storyline.group.duplicates import DuplicateIndex, shingles

WIRE = ("The foreign ministers of Selvaria and Norvania agreed by telephone on Wednesday that the "
        "fourteen crew members of the trawler Marta Leigh will be allowed to return home, while "
        "the captain stays in Dravik until a maritime court hears the case next month.")
OTHER = ("River Lise burst its banks after three days of heavy rain, forcing about 3,200 people "
         "from their homes in Corvelle and Lisbourg, and two people died in the floods.")


def test_shingles_short_and_empty_texts() -> None:
    assert shingles("") == set()
    assert shingles("Two words") == {b"two words"}
    assert len(shingles("one two three four")) == 2


def test_wire_copy_and_light_rewrite_are_versions() -> None:
    index = DuplicateIndex()
    assert index.add("a", WIRE, 1) is None
    assert index.add("b", "Read more: " + WIRE + " Join our WhatsApp Channel", 1) == "a"
    assert index.add("c", WIRE.replace("Wednesday", "Thursday"), 2) == "a"
    assert index.add("d", OTHER, 2) is None
    assert index.versions_ == {"b": "a", "c": "a"}


def test_version_of_a_version_points_at_the_first() -> None:
    index = DuplicateIndex()
    index.add("a", WIRE)
    index.add("b", WIRE + " Extra closing line from the second outlet.")
    assert index.add("c", WIRE + " Extra closing line from the second outlet, edited.") == "a"


def test_same_id_twice_is_a_no_op() -> None:
    index = DuplicateIndex()
    index.add("a", WIRE)
    assert index.add("a", WIRE) is None
    assert len(index) == 1


def test_window_expires_old_entries() -> None:
    index = DuplicateIndex(window_days=10)
    index.add("old", WIRE, 100)
    index.add("other", OTHER, 200)
    assert len(index) == 1
    assert index.add("new", WIRE, 201) is None


def test_max_entries_bounds_the_index() -> None:
    index = DuplicateIndex(max_entries=1)
    index.add("a", WIRE)
    index.add("b", OTHER)
    assert len(index) == 1


def test_state_round_trip_through_json() -> None:
    index = DuplicateIndex()
    index.add("a", WIRE, 5)
    again = DuplicateIndex.from_state(json.loads(json.dumps(index.to_state())))
    assert again.add("b", WIRE, 6) == "a"
