"""Stories that turn out to be two split; ids stay stable and the split is recorded."""

from __future__ import annotations

import json
import math
import random
from collections.abc import Sequence

from storyline.evaluate.realistic import generate
from storyline.group.blocking import group_in_blocks
from storyline.group.splitting import bisect, cohesion_ratio, member_row, row_from_state, row_to_state
from storyline.group.stories import StoryGrouper
from storyline.group.weighting import DocumentFrequencies
from storyline.model import Article, Story

QUAKE = [
    "An earthquake of magnitude 6.4 struck Keldarn in northern Norvania on Monday.",
    "Mayor Anton Brevik said 212 houses collapsed in Keldarn and the old town of Vestrup.",
    "Rescue teams from Ostheim dug through the rubble of the Keldarn market for survivors.",
    "The Norvanian seismic institute counted 38 aftershocks around Keldarn and Vestrup.",
    "Anton Brevik asked the government in Ostheim for tents, water and field hospitals.",
    "Hospitals in Vestrup treated 415 injured people, the Norvanian health ministry said.",
    "Survivors of the Keldarn earthquake slept in the streets as aftershocks continued.",
    "Engineers inspected the Keldarn dam after the quake cracked its northern wall.",
]
BANK = [
    "The central bank of Ostrelia raised its main interest rate to 7.25 percent on Monday.",
    "Governor Lucia Fenwick said inflation in Ostrelia reached 9.8 percent in the spring.",
    "The Ostrelian crown rose against the dollar after the Marbury bank announcement.",
    "Lucia Fenwick told lawmakers in Marbury that rates could rise again in the autumn.",
    "Mortgage lenders in Marbury warned that the Ostrelian housing market would slow.",
    "Economists at Pellham Securities expected two more increases from Lucia Fenwick.",
    "Ostrelia's finance minister Tomas Quarrell backed the central bank's decision.",
    "Exporters in Ostrelia complained that the stronger crown hurt their sales abroad.",
]


def _report(pool: Sequence[str], rng: random.Random) -> str:
    return " ".join(rng.sample(list(pool), 5))


def _article(article_id: str, text: str, day: int) -> Article:
    return Article(id=article_id, text=text, title=None, source="test", published=f"2026-03-{day:02d}")


def _subject(prefix: str, pool: Sequence[str], n: int, seed: int, first_day: int = 2) -> list[Article]:
    rng = random.Random(seed)
    return [_article(f"{prefix}{i}", _report(pool, rng), first_day + i // 3) for i in range(n)]


def _chained(n: int = 6) -> tuple[list[Article], list[Article], Article]:
    """Two unrelated subjects, then one report that tells both (it merges their stories)."""
    quake, bank = _subject("q", QUAKE, n, 1), _subject("b", BANK, n, 2)
    rng = random.Random(3)
    bridge = _article("x", _report(QUAKE, rng) + " " + _report(BANK, rng), 4)
    return quake, bank, bridge


def _story_of(grouper: StoryGrouper, article_id: str) -> str:
    return grouper.assignment(article_id)[0]


def _merged_grouper() -> tuple[StoryGrouper, list[Article], list[Article], str, str]:
    """A grouper whose quake and bank stories merged through the bridge, before any split."""
    quake, bank, bridge = _chained(3)
    grouper = StoryGrouper()
    for article in (*quake, *bank):
        grouper.add(article)
    quake_id, bank_id = _story_of(grouper, "q0"), _story_of(grouper, "b0")
    assert quake_id != bank_id
    grouper.add(bridge)
    assert _story_of(grouper, "b0") == _story_of(grouper, "q0") == quake_id  # chained
    return grouper, quake, bank, quake_id, bank_id


def _grow(grouper: StoryGrouper, start: int = 3, n: int = 4) -> None:
    rng = random.Random(9)
    for i in range(start, start + n):
        grouper.add(_article(f"q{i}", _report(QUAKE, rng), 5))
        grouper.add(_article(f"b{i}", _report(BANK, rng), 5))
    grouper.refine()


def test_two_subjects_chained_through_one_report_split_apart() -> None:
    grouper, _, _, quake_id, bank_id = _merged_grouper()
    _grow(grouper)
    quake = {_story_of(grouper, f"q{i}") for i in range(7)}
    bank = {_story_of(grouper, f"b{i}") for i in range(7)}
    assert quake == {quake_id}  # the part with the opening report keeps the id
    assert len(bank) == 1 and bank != quake
    split = [m for m in grouper.merges if m["kind"] == "split"]
    assert len(split) == 1 and split[0]["kept"] == quake_id and split[0]["split"] == bank.pop()
    # The bank story merged into the quake story resolves to the story its reports are in now.
    assert split[0]["moved"] == [bank_id]
    assert grouper._index.resolve(bank_id) == split[0]["split"]


def test_events_move_with_their_reports() -> None:
    grouper, *_ = _merged_grouper()
    _grow(grouper)
    for story in grouper.stories():
        in_events = [a for event in story.events for a in event.articles]
        assert sorted(in_events) == sorted(story.articles)
        subjects = {a[0] for a in story.articles if a != "x"}
        assert len(subjects) == 1
    assert sum(len(s.articles) for s in grouper.stories()) == 15


def test_new_story_id_derives_from_its_earliest_report() -> None:
    grouper, *_ = _merged_grouper()
    _grow(grouper)
    again, *_ = _merged_grouper()
    _grow(again)
    split = next(m for m in grouper.merges if m["kind"] == "split")
    assert split == next(m for m in again.merges if m["kind"] == "split")
    assert split["split"] == grouper._index.stories[split["split"]].id
    assert grouper._index.stories[split["split"]].articles[0] == "b0"


def test_stories_split_apart_never_merge_again() -> None:
    grouper, *_ = _merged_grouper()
    _grow(grouper)
    rng = random.Random(11)
    grouper.add(_article("y", _report(QUAKE, rng) + " " + _report(BANK, rng), 6))
    assert _story_of(grouper, "q0") != _story_of(grouper, "b0")
    assert [m["kind"] for m in grouper.merges].count("split") == 1


def test_a_coherent_story_does_not_split() -> None:
    grouper = StoryGrouper()
    grouper.add_many(_subject("q", QUAKE, 24, 5))
    assert len(grouper.stories()) == 1
    assert not [m for m in grouper.merges if m["kind"] == "split"]
    assert grouper._index.stories[_story_of(grouper, "q0")].checked >= 16  # it was examined


def test_splitting_off_keeps_the_chained_story() -> None:
    grouper = StoryGrouper(split_ratio=None)
    quake, bank, bridge = _chained(3)
    for article in (*quake, *bank, bridge):
        grouper.add(article)
    _grow(grouper)
    assert len({_story_of(grouper, a) for a in ("q0", "b0", "q6", "b6")}) == 1


def test_state_round_trip_continues_after_a_split() -> None:
    grouper, *_ = _merged_grouper()
    _grow(grouper)
    restored = StoryGrouper.from_state(json.loads(json.dumps(grouper.to_state())))
    rng = random.Random(21)
    later = [_article(f"{p}{i}", _report(pool, rng), 7)
             for i in range(7, 12) for p, pool in (("q", QUAKE), ("b", BANK))]
    for one in (grouper, restored):
        for article in later:
            one.add(article)
        one.refine()
    assert _canonical(restored.stories()) == _canonical(grouper.stories())
    assert restored.merges == grouper.merges
    assert _story_of(restored, "b11") == _story_of(restored, "b0") != _story_of(restored, "q11")


def test_blocks_give_the_whole_streams_splits() -> None:
    records = generate(600, seed=1, days=3.0)
    articles = [Article.from_json(record) for record in records]
    whole = StoryGrouper()
    for article in articles:
        whole.add(article)
    whole.refine()
    assert [m for m in whole.merges if m["kind"] == "split"]  # the generated day has chained stories
    blocks = group_in_blocks(articles)
    assert _canonical([s for b in blocks for s in b.stories]) == _canonical(whole.stories())


def test_bisect_parts_two_vocabularies_and_scores_their_overlap() -> None:
    one = [{"n:a": 1.0, "w:x": 0.5, f"w:{i}": 0.2} for i in range(5)]
    two = [{"n:b": 1.0, "w:y": 0.5, f"w:{i}": 0.2} for i in range(5)]
    vectors = [*one, *two]
    sides = bisect(vectors)
    assert sides == [0] * 5 + [1] * 5
    assert cohesion_ratio(vectors, sides) < 0.2
    mixed = [0, 1] * 5
    assert cohesion_ratio(vectors, mixed) > 0.9  # halves of the same mixture share all
    assert cohesion_ratio(vectors, [0] * 9 + [1]) == 1.0  # a side of one is no group


def test_member_rows_keep_the_heaviest_keys_weighed_by_rarity() -> None:
    vector = {f"w:{i:02d}": 1.0 / (i + 1) for i in reversed(range(40))}
    table = DocumentFrequencies()
    table.n_docs_, table.counts_ = 99, {"w:00": 99, "w:01": 9}
    row = member_row("a", 5, "en", "T", vector, table, size=10)
    assert row[4] == tuple(f"w:{i:02d}" for i in range(10))
    # A key every report has keeps its weight (IDF 1); a rare one weighs more.
    assert abs(row[5][0] - 1.0) < 1e-6 and abs(row[5][1] - 0.5 * (math.log(10) + 1)) < 1e-5
    assert abs(row[5][9] - 0.1 * (math.log(100) + 1)) < 1e-5
    assert row_to_state(row_from_state(row_to_state(row))) == row_to_state(row)
    assert member_row("v", None, None, None, {})[4] == ()


def _canonical(stories: Sequence[Story]) -> list[tuple[object, ...]]:
    return sorted((s.id, s.title, s.articles, tuple((e.id, e.date, e.articles) for e in s.events)) for s in stories)
