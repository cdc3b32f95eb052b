from __future__ import annotations

from pathlib import Path

import pytest

from logocheck.config import Settings
from logocheck.errors import ConfigError
from logocheck.model import Report
from logocheck.pipeline import ScanOptions
from logocheck.report import render
from tests.harness import AS_OF, codes, scan_snippet

WALL = """<section class="customers"><h2>Trusted by</h2>
<img src="/l/hooli.png" alt="Hooli"><img src="/l/initech.png" alt="Initech"></section>"""
CONTRACTS = "account,plan,status\nHooli,Free,active\nInitech,Trial,active\n"


def _scan(tmp_path: Path, *suppress: dict[str, object]) -> Report:
    settings = Settings({"suppress": list(suppress)}, tmp_path / "logocheck.toml")
    return scan_snippet(
        tmp_path, WALL, CONTRACTS, options=ScanOptions(as_of=AS_OF, settings=settings)
    )


def test_a_reviewed_exception_is_waived_with_its_reason(tmp_path: Path) -> None:
    report = _scan(tmp_path, {"code": "LC001", "brand": "hooli", "reason": "legal OK, LEGAL-42"})
    assert codes(report) == ["LC002"]
    [(finding, reason)] = report.suppressed
    assert (finding.code, finding.brand, reason) == ("LC001", "Hooli", "legal OK, LEGAL-42")
    assert '"suppressed": 1' in render(report, "json")
    assert "1 suppressed" in render(report, "text")


def test_suppression_by_prefix_and_url(tmp_path: Path) -> None:
    report = _scan(tmp_path, {"code": "LC00", "url": "/", "reason": "homepage under review"})
    assert codes(report) == []
    elsewhere = _scan(tmp_path, {"code": "LC00", "url": "/pricing/*", "reason": "x"})
    assert codes(elsewhere) == ["LC001", "LC002"]


@pytest.mark.parametrize(
    ("entry", "complaint"),
    [
        ({"code": "LC001"}, "needs a reason"),
        ({"code": "LC001", "reason": "  "}, "needs a reason"),
        ({"reason": "x"}, "code is required"),
        ({"code": "LC001", "reason": "x", "until": "2027"}, r"suppress\[0\]\.until: unknown key"),
        ({"code": "LC001", "reason": "x", "expires": "soon"}, "must be a date"),
    ],
)
def test_bad_suppressions_are_refused(
    tmp_path: Path, entry: dict[str, str], complaint: str
) -> None:
    with pytest.raises(ConfigError, match=complaint):
        _scan(tmp_path, entry)


def _page(tmp_path: Path, html: str, contracts: str = CONTRACTS) -> Report:
    return scan_snippet(tmp_path, html, contracts)


def _codes(report: Report) -> list[str]:
    """Every code but LC905: snippets ship no image files."""
    return [code for code in codes(report, "LC") if code != "LC905"]


def test_an_attribute_with_a_reason_waives_what_is_under_it(tmp_path: Path) -> None:
    html = WALL.replace(
        "<img", '<span data-logocheck-ignore="lc001 -- paid by invoice, FIN-7"><img', 1
    )
    html = html.replace('alt="Hooli">', 'alt="Hooli"></span>', 1)
    report = _page(tmp_path, html)
    assert _codes(report) == ["LC002"]
    [(finding, reason)] = report.suppressed
    assert (finding.code, reason) == ("LC001", "paid by invoice, FIN-7")


def test_an_attribute_on_an_ancestor_covers_every_logo_below(tmp_path: Path) -> None:
    html = WALL.replace(
        'class="customers"', 'class="customers" data-logocheck-ignore="LC001 LC002 -- legal, LEG-1"'
    )
    assert _codes(_page(tmp_path, html)) == []


def test_an_attribute_without_a_reason_waives_nothing_and_is_an_error(tmp_path: Path) -> None:
    html = WALL.replace('class="customers"', 'class="customers" data-logocheck-ignore="LC001"')
    report = _page(tmp_path, html)
    assert _codes(report) == ["LC001", "LC002", "LC910"]
    [error] = [f for f in report.findings if f.code == "LC910"]
    assert error.level == "error"
    assert error.location.line == 3 and error.location.column == 1
    assert 'data-logocheck-ignore="LC001"' in error.message


def test_a_comment_covers_the_next_element_only(tmp_path: Path) -> None:
    html = WALL.replace(
        "<img", "<!-- logocheck-ignore LC001 -- approved by e-mail, LEG-2 -->\n<img", 1
    )
    report = _page(tmp_path, html)
    assert _codes(report) == ["LC002"]
    html = WALL.replace("<img", "<!-- logocheck-ignore LC002 -- approved, LEG-3 -->\n<img", 1)
    report = _page(tmp_path, html)
    assert _codes(report) == ["LC001", "LC002", "LC911"]
    [unused] = [f for f in report.findings if f.code == "LC911"]
    assert unused.level == "warning" and unused.location.line == 4
    assert "logocheck-ignore LC002 -- approved, LEG-3" in unused.message


def test_an_unused_config_suppression_is_a_warning_at_its_line(tmp_path: Path) -> None:
    config = tmp_path / "logocheck.toml"
    config.write_text(
        'ignore = ["LC905"]\n\n[[suppress]]\ncode = "LC004"\nbrand = "Hooli"\nreason = "ok"\n'
    )
    from logocheck.config import load_settings

    report = scan_snippet(
        tmp_path, WALL, CONTRACTS, options=ScanOptions(as_of=AS_OF, settings=load_settings(config))
    )
    [unused] = [f for f in report.findings if f.code == "LC911"]
    assert (unused.location.file, unused.location.line) == (str(config), 3)


def test_an_unused_suppression_of_a_rule_not_selected_is_not_reported(tmp_path: Path) -> None:
    settings = Settings(
        {"suppress": [{"code": "LC006", "reason": "x"}]}, tmp_path / "logocheck.toml"
    )
    options = ScanOptions(as_of=AS_OF, settings=settings, select=["LC00"], ignore=["LC006"])
    report = scan_snippet(tmp_path, WALL, CONTRACTS, options=options)
    assert "LC911" not in _codes(report)


def test_an_exception_stops_on_its_expiry_date_and_says_so(tmp_path: Path) -> None:
    from datetime import date, timedelta

    entry = {"code": "LC001", "brand": "Hooli", "reason": "launch approval, LEG-9"}
    still = _scan(tmp_path, {**entry, "expires": AS_OF})
    assert _codes(still) == ["LC002"]
    expired = _scan(tmp_path, {**entry, "expires": AS_OF - timedelta(days=1)})  # type: ignore[dict-item]
    assert _codes(expired) == ["LC001", "LC002", "LC912"]
    [warning] = [f for f in expired.findings if f.code == "LC912"]
    assert "expired 2026-05-31" in warning.message and warning.level == "warning"
    assert date(2026, 5, 31) == AS_OF - timedelta(days=1)


def test_a_directive_in_a_site_wide_template_is_reported_once(tmp_path: Path) -> None:
    footer = (
        '<footer data-logocheck-ignore="LC004 -- footer approved, LEG-5">© Fluxboard</footer>'
        '<footer class="legal" data-logocheck-ignore="LC005">Imprint</footer>'
    )
    scan_snippet(tmp_path, WALL + footer, CONTRACTS)
    report = scan_snippet(tmp_path, footer, CONTRACTS, page="about/index.html")
    assert report.summary.pages == 2
    assert _codes(report).count("LC911") == 1
    assert _codes(report).count("LC910") == 1
