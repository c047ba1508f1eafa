"""Throughput, memory and quality of StoryGrouper on a generated stream with known stories.

The stream is built from real texts in ../shared/data: every ECB+ subtopic (66 clusters of
reports on one happening) and every ML-Crisis (topic, day) folder with two or more reports is a
*template*. A synthetic story instantiates a template at a random start date over three years:
its names are replaced by invented ones, consistently within the story (so two instances of the
same template are two different happenings of the same kind, as in ECB+), and each of its 4-16
articles takes a template report, drops about a third of its sentences, and is dated 0-3 days
after the start. Articles are fed in date order. Gold story = instance.

Usage::

    PYTHONPATH=src python bench/bench_grouping.py --sizes 10000 30000 [100000]

Each size runs in its own process, so the peak RSS (``ru_maxrss``) is that size's own. Prints one
JSON document. Generation is not timed; only ``StoryGrouper.add`` is.
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


def load_templates() -> list[list[str]]:
    """Clusters of real report texts about one happening."""
    clusters: dict[str, list[str]] = defaultdict(list)
    articles, labels = read_ecbplus(SHARED / "ecbplus")
    for article in articles:
        clusters["ecb:" + labels[article.id]["subtopic"]].append(article.text)
    for article in read_crisis(SHARED / "ml-crisis-tls"):
        clusters[f"crisis:{article.story}:{article.published}"].append(article.text)
    return [texts for _, texts in sorted(clusters.items()) if len(texts) >= 2]


def plan(size: int, n_templates: int, seed: int) -> list[tuple[int, int, int, int, int]]:
    """(day, story, template, article seed, position) per article, in date order."""
    rng = random.Random(seed)
    rows, story = [], 0
    while len(rows) < size:
        template, start = rng.randrange(n_templates), _BASE_DAY + rng.randrange(3 * 365)
        for position in range(min(rng.randint(4, 16), size - len(rows))):
            rows.append((start + rng.randint(0, 3), story, template, rng.getrandbits(32), position))
        story += 1
    return sorted(rows)


def _pseudo_name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def make_article(row: tuple[int, int, int, int, int], templates: list[list[str]]) -> Article:
    """Materialise one planned article."""
    day, story, template, article_seed, _ = row
    names: dict[str, str] = {}
    story_rng = random.Random(story)
    rng = random.Random(article_seed)

    def rename(match: re.Match[str]) -> str:
        word = match.group()
        if fold(word) in ALL_STOPWORDS:
            return word
        if word not in names:
            names[word] = _pseudo_name(random.Random(f"{story}:{word}:{story_rng.random()}"))
        return names[word]

    sentences = _SENTENCE.split(rng.choice(templates[template]))
    kept = [s for s in sentences if rng.random() > 0.33] or sentences[:1]
    text = _NAME.sub(rename, " ".join(kept))
    return Article(id=f"b{story}-{article_seed:x}", text=text, title=None, source="bench",
                   published=date.fromordinal(day).isoformat())


def run_size(size: int, seed: int = 0) -> dict[str, object]:
    """Group one generated stream; time, memory and B-cubed."""
    templates = load_templates()
    rows = plan(size, len(templates), seed)
    grouper = StoryGrouper()
    gold: dict[str, int] = {}
    elapsed = 0.0
    for row in rows:
        article = make_article(row, templates)
        gold[article.id] = row[1]
        started = time.perf_counter()
        grouper.add(article)
        elapsed += time.perf_counter() - started
    predicted = {article_id: grouper.assignment(article_id)[0] for article_id in gold}
    return {
        "articles": size, "gold_stories": len(set(gold.values())),
        "stories": len(grouper.stories()), "merges": len(grouper.merges),
        "versions": len(grouper.versions), "group_seconds": round(elapsed, 1),
        "articles_per_second": round(size / elapsed, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "story_bcubed": bcubed(predicted, gold),
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
