"""The folder source: a built static site on disk, read as its server would.

A file maps to the URL path a static server gives it (``about/index.html``
is ``/about/``) and a URL resolves back to a file the way such a server
does (``/about/`` -> ``about/index.html``, ``/about`` -> ``about.html`` or
``about/index.html``). With ``base_url`` the pages carry the site's real
URLs and absolute links to that site resolve to files too, so a folder scan
and a crawl of the deployed site report the same places.

Nothing outside the root is read: a symlink that leads out of it is
refused and reported, never followed. Only regular files are read (a FIFO
named ``x.html`` would block the scan forever), opened without blocking and
checked before a byte is read: a file over ``max_bytes`` (``--max-bytes``,
as for a crawl) is reported, not loaded. A symlink loop is reported too.

A scan reads a large folder's pages where it extracts them: ``page_files``
lists them unread, a worker reads each (``read_page``, which records
nothing) and the scan hands the pages it refused back (``refuse``) in page
order. ``pages`` does both in one process, for everything else.

A link from a page to a path no file answers is a page missing from the
build; it is reported as a crawl reports a page that failed (a ``fetch``
problem, LC901), so a folder scan and a crawl of the same site agree. The
links come from the extractor's tree (``check_links``): reading them from
the markup here as well cost the scan's main process more than all its
other work on a page.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import SplitResult, unquote, urljoin, urlsplit

from logocheck.collect import AssetError
from logocheck.errors import TargetError
from logocheck.model import Location, Page, Problem
from logocheck.safeopen import NotReadable, read_regular

PAGE_SUFFIXES = frozenset({".html", ".htm"})
INDEX_NAMES = ("index.html", "index.htm")
#: A link that means the same on every page: it names its scheme.
_ABSOLUTE = re.compile(r"\s*[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True, slots=True)
class PageFile:
    """A page of the folder before it is read: its URL, the file as reports
    name it, the path to open, and whether the walk found a symlink there."""

    url: str
    file: str
    path: str
    symlink: bool


class FolderSource:
    """Pages of a folder, each mapped to the URL a server would give it.

    ``url`` is the path (``/customers/``) or, with ``base_url``, the full
    URL (``https://example.com/customers/``).
    """

    def __init__(
        self, root: Path, base_url: str | None = None, max_bytes: int = 10 * 1024 * 1024
    ) -> None:
        try:
            is_folder = root.is_dir()
            self.root = root.resolve()
        except (OSError, RuntimeError) as error:  # a symlink loop, a name too long
            raise TargetError(str(root), f"cannot be read: {error}") from None
        if not is_folder:
            raise TargetError(str(root), "no such folder")
        self.max_bytes = max_bytes
        self.display_root = root
        self.base_url = _folder_url(base_url) if base_url else None
        self._problems: list[Problem] = []
        self._missing: list[Problem] = []
        self._linked: dict[str, bool] = {}
        self._rooted: set[str] = set()
        """Links already checked whose meaning does not depend on the page."""
        self.page_count: int | None = None
        """The number of HTML files, known once the walk has given the first."""

    def pages(self) -> Iterator[Page]:
        """Every page in path order, read here."""
        return self.read_pages(self.page_files())

    def read_pages(self, listed: Iterator[PageFile]) -> Iterator[Page]:
        """The pages of ``listed`` read here, refusals recorded; ``listed`` is
        taken one page at a time, so what is left of it stays unread."""
        for item in listed:
            page = self.read_page(item)
            if isinstance(page, Problem):
                self.refuse(page)
            else:
                yield page

    def page_files(self) -> Iterator[PageFile]:
        """Every page in path order, not read yet (``read_page`` reads one).

        Plain string paths: pathlib's parsing cost more than reading the
        file on a large site. ``page_count`` is known once the first is given.
        """
        prefix = "" if self.display_root == Path(".") else self.display_root.as_posix() + "/"
        root = str(self.root)
        files, links, unlisted = _page_files(root)
        self.page_count = len(files)
        for folder, reason in unlisted:  # its pages are missing: the scan must say so
            location = Location(url=self._url(folder), file=prefix + folder)
            self._problems.append(Problem("fetch", f"folder cannot be listed: {reason}", location))
        for relative in files:
            path = os.path.join(root, relative)
            yield PageFile(self._url(relative), prefix + relative, path, relative in links)

    def read_page(self, listed: PageFile) -> Page | Problem:
        """The page, or the problem that refuses it (a ``fetch`` problem).

        Records nothing, so that the process extracting the page may read
        it; the scan hands the refusals to ``refuse``, in page order.
        """
        # The walk enters no symlinked folder, so only a file it saw as a
        # symlink can lead out; resolving every path would cost six lstat
        # calls a page.
        try:
            if listed.symlink and not _inside(Path(listed.path), self.root):
                return _refusal(listed, "symlink leads outside the site folder")
            body = read_regular(listed.path, self.max_bytes)
        except NotReadable as error:
            return _refusal(listed, str(error))
        return Page(url=listed.url, body=body, file=listed.file)

    def refuse(self, problem: Problem) -> None:
        """Report a page ``read_page`` refused."""
        self._problems.append(problem)

    def _url(self, relative: str) -> str:
        """The URL of a file given by its POSIX path relative to the root."""
        folder, _, name = relative.rpartition("/")
        site_path = f"/{relative}"
        if name in INDEX_NAMES:
            site_path = f"/{folder}/" if folder else "/"
        if self.base_url is None:
            return site_path
        return urljoin(self.base_url, site_path.lstrip("/"))

    def read_asset(self, url: str) -> bytes:
        path = self.file_of(url)
        if path is None:
            raise AssetError(f"no such file in {self.display_root}")
        try:
            return read_regular(str(path), self.max_bytes)
        except NotReadable as error:
            raise AssetError(f"{url}: {error}") from None

    def file_of(self, url: str) -> Path | None:
        """The file a URL names, or None when it is not inside the root.

        Accepts a site path (``/about/``), a full URL under ``base_url``, and
        the pretty forms a static server resolves.
        """
        site_path = self._site_path(url)
        if site_path is None:
            return None
        for candidate in _candidates(unquote(site_path).lstrip("/")):
            try:
                path = (self.root / candidate).resolve()
                if path.is_relative_to(self.root) and path.is_file():
                    return path
            except (OSError, RuntimeError, ValueError):  # a loop, a NUL, a name too long
                continue
        return None

    def problems(self) -> list[Problem]:
        return [*self._problems, *self._missing]

    def counts(self) -> dict[str, int]:
        counts = {"refused": len(self._problems), "missing": len(self._missing)}
        return {name: n for name, n in counts.items() if n}

    def _site_path(self, url: str) -> str | None:
        parts = urlsplit(url)
        if not parts.scheme and not parts.netloc:
            return parts.path
        if self.base_url is None or parts.scheme not in ("http", "https"):
            return None
        base = urlsplit(self.base_url)
        if parts.netloc.lower() != base.netloc.lower():
            return None
        if not parts.path.startswith(base.path):
            return None
        return "/" + parts.path[len(base.path) :]

    def close(self) -> None:
        """Nothing to release: files are opened and closed page by page."""

    def check_links(self, url: str, base: str | None, hrefs: Collection[str]) -> None:
        """Report each link target of the page at ``url`` that no file answers,
        once, naming the first page linking it.

        ``base`` and ``hrefs`` are the page's ``<base href>`` and links as
        the extractor lists them (``Document.links``); pages must come in the order they
        were read, so that the first page named is the same in every run. A
        site-wide link (``href="/pricing/"`` in every page's menu) is resolved
        once: it is remembered when what it means does not depend on the page
        (a rooted link on a page with no ``<base>``, or an absolute one).
        """
        known = self._rooted
        if known.issuperset(hrefs):
            return  # only site-wide links already checked: most pages, tested in C
        page = urljoin(url, base.strip()) if base is not None else url
        for href in hrefs:
            if href in known:
                continue
            if _ABSOLUTE.match(href) or (base is None and href[:1] == "/" and href[:2] != "//"):
                known.add(href)
            self._check_target(urlsplit(urljoin(page, href.strip())), url)

    def _check_target(self, target: SplitResult, linked_from: str) -> None:
        if target.scheme not in ("", "http", "https"):
            return
        site_path = self._site_path(target._replace(query="", fragment="").geturl())
        if site_path is None or site_path in self._linked:
            return
        exists = self.file_of(site_path) is not None
        self._linked[site_path] = exists
        if not exists:
            missing = urljoin(self.base_url, site_path[1:]) if self.base_url else site_path
            detail = f"not in the build (linked from {linked_from})"
            self._missing.append(Problem("fetch", detail, Location(url=missing)))


def _page_files(root: str) -> tuple[list[str], set[str], list[tuple[str, str]]]:
    """POSIX paths, relative to ``root``, of the HTML files under it, in path
    order; those of them that are symlinks; and the folders that could not be
    listed, with why.

    Path order compares paths folder by folder (``a/b.html`` before
    ``a.html``), which is a walk that takes each folder's entries in name
    order. Symlinked folders are not entered. One ``scandir`` a folder and
    no other call: the entry's type comes with the listing.
    """
    files: list[str] = []
    links: set[str] = set()
    unlisted: list[tuple[str, str]] = []
    _walk(root, "", files, links, unlisted)
    return files, links, unlisted


def _walk(
    folder: str, within: str, files: list[str], links: set[str], unlisted: list[tuple[str, str]]
) -> None:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=_name)
    except OSError as error:
        unlisted.append((within, error.strerror or str(error)))
        return
    for entry in entries:
        name = entry.name
        if _is_folder(entry, follow=False):
            _walk(entry.path, f"{within}{name}/", files, links, unlisted)
        elif os.path.splitext(name)[1].lower() in PAGE_SUFFIXES and not _is_folder(entry):
            files.append(within + name)
            if _is_link(entry):
                links.add(within + name)


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _is_folder(entry: os.DirEntry[str], follow: bool = True) -> bool:
    """Whether the entry is a folder (a symlink to one when ``follow``); an
    entry whose type cannot be read is a file, as ``os.walk`` takes it."""
    try:
        return entry.is_dir(follow_symlinks=follow)
    except OSError:
        return False


def _is_link(entry: os.DirEntry[str]) -> bool:
    """Whether the entry is a symlink; one whose type cannot be read is
    taken for one, so that where it leads is checked."""
    try:
        return entry.is_symlink()
    except OSError:
        return True


def _refusal(listed: PageFile, reason: str) -> Problem:
    return Problem("fetch", reason, Location(url=listed.url, file=listed.file))


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):
        raise NotReadable("symlink loop") from None


def _candidates(path: str) -> tuple[str, ...]:
    """Files a static server would try for a URL path, in its order."""
    if path == "" or path.endswith("/"):
        return tuple(path + name for name in INDEX_NAMES)
    if PurePosixPath(path).suffix:
        return (path,)
    return (path, f"{path}.html", f"{path}/index.html")


def _folder_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise TargetError(url, "--base-url must be an http(s) URL")
    return url if url.endswith("/") else url + "/"
