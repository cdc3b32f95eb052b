"""Encodings and delimiters: what Excel and CRMs write, and nothing guessed."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from logocheck.contracts import load_contracts
from logocheck.errors import ContractsError
from tests.contracts.helpers import AS_OF, by_name, load_text, refused

TEXT = (
    "account,domain,plan\nSociété Globex,globex.example,Enterprise\nInitech,initech.example,Free\n"
)


@pytest.mark.parametrize(
    ("encoding", "codec"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),  # Python writes the BOM, as Excel does
        ("utf-16-be", None),
    ],
)
def test_encodings_with_a_bom_or_utf8_are_read_without_being_told(
    tmp_path: Path, encoding: str, codec: str | None
) -> None:
    text = TEXT.encode(encoding)
    if codec is None:
        text = codecs.BOM_UTF16_BE + text
        codec = "utf-16"
    contracts = load_text(tmp_path, text)
    assert "Société Globex" in by_name(contracts)
    assert contracts.encoding == codec


def test_the_bom_never_sticks_to_the_first_header(tmp_path: Path) -> None:
    contracts = load_text(tmp_path, codecs.BOM_UTF8 + b"Account Name\r\nGlobex\r\n")
    assert [a.name for a in contracts.accounts] == ["Globex"]


def test_cp1252_is_refused_with_its_line_and_column_and_a_hint(tmp_path: Path) -> None:
    message = refused(tmp_path, TEXT, file_encoding="cp1252")
    assert message == (
        "c.csv:2:5: not valid utf-8 (byte 0xe9); "
        "if the file is Windows-1252 pass --contracts-encoding cp1252"
    )


def test_cp1252_reads_when_named(tmp_path: Path) -> None:
    contracts = load_text(tmp_path, TEXT, file_encoding="cp1252", encoding="cp1252")
    assert "Société Globex" in by_name(contracts)


def test_a_bad_byte_far_down_the_file_names_its_line(tmp_path: Path) -> None:
    rows = "".join(f"Company {i},c{i}.example,Free\n" for i in range(5000))
    data = ("account,domain,plan\n" + rows).encode() + b"Caf\xe9 Wonka,wonka.example,Free\n"
    assert refused(tmp_path, data).startswith("c.csv:5002:4: not valid utf-8 (byte 0xe9)")


def test_utf16_without_a_bom_is_refused_not_read_as_garbage(tmp_path: Path) -> None:
    message = refused(tmp_path, TEXT.encode("utf-16-le"))
    assert message == (
        "c.csv:1: looks like UTF-16 without a byte-order mark; pass --contracts-encoding utf-16-le"
    )


def test_an_unknown_encoding_name_is_an_error(tmp_path: Path) -> None:
    assert refused(tmp_path, TEXT, encoding="klingon") == "c.csv: unknown encoding 'klingon'"


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("account,plan\nGlobex,Free\n", ","),
        ("account;plan\nGlobex;Free\n", ";"),
        ("account\tplan\nGlobex\tFree\n", "\t"),
        ('"account";"plan, tier"\nGlobex;Free\n', ";"),  # a comma inside a quoted header
        ("account\nGlobex\n", ","),  # one column: nothing to sniff
    ],
)
def test_delimiter_is_sniffed_on_the_header_line(tmp_path: Path, text: str, delimiter: str) -> None:
    contracts = load_text(tmp_path, text)
    assert contracts.delimiter == delimiter


def test_a_given_delimiter_wins_over_sniffing(tmp_path: Path) -> None:
    text = "account|plan|x;y\nGlobex|Free|1;2\n"
    assert "no account column" in refused(tmp_path, text)
    contracts = load_text(tmp_path, text, delimiter="|")
    assert [(a.name, a.category) for a in contracts.accounts] == [("Globex", "free")]


@pytest.mark.parametrize("name", ["tab", "\\t", "semicolon"])
def test_delimiters_can_be_named(tmp_path: Path, name: str) -> None:
    text = "account\tplan\nGlobex\tFree\n" if "t" in name else "account;plan\nGlobex;Free\n"
    assert load_text(tmp_path, text, delimiter=name).accounts[0].category == "free"


def test_excel_sep_line_sets_the_delimiter_and_is_skipped(tmp_path: Path) -> None:
    contracts = load_text(tmp_path, "sep=;\r\naccount;plan\r\nGlobex, Inc.;Free\r\n")
    assert [(a.name, a.line) for a in contracts.accounts] == [("Globex, Inc.", 3)]


def test_an_empty_file_is_an_error(tmp_path: Path) -> None:
    assert refused(tmp_path, "") == "c.csv:1: the file is empty"
    assert refused(tmp_path, codecs.BOM_UTF8 + b"\r\n") == "c.csv:1: the file is empty"


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ContractsError, match=r"nope\.csv: No such file"):
        load_contracts(tmp_path / "nope.csv", as_of=AS_OF)


def test_a_header_without_rows_loads_with_a_warning(tmp_path: Path) -> None:
    contracts = load_text(tmp_path, "account,plan\n")
    assert contracts.accounts == ()
    assert [str(w) for w in contracts.warnings] == ["1: no account rows after the header"]
