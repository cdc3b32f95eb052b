"""The benchmark's export generator, run small so it cannot rot unnoticed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from logocheck.contracts import AccountIndex, load_contracts

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_contracts.py"


def test_a_small_generated_export_loads_merges_and_joins(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench_contracts", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    path = tmp_path / "crm.csv"
    sample = bench.generate(path, 3000)
    contracts = load_contracts(path, as_of=bench.AS_OF)
    assert contracts.rows > 3000  # some companies have a second, older row
    assert len(contracts.accounts) < contracts.rows
    assert contracts.warnings == ()
    categories = {a.category for a in contracts.accounts}
    assert categories == {"paid", "free", "trial", "lapsed"}
    index = AccountIndex(contracts.accounts)
    methods = {index.lookup(name, domains).method for name, domains in bench.brands(sample, 100)}
    assert {"name", "domain", "none"} <= methods
