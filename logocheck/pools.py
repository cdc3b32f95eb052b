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
#: How many ``interrupts_held`` blocks the main thread is in, and the signals
#: that arrived meanwhile.
_depth = 0
_deferred: list[int] = []


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back while workers start or a native library loads
    (in the main thread, where the scan's handlers run).

    A child inherits the mask: a signal in its first milliseconds waits
    until ``quiet_worker`` has set its handlers, instead of running the
    parent's handler there and printing a traceback from the initializer.
    The mask only covers this thread, and Python runs a handler in the main
    thread whichever thread the kernel picked; so a handler that finds the
    main thread inside such a block (``deferring``) hands the signal back
    (``defer``), and it is raised again as the block ends. Native module
    start-up (onnxruntime's) swallows what a handler raises inside it.
    """
    global _depth
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        if not _depth and _deferred:
            signum = _deferred[0]
            _deferred.clear()
            signal.raise_signal(signum)


def deferring() -> bool:
    """Whether a signal's handler should ``defer`` instead of raising now."""
    return _depth > 0


def defer(signum: int) -> None:
    """Keep ``signum`` until the ``interrupts_held`` block ends, then raise it again."""
    _deferred.append(signum)


def quiet_worker() -> None:
    """In a worker: leave Ctrl-C to the parent, and end at once on SIGTERM.

    A forked worker starts inside the parent's ``interrupts_held`` block;
    the block's count and deferred signals are the parent's, not its own.
    """
    global _depth
    _depth = 0
    _deferred.clear()
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
