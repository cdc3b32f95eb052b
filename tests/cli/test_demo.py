"""The demo site end to end, through the command line.

Each distinct command runs once and the tests that read it share it
(``run_once``). One scan runs as a user runs it, ``python -m logocheck`` in
a subprocess, printing the text report and writing the JSON one; the other
configurations run ``logocheck.cli.main`` in this process, the same code
without an interpreter start each, and its JSON must equal the program's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.runner import ROOT, Ran, run_once, run_program
from tests.runner import run as inprocess

DEMO = ROOT / "fixtures" / "demo"
SCAN = ("scan", "fixtures/demo/site", "--contracts", "fixtures/demo/contracts.csv")


@dataclass(frozen=True)
class Program:
    """The demo scan run as a program: what it printed, and the JSON it wrote."""

    run: Ran
    json: str


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Program:
    report = tmp_path_factory.mktemp("demo") / "report.json"
    run = run_program(*SCAN, "--report", f"json={report}")
    return Program(run, report.read_text(encoding="utf-8"))


def test_demo_text_output_matches_expected(program: Program) -> None:
    run = program.run
    assert run.stderr == ""
    assert run.stdout == (DEMO / "expected.txt").read_text(encoding="utf-8")
    assert run.returncode == 1


def test_demo_finds_every_kind_of_false_customer() -> None:
    data = json.loads(run_once(*SCAN, "--format", "json").stdout)
    codes = {f["code"] for f in data["findings"]}
    assert {"LC001", "LC002", "LC003", "LC004", "LC005", "LC006"} <= codes


def test_demo_json_is_byte_identical_across_runs(program: Program) -> None:
    again = run_once(*SCAN, "--format", "json")
    assert program.run.returncode == again.returncode == 1
    assert program.json == again.stdout


def test_blog_prose_is_not_a_claim() -> None:
    data = json.loads(run_once(*SCAN, "--format", "json").stdout)
    blog = [f for f in data["findings"] if f["url"].startswith("/blog/")]
    assert blog == []
    assert not [c for c in data["claims"] if c["url"].startswith("/blog/")]


def test_revenue_never_leaves_the_contracts_file(program: Program) -> None:
    output = program.json + program.run.stdout
    for secret in ("240000", "410000", "arr", "ARR"):
        assert secret not in output


def test_output_file_is_written_and_stdout_still_gets_the_text(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    run = inprocess(*SCAN, "--format", "json", "--output", str(target))
    assert run.stdout == (DEMO / "expected.txt").read_text(encoding="utf-8")
    assert json.loads(target.read_text())["summary"]["pages"] == 8
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["scan", "fixtures/demo/site", "--contracts", "missing.csv"], "missing.csv"),
        (["scan", "no/such/site", "--contracts", "fixtures/demo/contracts.csv"], "no/such/site"),
        ([*SCAN, "--format", "yaml"], "yaml"),
        ([*SCAN, "--as-of", "01/02/2026"], "01/02/2026"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], named: str) -> None:
    run = inprocess(*args)
    assert run.returncode == 2
    assert run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert named in lines[0]
    assert "Traceback" not in run.stderr


def test_fail_on_decides_the_exit_code() -> None:
    assert inprocess(*SCAN, "--fail-on", "never").returncode == 0
    assert inprocess(*SCAN, "--select", "LC006", "--fail-on", "error").returncode == 1
    assert inprocess(*SCAN, "--select", "LC008", "--fail-on", "warning").returncode == 0


def test_as_of_moves_contract_dates() -> None:
    """On a date past the trials' end, they are lapsed, not trials any more."""
    later = json.loads(inprocess(*SCAN, "--format", "json", "--as-of", "2041-01-01").stdout)
    by_brand = {f["account"]: f["code"] for f in later["findings"] if f["account"]}
    assert by_brand["Umbrella Corporation"] == "LC003"
    now = json.loads(inprocess(*SCAN, "--format", "json", "--as-of", "2027-01-01").stdout)
    assert {f["code"] for f in now["findings"] if f["account"] == "Umbrella Corporation"} == {
        "LC002"
    }


def test_python_dash_m_and_help_work() -> None:
    assert "Usage:" in run_program("--help").stdout
    for command in (["scan"], ["explain"], ["rules"]):
        run = inprocess(*command, "--help")
        assert run.returncode == 0
        assert "Usage:" in run.stdout
    assert "Examples:" in inprocess("scan", "--help").stdout
