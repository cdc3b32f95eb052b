"""The README's Reports section shows real output: the screenshot and the summary sample."""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
GOLDEN_MARKDOWN = (Path(__file__).parent / "golden" / "demo.md").read_text(encoding="utf-8")


def test_the_screenshot_is_there_with_the_command_that_made_it() -> None:
    [image] = re.findall(r"!\[[^\]]+\]\(([^)]+\.png)\)", README)
    assert Image.open(ROOT / image).size == (1200, 1000)
    assert f"--window-size=1200,1000 --screenshot={image} audit.html" in README
    assert "--format html -o audit.html" in README


def test_the_summary_sample_is_the_demo_summary() -> None:
    sample = re.search(r"```markdown\n(.*?)```", README, flags=re.S)
    assert sample is not None
    lines = sample.group(1).splitlines()
    assert len(lines) >= 5
    assert all(line in GOLDEN_MARKDOWN.splitlines() for line in lines if line)
