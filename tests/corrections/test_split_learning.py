"""The grouping learns from a split: a report that arrives after an analyst split a story goes to
the split-off story when it is closer to the reports split off than to the rest of the old story,
on a store the real pipeline built from articles the test writes (the web tests' levy story:
levy-a and levy-b on the parliament's vote, levy-c on the hauliers' protests, which the analyst
splits off)."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest

from storyline import corrections
from storyline.corrections import answers
from storyline.corrections.split_learning import closer_to_split
from storyline.store import Store, queries

pytest.importorskip("fastapi", reason="the web extra is not installed (the test store is built by its ingest)")

from storyline.group import StoryGrouper  # noqa: E402
from storyline.present.web.ingest import Upload, ingest_uploads  # noqa: E402
from tests.present.conftest import build_store  # noqa: E402

HAULIERS = {"id": "levy-h", "source": "Road Gazette", "published": "2026-03-13", "language": "en",
            "title": "Hauliers' leader Brandtner calls new protests over the levy",
            "text": "Hauliers' leader Lukas Brandtner said his members would decide on further protests against the "
                    "fuel levy. Brandtner said hauliers would block roads around Varno next week. Estravia's "
                    "parliament approved the levy by 112 votes to 87."}
COURT = {"id": "levy-p", "source": "Capital Courier", "published": "2026-03-13", "language": "en",
         "title": "Opposition takes diesel levy to Constitutional Court",
         "text": "Opposition leader Teodor Valescu said the party had gone to the Constitutional Court against the "
                 "fuel levy. Estravia's parliament approved the levy on Tuesday by 121 votes to 87. The levy adds 9 "
                 "cents per litre of diesel from July 1."}


def _ingest(store: Store, *records: dict[str, Any]) -> None:
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    ingest_uploads(store, threading.Lock(), [Upload("late.jsonl", data)])


def _story(store: Store, article: str) -> str:
    return store.assignments([article])[article][0]


def _grouper_story(store: Store, article: str) -> str:
    """Where the grouper alone (which never learns of corrections) has the report."""
    state = store.load_state("grouper")
    assert state is not None
    return next(s.id for s in StoryGrouper.from_state(state).stories() if article in s.articles)


@pytest.fixture()
def store(tmp_path: Path) -> Any:
    with Store(build_store(tmp_path)) as opened:
        yield opened


def _split_hauliers(store: Store) -> tuple[str, str]:
    _, rows = queries.list_stories(store, queries.StoryFilter(text="levy"), limit=5)
    levy = rows[0]["id"]
    made = answers.make(store, levy, "split_story", author="Ana", reports=["levy-c"])
    new = next(c.target for c in corrections.for_story(store, levy) if c.id == made)
    assert new and _story(store, "levy-c") == new and _story(store, "levy-a") == levy
    return levy, new


def test_split_learning_a_later_report_closer_to_the_split_part_follows_it(store: Store) -> None:
    levy, new = _split_hauliers(store)
    _ingest(store, HAULIERS, COURT)
    assert _grouper_story(store, "levy-h") == _grouper_story(store, "levy-p") == levy  # the grouper: one story
    assert _story(store, "levy-h") == new  # the hauliers' report follows the hauliers' story
    assert _story(store, "levy-p") == levy  # the court report stays with the vote
    assert store.stale_story_ids() == []
    with_new = queries.story_row(store, new)
    assert with_new is not None and with_new["articles"] == 2
    _ingest(store, {**COURT, "id": "levy-q", "text": COURT["text"] + " The court will hear the case in May."})
    assert (_story(store, "levy-h"), _story(store, "levy-q")) == (new, levy)  # kept by the next run
    undone = next(c for c in corrections.for_story(store, levy) if c.kind == "split_story")
    answers.unmake(store, levy, undone.id, author="Cleo")
    assert {_story(store, a) for a in ("levy-a", "levy-c", "levy-h", "levy-p", "levy-q")} == {levy}


def test_split_learning_leaves_reports_that_were_there_before_the_split(store: Store) -> None:
    _ingest(store, HAULIERS)  # in the story when the analyst splits: the analyst left it there
    levy, new = _split_hauliers(store)
    assert _story(store, "levy-h") == levy
    _ingest(store, COURT)
    assert (_story(store, "levy-h"), _story(store, "levy-p")) == (levy, levy)


def test_split_learning_compares_with_both_parts(store: Store) -> None:
    _ingest(store, HAULIERS, COURT)
    assert closer_to_split(store, ["levy-c"], ["levy-a", "levy-b"], ["levy-h", "levy-p"]) == {"levy-h"}
    assert closer_to_split(store, ["levy-a", "levy-b"], ["levy-c"], ["levy-h", "levy-p"]) == {"levy-p"}
    assert closer_to_split(store, ["gone"], ["levy-a"], ["levy-h"]) == set()  # nothing left to compare with
