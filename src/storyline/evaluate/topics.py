"""Stories at density on real text: several public corpora given as one undated stream of subjects.

The judging sets of the stories issue are topic clusters (DUC-style newswire on 50 subjects, and
machine-translated clusters), given without dates, where subjects share countries, people and
kinds of happening. This check builds the same kind of stream from the public data in
``../shared/data`` (each corpus is read only if present):

* ``english``: the 10 MultiLing 2011 topics (tsunami aid, London bombings, two earthquakes of
  2010...), the 66 happenings of the 33 ECB+ train and dev topics (each topic is two happenings
  of one kind with other participants, years apart: two earthquakes, two prison escapes; a
  story in this project's sense is one of them), and the two MEANTIME corpora of ``meantime-ml`` in English (Airbus/Boeing,
  Apple): 932 reports on 78 subjects.
* ``translated``: those MEANTIME corpora in English, Spanish, Italian and Dutch (the same Wikinews
  articles translated): 240 reports on 2 subjects told in four languages.

A report's gold story is its subject (cluster, topic or corpus). Reports are given undated, in
``random.Random(seed)`` order, one run per seed, and stories are scored with B-cubed
(:func:`storyline.evaluate.grouping.bcubed`): precision says whether subjects stay apart, recall
whether a subject stays in one story. MEANTIME's corpora are broad (every Apple article over
years), so their recall is not expected to be high; their precision is the point.

Beside them, :func:`evaluate_generated` groups the generated news day of
:mod:`storyline.evaluate.realistic` (dated, in publication order; stories about forty countries
whose office holders recur across stories, wire copies, rewrites, updates) and scores stories and
events. Cost: one grouping run per seed and stream, linear in the reports.
"""

from __future__ import annotations

import gzip
import json
import random
import statistics
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from storyline.evaluate.grouping import _mean, bcubed, read_ecbplus
from storyline.group.stories import StoryGrouper
from storyline.model import Article

__all__ = ["evaluate_generated", "evaluate_topics", "topic_streams"]

_MEANTIME_LANGUAGES = ("en", "es", "it", "nl")


def topic_streams(data_root: Path) -> dict[str, tuple[list[Article], dict[str, str]]]:
    """The streams this module scores: name → (undated articles sorted by id, id → subject).

    Raises:
        FileNotFoundError: none of the corpora is under ``data_root``.
    """
    english: list[tuple[Article, str]] = []
    english += _multiling(data_root / "mds-multiling2011" / "multiling2011-en.jsonl.gz")
    english += _ecbplus(data_root / "ecbplus")
    english += _meantime(data_root / "meantime-ml", ("en",))
    translated = _meantime(data_root / "meantime-ml", _MEANTIME_LANGUAGES)
    streams = {name: rows for name, rows in (("english", english), ("translated", translated)) if rows}
    if not streams:
        raise FileNotFoundError(f"{data_root}: none of mds-multiling2011, ecbplus, meantime-ml found")
    return {name: (sorted((a for a, _ in rows), key=lambda a: a.id), {a.id: s for a, s in rows})
            for name, rows in streams.items()}


def evaluate_topics(data_root: Path, *, seeds: Sequence[int] = (0, 1, 2),
                    params: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Group each stream once per seed and score stories against subjects (B-cubed, means over
    seeds), overall and per corpus.

    Returns:
        JSON-able ``{"order", "params", "<stream>": {"reports", "subjects", "stories", "story",
        "per_corpus": {corpus: story B-cubed}}}``.
    """
    result: dict[str, Any] = {
        "order": f"random.Random(seed).shuffle of sorted ids, seeds {list(seeds)}; undated",
        "params": StoryGrouper(**(params or {})).get_params(),
    }
    for name, (articles, subjects) in topic_streams(data_root).items():
        runs = [_run(articles, subjects, seed, params or {}) for seed in seeds]
        corpora = sorted({_corpus(subject) for subject in subjects.values()})
        result[name] = {
            "reports": len(articles), "subjects": len(set(subjects.values())),
            "stories": statistics.fmean(run["stories"] for run in runs),
            "story": _mean([run["all"] for run in runs]),
            "per_corpus": {corpus: _mean([run[corpus] for run in runs]) for corpus in corpora},
        }
    return result


def evaluate_generated(sizes: Sequence[tuple[int, float]] = ((600, 3.0), (2000, 5.0)), *, seed: int = 1,
                       params: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Group the generated day at each ``(reports, days)`` size, in publication order, and score
    stories and events against the generator's gold (B-cubed).

    Returns:
        JSON-able ``{"seed", "params", "sizes": [{"reports", "days", "gold_stories", "stories",
        "story", "event"}]}``.
    """
    from storyline.evaluate.realistic import generate  # noqa: PLC0415  (the generator is only needed here)

    rows = []
    for n_reports, days in sizes:
        records = generate(n_reports, seed=seed, days=days)
        articles = [Article.from_json(record) for record in records]  # gold fields land in extra
        grouper = StoryGrouper(**(params or {}))
        grouper.add_many(articles)
        placed = {a.id: grouper.assignment(a.id) for a in articles}
        rows.append({"reports": n_reports, "days": days,
                     "gold_stories": len({r["gold_story"] for r in records}),
                     "stories": len({story for story, _ in placed.values()}),
                     "story": bcubed({k: v[0] for k, v in placed.items()}, {r["id"]: r["gold_story"] for r in records}),
                     "event": bcubed({k: v[1] for k, v in placed.items()}, {r["id"]: r["gold_event"] for r in records})})
    return {"seed": seed, "params": StoryGrouper(**(params or {})).get_params(), "sizes": rows}


def _run(articles: list[Article], subjects: Mapping[str, str], seed: int,
         params: Mapping[str, Any]) -> dict[str, Any]:
    order = list(articles)
    random.Random(seed).shuffle(order)
    grouper = StoryGrouper(**params)
    grouper.add_many(order)
    stories = {article.id: grouper.assignment(article.id)[0] for article in order}  # after merges
    run: dict[str, Any] = {"stories": len(set(stories.values())), "all": bcubed(stories, subjects)}
    for corpus in {_corpus(subject) for subject in subjects.values()}:
        docs = [doc for doc in stories if _corpus(subjects[doc]) == corpus]
        run[corpus] = bcubed({d: stories[d] for d in docs}, {d: subjects[d] for d in docs})
    return run


def _corpus(subject: str) -> str:
    return subject.split(":", 1)[0]


def _multiling(path: Path) -> list[tuple[Article, str]]:
    if not path.is_file():
        return []
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        for line in stream:
            cluster = json.loads(line)
            rows += [(Article(id=f"multiling-{doc['id']}", text=doc["text"], language="en"),
                      f"multiling:{cluster['id']}") for doc in cluster["docs"]]
    return rows


def _ecbplus(folder: Path) -> list[tuple[Article, str]]:
    if not folder.is_dir():
        return []
    articles, labels = read_ecbplus(folder)
    return [(Article(id=f"ecbplus-{a.id}", text=a.text, language="en"), f"ecbplus:{labels[a.id]['subtopic']}")
            for a in articles]


def _meantime(folder: Path, languages: Sequence[str]) -> list[tuple[Article, str]]:
    rows = []
    for language in languages:
        path = folder / language / "articles.jsonl"
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                data = json.loads(line)
                # Ids read "en-airbus-1173": the corpus is the subject; the date is left out.
                corpus = str(data["id"]).split("-")[1]
                rows.append((Article(id=f"meantime-{data['id']}", text=data["text"], title=data.get("title"),
                                     language=language), f"meantime:{corpus}"))
    return rows
