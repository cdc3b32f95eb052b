"""The contracts file is confidential: no command prints a field of it by default.

Every field of the demo contracts file carries a canary (``tests/canaries.py``):
plans, statuses, dates, revenue, publicity, domains, aliases, logo paths and
extra columns. No command, format or stream may print one, unless
``--include-contract-details`` asks for plans, statuses and dates; revenue
never appears. Without the config that teaches logocheck the marked plan and
status names, every row is also a doubtful-row warning (LC903), which must
name the column and line but not the cell.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from logocheck.cli import main
from tests.canaries import AS_OF, DATES, DEMO, PLANS, REVENUE, ROOT, canary_contracts, leaked

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., str]:
    """The CLI in-process: stdout and stderr of one command, which must not fail."""
    monkeypatch.chdir(ROOT)

    def invoke(*args: str) -> str:
        with pytest.raises(SystemExit) as ended:
            main(list(args))
        out, err = capsys.readouterr()
        assert ended.value.code in (0, 1), err
        return out + err

    return invoke


@pytest.mark.slow
def test_no_confidential_field_reaches_any_output(run: Callable[..., str], tmp_path: Path) -> None:
    contracts, config = (str(p) for p in canary_contracts(tmp_path))
    site = str(DEMO / "site")
    report = tmp_path / "report.json"
    scan = ("scan", site, "--contracts", contracts, "--as-of", AS_OF)
    outputs = {
        "scan text": run(*scan, "--config", config),
        "scan -o": run(*scan, "--config", config, "--format", "json", "-o", str(report))
        + report.read_text("utf-8"),
        "scan with LC903, sarif": run(*scan, "--format", "sarif"),
        "scan with LC903, html": run(*scan, "--format", "html"),
        "scan with LC903, text": run(*scan, "--select", "LC903"),
        "contracts": run("contracts", contracts, "--accounts", "--as-of", AS_OF),
        "contracts match": run("contracts", contracts, "--match", "Globex"),
        "logos": run("logos", site, "--contracts", contracts, "--format", "json"),
    }
    assert "Globex" in outputs["scan text"] + outputs["contracts"]  # the canaries were read
    assert "LC903" in outputs["scan with LC903, sarif"]
    for name, text in outputs.items():
        assert leaked(text) == [], f"contract values leaked into {name}"


def test_the_account_listing_in_json_keeps_dates_out(
    run: Callable[..., str], tmp_path: Path
) -> None:
    contracts, _ = canary_contracts(tmp_path)
    text = run("contracts", str(contracts), "--accounts", "--format", "json")
    assert "Globex" in text
    assert leaked(text) == []


def test_contract_details_show_the_cells_but_never_revenue(
    run: Callable[..., str], tmp_path: Path
) -> None:
    contracts, _ = canary_contracts(tmp_path)
    listing = run(
        "contracts", str(contracts), "--accounts", "--include-contract-details", "--format", "json"
    )
    assert PLANS["paid"] in listing  # the unknown plan's warning quotes it
    assert "zqmark0.example" in listing and DATES["publicity_expires (future)"] in listing
    scan = run("scan", str(DEMO / "site"), "--contracts", str(contracts), "--as-of", AS_OF,
               "--format", "sarif", "--include-contract-details")  # fmt: skip
    assert PLANS["free"] in scan and DATES["end_date (past)"] in scan
    assert REVENUE not in listing + scan
