"""Numbers as pages write them, and rule LC007's tolerance."""

from __future__ import annotations

from datetime import date

import pytest

from logocheck.checks import Context, ScanFacts
from logocheck.checks.counts import count_exceeds_accounts
from logocheck.extract.counts import parse_count
from logocheck.model import Claim, Location


@pytest.mark.parametrize(
    ("number", "multiplier", "value"),
    [
        ("10,000", None, 10_000),
        ("10.000", None, 10_000),
        ("1.2", "M", 1_200_000),
        ("2", "million", 2_000_000),
        ("10", "k", 10_000),
        ("2,5", "Mio.", 2_500_000),
        ("350", None, 350),
        ("1,200,000", None, 1_200_000),
    ],
)
def test_parse_count(number: str, multiplier: str | None, value: int) -> None:
    assert parse_count(number, multiplier) == value


def _claim(count: int, noun: str) -> Claim:
    return Claim(Location("/"), "count", f"{count} {noun}", count=count, noun=noun)


def _check(claims: list[Claim], paying: int, **params: object) -> list[str]:
    context = Context(as_of=date(2026, 1, 1), paying_accounts=paying)
    found = count_exceeds_accounts(ScanFacts(count_claims=claims), context, **params)  # type: ignore[arg-type]
    return [fields["count"] for _, fields in found]


def test_customer_counts_above_paying_accounts_are_reported() -> None:
    assert _check([_claim(500, "companies")], paying=400) == ["500"]


def test_tolerance_lets_a_rounded_count_pass() -> None:
    assert _check([_claim(500, "companies")], paying=460, tolerance=0.1) == []
    assert _check([_claim(500, "companies")], paying=450, tolerance=0.1) == ["500"]


def test_users_are_not_counted_against_accounts() -> None:
    assert _check([_claim(2_000_000, "developers")], paying=10) == []


def test_nouns_can_be_configured() -> None:
    assert _check([_claim(50, "teams")], paying=10, nouns=["teams"]) == ["50"]
