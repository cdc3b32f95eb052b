"""When a paying account's coverage ends, for the lapsing-soon warning (LC009)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from logocheck.checks.accounts import paid_until
from logocheck.model import Contract

AS_OF = date(2026, 6, 1)


def _contract(start: str, end: str | None, revenue: str | None = "100") -> Contract:
    return Contract(
        line=2,
        start=date.fromisoformat(start),
        end=date.fromisoformat(end) if end else None,
        revenue=Decimal(revenue) if revenue is not None else None,
    )


@pytest.mark.parametrize(
    ("contracts", "until"),
    [
        ([_contract("2025-01-01", "2026-06-20")], date(2026, 6, 20)),
        (
            [_contract("2025-01-01", "2026-06-20"), _contract("2026-06-21", "2027-06-20")],
            date(2027, 6, 20),
        ),
        (
            [_contract("2025-01-01", "2026-06-20"), _contract("2026-07-01", "2027-06-20")],
            date(2026, 6, 20),
        ),
        ([_contract("2025-01-01", "2026-06-20"), _contract("2026-01-01", None)], None),
        (
            [_contract("2025-01-01", "2026-06-20"), _contract("2026-01-01", None, "0")],
            date(2026, 6, 20),
        ),
        ([_contract("2020-01-01", "2021-01-01")], None),
        (
            [_contract("2026-03-01", "2026-09-30"), _contract("2024-01-01", "2026-05-31")],
            date(2026, 9, 30),
        ),
    ],
    ids=["one contract", "renewal", "gap", "open-ended", "free row", "ended", "order"],
)
def test_paid_until(contracts: list[Contract], until: date | None) -> None:
    assert paid_until(contracts, AS_OF) == until
