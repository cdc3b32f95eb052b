"""Extract pages in worker processes, so a large site uses every core.

Parsing and walking a page is pure CPU under the GIL, and on a site of
thousands of pages it is most of a scan. Small sites stay in-process (a
worker costs more to start than a few pages cost to read); from the
``SERIAL_PAGES``-th page on, pages go to a pool of forked workers that
inherited the scan's ``ExtractContext``, a chunk at a time, with only a
few chunks in flight so memory stays flat however large the site is.

Results come back in page order, so reports stay byte-identical whatever
the number of workers. A worker that dies ends the scan with
``ScanIncomplete``: a scan never quietly loses pages.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from itertools import islice

from logocheck.errors import ScanIncomplete
from logocheck.extract import ExtractContext, Extraction, extract
from logocheck.model import Location, Logo, Page, Problem
from logocheck.occurrences import claim_keys, logo_key
from logocheck.pools import quiet_worker, stop

#: CPU seconds one page's extraction may take before it is given up (LC906).
PAGE_SECONDS = 60.0
#: Pages read in-process before workers are worth starting.
SERIAL_PAGES = 48
#: Pages a worker reads per round trip, and round trips in flight per worker.
CHUNK = 16
IN_FLIGHT = 3


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


#: What the pipeline gets per page: the page, what was found on it that is
#: new, and the keys of elements already sent earlier (see occurrences).
Extracted = tuple[Page, Extraction, tuple[int, ...]]


def extract_all(pages: Iterable[Page], context: ExtractContext, jobs: int) -> Iterator[Extracted]:
    """Each page with its extraction, in the order the pages came."""
    pages = iter(pages)
    for page in islice(pages, SERIAL_PAGES):
        yield page, bounded_extract(page, context), ()
    if jobs > 1 and _can_fork():
        yield from _in_workers(pages, context, jobs)
    else:
        for page in pages:
            yield page, bounded_extract(page, context), ()


class PageTimeout(BaseException):
    """Raised by the timer in the middle of a page's extraction.

    A BaseException, so the extractor's own "one bad page" handler does not
    take it for a bug in the page.
    """


def bounded_extract(page: Page, context: ExtractContext) -> Extraction:
    """``extract`` with a deadline: a page that takes too long becomes an LC906 problem.

    The timer counts the process's CPU time (``ITIMER_VIRTUAL``, SIGVTALRM),
    so a loaded machine does not cut a page short and the wall-clock alarm
    stays free for the program around us. Its signal interrupts Python code
    (a quadratic loop) between bytecodes; it is only armed in a main
    thread, where signals go.
    """
    if threading.current_thread() is not threading.main_thread() or PAGE_SECONDS <= 0:
        return extract(page, context)
    previous = signal.signal(signal.SIGVTALRM, _time_up)
    signal.setitimer(signal.ITIMER_VIRTUAL, PAGE_SECONDS)
    try:
        return extract(page, context)
    except PageTimeout:
        detail = f"extraction took over {PAGE_SECONDS:g}s of CPU; the page was given up"
        return Extraction(
            (), (), (Problem("parse", detail, Location(url=page.url, file=page.file)),)
        )
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


def _time_up(signum: int, frame: object) -> None:
    raise PageTimeout


def _can_fork() -> bool:
    """Forking is only safe with no other thread that could hold a lock."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


Sent = tuple[Extraction, tuple[int, ...]]


def _in_workers(pages: Iterator[Page], context: ExtractContext, jobs: int) -> Iterator[Extracted]:
    fork = multiprocessing.get_context("fork")
    window: deque[tuple[list[Page], Future[list[Sent]]]] = deque()
    pool = ProcessPoolExecutor(jobs, mp_context=fork, initializer=_adopt, initargs=(context,))
    try:
        while chunk := list(islice(pages, CHUNK)):
            window.append((chunk, pool.submit(_extract_chunk, chunk)))
            if len(window) >= jobs * IN_FLIGHT:
                yield from _collect(window.popleft())
        while window:
            yield from _collect(window.popleft())
    except BrokenProcessPool:
        stop(pool)
        raise ScanIncomplete("a page extraction worker died; the scan is incomplete") from None
    except BaseException:  # a signal, or the consumer stopping early: end the workers now
        stop(pool)
        raise
    pool.shutdown()


def _collect(item: tuple[list[Page], Future[list[Sent]]]) -> Iterator[Extracted]:
    chunk, future = item
    for page, (found, repeats) in zip(chunk, future.result(), strict=True):
        yield page, found, repeats


# --- in the worker ----------------------------------------------------------

_context: ExtractContext | None = None
_sent: set[int] = set()
_repeated: dict[int, tuple[Logo, int]] = {}


def _adopt(context: ExtractContext) -> None:
    """Worker start-up: keep the context the parent built (inherited by fork).

    Ctrl-C reaches the whole process group; the parent handles it and ends
    the workers, so a worker ignores it (no traceback of its own). SIGTERM,
    which the parent sends, ends a worker at once.
    """
    global _context
    _context = context
    quiet_worker()


def _extract_chunk(chunk: list[Page]) -> list[Sent]:
    assert _context is not None, "worker started without an extract context"
    return [_without_repeats(bounded_extract(page, _context)) for page in chunk]


def _repeated_key(logo: Logo) -> int:
    """The key of a logo the extractor hands on again page after page.

    It is the very same object each time (the extractor keeps it), so its
    key is hashed once; keeping the object here keeps its id from being reused.
    """
    known = _repeated.get(id(logo))
    if known is None or known[0] is not logo:
        known = _repeated[id(logo)] = (logo, logo_key(logo))
    return known[1]


def _without_repeats(found: Extraction) -> Sent:
    """Send each element once per worker; after that only its key.

    Pickling a footer wall of 24 logos for every page would cost the parent
    more than the extraction saves; a key costs a few bytes. A key is sent
    as a repeat only when an earlier page of this worker carried its
    element: the scan counts a page once per element, so copies on the
    page that first carries it add nothing.
    """
    repeats: list[int] = []
    fresh: set[int] = set()

    def known(keys: list[int]) -> bool:
        if all(key in _sent for key in keys):
            repeats.extend(key for key in keys if key not in fresh)
            return True
        _sent.update(keys)
        fresh.update(keys)
        return False

    logos = [logo for logo in found.logos if not known([logo_key(logo)])]
    logos += [logo for logo in found.repeated if not known([_repeated_key(logo)])]
    claims = [claim for claim in found.claims if not known([k for k, _ in claim_keys(claim)])]
    return replace(found, logos=tuple(logos), claims=tuple(claims), repeated=()), tuple(repeats)
