"""Cells: dates, money and publicity read exactly, or refused with their place."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from logocheck.contracts.values import DateParser, MoneyParser, PublicityParser, split_list
from tests.contracts.helpers import by_name, load_text, refused


@pytest.mark.parametrize(
    "text",
    [
        "2026-02-01",
        " 2026-02-01 ",
        "2026-02-01T00:00:00Z",
        "2026-02-01 09:30:00",
        "2026-02-01T23:59:59+02:00",
    ],
)
def test_iso_dates_are_always_read(text: str) -> None:
    assert DateParser()(text) == date(2026, 2, 1)


def test_ambiguous_dates_are_refused_without_a_format() -> None:
    with pytest.raises(
        ValueError, match=r"ambiguous date '01/02/2026' \(day/month or month/day\?\)"
    ):
        DateParser()("01/02/2026")
    with pytest.raises(ValueError, match="not ISO 8601"):
        DateParser()("13/02/2026")  # unambiguous, but the file's other rows may not be
    with pytest.raises(ValueError, match="not ISO 8601"):
        DateParser()("45321")  # an Excel serial number


@pytest.mark.parametrize(
    ("formats", "text", "expected"),
    [
        (["%d/%m/%Y"], "01/02/2026", date(2026, 2, 1)),
        (["%m/%d/%Y"], "01/02/2026", date(2026, 1, 2)),
        (["%d.%m.%Y", "%d.%m.%y"], "31.12.26", date(2026, 12, 31)),
        (["%d %b %Y"], "2 Feb 2026", date(2026, 2, 2)),
    ],
)
def test_configured_formats_read_other_layouts(
    formats: list[str], text: str, expected: date
) -> None:
    assert DateParser(formats)(text) == expected


def test_a_date_matching_no_configured_format_is_refused() -> None:
    with pytest.raises(ValueError, match="matches neither ISO 8601 nor date_format '%d/%m/%Y'"):
        DateParser(["%d/%m/%Y"])("2/30/2026")


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1200", Decimal("1200")),
        ("$1,200.00", Decimal("1200.00")),
        ("USD 1,234,567.89", Decimal("1234567.89")),
        ("1200.5 EUR", Decimal("1200.5")),
        ("£ 950", Decimal("950")),
        ("-250.00", Decimal("-250.00")),
        ("($1,000.00)", Decimal("-1000.00")),
        ("0", Decimal("0")),
        ("CHF 1'200.50", Decimal("1200.50")),
    ],
)
def test_money_with_a_decimal_point(text: str, amount: Decimal) -> None:
    assert MoneyParser()(text) == amount


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.234,56 €", Decimal("1234.56")),
        ("€ 1.234.567,8", Decimal("1234567.8")),
        ("1 234,56 €", Decimal("1234.56")),
        ("1\u202f234,56\u00a0€", Decimal("1234.56")),
        ("48.000 €", Decimal("48000")),
        ("0,00 €", Decimal("0.00")),
    ],
)
def test_money_with_a_decimal_comma(text: str, amount: Decimal) -> None:
    assert MoneyParser(decimal_comma=True)(text) == amount


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1.234,56 €", "has a decimal comma; set decimal_comma = true"),
        ("1,5", "has a decimal comma; set decimal_comma = true"),
        ("12,00", "has a decimal comma"),
        ("1,2345", "has a decimal comma"),
        ("lots", "is not a number"),
        ("1.2.3", "is not a number"),
    ],
)
def test_money_that_could_be_misread_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        MoneyParser()(text)


def test_a_decimal_point_under_decimal_comma_is_refused() -> None:
    with pytest.raises(ValueError, match="decimal point but decimal_comma is set"):
        MoneyParser(decimal_comma=True)("1200.50")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("approved", "approved"),
        ("Approved", "approved"),
        ("APPROVED WITH REVIEW", "approved-with-review"),
        ("approved_with_review", "approved-with-review"),
        ("Case study only", "case-study-only"),
        ("revoked", "revoked"),
        ("none", "none"),
        ("", None),
        ("  ", None),
    ],
)
def test_publicity_is_an_enum_whatever_the_spelling(text: str, value: str | None) -> None:
    assert PublicityParser()(text) == value


def test_publicity_synonyms_come_from_the_vocabulary() -> None:
    parse = PublicityParser({"approved": ("freigegeben",), "none": ("nein",)})
    assert parse("Freigegeben") == "approved"
    assert parse("NEIN") == "none"


def test_unknown_publicity_is_refused_by_the_parser() -> None:
    with pytest.raises(ValueError, match="unknown publicity 'maybe'"):
        PublicityParser()("maybe")


def test_lists_split_on_semicolons_pipes_and_line_breaks() -> None:
    assert split_list("Globex; Globex Corp |Globex\nGmbH") == (
        "Globex",
        "Globex Corp",
        "Globex",
        "GmbH",
    )
    assert split_list("Wayne Enterprises, Inc.") == ("Wayne Enterprises, Inc.",)
    assert split_list("  ") == ()


def test_bad_dates_are_errors_naming_line_and_column(tmp_path: Path) -> None:
    text = "account,Contract End Date\nGlobex,2026-01-01\nInitech,01/02/2026\n"
    message = refused(tmp_path, text)
    assert message.startswith("c.csv:3:Contract End Date: ambiguous date '01/02/2026'")


def test_bad_money_is_an_error_naming_line_and_column(tmp_path: Path) -> None:
    message = refused(tmp_path, 'account;ARR\nGlobex;"1.234,56 €"\n')
    assert message == (
        "c.csv:2:ARR: amount '1.234,56 €' has a decimal comma; set decimal_comma = true to read it"
    )
    contracts = load_text(
        tmp_path, 'account;ARR\nGlobex;"1.234,56 €"\n', settings={"decimal_comma": True}
    )
    assert by_name(contracts)["Globex"].contracts[0].revenue == Decimal("1234.56")


def test_an_error_in_a_multiline_record_names_its_first_and_last_line(tmp_path: Path) -> None:
    text = 'account,notes,end_date\nGlobex,"line one\nline two\nline three",yesterday\n'
    message = refused(tmp_path, text)
    assert message == (
        "c.csv:2:end_date: date 'yesterday' is not ISO 8601 (YYYY-MM-DD); set date_format "
        "to read it (record spans lines 2-4)"
    )


def test_unknown_publicity_warns_and_grants_nothing(tmp_path: Path) -> None:
    contracts = load_text(tmp_path, "account,publicity\nGlobex,maybe later\n")
    assert by_name(contracts)["Globex"].publicity == "none"
    assert [w.describe(True) for w in contracts.warnings] == [
        "2:publicity: unknown publicity 'maybe later' (expected none, approved, "
        "approved-with-review, case-study-only, revoked); read as 'none'"
    ]


def test_unknown_publicity_is_an_error_in_strict_mode(tmp_path: Path) -> None:
    message = refused(tmp_path, "account,publicity\nGlobex,maybe later\n", strict=True)
    assert message.startswith("c.csv:2:publicity: unknown publicity 'maybe later'")


def test_publicity_expiry_makes_an_approval_count_as_none(tmp_path: Path) -> None:
    text = (
        "account,publicity,publicity_expires\n"
        "Globex,approved,2025-06-30\nInitech,approved,2030-01-01\nHooli,revoked,2020-01-01\n"
    )
    accounts = by_name(load_text(tmp_path, text))
    assert (accounts["Globex"].publicity, str(accounts["Globex"].publicity_expires)) == (
        "none",
        "2025-06-30",
    )
    assert accounts["Initech"].publicity == "approved"
    assert accounts["Hooli"].publicity == "revoked"
