"""The contracts file is confidential: reports name the account and its category only.

Every field of the demo's contracts carries a canary (``tests/canaries.py``)
without changing a verdict: plan and status names, every date, revenue,
publicity spellings, domains, aliases, logo paths and extra columns. By
default none reaches any format; ``--include-contract-details`` adds the
plans, statuses and dates to every format, never revenue.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from logocheck.report import FORMATS
from tests.canaries import (
    AS_OF,
    MARK,
    PLANS,
    REVENUE,
    SHOWN_WITH_DETAILS,
    canary_contracts,
    leaked,
)
from tests.report.runs import cli, scan_every_format


def run_all_formats(folder: Path, *extra: str) -> dict[str, str]:
    """Every format's report of the demo scan, and the console's output."""
    contracts, config = canary_contracts(folder)
    run = scan_every_format(
        folder,
        "fixtures/demo/site",
        "--contracts",
        str(contracts),
        "--config",
        str(config),
        "--as-of",
        AS_OF,
        "--show-evidence",
        *extra,
    )
    assert run.returncode == 1, run.stderr
    files = {f: (folder / f).read_text("utf-8") for f in FORMATS}
    return {**files, "console": run.stdout + run.stderr}


def test_no_contract_field_reaches_any_format_by_default(tmp_path: Path) -> None:
    outputs = run_all_formats(tmp_path)
    assert "Globex Corporation" in outputs["json"] and "free" in outputs["json"]
    for name, text in outputs.items():
        assert leaked(text) == [], f"{name} shows contract values"


def test_contract_details_add_plans_statuses_and_dates_but_never_money(tmp_path: Path) -> None:
    outputs = run_all_formats(tmp_path, "--include-contract-details")
    everything = "".join(outputs.values())
    for field, canary in SHOWN_WITH_DETAILS.items():
        assert canary in everything, f"{field} is missing with contract details"
    for name, text in outputs.items():
        # the detailed reason of a free-plan finding quotes its plan in every format
        assert PLANS["free"] in text, f"{name} lacks the detailed reason"
        assert REVENUE not in text, f"revenue in {name}"
        rest = text
        for word in SHOWN_WITH_DETAILS.values():
            rest = rest.replace(word, "")
        assert MARK not in rest.casefold(), f"{name} shows a field details do not cover"


@pytest.mark.parametrize(
    "command", [["contracts"], ["contracts", "--accounts", "--format", "json"]]
)
def test_the_contracts_command_never_prints_money(tmp_path: Path, command: list[str]) -> None:
    contracts, _ = canary_contracts(tmp_path)
    run = cli(*command, str(contracts))
    assert run.returncode == 0, run.stderr
    assert leaked(run.stdout + run.stderr) == []
