"""The JSON Schema of the JSON report, shipped inside the package."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any


def schema_text() -> str:
    return (files("logocheck.report") / "schemas" / "report.schema.json").read_text("utf-8")


def report_schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded
