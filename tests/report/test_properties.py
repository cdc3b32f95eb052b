"""Property tests: whatever text a site or a CSV holds, every format parses and stays inert."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree, html

from logocheck.model import Finding, Location, Report, Summary
from logocheck.report import FORMATS, render
from tests.report.schema_check import validate_report

RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
COMMAND = re.compile(r"^::(error|warning|notice) [^:\n]*::[^\n]*$")
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
SPICY = st.sampled_from(
    ["::error::x", "\n::set-output name=a::b", "\x1b[31m", "<script>", "%0A", "]("]
)


def texts() -> st.SearchStrategy[str]:
    return st.lists(st.one_of(TEXT, SPICY), max_size=4).map("".join)


@st.composite
def findings(draw: st.DrawFn) -> Finding:
    location = Location(
        draw(texts()),
        draw(st.one_of(st.none(), texts())),
        draw(st.integers(0, 10**6)),
        draw(st.integers(0, 10**4)),
        draw(texts()),
        draw(texts()),
    )
    return Finding(
        draw(st.sampled_from(["LC001", "LC006", "LC901"])),
        draw(st.sampled_from(["error", "warning", "note"])),
        draw(texts()),
        location,
        draw(st.sampled_from(["logo", "claim", ""])),
        draw(st.one_of(st.none(), texts())),
        draw(st.one_of(st.none(), texts())),
        draw(st.one_of(st.none(), st.sampled_from(["free", "paid"]))),
        tuple(
            draw(st.dictionaries(st.sampled_from(["method", "src", "snippet"]), texts())).items()
        ),
        draw(st.integers(1, 9)),
    )


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(findings(), max_size=6), texts())
def test_every_format_parses_and_stays_inert(found: list[Finding], target: str) -> None:
    report = Report(tuple(sorted(found, key=Finding.sort_key)), (), Summary(pages=1), target)
    outputs = {format: render(report, format) for format in FORMATS}
    for format, text in outputs.items():
        assert not RAW_CONTROLS.search(text), format
        starts = [line for line in text.splitlines() if line.lstrip().startswith("::")]
        if format == "github":
            assert all(COMMAND.match(line) for line in starts), starts
        else:
            assert starts == [], format
    validate_report(json.loads(outputs["json"]))
    json.loads(outputs["sarif"])
    etree.fromstring(outputs["junit"].encode("utf-8"), etree.XMLParser(recover=False))
    page = html.document_fromstring(outputs["html"])
    assert page.xpath("//script") == []
    assert [a for e in page.iter() for a in e.attrib if a.lower().startswith("on")] == []
