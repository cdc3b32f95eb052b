"""The contracts file is confidential: reports name the account and its category only.

Every field of the demo's contracts carries a unique marker where it can
without changing a verdict: extra columns (notes, owner, CRM id), revenue,
the domains and aliases, start and end dates and publicity expiry dates of
accounts in good standing. Plan and status names, and the dates that make
an account lapsed, are the category's reason and are shown on purpose.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from logocheck.report import FORMATS

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "fixtures" / "demo"
MARK = "zqmark"
REVENUE = "913700"
START, END, EXPIRES = "2011-11-11", "2097-03-17", "2096-02-29"
DATES = (START, END, EXPIRES)


def marked_contracts(folder: Path) -> Path:
    rows = list(csv.DictReader(io.StringIO((DEMO / "contracts.csv").read_text("utf-8"))))
    for i, row in enumerate(rows):
        row["domain"] = f"{row['domain']};{MARK}{i}.example"
        row["aliases"] = ";".join(filter(None, [row["aliases"], f"Zqmark Alias {i}"]))
        row["arr"] = f"{REVENUE}{i:02d}"
        row["start_date"] = START
        if row["end_date"].startswith("2099"):
            row["end_date"] = END
        if row["publicity"] == "approved" and not row["publicity_expires"]:
            row["publicity_expires"] = EXPIRES
        row.update(
            notes=f"{MARK} note {i}",
            owner=f"{MARK}.owner{i}@example.invalid",
            crm_id=f"{MARK.upper()}-{i:04d}",
        )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (folder / "approved-logos").symlink_to(DEMO / "approved-logos")
    path = folder / "contracts.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def run_all_formats(folder: Path, *extra: str) -> str:
    contracts = marked_contracts(folder)
    reports = [a for f in FORMATS for a in ("--report", f"{f}={folder / ('out.' + f)}")]
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "logocheck",
            "scan",
            "fixtures/demo/site",
            "--contracts",
            str(contracts),
            "--as-of",
            "2026-06-01",
            "--show-evidence",
            *reports,
            *extra,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    assert run.returncode == 1, run.stderr
    files = "".join((folder / f"out.{f}").read_text("utf-8") for f in FORMATS)
    return run.stdout + run.stderr + files


def test_no_contract_field_reaches_any_format_by_default(tmp_path: Path) -> None:
    everything = run_all_formats(tmp_path)
    assert "Globex Corporation" in everything and "free" in everything
    assert MARK not in everything.lower()
    assert REVENUE not in everything
    for day in DATES:
        assert day not in everything


def test_contract_details_add_dates_but_never_money_or_other_fields(tmp_path: Path) -> None:
    everything = run_all_formats(tmp_path, "--include-contract-details")
    assert END in everything and START in everything and EXPIRES in everything
    assert MARK not in everything.lower()
    assert REVENUE not in everything


@pytest.mark.parametrize(
    "command", [["contracts"], ["contracts", "--accounts", "--format", "json"]]
)
def test_the_contracts_command_never_prints_money(tmp_path: Path, command: list[str]) -> None:
    contracts = marked_contracts(tmp_path)
    run = subprocess.run(
        [sys.executable, "-m", "logocheck", *command, str(contracts)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert REVENUE not in run.stdout and f"{MARK} note" not in run.stdout
