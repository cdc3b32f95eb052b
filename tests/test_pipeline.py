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


def test_pages_are_prepared_ahead_of_the_one_judged_and_judged_in_order() -> None:
    from logocheck.extract import Extraction
    from logocheck.model import Location, Logo, Page
    from logocheck.pipeline import PREPARED_AHEAD, _prepared_ahead

    prepared: list[str] = []

    class Recorder:
        def prepare(self, logos: tuple[Logo, ...]) -> None:
            prepared.extend(logo.src or "" for logo in logos)

    pages = [
        (Page(url=f"/p{n}", body=b""), Extraction((Logo(Location("/"), f"/l{n}"),), ()), ())
        for n in range(10)
    ]
    judged = []
    for page, _, _ in _prepared_ahead(iter(pages), Recorder()):  # type: ignore[arg-type]
        n = int(page.url[2:])
        assert prepared[-1] == f"/l{min(n + PREPARED_AHEAD, 9)}"
        judged.append(page.url)
    assert judged == [page.url for page, _, _ in pages]
    assert prepared == [f"/l{n}" for n in range(10)]
