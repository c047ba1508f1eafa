"""One watch cycle: poll the due sources, store what is new, run the stages, record, alert.

1. **Poll** (threads): sources are split into lanes by host; each lane runs in a thread of a
   small pool and polls its sources one after the other (:mod:`storyline.follow.collect`), so a
   slow host delays only its own lane, and the fetcher's host gate keeps one request at a time
   per host whatever the lanes.
2. **Store** (this thread, as lanes finish): each source's items are prepared exactly as
   ``storyline run`` prepares them (extraction, cleaning, templates, language, id), committed
   in one batch, then marked seen together with the source's validators. An edited item's new
   text is a new article, with ``revises``: the article of its earlier version. A failed source counts
   a failure and is given a later attempt (backoff); the others go on.
3. **Stages**: the pipeline's own incremental functions: analyse the unanalysed articles, place
   the ungrouped ones (ids stay stable) and reconcile the stories touched, or left stale by a
   crash; skipped when there is nothing to do.
4. **Record and alert**: per story, what the cycle added (:mod:`storyline.follow.changes`) and
   the alerts it raises, in one transaction per chunk; then the outbox is delivered.

Crash points (``STORYLINE_KILL_AFTER``): ``watch-articles`` (a source's articles committed, not
yet marked), ``watch-source`` (marked), ``watch-changes`` (changes and alerts recorded, not yet
delivered), beside the pipeline's own. Each leaves a state the next cycle completes without loss
or copies. Cost: the requests (see collect) plus what ``storyline run`` costs for the new
articles and the stories they touch.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from storyline.config import IngestConfig
from storyline.errors import InputError
from storyline.follow.alerts import Delivery, deliver
from storyline.follow.changes import record_changes
from storyline.follow.collect import Collector, Entry, Harvest
from storyline.follow.config import Source, WatchConfig
from storyline.follow.state import FollowState, SeenItem
from storyline.follow.watchlists import alert_rows
from storyline.ingest.templates import TemplateLines, article_lines, strip_templates
from storyline.model import Article
from storyline.pipeline import (
    IngestResult, analyze_store, checkpoint, emptied_error, finish, group_store, prepare_in_worker, reconcile_store,
)
from storyline.store import Store

MAX_LANES = 8


@dataclass
class CycleReport:
    """What one cycle did (also what ``storyline watch`` prints)."""

    run_id: int
    polled: int = 0
    read_ok: int = 0
    not_modified: int = 0
    failed: list[str] = field(default_factory=list)
    new_items: int = 0
    stored: int = 0
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    analysed: int = 0
    reconciled: int = 0
    changes: int = 0
    alerts: int = 0
    delivery: Delivery = field(default_factory=Delivery)
    seconds: float = 0.0

    @property
    def nothing_read(self) -> bool:
        """Every polled source failed (or there was none to poll)."""
        return self.read_ok == 0


def run_cycle(store: Store, state: FollowState, collector: Collector, config: WatchConfig,
              sources: Sequence[Source], ingest: IngestConfig, link_base: str) -> CycleReport:
    """Run one cycle over ``sources`` (see the module docstring)."""
    started = time.perf_counter()
    run_id = store.start_run("watch", [s.key for s in sources], {"sources": len(sources)})
    report = CycleReport(run_id=run_id, polled=len(sources))
    result = IngestResult(run_id=run_id)
    status = "failed"
    try:
        _poll_and_store(store, state, collector, config, sources, ingest, report, result)
        _stages(store, run_id, report)
        recorded = record_changes(store.engine, run_id, alerts_of=lambda c: alert_rows(c, config.watchlists, link_base))
        report.changes, report.alerts = len(recorded.changes), recorded.alerts
        checkpoint("watch-changes")
        report.delivery = deliver(store.engine, config.alerts)
        status = "done"
    finally:
        report.seconds = time.perf_counter() - started
        result.seconds = report.seconds
        finish(store, result, status)
    return report


def _poll_and_store(store: Store, state: FollowState, collector: Collector, config: WatchConfig,
                    sources: Sequence[Source], ingest: IngestConfig, report: CycleReport, result: IngestResult) -> None:
    lanes: dict[str, list[Source]] = {}
    for source in sources:
        lanes.setdefault(_lane(source), []).append(source)
    templates = TemplateLines(min_articles=ingest.template_min_articles)
    for outlet, keys in store.templates().items():
        templates.add_known(outlet, keys)
    try:
        with ThreadPoolExecutor(max_workers=max(1, min(MAX_LANES, len(lanes)))) as pool:
            futures = [pool.submit(lambda lane: [collector.harvest(s) for s in lane], lane) for lane in lanes.values()]
            for future in as_completed(futures):
                for harvest in future.result():
                    _store_harvest(store, state, config, harvest, ingest, templates, report, result)
    finally:
        store.add_templates(templates.templates_)


def _lane(source: Source) -> str:
    return source.key if source.kind == "folder" else (urlsplit(source.location).hostname or source.location)


def _store_harvest(store: Store, state: FollowState, config: WatchConfig, harvest: Harvest, ingest: IngestConfig,
                   templates: TemplateLines, report: CycleReport, result: IngestResult) -> None:
    source = harvest.source
    now = time.time()
    report.problems.extend(harvest.problems)
    if not harvest.ok:
        wait = state.failed(source, harvest.error or "failed", status=harvest.status,
                            retry_after=harvest.retry_after, backoff_max=config.backoff_max, now=now)
        report.failed.append(f"{harvest.error} (next try in {wait:.0f} s)")
        return
    report.read_ok += 1
    report.not_modified += harvest.not_modified
    report.new_items += len(harvest.entries)
    prepared = [(entry, [_prepared(raw, entry, ingest) for raw in entry.raws]) for entry in harvest.entries]
    articles = [a for _, found in prepared for a in found if isinstance(a, Article)]
    errors = [e for _, found in prepared for e in found if isinstance(e, InputError)]
    for article in articles:
        templates.observe(article.source, article_lines(article))
    cleaned = [strip_templates(a, lambda line, a=a: templates.is_template(a.source, line)) for a in articles]
    errors += [emptied_error(a) for a in cleaned if not a.text]
    outcome = store.commit_batch(result.run_id, [a for a in cleaned if a.text], errors)
    result.read += len(articles) + len(errors)
    result.stored += outcome.stored
    result.duplicates += outcome.duplicates
    result.errors.extend(str(e) for e in [*errors, *outcome.rejected])
    report.stored += outcome.stored
    report.duplicates += outcome.duplicates
    report.errors.extend(str(e) for e in [*errors, *outcome.rejected])
    checkpoint("watch-articles")
    seen = [SeenItem(entry.key, entry.content, _first_id(found), entry.url) for entry, found in prepared if not entry.retry]
    keep = not harvest.incomplete
    state.succeeded(source, seen, etag=harvest.etag if keep else None,
                    last_modified=harvest.last_modified if keep else None, status=harvest.status, now=now)
    checkpoint("watch-source")


def _prepared(raw: object, entry: Entry, ingest: IngestConfig) -> Article | InputError:
    article = prepare_in_worker(raw, ingest)  # type: ignore[arg-type]
    if isinstance(article, Article) and entry.published and not article.published:
        article = dataclasses.replace(article, published=entry.published)
    if isinstance(article, Article) and entry.revises and entry.revises != article.id:
        article = dataclasses.replace(article, extra={**article.extra, "revises": entry.revises})
    return article


def _first_id(found: list[Article | InputError]) -> str | None:
    return next((a.id for a in found if isinstance(a, Article)), None)


def _stages(store: Store, run_id: int, report: CycleReport) -> None:
    with store.stages_lock():  # one process at a time past ingest (see Store.stages_lock)
        _stages_locked(store, run_id, report)


def _stages_locked(store: Store, run_id: int, report: CycleReport) -> None:
    report.analysed = analyze_store(store, run_id)
    checkpoint("analyze")
    if not store.ungrouped_keys() and not store.stale_story_ids():
        return
    grouped = group_store(store, run_id)
    checkpoint("group")
    report.reconciled = reconcile_store(store, run_id, grouped)
    checkpoint("reconcile")

