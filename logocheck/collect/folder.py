"""The folder source: a built static site on disk, read as its server would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from logocheck.collect import AssetError
from logocheck.errors import TargetError
from logocheck.model import Page, Problem

PAGE_SUFFIXES = frozenset({".html", ".htm"})


class FolderSource:
    """Pages of a folder, each mapped to the URL path a server would give it.

    ``index.html`` maps to its folder's path (``/customers/index.html`` is
    ``/customers/``), any other file to its own path.
    """

    def __init__(self, root: Path) -> None:
        if not root.is_dir():
            raise TargetError(str(root), "no such folder")
        self.root = root.resolve()
        self.display_root = root
        self._problems: list[Problem] = []

    def pages(self) -> Iterator[Page]:
        for path in sorted(self._page_files()):
            file = self.display_root / path.relative_to(self.root)
            yield Page(url=self.url_of(path), body=path.read_bytes(), file=file.as_posix())

    def url_of(self, path: Path) -> str:
        relative = PurePosixPath(path.relative_to(self.root).as_posix())
        if relative.name in ("index.html", "index.htm"):
            parent = str(relative.parent)
            return "/" if parent == "." else f"/{parent}/"
        return f"/{relative}"

    def read_asset(self, url: str) -> bytes:
        path = self.file_of(url)
        if path is None:
            raise AssetError(f"{url} is not a file inside {self.root}")
        try:
            return path.read_bytes()
        except OSError as error:
            raise AssetError(f"{url}: {error.strerror}") from None

    def file_of(self, url: str) -> Path | None:
        """The file a site-relative URL names, or None outside the root."""
        path = unquote(urlsplit(url).path).lstrip("/")
        candidate = (self.root / path).resolve()
        if not candidate.is_relative_to(self.root) or not candidate.is_file():
            return None
        return candidate

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def counts(self) -> dict[str, int]:
        return {}

    def _page_files(self) -> Iterator[Path]:
        for path in self.root.rglob("*"):
            if path.suffix.lower() in PAGE_SUFFIXES and path.is_file():
                yield path
