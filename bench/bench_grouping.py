"""Throughput, memory and quality of StoryGrouper on a generated stream with known stories.

The stream is built from real texts in ../shared/data. An *event template* is a cluster of real
reports on one happening: an ECB+ subtopic, or an ML-Crisis (topic, day) folder with two or more
reports. A synthetic **story** is one ongoing subject, as an ECB+ topic is: it starts from a
random event template at a random date over three years and has 1-3 **events**, each taken from
the same family (the other subtopic of the ECB+ topic; the next days of the ML-Crisis topic) and
dated 3-20 days after the previous one. Each event has 3-10 articles dated 0-2 days after the
event's date; an article takes a report of the event's template and drops about a third of its
sentences. Names are replaced by invented ones, consistently within the story and differently in
every other story, so two stories from the same family are two different subjects of the same
kind (two earthquakes). Articles are fed in date order.

Two answer keys are scored: ``story_bcubed`` (gold = the story) and ``event_bcubed`` (the
grouper's events against gold = the story's event). ``story_vs_event_key`` scores the grouper's
stories against the event key: the answer key of the earlier version of this benchmark, whose
stories were single events.

Usage::

    PYTHONPATH=src python bench/bench_grouping.py --sizes 10000 30000 [100000]

Each size runs in its own process, so the peak RSS (``ru_maxrss``) is that size's own. Prints one
JSON document. Generation is not timed; only ``StoryGrouper.add`` and the final
``refine`` are.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import NamedTuple

from storyline.evaluate.grouping import bcubed, read_crisis, read_ecbplus
from storyline.group.features import fold
from storyline.group.stopwords import ALL_STOPWORDS
from storyline.group.stories import StoryGrouper
from storyline.model import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
_NAME = re.compile(r"\b[A-Z][a-z]{2,}\b")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_SYLLABLES = ["ka", "ro", "mi", "ten", "vas", "lo", "dri", "an", "sel", "tor", "quin", "bel",
              "zar", "ne", "vo", "lis", "gar", "ith", "mun", "pe"]
_BASE_DAY = 737000  # 2018-10-24


class Template(NamedTuple):
    """Reports of one happening, and the templates of the events that may follow it."""

    texts: list[str]
    family: str
    rank: int


class Row(NamedTuple):
    """One planned article."""

    day: int
    story: int
    event: int
    template: int
    seed: int


def load_templates() -> list[Template]:
    """Clusters of real report texts about one happening, with their family and place in it.

    The family of an ECB+ subtopic is its topic; of an ML-Crisis day, its topic (days in order).
    """
    clusters: dict[tuple[str, str], list[str]] = defaultdict(list)
    articles, labels = read_ecbplus(SHARED / "ecbplus")
    for article in articles:
        label = labels[article.id]
        clusters[("ecb:" + label["topic"], label["subtopic"])].append(article.text)
    for article in read_crisis(SHARED / "ml-crisis-tls"):
        clusters[(f"crisis:{article.story}", article.published or "")].append(article.text)
    templates, ranks = [], defaultdict(int)
    for (family, _), texts in sorted(clusters.items()):
        if len(texts) >= 2:
            templates.append(Template(texts, family, ranks[family]))
            ranks[family] += 1
    return templates


def plan(size: int, templates: list[Template], seed: int) -> list[Row]:
    """The articles of the stream, in date order."""
    rng = random.Random(seed)
    family: dict[str, list[int]] = defaultdict(list)
    for index, template in enumerate(templates):
        family[template.family].append(index)
    rows: list[Row] = []
    story = 0
    while len(rows) < size:
        first = rng.randrange(len(templates))
        members = family[templates[first].family]
        start = members.index(first)
        chain = (members[start:] + members[:start])[: rng.randint(1, 3)]
        day = _BASE_DAY + rng.randrange(3 * 365)
        for event, template in enumerate(chain):
            if event:
                day += rng.randint(3, 20)
            for _ in range(min(rng.randint(3, 10), size - len(rows))):
                rows.append(Row(day + rng.randint(0, 2), story, event, template,
                                rng.getrandbits(32)))
        story += 1
    return sorted(rows)


def _pseudo_name(rng: random.Random) -> str:
    # 3-4 syllables: 168,000 names, so that unrelated stories rarely share one by chance.
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(3, 4))).capitalize()


def make_article(row: Row, templates: list[Template]) -> Article:
    """Materialise one planned article; a name maps to the same invented name across its story."""
    rng = random.Random(row.seed)

    def rename(match: re.Match[str]) -> str:
        word = match.group()
        if fold(word) in ALL_STOPWORDS:
            return word
        return _pseudo_name(random.Random(f"{row.story}:{word}"))

    sentences = _SENTENCE.split(rng.choice(templates[row.template].texts))
    kept = [s for s in sentences if rng.random() > 0.33] or sentences[:1]
    text = _NAME.sub(rename, " ".join(kept))
    return Article(id=f"b{row.story}-{row.event}-{row.seed:x}", text=text, title=None,
                   source="bench", published=date.fromordinal(row.day).isoformat())


def run_size(size: int, seed: int = 0) -> dict[str, object]:
    """Group one generated stream; time, memory and B-cubed."""
    templates = load_templates()
    rows = plan(size, templates, seed)
    grouper = StoryGrouper()
    gold_story: dict[str, int] = {}
    gold_event: dict[str, tuple[int, int]] = {}
    elapsed = 0.0
    for row in rows:
        article = make_article(row, templates)
        gold_story[article.id] = row.story
        gold_event[article.id] = (row.story, row.event)
        started = time.perf_counter()
        grouper.add(article)
        elapsed += time.perf_counter() - started
    started = time.perf_counter()
    moved = grouper.refine()  # the end of the batch: its articles may change events
    refine_seconds = time.perf_counter() - started
    elapsed += refine_seconds
    placed = {article_id: grouper.assignment(article_id) for article_id in gold_story}
    stories = {article_id: story for article_id, (story, _) in placed.items()}
    return {
        "articles": size, "gold_stories": len(set(gold_story.values())),
        "gold_events": len(set(gold_event.values())),
        "stories": len(grouper.stories()), "merges": len(grouper.merges),
        "versions": len(grouper.versions), "group_seconds": round(elapsed, 1),
        "refine_seconds": round(refine_seconds, 1), "refine_moved": moved,
        "articles_per_second": round(size / elapsed, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "story_bcubed": bcubed(stories, gold_story),
        "event_bcubed": bcubed({k: event for k, (_, event) in placed.items()}, gold_event),
        "story_vs_event_key": bcubed(stories, gold_event),
    }


def _iter_sizes(sizes: list[int]) -> Iterator[dict[str, object]]:
    for size in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], check=True,
                             capture_output=True, text=True)
        yield json.loads(out.stdout)


def main() -> None:
    """Parse arguments; run each size in a child process and print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_size(args.one)))
        return
    print(json.dumps({"benchmark": "grouping", "python": sys.version.split()[0],
                      "runs": list(_iter_sizes(args.sizes))}, indent=2))


if __name__ == "__main__":
    main()
