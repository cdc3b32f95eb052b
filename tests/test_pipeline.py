"""``observe`` is the scan without the rules: the same subjects, nothing judged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from logocheck import Observation, ScanOptions, observe, scan

DEMO = Path(__file__).parent.parent / "fixtures" / "demo"


def test_observe_gives_the_subjects_and_problems_a_scan_judges() -> None:
    options = ScanOptions(as_of=date(2027, 1, 1), jobs=1)
    contracts = DEMO / "contracts.csv"
    seen = observe(str(DEMO / "site"), contracts, options)
    report = scan(str(DEMO / "site"), contracts, options)
    assert isinstance(seen, Observation)
    assert seen.subjects == report.subjects
    assert seen.pages == report.summary.pages
    brands = {s.brand for s in seen.subjects if s.account is not None}
    assert {"Hooli", "Globex"} <= brands
    assert {f.brand for f in report.findings if f.code == "LC001"} <= brands
