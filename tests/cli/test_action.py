"""The GitHub Action: ``action.yml`` parses, and its scan step, run here as the
runner would run it, produces the outputs, the job summary and the reports."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cli.test_demo import DEMO, ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
CI_DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
EXPRESSION = re.compile(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}")
#: The step's exit code, its outputs, the job summary and the results folder.
StepRun = tuple[int, dict[str, str], str, Path]


def step(step_id: str | None = None, name: str | None = None) -> dict[str, Any]:
    steps = ACTION["runs"]["steps"]
    if step_id is not None:
        return next(s for s in steps if s.get("id") == step_id)
    return next(s for s in steps if s.get("name") == name)


def run_scan_step(folder: Path, **inputs: str) -> StepRun:
    """The action's scan step in bash, with the inputs given and the others' defaults.

    The installed ``logocheck`` stands in for the one the install step puts
    in ``$RUNNER_TEMP/logocheck-venv``.
    """
    runner = folder / "runner-temp"
    (runner / "logocheck-venv" / "bin").mkdir(parents=True)
    (runner / "logocheck-venv" / "bin" / "logocheck").symlink_to(
        Path(sys.executable).parent / "logocheck"
    )
    values = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    values.update(inputs)
    scan = step("scan")
    env = {key: EXPRESSION.sub(lambda m: values[m[1]], value) for key, value in scan["env"].items()}
    output, summary = folder / "github-output", folder / "step-summary"
    output.touch()
    summary.touch()
    env.update(RUNNER_TEMP=str(runner), GITHUB_OUTPUT=str(output), GITHUB_STEP_SUMMARY=str(summary))
    env.update(PATH=os.environ["PATH"], NO_COLOR="1")
    run = subprocess.run(
        ["bash", "-c", scan["run"]],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    return (
        run.returncode,
        outputs,
        summary.read_text(encoding="utf-8"),
        runner / "logocheck-results",
    )


def make_project(folder: Path) -> Path:
    shutil.copytree(DEMO / "site", folder / "public")
    secret = folder / "secret-7f3a" / "crm-export.csv"
    secret.parent.mkdir()
    shutil.copy(DEMO / "contracts.csv", secret)
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


@pytest.fixture(scope="module")
def on_the_demo(tmp_path_factory: pytest.TempPathFactory) -> StepRun:
    """The scan step with its defaults on the demo, run once for the tests that read it."""
    project = make_project(tmp_path_factory.mktemp("action"))
    contracts = str(project / "secret-7f3a" / "crm-export.csv")
    return run_scan_step(project, target="public", contracts=contracts)


def test_action_yml_declares_its_inputs_and_outputs_and_documents_them() -> None:
    assert ACTION["runs"]["using"] == "composite"
    expected = {
        "target",
        "contracts",
        "args",
        "fail",
        "sarif",
        "category",
        "summary",
        "report",
        "python",
    }
    assert set(ACTION["inputs"]) == expected
    assert {"exit-code", "errors", "warnings"} <= set(ACTION["outputs"])
    for name, spec in ACTION["inputs"].items():
        assert spec["description"].strip(), name
        assert f"| `{name}` |" in CI_DOC, f"input {name} is not in docs/ci.md"
    for name in ACTION["outputs"]:
        assert f"| `{name}` |" in CI_DOC, f"output {name} is not in docs/ci.md"
    used = {m for s in ACTION["runs"]["steps"] for m in EXPRESSION.findall(yaml.safe_dump(s))}
    assert used == expected, "every input is used, and only those"


def test_action_installs_from_its_own_checkout() -> None:
    install = step(name="Install logocheck from this action's checkout")
    assert 'install --quiet "$GITHUB_ACTION_PATH"' in install["run"]


@pytest.mark.slow
def test_the_scan_step_on_the_demo(on_the_demo: StepRun) -> None:
    code, outputs, summary, results = on_the_demo
    assert code == 0  # the step itself; the verdict step ends the job
    report = json.loads((results / "logocheck.json").read_text())
    counts = report["summary"]["findings"]
    assert outputs["exit-code"] == "1"
    assert outputs["result"] == "1"
    assert (outputs["errors"], outputs["warnings"]) == (
        str(counts["error"]),
        str(counts["warning"]),
    )
    assert int(outputs["errors"]) >= 20
    assert summary.startswith(f"## ❌ logocheck: {counts['error']} errors")
    assert "| Hooli | Hooli | free | LC001 |" in summary
    for written in results.iterdir():
        text = written.read_text(encoding="utf-8")
        assert "secret-7f3a" not in text and "crm-export" not in text, written.name


def test_the_scan_step_writes_sarif_for_code_scanning(
    on_the_demo: StepRun,
) -> None:
    _, outputs, _, results = on_the_demo
    sarif = json.loads(Path(outputs["sarif-file"]).read_text(encoding="utf-8"))
    [run] = sarif["runs"]
    assert len(run["results"]) == int(outputs["errors"]) + int(outputs["warnings"])
    assert "crm-export" not in json.dumps(sarif)
    assert Path(outputs["sarif-file"]).parent == results


@pytest.mark.slow
def test_fail_false_keeps_the_job_green_but_reports_the_exit_code(project: Path) -> None:
    contracts = str(project / "secret-7f3a" / "crm-export.csv")
    _, outputs, _, _ = run_scan_step(
        project, target="public", contracts=contracts, fail="false", summary="false", sarif="false"
    )
    assert (outputs["exit-code"], outputs["result"]) == ("1", "0")
    assert outputs["sarif-file"] == ""


@pytest.mark.slow
def test_a_scan_that_cannot_run_always_fails_the_job(project: Path) -> None:
    _, outputs, summary, _ = run_scan_step(
        project, target="public", contracts="missing.csv", fail="false"
    )
    assert (outputs["exit-code"], outputs["result"], outputs["errors"]) == ("2", "2", "0")
    assert "could not run" in summary


@pytest.mark.slow
def test_args_reach_the_scan(project: Path) -> None:
    contracts = str(project / "secret-7f3a" / "crm-export.csv")
    _, outputs, _, results = run_scan_step(
        project, target="public", contracts=contracts, args="--select LC006 --as-of 2026-12-01"
    )
    report = json.loads((results / "logocheck.json").read_text())
    assert {f["code"] for f in report["findings"]} == {"LC006"}
    errors = str(len(report["findings"]))  # an unidentified logo fails a deploy check
    assert (outputs["exit-code"], outputs["errors"], outputs["warnings"]) == ("1", errors, "0")


def test_the_verdict_step_exits_with_the_result() -> None:
    verdict = step(name="Verdict")
    for result, code in (("0", 0), ("1", 1), ("", 2)):
        env = {"PATH": os.environ["PATH"], "LOGOCHECK_RESULT": result}
        assert subprocess.run(["bash", "-c", verdict["run"]], env=env).returncode == code


def test_pre_commit_hook_runs_logocheck_on_a_built_folder() -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "logocheck"
    assert hook["entry"] == "logocheck scan"
    assert hook["pass_filenames"] is False
    assert hook["language"] == "python"


def test_this_repositorys_ci_runs_the_demo_through_the_action() -> None:
    ci = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    steps = [s for job in ci["jobs"].values() for s in job["steps"]]
    [through] = [s for s in steps if s.get("uses") == "./"]
    assert through["with"]["target"] == "fixtures/demo/site"
    assert set(through["with"]) <= set(ACTION["inputs"])
    assert through["with"].get("sarif", "true") == "true"
