"""Speed of a story's reconciliation: facts, claims (contradictions, single source, coverage), summary.

Issue 7 asks for a 50-article story reconciled in under a second. The story is built from real
reports: the ten WikiNews documents of one MultiLing 2011 topic (../shared/data/mds-multiling2011),
each article taking a random two thirds of one document's sentences under one of 20 outlet names,
so that the story has the wire copies, paraphrase and partial overlap of a real one. Without
../shared a synthetic story is generated instead. Analysis (sentences, times, entities, entity
resolution) is done first and not timed; only the reconcile stages are.

Usage::

    .venv/bin/python bench/bench_reconcile.py [--articles 50 200] [--repeat 5]

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
from storyline.reconcile.claims import coverage, find_contradictions, single_source
from storyline.reconcile.entities import resolve_entities
from storyline.reconcile.facts import align_facts
from storyline.reconcile.summary import summarize_facts

MULTILING = Path(__file__).resolve().parents[2] / "shared" / "data" / "mds-multiling2011" / "multiling2011-en.jsonl.gz"


def source_documents(topic: str) -> list[str]:
    if MULTILING.is_file():
        with gzip.open(MULTILING, "rt", encoding="utf-8") as stream:
            for line in stream:
                cluster = json.loads(line)
                if cluster["id"] == topic:
                    return [doc["text"] for doc in cluster["docs"]]
    rng = random.Random(7)
    words = "council bridge river harbour mayor quota ferry budget vote storm flood police minister".split()
    return [" ".join(f"The {rng.choice(words)} {rng.choice(words)} said {rng.randint(2, 90)} {rng.choice(words)}s "
                     f"would {rng.choice(words)} the {rng.choice(words)}." for _ in range(20)) for _ in range(10)]


def build_story(n_articles: int, topic: str, seed: int = 1) -> tuple[Story, list[Annotated]]:
    rng = random.Random(seed)
    docs = source_documents(topic)
    articles = []
    for n in range(n_articles):
        text = docs[n % len(docs)]
        sentences = [s.text_in(text) for s in split_sentences(text)]
        kept = [s for s in sentences if rng.random() < 0.67] or sentences[:1]
        articles.append(Article(id=f"a{n:03d}", text="\n".join(kept), source=f"outlet{rng.randrange(20)}",
                                published=f"2005-07-{7 + n % 20:02d}"))
    annotated = resolve_entities([annotate(a) for a in articles])[1]
    return Story("bench", topic, tuple(a.id for a in articles)), annotated


def reconcile_once(story: Story, annotated: list[Annotated]) -> dict[str, float]:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--topic", default="M001")
    args = parser.parse_args()
    results = []
    for size in args.articles:
        story, annotated = build_story(size, args.topic)
        runs = [reconcile_once(story, annotated) for _ in range(args.repeat)]
        sentences = sum(len(a.sentences) for a in annotated)
        facts = align_facts(annotated)
        results.append({
            "articles": size, "sentences": sentences, "facts": len(facts),
            "corroborated_facts": sum(f.voices >= 2 for f in facts),
            "median_seconds": {k: round(statistics.median(r[k] for r in runs), 4) for k in runs[0]},
            "under_one_second": statistics.median(r["total"] for r in runs) < 1.0,
        })
    print(json.dumps({"source": str(MULTILING) if MULTILING.is_file() else "synthetic", "results": results}, indent=2))


if __name__ == "__main__":
    main()
