"""The local engine: read → prepare (in worker processes when asked) → templates → store.

Library twin of the ``ingest`` command and of ``run``'s stages (its reports are presentation's:
:mod:`storyline.present.run`). It prints nothing: progress goes to an optional callback, and the
result is returned as data.

Crash safety: every stage commits its output with a marker the next run checks. Ingest commits
whole batches (content hashes make re-reading idempotent); analysis marks an article done by its
annotation row; grouping commits state, assignments and the stories' read model in one
transaction, stamped with the run id; reconciliation commits each story's record together with
its articles' reconciled analysis, stamped likewise. A story whose record is missing or older
than its read-model row is reconciled by the next run, whatever touched it; a run row left
``running`` by a dead process is marked ``interrupted``. ``STORYLINE_KILL_AFTER=<stage>`` makes
the process SIGKILL itself right after that stage's commit (the crash tests use it).

Bounds: at most ``MAX_ERRORS_PER_FILE`` errors of one input file are listed and stored; the rest
are counted (one more line says how many), so a file of a million bad lines costs a counter.

Cores: preparation and analysis run per article, reconciliation per story, in ``workers``
processes (reconciliation through :func:`storyline.parallel.ordered_map`, committed in story
order, so the store and reports do not depend on ``workers``); grouping is sequential.
``STORYLINE_STAGE_TIMES=<file>`` writes each stage's wall and CPU seconds there
(:mod:`storyline.stage_clock`).
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from functools import partial

from storyline.config import IngestConfig
from storyline.corrections import regroup
from storyline.errors import InputError
from storyline.ingest.language import LanguageDetector
from storyline.ingest.prepare import prepare
from storyline.ingest.readers import READERS, RawItem
from storyline.ingest.sources import InputFile, iter_input_files, open_bytes, open_input
from storyline.ingest.templates import TemplateLines, article_lines, strip_templates
from storyline.analyze.annotate import annotate
from storyline.group import StoryGrouper
from storyline.group.blocking import publication_schedule
from storyline.kept_grouper import KeptGrouper
from storyline.model import Annotated, Article, Story
from storyline.parallel import ordered_map
from storyline.reconcile.entities import resolve_by_story
from storyline.reconcile.story import reconcile_story, redate_story
from storyline.stage_clock import CLOCK
from storyline.store import Store

#: Items a worker takes at a time: large enough to amortise pickling, small enough to stream.
_CHUNK_SIZE = 8
#: Errors of one input file that are listed and stored one by one; the rest are counted.
MAX_ERRORS_PER_FILE = 100
#: Articles of the stories to reconcile per worker process: one worker per this many, and no pool
#: under two (0: every worker asked for). A worker's start costs about 5 CPU-s (imports 1.2;
#: reconciliation's tables 4: simplemma's dictionaries, the CLDR place table) and a touched
#: story's report about 17 ms, so a worker's share is at least about 1.6 times its start (Session
#: 14 of docs/SCALING.md: 659 articles took 14.5 CPU-s and 22 s here, 29.8 CPU-s and 59 s in two
#: workers, on the shared 2-core machine).
MIN_PARALLEL_ARTICLES = 500
#: The environment variable of the fault-injection hook (see the module docstring).
KILL_AFTER_ENV = "STORYLINE_KILL_AFTER"


def checkpoint(stage: str) -> None:
    """A stage has committed: die here (SIGKILL, no clean-up) when the crash tests ask for it."""
    if os.environ.get(KILL_AFTER_ENV) == stage:
        os.kill(os.getpid(), signal.SIGKILL)


@dataclass
class IngestResult:
    """What an ingest did. ``errors`` holds the one-line messages, in input order."""

    run_id: int
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    #: errors counted but not listed (past MAX_ERRORS_PER_FILE in one file)
    unlisted_errors: int = 0

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.unlisted_errors


Progress = Callable[[IngestResult, str | None], None]


def iter_raw_items(inputs: Iterable[str], config: IngestConfig) -> Iterator[RawItem | InputError]:
    """Every document of every input, streamed; a file that cannot be read yields one error."""
    for found in iter_input_files(inputs):
        if isinstance(found, InputError):
            yield found
            continue
        yield from read_input_file(found, config)


def read_input_file(found: InputFile, config: IngestConfig,
                    data: bytes | None = None) -> Iterator[RawItem | InputError]:
    """Every document of one input file (``data``: its bytes, when already read); a file that
    cannot be read yields one error."""
    try:
        if data is None:
            stream, kind = open_input(found.path, config.max_file_bytes)
        else:
            stream, kind = open_bytes(data, found.path, config.max_file_bytes)
    except InputError as error:
        yield error
        return
    last = None
    try:
        for item in READERS[kind](stream, found.path, config.max_record_bytes):
            last = item.record
            yield dataclasses.replace(item, folder=found.folder) if isinstance(item, RawItem) else item
    except Exception as exc:  # noqa: BLE001  (a reader's own bug on hostile bytes stops this file only)
        yield InputError(found.path, f"cannot read further: {type(exc).__name__}: {str(exc)[:200]}",
                         None if last is None else last + 1)
    finally:
        if found.path != "-":
            stream.close()


def ingest(
    inputs: Iterable[str],
    store: Store,
    config: IngestConfig | None = None,
    *,
    strict: bool = False,
    command: str = "ingest",
    progress: Progress | None = None,
    keep_open: bool = False,
) -> IngestResult:
    """Read, clean and store every article of ``inputs``.

    ``keep_open``: leave the run row ``running`` when ingest succeeds, for :func:`run` to finish
    after the later stages (so a crash in them leaves the run visibly unfinished).

    Raises:
        InputError: under ``strict``, at the first bad input (what was stored before stays).
    """
    config = config or IngestConfig()
    inputs = list(inputs)
    run_id = store.start_run(command, inputs, dataclasses.asdict(config))
    result = IngestResult(run_id=run_id)
    started = time.perf_counter()
    templates = TemplateLines(min_articles=config.template_min_articles)
    for outlet, keys in store.templates().items():
        templates.add_known(outlet, keys)
    status = "failed"
    sampler = _ErrorSampler()
    try:
        with CLOCK.stage("ingest"):
            for batch in _batches(_prepared(iter_raw_items(inputs, config), config), config.batch_size):
                _store_batch(batch, store, templates, result, strict, sampler)
                checkpoint("ingest-batch")
                result.seconds = time.perf_counter() - started
                if progress:
                    progress(result, _last_path(batch))
            _store_unlisted(sampler, store, result)
        status = "done"
    finally:
        store.add_templates(templates.templates_)
        result.seconds = time.perf_counter() - started
        checkpoint("ingest")
        if status != "done" or not keep_open:
            finish(store, result, status)
    return result


def finish(store: Store, result: IngestResult, status: str = "done") -> None:
    """Write the run row's final status and counts."""
    store.finish_run(result.run_id, status=status, read=result.read, stored=result.stored,
                     duplicates=result.duplicates, errors=result.error_count)


class _ErrorSampler:
    """Lists the first MAX_ERRORS_PER_FILE errors of each file and counts the rest (memory: one
    counter per file)."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def admit(self, error: InputError) -> bool:
        count = self.seen.get(error.path, 0) + 1
        self.seen[error.path] = count
        return count <= MAX_ERRORS_PER_FILE

    def unlisted(self) -> list[tuple[str, int]]:
        return [(path, n - MAX_ERRORS_PER_FILE) for path, n in self.seen.items() if n > MAX_ERRORS_PER_FILE]


def _store_unlisted(sampler: _ErrorSampler, store: Store, result: IngestResult) -> None:
    """One stored and listed line per file whose errors went past the sample."""
    lines = [InputError(path, f"{count:,} more errors in this file, counted but not listed "
                              f"(the first {MAX_ERRORS_PER_FILE} are)") for path, count in sampler.unlisted()]
    if lines:
        store.commit_batch(result.run_id, [], lines)
        result.errors.extend(str(line) for line in lines)
        result.unlisted_errors -= len(lines)  # each line is listed now, standing for its count


def _prepared(items: Iterator[RawItem | InputError], config: IngestConfig) -> Iterator[Article | InputError]:
    work = partial(prepare_in_worker, config=config)
    if config.workers == 1:
        yield from map(work, items)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(config.workers) as pool:
        yield from pool.imap(work, items, chunksize=_CHUNK_SIZE)


_DETECTORS: dict[tuple[str, ...], LanguageDetector] = {}


def prepare_in_worker(item: RawItem | InputError, config: IngestConfig) -> Article | InputError:
    """:func:`~storyline.ingest.prepare.prepare` with the process's language detector (the
    lingua model is loaded once per process and language set, not per item)."""
    detector = _DETECTORS.setdefault(config.languages, LanguageDetector(languages=config.languages))
    return prepare(item, config=config, language_of=detector)


def _batches(items: Iterator[Article | InputError], size: int) -> Iterator[list[Article | InputError]]:
    batch: list[Article | InputError] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _store_batch(batch: list[Article | InputError], store: Store, templates: TemplateLines,
                 result: IngestResult, strict: bool, sampler: _ErrorSampler) -> None:
    errors = [e for e in batch if isinstance(e, InputError)]
    articles = [a for a in batch if isinstance(a, Article)]
    for article in articles:
        templates.observe(article.source, article_lines(article))
    articles = [_without_templates(a, templates) for a in articles]
    kept = [a for a in articles if a.text]
    errors += [emptied_error(a) for a in articles if not a.text]
    listed = [e for e in errors if sampler.admit(e)]
    outcome = store.commit_batch(result.run_id, kept, listed if not strict else listed[:1])
    result.read += len(batch)
    result.stored += outcome.stored
    result.duplicates += outcome.duplicates
    result.errors.extend(str(e) for e in [*listed, *outcome.rejected])
    result.unlisted_errors += len(errors) - len(listed)
    if strict and (errors or outcome.rejected):
        raise (errors or list(outcome.rejected))[0]


def _without_templates(article: Article, templates: TemplateLines) -> Article:
    return strip_templates(article, lambda line: templates.is_template(article.source, line))


def emptied_error(article: Article) -> InputError:
    """The error of an article that template lines emptied."""
    path = article.provenance.path if article.provenance else "?"
    record = article.provenance.record if article.provenance else None
    return InputError(path, "nothing left but the outlet's template lines", record)


def _last_path(batch: list[Article | InputError]) -> str | None:
    last = batch[-1]
    if isinstance(last, InputError):
        return last.path
    return last.provenance.path if last.provenance else None


@dataclass(frozen=True)
class GroupResult:
    """What a grouping pass did: every story now, how many articles it placed, the new merges,
    and the ids of the stories it changed."""

    stories: list[Story]
    placed: int
    merges: list[dict[str, Any]]
    touched: frozenset[str] = frozenset()


def publication_order(keys: Sequence[tuple[str, str | None]]) -> list[str]:
    """Ids in publication order (:func:`storyline.group.blocking.publication_schedule`)."""
    return [article_id for article_id, _ in publication_schedule(keys)]


def group_articles(articles: Iterable[Article], grouper: StoryGrouper | None = None) -> list[Story]:
    """Group articles (given in arrival order) into stories and events, in publication order."""
    grouper = grouper or StoryGrouper()
    by_id = {article.id: article for article in articles}
    grouper.add_many(by_id[i] for i in publication_order([(a.id, a.published) for a in by_id.values()]))
    return grouper.stories()


def group_store(store: Store, run_id: int, params: Mapping[str, Any] | None = None) -> GroupResult:
    """Place the store's ungrouped articles, going on from the saved grouper so ids stay stable.

    Only new articles are read; the stories they touch (joined, or merged into) have their
    assignments rewritten, all in one transaction, with the parts of the grouper's state that
    changed (:mod:`storyline.store.grouper_state`). ``params`` build the grouper of a store that
    has none yet; a saved grouper keeps its own. The grouper stays in memory after the save
    (:class:`storyline.kept_grouper.KeptGrouper`): the next call on the same store (a watch
    cycle, the web app's next upload) goes on from it without reading the state, unless another
    process saved since.
    """
    grouper, parts = _KEPT.take(store, params)
    try:
        merges_before = len(grouper.merges)
        touched: set[str] = set()
        placed = 0
        for article in store.articles_by_id(publication_order(store.ungrouped_keys())):
            touched.add(grouper.add(article)[0])
            placed += 1
        grouper.refine()
        new_merges = [dict(m) for m in grouper.merges[merges_before:]]
        touched |= {m[key] for m in new_merges if m.get("kind") == "split" for key in ("kept", "split")}
        stories = grouper.stories()
        touched = {grouper.assignment(a)[0] for s in stories if s.id in touched for a in s.articles[:1]} | touched
        stories, touched = regroup.after_grouping(store, stories, touched)  # analysts' moves and splits of reports
        assignments = {article: (story.id, event.id) for story in stories if story.id in touched
                       for event in story.events for article in event.articles}
        parts = store.save_grouping_parts(run_id, grouper.to_state(), parts, assignments, new_merges,
                                          [story for story in stories if story.id in touched])
    except BaseException:
        _KEPT.drop()  # the grouper may be ahead of the store now
        raise
    _KEPT.keep(store, grouper, parts)
    return GroupResult(stories=stories, placed=placed, merges=new_merges, touched=frozenset(touched))


_KEPT = KeptGrouper()


def analyze_articles(articles: Sequence[Article]) -> list[Annotated]:
    """Library twin of `storyline analyze`: annotate each article, then, across the file, date
    undated reports from their event (grouping finds the events) and resolve entities within each
    article's `story` (articles without one together). Returns the records in input order."""
    annotated = [annotate(article) for article in articles]
    position = {a.article.id: n for n, a in enumerate(annotated)}
    for story in group_articles([a.article for a in annotated]):
        members = [annotated[position[i]] for i in story.articles if i in position]
        for item in redate_story(story, members)[1]:
            annotated[position[item.article.id]] = item
    return resolve_by_story(annotated)[1]


def analyze_store(store: Store, run_id: int, *, workers: int = 1, batch_size: int = 500) -> int:
    """Analyse the stored articles that have no analysis yet, in ``workers`` processes; returns how
    many were analysed. Analysis is per article, so the result does not depend on ``workers``."""
    pending = store.unannotated_ids()
    pool = multiprocessing.get_context("spawn").Pool(workers) if workers > 1 and len(pending) > batch_size // 10 else None
    try:
        for start in range(0, len(pending), batch_size):
            articles = list(store.articles_by_id(pending[start : start + batch_size]))
            annotated = pool.map(annotate, articles, chunksize=_CHUNK_SIZE) if pool else [annotate(a) for a in articles]
            store.save_annotations(run_id, annotated)
            checkpoint("analyze-batch")
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return len(pending)


def reconcile_store(store: Store, run_id: int, grouped: GroupResult, *, workers: int = 1) -> int:
    """Reconcile again the stories the last grouping touched, and those an earlier run grouped
    but did not reconcile (it was killed); returns how many. Each story is committed with its
    record, so a crash here loses at most the stories in hand. With ``workers`` > 1 stories are
    reconciled in that many processes (:func:`storyline.parallel.ordered_map`) and committed in
    the same order as with one. Only the analyses reconciliation changed are written again (on
    the generated day, 82 % of a touched story's reports come back as they were stored)."""
    wanted = set(grouped.touched) | set(store.stale_story_ids())
    stories = [story for story in grouped.stories if story.id in wanted]
    given: dict[str, list[Annotated]] = {}  # the stories in flight: at most the pool's read-ahead
    jobs = ((story, given.setdefault(story.id, list(store.annotated(story.articles)))) for story in stories)
    workers = reconcile_workers(sum(len(story.articles) for story in stories), workers)
    done = 0
    for story, (record, reconciled) in zip(stories, ordered_map(_reconcile_job, jobs, workers=workers)):
        stored = {item.article.id: item for item in given.pop(story.id, ())}
        store.save_reconciled(run_id, {story.id: record}, [a for a in reconciled if stored.get(a.article.id) != a])
        checkpoint("reconcile-story")
        done += 1
    return done


def reconcile_workers(articles: int, workers: int) -> int:
    """How many processes reconcile stories holding ``articles`` reports: at most ``workers``,
    one per :data:`MIN_PARALLEL_ARTICLES` of them (a pool's start costs more than it saves on
    less); 1 means this process, no pool."""
    if MIN_PARALLEL_ARTICLES <= 0:
        return max(1, workers)
    return max(1, min(workers, articles // MIN_PARALLEL_ARTICLES))


def _reconcile_job(job: tuple[Story, list[Annotated]]) -> tuple[dict[str, Any], list[Annotated]]:
    """One story's reconciliation, in a worker process or this one."""
    return reconcile_story(*job)


@dataclass(frozen=True, slots=True)
class StagesResult:
    """What :func:`run_stages` did: the grouping, and how many reports were analysed and stories
    reconciled."""

    grouped: GroupResult
    analysed: int
    reconciled: int


def run_stages(store: Store, result: IngestResult, *, workers: int = 1) -> StagesResult:
    """Analyse new articles, group them into stories and reconcile the touched stories: the
    engine's part of ``storyline run``. The reports and the run's end are presentation's
    (:func:`storyline.present.run.run`, the command's library twin): the engine never imports it."""
    with store.stages_lock():  # one process at a time past ingest (see Store.stages_lock)
        with CLOCK.stage("analyze"):
            analysed = analyze_store(store, result.run_id, workers=workers)
        checkpoint("analyze")
        with CLOCK.stage("group"):
            grouped = group_store(store, result.run_id)
        checkpoint("group")
        with CLOCK.stage("reconcile"):
            reconciled = reconcile_store(store, result.run_id, grouped, workers=workers)
        checkpoint("reconcile")
    return StagesResult(grouped, analysed, reconciled)
