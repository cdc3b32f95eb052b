"""Baselines and the fingerprint they key on."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from logocheck.baseline import (
    BASELINED,
    apply_baseline,
    baseline_of,
    load_baseline,
    render_baseline,
    updated,
)
from logocheck.errors import ConfigError
from logocheck.model import Finding, Location, Report

HOOLI = Finding(
    "LC001",
    "error",
    "Hooli is presented as a customer (logo)",
    Location("/customers/", "site/customers/index.html", 12, 5),
    subject="logo",
    brand="Hooli",
    image="sha256:aa11",
)


def _moved(finding: Finding, **changes: object) -> Finding:
    return dataclasses.replace(finding, location=dataclasses.replace(finding.location, **changes))


def test_the_fingerprint_ignores_lines_columns_hosts_and_brand_case() -> None:
    key = HOOLI.fingerprint()
    assert _moved(HOOLI, line=40, column=1).fingerprint() == key
    assert _moved(HOOLI, url="https://preview-42.globex.example/customers/").fingerprint() == key
    assert dataclasses.replace(HOOLI, brand="HOOLI").fingerprint() == key


@pytest.mark.parametrize(
    "other",
    [
        dataclasses.replace(HOOLI, code="LC004"),
        _moved(HOOLI, url="/pricing/"),
        dataclasses.replace(HOOLI, brand="Initech"),
        dataclasses.replace(HOOLI, image="sha256:bb22"),
    ],
)
def test_the_fingerprint_tells_apart_code_page_brand_and_image(other: Finding) -> None:
    assert other.fingerprint() != HOOLI.fingerprint()


def test_findings_without_brand_or_image_are_told_apart_by_message() -> None:
    count = Finding("LC007", "error", "claims 2,000 companies", Location("/"))
    other = dataclasses.replace(count, message="claims 500 companies")
    assert count.fingerprint() != other.fingerprint()


def test_a_baseline_absorbs_as_many_copies_as_it_recorded() -> None:
    baseline = baseline_of([HOOLI])
    twice = Report(findings=(HOOLI, _moved(HOOLI, line=90)))
    applied = apply_baseline(twice, baseline)
    assert applied.findings == (_moved(HOOLI, line=90),)
    assert applied.suppressed == ((HOOLI, BASELINED),)


def test_update_adds_and_prune_drops(tmp_path: Path) -> None:
    initech = dataclasses.replace(HOOLI, brand="Initech", evidence=())
    old = baseline_of([HOOLI, initech])
    kept, dropped = updated(old, [HOOLI], prune=False)
    assert (kept, dropped) == (old, 0)
    pruned, dropped = updated(old, [HOOLI], prune=True)
    assert (pruned, dropped) == (baseline_of([HOOLI]), 1)


def test_the_file_round_trips_sorted_and_byte_stable(tmp_path: Path) -> None:
    pricing = _moved(HOOLI, url="/pricing/")
    first = render_baseline(baseline_of([pricing, HOOLI]))
    assert first == render_baseline(baseline_of([HOOLI, pricing]))
    assert first.index('"page": "/customers/"') < first.index('"page": "/pricing/"')
    path = tmp_path / "baseline.json"
    path.write_text(first)
    assert render_baseline(load_baseline(path)) == first
    assert load_baseline(tmp_path / "none.json").entries == ()


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ('{"version": 1, "findings": [{"code": "LC001"}]}', "findings[0]: not a baseline entry"),
        ('{"version": 9}', "not a logocheck baseline"),
        ('{"version": 1,\n  oops}', ":2:3: "),
    ],
)
def test_a_bad_baseline_file_is_one_line_naming_it(
    tmp_path: Path, text: str, complaint: str
) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_baseline(path)
    assert str(caught.value).startswith(str(path)) and complaint in str(caught.value)
