"""Wall and CPU time per pipeline stage, for benchmarks (issue 21): off unless asked for.

``STORYLINE_STAGE_TIMES=<file>`` makes :mod:`storyline.pipeline` record each stage it runs and
write them to that file as JSON when the run ends. CPU time is that of the process and of the
worker processes it has reaped (``getrusage`` of self and children): every stage that starts a
pool joins it before it ends, so a stage's workers are counted in that stage. Cost: two
``getrusage`` calls per stage.
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: The environment variable naming the file the stage times go to.
STAGE_TIMES_ENV = "STORYLINE_STAGE_TIMES"


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


class StageClock:
    """Seconds of wall and CPU time by stage name, summed over the stage's runs."""

    def __init__(self) -> None:
        self.stages: dict[str, dict[str, float]] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), _cpu()
        try:
            yield
        finally:
            entry = self.stages.setdefault(name, {"wall_s": 0.0, "cpu_s": 0.0})
            entry["wall_s"] += time.perf_counter() - wall
            entry["cpu_s"] += _cpu() - cpu

    def write_if_asked(self) -> None:
        """Write the stages to the file ``STORYLINE_STAGE_TIMES`` names, if it is set."""
        target = os.environ.get(STAGE_TIMES_ENV)
        if target:
            rounded = {k: {m: round(v, 3) for m, v in d.items()} for k, d in self.stages.items()}
            Path(target).write_text(json.dumps(rounded, indent=1), encoding="utf-8")


#: The process's clock (a run is one process).
CLOCK = StageClock()
