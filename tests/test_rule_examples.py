"""Every ``[[examples]]`` of every built-in rule is a test: the docs cannot lie."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from logocheck.config import load_settings
from logocheck.pipeline import ScanOptions
from logocheck.ruleset import load_rules
from tests.harness import AS_OF, scan_snippet

EXAMPLES = [
    pytest.param(rule.code, example, id=f"{rule.code}-{example.get('name', i)}")
    for rule in load_rules()
    for i, example in enumerate(rule.examples)
]


@pytest.mark.parametrize(("code", "example"), EXAMPLES)
def test_rule_example(tmp_path: Path, code: str, example: dict[str, Any]) -> None:
    options = None
    if "config" in example:
        config = tmp_path / "logocheck.toml"
        config.write_text(example["config"], encoding="utf-8")
        options = ScanOptions(as_of=AS_OF, settings=load_settings(config))
    report = scan_snippet(tmp_path, example["html"], example["contracts"], options=options)
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
