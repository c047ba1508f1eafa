"""The realistic generated day (issue 21's benchmark, issue 20's "realistic day")."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from storyline.evaluate.realistic import MAX_EVENT_REPORTS, generate, write_jsonl


def test_same_seed_same_stream_other_seed_other_stream() -> None:
    assert generate(300, seed=4) == generate(300, seed=4)
    assert [r["text"] for r in generate(300, seed=5)] != [r["text"] for r in generate(300, seed=4)]


def test_reports_have_real_length_labels_and_publication_order() -> None:
    records = generate(1500, seed=1)
    assert len(records) == 1500
    words = sorted(len(r["text"].split()) for r in records)
    assert 600 <= words[len(words) // 2] <= 700
    assert sum(570 <= w <= 740 for w in words) / len(words) > 0.97
    assert [r["published"] for r in records] == sorted(r["published"] for r in records)
    assert all(r["gold_event"].startswith(r["gold_story"] + "/") for r in records)
    assert len({r["id"] for r in records}) == len(records)
    assert not any("story" in r for r in records)  # nothing gives the grouping away


def test_feeds_copy_rewrite_and_update_within_bounded_stories() -> None:
    records = generate(3000, seed=2)
    variants = Counter(r["variant"] for r in records)
    assert {"fresh", "copy", "rewrite", "update", "exact"} <= set(variants)
    assert variants["fresh"] < len(records) * 0.7
    sizes = Counter(r["gold_story"] for r in records)
    assert max(sizes.values()) <= 4 * MAX_EVENT_REPORTS and len(sizes) > 200
    by_event: dict[str, list[dict]] = {}
    for record in records:
        by_event.setdefault(record["gold_event"], []).append(record)
    copies = [r for r in records if r["variant"] == "copy"]
    # a copy carries the body of an earlier report of its event under another sign-off
    for copy in copies[:50]:
        body = copy["text"].rsplit("\n\n", 1)[0]
        assert any(o is not copy and o["text"].startswith(body[:400]) for o in by_event[copy["gold_event"]])


def test_countries_are_shared_across_stories() -> None:
    records = generate(2000, seed=3)
    stories_naming = Counter()
    for story in {r["gold_story"]: r for r in records}.values():
        stories_naming.update({c for c in ("China", "Russia", "Ukraine") if c in story["text"]})
    assert all(count >= 10 for count in stories_naming.values()) and len(stories_naming) == 3


def test_written_as_article_jsonl(tmp_path: Path) -> None:
    described = write_jsonl(tmp_path / "day.jsonl", 200, seed=0)
    lines = (tmp_path / "day.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == described["articles"] == 200
    first = json.loads(lines[0])
    assert {"id", "text", "title", "source", "url", "published", "language"} <= set(first)
