"""The Spark engine: the local engine's stage functions, spread over a cluster.

Stage by stage (each the same function the local engine calls):

1. **read and prepare** — one task per input file (local paths, or any URI Spark reads, such as
   ``hdfs://`` and ``s3a://``): :func:`~storyline.pipeline.read_input_file` and
   :func:`~storyline.pipeline.prepare_in_worker`; every item keeps its arrival position.
2. **templates** — each outlet's template lines are learned on the driver from line *keys*, in
   arrival order and in the local engine's batches, so the same lines go (:mod:`.templates`).
3. **copies** — the same content twice is one article, the first to arrive (the store's rule).
4. **analysis** — :func:`~storyline.analyze.annotate.annotate`, a partition map.
5. **grouping** — in blocks (:mod:`storyline.group.blocking`): prefix document frequencies with a
   window over (key, rank), lookup keys per article, blocks as connected components of shared
   keys, one task per block. With a store, the store's saved grouper goes on instead, on the
   driver (:func:`~storyline.pipeline.group_store`): stories continue from earlier runs, local or
   Spark, with their ids, and the grouper's state is saved for the next run.
6. **reconciliation** — :func:`~storyline.reconcile.story.reconcile_story`, one task per story.
7. **output** — Parquet (articles, annotations, stories, story records, merges, errors), and the
   store when a URL is given.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from storyline.analyze.annotate import annotate, annotated_from_json, annotated_json
from storyline.config import IngestConfig
from storyline.errors import InputError
from storyline.group.blocking import (
    connected_blocks, frequency_keys, frequency_table, place_block, publication_schedule,
)
from storyline.group.stories import StoryGrouper
from storyline.ingest.sources import InputFile, iter_input_files
from storyline.ingest.templates import TemplateLines, article_lines, candidate_keys, line_key, strip_templates
from storyline.model import Article, Story
from storyline.pipeline import emptied_error, group_store, prepare_in_worker, read_input_file
from storyline.reconcile.story import reconcile_story

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

#: Positions are (file number, record number) packed into one int: records per file below this.
_RECORDS_PER_FILE = 10**9


@dataclass
class SparkResult:
    """What a Spark run did (the counts of the local engine's ``IngestResult`` and run summary)."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)
    stories: int = 0
    events: int = 0
    blocks: int = 0
    largest_block: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "errors": len(self.errors)}


def spark_session(master: str | None = None, *, app_name: str = "storyline") -> SparkSession:
    """The active session, or a new one (``master``: e.g. ``local[2]``; None leaves it to
    ``spark-submit``). Python workers run this interpreter, so they import this storyline."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (SparkSession.builder.appName(app_name).config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false"))
    if master:
        # A local master gets two shuffle partitions a core: the default 200 is for clusters.
        builder = builder.master(master).config("spark.sql.shuffle.partitions", str(2 * _local_cores(master)))
    return builder.getOrCreate()


def _local_cores(master: str) -> int:
    inside = master[master.find("[") + 1 : master.find("]")] if "[" in master else "1"
    return os.cpu_count() or 1 if inside.startswith("*") else max(1, int(inside.split(",")[0] or 1))


def _parts(context: Any) -> int:
    """Partitions for the engine's own shuffles: two per core (more only adds per-task cost)."""
    return max(2, 2 * context.defaultParallelism)


def run_spark(inputs: Sequence[str], out_dir: str, *, spark: SparkSession,
              config: IngestConfig | None = None, params: dict[str, Any] | None = None,
              store: Any = None) -> SparkResult:
    """Read, analyse, group and reconcile ``inputs``; write Parquet under ``out_dir`` (a path or
    URI) and, when ``store`` is given, fill that :class:`~storyline.store.Store` too."""
    config = config or IngestConfig()
    params = params if params is not None else StoryGrouper().get_params()
    result, clock = SparkResult(), time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        result.seconds[stage] = round(now - clock, 2)
        clock = now

    prepared = _read_and_prepare(spark, inputs, config).cache()
    result.read = prepared.count()
    lap("read_prepare")
    errors = prepared.filter(lambda row: row[1] is None).map(lambda row: (row[0], row[2])).collect()
    known, learned = _learn_templates(prepared, config, errors, store)
    shared = spark.sparkContext.broadcast(known)
    articles = (prepared.filter(lambda row: row[1] is not None)
                .map(lambda row: (row[0], _strip(row[1], shared.value.get(row[0])))))
    articles, emptied = _drop_emptied(articles)
    errors = sorted(errors + emptied, key=lambda pair: pair[0])
    result.errors = [str(error) for _, error in errors]
    firsts = (articles.map(lambda row: (row[1].id, row)).reduceByKey(_first, _parts(spark.sparkContext))
              .map(lambda pair: pair[1]).cache())
    result.stored = firsts.count()
    result.duplicates = result.read - len(errors) - result.stored
    lap("templates_copies")
    # Reconciled from JSON, as the local engine reconciles what its store gives back.
    annotated = firsts.map(lambda row: (row[1].id, (row[1], annotated_json(annotate(row[1]))))).cache()
    annotated.count()
    lap("analysis")
    run_id = None if store is None else store.start_run("run --engine spark", list(inputs), asdict(config))
    status = "failed"
    try:
        if store is None:
            stories, merges = _group(spark, firsts, params, result)
            members, place = annotated, _placed(stories)
        else:
            _store_articles(store, run_id, firsts, errors, learned, config.batch_size, result)
            lap("store")
            stories, merges, members, place = _group_in_store(spark, store, run_id, params, firsts, annotated)
        lap("grouping")
        reconciled = _reconcile(spark, stories, members).cache()
        result.stories = len(stories)
        result.events = sum(len(story.events) for story in stories)
        reconciled.count()
        lap("reconcile")
        _write_parquet(spark, out_dir, firsts, place, stories, reconciled, merges, errors)
        if store is not None:
            _store_reconciled(store, run_id, reconciled)
        lap("write")
        status = "done"
    finally:
        if store is not None:
            store.finish_run(run_id, status=status, read=result.read, stored=result.stored,
                             duplicates=result.duplicates, errors=len(errors))
    prepared.unpersist()
    return result


# -- 1. read and prepare -----------------------------------------------------------------------

def _read_and_prepare(spark: SparkSession, inputs: Sequence[str], config: IngestConfig) -> RDD:
    """(position, Article | None, error message | None) for every item of every input."""
    context = spark.sparkContext
    local = [spec for spec in inputs if "://" not in spec]
    uris = [spec for spec in inputs if "://" in spec]
    files: list[tuple[int, InputFile | InputError]] = list(enumerate(iter_input_files(local)))
    tasks = context.parallelize(files, max(1, min(len(files), _parts(context))))
    items = tasks.flatMap(lambda task: _items_of_file(task[0], task[1], config, None))
    if uris:
        read = context.binaryFiles(",".join(uris)).sortByKey().zipWithIndex()
        start = len(files)
        items = items.union(read.flatMap(lambda pair: _items_of_file(
            start + pair[1], InputFile(pair[0][0]), config, pair[0][1])))
    return items


def _items_of_file(number: int, found: InputFile | InputError, config: IngestConfig,
                   data: bytes | None) -> Iterator[tuple[int, Article | None, InputError | None]]:
    if isinstance(found, InputError):
        yield number * _RECORDS_PER_FILE, None, found
        return
    for record, item in enumerate(read_input_file(found, config, data)):
        prepared = prepare_in_worker(item, config) if not isinstance(item, InputError) else item
        position = number * _RECORDS_PER_FILE + record
        if isinstance(prepared, InputError):
            yield position, None, prepared
        else:
            yield position, prepared, None


# -- 2. templates, 3. copies --------------------------------------------------------------------

def _learn_templates(prepared: RDD, config: IngestConfig, errors: list[tuple[int, InputError]],
                     store: Any) -> tuple[dict[int, frozenset[str]], dict[str, set[str]]]:
    """Learn template lines as the local engine does: in batches of ``config.batch_size`` items
    in arrival order (errors included), from each article's line keys. Returns, per position of
    an article whose outlet has templates, the template keys its batch knew; and all learned."""
    lines = (prepared.filter(lambda row: row[1] is not None)
             .map(lambda row: (row[0], row[1].source, *candidate_keys(article_lines(row[1]))))
             .collect())
    templates = TemplateLines(min_articles=config.template_min_articles)
    if store is not None:
        for outlet, keys in store.templates().items():
            templates.add_known(outlet, keys)
    items = sorted([(position, row) for position, *row in lines]
                   + [(position, None) for position, _ in errors], key=lambda pair: pair[0])
    known: dict[int, frozenset[str]] = {}
    for start in range(0, len(items), config.batch_size):
        batch = items[start : start + config.batch_size]
        for _, row in batch:
            if row is not None:
                templates.observe_keys(*row)
        for position, row in batch:
            if row is not None and (keys := templates.known_for(row[0])):
                known[position] = keys
    return known, dict(templates.templates_)


def _strip(article: Article, template_keys: frozenset[str] | None) -> Article:
    if not template_keys:
        return article
    return strip_templates(article, lambda line: line_key(line) in template_keys)


def _drop_emptied(articles: RDD) -> tuple[RDD, list[tuple[int, InputError]]]:
    emptied = (articles.filter(lambda row: not row[1].text)
               .map(lambda row: (row[0], emptied_error(row[1]))).collect())
    return articles.filter(lambda row: bool(row[1].text)), emptied


def _first(one: tuple[int, Article], two: tuple[int, Article]) -> tuple[int, Article]:
    return one if one[0] <= two[0] else two


# -- 5. grouping --------------------------------------------------------------------------------

def _group(spark: SparkSession, firsts: RDD, params: dict[str, Any],
           result: SparkResult) -> tuple[list[Story], list[dict[str, Any]]]:
    from pyspark.sql import Window, functions as F

    keys = firsts.map(lambda row: (row[0], row[1].id, row[1].published)).collect()
    schedule = publication_schedule([(article_id, published) for _, article_id, published in sorted(keys)])
    parts = _parts(spark.sparkContext)
    rank_of = spark.sparkContext.parallelize([(article_id, (rank, date)) for rank, (article_id, date)
                                              in enumerate(schedule)], parts)
    ranked = (firsts.map(lambda row: (row[1].id, row[1])).join(rank_of, parts)
              .map(lambda pair: (pair[1][1][0], (pair[1][0], pair[1][1][1]))).cache())
    grouper_params = dict(params)
    pairs = ranked.mapPartitions(_with_grouper(grouper_params, lambda grouper, row: (
        (row[0], key) for key in frequency_keys(row[1][0], grouper))))
    frame = spark.createDataFrame(pairs, "rank long, key string")
    prefix = frame.withColumn("df", F.row_number().over(Window.partitionBy("key").orderBy("rank")))
    tables = (prefix.groupBy("rank").agg(F.map_from_entries(F.collect_list(F.struct("key", "df"))).alias("counts"))
              .rdd.map(lambda row: (row["rank"], frequency_table(row["rank"] + 1, row["counts"]))))
    rows = ranked.join(tables, parts).map(lambda pair: (pair[0], (*pair[1][0], pair[1][1]))).cache()
    edges = _key_edges(spark, rows, grouper_params)
    blocks = connected_blocks(edges, len(schedule))
    block_of = spark.sparkContext.parallelize(list(enumerate(blocks)), parts)
    placed = (rows.join(block_of, parts).map(lambda pair: (pair[1][1], (pair[0], pair[1][0])))
              .groupByKey(parts)
              .map(lambda pair: place_block([(article, table, date) for _, (article, date, table)
                                             in sorted(pair[1], key=lambda item: item[0])], grouper_params))
              .collect())
    sizes = [sum(len(story.articles) for story in block.stories) for block in placed]
    result.blocks, result.largest_block = len(placed), max(sizes, default=0)
    first_rank = {article_id: rank for rank, (article_id, _) in enumerate(schedule)}
    stories = sorted((story for block in placed for story in block.stories),
                     key=lambda story: first_rank[story.articles[0]])
    merges = [merge for block in placed for merge in block.merges]
    ranked.unpersist()
    rows.unpersist()
    return stories, merges


def _placed(stories: Sequence[Story]) -> dict[str, tuple[str, str]]:
    return {article_id: (story.id, event.id) for story in stories for event in story.events
            for article_id in event.articles}


def _group_in_store(spark: SparkSession, store: Any, run_id: int, params: dict[str, Any], firsts: RDD,
                    annotated: RDD) -> tuple[list[Story], list[dict[str, Any]], RDD, dict[str, tuple[str, str]]]:
    """Grouping that goes on from the store's saved grouper, on the driver: the local engine's
    :func:`~storyline.pipeline.group_store` itself, so stories continue across runs with their ids
    (blocks start from an empty grouper and would rename them). Returns the stories this run
    touched, the new merges, the touched stories' members to reconcile (this run's analysis for the
    articles it stored, the store's for the others) and where this run's articles now are."""
    grouped = group_store(store, run_id, params)
    stories = [story for story in grouped.stories if story.id in grouped.touched]
    fresh = spark.sparkContext.broadcast(store.ids_of_run(run_id))
    members = annotated.filter(lambda pair: pair[0] in fresh.value)
    older = [article_id for story in stories for article_id in story.articles if article_id not in fresh.value]
    if older:
        members = members.union(spark.sparkContext.parallelize(_stored_members(store, older), _parts(spark.sparkContext)))
    return stories, grouped.merges, members, store.assignments(firsts.map(lambda row: row[1].id).collect())


def _stored_members(store: Any, ids: list[str]) -> list[tuple[str, tuple[Article, dict[str, Any]]]]:
    """Stored articles with their stored analysis (analysed now if they have none, as an ingest
    without a run leaves them)."""
    analysed = {item.article.id: item for item in store.annotated(ids)}
    return [(article.id, (article, annotated_json(analysed.get(article.id) or annotate(article))))
            for article in store.articles_by_id(ids)]


def _with_grouper(params: dict[str, Any], work: Callable[[StoryGrouper, Any], Iterable[Any]]
                  ) -> Callable[[Iterable[Any]], Iterator[Any]]:
    """A partition function that does ``work`` on each row with one grouper per partition (a
    grouper is not free to build: its near-duplicate index sets up hash tables)."""
    def run(rows: Iterable[Any]) -> Iterator[Any]:
        grouper = StoryGrouper(**params)
        for row in rows:
            yield from work(grouper, row)
    return run


def _key_edges(spark: SparkSession, rows: RDD, params: dict[str, Any]) -> list[tuple[int, int]]:
    """Each article linked to the first article that shares each of its lookup keys."""
    from pyspark.sql import functions as F

    lookups = rows.mapPartitions(_with_grouper(params, lambda grouper, row: (
        (row[0], key) for key in set(grouper.lookup_keys(row[1][0], row[1][2])))))
    frame = spark.createDataFrame(lookups, "rank long, key string")
    first = frame.groupBy("key").agg(F.min("rank").alias("first"))
    edges = (frame.join(first, "key").where(F.col("first") != F.col("rank"))
             .select("first", "rank").distinct())
    return [(row["first"], row["rank"]) for row in edges.collect()]


# -- 6. reconciliation --------------------------------------------------------------------------

def _reconcile(spark: SparkSession, stories: list[Story], annotated: RDD) -> RDD:
    """(story id, (record, [reconciled annotation JSON])) for every story."""
    parts = _parts(spark.sparkContext)
    story_rdd = spark.sparkContext.parallelize([(story.id, story) for story in stories], parts)
    member_of = story_rdd.flatMap(lambda pair: [(article_id, pair[0]) for article_id in pair[1].articles])
    members = annotated.join(member_of, parts).map(lambda pair: (pair[1][1], pair[1][0])).groupByKey(parts)
    return story_rdd.join(members, parts).map(lambda pair: (pair[0], _reconcile_one(*pair[1])))


def _reconcile_one(story: Story, members: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    by_id = {article.id: (article, data) for article, data in members}
    annotated = [annotated_from_json(*by_id[i]) for i in story.articles if i in by_id]
    record, reconciled = reconcile_story(story, annotated)
    return record, [annotated_json(item) for item in reconciled]


# -- 7. output ----------------------------------------------------------------------------------

def _write_parquet(spark: SparkSession, out_dir: str, firsts: RDD, place: dict[str, tuple[str, str]],
                   stories: list[Story], reconciled: RDD, merges: list[dict[str, Any]],
                   errors: list[tuple[int, InputError]]) -> None:
    shared = spark.sparkContext.broadcast(place)
    article_rows = firsts.map(lambda row: _article_row(row[0], row[1], shared.value.get(row[1].id)))
    spark.createDataFrame(article_rows, _ARTICLE_SCHEMA).write.mode("overwrite").parquet(f"{out_dir}/articles")
    story_rows = [(s.id, s.title, list(s.articles), [(e.id, e.date, list(e.articles)) for e in s.events])
                  for s in stories]
    spark.createDataFrame(story_rows, _STORY_SCHEMA).write.mode("overwrite").parquet(f"{out_dir}/stories")
    records = reconciled.map(lambda pair: (pair[0], json.dumps(pair[1][0], ensure_ascii=False, sort_keys=True)))
    spark.createDataFrame(records, "story_id string, record string").write.mode("overwrite").parquet(
        f"{out_dir}/story_records")
    notes = reconciled.flatMap(lambda pair: [(data["id"], json.dumps(data, ensure_ascii=False)) for data in pair[1][1]])
    spark.createDataFrame(notes, "article_id string, annotation string").write.mode("overwrite").parquet(
        f"{out_dir}/annotations")
    # A split (kind "split") has no merged id: the story split off is in ``split``.
    merge_rows = [(m["kept"], m.get("merged"), m["article"], float(m["score"]), m["kind"], m.get("split"))
                  for m in merges]
    spark.createDataFrame(merge_rows, "kept string, merged string, article string, score double, kind string, "
                          "split string").write.mode("overwrite").parquet(f"{out_dir}/merges")
    spark.createDataFrame([(position, str(error)) for position, error in errors], "position long, message string").write.mode("overwrite").parquet(
        f"{out_dir}/errors")


_ARTICLE_SCHEMA = ("id string, position long, source string, url string, published string, "
                   "language string, title string, text string, story_id string, event_id string")
_STORY_SCHEMA = ("id string, title string, articles array<string>, "
                 "events array<struct<id:string,date:string,articles:array<string>>>")


def _article_row(position: int, article: Article, place: tuple[str, str] | None) -> tuple[Any, ...]:
    story_id, event_id = place or (None, None)
    return (article.id, position, article.source, article.url, article.published, article.language,
            article.title, article.text, story_id, event_id)


def _store_articles(store: Any, run_id: int, firsts: RDD, errors: list[tuple[int, InputError]],
                    learned: dict[str, set[str]], batch_size: int, result: SparkResult) -> None:
    """Commit the articles from the driver in the local engine's batches, then the errors and the
    learned template lines. Counts follow the store, as locally: content it already holds is a
    duplicate, an id it holds for other content is an error line of the run, neither is stored."""
    batch: list[Article] = []
    outcomes = []
    for _, article in sorted(firsts.toLocalIterator(), key=lambda row: row[0]):
        batch.append(article)
        if len(batch) >= batch_size:
            outcomes.append(store.commit_batch(run_id, batch, []))
            batch = []
    outcomes.append(store.commit_batch(run_id, batch, [error for _, error in errors]))
    store.add_templates(learned)
    result.stored = sum(outcome.stored for outcome in outcomes)
    result.duplicates += sum(outcome.duplicates for outcome in outcomes)


def _store_reconciled(store: Any, run_id: int, reconciled: RDD) -> None:
    """Save the reconciled analysis of the touched stories' members and their story records."""
    records: dict[str, dict[str, Any]] = {}
    texts = {}
    for story_id, (record, notes) in reconciled.toLocalIterator():
        records[story_id] = record
        texts.update({data["id"]: data for data in notes})
    by_id = {article.id: article for article in store.articles_by_id(list(texts))}
    store.save_annotations(run_id, [annotated_from_json(by_id[i], data) for i, data in texts.items() if i in by_id])
    store.save_story_records(run_id, records)
