"""``logocheck action``: what the GitHub Action (``action.yml``) runs.

The action's YAML only installs logocheck and uploads files; every
decision is here, where it is tested: which reports ``logocheck scan``
writes (JSON always, SARIF for code scanning, Markdown for the job
summary, the HTML audit report), the step outputs (``exit-code``,
``errors``, ``warnings``, the report paths, ``result``: the exit code the
job should end with) and the job summary.

The contracts file is handed to the scan through ``LOGOCHECK_CONTRACTS``,
never on its command line, so its path reaches no report or log.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import click

from logocheck.cli.baseline_options import CONTRACTS_ENV

#: The report each input asks for: format, file name.
REPORTS = {"sarif": ("sarif", "logocheck.sarif"), "report": ("html", "logocheck-report.html")}
SUMMARY = ("markdown", "logocheck-summary.md")
JSON = ("json", "logocheck.json")
EXIT_USAGE = 2


@click.command("action")
@click.argument("target", envvar="LOGOCHECK_TARGET")
@click.option("--contracts", envvar="LOGOCHECK_INPUT_CONTRACTS", default="", help="Contracts CSV.")
@click.option("--args", "extra", envvar="LOGOCHECK_ARGS", default="", help="More scan flags.")
@click.option(
    "--fail/--no-fail", envvar="LOGOCHECK_FAIL", default=True, help="Fail the job on findings."
)
@click.option("--sarif/--no-sarif", envvar="LOGOCHECK_SARIF", default=True, help="Write SARIF.")
@click.option(
    "--summary/--no-summary", envvar="LOGOCHECK_SUMMARY", default=True, help="Write a job summary."
)
@click.option(
    "--report/--no-report", envvar="LOGOCHECK_REPORT", default=False, help="Write the HTML report."
)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("logocheck-results"),
    show_default=True,
    help="Folder for the reports.",
)
@click.option(
    "--github-output",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="GITHUB_OUTPUT",
    help="Step outputs file (set by GitHub).",
)
@click.option(
    "--step-summary",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="GITHUB_STEP_SUMMARY",
    help="Job summary file (set by GitHub).",
)
def action_command(
    target: str,
    contracts: str,
    extra: str,
    fail: bool,
    sarif: bool,
    summary: bool,
    report: bool,
    out_dir: Path,
    github_output: Path | None,
    step_summary: Path | None,
) -> int:
    """Run a scan the way the GitHub Action does, and write its outputs.

    \b
    Examples:
      logocheck action public/ --contracts crm.csv --no-sarif
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted = reports(out_dir, sarif=sarif, summary=summary, report=report)
    env = {**os.environ, CONTRACTS_ENV: contracts or os.environ.get(CONTRACTS_ENV, "")}
    env.pop("GITHUB_STEP_SUMMARY", None)  # the summary input decides, below
    command = scan_command(target, wanted, shlex.split(extra))
    run = subprocess.run(command, env=env, check=False)
    outputs = step_outputs(run.returncode, out_dir / JSON[1], wanted, fail)
    if github_output is not None:
        with github_output.open("a", encoding="utf-8") as handle:
            handle.writelines(f"{key}={value}\n" for key, value in outputs.items())
    if summary and step_summary is not None:
        with step_summary.open("a", encoding="utf-8") as handle:
            handle.write(job_summary(outputs, wanted, target))
    click.echo(" ".join(f"{key}={value}" for key, value in outputs.items()), err=True)
    return int(outputs["result"])


def reports(out_dir: Path, *, sarif: bool, summary: bool, report: bool) -> dict[str, Path]:
    """The reports the scan is asked for, by format; JSON always (for the outputs)."""
    chosen = [JSON]
    for on, (format_, name) in ((sarif, REPORTS["sarif"]), (report, REPORTS["report"])):
        if on:
            chosen.append((format_, name))
    if summary:
        chosen.append(SUMMARY)
    return {format_: out_dir / name for format_, name in chosen}


def scan_command(target: str, wanted: Mapping[str, Path], extra: Sequence[str]) -> list[str]:
    """``logocheck scan`` writing every wanted report in one run."""
    command = [sys.executable, "-m", "logocheck", "scan", target, "--fail-on", "error"]
    command += [f"--report={format_}={path}" for format_, path in wanted.items()]
    return [*command, *extra]


def step_outputs(
    code: int, json_path: Path, wanted: Mapping[str, Path], fail: bool
) -> dict[str, str]:
    """The step outputs: counts from the JSON report, the verdict, the report files."""
    counts = _counts(json_path) if code in (0, 1) else {}
    result = code if code == EXIT_USAGE or fail else 0
    outputs = {
        "exit-code": str(code),
        "errors": str(counts.get("error", 0)),
        "warnings": str(counts.get("warning", 0)),
        "result": str(result),
    }
    for key, format_ in (("sarif-file", "sarif"), ("report-file", "html"), ("json-file", "json")):
        outputs[key] = str(wanted[format_]) if format_ in wanted else ""
    return outputs


def _counts(path: Path) -> dict[str, int]:
    try:
        record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return dict(record.get("summary", {}).get("findings", {}))


def job_summary(outputs: Mapping[str, str], wanted: Mapping[str, Path], target: str) -> str:
    """The job summary: logocheck's Markdown report, or why there is none."""
    markdown = wanted.get("markdown")
    if markdown is not None and markdown.is_file() and outputs["exit-code"] != str(EXIT_USAGE):
        return markdown.read_text(encoding="utf-8")
    return f"## logocheck: {target}\n\nThe scan could not run; the step log says why.\n"
