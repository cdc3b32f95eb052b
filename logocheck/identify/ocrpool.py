"""Read wordmarks in worker processes, so the engine never holds up the scan.

Loading the engine costs about 0.15 s of one core and reading one logo
tens of milliseconds. A scan hands each image that will need reading to a
worker as soon as its page is read (``Identifier.prepare``), so the
engine loads and reads on another core while the scan goes on to
fingerprint the page's other logos; a site with hundreds of unnamed
wordmarks, once ``POOL_FROM`` images have been handed over, gets more
workers to keep every core busy. The answers are collected in the scan's
own order, so reports stay byte-identical whatever the number of workers.

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

#: Images handed over from which more than one worker is worth starting
#: (each loads its own engine: fewer images are read faster by one).
POOL_FROM = 24
#: At most this many workers, however many cores.
MAX_WORKERS = 4


def available_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _load() -> None:
    """Run in a worker: load the engine ahead of its first image."""
    load_engine()


def _read(lines: Sequence[Image.Image]) -> list[Reading]:
    """Run in a worker: the engine is loaded on its first task and kept."""
    engine = load_engine()
    if engine is None:
        raise EngineMissing("the OCR engine is not installed")
    return engine.read(lines)


class Workers:
    """Reading processes: one from the first image handed over, and up to
    ``count`` in all once ``POOL_FROM`` images have been."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.handed = 0
        self._executors: list[ProcessPoolExecutor] = []

    def submit(self, lines: Sequence[Image.Image]) -> Future[list[Reading]]:
        self.handed += 1
        if not self._executors or (len(self._executors) == 1 and self._wants_more()):
            self._executors.append(_executor(len(self._executors), self.count))
        with interrupts_held():  # a pool forks its workers on its first task
            return self._executors[-1].submit(_read, list(lines))

    def warm(self) -> None:
        """Start the first worker now and have it load the engine before any
        image comes (on a core the scan leaves idle meanwhile)."""
        if not self._executors:
            self._executors.append(_executor(0, self.count))
            with interrupts_held():
                self._executors[0].submit(_load)

    def _wants_more(self) -> bool:
        return self.count > 1 and self.handed >= POOL_FROM

    def close(self) -> None:
        """End the workers now: by then the scan has collected every reading
        it will use, or it is stopping (a signal, an error)."""
        for executor in self._executors:
            stop(executor)
        self._executors.clear()


def _executor(started: int, count: int) -> ProcessPoolExecutor:
    """The first pool (one worker), or the second (the rest of ``count``)."""
    import multiprocessing  # only once a scan has a logo to read
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    size = 1 if not started else count - 1
    return ProcessPoolExecutor(size, mp_context=context, initializer=quiet_worker)


def workers_for_scan() -> Workers | None:
    """Workers for this machine, or None on a single core."""
    cores = available_cores()
    return Workers(min(MAX_WORKERS, cores)) if cores >= 2 else None
