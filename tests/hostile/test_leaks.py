"""The contracts file is confidential: revenue, dates and extra columns never leak.

Every confidential field of the demo contracts file is replaced by a
canary; no command, format or stream may print one. (Account names,
plans and statuses are what reports are about, so they are not canaries;
the end date of a lapsed contract is printed as the reason it lapsed,
"contract ended 2019-06-13", as docs/contracts.md documents, so only the
end dates of live contracts are canaries.)
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from logocheck.cli import main

pytestmark = pytest.mark.timeout(120)

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "fixtures/demo"
CANARIES = {
    "arr": "7351982",
    "start_date": "2013-07-29",
    "publicity_expires": "2098-04-19",
    "deal_size_note": "4419377",
    "notes": "CANARY-NOTES-5f3a",
    "owner_email": "canary-owner@example.invalid",
    "contract_id": "CANARY-ID-77",
}
#: An end date in the future and one in the past keep active and churned rows as they were.
ENDS = {"future": "2097-03-17", "past": "2019-06-13"}


def canary_contracts(folder: Path) -> Path:
    rows = list(csv.DictReader(io.StringIO((DEMO / "contracts.csv").read_text("utf-8"))))
    fields = [*rows[0].keys(), "deal_size_note", "notes", "owner_email", "contract_id"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        row.update({k: v for k, v in CANARIES.items() if k != "arr" or row["arr"] != "0"})
        if not row["publicity"].startswith("approved"):
            row["publicity_expires"] = ""
        if row["end_date"]:
            row["end_date"] = ENDS["future" if row["end_date"] > "2026-12-31" else "past"]
        writer.writerow(row)
    path = folder / "contracts.csv"
    path.write_text(out.getvalue(), "utf-8")
    shutil.copytree(DEMO / "approved-logos", folder / "approved-logos")
    return path


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


def test_no_confidential_field_reaches_any_output(run: Callable[..., str], tmp_path: Path) -> None:
    contracts = str(canary_contracts(tmp_path))
    site = str(DEMO / "site")
    report = tmp_path / "report.json"
    outputs = {
        "scan text": run("scan", site, "--contracts", contracts),
        "scan -o": run(
            "scan", site, "--contracts", contracts, "--format", "json", "-o", str(report)
        )
        + report.read_text("utf-8"),
        "contracts": run("contracts", contracts, "--accounts"),
        "contracts match": run("contracts", contracts, "--match", "Globex"),
        "logos": run("logos", site, "--contracts", contracts, "--format", "json"),
    }
    assert "Globex" in outputs["scan text"] + outputs["contracts"]  # the canaries were read
    for name, text in outputs.items():
        for field, canary in {**CANARIES, "live end_date": ENDS["future"]}.items():
            assert canary not in text, f"{field} leaked into {name}"


@pytest.mark.xfail(
    strict=True,
    reason="known leak: 'contracts --accounts --format json' prints publicity_expires",
)
def test_the_account_listing_in_json_keeps_dates_out(
    run: Callable[..., str], tmp_path: Path
) -> None:
    contracts = str(canary_contracts(tmp_path))
    text = run("contracts", contracts, "--accounts", "--format", "json")
    assert "Globex" in text
    for field, canary in {**CANARIES, "live end_date": ENDS["future"]}.items():
        assert canary not in text, f"{field} leaked"
