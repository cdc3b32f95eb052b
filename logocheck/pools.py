"""Worker pools that end at once: what extraction and wordmark reading share.

Ctrl-C reaches the whole process group and SIGTERM comes from ``timeout``,
CI or ``docker stop``; the scan's own process handles both and must be
able to end its workers without waiting for the work they hold, and
without a traceback from each of them.
"""

from __future__ import annotations

import signal
from concurrent.futures import ProcessPoolExecutor


def quiet_worker() -> None:
    """In a worker: leave Ctrl-C to the parent, and end at once on SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


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
