"""The HTTP source run in a process of its own, so crawl and lint run in parallel.

In one process the crawler thread and the pipeline share one GIL: their
CPU adds up, and handing the GIL back and forth costs more on top. On the
benchmark site the lint alone read 412 pages/s and the crawl alone 1,325
pages/s, yet both in one process only 233 pages/s. Here the crawl runs in a
child process (``collect/worker.py``, started by multiprocessing's spawn
context) that sends pages over a ``Connection`` against credits, so at most
``worker.CREDITS`` pages are in transit, and fetches images on request
through the crawl's own client. A child that dies is a ``ScanIncomplete``,
never a quietly shorter scan.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections import deque
from collections.abc import Iterator
from contextlib import suppress
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, cast

from logocheck.collect import AssetError, worker
from logocheck.collect.content import data_url
from logocheck.collect.options import CrawlOptions
from logocheck.collect.scope import Scope
from logocheck.errors import ScanIncomplete, TargetError
from logocheck.model import Page, Problem
from logocheck.pools import interrupts_held
from logocheck.urls import canonical


class ProcessSource:
    """Pages of a live site crawled by a child process; same interface as HttpSource."""

    def __init__(self, target: str, options: CrawlOptions) -> None:
        if canonical(target) is None:
            raise TargetError(target, "not a valid http(s) URL")
        Scope(target, options)  # bad --include/--exclude patterns are reported here
        self.target = target
        self.options = options
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None
        self._pending: deque[tuple[Any, ...]] = deque()
        self._problems: list[Problem] = []
        self._counts: dict[str, int] = {}
        self._ended = False

    def pages(self) -> Iterator[Page]:
        connection = self._start()
        unpaid = 0  # pages taken since credits were last sent: they go in batches
        try:
            while True:
                message = self._pending.popleft() if self._pending else self._receive()
                if message[0] == "page":
                    unpaid += 1
                    if unpaid == worker.CREDIT_BATCH:
                        connection.send(("credit", unpaid))
                        unpaid = 0
                    yield cast(Page, message[1])
                elif message[0] == "end":
                    self._problems, self._counts = message[1], message[2]
                    self._ended = True
                    return
                elif message[0] == "fail":
                    raise ScanIncomplete(str(message[1]))
        except GeneratorExit:  # the consumer stopped early: stop the crawl too
            self.close()
            raise

    def read_asset(self, url: str) -> bytes:
        if url.startswith("data:"):
            return data_url(url)
        self._start().send(("asset", url))
        while True:
            message = self._receive()
            if message[0] == "asset" and message[1] == url:
                break
            self._pending.append(message)
        if isinstance(message[2], str):
            raise AssetError(message[2])
        return cast(bytes, message[2])

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def counts(self) -> dict[str, int]:
        return dict(self._counts)

    def close(self) -> None:
        """Stop the child: asked to when its crawl has ended, at once when not
        (the consumer stopped early, a signal, an error), so nothing outlives the scan."""
        process, connection = self._process, self._connection
        if process is None or connection is None:
            return
        self._process = self._connection = None
        if not self._ended:
            process.terminate()
        with suppress(OSError):
            connection.send(("stop",))
        connection.close()
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join()
        process.close()

    def __enter__(self) -> ProcessSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        if getattr(self, "_process", None) is not None:
            self.close()

    def _start(self) -> Connection:
        """The connection to the crawler, started on first use.

        Spawned, not forked: the scan process may already hold threads
        and a large heap, and the crawler needs neither.
        """
        if self._connection is not None:
            return self._connection
        spawn = multiprocessing.get_context("spawn")
        mine, theirs = spawn.Pipe()
        process = spawn.Process(
            target=worker.main,
            args=(theirs, self.target, self.options),
            name="logocheck-crawl",
            daemon=True,
        )
        with interrupts_held():
            process.start()
        theirs.close()  # the child's end: only the child may hold it, so its death is EOF here
        self._process, self._connection = process, mine
        return mine

    def _receive(self) -> tuple[Any, ...]:
        assert self._connection is not None and self._process is not None
        try:
            message = self._connection.recv()
        except (EOFError, OSError, pickle.UnpicklingError):
            self._process.join()
            raise ScanIncomplete(
                f"{self.target}: the crawler process ended unexpectedly "
                f"(exit status {self._process.exitcode})"
            ) from None
        assert isinstance(message, tuple)
        return message
