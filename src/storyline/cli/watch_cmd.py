"""``storyline watch``: follow feeds (and, from a config file, sitemaps and folders) into a store."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.app import DbOption, app, err, out, printable, reported_errors
from storyline.config import load_config
from storyline.errors import ConfigError

WatchConfigOption = Annotated[Path | None, typer.Option(
    "--config", help="TOML file: sections watch, feeds, sitemaps, folders, watchlists, alerts, ingest.")]


@app.command("watch")
def watch_command(
    feeds: Annotated[list[str] | None, typer.Argument(metavar="FEED_URL", help="RSS or Atom feed URLs.", show_default=False)] = None,
    db: DbOption = None,
    once: Annotated[bool, typer.Option("--once", help="Run one cycle and exit (1 when nothing could be read).")] = False,
    config: WatchConfigOption = None,
    interval: Annotated[float, typer.Option("--interval", min=1.0, help="Seconds between polls of a feed "
                                                                         "given on the command line.")] = 600.0,
    link_base: Annotated[str, typer.Option("--link-base", help="Web app address used in alert links.")] = "http://127.0.0.1:8000",
) -> None:
    """Follow FEED_URL... (and the config's sources): each cycle fetches what is new, then runs
    the same stages as `run`, records what changed per story and sends watchlist alerts."""
    from storyline.follow.config import feed_sources, load_watch_config  # noqa: PLC0415
    from storyline.follow.watcher import Watcher  # noqa: PLC0415
    from storyline.store import Store  # noqa: PLC0415

    with reported_errors():
        settings = load_watch_config(config).with_sources(feed_sources(feeds or [], interval))
        if not settings.sources:
            raise ConfigError("nothing to watch: give FEED_URL... or a --config with [[feeds]], [[sitemaps]] or [[folders]]")
        watcher = Watcher(Store(db), settings, load_config(config), link_base=link_base)
        if once:
            report = watcher.once()
            _print(report)
            if report.nothing_read:
                why = "every source is backing off after failures" if not report.polled else "nothing could be read from any source"
                err.print(f"storyline: error: {why}", markup=False)
                raise typer.Exit(1)
            return
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        err.print(f"storyline: watching {len(settings.sources)} source(s) → {watcher.store.url} (Ctrl-C stops)",
                  markup=False)
        watcher.run(stop, _print, lambda exc: err.print(f"storyline: cycle failed: {printable(str(exc))}", markup=False))


def _print(report: object) -> None:
    from storyline.follow.cycle import CycleReport  # noqa: PLC0415

    assert isinstance(report, CycleReport)
    for line in [*report.failed, *report.problems]:
        err.print(f"storyline: {printable(line)}", markup=False)
    for line in report.errors:
        err.print(f"storyline: skipped {printable(line)}", markup=False)
    delivery = report.delivery
    out.print(f"cycle {report.run_id}: {report.read_ok}/{report.polled} sources read ({report.not_modified} unchanged), "
              f"{report.new_items} new items, {report.stored} stored, {report.duplicates} duplicates, "
              f"{report.reconciled} stories updated, {report.changes} changes, {report.alerts} alerts "
              f"({delivery.sent} posted, {delivery.mailed} mailed, {delivery.held} held) in {report.seconds:.1f} s",
              markup=False)
    for line in delivery.problems:
        err.print(f"storyline: {printable(line)}", markup=False)
