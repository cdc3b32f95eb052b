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
held by another thread. The first worker is a plain forked process fed
through a pipe, with no thread in the scan's process: extraction forks
its own workers only from a process without threads
(``parallel._can_fork``), and this worker may start before them.
A worker that fails costs nothing but time: its images are read
in-process instead.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from PIL import Image

from logocheck.errors import EngineMissing
from logocheck.identify.wordmark import Reading, load_engine
from logocheck.pools import interrupts_held, quiet_worker, stop

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

#: Images handed over from which more than one worker is worth starting
#: (each loads its own engine: fewer images are read faster by one).
POOL_FROM = 24
#: At most this many workers, however many cores.
MAX_WORKERS = 4
#: Images handed to the first worker and not yet answered, at most: its
#: answers wait in a pipe, which must never fill while the scan writes.
IN_FLIGHT = 64


class Pending(Protocol):
    """A reading handed to a worker: ``result`` waits for it."""

    def result(self) -> list[Reading]: ...


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


def _serve(requests: Connection, scans_end: Connection) -> None:
    """The first worker: load the engine at once, then answer each request in turn."""
    quiet_worker()
    scans_end.close()  # so the scan's end, closed or gone, ends this loop
    load_engine()
    while True:
        try:
            lines = requests.recv()
        except (EOFError, OSError):
            return
        try:
            answer: tuple[str, Any] = ("ok", _read(lines))
        except Exception as error:  # the scan reads this image itself then
            answer = ("error", str(error))
        requests.send(answer)


class FirstWorker:
    """One forked reading process that loads the engine as it starts and is
    fed through a pipe; answers come back in the order the images went out."""

    def __init__(self) -> None:
        import multiprocessing  # only once a scan may read

        context = multiprocessing.get_context("fork")
        self._pipe, theirs = context.Pipe()
        self._process: BaseProcess = context.Process(
            target=_serve, args=(theirs, self._pipe), daemon=True
        )
        with interrupts_held():  # the worker starts with signals held, until quiet_worker
            self._process.start()
        theirs.close()
        self._sent = 0
        self._done = 0
        self._answers: dict[int, tuple[str, Any]] = {}

    def submit(self, lines: Sequence[Image.Image]) -> Pending:
        try:
            while self._sent - self._done >= IN_FLIGHT:
                self._receive()
            self._pipe.send(list(lines))
        except (EOFError, OSError) as error:  # the worker is gone
            return _Failed(f"reading worker gone: {error}")
        self._sent += 1
        return _Answer(self, self._sent - 1)

    def answer(self, number: int) -> list[Reading]:
        while number not in self._answers:
            self._receive()
        status, value = self._answers.pop(number)
        if status != "ok":
            raise RuntimeError(value)
        return list(value)

    def _receive(self) -> None:
        self._answers[self._done] = self._pipe.recv()
        self._done += 1

    def close(self) -> None:
        self._pipe.close()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(5)


class _Failed:
    def __init__(self, reason: str) -> None:
        self.reason = reason

    def result(self) -> list[Reading]:
        raise RuntimeError(self.reason)


class _Answer:
    def __init__(self, worker: FirstWorker, number: int) -> None:
        self.worker = worker
        self.number = number

    def result(self) -> list[Reading]:
        return self.worker.answer(self.number)


class Workers:
    """Reading processes: the first as soon as a scan is likely to read
    (``warm``) or hands over an image, and up to ``count`` in all once
    ``POOL_FROM`` images have been."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.handed = 0
        self._first: FirstWorker | None = None
        self._pool: ProcessPoolExecutor | None = None

    def warm(self) -> None:
        """Start the first worker now: it loads the engine before any image
        comes, on a core the scan leaves idle meanwhile."""
        if self._first is None:
            self._first = FirstWorker()

    def submit(self, lines: Sequence[Image.Image]) -> Pending:
        self.handed += 1
        if self._pool is None and self.count > 1 and self.handed >= POOL_FROM:
            self._pool = _pool(self.count - 1)
        if self._pool is not None:
            with interrupts_held():  # a pool forks its workers on its first task
                return self._pool.submit(_read, list(lines))
        self.warm()
        assert self._first is not None
        return self._first.submit(lines)

    def close(self) -> None:
        """End the workers now: by then the scan has collected every reading
        it will use, or it is stopping (a signal, an error)."""
        if self._first is not None:
            self._first.close()
            self._first = None
        if self._pool is not None:
            stop(self._pool)
            self._pool = None


def _pool(size: int) -> ProcessPoolExecutor:
    """The workers beside the first, for a scan with many images to read."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(size, mp_context=context, initializer=quiet_worker)


def workers_for_scan() -> Workers | None:
    """Workers for this machine, or None on a single core."""
    cores = available_cores()
    return Workers(min(MAX_WORKERS, cores)) if cores >= 2 else None
