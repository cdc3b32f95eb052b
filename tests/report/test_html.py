"""The HTML report's content, without a browser: SVG rasterised, coverage shown, links filtered."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from logocheck.model import Logo, Report, Summary
from logocheck.pipeline import ScanOptions, scan
from logocheck.report import render
from logocheck.report.html import safe_href
from tests.report.sample import sample_report

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "fixtures" / "demo"


@pytest.fixture(scope="module")
def demo() -> tuple[Report, dict[str, str]]:
    options = ScanOptions(as_of=date(2026, 6, 1), thumbnails=True)
    report = scan(str(DEMO / "site"), DEMO / "contracts.csv", options)
    return report, dict(report.thumbnails)


def _key(report: Report, wanted: str) -> str:
    for subject in report.subjects:
        logo = subject.item
        where = "(inline)" if isinstance(logo, Logo) and logo.svg else getattr(logo, "src", "")
        if isinstance(logo, Logo) and wanted in (where or ""):
            return next(s.value for s in subject.match.signals if s.source == "image-hash")
    raise AssertionError(f"no logo {wanted}")


def test_svg_logos_become_png_thumbnails_and_no_svg_is_inlined(
    demo: tuple[Report, dict[str, str]],
) -> None:
    report, thumbnails = demo
    for wanted in ("soylent.svg", "wayne.4f2a9c.svg", "(inline)"):
        assert thumbnails[_key(report, wanted)].startswith("data:image/png;base64,")
    page = render(report, "html", thumbnails=thumbnails)
    assert "<svg" not in page.lower()
    assert 20 <= page.count("data:image/png") <= len(thumbnails)


def test_an_incomplete_scan_says_so() -> None:
    summary = Summary(pages=2, failed=3, limits=("--max-pages limit of 2 reached; 9 URLs left",))
    report = replace(sample_report(), summary=summary)
    page = render(report, "html")
    assert "Incomplete scan." in page and "9 URLs left" in page
    assert "| Pages failed | 3 |" in render(report, "markdown")


def test_contract_details_only_when_asked() -> None:
    plain = render(sample_report(), "html")
    detailed = render(sample_report(), "html", details=True)
    assert "<th>Contract</th>" not in plain and "<th>Contract</th>" in detailed


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.test/customers/", True),
        ("HTTP://example.test/", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,x", False),
        ("/customers/", False),
        ("https://exa\nmple.test/", False),
    ],
)
def test_only_http_links_are_kept(url: str, kept: bool) -> None:
    assert (safe_href(url) is not None) == kept
