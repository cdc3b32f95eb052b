"""Extract pages in worker processes, so a large site uses every core.

Parsing and walking a page is pure CPU under the GIL, and on a site of
thousands of pages it is most of a scan. Small sites stay in-process (a
worker costs more to start than a few pages cost to read); from the
``SERIAL_PAGES``-th page on, pages go to a pool of forked workers that
inherited the scan's ``ExtractContext``, a chunk at a time, with a
bounded number of chunks in flight so memory stays flat however large
the site is (a few of pages, more of a folder's unread paths). A
source that knows it holds more pages than that (a folder, once walked)
has its workers forked at once: they will be started anyway, and reading
the first pages in-process first would leave every other core idle.

A folder's pages may come unread (``Reader``): each is then read by the
process that extracts it, so a page's bytes are not read by the scan's
process and pickled through a pipe to a worker (together 60-80 µs of CPU
for a page of 55 KB, three times what reading it costs). A page that cannot
be read goes back to the source as the same problem, in page order.

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
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any, Generic, Protocol, TypeVar

from logocheck.errors import ScanIncomplete
from logocheck.extract import ExtractContext, Extraction, ExtractMemory, extract
from logocheck.model import Location, Page, Problem
from logocheck.pools import interrupts_held, quiet_worker, stop
from logocheck.recent import Recent

#: CPU seconds one page's extraction may take before it is given up (LC906).
PAGE_SECONDS = 60.0
#: Pages read in-process before workers are worth starting.
SERIAL_PAGES = 48
#: Pages a worker reads per round trip, and round trips in flight per worker.
CHUNK = 16
IN_FLIGHT = 3
#: Round trips in flight per worker when the pages come unread (a folder's):
#: such a chunk is a list of paths, so a deeper queue costs nothing, and it
#: keeps the workers busy while the scan's process pauses after starting
#: them, a tenth of a second or more, to build the identifier (NumPy,
#: Pillow). Three chunks each were done in a third of that, and the
#: workers waited.
IN_FLIGHT_UNREAD = 12
#: Keys of elements a worker remembers having sent in full (see ``_without_repeats``).
SENT_MAX = 100_000


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


#: What the pipeline gets per page: its URL, what was found on it that is
#: new, and the keys of elements already sent earlier (see occurrences).
Extracted = tuple[str, Extraction, tuple[str, ...]]


class Listed(Protocol):
    """A page not read yet: its URL is all the scan's process needs of it."""

    @property
    def url(self) -> str: ...


L = TypeVar("L", bound=Listed)
L_contra = TypeVar("L_contra", bound=Listed, contravariant=True)
Item = TypeVar("Item")


class Reader(Protocol[L_contra]):
    """A source whose pages come unread (a folder)."""

    def read_page(self, listed: L_contra, /) -> Page | Problem:
        """The page, or the problem refusing it; called in a worker, so it records nothing."""
        ...

    def refuse(self, problem: Problem, /) -> None:
        """Record a page that could not be read; called in page order."""
        ...


def extract_all(
    pages: Iterable[Page | L],
    context: ExtractContext,
    jobs: int,
    known: int | None = None,
    reader: Reader[L] | None = None,
) -> Generator[Extracted, None, None]:
    """Each page with its extraction, in the order the pages came.

    ``known`` is the number of pages when the source knows it in advance;
    ``reader`` reads the pages that come unread, and is told those it refused.
    """
    listed = iter(pages)
    worker = _Worker(context, ExtractMemory(), Recent(SENT_MAX), reader)
    serial = 0 if known is not None and known > SERIAL_PAGES else SERIAL_PAGES
    for item in islice(listed, serial):
        yield from _in_order(item, worker.extract(item), reader)
    if jobs > 1 and _can_fork():
        yield from _in_workers(listed, worker, jobs)
    else:
        for item in listed:
            yield from _in_order(item, worker.extract(item), reader)


def _in_order(
    item: Page | Listed, done: Sent | Problem, reader: Reader[L] | None
) -> Iterator[Extracted]:
    """The page's result for the scan, or its refusal handed to the reader."""
    if isinstance(done, Problem):
        assert reader is not None, "only a reader refuses a page"
        reader.refuse(done)
        return
    found, repeats = done
    yield item.url, found, repeats


class PageTimeout(BaseException):
    """Raised by the timer in the middle of a page's extraction.

    A BaseException, so the extractor's own "one bad page" handler does not
    take it for a bug in the page.
    """


def bounded_extract(
    page: Page, context: ExtractContext, memory: ExtractMemory | None = None
) -> Extraction:
    """``extract`` with a deadline: a page that takes too long becomes an LC906 problem.

    The timer counts the process's CPU time (``ITIMER_VIRTUAL``, SIGVTALRM),
    so a loaded machine does not cut a page short and the wall-clock alarm
    stays free for the program around us. Its signal interrupts Python code
    (a quadratic loop) between bytecodes; it is only armed in a main
    thread, where signals go. Python prints and drops an exception raised
    by a handler that runs inside a garbage-collector callback or a
    ``__del__``, so once the deadline has passed the timer fires again every
    ``_AGAIN`` seconds of CPU until the page is given up.

    A worker keeps the deadline's handler installed for its whole life
    (``_adopt``): installing a handler and putting the previous one back
    cost more than a read of the page's file. Anywhere else the handler is
    installed for the page only.
    """
    if threading.current_thread() is not threading.main_thread() or PAGE_SECONDS <= 0:
        return extract(page, context, memory)
    kept = signal.getsignal(signal.SIGVTALRM) is _DEADLINE.expire
    previous = None if kept else signal.signal(signal.SIGVTALRM, _DEADLINE.expire)
    _DEADLINE.over = False
    signal.setitimer(signal.ITIMER_VIRTUAL, PAGE_SECONDS, _AGAIN)
    try:
        return extract(page, context, memory)
    except PageTimeout:
        _DEADLINE.over = True
        detail = f"extraction took over {PAGE_SECONDS:g}s of CPU; the page was given up"
        return Extraction(
            (), (), (Problem("parse", detail, Location(url=page.url, file=page.file)),)
        )
    finally:
        _DEADLINE.over = True
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        if not kept:
            signal.signal(signal.SIGVTALRM, previous)


#: CPU seconds between the deadline's reminders (see ``bounded_extract``).
_AGAIN = 0.05


class _Deadline:
    """The deadline of the page being extracted: raises until it has been given up.

    One per process, with its handler made once: ``getsignal`` gives back
    the very object installed, which tells a kept handler from another.
    """

    __slots__ = ("expire", "over")

    def __init__(self) -> None:
        self.over = True
        self.expire = self._expire

    def _expire(self, signum: int, frame: object) -> None:
        if not self.over:
            raise PageTimeout


_DEADLINE = _Deadline()


def _can_fork() -> bool:
    """Forking is only safe with no other thread that could hold a lock."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


Sent = tuple[Extraction, tuple[str, ...]]


def _in_workers(pages: Iterator[Page | L], worker: _Worker[L], jobs: int) -> Iterator[Extracted]:
    fork = multiprocessing.get_context("fork")
    window: deque[tuple[list[Page | L], Future[list[Sent | Problem]]]] = deque()
    depth = jobs * (IN_FLIGHT_UNREAD if worker.reader is not None else IN_FLIGHT)
    pool = ProcessPoolExecutor(jobs, mp_context=fork, initializer=_adopt, initargs=(worker,))
    try:
        while chunk := list(islice(pages, CHUNK)):
            with interrupts_held():  # the first submit forks the workers
                future = pool.submit(_extract_chunk, chunk)
            window.append((chunk, future))
            if len(window) >= depth:
                yield from _collect(*window.popleft(), worker.reader)
        while window:
            yield from _collect(*window.popleft(), worker.reader)
    except BrokenProcessPool:
        stop(pool)
        raise ScanIncomplete("a page extraction worker died; the scan is incomplete") from None
    except BaseException:  # a signal, or the consumer stopping early: end the workers now
        stop(pool)
        raise
    pool.shutdown()


def _collect(
    chunk: list[Page | L], future: Future[list[Sent | Problem]], reader: Reader[L] | None
) -> Iterator[Extracted]:
    for item, done in zip(chunk, future.result(), strict=True):
        yield from _in_order(item, done, reader)


# --- in the worker ----------------------------------------------------------


@dataclass(slots=True)
class _Worker(Generic[L]):
    """All a worker keeps from chunk to chunk: the scan's context, the markup it
    has read, and the keys of what it has sent (both bounded); and the reader
    of the pages that come unread. The scan's process extracts through one
    too, before workers start or when there are none."""

    context: ExtractContext
    memory: ExtractMemory
    sent: Recent[str, bool]
    reader: Reader[L] | None = None

    def extract(self, item: Page | L) -> Sent | Problem:
        """The page's extraction, reading it first if it came unread."""
        page = item if isinstance(item, Page) else self._read(item)
        if isinstance(page, Problem):
            return page
        return bounded_extract(page, self.context, self.memory), ()

    def _read(self, listed: L) -> Page | Problem:
        assert self.reader is not None, "a page came unread without a reader"
        return self.reader.read_page(listed)


_worker: _Worker[Any] | None = None


def _adopt(worker: _Worker[Any]) -> None:
    """Worker start-up: keep what the parent built (inherited by fork).

    Ctrl-C reaches the whole process group; the parent handles it and ends
    the workers, so a worker ignores it (no traceback of its own). SIGTERM,
    which the parent sends, ends a worker at once.
    """
    global _worker
    _worker = worker
    quiet_worker()
    signal.signal(signal.SIGVTALRM, _DEADLINE.expire)  # kept: see ``bounded_extract``


def _extract_chunk(chunk: Sequence[Page | Listed]) -> list[Sent | Problem]:
    worker = _worker
    assert worker is not None, "worker started without an extract context"
    done = (worker.extract(item) for item in chunk)
    return [d if isinstance(d, Problem) else _without_repeats(d[0], worker.sent) for d in done]


def _without_repeats(found: Extraction, sent: Recent[str, bool]) -> Sent:
    """Send each element in full once; after that only its key.

    Pickling a footer wall of 24 logos for every page would cost the parent
    more than the extraction saves; a key costs a few bytes. A key goes as a
    repeat only when an earlier page carried its element: the scan counts a
    page once per element, so a second copy on the page that first carries
    it adds nothing (and would name an element the parent has not yet been
    given). A repeated logo (a section read on an earlier page, see
    ``ExtractMemory``) is checked the same way: the page that read it may
    have failed after. A key ``sent`` has forgotten only means the element
    is sent in full again, which the parent counts as a repeat.
    """
    repeats: list[str] = []
    fresh: set[str] = set()
    shown = (*found.logos, *found.repeated)
    logos = _unsent([(logo, (logo.key,)) for logo in shown], sent, fresh, repeats)
    keyed = [(claim, tuple(key for key, _ in claim.keys)) for claim in found.claims]
    claims = _unsent(keyed, sent, fresh, repeats)
    return replace(found, logos=tuple(logos), claims=tuple(claims), repeated=()), tuple(repeats)


def _unsent(
    items: list[tuple[Item, tuple[str, ...]]],
    sent: Recent[str, bool],
    fresh: set[str],
    repeats: list[str],
) -> list[Item]:
    """The items with a key not sent before; the keys of the others go to ``repeats``.

    A plain loop: a footer wall's 24 logos pass through it on every page.
    """
    kept = []
    for item, keys in items:
        for key in keys:
            if key not in fresh and key not in sent:
                break
        else:  # every key sent: a repeat (unless this page sent it first)
            repeats.extend([key for key in keys if key not in fresh])
            continue
        for key in keys:
            sent[key] = True
        fresh.update(keys)
        kept.append(item)
    return kept
