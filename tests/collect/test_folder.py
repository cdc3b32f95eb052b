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
