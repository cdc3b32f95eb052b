"""collect: turn a scan target into pages, lazily.

A target is a built-site folder or an http(s) URL. Both sources share one
small interface, ``Source``, so the rest of the pipeline never knows which
it reads from.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from logocheck.model import Page, Problem


class AssetError(Exception):
    """An image or other asset could not be read; ``str()`` says why."""


class Source(Protocol):
    """Where pages and their images come from."""

    def pages(self) -> Iterator[Page]:
        """Yield every page once, lazily, so memory stays flat."""
        ...

    def read_asset(self, url: str) -> bytes:
        """The bytes of an image the pages refer to; raises AssetError."""
        ...

    def problems(self) -> list[Problem]:
        """What could not be fetched or was cut by a limit (after pages())."""
        ...

    def counts(self) -> dict[str, int]:
        """Tallies for the summary (robots-disallowed URLs, retries ...)."""
        ...
