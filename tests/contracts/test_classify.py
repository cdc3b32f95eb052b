"""Classification on the scan date: the vocabulary's examples and the precedence."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from logocheck.contracts.classify import Classifier
from logocheck.model import Contract, Reason
from logocheck.vocab import load_vocab, vocab_examples
from tests.contracts.helpers import AS_OF, by_name, load_text, refused


def classify(**cells: Any) -> tuple[str, str]:
    """The category and the detailed reason, which quotes the row."""
    category, reason = verdict(**cells)
    return category, reason.details


def verdict(**cells: Any) -> tuple[str, Reason]:
    as_of: date = cells.pop("as_of", AS_OF)
    extra: dict[str, Any] | None = cells.pop("extra", None)
    contract = Contract(
        line=2,
        plan=cells.get("plan", ""),
        status=cells.get("status", ""),
        start=date.fromisoformat(cells["start"]) if cells.get("start") else None,
        end=date.fromisoformat(cells["end"]) if cells.get("end") else None,
        revenue=Decimal(cells["revenue"]) if "revenue" in cells else None,
    )
    return Classifier(load_vocab("plans", extra), as_of).classify(contract)


@pytest.mark.parametrize("example", vocab_examples("plans"), ids=lambda e: repr(e))
def test_plans_vocabulary_examples(example: dict[str, str]) -> None:
    cells = {k: v for k, v in example.items() if k != "category"}
    assert classify(**cells)[0] == example["category"]


@pytest.mark.parametrize(
    ("cells", "verdict"),
    [
        # 1. dates first: a stale "Active" status does not outlive the contract
        (
            {"plan": "Enterprise", "status": "Active", "end": "2026-11-28"},
            ("lapsed", "contract ended 2026-11-28"),
        ),
        (
            {"plan": "Enterprise", "status": "Active", "end": "2026-11-29"},
            ("paid", "plan 'Enterprise'"),
        ),
        ({"plan": "Enterprise", "start": "2026-11-30"}, ("lapsed", "contract starts 2026-11-30")),
        # 2. status over revenue: churned customers may still show last year's ARR
        (
            {"plan": "Enterprise", "status": "Churned", "revenue": "50000"},
            ("lapsed", "status 'Churned'"),
        ),
        (
            {"plan": "Enterprise", "status": "Trial", "revenue": "50000"},
            ("trial", "status 'Trial'"),
        ),
        # 3. revenue over plan name
        ({"plan": "Community", "revenue": "1200"}, ("paid", "plan 'Community' but paying")),
        ({"plan": "Trial", "revenue": "0.01"}, ("paid", "plan 'Trial' but paying")),
        ({"revenue": "10"}, ("paid", "paying")),
        # 4. a paying status, then the plan name
        ({"plan": "Free", "status": "Closed Won"}, ("paid", "status 'Closed Won'")),
        ({"plan": "Developer (free)"}, ("free", "plan 'Developer (free)'")),
        ({"plan": "Enterprise POC"}, ("trial", "plan 'Enterprise POC'")),
        # 5. no revenue at all means free, whatever the tier is called
        ({"plan": "Enterprise", "revenue": "0"}, ("free", "plan 'Enterprise', no revenue")),
        ({"revenue": "0.00"}, ("free", "no revenue")),
        # 6. listed and nothing against it
        ({}, ("paid", "listed in the contracts file")),
        ({"plan": "Platinum"}, ("paid", "plan 'Platinum'")),
        ({"status": "Active"}, ("paid", "listed in the contracts file")),
    ],
)
def test_precedence(cells: dict[str, str], verdict: tuple[str, str]) -> None:
    assert classify(**cells) == verdict


@pytest.mark.parametrize(
    "cells",
    [
        {"plan": "Enterprise", "status": "Active", "end": "2026-11-28"},
        {"plan": "Enterprise", "start": "2026-11-30"},
        {"plan": "Enterprise", "status": "Churned", "revenue": "50000"},
        {"plan": "Enterprise", "status": "Cancelled - payment failed"},
        {"plan": "Community", "revenue": "1200"},
        {"plan": "Free", "status": "Closed Won"},
        {"plan": "Developer (free)"},
        {"plan": "Enterprise POC"},
        {"plan": "Enterprise", "revenue": "0"},
        {"plan": "Platinum"},
    ],
)
def test_the_summary_speaks_in_categories_not_cells(cells: dict[str, str]) -> None:
    """Reports print the summary by default: no plan, status, date or amount in it."""
    summary = verdict(**cells)[1].summary
    assert summary
    for cell in cells.values():
        assert cell.casefold() not in summary.casefold(), summary


def test_summaries_name_the_category_behind_the_row() -> None:
    assert verdict(plan="Developer (free)")[1].summary == "free plan"
    assert verdict(status="Churned")[1].summary == "lapsed status"
    assert verdict(plan="Enterprise", end="2026-11-28")[1].summary == "contract ended"
    assert verdict(start="2026-11-30")[1].summary == "contract not started yet"


def test_vocabulary_is_extended_from_config() -> None:
    extra = {"free_plans": ["Nonprofit"], "lapsed_statuses": ["gekündigt"]}
    assert classify(plan="Nonprofit")[0] == "paid"
    assert classify(plan="Nonprofit", extra=extra)[0] == "free"
    assert classify(status="Gekündigt", extra=extra)[0] == "lapsed"


def test_vocabulary_from_config_reaches_the_loader(tmp_path: Path) -> None:
    vocab = {"plans": {"free_plans": ["Nonprofit"]}}
    contracts = load_text(tmp_path, "account,plan\nGlobex,Nonprofit\n", vocab=vocab)
    assert by_name(contracts)["Globex"].category == "free"
    assert contracts.warnings == ()


def test_unknown_plans_and_statuses_warn_with_their_row(tmp_path: Path) -> None:
    contracts = load_text(
        tmp_path, "account,Plan Tier,status\nGlobex,Platinum,Active\nInitech,Pro,Frozen\n"
    )
    assert [f"{w.line}:{w.column}: {w.text(True)}" for w in contracts.warnings] == [
        "2:Plan Tier: unknown plan 'Platinum'; classified by status, revenue and dates "
        "(add it to [tool.logocheck.vocab.plans])",
        "3:status: unknown status 'Frozen'; ignored (add it to [tool.logocheck.vocab.plans])",
    ]
    # Without contract details a warning names the column and line, not the cell.
    assert [str(w) for w in contracts.warnings] == [
        "2:Plan Tier: unknown plan; classified by status, revenue and dates "
        "(add it to [tool.logocheck.vocab.plans])",
        "3:status: unknown status; ignored (add it to [tool.logocheck.vocab.plans])",
    ]


def test_unknown_plans_are_errors_in_strict_mode(tmp_path: Path) -> None:
    assert refused(tmp_path, "account,plan\nGlobex,Platinum\n", strict=True).startswith(
        "c.csv:2:plan: unknown plan 'Platinum'"
    )
    strict_by_config = refused(
        tmp_path, "account,plan\nGlobex,Platinum\n", settings={"strict": True}
    )
    assert strict_by_config.startswith("c.csv:2:plan: unknown plan")


def test_many_identical_warnings_are_folded_into_a_count(tmp_path: Path) -> None:
    rows = "".join(f"Company {i},Platinum\n" for i in range(1000))
    contracts = load_text(tmp_path, "account,plan\n" + rows)
    assert len(contracts.warnings) == 6
    assert contracts.warnings[-1].text(True).startswith("unknown plan 'Platinum'")
    assert contracts.warnings[-1].text(True).endswith("(and 994 more rows)")
    assert str(contracts.warnings[-1]).startswith("7:plan: unknown plan;")
    assert contracts.warnings[-1].message.endswith("(and 994 more rows)")
