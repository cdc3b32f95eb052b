"""The demo's contracts with a canary in every field, verdicts unchanged.

Every cell that is not the account's name is replaced by a marked value
that classifies the same way: plan and status names are marked words that
a config file teaches logocheck (``Zqmarkplanfree`` is a free plan), dates
are unusual days on the same side of the scan date, publicity spellings
are marked synonyms, the approved logos sit in a marked folder, and extra
columns (notes, owner, CRM id) carry marks too. Revenue above zero is a
marked number; a revenue of zero stays zero, since it is what makes an
account free.

By default no report may contain any of them. With
``--include-contract-details`` the plans, statuses and dates appear
(``SHOWN_WITH_DETAILS``); revenue, the raw publicity spelling, the logo
path and the columns logocheck does not read never do.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "fixtures" / "demo"
AS_OF = "2026-06-01"

#: Every marked text value starts with this (compared without case).
MARK = "zqmark"
REVENUE = "7351982"
PLANS = {"paid": "Zqmarkplanpaid", "free": "Zqmarkplanfree", "trial": "Zqmarkplantrial"}
STATUSES = {"neutral": "Zqmarkstatusactive", "lapsed": "Zqmarkstatuschurned"}
DATES = {
    "start_date": "2013-07-29",
    "end_date (future)": "2097-03-17",
    "end_date (past)": "2019-06-13",
    "publicity_expires (future)": "2098-04-19",
    "publicity_expires (past)": "2020-02-29",
}
#: What --include-contract-details may add to a scan's reports.
SHOWN_WITH_DETAILS = {**{f"plan {k}": v for k, v in PLANS.items()}, **STATUSES, **DATES}

_PLAN_KIND = {
    "Business": "paid", "Enterprise": "paid", "Team": "paid",
    "Free": "free", "Community": "free", "Trial": "trial", "POC": "trial",
}  # fmt: skip
_STATUS_KIND = {"active": "neutral", "churned": "lapsed"}
_PUBLICITY = {
    "approved": "approved",
    "approved-with-review": "approved_with_review",
    "case-study-only": "case_study_only",
    "none": "none",
    "revoked": "revoked",
}


def canary_contracts(folder: Path) -> tuple[Path, Path]:
    """The marked contracts file and the config that keeps its verdicts; both in ``folder``."""
    rows = list(csv.DictReader(io.StringIO((DEMO / "contracts.csv").read_text("utf-8"))))
    for i, row in enumerate(rows):
        _mark(row, i)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    shutil.copytree(DEMO / "approved-logos", folder / "zqmark-logos")
    contracts = folder / "contracts.csv"
    contracts.write_text(out.getvalue(), encoding="utf-8")
    config = folder / "logocheck.toml"
    config.write_text(_config(), encoding="utf-8")
    return contracts, config


def _mark(row: dict[str, str], i: int) -> None:
    row["domain"] = f"{row['domain']};{MARK}{i}.example"
    row["aliases"] = ";".join(filter(None, [row["aliases"], f"Zqmark Alias {i}"]))
    row["plan"] = PLANS[_PLAN_KIND[row["plan"]]]
    row["status"] = STATUSES[_STATUS_KIND[row["status"]]]
    row["start_date"] = DATES["start_date"]
    if row["end_date"]:
        side = "future" if row["end_date"] > AS_OF else "past"
        row["end_date"] = DATES[f"end_date ({side})"]
    if row["publicity_expires"]:
        row["publicity_expires"] = DATES["publicity_expires (past)"]
    elif row["publicity"].startswith("approved"):
        row["publicity_expires"] = DATES["publicity_expires (future)"]
    row["publicity"] = f"Zqmark publicity {_PUBLICITY[row['publicity']].replace('_', ' ')}"
    if row["arr"] != "0":
        row["arr"] = f"{REVENUE}{i:02d}"
    if row["logo"]:
        row["logo"] = row["logo"].replace("approved-logos/", "zqmark-logos/")
    row.update(
        notes=f"{MARK} note {i}",
        owner_email=f"{MARK}.owner{i}@example.invalid",
        contract_id=f"{MARK.upper()}-ID-{i:04d}",
    )


def _config() -> str:
    lines = ["[vocab.plans]"]
    lines += [f'{kind}_plans = ["{word}"]' for kind, word in PLANS.items()]
    lines += [f'{kind}_statuses = ["{word}"]' for kind, word in STATUSES.items()]
    lines += [
        f'publicity_{key} = ["Zqmark publicity {key.replace("_", " ")}"]'
        for key in _PUBLICITY.values()
    ]
    return "\n".join(lines) + "\n"


def leaked(text: str) -> list[str]:
    """Every canary found in ``text``: marked words and dates."""
    found = [MARK] if MARK in text.casefold() else []
    found += [name for name, day in DATES.items() if day in text]
    return found + ([REVENUE] if REVENUE in text else [])
