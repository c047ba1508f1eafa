"""The commands of DESIGN.md that exist so far: ingest, run, articles, eval."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from storyline.cli.app import (
    ConfigOption, DbOption, MaxFileOption, StrictOption, WorkersOption, app, build_config, err,
    fail_if_nothing_read, out, print_errors, printable, reported_errors,
)
from storyline.config import IngestConfig
from storyline.parallel import default_workers
from storyline.pipeline import IngestResult, finish, ingest
from storyline.present.run import run
from storyline.store import Store

InputsArg = Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for stdin.")]


def _ingest_with_progress(inputs: list[str], store: Store, config_path: Path | None, workers: int | None,
                          max_file_bytes: int | None, strict: bool, command: str,
                          keep_open: bool = False) -> IngestResult:
    config = build_config(config_path, workers=workers, max_file_bytes=max_file_bytes)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("reading", total=None)

        def show(result: IngestResult, path: str | None) -> None:
            bar.update(task, description=f"{result.read} read, {result.stored} stored, "
                                         f"{result.error_count} errors · {printable(path or '')}")

        return ingest(inputs, store, config, strict=strict, command=command, progress=show, keep_open=keep_open)


def _summary(result: IngestResult) -> str:
    rate = result.read / result.seconds if result.seconds else 0.0
    return (f"{result.read} read, {result.stored} stored, {result.duplicates} duplicates, "
            f"{result.error_count} errors in {result.seconds:.1f} s ({rate:.0f}/s)")


@app.command("ingest")
def ingest_command(inputs: InputsArg, db: DbOption = None, config: ConfigOption = None,
                   workers: WorkersOption = None, max_file_bytes: MaxFileOption = None,
                   strict: StrictOption = False) -> None:
    """Read and clean INPUT... into the store, nothing more."""
    with reported_errors():
        store = Store(db)
        result = _ingest_with_progress(inputs, store, config, workers, max_file_bytes, strict, "ingest")
        fail_if_nothing_read(result.read - result.error_count, result.errors)
        print_errors(result.errors)
        err.print(f"storyline: {_summary(result)} → {store.url}", markup=False)


EngineOption = Annotated[str, typer.Option("--engine", help="local, or spark (Parquet out; the store "
                                                            "only with --db).")]
MasterOption = Annotated[str | None, typer.Option("--master", help="Spark master for --engine spark "
                                                                   "[default: local[*]].")]


@app.command("run")
def run_command(inputs: InputsArg, db: DbOption = None,
                out_dir: Annotated[Path, typer.Option("--out", help="Where the reports go.")] = Path("storyline-out"),
                config: ConfigOption = None, workers: WorkersOption = None,
                max_file_bytes: MaxFileOption = None, strict: StrictOption = False,
                engine: EngineOption = "local", master: MasterOption = None) -> None:
    """The main job: ingest INPUT..., then write stories.json, report.md and report.html."""
    with reported_errors():
        if engine == "spark":
            _run_spark(inputs, db, str(out_dir), build_config(config, max_file_bytes=max_file_bytes),
                       master or "local[*]")
            return
        if engine != "local":
            raise typer.BadParameter(f"unknown engine {engine!r}: local or spark", param_hint="--engine")
        store = Store(db)
        result = _ingest_with_progress(inputs, store, config, workers, max_file_bytes, strict, "run", keep_open=True)
        try:
            fail_if_nothing_read(result.read - result.error_count, result.errors)
            print_errors(result.errors)
            paths = run(store, out_dir, result, workers=workers or default_workers())
        except BaseException:
            finish(store, result, "failed")
            raise
        err.print(f"storyline: {_summary(result)} → {store.url}", markup=False)
        out.print(f"Reports written: {paths.html}  {paths.markdown}  {paths.stories}", markup=False)


def _run_spark(inputs: list[str], db: str | None, out_dir: str, config: IngestConfig, master: str | None) -> None:
    from storyline.scale.submit import run_and_report

    result = run_and_report(inputs, out_dir, config=config, master=master, db=db)
    fail_if_nothing_read(result.read - len(result.errors), result.errors)
    print_errors(result.errors)
    out.print(f"Parquet written: {out_dir}", markup=False)


@app.command("articles")
def articles_command(article_id: Annotated[str | None, typer.Argument(help="Show this article (id or prefix).")] = None,
                     db: DbOption = None,
                     as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
                     limit: Annotated[int | None, typer.Option("--limit", min=1)] = None) -> None:
    """List the stored articles, or show one."""
    with reported_errors():
        store = Store(db)
        if article_id is not None:
            _show_article(store, article_id, as_json)
            return
        for article in store.articles(limit=limit):
            if as_json:
                typer.echo(json.dumps(article.to_json(), ensure_ascii=False))
            else:
                out.print(printable(f"{article.id}  {article.published or '-':<10.10}  {article.source or '-':<24.24}  "
                                    f"{article.language or '-':<2}  {article.title or article.text[:60]}"), markup=False)


def _show_article(store: Store, article_id: str, as_json: bool) -> None:
    article = store.article(article_id)
    if article is None:
        err.print(f"storyline: error: no article {printable(repr(article_id))} in {store.url}", markup=False)
        raise typer.Exit(1)
    if as_json:
        typer.echo(json.dumps(article.to_json(), ensure_ascii=False))
        return
    out.print(printable(article.title or "(no title)"), style="bold", markup=False)
    out.print(printable(f"{article.source or '-'} · {article.published or 'undated'} · {article.language or '-'} · "
                        f"{article.url or ''}"), markup=False)
    out.print(f"id {article.id} · from {article.provenance.to_json() if article.provenance else '-'}", markup=False)
    out.print("")
    out.print(article.text, markup=False)
