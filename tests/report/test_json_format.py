from __future__ import annotations

import json

from logocheck.report import render
from tests.report.sample import sample_report

FINDING_FIELDS = {
    "code",
    "level",
    "message",
    "url",
    "file",
    "line",
    "column",
    "subject",
    "brand",
    "account",
    "status",
}


def test_json_has_the_versioned_contract() -> None:
    data = json.loads(render(sample_report(), "json"))
    assert data["version"] == 1
    assert set(data) >= {"findings", "logos", "claims", "summary"}
    assert data["summary"]["pages"] == 2
    assert data["summary"]["findings"] == {"error": 2, "warning": 1, "note": 0}
    assert all(FINDING_FIELDS <= set(f) for f in data["findings"])
    first = data["findings"][0]
    assert (first["code"], first["url"], first["line"], first["status"]) == (
        "LC001",
        "/",
        12,
        "free",
    )
    assert first["pages"] == 3


def test_logos_and_claims_carry_brand_account_and_method() -> None:
    data = json.loads(render(sample_report(), "json"))
    [logo] = data["logos"]
    assert {
        k: logo[k] for k in ("url", "src", "line", "brand", "account", "method", "confidence")
    } == {
        "url": "/",
        "src": "/img/hooli.png",
        "line": 12,
        "brand": "Hooli",
        "account": "Hooli",
        "method": "alt",
        "confidence": 0.9,
    }
    [claim] = data["claims"]
    assert (claim["kind"], claim["brand"], claim["account"]) == ("testimonial", "Hooli", "Hooli")


def test_rendering_is_byte_identical() -> None:
    assert render(sample_report(), "json") == render(sample_report(), "json")
