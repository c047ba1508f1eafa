"""Throughput of the per-article analysis stages on real news text, and CPU per article of the whole analysis.

``stages``: the gold article bodies of the extraction benchmark and the s400 reports, cut into
~500-word articles; sentences, times and quotes each timed alone over the same texts after a
warm-up, on one core.

``per_article`` (issue 21's budget: 5 ms per ~650-word report): :func:`storyline.analyze.annotate`
stage by stage (sentences, times, entities, quotes; CPU ms per article) on

* ``english_generated``: the realistic generated day (:mod:`storyline.evaluate.realistic`,
  600-700-word English reports with copies, rewrites and updates), ``--per-article`` reports;
* ``crawled_es_fr_it``: the crawled crisis pages of ../shared/data/ml-crisis-tls of 400-1,000
  words (345 es/fr/it pages; the whole set has pages of up to 344k words).

Each corpus is timed twice after a warm-up on other texts: ``stream`` (the per-process memos of
tagged sentences kept, as in a run) and ``distinct`` (the memos emptied before each report: what
a report costs whose sentences were never seen). The per-word caches stay warm in both. Each
corpus also gives ``repeated_sentences``, the share of its sentences (and of their characters)
seen before in its stream (the most any sentence memo could answer), and ``memos``, the entries,
bound, hits and misses of the recognisers' memos after the stream run.

``--dense N`` adds ``english_day_density``: N generated reports published over N/20,000 days (a
day of 20,000 reports' density) with the sentence memos bounded to their share of a day
(``SENTENCE_MEMO_SIZE`` x N/20,000), so that the memos are as full, and evict as much, as in a
run over a whole day (the bound that matters once a day's distinct sentences outnumber it).

``--annotations DIR`` writes, instead, the annotations (:func:`storyline.analyze.annotate.annotated_json`,
keys sorted) of 500 generated English reports and of the 740 crawled pages, one JSONL file each,
to prove a speed change byte-identical: run it on the tree before and after and ``cmp`` the files.

    .venv/bin/python bench/bench_analyze.py [--articles 2000] [--per-article 300] [--only per-article] [--out result.json]
    .venv/bin/python bench/bench_analyze.py --only per-article --dense 4000
    PYTHONPATH=BEFORE/src .venv/bin/python bench/bench_analyze.py --annotations /tmp/before
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
#: Reports of a day whose density ``--dense`` reproduces.
DAY = 20_000


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


def forget_sentences() -> None:
    """Empty the recognisers' per-process memos of tagged sentences and name windows."""
    from storyline.analyze.annotate import default_recognizer
    from storyline.analyze.ner_multilingual import multilingual, name_typer

    recognizers = [getattr(default_recognizer(), "_impl", None)]
    recognizers += [r for cached in (multilingual, name_typer) if cached.cache_info().currsize
                    for r in (cached(None), getattr(cached(None), "_crf", None))]
    for recognizer in recognizers:
        for memo in ("_memo", "_window_memo"):
            getattr(recognizer, "__dict__", {}).pop(memo, None)


def memo_counts() -> dict[str, dict]:
    """Entries (and, for LRU memos, bound, hits and misses) of the recognisers' memos."""
    from storyline.analyze.annotate import default_recognizer
    from storyline.analyze.ner_multilingual import multilingual, name_typer

    owners = {"english": getattr(default_recognizer(), "_impl", None)}
    if multilingual.cache_info().currsize:
        owners.update(multilingual=multilingual(None), typer=name_typer(None))
    out: dict[str, dict] = {}
    for owner, recognizer in owners.items():
        for name, memo in getattr(recognizer, "__dict__", {}).items():
            if name.endswith("_memo"):
                out[f"{owner}.{name[1:]}"] = memo.stats() if hasattr(memo, "stats") else {"entries": len(memo)}
    return out


def repeated_sentences(articles: list) -> dict[str, float]:
    """Share of the sentences (and of their characters) that an earlier report of the stream has."""
    from storyline.analyze.sentences import split_sentences

    seen: set[tuple[str | None, str]] = set()
    count = chars = again = again_chars = 0
    for article in articles:
        for span in split_sentences(article.text):
            key = (article.language, article.text[span.start:span.end])
            count, chars = count + 1, chars + len(key[1])
            if key in seen:
                again, again_chars = again + 1, again_chars + len(key[1])
            seen.add(key)
    return {"sentences": round(again / max(1, count), 3), "characters": round(again_chars / max(1, chars), 3)}


def bound_memos(share: float) -> None:
    """Bound the sentence memos to ``share`` of their size (for a stream that is that share of a day)."""
    from storyline.analyze import ner_crf, ner_multilingual

    size = max(1, int(ner_crf.SENTENCE_MEMO_SIZE * share))
    for module in (ner_crf, ner_multilingual):
        if hasattr(module, "SENTENCE_MEMO_SIZE"):
            module.SENTENCE_MEMO_SIZE = size
    forget_sentences()


def analysis_ms(articles: list, *, distinct: bool) -> dict[str, float]:
    """CPU ms per article of each stage of ``annotate`` (same calls, same order) and in all."""
    from storyline.analyze.annotate import default_recognizer, report_anchor
    from storyline.analyze.quotes import find_quotes
    from storyline.analyze.sentences import split_sentences
    from storyline.analyze.times import find_times

    recognizer = default_recognizer()
    spent = dict.fromkeys(("sentences", "times", "entities", "quotes"), 0.0)
    for article in articles:
        if distinct:
            forget_sentences()
        text, language = article.text, article.language
        t0 = time.process_time()
        sentences = split_sentences(text)
        t1 = time.process_time()
        find_times(text, report_anchor(article), language=language or "en")
        t2 = time.process_time()
        entities = recognizer(text, sentences, language=language)
        t3 = time.process_time()
        find_quotes(text, sentences, entities, language=language)
        t4 = time.process_time()
        for stage, seconds in zip(spent, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            spent[stage] += seconds
    out = {stage: round(1000 * seconds / len(articles), 2) for stage, seconds in spent.items()}
    out["analysis"] = round(sum(out.values()), 2)
    return out


def per_article(count: int, dense: int = 0) -> dict[str, dict]:
    """Issue 21's figure: CPU ms per report of the whole analysis, English generated and crawled."""
    from storyline.analyze.annotate import annotate
    from storyline.evaluate.crisis import crisis_corpus
    from storyline.evaluate.realistic import generate
    from storyline.model import Article

    def article(record: dict) -> Article:
        return Article.from_json({k: record[k] for k in ("id", "text", "published", "language") if k in record})

    generated = [article(r) for r in generate(count, seed=1)]
    crawled, _ = crisis_corpus(SHARED / "data" / "ml-crisis-tls")
    crawled = [a for a in crawled if 400 <= len(a.text.split()) <= 1000]
    corpora = {"english_generated": ([article(r) for r in generate(60, seed=2)], generated),
               "crawled_es_fr_it": (crawled[-40:], crawled[:-40])}
    out: dict[str, dict] = {}
    for name, (warm, texts) in corpora.items():
        for item in warm:
            annotate(item)
        words = sum(len(a.text.split()) for a in texts)
        out[name] = {"articles": len(texts), "words_per_article": round(words / len(texts)),
                     "repeated_sentences": repeated_sentences(texts),
                     "stream_ms": analysis_ms(texts, distinct=False), "memos": memo_counts(),
                     "distinct_ms": analysis_ms(texts, distinct=True)}
    if dense:
        share = dense / DAY
        texts = [article(r) for r in generate(dense, seed=5, days=share)]
        bound_memos(share)
        words = sum(len(a.text.split()) for a in texts)
        out["english_day_density"] = {
            "articles": len(texts), "days": share, "words_per_article": round(words / len(texts)),
            "repeated_sentences": repeated_sentences(texts), "stream_ms": analysis_ms(texts, distinct=False),
            "memos": memo_counts()}
    return out


def write_annotations(folder: Path) -> dict[str, int]:
    """The annotations of the generated English day (500 reports) and of the crawled pages (740),
    one JSONL line per report, in a fixed order."""
    from storyline.analyze.annotate import annotate, annotated_json
    from storyline.evaluate.crisis import crisis_corpus
    from storyline.evaluate.realistic import generate
    from storyline.model import Article

    crawled, _ = crisis_corpus(SHARED / "data" / "ml-crisis-tls")
    corpora = {"english_generated": [Article.from_json({k: r[k] for k in ("id", "text", "published", "language")
                                                        if k in r}) for r in generate(500, seed=7)],
               "crawled_es_fr_it": sorted(crawled, key=lambda a: a.id)}
    folder.mkdir(parents=True, exist_ok=True)
    for name, articles in corpora.items():
        with (folder / f"{name}.jsonl").open("w", encoding="utf-8") as out:
            for article in articles:
                out.write(json.dumps(annotated_json(annotate(article)), ensure_ascii=False, sort_keys=True) + "\n")
    return {name: len(articles) for name, articles in corpora.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--per-article", type=int, default=300, help="generated reports for the per-article figure")
    parser.add_argument("--dense", type=int, default=0, metavar="N",
                        help="also time N generated reports at a 20,000-a-day density, memos bounded to that share")
    parser.add_argument("--only", choices=("stages", "per-article"))
    parser.add_argument("--out", type=Path)
    parser.add_argument("--annotations", type=Path, metavar="DIR",
                        help="write the annotations of both corpora to DIR (no timing)")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"bench_analyze: {SHARED} is absent; nothing to measure", file=sys.stderr)
        return 0
    if args.annotations:
        print(json.dumps(write_annotations(args.annotations)))
        return 0
    from storyline.analyze.quotes import find_quotes
    from storyline.analyze.sentences import split_sentences
    from storyline.analyze.times import find_times

    result: dict = {"python": platform.python_version()}
    if args.only != "per-article":
        texts = load_texts(args.articles)
        anchor = dt.date(2021, 2, 11)
        stages = {
            "sentences": split_sentences,
            "times": lambda text: find_times(text, anchor),
            "quotes": lambda text: find_quotes(text, split_sentences(text)),
        }
        result["articles"] = len(texts)
        result["stages"] = {name: timed(stage, texts) for name, stage in stages.items()}
    if args.only != "stages":
        result["per_article"] = per_article(args.per_article, args.dense)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
