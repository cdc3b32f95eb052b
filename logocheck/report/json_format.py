"""JSON: the versioned, machine-readable report (``--format json``)."""

from __future__ import annotations

import json

from logocheck.model import Report
from logocheck.report.records import report_record


def render(report: Report) -> str:
    return json.dumps(report_record(report), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
