"""A large crawl's report renders in every format in seconds, and the HTML stays small.

5,000 pages, 2,000 logos (each with its own image) and 3,000 findings: every
format together must take under 5 s, and the HTML report, which holds one
thumbnail per distinct image shared by every place that shows it, under 20 MB.
The time is this process's CPU time, so that other work on a shared machine
does not count against it. The report keeps its full size (about 3 s of the
suite): a cap on rendering time is only proved at the scale it is set for.
"""

from __future__ import annotations

import base64
import json
import time
from dataclasses import replace
from pathlib import Path

import pytest

from logocheck.identify.decode import decode
from logocheck.identify.thumbnails import MAX_BYTES, small_png
from logocheck.model import (
    Account,
    Finding,
    Location,
    Logo,
    Match,
    Reason,
    Report,
    Signal,
    Subject,
    Summary,
)
from logocheck.report import FORMATS, RenderOptions, renderer
from tests.report.schema_check import validate_report
from tests.report.test_formats import rules_info, validate_sarif

ROOT = Path(__file__).resolve().parents[2]
#: The renderers as imported, before the suite's schema check wraps the JSON one
#: (validating 3 MB of JSON would be timed too).
RENDERERS = {format: renderer(format) for format in FORMATS}
LOGOS = sorted((ROOT / "fixtures" / "demo" / "site").rglob("*.png"))
STATUSES = ("paid", "free", "trial", "lapsed")


def large_report() -> tuple[Report, dict[str, str]]:
    pngs = [small_png(decode(path.read_bytes())) for path in LOGOS]
    uris = [f"data:image/png;base64,{base64.b64encode(p).decode()}" for p in pngs if p]
    subjects, thumbnails = [], {}
    for i in range(2000):
        key = f"sha256:{i:064x}"
        thumbnails[key] = uris[i % len(uris)]
        where = Location(
            f"https://127.0.0.1/p{i % 5000:04d}/", None, 10 + i % 50, 4, "img", "Trusted by"
        )
        account = Account(f"Brand {i}", STATUSES[i % 4], Reason("free plan"), line=i + 2)  # type: ignore[arg-type]
        match = Match(
            f"Brand {i}", "alt", 0.9, (Signal("alt", f"Brand {i}"), Signal("image-hash", key))
        )
        logo = Logo(where, f"https://127.0.0.1/logos/{i}.png", match.signals)
        subjects.append(Subject("logo", where, match, account, logo, pages=1 + i % 7))
    findings = []
    for i in range(3000):
        subject = subjects[i % 2000]
        findings.append(
            Finding(
                "LC001",
                "error" if i % 3 else "warning",
                f"Brand {i % 2000} is presented as a customer",
                replace(subject.location, line=subject.location.line + i // 2000),
                "logo",
                subject.brand,
                subject.brand,
                subject.category,
                (("method", "alt"), ("signals", f"alt=Brand {i}")),
                image=f"sha256:{i % 2000:064x}",
            )
        )
    summary = Summary(pages=5000, logos=2000, claims=0)
    report = Report(
        tuple(sorted(findings, key=Finding.sort_key)),
        tuple(subjects),
        summary,
        target="https://127.0.0.1/",
    )
    return replace(
        report, run=replace(report.run, rules=rules_info(), as_of="2026-06-01")
    ), thumbnails


@pytest.fixture(scope="module")
def large() -> tuple[Report, dict[str, str]]:
    return large_report()


@pytest.mark.slow
def test_every_format_renders_a_large_crawl_in_under_5_seconds(
    large: tuple[Report, dict[str, str]],
) -> None:
    report, thumbnails = large
    started = time.process_time()
    options = RenderOptions(thumbnails=thumbnails)
    outputs = {f: RENDERERS[f](report, options) for f in FORMATS}
    elapsed = time.process_time() - started
    assert elapsed < 5, f"{elapsed:.2f} s of CPU"
    assert len(outputs["html"].encode()) < 20_000_000
    assert outputs["html"].count("data:image/png") == len(set(thumbnails))
    validate_sarif(outputs["sarif"])
    validate_report(json.loads(outputs["json"]))


def test_thumbnails_stay_small() -> None:
    sizes = [len(small_png(decode(path.read_bytes())) or b"") for path in LOGOS]
    assert all(0 < size <= MAX_BYTES for size in sizes), sizes
