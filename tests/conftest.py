"""Suite-wide checks: every JSON report a test renders follows the shipped JSON Schema."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from logocheck.report import json_format


@pytest.fixture(autouse=True)
def json_reports_follow_the_schema(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Wrap the JSON renderer so that any report it produces in a test is validated."""
    from tests.report.schema_check import validate_report

    original = json_format.render

    def render(*args: Any, **kwargs: Any) -> str:
        text = original(*args, **kwargs)
        validate_report(json.loads(text))
        return text

    monkeypatch.setattr(json_format, "render", render)
    yield
