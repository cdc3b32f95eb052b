"""collect: turn a scan target into pages, lazily.

A target is a built-site folder or an http(s) URL. Both sources share one
small interface, ``Source``, so the rest of the pipeline never knows which
it reads from.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

from logocheck.errors import AssetError as AssetError  # raised by every Source
from logocheck.errors import TargetError
from logocheck.model import Page, Problem

if TYPE_CHECKING:
    from logocheck.collect.options import CrawlOptions


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

    def close(self) -> None:
        """Release connections and processes; the source is not used after."""
        ...


def open_source(target: str, options: CrawlOptions) -> Source:
    """The source for ``target``: an http(s) URL is crawled, anything else is a folder.

    A crawl runs in a process of its own (``collect/process.py``) so that it
    does not share the pipeline's GIL. Raises ``TargetError`` for a missing
    folder or a URL of another scheme.
    """
    scheme = urlsplit(target).scheme.lower()
    if scheme in ("http", "https"):
        from logocheck.collect.process import ProcessSource

        return ProcessSource(target, options)
    if "://" in target or scheme in ("file", "ftp", "data", "javascript", "mailto"):
        raise TargetError(target, "only http and https URLs can be crawled")
    from logocheck.collect.folder import FolderSource

    return FolderSource(Path(target), base_url=options.base_url, max_bytes=options.max_bytes)
