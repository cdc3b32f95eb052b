"""The HTML audit report, opened in headless Chromium as legal would open it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from logocheck.pipeline import ScanOptions, scan
from logocheck.report import render
from tests.report.browser import Browser, require_chromium
from tests.report.hostile import AS_OF, hostile_site

pytestmark = pytest.mark.browser

THUMBNAILS_DECODED = """
(async () => {
  const urls = [...document.querySelectorAll('.thumb:not(.missing)')].map(
    (el) => getComputedStyle(el).backgroundImage.slice(5, -2));
  const widths = await Promise.all(urls.map((url) => new Promise((done) => {
    const image = new Image();
    image.onload = () => done(image.naturalWidth);
    image.onerror = () => done(0);
    image.src = url;
  })));
  return {count: urls.length, widths: widths, imgs: [...document.images].map((i) => i.naturalWidth)};
})()
"""


@pytest.fixture(scope="module")
def audit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("audit")
    site, contracts = hostile_site(folder)
    options = ScanOptions(as_of=date.fromisoformat(AS_OF), jobs=1, thumbnails=True)
    report = scan(str(site), contracts, options)
    path = folder / "audit.html"
    path.write_text(render(report, "html"), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser(audit: Path) -> Iterator[Browser]:
    chromium = Browser(require_chromium())
    try:
        chromium.open(audit)
        yield chromium
    finally:
        chromium.close()


def test_screenshot_is_kept(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> None:
    shot = tmp_path_factory.mktemp("screenshots") / "audit.png"
    browser.screenshot(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_every_thumbnail_decodes(browser: Browser) -> None:
    decoded = browser.evaluate(THUMBNAILS_DECODED)
    assert decoded["count"] >= 20
    assert all(width > 0 for width in decoded["widths"]), decoded["widths"]
    assert all(width > 0 for width in decoded["imgs"])


def test_no_planted_script_ran_and_nothing_was_fetched(browser: Browser) -> None:
    assert browser.evaluate("document.title").startswith("Customer logo and claim audit")
    assert browser.evaluate("document.querySelectorAll('script, [onerror]').length") == 0
    hrefs = browser.evaluate("[...document.links].map((a) => a.href)")
    assert not [h for h in hrefs if not h.startswith(("http://", "https://"))]
    text = browser.evaluate("document.body.innerText")
    assert "<img src=x onerror=" in text and "<script>document.title='PWNED'" in text
    requests = [
        e["params"]["request"]["url"]
        for e in browser.events
        if e.get("method") == "Network.requestWillBeSent"
    ]
    assert all(url.startswith(("file://", "data:")) for url in requests), requests


def test_the_print_stylesheet_applies(browser: Browser) -> None:
    hidden = "getComputedStyle(document.querySelector('.screen-only')).display"
    assert browser.evaluate(hidden) != "none"
    browser.call("Emulation.setEmulatedMedia", media="print")
    try:
        assert browser.evaluate(hidden) == "none"
        assert browser.evaluate("getComputedStyle(document.body).maxWidth") == "none"
        pdf = browser.call("Page.printToPDF", printBackground=False)
        assert len(pdf["data"]) > 10_000
    finally:
        browser.call("Emulation.setEmulatedMedia", media="")
