"""ordered_map: results in job order, a bounded window over the jobs, errors raised."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from storyline.parallel import MAX_DEFAULT_WORKERS, default_workers, ordered_map


def square(n: int) -> int:
    return n * n


def fail_on_three(n: int) -> int:
    if n == 3:
        raise ValueError("three")
    return n


def test_in_order_in_this_process_and_in_workers() -> None:
    jobs = list(range(40))
    assert list(ordered_map(square, jobs, workers=1)) == [n * n for n in jobs]
    assert list(ordered_map(square, iter(jobs), workers=2)) == [n * n for n in jobs]


def test_the_jobs_are_read_only_a_window_ahead() -> None:
    taken: list[int] = []

    def jobs() -> Iterator[int]:
        for n in range(30):
            taken.append(n)
            yield n

    results = ordered_map(square, jobs(), workers=2, window=4)
    assert next(results) == 0
    assert len(taken) <= 5  # four in flight, then one more for the first result's place
    assert list(results) == [n * n for n in range(1, 30)]


def test_a_worker_error_reaches_the_caller() -> None:
    with pytest.raises(ValueError, match="three"):
        list(ordered_map(fail_on_three, iter(range(8)), workers=2))


def test_few_jobs_stay_in_this_process() -> None:
    # a lambda cannot be pickled: it runs only because two jobs < min_jobs keep it here
    assert list(ordered_map(lambda n: n + 1, [1, 2], workers=2, min_jobs=3)) == [2, 3]


def test_default_workers_is_bounded() -> None:
    assert 1 <= default_workers() <= MAX_DEFAULT_WORKERS
