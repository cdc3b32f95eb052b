"""JUnit XML: one test suite per page, one failing test case per finding.

For CI systems that show test results (GitLab, Jenkins, Azure). Characters
XML cannot carry are written as visible escapes, so the file always parses
with a strict parser. A run without findings is one passing test case, so
the pane shows that the scan ran.
"""

from __future__ import annotations

import re
from itertools import groupby
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from logocheck.model import Finding, Report
from logocheck.report.escape import visible
from logocheck.report.text_format import place, summary_line

if TYPE_CHECKING:
    from logocheck.report import RenderOptions

#: Code points XML 1.0 forbids even as references (surrogates, U+FFFE/F).
NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def render(report: Report, options: RenderOptions) -> str:
    root = ET.Element("testsuites", name="logocheck")
    for url, group in groupby(report.findings, key=lambda f: f.location.url):
        root.append(_suite(url, list(group)))
    if not report.findings:
        suite = ET.SubElement(root, "testsuite", name=_text(report.target), tests="1")
        suite.set("failures", "0")
        ET.SubElement(suite, "testcase", name=summary_line(report), classname="logocheck")
    _count(root, len(report.findings))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def _suite(url: str, findings: list[Finding]) -> ET.Element:
    suite = ET.Element("testsuite", name=_text(url))
    suite.set("tests", str(len(findings)))
    suite.set("failures", str(len(findings)))
    for finding in findings:
        suite.append(_case(finding))
    return suite


def _case(finding: Finding) -> ET.Element:
    name = f"{finding.code} {place(finding)} {finding.brand or finding.subject}".strip()
    case = ET.Element("testcase", name=_text(name), classname=_text(finding.location.url))
    if finding.location.file:
        case.set("file", _text(finding.location.file))
        case.set("line", str(finding.location.line))
    failure = ET.SubElement(case, "failure", type=finding.code, message=_text(finding.message))
    failure.text = NOT_XML.sub("", _evidence(finding))
    return case


def _evidence(finding: Finding) -> str:
    """One line per fact, each from the site made visible, so none can start a log line."""
    lines = [f"{finding.level}: {visible(finding.message)}", f"at {place(finding)}"]
    lines += [f"{name}: {visible(value)}" for name, value in finding.evidence]
    return "\n".join(lines)


def _count(root: ET.Element, failures: int) -> None:
    tests = sum(int(suite.get("tests", "0")) for suite in root)
    root.set("tests", str(tests))
    root.set("failures", str(failures))
    root.set("errors", "0")


def _text(value: str) -> str:
    """An attribute value: one line, no character XML refuses."""
    return NOT_XML.sub("", visible(value))
