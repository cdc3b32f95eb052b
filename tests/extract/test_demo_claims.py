"""The demo site shows a finding from each claim pattern (its Powered By page)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from logocheck.model import Claim
from logocheck.pipeline import ScanOptions, scan

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo"
REPORT = scan(
    str(DEMO / "site"), DEMO / "contracts.csv", ScanOptions(as_of=date(2026, 12, 6), jobs=1)
)
POWERED = [f for f in REPORT.findings if f.location.url == "/powered-by/"]


def claim_of(brand: str) -> Claim:
    [subject] = [
        s for s in REPORT.subjects if s.kind == "claim" and s.location.url == "/powered-by/"
        and isinstance(s.item, Claim) and s.brand == brand
    ]  # fmt: skip
    assert isinstance(subject.item, Claim)
    return subject.item


def test_each_claim_pattern_makes_a_finding() -> None:
    brands = {f.brand for f in POWERED}
    assert {
        "Pied Piper",
        "Sirius Cybernetics Corporation",
        "Dunder Mifflin",
        "Bluth Company",
    } <= brands
    assert claim_of("Pied Piper").method == "sentence"  # "leverages"
    assert claim_of("Sirius Cybernetics Corporation").method == "sentence"  # appositive
    assert claim_of("Kramerica").method == "sentence"  # "Among these are"
    assert claim_of("Aperture").method == "card"
    assert claim_of("Gringotts").method == "link"
    [quote] = [f for f in POWERED if f.account == "Duff Beverages"]
    assert ("method", "domain") in quote.evidence
    counts = [f for f in POWERED if f.code == "LC007"]
    assert [f.message.split(",")[0] for f in counts] == ["the page claims 2"]


def test_a_brand_shown_by_logo_and_claim_is_one_finding() -> None:
    [aperture] = [f for f in POWERED if f.brand == "Aperture"]
    assert aperture.subject == "logo and claim"
    assert dict(aperture.evidence)["claim"].startswith("Fluxboard is used in their test chambers")
    logos = [s for s in REPORT.subjects if s.kind == "logo" and s.brand == "Aperture"]
    assert any(s.location.url == "/powered-by/" for s in logos)
