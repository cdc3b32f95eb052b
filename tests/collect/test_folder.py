"""The folder source maps files to URLs and URLs back to files as a static server does."""

from __future__ import annotations

from pathlib import Path

import pytest

from logocheck.collect import open_source
from logocheck.collect.folder import FolderSource
from logocheck.collect.options import CrawlOptions
from logocheck.errors import TargetError


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "about").mkdir(parents=True)
    (root / "index.html").write_text("<a href='/about/'>about</a>")
    (root / "about" / "index.html").write_text("<h1>About</h1>")
    (root / "pricing.html").write_text("<h1>Pricing</h1>")
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return root


def test_pages_map_to_server_paths(site: Path) -> None:
    urls = [page.url for page in FolderSource(site).pages()]
    assert urls == ["/about/", "/", "/pricing.html"]


def test_base_url_gives_full_urls(site: Path) -> None:
    source = FolderSource(site, base_url="https://www.globex.example/docs")
    urls = sorted(page.url for page in source.pages())
    assert urls == [
        "https://www.globex.example/docs/",
        "https://www.globex.example/docs/about/",
        "https://www.globex.example/docs/pricing.html",
    ]
    assert source.file_of("https://www.globex.example/docs/logo.png") == (site / "logo.png")
    assert source.file_of("https://other.example/docs/logo.png") is None


@pytest.mark.parametrize(
    ("url", "file"),
    [
        ("/about/", "about/index.html"),
        ("/about", "about/index.html"),
        ("/pricing", "pricing.html"),
        ("/pricing.html", "pricing.html"),
        ("/", "index.html"),
        ("/logo.png?v=3", "logo.png"),
    ],
)
def test_pretty_urls_resolve_to_files(site: Path, url: str, file: str) -> None:
    assert FolderSource(site).file_of(url) == (site / file).resolve()


def test_nothing_outside_the_root(site: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text("<p>private</p>")
    (site / "leak.html").symlink_to(secret)
    source = FolderSource(site)
    urls = [page.url for page in source.pages()]
    assert "/leak.html" not in urls
    [problem] = source.problems()
    assert problem.kind == "fetch"
    assert "outside" in problem.detail
    assert source.file_of("/../secret.html") is None
    assert source.file_of("/leak.html") is None


def test_open_source_chooses_and_refuses(site: Path, tmp_path: Path) -> None:
    assert isinstance(open_source(str(site), CrawlOptions()), FolderSource)
    with pytest.raises(TargetError, match="no such folder"):
        open_source(str(tmp_path / "missing"), CrawlOptions())
    with pytest.raises(TargetError, match="only http"):
        open_source("ftp://globex.example/", CrawlOptions())


def test_pages_come_in_path_order_folder_by_folder(tmp_path: Path) -> None:
    # "a/z.html" comes before "a-b.html" although "-" sorts before "/":
    # paths are compared folder by folder, whatever order the disk lists them in
    root = tmp_path / "site"
    for name in ("a-b.html", "a/z.html", "a/b/index.htm", "a.html", "B.HTML", "a/notes.txt"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("<p>x</p>")
    source = FolderSource(root)
    files = [page.file for page in source.pages()]
    prefix = root.as_posix() + "/"
    assert files == [
        prefix + f for f in ("B.HTML", "a/b/index.htm", "a/z.html", "a-b.html", "a.html")
    ]
    assert source.page_count == 5


def test_symlinks_are_followed_inside_the_root_only(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "real").mkdir(parents=True)
    (root / "real" / "index.html").write_text("<p>real</p>")
    (root / "alias.html").symlink_to(root / "real" / "index.html")
    (root / "mirror").symlink_to(root / "real")  # a symlinked folder is not entered
    (root / "folder.html").symlink_to(root / "real")  # a folder, whatever its name
    (root / "dangling.html").symlink_to(root / "gone.html")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_text("<p>private</p>")
    (root / "out").symlink_to(outside)
    (root / "leak.html").symlink_to(outside / "index.html")
    source = FolderSource(root)
    pages = {page.url: page.body for page in source.pages()}
    assert pages == {"/alias.html": b"<p>real</p>", "/real/": b"<p>real</p>"}
    refused = [(p.location.url, p.detail) for p in source.problems()]
    assert refused == [
        ("/dangling.html", "No such file or directory"),
        ("/leak.html", "symlink leads outside the site folder"),
    ]
    assert source.page_count == 4


def test_a_folder_that_cannot_be_listed_is_a_problem_not_a_silent_gap(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its pages are missing from the scan, so the scan says so.

    The tests run as root, whom file modes do not stop: the listing's
    refusal is injected where the walk lists a folder.
    """
    import os

    import logocheck.collect.folder as folder

    (site / "secret").mkdir()
    (site / "secret" / "index.html").write_text("<h1>Secret</h1>")
    listed = os.scandir

    def scandir(path: str) -> object:
        if path.endswith("secret"):
            raise PermissionError(13, "Permission denied", path)
        return listed(path)

    monkeypatch.setattr(folder.os, "scandir", scandir)
    source = FolderSource(site)
    assert [page.url for page in source.pages()] == ["/about/", "/", "/pricing.html"]
    problems = [(p.kind, p.location.url, p.location.file, p.detail) for p in source.problems()]
    assert problems == [
        (
            "fetch",
            "/secret/",
            f"{site.as_posix()}/secret/",
            "folder cannot be listed: Permission denied",
        )
    ]
    assert source.counts() == {"refused": 1}
