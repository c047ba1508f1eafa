"""Tests of storyline.group.event_split: an event of two happenings of one kind splits on who."""

from __future__ import annotations

import random

from storyline.group.clusters import Cluster
from storyline.group.event_split import MIN_SIDE, due, split_event, split_side
from storyline.group.splitting import member_row
from storyline.group.stories import StoryGrouper
from storyline.model import Article

#: Two drunk-driving arrests of one team: the words, team and places shared, the player not.
_COMMON = {"w:arrest": 0.4, "w:drunk": 0.4, "n:chrgrs": 0.5, "n:sntk": 0.4, "n:hkvptr": 0.3}
_JACKSON = {**_COMMON, "n:ksn": 0.6, "n:vnsnt": 0.4, "#:52": 0.3}
_WILLIAMS = {**_COMMON, "n:vrms": 0.6, "n:imr": 0.4, "#:94": 0.3}


def _event(members: dict[str, dict[str, float]]) -> tuple[Cluster, dict[str, tuple]]:
    event = Cluster("e1", 1)
    rows = {}
    for article_id, vector in members.items():
        event.absorb(article_id, vector, 100 + len(rows) % 3, 300)
        rows[article_id] = member_row(article_id, 100 + len(rows) % 3, "en", None, vector)
    return event, rows


def test_an_event_is_examined_at_sizes_that_grow_by_half() -> None:
    assert not due(0, 2 * MIN_SIDE - 1)
    assert due(0, 2 * MIN_SIDE) and due(2 * MIN_SIDE - 1, 2 * MIN_SIDE)
    assert not due(2 * MIN_SIDE, 2 * MIN_SIDE + 4)      # 10 examined; next at 15
    assert due(14, 15) and not due(15, 21) and due(21, 22)
    assert due(3, 40)                                    # a batch that crosses several sizes: once


def test_two_happenings_each_with_its_own_participant_split() -> None:
    members = {f"j{n}": _JACKSON for n in range(6)} | {f"w{n}": _WILLIAMS for n in range(6)}
    event, rows = _event(members)
    part = split_side(event, rows, {})
    assert part == {f"w{n}" for n in range(6)}          # the side without the first report moves
    new = split_event(event, part, lambda first: Cluster("e-" + first, 2), rows, {})
    assert new.id == "e-w0" and new.articles == [f"w{n}" for n in range(6)]
    assert event.articles == [f"j{n}" for n in range(6)]
    assert "n:vrms" not in event.centroid and "n:ksn" not in new.centroid
    # A key both sides hold is shared by evidence; keys only one side holds stay whole.
    assert abs(event.centroid["n:chrgrs"] - new.centroid["n:chrgrs"]) < 1e-9
    assert abs(event.centroid["n:ksn"] - 6 * 0.6) < 1e-9
    assert (event.first_day, event.last_day) == (100, 102) and (new.first_day, new.last_day) == (100, 102)


def test_one_happening_with_varied_sources_stays_one_event() -> None:
    # Every report names the arrested player; each quotes someone of its own (no name that most
    # of one half carries and the other half lacks).
    members = {f"r{n}": {**_JACKSON, f"n:src{n}": 0.5, f"n:plc{n % 3}": 0.3} for n in range(12)}
    event, rows = _event(members)
    assert split_side(event, rows, {}) == set()


def test_small_sides_and_small_events_do_not_split() -> None:
    event, rows = _event({f"j{n}": _JACKSON for n in range(8)} | {f"w{n}": _WILLIAMS for n in range(MIN_SIDE - 1)})
    assert split_side(event, rows, {}) == set()
    event, rows = _event({f"j{n}": _JACKSON for n in range(4)} | {f"w{n}": _WILLIAMS for n in range(4)})
    assert split_side(event, rows, {}) == set()


def test_a_version_goes_with_its_original() -> None:
    members = {f"j{n}": _JACKSON for n in range(6)} | {f"w{n}": _WILLIAMS for n in range(6)}
    event, rows = _event(members)
    event.articles.append("w0-copy")
    rows["w0-copy"] = member_row("w0-copy", None, "en", None, {})  # a copy's row has no keys
    assert "w0-copy" in split_side(event, rows, {"w0-copy": "w0"})


#: What reports of a player's arrest say; only the first sentence (and the last) names him.
_SENTENCES = [
    "San Diego Chargers {role} {first} {last} was arrested on suspicion of drunk driving.",
    "The California Highway Patrol stopped the Chargers player on a San Diego freeway early in the morning.",
    "He failed field sobriety tests, California Highway Patrol officers said.",
    "He was booked into the San Diego county jail and released hours later.",
    "Chargers coach Norv Turner said the club was aware of the arrest.",
    "The Chargers said they would handle the matter internally.",
    "Prosecutors in San Diego will decide whether to charge the Chargers player.",
    "The NFL may review the arrest under its conduct policy, the Chargers said.",
    "A lawyer said his client would contest any drunk driving charge in San Diego.",
    "Officers measured a blood alcohol level above the legal limit, according to the California Highway Patrol.",
    "The arrest is the latest for the Chargers this year, San Diego media reported.",
    "{last} was released on bail.",
]


def _arrests(last: str, first: str, role: str, prefix: str, rng: random.Random) -> list[Article]:
    reports = []
    for n in range(8):
        picked = [_SENTENCES[0], *rng.sample(_SENTENCES[1:], 7)]
        rng.shuffle(picked)
        reports.append(Article(id=f"{prefix}{n}", text=" ".join(picked).format(role=role, first=first, last=last)))
    return reports


def test_the_grouper_ends_a_batch_with_one_event_per_happening() -> None:
    rng = random.Random(0)
    reports = (_arrests("Jackson", "Vincent", "wide receiver", "j", rng)
               + _arrests("Williams", "Jamal", "defensive tackle", "w", rng))
    rng.shuffle(reports)
    jackson, williams = {f"j{n}" for n in range(8)}, {f"w{n}" for n in range(8)}
    for split in (False, True):  # undated: only who tells the two arrests apart
        grouper = StoryGrouper(event_split=split)
        grouper.add_many(reports)
        assert len({grouper.assignment(report.id)[0] for report in reports}) == 1
        events: dict[str, set[str]] = {}
        for report in reports:
            events.setdefault(grouper.assignment(report.id)[1], set()).add(report.id)
        # One pass joins the second arrest to the first's event; the batch's end splits it, and
        # the event of the first report placed keeps its id.
        assert sorted(events.values(), key=sorted) == ([jackson | williams] if not split else [jackson, williams])
        if split:
            first = grouper.assignment(reports[0].id)[1]
            assert first == next(iter(e.id for s in grouper.stories() for e in s.events))
