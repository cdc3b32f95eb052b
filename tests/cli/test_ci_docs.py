"""Every workflow in docs/ci.md parses, uses the action as it is declared, and
its logocheck commands run on the demo."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from logocheck.cli.init import ACTION_REF
from tests.cli.test_demo import DEMO, ROOT
from tests.runner import Ran, run

DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", DOC, flags=re.S)
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def _documents() -> list[Any]:
    return [yaml.safe_load(block) for block in BLOCKS]


def _action_steps(document: dict[str, Any]) -> list[dict[str, Any]]:
    jobs = document.get("jobs", {})
    return [
        s
        for job in jobs.values()
        for s in job["steps"]
        if "logocheck/logocheck" in s.get("uses", "")
    ]


def _run(words: list[str], folder: Path, **env: str) -> Ran:
    """A documented ``logocheck ...`` command line, run in ``folder``."""
    assert words[0] == "logocheck", words
    return run(*words[1:], cwd=folder, env=env)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(DEMO / "site", tmp_path / "public")
    shutil.copy(DEMO / "contracts.csv", tmp_path / "contracts.csv")
    return tmp_path


def test_the_page_has_the_five_workflows_and_the_hook() -> None:
    documents = _documents()
    github = [d for d in documents if isinstance(d, dict) and "jobs" in d]
    assert len(github) == 4
    triggers = [set(d.get(True) or d.get("on")) for d in github]  # YAML 1.1 reads `on` as True
    assert triggers == [
        {"pull_request"},
        {"deployment_status"},
        {"schedule", "workflow_dispatch"},
        {"workflow_dispatch"},
    ]
    assert any("logocheck" in d and "script" in d["logocheck"] for d in documents)  # GitLab
    assert any("repos" in d for d in documents)  # pre-commit


def test_each_github_workflow_uses_the_action_with_declared_inputs() -> None:
    for document in _documents():
        if not isinstance(document, dict) or "jobs" not in document:
            continue
        [step] = _action_steps(document)
        assert step["uses"] == ACTION_REF
        given = set(step["with"])
        assert given <= set(ACTION["inputs"])
        required = {n for n, spec in ACTION["inputs"].items() if spec.get("required")}
        assert required <= given
        if step["with"].get("sarif", "true") == "true":
            [job] = document["jobs"].values()
            permissions = document.get("permissions") or job.get("permissions")
            assert permissions["security-events"] == "write"


@pytest.mark.slow
@pytest.mark.parametrize("index", range(4))
def test_each_github_workflow_runs_its_scan_locally(project: Path, index: int) -> None:
    """The action step, run by its entry point on the demo: target and contracts
    swapped for the demo's, the flags as written."""
    documents = [d for d in _documents() if isinstance(d, dict) and "jobs" in d]
    [step] = _action_steps(documents[index])
    given = step["with"]
    command = ["logocheck", "action", "public", "--contracts", "contracts.csv"]
    command += ["--args", given.get("args", ""), "--no-sarif", "--out-dir", "results"]
    if given.get("fail") == "false":
        command.append("--no-fail")
    run = _run(command, project)
    assert run.returncode in (0, 1), run.stderr
    assert "exit-code=1" in run.stderr  # the demo has findings
    assert (project / "results" / "logocheck.json").is_file()


def test_the_gitlab_job_runs_its_commands(project: Path) -> None:
    [job] = [d["logocheck"] for d in _documents() if isinstance(d, dict) and "logocheck" in d]
    commands = [shlex.split(line) for line in job["script"] if line.startswith("logocheck ")]
    assert commands
    assert job["artifacts"]["reports"]["junit"] in " ".join(commands[0])
    for words in commands:
        run = _run(words, project, LOGOCHECK_CONTRACTS="contracts.csv")
        assert run.returncode == 1, run.stderr


def test_the_pre_commit_example_names_the_hook_and_the_hook_runs(project: Path) -> None:
    [config] = [d for d in _documents() if isinstance(d, dict) and "repos" in d]
    [hook] = config["repos"][0]["hooks"]
    [declared] = [h for h in HOOKS if h["id"] == hook["id"]]
    words = [*shlex.split(declared["entry"]), *hook["args"]]
    run = _run(words, project, LOGOCHECK_CONTRACTS="contracts.csv")
    assert run.returncode == 1, run.stderr
    assert "LC001" in run.stdout


def test_the_init_workflow_matches_the_documented_one(tmp_path: Path) -> None:
    from logocheck.cli.init import workflow

    generated = yaml.safe_load(workflow("public"))
    documented = _documents()[0]
    [generated_step] = _action_steps(generated)
    [documented_step] = _action_steps(documented)
    assert generated_step["uses"] == documented_step["uses"]
    assert generated_step["with"]["contracts"] == documented_step["with"]["contracts"]
