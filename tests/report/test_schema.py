"""The JSON report's schema ships in the package and every JSON report follows it."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from logocheck.report import render
from logocheck.report.schema import report_schema, schema_text
from tests.report.runs import cli
from tests.report.sample import sample_report
from tests.report.schema_check import validate_report

ROOT = Path(__file__).resolve().parents[2]
SCAN = ["scan", "fixtures/demo/site", "--contracts", "fixtures/demo/contracts.csv"]


def test_logocheck_schema_prints_the_shipped_draft_2020_12_schema() -> None:
    run = cli("schema")
    assert run.returncode == 0 and run.stdout == schema_text()
    assert report_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("extra", [[], ["--include-contract-details", "--timestamp"]])
def test_the_demo_report_follows_the_schema(extra: list[str]) -> None:
    run = cli(*SCAN, "--format", "json", *extra)
    assert run.returncode == 1, run.stderr
    validate_report(json.loads(run.stdout))


def test_a_wrong_type_is_caught() -> None:
    """The check can fail: a confidence written as text breaks the schema."""
    data = json.loads(render(sample_report(), "json"))
    data["logos"][0]["confidence"] = "0.9"
    with pytest.raises(AssertionError, match="confidence"):
        validate_report(data)


def test_a_confidence_is_a_number_in_findings_too() -> None:
    finding = replace(sample_report().findings[0], evidence=(("confidence", "0.87"),))
    data = json.loads(render(replace(sample_report(), findings=(finding,)), "json"))
    assert data["findings"][0]["evidence"]["confidence"] == 0.87
