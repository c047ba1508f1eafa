"""Throughput of entity recognition (words/s, one core) and of resolution (mentions/s).

Text: the five s400 reports in ../shared/samples/s400 repeated to ``--words`` words, split into
articles of their own; when they are absent, a synthetic news-like text. Recognition runs the
offline backend (CRF + rules) sentence by sentence, as ``annotate`` does; sentence splitting is
timed apart. After a warm-up (model load, caches), the median of ``--repeat`` runs is reported.

Usage::

    .venv/bin/python bench/bench_entities.py [--words 200000] [--repeat 3]

Prints one JSON document. Goal (issue 4): recognition at 10k words/s per core or better.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

from storyline.analyze.entities import EntityRecognizer
from storyline.analyze.sentences import split_sentences
from storyline.model import Annotated, Article
from storyline.reconcile.entities import resolve_entities

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples" / "s400"
FALLBACK = ("Turkish Defence Minister Hulusi Akar said on Tuesday that Ankara would propose only "
            "partially activating its S-400s, State Department spokesman Ned Price told reporters "
            "in Washington, where NATO allies met. ")


def corpus(words: int) -> list[str]:
    """Article texts totalling about ``words`` words."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))] or [FALLBACK * 20]
    out, total, i = [], 0, 0
    while total < words:
        out.append(texts[i % len(texts)])
        total += len(texts[i % len(texts)].split())
        i += 1
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    texts = corpus(args.words)
    n_words = sum(len(t.split()) for t in texts)
    recognizer = EntityRecognizer(backend="offline").load()
    sentences = [split_sentences(t) for t in texts]
    for text, spans in zip(texts[:5], sentences[:5]):
        recognizer(text, spans)  # warm-up
    runs, annotated = [], []
    for _ in range(args.repeat):
        started = time.process_time()
        found = [recognizer(text, spans) for text, spans in zip(texts, sentences)]
        runs.append(time.process_time() - started)
        annotated = [Annotated(Article(id=str(i), text=t, story=str(i // 5)), tuple(s), tuple(m))
                     for i, (t, s, m) in enumerate(zip(texts, sentences, found))]
    started = time.process_time()
    for text in texts:
        split_sentences(text)
    split_sentences_s = time.process_time() - started
    started = time.process_time()
    entities, _ = resolve_entities(annotated[:500])
    resolve_s = time.process_time() - started
    n_mentions = sum(len(a.entities) for a in annotated[:500])
    median = statistics.median(runs)
    result = {
        "words": n_words, "articles": len(texts), "recognition_cpu_s": [round(r, 3) for r in runs],
        "recognition_words_per_s": round(n_words / median), "sentence_split_cpu_s": round(split_sentences_s, 3),
        "resolution": {"articles": min(500, len(annotated)), "mentions": n_mentions, "entities": len(entities),
                       "cpu_s": round(resolve_s, 3), "mentions_per_s": round(n_mentions / resolve_s) if resolve_s else None},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "python": sys.version.split()[0], "machine": platform.machine(), "backend": recognizer.backend_,
        "goal_words_per_s": 10_000,
    }
    sys.stdout.write(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
