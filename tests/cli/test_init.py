"""``logocheck init``: starter files that a following scan accepts."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from logocheck.cli.init import ACTION_REF
from tests.cli.test_demo import DEMO
from tests.runner import run as logocheck

PYPROJECT = """\
[project]
name = "fluxboard-site"   # the marketing site
version = "1.0"

# lint settings, kept as written
[tool.ruff]
line-length = 88
"""


def _site(folder: Path) -> None:
    shutil.copytree(DEMO / "site", folder / "public")
    shutil.copy(DEMO / "contracts.csv", folder / "contracts.csv")


def _scan_accepts(folder: Path) -> None:
    run = logocheck("scan", "public", "--contracts", "contracts.csv", cwd=folder)
    assert run.returncode == 1, run.stderr  # the demo's findings, not a config error
    assert run.stderr == ""


def _workflow(folder: Path) -> dict[str, object]:
    document = yaml.safe_load((folder / ".github/workflows/logocheck.yml").read_text())
    [job] = document["jobs"].values()
    [step] = [s for s in job["steps"] if s.get("uses") == ACTION_REF]
    assert step["with"]["target"] == "public"
    assert "secrets.LOGOCHECK_CONTRACTS_CSV" in str(job["steps"])
    return document


def test_init_in_an_empty_folder(tmp_path: Path) -> None:
    run = logocheck("init", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    config = (tmp_path / "logocheck.toml").read_text()
    assert config.startswith("# logocheck settings.")
    assert "lapse-warning-days = 30" in config
    _workflow(tmp_path)
    _site(tmp_path)
    _scan_accepts(tmp_path)


def test_init_adds_the_table_to_pyproject_keeping_the_rest(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    run = logocheck("init", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    text = (tmp_path / "pyproject.toml").read_text()
    assert text.startswith(PYPROJECT)
    assert "[tool.logocheck]\n" in text and "[tool.logocheck.extract]\n" in text
    assert "# [[tool.logocheck.suppress]]" in text
    assert not (tmp_path / "logocheck.toml").exists()
    _site(tmp_path)
    _scan_accepts(tmp_path)


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    assert logocheck("init", cwd=tmp_path).returncode == 0
    edited = (tmp_path / "pyproject.toml").read_text().replace("= 30", "= 14")
    (tmp_path / "pyproject.toml").write_text(edited)
    again = logocheck("init", cwd=tmp_path)
    assert again.returncode == 2
    assert "has [tool.logocheck]; use --force" in again.stderr
    assert (tmp_path / "pyproject.toml").read_text() == edited
    forced = logocheck("init", "--force", cwd=tmp_path)
    assert forced.returncode == 0
    assert "lapse-warning-days = 30" in (tmp_path / "pyproject.toml").read_text()


def test_an_existing_workflow_is_kept_and_nothing_is_written(tmp_path: Path) -> None:
    workflow = tmp_path / ".github/workflows/logocheck.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("name: ours\n")
    run = logocheck("init", cwd=tmp_path)
    assert run.returncode == 2
    assert "logocheck.yml exists; use --force" in run.stderr
    assert workflow.read_text() == "name: ours\n"
    assert not (tmp_path / "logocheck.toml").exists()
