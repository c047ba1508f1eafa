"""Speed of a story's reconciliation: facts, claims (contradictions, single source, coverage), summary.

Issue 7 asks for a 50-article story reconciled in under a second. The story is built from real
reports: the ten WikiNews documents of one MultiLing 2011 topic (../shared/data/mds-multiling2011),
each article taking a random two thirds of one document's sentences under one of 20 outlet names,
so that the story has the wire copies, paraphrase and partial overlap of a real one. With
``--distinct`` each article is a different document of the MultiLing topics instead (no copies:
the worst case for the sentence feature cache). Without ../shared a synthetic story is generated
instead. Analysis (sentences, times, entities) is done first and not timed.

Two measures per size:

* ``cold``: the stages on the entity-resolved story (facts, claims, summary), every cache emptied
  before each run: what a story costs the first time it is seen;
* ``warm``: the same again without emptying the caches: a story reconciled again (a new report
  joined it, the next run) finds the features of the sentences it had already seen;
* ``reconcile_story``: the whole of :func:`storyline.reconcile.story.reconcile_story` on the
  unresolved annotations, cold (with redating, entity resolution, timeline and quote merging).

Usage::

    .venv/bin/python bench/bench_reconcile.py [--articles 50 200] [--repeat 5] [--distinct]

Prints one JSON document: per size, the median seconds of each stage and of the whole.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import time
from pathlib import Path

from storyline.analyze.annotate import annotate
from storyline.analyze.sentences import split_sentences
from storyline.model import Annotated, Article, Story
from storyline.reconcile import fact_features, summary
from storyline.reconcile.claims import coverage, find_contradictions, single_source
from storyline.reconcile.entities import resolve_entities
from storyline.reconcile.facts import align_facts
from storyline.reconcile.story import reconcile_story
from storyline.reconcile.summary import summarize_facts

MULTILING = Path(__file__).resolve().parents[2] / "shared" / "data" / "mds-multiling2011" / "multiling2011-en.jsonl.gz"


def source_documents(topic: str | None) -> list[str]:
    """The documents of one MultiLing topic, or of all topics when ``topic`` is ``None``."""
    if MULTILING.is_file():
        with gzip.open(MULTILING, "rt", encoding="utf-8") as stream:
            clusters = [json.loads(line) for line in stream]
        return [doc["text"] for c in clusters if topic is None or c["id"] == topic for doc in c["docs"]]
    rng = random.Random(7)
    words = "council bridge river harbour mayor quota ferry budget vote storm flood police minister".split()
    return [" ".join(f"The {rng.choice(words)} {rng.choice(words)} said {rng.randint(2, 90)} {rng.choice(words)}s "
                     f"would {rng.choice(words)} the {rng.choice(words)}." for _ in range(20)) for _ in range(10)]


def build_story(n_articles: int, topic: str, seed: int = 1, *,
                distinct: bool = False) -> tuple[Story, list[Annotated]]:
    """The story's annotations, entities not resolved yet."""
    rng = random.Random(seed)
    docs = source_documents(None if distinct else topic)
    articles = []
    for n in range(n_articles):
        text = docs[n % len(docs)]
        sentences = [s.text_in(text) for s in split_sentences(text)]
        kept = sentences if distinct else [s for s in sentences if rng.random() < 0.67] or sentences[:1]
        articles.append(Article(id=f"a{n:03d}", text="\n".join(kept), source=f"outlet{rng.randrange(20)}",
                                published=f"2005-07-{7 + n % 20:02d}"))
    return Story("bench", topic, tuple(a.id for a in articles)), [annotate(a) for a in articles]


def clear_caches() -> None:
    fact_features.clear_caches()
    summary.clear_caches()


def reconcile_once(story: Story, annotated: list[Annotated], *, cold: bool) -> dict[str, float]:
    if cold:
        clear_caches()
    times: dict[str, float] = {}
    start = time.perf_counter()
    facts = align_facts(annotated)
    times["facts"] = time.perf_counter() - start
    mark = time.perf_counter()
    find_contradictions(facts)
    single_source(facts)
    coverage(facts)
    times["claims"] = time.perf_counter() - mark
    mark = time.perf_counter()
    summarize_facts(story.id, facts, words=250)
    times["summary"] = time.perf_counter() - mark
    times["total"] = time.perf_counter() - start
    return times


def whole_story_once(story: Story, annotated: list[Annotated]) -> float:
    clear_caches()
    start = time.perf_counter()
    reconcile_story(story, annotated)
    return time.perf_counter() - start


def median_stages(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: round(statistics.median(r[k] for r in runs), 4) for k in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--topic", default="M001")
    parser.add_argument("--distinct", action="store_true", help="every article a different document")
    args = parser.parse_args()
    results = []
    for size in args.articles:
        story, raw = build_story(size, args.topic, distinct=args.distinct)
        annotated = resolve_entities(raw)[1]
        cold = [reconcile_once(story, annotated, cold=True) for _ in range(args.repeat)]
        warm = [reconcile_once(story, annotated, cold=False) for _ in range(args.repeat)]
        whole = statistics.median(whole_story_once(story, raw) for _ in range(args.repeat))
        facts = align_facts(annotated)
        results.append({
            "articles": size, "sentences": sum(len(a.sentences) for a in annotated), "facts": len(facts),
            "corroborated_facts": sum(f.voices >= 2 for f in facts),
            "median_seconds": {"cold": median_stages(cold), "warm": median_stages(warm),
                               "reconcile_story": round(whole, 4)},
            "under_one_second": whole < 1.0,
        })
    source = str(MULTILING) if MULTILING.is_file() else "synthetic"
    print(json.dumps({"source": source, "distinct": args.distinct, "results": results}, indent=2))


if __name__ == "__main__":
    main()
