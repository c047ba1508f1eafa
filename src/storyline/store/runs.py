"""Run rows: started, finished, and repaired when a crash left them ``running``.

Each run row has an owner row (host name, process id). When a run starts, every other run still
``running`` whose owner is a process of this host that no longer exists is marked
``interrupted`` (a kill -9 or a power cut leaves no chance to write ``failed``). Runs of other
hosts, and old rows with no owner, are left as they are: nothing here can tell whether they still
run. Cost: one query over the running rows (normally none or a few).

:meth:`RunStore.stages_lock` lets one process at a time run the stages after ingest (analysis,
grouping, reconciliation), which read and write the whole store's state: on PostgreSQL a session
advisory lock (concurrent runs crashed on duplicate keys before; issue 22, item 6); SQLite already
lets one writer at a time in, so there it takes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, insert, select, text, update

from storyline.store import schema


class RunStore:
    """Mixed into :class:`~storyline.store.Store`; uses its engine and transactions."""

    engine: Engine

    def _begin(self) -> Any:  # provided by Store
        raise NotImplementedError

    @contextmanager
    def stages_lock(self) -> Iterator[None]:
        """Hold the store's stages lock (see the module docstring) until the block ends; waits for
        another process's stages to end first. Not re-entrant on PostgreSQL: take it once."""
        if self.engine.dialect.name != "postgresql":
            yield
            return
        key = zlib.crc32(b"storyline stages")
        with self.engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                conn.commit()

    def start_run(self, command: str, inputs: Sequence[str], config: dict[str, Any]) -> int:
        """A new ``running`` row (runs a crash left ``running`` are marked ``interrupted`` first)."""
        self.repair_runs()
        row = {"command": command, "inputs": json.dumps(list(inputs)), "config": json.dumps(config),
               "started_at": _now(), "status": "running", "read": 0, "stored": 0, "duplicates": 0, "errors": 0}
        with self._begin() as conn:
            run_id = int(conn.execute(insert(schema.runs).values(**row)).inserted_primary_key[0])
            conn.execute(insert(schema.run_owners).values(run_id=run_id, host=_host(), pid=os.getpid()))
        return run_id

    def finish_run(self, run_id: int, *, status: str, read: int, stored: int, duplicates: int, errors: int) -> None:
        values = {"status": status, "finished_at": _now(), "read": read, "stored": stored,
                  "duplicates": duplicates, "errors": errors}
        with self._begin() as conn:
            conn.execute(update(schema.runs).where(schema.runs.c.id == run_id).values(**values))

    def repair_runs(self) -> list[int]:
        """Mark ``interrupted`` the running runs of this host whose process is gone; their ids."""
        runs, owners = schema.runs, schema.run_owners
        query = (select(runs.c.id, owners.c.pid).join(owners, owners.c.run_id == runs.c.id)
                 .where(runs.c.status == "running", owners.c.host == _host()))
        with self.engine.connect() as conn:
            dead = [run_id for run_id, pid in conn.execute(query) if not _alive(pid)]
        if dead:
            with self._begin() as conn:
                conn.execute(update(runs).where(runs.c.id.in_(dead), runs.c.status == "running")
                             .values(status="interrupted", finished_at=_now()))
        return dead

    def runs(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(schema.runs).order_by(schema.runs.c.id))]


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it exists
        return True
    return _not_zombie(pid)


def _not_zombie(pid: int) -> bool:
    """A killed child its parent has not reaped yet still answers kill(0); /proc says it is a zombie."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return True  # no /proc (macOS): trust kill(0)


def _host() -> str:
    return socket.gethostname()[:256]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
