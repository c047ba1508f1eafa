"""Per-story work in worker processes, results in input order, with a bounded window (issue 21).

:func:`ordered_map` runs ``function`` over ``jobs`` in ``workers`` spawned processes and yields
the results in the order of the jobs, so that what the caller commits (and every file written
from it) is the same as with one process. At most ``window`` jobs are in flight: the caller's
iterator (which reads each story's articles from the store) is consumed only as results come
back, so memory holds ``window`` stories, not the store. With one worker, or fewer jobs than
``min_jobs``, it is a plain ``map`` in this process (no start-up cost for small runs).

Cost: the function's own, spread over the workers, plus pickling each job and result (a
story's annotated articles, a few kilobytes each) and a worker's start (imports, about 1 s).

:func:`default_workers` is the number of processes ``storyline run`` uses when ``--workers`` is
not given: the CPUs this process may use, at most :data:`MAX_DEFAULT_WORKERS`.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")

#: The most processes a run starts by default (each holds its own caches and models).
MAX_DEFAULT_WORKERS = 4


def default_workers() -> int:
    """The CPUs this process may run on (its affinity), at most :data:`MAX_DEFAULT_WORKERS`."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_DEFAULT_WORKERS))


def ordered_map(function: Callable[[Job], Result], jobs: Iterable[Job], *, workers: int,
                window: int | None = None, min_jobs: int = 2) -> Iterator[Result]:
    """``map(function, jobs)`` in ``workers`` processes; results in job order.

    ``function`` must be a module-level function (it is pickled by name). ``min_jobs``: with
    fewer jobs than this (the iterable is then a sequence) the work stays in this process.
    """
    if workers <= 1 or (hasattr(jobs, "__len__") and len(jobs) < min_jobs):  # type: ignore[arg-type]
        yield from map(function, jobs)
        return
    window = window or 4 * workers
    pool = multiprocessing.get_context("spawn").Pool(workers)
    try:
        pending: deque[multiprocessing.pool.AsyncResult[Result]] = deque()
        for job in jobs:
            pending.append(pool.apply_async(function, (job,)))
            if len(pending) >= window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
