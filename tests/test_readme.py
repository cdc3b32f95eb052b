"""The README is the first thing a user runs: keep it true."""

from __future__ import annotations

import re
from pathlib import Path

from logocheck.ruleset import load_rules

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands() -> None:
    blocks = re.findall(r"```\w*\n(.*?)```", README, flags=re.S)
    first, second = blocks[0].strip(), blocks[1].strip()
    assert README.index("```") < README.index("\n## ")
    assert first.startswith("pip install -e '.[ocr]' && logocheck scan fixtures/demo/site")
    assert "--contracts fixtures/demo/contracts.csv" in first
    assert second == "pip install -e '.[test]' && pytest"
    assert "\n" not in first


def test_rule_table_lists_every_built_in_rule() -> None:
    for rule in load_rules():
        assert f"| {rule.code} | {rule.level} | {rule.summary} |" in README


def test_sample_output_is_the_demo_output() -> None:
    expected = (Path(__file__).resolve().parents[1] / "fixtures/demo/expected.txt").read_text()
    sample = [line for line in README.splitlines() if line.startswith("fixtures/demo/site/")]
    assert len(sample) >= 5
    assert all(line in expected.splitlines() for line in sample)
    assert expected.splitlines()[-1] in README
