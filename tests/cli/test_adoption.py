"""Adopting the check on the demo: strict config, suppressions, baselines, lapse warnings.

Each test works on a copy of the demo project, run through the command
line (in this process: ``tests/runner.py``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_demo import DEMO
from tests.runner import run

AS_OF = ("--as-of", "2026-12-01")


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    copy = tmp_path / "demo"
    shutil.copytree(DEMO, copy)
    return copy


def scan(folder: Path, *args: str) -> tuple[int, dict[str, Any], str]:
    """Exit code, JSON report and stderr of a scan of the demo copy."""
    ran = run(
        "scan",
        "site",
        "--contracts",
        "contracts.csv",
        "--format",
        "json",
        *AS_OF,
        *args,
        cwd=folder,
    )
    report = json.loads(ran.stdout) if ran.stdout else {}
    return ran.returncode, report, ran.stderr


def found(report: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if f["code"] == code]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def one_line_exit_2(folder: Path, *args: str) -> str:
    ran = run("scan", "site", "--contracts", "contracts.csv", *args, cwd=folder)
    assert ran.returncode == 2
    assert ran.stdout == ""
    lines = ran.stderr.strip().splitlines()
    assert len(lines) == 1, ran.stderr
    return lines[0]


# --- strict configuration ------------------------------------------------


def test_a_selection_typo_is_exit_2_naming_the_known_prefixes(demo: Path) -> None:
    line = one_line_exit_2(demo, "--select", "XX")
    assert line == (
        "logocheck: error: --select/--ignore: 'XX' matches no rule; "
        "known prefixes: LC0, LC9 (see `logocheck rules`)"
    )
    code, report, _ = scan(demo, "--select", "lc00", "--ignore", "lc006")
    assert code == 1
    assert {f["code"] for f in report["findings"]} == {
        "LC001",
        "LC002",
        "LC003",
        "LC004",
        "LC005",
        "LC007",
    }


def test_an_unknown_config_key_is_exit_2_with_file_line_and_key(demo: Path) -> None:
    (demo / "pyproject.toml").write_text(
        '[project]\nname = "fluxboard-site"\n\n[tool.logocheck]\nselct = ["LC0"]\n',
        encoding="utf-8",
    )
    line = one_line_exit_2(demo)
    assert line.startswith(f"logocheck: error: {demo / 'pyproject.toml'}:5: selct: unknown key")


# --- suppressions ------------------------------------------------------------


def test_suppressions_in_the_page_and_in_config(demo: Path) -> None:
    page = demo / "site" / "customers" / "index.html"
    item = '<li class="LogoGrid_item__Ef3Gh"><img alt="{}"'
    reviewed = '<li class="LogoGrid_item__Ef3Gh" data-logocheck-ignore="LC004 -- approved by legal, LEG-412"><img alt="{}"'
    edit(page, item.format("Virtucon"), reviewed.format("Virtucon"))
    reasonless = '<li class="LogoGrid_item__Ef3Gh" data-logocheck-ignore="LC004"><img alt="{}"'
    edit(page, item.format("Monarch Solutions"), reasonless.format("Monarch Solutions"))
    edit(page, item.format("Wonka Industries"), reviewed.format("Wonka Industries"))
    (demo / "logocheck.toml").write_text(
        '[[suppress]]\ncode = "LC004"\nbrand = "Gringotts"\n'
        'reason = "approved for the 2026 launch, LEG-300"\nexpires = 2026-09-30\n',
        encoding="utf-8",
    )
    code, report, stderr = scan(demo)
    assert stderr == ""
    assert code == 1
    lc004 = {f["brand"] for f in found(report, "LC004")}
    assert "Virtucon" not in lc004  # reviewed in the page
    assert {"Monarch Solutions", "Gringotts"} <= lc004  # no reason; expired
    assert [(s["brand"], s["reason"]) for s in report["suppressed"]] == [
        ("Virtucon", "approved by legal, LEG-412")
    ]
    [reasonless_error] = found(report, "LC910")
    assert (reasonless_error["level"], reasonless_error["line"]) == ("error", 27)
    [unused] = found(report, "LC911")
    assert (unused["level"], unused["line"]) == ("warning", 26)
    [expired] = found(report, "LC912")
    assert expired["level"] == "warning"
    assert (expired["file"], expired["line"]) == (str(demo / "logocheck.toml"), 1)
    assert "expired 2026-09-30" in expired["message"]


# --- baseline ----------------------------------------------------------------


@pytest.mark.slow
def test_a_baseline_quiets_known_findings_and_still_catches_new_ones(demo: Path) -> None:
    baseline = demo / ".logocheck-baseline.json"
    code, _, stderr = scan(demo, "--baseline", baseline.name, "--update-baseline")
    assert code == 0
    assert stderr.startswith(f"logocheck: {baseline.name}: baseline of ")
    text = baseline.read_text(encoding="utf-8")
    entries = json.loads(text)["findings"]
    assert entries == sorted(
        entries, key=lambda e: (e["page"], e["code"], e["brand"] or "", e["fingerprint"])
    )
    assert "line" not in text and "240000" not in text

    code, report, _ = scan(demo, "--baseline", baseline.name)
    assert (code, report["findings"]) == (0, [])
    assert report["summary"]["suppressed"] == len(report["suppressed"]) > 20

    # an unrelated edit shifts every line of every page: still the same findings
    for page in (demo / "site").rglob("*.html"):
        page.write_text(
            "<!-- build 2 -->\n\n\n" + page.read_text(encoding="utf-8"), encoding="utf-8"
        )
    assert scan(demo, "--baseline", baseline.name)[0] == 0

    # a free-plan logo added to another page is new
    about = demo / "site" / "about" / "index.html"
    edit(
        about,
        "</main>",
        '<section class="customers"><h2>Trusted by</h2>'
        '<img alt="Dunder Mifflin" src="/_next/static/media/dunder-mifflin.4d5e6f.png"></section></main>',
    )
    code, report, _ = scan(demo, "--baseline", baseline.name)
    assert code == 1
    assert [(f["code"], f["brand"], f["url"]) for f in report["findings"]] == [
        ("LC001", "Dunder Mifflin", "/about/")
    ]
    again = scan(demo, "--baseline", baseline.name, "--update-baseline")
    assert again[0] == 0
    assert baseline.read_text(encoding="utf-8") != text


@pytest.mark.slow
def test_prune_drops_entries_that_match_nothing_and_says_how_many(demo: Path) -> None:
    baseline = demo / "baseline.json"
    scan(demo, "--baseline", baseline.name, "--update-baseline")
    before = baseline.read_text(encoding="utf-8")
    scan(demo, "--baseline", baseline.name, "--update-baseline")
    assert baseline.read_text(encoding="utf-8") == before  # stable
    page = demo / "site" / "customers" / "index.html"
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    page.write_text("".join(x for x in lines if 'alt="Virtucon"' not in x), encoding="utf-8")
    _, _, stderr = scan(demo, "--baseline", baseline.name, "--update-baseline")
    assert stderr.rstrip().endswith("findings")  # without --prune, nothing is dropped
    _, _, stderr = scan(demo, "--baseline", baseline.name, "--update-baseline", "--prune")
    assert stderr.rstrip().endswith(", 1 pruned")
    assert "Virtucon" not in baseline.read_text(encoding="utf-8")


def test_prune_without_update_is_a_usage_error(demo: Path) -> None:
    assert "--prune only goes with --update-baseline" in one_line_exit_2(
        demo, "--baseline", "b.json", "--prune"
    )


# --- lapsing soon ------------------------------------------------------------


def test_lapsing_soon_warns_20_days_before_a_contract_ends_not_40(demo: Path) -> None:
    """Tyrell's contract ends 2099-01-31."""
    _, soon, _ = scan(demo, "--as-of", "2099-01-11")
    [warning] = [f for f in found(soon, "LC009") if f["account"] == "Tyrell Corporation"]
    assert warning["level"] == "warning"
    assert "ends on 2099-01-31, in 20 days" in warning["message"]
    _, early, _ = scan(demo, "--as-of", "2098-12-22")
    assert [f for f in found(early, "LC009") if f["account"] == "Tyrell Corporation"] == []


def test_the_warning_window_is_configurable(demo: Path) -> None:
    (demo / "logocheck.toml").write_text("lapse-warning-days = 45\n", encoding="utf-8")
    _, report, _ = scan(demo, "--as-of", "2098-12-22")
    assert any(f["account"] == "Tyrell Corporation" for f in found(report, "LC009"))


# --- contracts in CI ---------------------------------------------------------


def test_contracts_from_stdin_or_the_environment_never_show_their_path(
    demo: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "runner-temp-7f3a" / "crm-export-secret.csv"
    secret.parent.mkdir()
    shutil.copy(demo / "contracts.csv", secret)
    with secret.open("a", encoding="utf-8") as handle:
        handle.write("Hooli,hooli.example,,Platinum Plus,active,2023-05-10,,0,none,,\n")  # LC903
    command = ("scan", "site", "--format", "json", *AS_OF)
    from_env = run(*command, cwd=demo, env={"LOGOCHECK_CONTRACTS": str(secret)})
    from_stdin = run(
        *command,
        "--contracts",
        "-",
        cwd=demo,
        env={"LOGOCHECK_CONTRACTS": None},
        input=secret.read_text(encoding="utf-8"),
    )
    for ran, label in ((from_env, "$LOGOCHECK_CONTRACTS"), (from_stdin, "<stdin>")):
        assert ran.returncode == 1, ran.stderr
        report = json.loads(ran.stdout)
        assert "runner-temp-7f3a" not in ran.stdout and "crm-export-secret" not in ran.stdout
        assert {f["file"] for f in found(report, "LC903")} == {label}
        assert len(found(report, "LC001")) >= 3


def test_no_contracts_at_all_is_a_usage_error(demo: Path) -> None:
    ran = run("scan", "site", cwd=demo, env={"LOGOCHECK_CONTRACTS": None})
    assert ran.returncode == 2
    assert "--contracts is required (or set $LOGOCHECK_CONTRACTS)" in ran.stderr
