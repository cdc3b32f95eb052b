"""The HTTP source run in a process of its own, so crawl and lint run in parallel.

In one process the crawler thread and the pipeline share one GIL: their
CPU adds up, and handing the GIL back and forth costs more on top. On the
benchmark site the lint alone read 412 pages/s and the crawl alone 1,325
pages/s, yet both in one process only 233 pages/s. Here the crawl runs in a
child process (``collect/worker.py``) that sends pages over a pipe against
credits, so at most ``worker.CREDITS`` pages are in transit, and fetches
images on request through the crawl's own client. A child that dies is a
``ScanIncomplete``, never a quietly shorter scan.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from collections import deque
from collections.abc import Iterator
from typing import Any, cast

from logocheck.collect import AssetError
from logocheck.collect.content import data_url
from logocheck.collect.options import CrawlOptions
from logocheck.collect.scope import Scope
from logocheck.collect.worker import Channel
from logocheck.errors import ScanIncomplete, TargetError
from logocheck.model import Page, Problem
from logocheck.urls import canonical

BOOTSTRAP = (
    "import pickle, sys; sys.path[:0] = pickle.load(sys.stdin.buffer); "
    "from logocheck.collect.worker import main; main()"
)


class ProcessSource:
    """Pages of a live site crawled by a child process; same interface as HttpSource."""

    def __init__(self, target: str, options: CrawlOptions) -> None:
        if canonical(target) is None:
            raise TargetError(target, "not a valid http(s) URL")
        Scope(target, options)  # bad --include/--exclude patterns are reported here
        self.target = target
        self.options = options
        self._child: subprocess.Popen[bytes] | None = None
        self._channel: Channel | None = None
        self._pending: deque[tuple[Any, ...]] = deque()
        self._problems: list[Problem] = []
        self._counts: dict[str, int] = {}
        self._ended = False

    def pages(self) -> Iterator[Page]:
        channel = self._start()
        try:
            while True:
                message = self._pending.popleft() if self._pending else self._receive()
                if message[0] == "page":
                    channel.send(("credit",))
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
        channel = self._start()
        channel.send(("asset", url))
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
        child, channel = self._child, self._channel
        if child is None or channel is None:
            return
        self._child = self._channel = None
        if not self._ended:
            child.terminate()
        try:
            channel.send(("stop",))
            channel.outbox.close()
        except OSError:
            pass
        try:
            child.wait(timeout=5)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()

    def __enter__(self) -> ProcessSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        if getattr(self, "_child", None) is not None:
            self.close()

    def _start(self) -> Channel:
        if self._channel is not None:
            return self._channel
        child = subprocess.Popen(
            [sys.executable, "-c", BOOTSTRAP], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        assert child.stdin is not None and child.stdout is not None
        channel = Channel(child.stdout, child.stdin)
        self._child, self._channel = child, channel
        with channel.lock:
            pickle.dump(list(sys.path), child.stdin)
        channel.send((self.target, self.options))
        return channel

    def _receive(self) -> tuple[Any, ...]:
        assert self._channel is not None and self._child is not None
        try:
            return self._channel.receive()
        except (EOFError, OSError, pickle.UnpicklingError):
            status = self._child.wait()
            raise ScanIncomplete(
                f"{self.target}: the crawler process ended unexpectedly (exit status {status})"
            ) from None
