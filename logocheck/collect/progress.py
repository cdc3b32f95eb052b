"""The crawl's progress line on stderr: pages done and queued, errors, rate.

Shown on a terminal only (never on a pipe or when ``CI`` is set) unless
``--progress`` forces it. It is the one place the crawler writes to a
stream; it rewrites a single line at most four times a second and clears
it at the end, so it never mixes with the report.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO


def wanted(option: bool | None, stream: TextIO) -> bool:
    if option is not None:
        return option
    return stream.isatty() and not os.environ.get("CI")


class ProgressLine:
    def __init__(
        self, stream: TextIO | None = None, interval: float = 0.25, label: str = "crawl"
    ) -> None:
        self.stream = stream or sys.stderr
        self.label = label
        self.interval = interval
        self.started = time.monotonic()
        self.shown = 0.0
        self.width = 0

    def update(self, done: int, queued: int, errors: int) -> None:
        now = time.monotonic()
        if now - self.shown < self.interval:
            return
        self.shown = now
        rate = done / max(now - self.started, 1e-6)
        text = f"{self.label}: {done} pages, {queued} queued, {errors} errors, {rate:.0f} pages/s"
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)

    def finish(self) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
