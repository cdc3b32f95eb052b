"""The columnar reader gives what the row reader gives, on exports it takes.

The conftest runs every contracts test on both readers; these tests build
exports the columnar reader must take (not fall back on) with every kind
of row that needs the row reader's message, and compare the two loads
whole: accounts, warnings, category counts, keys, maps and lookups.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

from logocheck.contracts import AccountIndex, Contracts, columnar, load_contracts
from logocheck.contracts.table import ColumnTable
from logocheck.errors import ContractsError
from tests.contracts.helpers import AS_OF

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_contracts.py"

DOUBTFUL = [
    "Société Générale Demo,societe.example,Free,Active,2020-01-01,,0,approved",
    "Initech,initech.example; www.initech-pay.example,Team,Active,2020-01-01,2030-01-01,100,",
    "Hooli,hooli.example,Platinum,Active,2020-01-01,,0,",
    "Vandelay,not a domain,Free,Active,2020-01-01,,0,",
    ",,,,,,,",
    "Total: 12 rows",
    "",
    'Globex Corp.,shop.globex.example,Business,Active,2020-01-01,2030-01-01,"$1,200.00",approved',
    "Globex,globex.example,Free,Active,2019-01-01,,0,maybe",
    "The Globex Corporation,,Free,Active,2018-01-01,,0,none",
    "Soylent,gmail.com,Free,Active,2020-01-01,,0,",
    "Soylent Green,gmail.com,Trial,Trial,2020-01-01,,0,",
    'Initrode,www.initrode.example,Business,Churned,2020-01-01,2021-01-01,"12,000.00",',
    # amounts read as a column when plain, by the parser otherwise: the same signs
    "Acme One,acme1.example,,Active,2020-01-01,,-1200.00,",
    "Acme Two,acme2.example,,Active,2020-01-01,,(300),",
    'Acme Three,acme3.example,,Active,2020-01-01,,"USD 2,500",',
    "Acme Four,acme4.example,,Active,2020-01-01,,$0.00,",
    "Acme Five,acme5.example,,Active,2020-01-01,,2 500 €,",
    "Acme Six,acme6.example,,Active,2020-01-01,,.50,",
    'Acme Seven,acme7.example,,Active,2020-01-01,,"$12,345,678.9",',
    "Acme Eight,acme8.example,,Active,2020-01-01,,000,",
]


def bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_contracts", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Contracts, Contracts]:
    monkeypatch.setattr(columnar, "MIN_BYTES", 1 << 62)
    rows = load_contracts(path, as_of=AS_OF)
    monkeypatch.setattr(columnar, "MIN_BYTES", 0)
    columns = load_contracts(path, as_of=AS_OF)
    assert isinstance(rows.accounts, tuple)
    assert isinstance(columns.accounts, ColumnTable), "the columnar reader fell back"
    return rows, columns


def same(rows: Contracts, columns: Contracts, brands: list[tuple[str | None, list[str]]]) -> None:
    assert columns.counts == rows.counts
    assert (columns.rows, columns.warnings) == (rows.rows, rows.warnings)
    assert tuple(columns.accounts) == tuple(rows.accounts)
    may = columns.table.aliased  # the columnar table names those that may have aliases
    assert [p for p in may if columns.accounts[p].aliases] == list(rows.table.aliased)
    assert columns.table.maps is not None and rows.table.maps is not None
    built, merged = columns.table.maps(), rows.table.maps()
    assert built.keys == merged.keys
    assert built.rows.by_name == merged.rows.by_name
    assert built.rows.by_domain == merged.rows.by_domain
    fast, slow = AccountIndex(columns.table), AccountIndex(rows.table)
    for name, domains in brands:
        got, want = fast.lookup(name, domains), slow.lookup(name, domains)
        assert (got.method, got.account, got.candidates) == (
            want.method,
            want.account,
            want.candidates,
        )


@pytest.mark.parametrize("data", ["shared", "unique"])
def test_generated_exports_load_the_same_on_both_readers(
    data: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = bench()
    path = tmp_path / "crm.csv"
    sample = module.GENERATORS[data](path, 4000)
    rows, columns = both(path, monkeypatch)
    same(rows, columns, module.brands(sample, 200))


def test_rows_that_need_a_message_get_the_row_readers_message_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = bench()
    clean = tmp_path / "clean.csv"
    module.generate_unique(clean, 300)
    body = clean.read_text(encoding="utf-8-sig").splitlines()[1:]
    header = "account,domain,plan,status,start_date,end_date,arr,publicity"
    lines = [",".join(line.split(",")[1:9]) for line in body if '"' not in line]
    for at, doubtful in enumerate(DOUBTFUL):
        lines.insert(7 + at * 19, doubtful)
    path = tmp_path / "crm.csv"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    rows, columns = both(path, monkeypatch)
    assert len(rows.warnings) >= 6
    same(rows, columns, [("Globex", []), ("Société Générale", []), (None, ["initech-pay.example"])])


def test_a_bad_cell_is_the_same_one_line_error_on_both_readers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    header = "account,domain,plan,start_date"
    lines = [f"Company {n},company{n}.example,Free,2020-01-01" for n in range(50)]
    lines.insert(30, "Umbrella,umbrella.example,Free,01/02/2020")
    path = tmp_path / "crm.csv"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    errors = []
    for limit in (1 << 62, 0):
        monkeypatch.setattr(columnar, "MIN_BYTES", limit)
        with pytest.raises(ContractsError) as caught:
            load_contracts(path, as_of=AS_OF)
        errors.append(str(caught.value))
    assert errors[0] == errors[1]
    assert ":32:start_date: ambiguous date '01/02/2020'" in errors[0]
