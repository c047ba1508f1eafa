#!/usr/bin/env python3
"""Ingest throughput and peak memory of storyline, on corpora generated from the shared data.

Usage (from the repository root):

    .venv/bin/python bench/bench_ingest.py --quick
    .venv/bin/python bench/bench_ingest.py --out bench-ingest.json
    .venv/bin/python bench/bench_ingest.py --sizes text:5000:1,html:500:2

What it does, for each size (``kind:count:workers``):

1. generates a corpus in a temporary directory (deleted afterwards):
   - ``text``: plain-text articles made from the real reports in ../shared/samples/s400/ and the
     gold article bodies of ../shared/data/article-extraction-benchmark/ground-truth.json. Each
     copy is varied (paragraphs shuffled, one numbered sentence added, a different date header,
     a different outlet folder) so that every article has its own id and none is a duplicate.
     Copies of the s400 reports keep their scraper leftovers, so the cleaner and the outlet
     template detection do real work.
   - ``html``: pages from ../shared/data/article-extraction-benchmark/html/*.html.gz, decompressed,
     each copy with one unique paragraph injected into the article body, so that each page is a
     new article after extraction.
2. runs ``storyline.pipeline.ingest`` on it in a fresh subprocess with a fresh SQLite store (or the
   ``storyline ingest`` command with ``--cli``), and measures wall time, CPU time, articles/s,
   articles/s per worker, and peak RSS of the process tree (parent + pool workers, summed, from
   /proc sampled every ``--sample`` seconds) and of the largest single process (wait4 rusage).
3. prints a JSON summary and a markdown table; ``--out FILE`` also writes the JSON.

This is a script, not a test: it takes minutes at the default sizes. It exits 0 with a message
when ../shared is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
S400 = SHARED / "samples" / "s400"
ZYTE = SHARED / "data" / "article-extraction-benchmark"

DEFAULT_SIZES = "text:1000:1,text:10000:1,text:30000:1,text:10000:2,html:1000:1,html:1000:2"
QUICK_SIZES = "text:1000:1,html:200:1"

#: Goals of issue 2, per core.
GOALS = {"text": 300.0, "html": 30.0}

#: Outlet folders the generated articles are spread over.
OUTLETS = 24

#: Share of generated text articles made from the s400 reports (the rest from the gold bodies).
S400_SHARE = 0.2

_PAGE = os.sysconf("SC_PAGE_SIZE")

# The child: the library engine, timed from inside as well, with a JSON line on stdout.
_RUNNER = r"""
import json, sys, time
t0 = time.perf_counter()
from storyline.config import IngestConfig
from storyline.pipeline import ingest
from storyline.store import Store
t1 = time.perf_counter()
inputs, db, workers, batch = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
options = {"workers": workers}
if batch > 0:
    options["batch_size"] = batch
store = Store(db)
result = ingest([inputs], store, IngestConfig(**options))
store.close()
print(json.dumps({"read": result.read, "stored": result.stored, "duplicates": result.duplicates,
                  "errors": result.error_count, "first_errors": result.errors[:5],
                  "engine_s": result.seconds, "import_s": t1 - t0}))
"""

_VERSIONS = r"""
import json, platform, sys
from importlib.metadata import version, PackageNotFoundError
out = {"python": platform.python_version(), "implementation": platform.python_implementation()}
for name in ("storyline", "trafilatura", "lingua-language-detector", "sqlalchemy", "lxml", "ftfy"):
    try:
        out[name] = version(name)
    except PackageNotFoundError:
        out[name] = None
print(json.dumps(out))
"""

_CLI_SUMMARY = re.compile(r"(\d+) read, (\d+) stored, (\d+) duplicates, (\d+) errors in ([\d.]+) s")


# ---------------------------------------------------------------------------------------------
# corpora


@dataclass
class Sources:
    s400: list[str]
    gold: list[str]
    html: list[tuple[str, bytes, list[str]]]  # (id, page bytes, gold paragraphs for injection)


def load_sources() -> Sources:
    s400 = [p.read_text(encoding="utf-8") for p in sorted(S400.glob("*.txt"))]
    truth = json.loads((ZYTE / "ground-truth.json").read_text(encoding="utf-8"))
    gold = [item["articleBody"] for _, item in sorted(truth.items()) if item.get("articleBody", "").strip()]
    html = []
    for path in sorted((ZYTE / "html").glob("*.html.gz")):
        page_id = path.name.removesuffix(".html.gz")
        body = truth.get(page_id, {}).get("articleBody", "")
        html.append((page_id, gzip.decompress(path.read_bytes()), _paragraphs(body)))
    return Sources(s400=s400, gold=gold, html=html)


def _paragraphs(text: str) -> list[str]:
    parts = [p.strip("\n") for p in re.split(r"\n\s*\n", text) if p.strip()]
    if len(parts) <= 1:
        parts = [p for p in text.split("\n") if p.strip()]
    return parts


_SENTENCES = (
    "Officials said {n:,} people had been briefed on the matter by the end of the week.",
    "The ministry put the number of documents under review at {n:,}, according to a statement.",
    "A spokesperson later said the case file carried reference number {n}.",
    "Local reporters counted {n:,} vehicles at the crossing on the day of the announcement.",
    "The agency said it had received {n:,} requests for comment since the first report.",
)

_DATE_HEADER = re.compile(r"\A\s*date \d{4}-\d{2}-\d{2} \.\n")


def make_text_article(n: int, rng: random.Random, sources: Sources) -> tuple[str, str]:
    """Article number ``n``: (outlet folder, text)."""
    sentence = rng.choice(_SENTENCES).format(n=n + 1000)
    if rng.random() < S400_SHARE:
        original = rng.choice(sources.s400)
        body = _DATE_HEADER.sub("", original, count=1)
        sep = "\n\n" if "\n\n" in body.strip() else "\n"
        if rng.random() < 0.5:
            # As scraped, leftovers in place; the numbered sentence closes the report.
            text = body.rstrip() + sep + sentence + "\n"
        else:
            paragraphs = _paragraphs(body)
            rng.shuffle(paragraphs)
            paragraphs.insert(rng.randrange(len(paragraphs) + 1), sentence)
            text = sep.join(paragraphs) + "\n"
        with_header = True
    else:
        paragraphs = _paragraphs(rng.choice(sources.gold))
        rng.shuffle(paragraphs)
        paragraphs.insert(rng.randrange(len(paragraphs) + 1), sentence)
        text = "\n\n".join(paragraphs) + "\n"
        with_header = rng.random() < 0.7
    if with_header:
        day = rng.randrange(0, 5 * 365)
        date = time.strftime("%Y-%m-%d", time.gmtime(1577836800 + day * 86400))  # from 2020-01-01
        text = f" date {date} .\n" + text
    return f"outlet-{rng.randrange(OUTLETS):02d}", text


def write_text_corpus(root: Path, count: int, sources: Sources, seed: int) -> int:
    rng = random.Random(f"text-{seed}-{count}")
    size = 0
    for n in range(count):
        outlet, text = make_text_article(n, rng, sources)
        folder = root / outlet
        folder.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        (folder / f"{n:07d}.txt").write_bytes(data)
        size += len(data)
    return size


_P_CLOSE = re.compile(rb"</p\s*>", re.IGNORECASE)
_BODY_OPEN = re.compile(rb"<body\b", re.IGNORECASE)
_MARKER = "The agency said it had received 98,765,432 requests for comment since the first report."


def insertion_candidates(page: bytes, gold: list[str]) -> list[int]:
    """Offsets just after a ``</p>`` that closes a paragraph of the gold text, best first, then
    the first ``</p>`` of the body as a last resort."""
    offsets: list[int] = []
    for text in gold[:10]:
        words = text.split()
        if len(words) < 8:
            continue
        probe = " ".join(words[1:7]).encode("utf-8")
        at = page.find(probe)
        while at >= 0:
            close = _P_CLOSE.search(page, at)
            if close and close.end() not in offsets:
                offsets.append(close.end())
            at = page.find(probe, at + 1)
    body = _BODY_OPEN.search(page)
    close = _P_CLOSE.search(page, body.end() if body else 0)
    if close and close.end() not in offsets:
        offsets.append(close.end())
    return offsets


def inject(page: bytes, offset: int, paragraph: str) -> bytes:
    return page[:offset] + f"<p>{paragraph}</p>".encode() + page[offset:]


def html_bases(sources: Sources) -> tuple[list[tuple[str, bytes, int]], list[str]]:
    """The pages usable as bases, each with an insertion point whose paragraph survives extraction
    and cleaning (checked with storyline's own ``text_from_html``, so every copy is a new article),
    and the ids of the pages left out."""
    try:
        from storyline.ingest.prepare import text_from_html  # noqa: PLC0415
    except ImportError:  # another interpreter benchmarked: trust the first candidate
        text_from_html = None
    bases, left_out = [], []
    for page_id, page, gold in sources.html:
        chosen = None
        for offset in insertion_candidates(page, gold)[:6]:
            if text_from_html is None or "98,765,432" in text_from_html(inject(page, offset, _MARKER)):
                chosen = offset
                break
        if chosen is None:
            left_out.append(page_id)
        else:
            bases.append((page_id, page, chosen))
    return bases, left_out


def write_html_corpus(root: Path, count: int, bases: list[tuple[str, bytes, int]], seed: int) -> int:
    """Writes ``count`` pages, cycling over ``bases``; returns the bytes written."""
    rng = random.Random(f"html-{seed}-{count}")
    size = 0
    for n in range(count):
        page_id, page, offset = bases[n % len(bases)]
        data = inject(page, offset, rng.choice(_SENTENCES).format(n=n + 1000))
        folder = root / f"outlet-{rng.randrange(OUTLETS):02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{n:06d}-{page_id[:12]}.html").write_bytes(data)
        size += len(data)
    return size


# ---------------------------------------------------------------------------------------------
# measuring


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                kids.extend(int(k) for k in fh.read().split())
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return kids


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
        return 0


def tree_rss(pid: int) -> tuple[int, int]:
    """(summed RSS in bytes, number of processes) of ``pid`` and its descendants."""
    total, count, todo = 0, 0, [pid]
    while todo:
        current = todo.pop()
        total += _rss(current)
        count += 1
        todo.extend(_children(current))
    return total, count


@dataclass
class Run:
    kind: str
    size: int
    workers: int
    corpus_mb: float = 0.0
    wall_s: float = 0.0
    cpu_s: float = 0.0
    engine_s: float | None = None
    import_s: float | None = None
    read: int | None = None
    stored: int | None = None
    duplicates: int | None = None
    errors: int | None = None
    first_errors: list[str] = field(default_factory=list)
    articles_per_s: float = 0.0
    per_core: float = 0.0
    engine_articles_per_s: float | None = None
    articles_per_cpu_s: float = 0.0
    peak_tree_rss_mb: float = 0.0
    max_processes: int = 0
    max_process_rss_mb: float = 0.0
    rss_timeline_mb: list[float] = field(default_factory=list)
    loadavg_before: list[float] = field(default_factory=list)
    returncode: int = 0
    command: list[str] = field(default_factory=list)
    stderr_tail: str = ""


def measure(run: Run, corpus: Path, db: Path, python: str, cli: bool, batch_size: int,
            sample: float) -> Run:
    if cli:
        command = [python, "-m", "storyline", "ingest", str(corpus), "--db", str(db),
                   "--workers", str(run.workers)]
    else:
        command = [python, "-c", _RUNNER, str(corpus), str(db), str(run.workers), str(batch_size)]
    run.command = command
    run.loadavg_before = [round(x, 2) for x in os.getloadavg()]
    out_path, err_path = db.with_suffix(".out"), db.with_suffix(".err")
    samples: list[tuple[float, int]] = []
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            rss, count = tree_rss(proc.pid)
            samples.append((time.perf_counter() - started, rss))
            run.max_processes = max(run.max_processes, count)
            time.sleep(sample)
        run.wall_s = time.perf_counter() - started
    proc.returncode = run.returncode = os.waitstatus_to_exitcode(status)
    # wait4 of the child covers the child and every descendant it reaped (the pool workers):
    # CPU time is summed, ru_maxrss is the largest single process (KiB on Linux).
    run.cpu_s = usage.ru_utime + usage.ru_stime
    run.max_process_rss_mb = usage.ru_maxrss / 1024
    run.peak_tree_rss_mb = max((rss for _, rss in samples), default=0) / 2**20
    run.peak_tree_rss_mb = max(run.peak_tree_rss_mb, run.max_process_rss_mb)
    run.rss_timeline_mb = _timeline(samples, 10)
    stdout = out_path.read_text(encoding="utf-8", errors="replace")
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    run.stderr_tail = stderr[-2000:] if run.returncode else ""
    if cli:
        found = _CLI_SUMMARY.search(stderr)
        if found:
            run.read, run.stored, run.duplicates, run.errors = (int(found.group(i)) for i in range(1, 5))
            run.engine_s = float(found.group(5))
    else:
        last = [line for line in stdout.splitlines() if line.startswith("{")]
        if last:
            data = json.loads(last[-1])
            for key in ("read", "stored", "duplicates", "errors", "first_errors", "engine_s", "import_s"):
                setattr(run, key, data[key])
    done = run.stored if run.stored is not None else run.size
    run.articles_per_s = done / run.wall_s if run.wall_s else 0.0
    run.per_core = run.articles_per_s / run.workers
    run.engine_articles_per_s = done / run.engine_s if run.engine_s else None
    run.articles_per_cpu_s = done / run.cpu_s if run.cpu_s else 0.0
    return run


def _timeline(samples: list[tuple[float, int]], points: int) -> list[float]:
    """Tree RSS (MB) at ``points`` evenly spaced moments of the run: flat means bounded memory."""
    if not samples:
        return []
    end = samples[-1][0]
    out, i = [], 0
    for k in range(1, points + 1):
        moment = end * k / points
        while i + 1 < len(samples) and samples[i + 1][0] <= moment:
            i += 1
        out.append(round(samples[i][1] / 2**20, 1))
    return out


# ---------------------------------------------------------------------------------------------
# driver


def parse_sizes(spec: str) -> list[tuple[str, int, int]]:
    sizes = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        bits = part.split(":")
        if len(bits) not in (2, 3) or bits[0] not in ("text", "html"):
            raise SystemExit(f"bench_ingest: bad size {part!r}; expected kind:count[:workers], kind text or html")
        try:
            count, workers = int(bits[1].replace("_", "")), int(bits[2]) if len(bits) == 3 else 1
        except ValueError:
            raise SystemExit(f"bench_ingest: bad size {part!r}; count and workers are whole numbers") from None
        if count < 1 or workers < 1:
            raise SystemExit(f"bench_ingest: bad size {part!r}; count and workers must be >= 1")
        sizes.append((bits[0], count, workers))
    if not sizes:
        raise SystemExit("bench_ingest: --sizes names no size")
    return sizes


def versions(python: str) -> dict[str, str | None]:
    done = subprocess.run([python, "-c", _VERSIONS], capture_output=True, text=True, check=False)
    data = json.loads(done.stdout) if done.returncode == 0 else {"error": done.stderr.strip()[-500:]}
    data["bench_python"] = platform.python_version()
    return data


def machine() -> dict[str, object]:
    info: dict[str, object] = {"platform": platform.platform(), "cpus": os.cpu_count()}
    try:
        info["cpus_usable"] = len(os.sched_getaffinity(0))
    except AttributeError:
        pass
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gb"] = round(int(line.split()[1]) / 2**20, 1)
                break
    except OSError:
        pass
    return info


def table(runs: list[Run]) -> str:
    head = ("| size | kind | workers | seconds | articles/s | per core | peak RSS MB | max proc RSS MB "
            "| CPU s | art/CPU-s | stored | dup | errors |")
    rows = [head, "|" + "---:|" * 3 + "---:|" * 10]
    for r in runs:
        rows.append(
            f"| {r.size:,} | {r.kind} | {r.workers} | {r.wall_s:.1f} | {r.articles_per_s:.0f} | {r.per_core:.0f} "
            f"| {r.peak_tree_rss_mb:.0f} | {r.max_process_rss_mb:.0f} | {r.cpu_s:.1f} | {r.articles_per_cpu_s:.0f} "
            f"| {_n(r.stored)} | {_n(r.duplicates)} | {_n(r.errors)} |")
    return "\n".join(rows)


def _n(value: int | None) -> str:
    return "?" if value is None else f"{value:,}"


def verdicts(runs: list[Run]) -> list[str]:
    lines = []
    for r in runs:
        goal = GOALS[r.kind]
        status = "meets" if r.per_core >= goal else "BELOW"
        lines.append(f"{r.kind} {r.size:,} × {r.workers} worker(s): {r.per_core:.0f}/s per core "
                     f"({status} the goal of {goal:.0f}/s per core)")
        if r.returncode:
            lines.append(f"  FAILED with exit code {r.returncode}: {r.stderr_tail.strip().splitlines()[-1:]}")
        elif r.stored is not None and r.stored != r.size:
            lines.append(f"  WARNING: {r.size:,} generated, {r.stored:,} stored "
                         f"({r.duplicates} duplicates, {r.errors} errors; first: {r.first_errors[:2]})")
    for kind in ("text", "html"):
        single = sorted((r for r in runs if r.kind == kind and r.workers == 1 and not r.returncode),
                        key=lambda r: r.size)
        if len(single) >= 2 and single[0].peak_tree_rss_mb:
            small, large = single[0], single[-1]
            ratio = large.peak_tree_rss_mb / small.peak_tree_rss_mb
            lines.append(f"{kind} memory, 1 worker: {small.peak_tree_rss_mb:.0f} MB at {small.size:,} → "
                         f"{large.peak_tree_rss_mb:.0f} MB at {large.size:,} "
                         f"(×{ratio:.2f} for ×{large.size / small.size:.0f} input)")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help=f"only {QUICK_SIZES}")
    parser.add_argument("--sizes", help=f"comma-separated kind:count[:workers] [default: {DEFAULT_SIZES}]")
    parser.add_argument("--out", type=Path, help="also write the JSON summary to this file")
    parser.add_argument("--cli", action="store_true",
                        help="run `python -m storyline ingest DIR --db DB --workers W` instead of the library")
    parser.add_argument("--python", default=sys.executable, help="interpreter with storyline installed")
    parser.add_argument("--batch-size", type=int, default=0,
                        help="IngestConfig.batch_size (library runs only) [default: the config's default]")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated corpora")
    parser.add_argument("--sample", type=float, default=0.1, help="seconds between RSS samples")
    parser.add_argument("--tmpdir", help="where the temporary corpora go [default: the system's]")
    args = parser.parse_args(argv)

    if not SHARED.is_dir() or not S400.is_dir() or not (ZYTE / "ground-truth.json").is_file():
        print(f"bench_ingest: skipped: shared data not found at {SHARED} "
              "(needs samples/s400/ and data/article-extraction-benchmark/)", file=sys.stderr)
        return 0
    if args.quick and args.sizes:
        parser.error("--quick and --sizes exclude each other")
    sizes = parse_sizes(QUICK_SIZES if args.quick else args.sizes or DEFAULT_SIZES)

    sources = load_sources()
    if not sources.s400 or not sources.gold or (any(k == "html" for k, _, _ in sizes) and not sources.html):
        print(f"bench_ingest: skipped: shared data under {SHARED} is incomplete", file=sys.stderr)
        return 0
    summary: dict[str, object] = {
        "benchmark": "storyline ingest", "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "versions": versions(args.python), "machine": machine(),
        "engine": "cli" if args.cli else "library", "goals_per_core": GOALS,
        "batch_size": args.batch_size or "default", "seed": args.seed,
        "sources": {"s400": len(sources.s400), "gold_texts": len(sources.gold), "html_pages": len(sources.html)},
        "runs": [],
    }
    runs: list[Run] = []
    bases: list[tuple[str, bytes, int]] | None = None
    with tempfile.TemporaryDirectory(prefix="storyline-bench-", dir=args.tmpdir) as tmp:
        for index, (kind, count, workers) in enumerate(sizes):
            corpus = Path(tmp) / f"{index:02d}-{kind}-{count}"
            run = Run(kind=kind, size=count, workers=workers)
            print(f"bench_ingest: {kind} {count:,} × {workers} worker(s): generating…", file=sys.stderr, flush=True)
            if kind == "text":
                written = write_text_corpus(corpus, count, sources, args.seed)
            else:
                if bases is None:
                    print("bench_ingest: choosing where to inject a paragraph in each HTML page…",
                          file=sys.stderr, flush=True)
                    bases, left_out = html_bases(sources)
                    summary["sources"]["html_pages_used"] = len(bases)  # type: ignore[index]
                    summary["sources"]["html_pages_left_out"] = left_out  # type: ignore[index]
                written = write_html_corpus(corpus, count, bases, args.seed)
            run.corpus_mb = round(written / 2**20, 1)
            print(f"bench_ingest: {kind} {count:,} × {workers} worker(s): {run.corpus_mb} MB, ingesting…",
                  file=sys.stderr, flush=True)
            measure(run, corpus, Path(tmp) / f"{index:02d}.db", args.python, args.cli, args.batch_size, args.sample)
            print(f"bench_ingest: {kind} {count:,} × {workers} worker(s): {run.wall_s:.1f} s, "
                  f"{run.articles_per_s:.0f}/s, peak {run.peak_tree_rss_mb:.0f} MB", file=sys.stderr, flush=True)
            runs.append(run)
            shutil.rmtree(corpus, ignore_errors=True)
    for r in runs:
        r.command = [c if c != _RUNNER else "<runner>" for c in r.command]
    summary["runs"] = [asdict(r) for r in runs]
    summary["verdicts"] = verdicts(runs)
    text = json.dumps(summary, indent=2, ensure_ascii=False)
    print(text)
    print()
    print(table(runs))
    print()
    for line in summary["verdicts"]:  # type: ignore[union-attr]
        print(f"- {line}")
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 1 if any(r.returncode for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
