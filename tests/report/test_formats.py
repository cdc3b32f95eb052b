"""SARIF, JUnit, GitHub annotations and Markdown on the sample, the demo and large reports."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

from logocheck.model import Finding, Location, Report, RuleInfo
from logocheck.report import render, sarif
from logocheck.report.github import PER_LEVEL
from logocheck.ruleset import load_rules
from tests.report.runs import cli
from tests.report.sample import sample_report

ROOT = Path(__file__).resolve().parents[2]
DEMO_EXPECTED = (ROOT / "fixtures" / "demo" / "expected.txt").read_text(encoding="utf-8")
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
SCAN = [
    "scan",
    "fixtures/demo/site",
    "--contracts",
    "fixtures/demo/contracts.csv",
    "--as-of",
    "2026-06-01",
]


def sarif_schema() -> dict[str, object]:
    for candidate in (SARIF_SCHEMA, Path("/work/shared/schemas/sarif-schema-2.1.0.json")):
        if candidate.exists():
            loaded: dict[str, object] = json.loads(candidate.read_text(encoding="utf-8"))
            return loaded
    pytest.skip("the SARIF 2.1.0 schema is not beside the repository (../shared/schemas)")


@cache
def sarif_validator() -> jsonschema.protocols.Validator:
    """The SARIF schema, checked once: checking it on every call cost more than validating."""
    schema = sarif_schema()
    kind = jsonschema.validators.validator_for(schema)
    kind.check_schema(schema)
    return kind(schema)


def validate_sarif(text: str) -> dict[str, object]:
    log: dict[str, object] = json.loads(text)
    error = jsonschema.exceptions.best_match(sarif_validator().iter_errors(log))
    if error is not None:
        raise error
    return log


def rules_info() -> tuple[RuleInfo, ...]:
    return tuple(
        RuleInfo(
            r.code,
            r.name,
            r.level,
            r.summary,
            r.doc.get("what", ""),
            r.doc.get("why", ""),
            r.doc.get("fix", ""),
        )
        for r in load_rules()
    )


def many(errors: int, warnings: int, notes: int) -> Report:
    levels = ["error"] * errors + ["warning"] * warnings + ["note"] * notes
    findings = tuple(
        Finding(
            "LC005" if level == "error" else "LC006" if level == "warning" else "LC902",
            level,
            f"finding {i}",
            Location(f"/p{i:05d}/", f"site/p{i:05d}.html", i + 1, 3),
            "logo",
            f"Brand {i}",
        )  # type: ignore[arg-type]
        for i, level in enumerate(levels)
    )
    report = sample_report()
    return replace(report, findings=findings, run=replace(report.run, rules=rules_info()))


def test_sarif_of_the_demo_validates_and_points_at_built_files(tmp_path: Path) -> None:
    run = cli(*SCAN, "--format", "sarif", "-o", str(tmp_path / "out.sarif"))
    assert run.returncode == 1, run.stderr
    log = validate_sarif((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    [sarif_run] = log["runs"]  # type: ignore[index]
    rules = {r["id"]: r for r in sarif_run["tool"]["driver"]["rules"]}
    assert rules["LC001"]["shortDescription"]["text"] == "Free-plan account presented as a customer"
    assert rules["LC006"]["defaultConfiguration"]["level"] == "error"
    assert "Fix:" in rules["LC004"]["help"]["text"]
    results = sarif_run["results"]
    assert len(results) == len(re.findall(r"(?m)^\S+: LC\d+ ", DEMO_EXPECTED))
    first = results[0]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "fixtures/demo/site/index.html"
    )
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 43,
        "startColumn": 133,
    }
    assert rules[first["ruleId"]] is sarif_run["tool"]["driver"]["rules"][first["ruleIndex"]]
    prints = [r["partialFingerprints"]["logocheck/v1"] for r in results]
    assert len(set(prints)) == len(prints)
    assert sarif_run["properties"]["run"]["contracts"]["rows"] == 23


def test_fingerprints_ignore_lines_but_not_brands() -> None:
    finding = sample_report().findings[0]
    moved = replace(finding, location=replace(finding.location, line=99, column=1))
    other = replace(finding, brand="Globex")
    assert finding.fingerprint() == moved.fingerprint() != other.fingerprint()
    crawled = replace(finding, location=replace(finding.location, url="https://preview.example/"))
    live = replace(finding, location=replace(finding.location, url="https://www.example/"))
    assert crawled.fingerprint() == live.fingerprint()


def test_crawled_results_point_at_the_page_url() -> None:
    report = many(1, 0, 0)
    loc = Location("https://127.0.0.1:8000/customers/", None, 4, 2)
    report = replace(report, findings=(replace(report.findings[0], location=loc),))
    log = validate_sarif(render(report, "sarif"))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"][
        "uri"
    ]  # type: ignore[index]
    assert uri == "https://127.0.0.1:8000/customers/"


def test_sarif_keeps_the_most_severe_results_under_the_caps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sarif, "MAX_RESULTS", 12)
    report = many(5, 10, 10)
    log = validate_sarif(render(report, "sarif"))
    [run] = log["runs"]  # type: ignore[index]
    levels = [r["level"] for r in run["results"]]
    assert levels.count("error") == 5 and levels.count("warning") == 7 and "note" not in levels
    assert run["properties"]["omittedResults"] == 13
    notice = run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    assert notice.startswith("13 results left out")
    bare = len(render(replace(report, findings=()), "sarif").encode())
    monkeypatch.setattr(sarif, "MAX_BYTES", bare + 4_000)
    small = render(report, "sarif")
    assert len(small.encode()) <= bare + 4_000
    assert json.loads(small)["runs"][0]["properties"]["omittedResults"] > 13


def test_junit_is_one_suite_per_page_and_parses_strictly() -> None:
    text = render(sample_report(), "junit")
    root = etree.fromstring(text.encode("utf-8"), etree.XMLParser(recover=False))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["/", "/pricing/"]
    assert [len(s.findall("testcase/failure")) for s in suites] == [2, 1]
    assert root.get("tests") == root.get("failures") == "3"
    failure = suites[0].find("testcase/failure")
    assert failure is not None and failure.get("type") == "LC001"


def test_junit_of_a_clean_scan_is_one_passing_case() -> None:
    clean = replace(sample_report(), findings=())
    root = etree.fromstring(render(clean, "junit").encode("utf-8"))
    assert root.get("failures") == "0" and len(root.findall(".//testcase")) == 1


def test_github_annotations_respect_the_per_level_caps() -> None:
    text = render(many(14, 12, 3), "github")
    commands = [line for line in text.splitlines() if line.startswith("::")]
    kinds = [line.split(" ", 1)[0] for line in commands]
    assert kinds.count("::error") == PER_LEVEL and kinds.count("::warning") == PER_LEVEL
    assert kinds.count("::notice") == 3
    assert "6 more findings are not annotated" in text
    assert commands[0].startswith(
        "::error file=site/p00000.html,line=1,col=3,title=LC005 Brand 0::"
    )


def test_github_escapes_properties_and_data() -> None:
    finding = replace(
        sample_report().findings[0],
        message="100% sure\r\nnext",
        location=Location("/", "site/a,b:c.html", 2, 1),
        brand="X, Y: Z",
    )
    report = replace(sample_report(), findings=(finding,))
    [command] = [line for line in render(report, "github").splitlines() if line.startswith("::")]
    assert command == (
        "::error file=site/a%2Cb%3Ac.html,line=2,col=1,title=LC001 X%2C Y%3A Z::"
        "100%25 sure\\x0d\\x0anext"
    )


def test_markdown_groups_by_brand_with_collapsible_evidence() -> None:
    text = render(sample_report(), "markdown")
    assert text.startswith("## ❌ logocheck: 2 errors, 1 warning, 0 notes")
    assert "| Hooli | Hooli | free | LC001 | /, /pricing/ |" in text
    assert "<details><summary>" in text and text.rstrip().endswith("</details>")


def test_several_formats_at_once_and_the_step_summary(tmp_path: Path) -> None:
    summary = tmp_path / "step-summary.md"
    summary.write_text("earlier step\n")
    run = cli(
        *SCAN,
        "--format",
        "sarif",
        "--output",
        str(tmp_path / "a.sarif"),
        "--format",
        "junit",
        "--output",
        str(tmp_path / "a.xml"),
        "--report",
        f"markdown={tmp_path / 'a.md'}",
        "-o",
        str(tmp_path / "x.json"),
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert run.returncode == 2 and "--format per --output" in run.stderr
    run = cli(
        *SCAN,
        "--format",
        "sarif",
        "--output",
        str(tmp_path / "a.sarif"),
        "--format",
        "junit",
        "--output",
        str(tmp_path / "a.xml"),
        "--report",
        f"json={tmp_path / 'a.json'}",
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert run.returncode == 1, run.stderr
    validate_sarif((tmp_path / "a.sarif").read_text())
    etree.parse(str(tmp_path / "a.xml"))
    pages = int(re.search(r"\((\d+) pages", DEMO_EXPECTED)[1])
    assert json.loads((tmp_path / "a.json").read_text())["summary"]["pages"] == pages
    assert run.stdout.endswith(DEMO_EXPECTED.splitlines()[-1] + "\n")
    errors = DEMO_EXPECTED.splitlines()[-1].split()[1]
    assert summary.read_text().startswith(f"earlier step\n## ❌ logocheck: {errors} errors")


def test_output_format_follows_the_extension(tmp_path: Path) -> None:
    run = cli(*SCAN, "-o", str(tmp_path / "r.sarif"), "-o", str(tmp_path / "r.md"))
    assert run.returncode == 1, run.stderr
    validate_sarif((tmp_path / "r.sarif").read_text())
    assert (tmp_path / "r.md").read_text().startswith("## ")
    unknown = cli(*SCAN, "-o", str(tmp_path / "r.bin"))
    assert unknown.returncode == 2 and "give --format" in unknown.stderr


def test_findings_are_sorted_by_place_code_then_brand() -> None:
    report = many(3, 0, 0)
    same = Location("/", "site/index.html", 5, 1)
    shuffled = tuple(
        replace(f, location=same, brand=b) for f, b in zip(report.findings, "CAB", strict=True)
    )
    assert [f.brand for f in sorted(shuffled, key=Finding.sort_key)] == ["A", "B", "C"]


def test_timestamp_only_when_asked(tmp_path: Path) -> None:
    plain = json.loads(cli(*SCAN, "--format", "json").stdout)
    stamped = json.loads(cli(*SCAN, "--format", "json", "--timestamp").stdout)
    assert "timestamp" not in plain["run"]
    assert stamped["run"]["timestamp"].endswith("+00:00")
    assert plain["run"]["as_of"] == "2026-06-01"
    assert len(plain["run"]["contracts"]["sha256"]) == 64


def test_folder_scans_show_progress_on_stderr_when_asked() -> None:
    shown = cli(*SCAN, "--progress")
    assert shown.stderr.lstrip().startswith("scan: 1 pages, 0 queued, 0 errors")
    assert shown.stderr.strip().splitlines()[-1].startswith("scan: ")
    assert shown.stdout.endswith(DEMO_EXPECTED.splitlines()[-1] + "\n")
    assert cli(*SCAN).stderr == ""


def test_an_absolute_target_still_gives_repository_relative_paths() -> None:
    absolute = [str(ROOT / "fixtures/demo/site"), "--contracts", "fixtures/demo/contracts.csv"]
    log = validate_sarif(cli("scan", *absolute, "--format", "sarif").stdout)
    first = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]  # type: ignore[index]
    assert first["artifactLocation"]["uri"] == "fixtures/demo/site/index.html"
    annotations = cli("scan", *absolute, "--format", "github").stdout
    assert annotations.startswith("::error file=fixtures/demo/site/index.html,line=43,")
