"""The crawl in its own process: same pages, same problems, bounded, never silent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from logocheck.collect import AssetError
from logocheck.collect.options import CrawlOptions
from logocheck.collect.process import ProcessSource
from logocheck.errors import InputError, ScanIncomplete
from tests.collect.conftest import FAST, crawl
from tests.collect.servers import page, routes, serving, site


@pytest.fixture
def chain(write_site: Any) -> Path:
    files = {
        f"p{i}.html": f"<a href='/p{i + 1}.html'>next</a><a href='/gone{i}'>x</a>"
        for i in range(60)
    }
    files["index.html"] = "<a href='/p0.html'>start</a>"
    files["logo.png"] = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
    root: Path = write_site(files)
    return root


def test_same_pages_and_problems_as_in_process(chain: Path) -> None:
    with serving(site(chain)) as server:
        expected = crawl(server.url)
        with ProcessSource(server.url, CrawlOptions(**FAST)) as source:
            pages = list(source.pages())
            problems, counts = source.problems(), source.counts()
    assert sorted(p.url for p in pages) == sorted(p.url for p in expected.pages)
    assert problems == expected.problems
    assert counts["pages"] == len(pages) == 61
    assert counts["failed"] == 61  # /gone0-59 and /p60.html


def test_images_interleave_with_pages(chain: Path) -> None:
    with serving(site(chain)) as server, ProcessSource(server.url, CrawlOptions(**FAST)) as source:
        seen = 0
        for _page in source.pages():
            seen += 1
            assert source.read_asset(server.url + "/logo.png").startswith(b"\x89PNG")
        with pytest.raises(AssetError, match="HTTP 404"):
            source.read_asset(server.url + "/missing.png")
        assert source.read_asset("data:,Globex") == b"Globex"
    assert seen == 61


def test_pages_in_transit_are_bounded(write_site: Any) -> None:
    files = {f"p{i}.html": f"<a href='/p{i + 1}.html'>next</a>" for i in range(400)}
    files["index.html"] = "<a href='/p0.html'>start</a>"
    with serving(site(write_site(files))) as server:
        source = ProcessSource(server.url, CrawlOptions(**FAST))
        pages = source.pages()
        next(pages)
        time.sleep(0.5)
        fetched = sum(1 for path in server.paths() if path.startswith("/p"))
        pages.close()  # stops the child
        assert source._process is None
    assert fetched < 100  # credits, the child's queue and requests in flight; not the site


def test_start_failure_and_bad_patterns() -> None:
    with serving(routes({"/robots.txt": page("", 404), "/": page("x", 404)})) as server:
        source = ProcessSource(server.url + "/", CrawlOptions(**FAST, retries=0))
        with pytest.raises(ScanIncomplete, match=r"^http://127\.0\.0\.1:\d+/: HTTP 404$"):
            list(source.pages())
        source.close()
    with pytest.raises(InputError, match="--exclude"):
        ProcessSource("https://globex.example/", CrawlOptions(exclude=("[",)))


def test_a_crawler_that_dies_is_an_incomplete_scan(chain: Path) -> None:
    with serving(site(chain)) as server:
        source = ProcessSource(server.url, CrawlOptions(**FAST))
        pages = source.pages()
        next(pages)
        assert source._process is not None
        os.kill(source._process.pid, signal.SIGKILL)
        with pytest.raises(ScanIncomplete, match="crawler process ended unexpectedly"):
            list(pages)
        source.close()


def test_the_scan_process_does_not_load_the_http_client() -> None:
    code = "import sys, logocheck.collect.process; print('httpx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"  # the child crawls; the parent starts it sooner
