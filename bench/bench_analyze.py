"""Throughput of the per-article analysis stages (sentences, times, quotes) on real news text.

Texts: the gold article bodies of the extraction benchmark and the s400 reports, cut into
~500-word articles. Each stage is timed alone over the same texts after a warm-up, on one core.

    .venv/bin/python bench/bench_analyze.py [--articles 2000] [--out result.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def load_texts(count: int, words: int = 500) -> list[str]:
    gold = json.loads((SHARED / "data" / "article-extraction-benchmark" / "ground-truth.json").read_text("utf-8"))
    bodies = [v["articleBody"] for v in gold.values()]
    bodies += [p.read_text("utf-8") for p in sorted((SHARED / "samples" / "s400").glob("*.txt"))]
    pieces = []
    for body in bodies:
        tokens = body.split(" ")
        pieces += [" ".join(tokens[i : i + words]) for i in range(0, max(1, len(tokens) - words // 2), words)]
    return [pieces[i % len(pieces)] for i in range(count)]


def timed(stage: Callable[[str], object], texts: list[str]) -> dict[str, float]:
    for text in texts[:50]:
        stage(text)
    started = time.process_time()
    for text in texts:
        stage(text)
    seconds = time.process_time() - started
    words = sum(len(t.split()) for t in texts)
    return {"cpu_seconds": round(seconds, 2), "articles_per_s": round(len(texts) / seconds, 1),
            "words_per_s": round(words / seconds)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"bench_analyze: {SHARED} is absent; nothing to measure", file=sys.stderr)
        return 0
    from storyline.analyze.quotes import find_quotes
    from storyline.analyze.sentences import split_sentences
    from storyline.analyze.times import find_times

    texts = load_texts(args.articles)
    anchor = dt.date(2021, 2, 11)
    stages = {
        "sentences": split_sentences,
        "times": lambda text: find_times(text, anchor),
        "quotes": lambda text: find_quotes(text, split_sentences(text)),
    }
    result = {"articles": len(texts), "python": platform.python_version(),
              "stages": {name: timed(stage, texts) for name, stage in stages.items()},
              "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
