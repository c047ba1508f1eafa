"""The watch loop: cycles whenever a source is due, until told to stop.

A :class:`Watcher` holds what lives across cycles: the store, the fetcher with its per-host
gate, the robots.txt cache and the follow state. :meth:`Watcher.once` polls every source not
backing off after a failure (the ``--once`` form: a scheduler calls it); :meth:`Watcher.run`
loops, each cycle polling the sources whose time has come, then sleeping until the next one is
due (at most ``max_sleep`` seconds, woken early by ``stop``). A cycle that raises (the store
locked, say) is reported and the loop goes on after ``error_pause`` seconds.

When watching begins on a store ``storyline run`` filled (stories, but no follow state yet),
its stories are taken as seen (:func:`~storyline.follow.changes.baseline`), so the first cycle
does not report the whole archive as new. Cost per idle minute: one query of the sources' state.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from sqlalchemy import func, select

from storyline.config import IngestConfig
from storyline.follow.changes import baseline
from storyline.follow.collect import Collector
from storyline.follow.config import WatchConfig
from storyline.follow.cycle import CycleReport, run_cycle
from storyline.follow.http import Fetcher
from storyline.follow.robots import Robots
from storyline.follow.state import FollowState
from storyline.follow.tables import follow_sources
from storyline.store import Store

DEFAULT_LINK_BASE = "http://127.0.0.1:8000"


class Watcher:
    """Follows ``config.sources`` into ``store``."""

    def __init__(self, store: Store, config: WatchConfig, ingest: IngestConfig | None = None,
                 link_base: str = DEFAULT_LINK_BASE) -> None:
        self.store = store
        self.config = config
        self.ingest = ingest or IngestConfig()
        self.link_base = link_base
        self.state = FollowState(store)
        self.fetcher = Fetcher(config.limits)
        self.collector = Collector(self.fetcher, Robots(self.fetcher), self.state, self.ingest, config.max_items)
        self._baseline()

    def close(self) -> None:
        """Close the store's pooled connections."""
        self.store.close()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _baseline(self) -> None:
        with self.store.engine.connect() as conn:
            started = conn.execute(select(func.count()).select_from(follow_sources)).scalar_one()
        if not started:
            baseline(self.store.engine)

    def once(self) -> CycleReport:
        """One cycle over every source (except those backing off after failures)."""
        due = self.state.due(self.config.sources, time.time(), ignore_schedule=True)
        return self._cycle(due)

    def due_cycle(self) -> CycleReport | None:
        """One cycle over the sources that are due now, or None when none is."""
        due = self.state.due(self.config.sources, time.time())
        return self._cycle(due) if due else None

    def run(self, stop: threading.Event, on_cycle: Callable[[CycleReport], None],
            on_error: Callable[[BaseException], None], *, max_sleep: float = 60.0, error_pause: float = 30.0) -> None:
        """Cycle until ``stop`` is set."""
        while not stop.is_set():
            try:
                report = self.due_cycle()
            except Exception as exc:  # noqa: BLE001  (a failed cycle is reported; the next one may work)
                on_error(exc)
                stop.wait(error_pause)
                continue
            if report is not None:
                on_cycle(report)
            pause = self.state.next_due(self.config.sources) - time.time()
            stop.wait(min(max(pause, 0.05), max_sleep))

    def _cycle(self, due: list) -> CycleReport:  # type: ignore[type-arg]
        return run_cycle(self.store, self.state, self.collector, self.config, due, self.ingest, self.link_base)
