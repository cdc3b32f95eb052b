"""Read wordmarks in worker processes when a scan has many to read.

Reading one logo costs tens of milliseconds of one core; a site with
hundreds of unnamed wordmarks would keep the other cores idle. Once a scan
has ``POOL_FROM`` images waiting to be read, their normalised lines go to
a pool of worker processes, each loading the engine once, while the scan
goes on; the answers are collected in the scan's own order, so reports stay
byte-identical whatever the number of workers.

Workers are forked (a spawned worker would re-run the caller's main
module); the engine runs on one thread, so a fork never copies a lock
held by another thread. A worker that fails costs nothing but time: its
images are read in-process instead.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PIL import Image

from logocheck.errors import EngineMissing
from logocheck.identify.wordmark import Reading, load_engine
from logocheck.pools import interrupts_held, quiet_worker, stop

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

#: Unnamed images waiting to be read from which workers are worth starting
#: (each costs an interpreter and an engine, about two seconds).
POOL_FROM = 24
#: At most this many workers, however many cores.
MAX_WORKERS = 4


def available_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _read(lines: Sequence[Image.Image]) -> list[Reading]:
    """Run in a worker: the engine is loaded on its first task and kept."""
    engine = load_engine()
    if engine is None:
        raise EngineMissing("the OCR engine is not installed")
    return engine.read(lines)


class Workers:
    """A pool of reading processes, started on the first image handed to it."""

    def __init__(self, count: int) -> None:
        self.count = count
        self._executor: ProcessPoolExecutor | None = None

    def submit(self, lines: Sequence[Image.Image]) -> Future[list[Reading]]:
        if self._executor is None:
            import multiprocessing  # only once a scan has many logos to read
            from concurrent.futures import ProcessPoolExecutor

            context = multiprocessing.get_context("fork")
            self._executor = ProcessPoolExecutor(
                self.count, mp_context=context, initializer=quiet_worker
            )
        with interrupts_held():  # the first submit forks the workers
            return self._executor.submit(_read, list(lines))

    def close(self) -> None:
        """End the workers now: by then the scan has collected every reading
        it will use, or it is stopping (a signal, an error)."""
        if self._executor is not None:
            stop(self._executor)
            self._executor = None


def workers_for_scan() -> Workers | None:
    """Workers for this machine, or None on a single core."""
    cores = available_cores()
    return Workers(min(MAX_WORKERS, cores)) if cores >= 2 else None
