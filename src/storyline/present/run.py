"""Library twin of ``storyline run``: the engine's stages (:func:`storyline.pipeline.run_stages`),
then the run's three report files, then the run marked done.

The reports are streamed from the store one page of stories at a time
(:func:`storyline.present.report_store.write_store_reports`): records and articles are read per
page, never the whole store, with the analysts' corrections applied. This module is here, not in
the pipeline, because the engine never imports presentation. Cost: the stages', plus one pass
over the store's stories for the reports.
"""

from __future__ import annotations

from pathlib import Path

from storyline.pipeline import GroupResult, IngestResult, finish, run_stages
from storyline.present.report import ReportPaths
from storyline.present.report_store import write_store_reports
from storyline.stage_clock import CLOCK
from storyline.store import Store

__all__ = ["run", "write_run_reports"]


def run(store: Store, out_dir: Path, result: IngestResult, *, workers: int = 1) -> ReportPaths:
    """Analyse new articles, group them into stories, reconcile the touched stories, and report;
    then mark the run done (when ingest left it open)."""
    done = run_stages(store, result, workers=workers)
    with CLOCK.stage("reports"):
        paths = write_run_reports(store, out_dir, result, done.grouped, done.analysed, done.reconciled)
    finish(store, result)
    CLOCK.write_if_asked()
    return paths


def write_run_reports(store: Store, out_dir: Path, result: IngestResult, grouped: GroupResult,
                      analysed: int, reconciled: int) -> ReportPaths:
    """The run's three report files (stories.json, report.md, report.html) with its counts."""
    summary = {"run_id": result.run_id, "read": result.read, "stored": result.stored,
               "duplicates": result.duplicates, "errors": result.error_count,
               "articles_in_store": store.count_articles(), "stories": len(grouped.stories),
               "analysed_now": analysed, "grouped_now": grouped.placed, "merges_now": len(grouped.merges),
               "stories_reconciled_now": reconciled}
    return write_store_reports(out_dir, store, grouped.stories, summary)
