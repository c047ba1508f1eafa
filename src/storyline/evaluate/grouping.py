"""Story and event grouping, scored on ECB+ (B-cubed) and on ML-Crisis (cross-lingual pairs).

**ECB+** (``../shared/data/ecbplus``). Each topic (a kind of happening: a celebrity entering rehab,
an earthquake) is a gold *story*; its two seminal events (the ``ecb`` and the ``ecbplus``
documents, ``doc_subtopic_clusters.tsv``) are gold *events*. Documents are read in memory from the
tar.gz; their text is the tokens joined by spaces, one sentence per line, without sentence 0 of
``ecbplus`` documents (the source URL, which would leak the subtopic).

ECB+ documents carry **no dates**. They are given to the grouper undated, which it treats as
contemporary with everything (no decay, no event-date constraint; see
:mod:`storyline.group.stories`): the task becomes a test of content alone, the hardest case for
events, since two earthquakes years apart cannot be told apart by date. Incremental grouping
depends on order, and ECB+ has none: documents are shuffled with ``random.Random(seed)`` for each
seed in ``seeds``, and the figures are the mean over seeds (per-seed figures are kept). Scores are
reported for every topic and separately for the ``train`` and ``dev`` splits: the grouper's
defaults were tuned on ``train``; ``dev`` is the check on data not tuned on.

**ML-Crisis** (``../shared/data/ml-crisis-tls``): es/fr/it news about Egypt and Libya, 2011,
dated by folder. Articles are grouped in date order. A pair of articles in different languages
about the same topic and published within one day of each other is a *cross-lingual pair*; the
score is the share of such pairs placed in the same story (``pair_recall``), against the share of
cross-language pairs within one day about *different* topics placed together (``other_topic_rate``,
which should stay near 0), and, of all cross-language pairs placed together, the share about the
same topic.
"""

from __future__ import annotations

import csv
import io
import random
import statistics
import tarfile
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from storyline.group.features import parse_day
from storyline.group.stories import StoryGrouper
from storyline.model import Article

ECB_ARCHIVE = "ECBplus_train_dev_topics.tar.gz"
ECB_CLUSTERS = "doc_subtopic_clusters.tsv"
CRISIS_ARCHIVE = "ml_crisis_docs_es_fr_it.tar.gz"


def bcubed(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering against gold clusters.

    Args:
        predicted: Item → predicted cluster label.
        gold: Item → gold cluster label; only items in both mappings are scored.

    Returns:
        ``{"precision", "recall", "f1", "items"}``; all 0.0 for no items.
    """
    items = [item for item in gold if item in predicted]
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "items": 0}
    pred_size = Counter(predicted[item] for item in items)
    gold_size = Counter(gold[item] for item in items)
    both = Counter((predicted[item], gold[item]) for item in items)
    precision = sum(both[(predicted[i], gold[i])] / pred_size[predicted[i]] for i in items)
    recall = sum(both[(predicted[i], gold[i])] / gold_size[gold[i]] for i in items)
    precision, recall = precision / len(items), recall / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "items": len(items)}


def read_ecbplus(data_dir: Path) -> tuple[list[Article], dict[str, dict[str, str]]]:
    """The ECB+ documents as undated Articles, and their gold labels.

    Args:
        data_dir: The folder with the tar.gz and ``doc_subtopic_clusters.tsv``.

    Returns:
        Articles sorted by id, and id → ``{"topic", "subtopic", "split"}``.

    Raises:
        FileNotFoundError: A file of the dataset is missing.
    """
    with open(data_dir / ECB_CLUSTERS, encoding="utf-8", newline="") as handle:
        labels = {row["doc"]: {"topic": row["topic"], "subtopic": row["subtopic_event_cluster"],
                               "split": row["split_cybulska_vossen_2015"]}
                  for row in csv.DictReader(handle, delimiter="\t")}
    articles = []
    with tarfile.open(data_dir / ECB_ARCHIVE, "r:gz") as archive:
        for member in archive:
            if not member.isfile() or not member.name.endswith(".xml"):
                continue
            doc = Path(member.name).stem
            handle = archive.extractfile(member)
            if doc in labels and handle is not None:
                articles.append(Article(id=doc, text=_ecb_text(handle.read(), doc)))
    return sorted(articles, key=lambda a: a.id), labels


def _ecb_text(data: bytes, doc: str) -> str:
    sentences: dict[int, list[str]] = defaultdict(list)
    for token in ET.fromstring(data).iter("token"):
        sentences[int(token.get("sentence", "0"))].append(token.text or "")
    skip = {0} if doc.endswith("ecbplus") else set()
    return "\n".join(" ".join(words) for n, words in sorted(sentences.items()) if n not in skip)


def evaluate_grouping(data_dir: Path, *, seeds: Sequence[int] = (0, 1, 2),
                      params: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Group ECB+ and score stories (topics) and events (subtopics) with B-cubed.

    Args:
        data_dir: ``../shared/data/ecbplus``.
        seeds: One shuffled reading order per seed.
        params: StoryGrouper keyword arguments (its defaults when None).

    Returns:
        JSON-able ``{"dataset", "documents", "order", "params", "all": {...}, "train": {...},
        "dev": {...}, "per_seed": [...]}``; each of all/train/dev holds ``story`` and ``event``
        B-cubed dicts (means over seeds).

    Raises:
        FileNotFoundError: A file of the dataset is missing.
    """
    articles, labels = read_ecbplus(data_dir)
    runs = [_ecb_run(articles, labels, seed, params or {}) for seed in seeds]
    result: dict[str, Any] = {
        "dataset": "ecbplus", "documents": len(articles),
        "order": f"random.Random(seed).shuffle of sorted doc ids, seeds {list(seeds)}; undated",
        "params": StoryGrouper(**(params or {})).get_params(), "per_seed": runs,
    }
    for part in ("all", "train", "dev"):
        result[part] = {level: _mean([run[part][level] for run in runs])
                        for level in ("story", "event")}
    return result


def _ecb_run(articles: list[Article], labels: Mapping[str, Mapping[str, str]], seed: int,
             params: Mapping[str, Any]) -> dict[str, Any]:
    order = list(articles)
    random.Random(seed).shuffle(order)
    grouper = StoryGrouper(**params)
    placed = dict(zip((a.id for a in order), grouper.add_many(order), strict=True))
    run: dict[str, Any] = {"seed": seed, "merges": len(grouper.merges),
                           "stories": len(grouper.stories())}
    for part in ("all", "train", "dev"):
        docs = [doc for doc in placed if part == "all" or labels[doc]["split"] == part]
        run[part] = {
            "story": bcubed({d: grouper.assignment(d)[0] for d in docs},
                            {d: labels[d]["topic"] for d in docs}),
            "event": bcubed({d: grouper.assignment(d)[1] for d in docs},
                            {d: labels[d]["subtopic"] for d in docs}),
        }
    return run


def _mean(scores: Iterable[Mapping[str, float]]) -> dict[str, float]:
    rows = list(scores)
    return {key: round(statistics.fmean(row[key] for row in rows), 4)
            for key in ("precision", "recall", "f1")}


def read_crisis(data_dir: Path) -> list[Article]:
    """The ML-Crisis documents as Articles (id = path, ``story`` = gold topic), in date order.

    Raises:
        FileNotFoundError: The archive is missing.
    """
    articles = []
    with tarfile.open(data_dir / CRISIS_ARCHIVE, "r:gz") as archive:
        for member in archive:
            parts = member.name.split("/")
            handle = archive.extractfile(member) if member.isfile() else None
            if handle is None or len(parts) != 4 or not parts[3].endswith(".txt"):
                continue
            text = io.TextIOWrapper(handle, encoding="utf-8", errors="replace").read()
            lines = text.strip().splitlines()
            articles.append(Article(id=member.name, text=text, title=lines[0] if lines else None,
                                    published=parts[2], language=parts[0], story=parts[1]))
    return sorted(articles, key=lambda a: (a.published or "", a.id))


def evaluate_crosslingual(data_dir: Path, *, params: Mapping[str, Any] | None = None,
                          pair_days: int = 1) -> dict[str, Any]:
    """How often articles in different languages about the same topic end up in one story.

    Args:
        data_dir: ``../shared/data/ml-crisis-tls``.
        params: StoryGrouper keyword arguments (its defaults when None).
        pair_days: Largest publication gap of a cross-lingual pair, in days.

    Returns:
        JSON-able ``{"dataset", "documents", "stories", "multilingual_stories",
        "crosslingual_pairs", "pair_recall", "other_topic_pairs", "other_topic_rate",
        "together_pairs", "together_precision", "topic_bcubed"}``.

    Raises:
        FileNotFoundError: The archive is missing.
    """
    articles = read_crisis(data_dir)
    grouper = StoryGrouper(**(params or {}))
    grouper.add_many(articles)
    story_of = {a.id: grouper.assignment(a.id)[0] for a in articles}
    pairs = joined = together = together_same = other_pairs = other_joined = 0
    for i, first in enumerate(articles):
        for second in articles[i + 1:]:
            if first.language == second.language:
                continue
            same_story = story_of[first.id] == story_of[second.id]
            together += same_story
            together_same += same_story and first.story == second.story
            if _days_apart(first, second) > pair_days:
                continue
            if first.story == second.story:
                pairs += 1
                joined += same_story
            else:
                other_pairs += 1
                other_joined += same_story
    languages: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        languages[story_of[article.id]].add(article.language or "")
    return {
        "dataset": "ml-crisis-tls", "documents": len(articles),
        "stories": len(languages),
        "multilingual_stories": sum(len(langs) > 1 for langs in languages.values()),
        "crosslingual_pairs": pairs, "pair_recall": round(joined / pairs, 4) if pairs else 0.0,
        "other_topic_pairs": other_pairs,
        "other_topic_rate": round(other_joined / other_pairs, 4) if other_pairs else 0.0,
        "together_pairs": together,
        "together_precision": round(together_same / together, 4) if together else 0.0,
        "topic_bcubed": bcubed(story_of, {a.id: a.story for a in articles}),
    }


def _days_apart(first: Article, second: Article) -> int:
    one, two = parse_day(first.published), parse_day(second.published)
    return 10**6 if one is None or two is None else abs(one - two)
