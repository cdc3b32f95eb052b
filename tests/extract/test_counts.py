"""Numbers as pages write them, and rule LC007's tolerance."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logocheck.checks import Context, ScanFacts
from logocheck.checks.counts import count_exceeds_accounts
from logocheck.config import Settings
from logocheck.extract import ExtractContext
from logocheck.extract.counts import parse_count
from logocheck.extract.literals import digit_runs
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


@pytest.mark.parametrize(
    ("data", "runs"),
    [
        (b"", []),
        (b"no numbers", []),
        (b"2024", [(0, 4)]),
        (b"10,000+ teams", [(0, 2), (3, 6)]),
        (b"Step 2\n\n3 customers 45", [(5, 6), (8, 9), (20, 22)]),
        ("über 7 Kunden ٣".encode(), [(6, 7)]),  # ASCII digits only
    ],
)
def test_digit_runs_are_the_ascii_digit_runs_in_order(
    data: bytes, runs: list[tuple[int, int]]
) -> None:
    assert list(digit_runs(data)) == runs
    assert list(digit_runs(data)) == [m.span() for m in re.finditer(rb"[0-9]+", data)]


SCANNER = ExtractContext.build([], Settings()).scanner
PIECES = ["0", "10", ",000", ".5", "+", " ", "\n", "\xa0", "k", "m", "million", "happy"]
PIECES += ["engineering", "super", "teams", "customers", "users", "section", "of", "-", "'"]


CLAIMS = ExtractContext.build([], Settings()).claims
COUNT_PIECES = [*PIECES, "thousands", "dozens", "d'", "de", "companies", "\n\n\n", "x", "2,5"]


def _slow(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern with every possessive quantifier made backtracking again."""
    slow = re.compile(pattern.pattern.replace("*+", "*").replace("++", "+"), pattern.flags)
    assert slow.pattern != pattern.pattern
    return slow


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(COUNT_PIECES), max_size=14).map("".join))
def test_the_count_patterns_match_as_their_backtracking_forms(text: str) -> None:
    """Same span and same groups from every position: the possessive quantifiers
    only cut retries that could not succeed (a run of blank lines after a number)."""
    for pattern in (CLAIMS.count, CLAIMS.vague_count):
        slow = _slow(pattern)
        for start in range(len(text) + 1):
            fast, reference = pattern.match(text, start), slow.match(text, start)
            assert (fast and (fast.span(), fast.groupdict())) == (
                reference and (reference.span(), reference.groupdict())
            ), (text, start)


CASED_PIECES = [*COUNT_PIECES, "K", "M", "Million", "Teams", "CUSTOMERS", "Happy", "b2b", "xteams"]


@settings(max_examples=1000, deadline=None)
@given(text=st.lists(st.sampled_from(CASED_PIECES), max_size=14).map("".join))
def test_the_noun_test_after_a_number_passes_every_count_the_count_pattern_reads(
    text: str,
) -> None:
    """The text scan keeps a page's numbers only when one passes the noun test:
    wherever the count pattern reads a count from a number, the bytes after
    the number's first digits pass it (a superset, in a few steps each)."""
    data = text.encode("utf-8")
    for start, end in digit_runs(data):
        before = data[start - 1 : start]
        if before.isalnum() or before in (b".", b","):
            continue  # inside a word or a longer number: the scan keeps no start there
        offset = len(data[:start].decode("utf-8"))
        if CLAIMS.count.match(text, offset) is not None:
            assert SCANNER._may_count(data[end : end + 512]), (text, offset)


def test_the_noun_test_takes_a_word_glued_to_no_multiplier_whole() -> None:
    """ "2 xteams" holds no count (x is no multiplier), and the test no longer
    retries every split of the word to find "teams" in it."""
    assert CLAIMS.count.match("2 xteams", 0) is None
    assert not SCANNER._may_count(b" xteams")
    assert SCANNER._may_count(b" k teams") and SCANNER._may_count(b"k+ teams")
    assert SCANNER._may_count(b" world-class engineering teams")


def test_a_count_after_blank_lines_still_reads_its_noun() -> None:
    text = "Trusted by 10,000+\n\n\n\n  happy customers"
    found = CLAIMS.count.match(text, text.index("10"))
    assert found is not None
    assert (found.group("num"), found.group("plus"), found.group("noun")) == (
        "10,000",
        "+",
        "customers",
    )
    assert CLAIMS.count.match("Section 8\n\n\n\n\n\nAbout", 8) is None
