"""Payloads planted in a hostile copy of the demo come out inert in every format."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from lxml import etree, html

from logocheck.model import Report
from logocheck.pipeline import ScanOptions, scan
from logocheck.report import FORMATS, render
from tests.report.hostile import AS_OF, hostile_site
from tests.report.runs import cli

ROOT = Path(__file__).resolve().parents[2]
RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
COMMAND = re.compile(r"^::(error|warning|notice) [^:\n]*::[^\n]*$")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Report:
    site, contracts = hostile_site(tmp_path_factory.mktemp("hostile"))
    options = ScanOptions(as_of=date.fromisoformat(AS_OF), jobs=1, thumbnails=True)
    return scan(str(site), contracts, options)


@pytest.fixture(scope="module")
def outputs(hostile: Report) -> dict[str, str]:
    return {format: render(hostile, format, details=True, evidence=True) for format in FORMATS}


def test_the_hostile_copy_reaches_the_reports(hostile: Report) -> None:
    """The payloads must be in findings, or the tests below would prove nothing."""
    messages = " ".join(f.message + (f.location.file or "") for f in hostile.findings)
    assert "onerror" in messages and "\x1b" in messages and "::error" in messages
    assert "HYPERLINK" in messages


@pytest.mark.parametrize("format", FORMATS)
def test_no_raw_control_character_in_any_format(outputs: dict[str, str], format: str) -> None:
    assert not RAW_CONTROLS.search(outputs[format])


@pytest.mark.parametrize("format", [f for f in FORMATS if f != "github"])
def test_no_line_starts_a_workflow_command(outputs: dict[str, str], format: str) -> None:
    assert not [line for line in outputs[format].splitlines() if line.lstrip().startswith("::")]


def test_github_commands_are_only_our_own(outputs: dict[str, str]) -> None:
    commands = [line for line in outputs["github"].splitlines() if line.lstrip().startswith("::")]
    assert commands and all(COMMAND.match(line) for line in commands), commands
    # the only commands are annotations; payload text stays inside their escaped values
    assert {line[2:].split(" ", 1)[0] for line in commands} <= {"error", "warning", "notice"}
    assert all(line.count("::") == 2 for line in commands)


def test_html_has_no_script_handler_or_unsafe_link(outputs: dict[str, str]) -> None:
    document = html.document_fromstring(outputs["html"])
    assert document.xpath("//script") == []
    handlers = [a for e in document.iter() for a in e.attrib if a.lower().startswith("on")]
    assert handlers == []
    hrefs = document.xpath("//@href")
    assert all(h.startswith(("http://", "https://")) for h in hrefs)
    assert "document.title='PWNED'" in document.text_content()


def test_markdown_adds_no_html_or_link(outputs: dict[str, str]) -> None:
    text = outputs["markdown"]
    assert "<img" not in text and "<script" not in text
    assert not re.search(r"(?<!\\)\]\(", text)


def test_machine_formats_parse_strictly(outputs: dict[str, str]) -> None:
    etree.fromstring(outputs["junit"].encode("utf-8"), etree.XMLParser(recover=False))
    json.loads(outputs["json"])
    sarif = json.loads(outputs["sarif"])
    texts = [r["message"]["text"] for r in sarif["runs"][0]["results"]]
    assert any("\\x1b" in text for text in texts)


def test_terminal_text_and_contracts_accounts_are_escaped(tmp_path: Path) -> None:
    """The file name with a line break and the ESC/BEL account name reach no terminal raw."""
    site, contracts = hostile_site(tmp_path)
    scanned = cli("scan", str(site), "--contracts", str(contracts), "--as-of", AS_OF)
    listed = cli("contracts", str(contracts), "--accounts", "--as-of", AS_OF)
    for run in (scanned, listed):
        assert run.returncode in (0, 1), run.stderr
        assert not RAW_CONTROLS.search(run.stdout + run.stderr)
        assert not [line for line in run.stdout.splitlines() if line.lstrip().startswith("::")]
    assert "a\\x0a::error title=x::FAKE.html" in scanned.stdout
    assert "Evil\\x1b[31m\\x07 Corp\\x0a::error::FAKE" in listed.stdout
