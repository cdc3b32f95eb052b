"""``logocheck contracts CSV`` on exports written as Excel and CRMs write them.

Each fixture in fixtures/contracts has the summary it must give beside it
(``<name>.expected.json``); regenerate them with
``python fixtures/contracts/generate.py --expected`` and review the diff
when the output changes on purpose.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from logocheck.cli.contracts import contracts_command
from tests.contracts.helpers import FIXTURES


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate", FIXTURES / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATE = _generator()
CASES: dict[str, list[str]] = GENERATE.CASES


def run(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(FIXTURES)
    result = CliRunner().invoke(contracts_command, [*args, "--as-of", "2026-11-29"])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("name", CASES)
def test_fixture_summary_matches_the_expected_output(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(FIXTURES)
    result = CliRunner().invoke(contracts_command, GENERATE.summary_args(name))
    assert (result.exit_code, result.stderr) == (0, "")
    expected = (FIXTURES / GENERATE.expected_name(name)).read_text(encoding="utf-8")
    assert json.loads(result.stdout) == json.loads(expected)


def test_fixture_files_are_what_the_generator_writes() -> None:
    for name, (text, encoding, newline) in GENERATE.FILES.items():
        data = text.replace("\n", newline).replace("¶", "\n").encode(encoding)
        assert (FIXTURES / name).read_bytes() == data, name


def test_every_fixture_has_a_case() -> None:
    data = {p.name for p in FIXTURES.iterdir() if p.suffix in (".csv", ".txt")}
    assert data == set(CASES)


def test_text_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(monkeypatch, "hubspot-companies.csv")
    assert code == 0
    assert out == (
        "hubspot-companies.csv: 6 rows, 5 accounts after merging (utf-8, comma)\n"
        "as of 2026-11-29:\n"
        "  paid            3\n"
        "  trial           0\n"
        "  free            2\n"
        "  lapsed          0\n"
        "publicity column: no (LC004 not checked)\n"
        "0 warnings\n"
    )


def test_warnings_are_listed_with_file_line_and_column(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(monkeypatch, "salesforce-report.csv")
    assert code == 0
    assert "3 warnings:\n  salesforce-report.csv:14:Plan Tier: unknown plan;" in out
    assert "Platinum" not in out and "Copyright" not in out
    code, out, _ = run(monkeypatch, "salesforce-report.csv", "--include-contract-details")
    assert "3 warnings:\n  salesforce-report.csv:14:Plan Tier: unknown plan 'Platinum'" in out


def test_nothing_confidential_is_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    _, out, _ = run(monkeypatch, "salesforce-report.csv", "--accounts", "--format", "json")
    for secret in ("240,000", "240000", "$", "0015g00000"):
        assert secret not in out


def test_a_refused_file_exits_2_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run(monkeypatch, "billing-cp1252.csv")
    assert (code, out) == (2, "")
    assert err == (
        "logocheck: error: billing-cp1252.csv:2:12: not valid utf-8 (byte 0xe9); "
        "if the file is Windows-1252 pass --contracts-encoding cp1252\n"
    )


def test_strict_turns_warnings_into_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(monkeypatch, "salesforce-report.csv", "--strict")
    assert code == 2
    assert err.startswith("logocheck: error: salesforce-report.csv:14:Plan Tier: unknown plan")


def test_date_format_and_decimal_comma_options(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    csv = tmp_path / "c.csv"
    csv.write_text('account;end_date;arr\nGlobex;31.12.2099;"1.200,50"\n', encoding="utf-8")
    code, _, err = run(monkeypatch, str(csv))
    assert code == 2
    assert "c.csv:2:arr: amount '1.200,50' has a decimal comma" in err
    code, _, err = run(monkeypatch, str(csv), "--decimal-comma")
    assert code == 2
    assert "c.csv:2:end_date: date '31.12.2099' is not ISO 8601" in err
    args = [str(csv), "--date-format", "%d.%m.%Y", "--decimal-comma", "--format", "json"]
    code, out, _ = run(monkeypatch, *args)
    assert (code, json.loads(out)["categories"]["paid"]) == (0, 1)


def test_a_missing_file_exits_2(monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(monkeypatch, "nope.csv")
    assert (code, err) == (2, "logocheck: error: nope.csv: No such file or directory\n")


def test_match_shows_how_brands_join(monkeypatch: pytest.MonkeyPatch) -> None:
    args = [
        "salesforce-report.csv",
        "--match",
        "GLOBEX CORP.",
        "--match",
        "jim@payments.initech.example",
    ]
    code, out, _ = run(monkeypatch, *args, "--match", "Massive Dynamics", "--match", "Acme")
    assert code == 0
    assert (
        "'GLOBEX CORP.' -> Globex Corporation (name 1.00; paid: paid plan)\n"
        "'jim@payments.initech.example' -> Initech, Inc. (domain 1.00; paid: paid plan)\n"
        "'Massive Dynamics' -> Massive Dynamic (fuzzy 0.97; paid: paid plan)\n"
        "'Acme' -> no account\n"
    ) in out
    code, out, _ = run(monkeypatch, *args, "--include-contract-details")
    assert (
        "'GLOBEX CORP.' -> Globex Corporation (name 1.00; paid: plan 'Enterprise'; best of 2 rows)\n"
        "'jim@payments.initech.example' -> Initech, Inc. (domain 1.00; paid: plan 'Team'; best of 2 rows)\n"
    ) in out


def test_match_in_json_lists_ambiguous_candidates(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    csv = tmp_path / "c.csv"
    csv.write_text("account,plan\nAcme Widgets,Free\nAcme Labs,Enterprise\n", encoding="utf-8")
    code, out, _ = run(monkeypatch, str(csv), "--match", "Acme", "--format", "json")
    assert code == 0
    assert json.loads(out)["matches"] == [
        {
            "brand": "Acme",
            "method": "ambiguous",
            "score": 0.9,
            "account": None,
            "category": None,
            "reason": None,
            "candidates": ["Acme Labs", "Acme Widgets"],
        }
    ]
