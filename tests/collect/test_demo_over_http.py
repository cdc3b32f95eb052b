"""The demo site gives the same findings crawled over HTTP as read as a folder.

Broken links agree too: a crawl fails to fetch a linked page that is not
there, and a folder scan reports the link no file answers, both as LC901
on the missing path.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from logocheck.collect.folder import FolderSource
from logocheck.collect.links import page_links
from logocheck.collect.options import CrawlOptions
from logocheck.model import Report
from logocheck.pipeline import ScanOptions, scan
from tests.collect.servers import serving, site

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo"
Outcome = Counter[tuple[str, str | None, str]]


def outcome(report: Report) -> Outcome:
    return Counter(
        (f.code, f.brand, urlsplit(f.location.url).path)
        for f in report.findings
        if f.code != "LC901"
    )


@pytest.fixture(scope="module")
def scans() -> tuple[Report, Report]:
    contracts = DEMO / "contracts.csv"
    folder = scan(str(DEMO / "site"), contracts)
    with serving(site(DEMO / "site")) as server:
        options = ScanOptions(crawl=CrawlOptions(progress=False, backoff=0.01))
        crawled = scan(server.url + "/", contracts, options)
    return folder, crawled


def broken_links() -> set[str]:
    source = FolderSource(DEMO / "site")
    broken = set()
    for page in source.pages():
        _base, hrefs = page_links(page.body, "utf-8")
        for href in hrefs:
            parts = urlsplit(urljoin(page.url, href))
            if not parts.scheme and source.file_of(parts.path) is None:
                broken.add(parts.path)
    return broken


def test_demo_site_over_http_reports_its_broken_links(scans: tuple[Report, Report]) -> None:
    folder, crawled = scans
    folder_failures = {f.location.url for f in folder.findings if f.code == "LC901"}
    crawl_failures = {urlsplit(f.location.url).path for f in crawled.findings if f.code == "LC901"}
    assert crawl_failures == broken_links() == folder_failures
    assert folder_failures
    assert crawled.summary.pages == folder.summary.pages


def test_demo_site_over_http_matches_the_folder_scan(scans: tuple[Report, Report]) -> None:
    folder, crawled = scans
    assert folder.findings, "the demo site must have findings to compare"
    assert outcome(crawled) == outcome(folder)
