"""Every ``[[examples]]`` of every built-in rule is a test: the docs cannot lie."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from logocheck.ruleset import load_rules
from tests.harness import scan_snippet

EXAMPLES = [
    pytest.param(rule.code, example, id=f"{rule.code}-{example.get('name', i)}")
    for rule in load_rules()
    for i, example in enumerate(rule.examples)
]


@pytest.mark.parametrize(("code", "example"), EXAMPLES)
def test_rule_example(tmp_path: Path, code: str, example: dict[str, Any]) -> None:
    report = scan_snippet(tmp_path, example["html"], example["contracts"])
    found = sorted(
        {f.code for f in report.findings if f.code == code or f.code in example["expect"]}
    )
    assert found == sorted(example["expect"])


def test_every_rule_is_documented() -> None:
    for rule in load_rules():
        assert {"summary", "what", "why", "fix"} <= set(rule.doc), rule.code


def test_a_logo_whose_file_is_missing_is_not_silently_skipped(tmp_path: Path) -> None:
    html = '<section class="customers"><h2>Trusted by</h2><img src="/logos/gone.png" alt="Globex"></section>'
    report = scan_snippet(tmp_path, html, "account,plan,status\nGlobex,Enterprise,active\n")
    [finding] = [f for f in report.findings if f.code == "LC905"]
    assert "/logos/gone.png" in finding.message
    assert finding.location.line > 0
