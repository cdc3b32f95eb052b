"""Worker pools that end at once: what extraction and wordmark reading share.

Ctrl-C reaches the whole process group and SIGTERM comes from ``timeout``,
CI or ``docker stop``; the scan's own process handles both and must be
able to end its workers without waiting for the work they hold, and
without a traceback from each of them.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

#: The signals a worker must not receive before ``quiet_worker`` has run.
_HELD = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back while workers are started.

    A child inherits the mask: a signal in its first milliseconds waits
    until ``quiet_worker`` has set its handlers, instead of running the
    parent's handler there and printing a traceback from the initializer.
    Here the signal arrives as soon as the workers have started.
    """
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def quiet_worker() -> None:
    """In a worker: leave Ctrl-C to the parent, and end at once on SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)


def stop(pool: ProcessPoolExecutor) -> None:
    """End the workers without waiting for the tasks they are running.

    ``shutdown`` alone would let every task in flight finish first.
    """
    processes = pool._processes or {}  # the pool's own table: shutdown drops it
    pool.shutdown(wait=False, cancel_futures=True)
    workers = list(processes.values())
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(5)
