"""The stories-at-density checks: public corpora as one stream of subjects, and the generated day."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from storyline.evaluate.topics import evaluate_generated, topic_streams

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"

_WORDS_LIKE_NAMES = {"story_threshold": 0.2, "split_ratio": None,  # splitting would undo part of the chaining
                     "story_weights": {"w": 1.0, "n": 1.0, "k": 0.5, "c": 0.5, "#": 0.5, "d": 0.5}}


def test_a_generated_day_keeps_its_stories_apart() -> None:
    # 300 reports over two days, 53 stories about forty countries whose office holders recur (each
    # story with towns, companies and banks of its own since session 13: the generator draws more).
    result = evaluate_generated(((300, 2.0),))["sizes"][0]
    assert result["gold_stories"] == 53
    assert result["story"]["precision"] >= 0.8 and result["story"]["recall"] >= 0.95
    assert result["event"]["f1"] >= 0.75


def test_words_weighed_like_names_chain_the_generated_day() -> None:
    # What the story weighting guards against: the same day, words weighed as names, the old bar.
    chained = evaluate_generated(((300, 2.0),), params=_WORDS_LIKE_NAMES)["sizes"][0]
    assert chained["stories"] < 20 and chained["story"]["precision"] < 0.5


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent")
def test_topic_streams_hold_every_subject_once() -> None:
    streams = topic_streams(SHARED)
    articles, subjects = streams["english"]
    corpora = Counter(subject.split(":")[0] for subject in set(subjects.values()))
    assert corpora == {"multiling": 10, "ecbplus": 66, "meantime": 2}
    assert len({a.id for a in articles}) == len(articles) == len(subjects)
    assert all(a.published is None for a in articles)
    translated, _ = streams["translated"]
    assert Counter(a.language for a in translated) == {"en": 60, "es": 60, "it": 60, "nl": 60}


def test_no_corpus_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="none of"):
        topic_streams(tmp_path)
