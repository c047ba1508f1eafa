"""The grouping as the analysts corrected it: moves and splits applied in order to the grouper's
stories (the store-backed paths are tested through the web app in tests/present)."""

from __future__ import annotations

from storyline import corrections
from storyline.corrections.regroup import regroup
from storyline.model import Event, Story


def test_regroup_moves_and_splits_in_order_and_skips_what_is_gone() -> None:
    stories = [Story("s1", "One", ("a", "b", "c"),
                     (Event("e1", ("a", "b"), "2026-01-01"), Event("e2", ("c",), "2026-01-09"))),
               Story("s2", "Two", ("d",), (Event("e3", ("d",), "2026-01-05"),))]

    def c(n: int, kind: str, target: str, value: str) -> corrections.Correction:
        return corrections.Correction(n, "s1", kind, target, value, None, "Ana", "now")

    info = {"a": ("A title", "2026-01-01"), "b": ("B title", "2026-01-02"), "c": ("C title", "2026-01-08")}
    found, idle = regroup(stories, [c(1, "move_report", "b", "s2"), c(2, "split_story", "s9", "c a"),
                                    c(3, "move_report", "zz", "s2"), c(4, "move_report", "a", "gone")], info)
    by_id = {s.id: s for s in found}
    assert idle == {3, 4} and "s1" not in by_id  # every report of s1 left it
    assert by_id["s2"].articles == ("d", "b") and by_id["s2"].events[0].articles == ("d", "b")
    assert by_id["s9"].title == "A title" and set(by_id["s9"].articles) == {"a", "c"}
    assert len({e.id for s in found for e in s.events}) == sum(len(s.events) for s in found)  # event ids unique
