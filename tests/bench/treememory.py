"""Peak resident memory of a benchmarked command and the processes it starts.

Listing a process's descendants reads every process's ``/proc`` entry:
done at every 20 ms sample, it cost the benchmark a twentieth of a core,
taken from the command it was measuring (the baseline it is compared with
runs unwatched). The descendants are listed again only every half second;
in between, each sample reads the known processes' sizes alone.
"""

from __future__ import annotations

import time

import psutil

#: How often the resident sizes are read, in seconds.
SAMPLE_EVERY = 0.02
#: How often the descendants are listed again, in seconds: workers start
#: once, at the beginning, and live to the end.
LIST_EVERY = 0.5


def wait_with_peak(process: psutil.Popen) -> int:
    """Wait for ``process`` to exit; the largest sum of the resident sizes of it
    and its descendants seen meanwhile, in bytes.

    An upper bound: forked workers share pages that each one's resident
    size counts again.
    """
    members: list[psutil.Process] = [process]
    listed = float("-inf")
    peak = 0
    while process.poll() is None:
        now = time.monotonic()
        if now - listed >= LIST_EVERY:
            members = [process, *_descendants(process)]
            listed = now
        peak = max(peak, sum(_resident(member) for member in members))
        time.sleep(SAMPLE_EVERY)
    return peak


def _descendants(process: psutil.Process) -> list[psutil.Process]:
    try:
        return process.children(recursive=True)
    except psutil.Error:
        return []


def _resident(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.Error:  # exited between listing and reading
        return 0
