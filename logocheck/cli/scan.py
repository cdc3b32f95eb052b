"""``logocheck scan``: the main job."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import click

from logocheck.baseline import apply_baseline, load_baseline
from logocheck.cli.baseline_options import (
    baseline_options,
    check_baseline_flags,
    contracts_file,
    contracts_option,
)
from logocheck.cli.baseline_options import update_baseline as update_baseline_file
from logocheck.cli.crawl_options import crawl_options, crawl_options_from
from logocheck.cli.identify_options import identify_options, with_identify
from logocheck.cli.options import as_of_option, config_option, contracts_reading_options
from logocheck.config import load_settings
from logocheck.model import Report
from logocheck.parallel import default_jobs
from logocheck.pipeline import ContractsOptions, ScanOptions, scan
from logocheck.report import FORMATS, render, write_report
from logocheck.report.destinations import Destination, plan
from logocheck.report.output import STDOUT

FAIL_ON = ("error", "warning", "never")


@click.command("scan")
@click.argument("target")
@contracts_option
@click.option(
    "--format",
    "formats",
    type=click.Choice(FORMATS),
    multiple=True,
    help="Report format (default text); repeat it, each with its --output.",
)
@click.option(
    "--output",
    "-o",
    "outputs",
    multiple=True,
    metavar="PATH",
    help="Write the report of the matching --format here ('-': stdout; repeatable).",
)
@click.option(
    "--report",
    "reports",
    multiple=True,
    metavar="FORMAT=PATH",
    help="One more report, e.g. --report sarif=logocheck.sarif (repeatable).",
)
@click.option("--show-evidence", is_flag=True, help="Text format: the evidence under each line.")
@click.option(
    "--include-contract-details",
    "details",
    is_flag=True,
    help="Add plans, statuses and contract dates to reports (never revenue).",
)
@click.option("--timestamp", is_flag=True, help="Record the scan's time (reports then differ).")
@as_of_option
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="Lowest level that makes the exit code 1.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="PREFIX",
    help="Only rules whose code starts with PREFIX (repeatable).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="PREFIX",
    help="Skip rules whose code starts with PREFIX (repeatable).",
)
@click.option(
    "--rules",
    "packs",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Extra rule pack (folder or TOML file).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=default_jobs(),
    show_default="the CPUs available",
    help="Worker processes that read pages on large sites.",
)
@config_option
@contracts_reading_options
@baseline_options
@identify_options
@crawl_options
def scan_command(
    target: str,
    contracts_given: str | None,
    formats: tuple[str, ...],
    outputs: tuple[str, ...],
    reports: tuple[str, ...],
    show_evidence: bool,
    details: bool,
    timestamp: bool,
    as_of: Any,
    fail_on: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    packs: tuple[Path, ...],
    jobs: int,
    config: Path | None,
    encoding: str | None,
    delimiter: str | None,
    strict: bool,
    baseline: Path | None,
    update_baseline: bool,
    prune: bool,
    logos_dir: Path | None,
    labels_file: Path | None,
    **crawl: Any,
) -> int:
    """Scan TARGET (a built-site folder or an http(s) URL) against the contracts.

    \b
    Examples:
      logocheck scan public/ --contracts contracts.csv
      logocheck scan https://preview.example.com --contracts crm.csv --format json -o report.json
      logocheck scan public/ --contracts contracts.csv --format sarif -o out.sarif \\
          --format html -o audit.html
      logocheck scan public/ --contracts contracts.csv --as-of 2027-01-01 --fail-on warning
      logocheck scan public/ --contracts - --baseline .logocheck-baseline.json < crm.csv
    """
    destinations = plan(formats, outputs, reports, os.environ)
    flags = {"logos_dir": logos_dir, "labels_file": labels_file}
    settings = with_identify(load_settings(config), flags)
    known = check_baseline_flags(baseline, update_baseline, prune)
    with contracts_file(contracts_given) as (contracts_path, label):
        options = ScanOptions(
            as_of=as_of.date() if as_of else date.today(),
            select=select,
            ignore=ignore,
            rule_packs=packs,
            contracts=ContractsOptions(encoding, delimiter, strict, label),
            crawl=crawl_options_from(crawl),
            settings=settings,
            jobs=jobs,
            baseline=known,
            thumbnails=any(d.format == "html" for d in destinations),
            contract_details=details,
        )
        report = scan(target, contracts_path, options)
    if update_baseline and baseline is not None:
        click.echo(f"logocheck: {update_baseline_file(report, baseline, prune)}", err=True)
        report = apply_baseline(report, load_baseline(baseline))
    if timestamp:
        now = datetime.now(UTC).replace(microsecond=0).isoformat()
        report = replace(report, run=replace(report.run, timestamp=now))
    extra: dict[str, Any] = {"details": details, "evidence": show_evidence}
    for destination in destinations:
        write(report, destination, extra)
    return exit_code(report, fail_on)


def write(report: Report, destination: Destination, options: dict[str, Any]) -> None:
    color = destination.format == "text" and destination.path == STDOUT and _use_color()
    text = render(report, destination.format, color=color, **options)
    write_report(destination.path, text, append=destination.append)


def exit_code(report: Report, fail_on: str) -> int:
    if fail_on == "never":
        return 0
    levels = ("error",) if fail_on == "error" else ("error", "warning")
    return 1 if any(f.level in levels for f in report.findings) else 0


def _use_color() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()
