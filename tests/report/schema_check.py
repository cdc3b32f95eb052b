"""Validate a JSON report against the JSON Schema shipped in the package."""

from __future__ import annotations

from functools import cache
from typing import Any

import jsonschema

from logocheck.report.schema import report_schema


@cache
def validator() -> jsonschema.Draft202012Validator:
    schema = report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def validate_report(data: Any) -> None:
    errors = sorted(validator().iter_errors(data), key=lambda e: list(e.path))
    if errors:
        where = "/".join(str(p) for p in errors[0].path)
        raise AssertionError(f"JSON report breaks its schema at /{where}: {errors[0].message}")
