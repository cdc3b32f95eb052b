"""Records: line numbers that survive quoted newlines, and malformed rows refused."""

from __future__ import annotations

import dataclasses
import gc
from pathlib import Path

import pytest

from logocheck.contracts.bulk import SETTLE_FROM, paused_gc, positional
from tests.contracts.helpers import by_name, load_text, refused


def test_line_numbers_count_physical_lines_across_quoted_newlines(tmp_path: Path) -> None:
    text = (
        'account,notes\r\n"Globex","two\nlines"\r\n\r\n"Initech","three\r\nline\r\nnote"\r\n'
        "Hooli,\r\n"
    )
    contracts = load_text(tmp_path, text)
    assert [(a.name, a.line) for a in contracts.accounts] == [
        ("Globex", 2),
        ("Initech", 5),
        ("Hooli", 8),
    ]


def test_an_unclosed_quote_is_refused_at_the_record_it_opens(tmp_path: Path) -> None:
    text = 'account,plan\nGlobex,Free\n"Initech,Free\nHooli,Free\n'
    assert refused(tmp_path, text) == (
        "c.csv:3: malformed CSV (unexpected end of data); is a quote left open?"
    )


def test_text_after_a_closing_quote_is_refused(tmp_path: Path) -> None:
    message = refused(tmp_path, 'account,plan\n"Globex" Corp,Free\n')
    assert message == (
        "c.csv:2: malformed CSV (',' expected after '\"'); "
        "text after a closing quote: quote the whole cell"
    )


def test_extra_cells_are_refused_naming_the_row(tmp_path: Path) -> None:
    message = refused(tmp_path, "account,plan\nWayne Enterprises, Inc.,Enterprise\n")
    assert message == (
        "c.csv:2: row has 3 cells but the header has 2; is a delimiter inside an unquoted cell?"
    )


def test_trailing_empty_cells_and_short_rows_are_fine(tmp_path: Path) -> None:
    text = "account,plan,status\nGlobex,Free,,,\nInitech,Free\n"
    assert sorted(by_name(load_text(tmp_path, text))) == ["Globex", "Initech"]


def test_blank_lines_and_empty_rows_are_skipped_silently(tmp_path: Path) -> None:
    contracts = load_text(tmp_path, "account,plan\n\nGlobex,Free\n,\n\n")
    assert [a.name for a in contracts.accounts] == ["Globex"]
    assert contracts.warnings == ()
    assert contracts.rows == 1


def test_a_lone_line_of_text_is_not_an_account(tmp_path: Path) -> None:
    text = 'account,plan\nGlobex,Free\n""\n"Confidential Information - Do Not Distribute"\n'
    contracts = load_text(tmp_path, text)
    assert [a.name for a in contracts.accounts] == ["Globex"]
    assert [w.describe(True) for w in contracts.warnings] == [
        "4: a single cell 'Confidential Information - Do Not Distribute', not a record; skipped"
    ]


def test_strict_mode_refuses_what_would_be_a_warning(tmp_path: Path) -> None:
    text = "account,domain\nGlobex,not a domain\n"
    assert [w.describe(True) for w in load_text(tmp_path, text).warnings] == [
        "2:domain: not a domain 'not'; ignored",
        "2:domain: not a domain 'a'; ignored",
        "2:domain: not a domain 'domain'; ignored",
    ]
    assert refused(tmp_path, text, strict=True) == "c.csv:2:domain: not a domain 'not'; ignored"


def test_records_are_built_in_the_models_field_order_whatever_the_callers() -> None:
    @dataclasses.dataclass(frozen=True)
    class Pair:
        first: str
        second: int = 0

    assert positional(Pair, "first second") is Pair  # same order: the class itself
    swapped = positional(Pair, "second first")
    assert swapped(2, "a") == Pair("a", 2)
    with pytest.raises(TypeError, match="Pair has the fields"):
        positional(Pair, "first")
    with pytest.raises(TypeError, match="Pair has the fields"):
        positional(Pair, "first second third")


def test_cells_of_spaces_are_blank(tmp_path: Path) -> None:
    text = "account,plan,status,end_date,arr,publicity,domain\nGlobex,  ,  , , ,  ,  \n"
    globex = by_name(load_text(tmp_path, text))["Globex"]
    assert (globex.contracts[0].plan, globex.contracts[0].status) == ("", "")
    assert (globex.category, globex.publicity, globex.domains) == ("paid", None, ())


def test_long_notes_cells_are_read(tmp_path: Path) -> None:
    notes = "x" * 300_000
    contracts = load_text(tmp_path, f'account,notes\nGlobex,"{notes}"\n')
    assert [a.name for a in contracts.accounts] == ["Globex"]


def test_messages_stay_on_one_line_when_cells_hold_line_breaks(tmp_path: Path) -> None:
    text = 'account,"Contract\nEnd Date",plan\nGlobex,"2026\n01",Free\nInitech,,"Plati\nnum"\n'
    message = refused(tmp_path, text)
    assert message.startswith("c.csv:3:Contract End Date: date '2026\\n01' is not ISO 8601")
    assert message.endswith("(record spans lines 3-4)")
    warnings = load_text(tmp_path, text.replace('"2026\n01"', "")).warnings
    assert [w.describe(True) for w in warnings] == [
        "4:plan: unknown plan 'Plati\\nnum'; classified by status, revenue and dates "
        "(add it to [tool.logocheck.vocab.plans]) (record spans lines 4-5)"
    ]


def test_a_load_is_settled_by_one_full_collection_only_when_it_made_many_objects() -> None:
    full: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(1)

    gc.callbacks.append(seen)
    try:
        with paused_gc(settle=True):
            few = [[n] for n in range(100)]
        after_few = len(full)
        with paused_gc(settle=True):
            many = [[n] for n in range(SETTLE_FROM + 1000)]
        after_many = len(full)
    finally:
        gc.callbacks.remove(seen)
    assert (after_few, after_many) == (0, 1)
    assert len(few) + len(many) > SETTLE_FROM
