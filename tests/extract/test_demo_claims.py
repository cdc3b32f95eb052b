"""The demo site shows a finding from each claim pattern (its Powered By page)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from logocheck.model import Claim, Finding, Report
from logocheck.pipeline import ScanOptions, scan

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo"


@pytest.fixture(scope="module")
def report() -> Report:
    """The demo's scan, made when a test here first needs it, not whenever the file is collected."""
    return scan(
        str(DEMO / "site"), DEMO / "contracts.csv", ScanOptions(as_of=date(2026, 12, 6), jobs=1)
    )


@pytest.fixture(scope="module")
def powered(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.location.url == "/powered-by/"]


def claim_of(report: Report, brand: str) -> Claim:
    [subject] = [
        s for s in report.subjects if s.kind == "claim" and s.location.url == "/powered-by/"
        and isinstance(s.item, Claim) and s.brand == brand
    ]  # fmt: skip
    assert isinstance(subject.item, Claim)
    return subject.item


def test_each_claim_pattern_makes_a_finding(report: Report, powered: list[Finding]) -> None:
    brands = {f.brand for f in powered}
    assert {
        "Pied Piper",
        "Sirius Cybernetics Corporation",
        "Dunder Mifflin",
        "Bluth Company",
    } <= brands
    assert claim_of(report, "Pied Piper").method == "sentence"  # "leverages"
    assert claim_of(report, "Sirius Cybernetics Corporation").method == "sentence"  # appositive
    assert claim_of(report, "Kramerica").method == "sentence"  # "Among these are"
    assert claim_of(report, "Aperture").method == "card"
    assert claim_of(report, "Gringotts").method == "link"
    [quote] = [f for f in powered if f.account == "Duff Beverages"]
    assert ("method", "domain") in quote.evidence
    counts = [f for f in powered if f.code == "LC007"]
    assert [f.message.split(",")[0] for f in counts] == ["the page claims 2"]


def test_a_brand_shown_by_logo_and_claim_is_one_finding(
    report: Report, powered: list[Finding]
) -> None:
    [aperture] = [f for f in powered if f.brand == "Aperture"]
    assert aperture.subject == "logo and claim"
    assert dict(aperture.evidence)["claim"].startswith("Fluxboard is used in their test chambers")
    logos = [s for s in report.subjects if s.kind == "logo" and s.brand == "Aperture"]
    assert any(s.location.url == "/powered-by/" for s in logos)
