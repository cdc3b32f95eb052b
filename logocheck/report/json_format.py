"""JSON: the versioned, machine-readable report (``--format json``).

Its shape is described by ``report.schema.json`` beside this module
(``logocheck schema`` prints it).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from logocheck.model import Report
from logocheck.report.escape import json_text
from logocheck.report.records import report_record

if TYPE_CHECKING:
    from logocheck.report import RenderOptions


def render(report: Report, options: RenderOptions) -> str:
    return dumps(report_record(report, details=options.details))


def dumps(data: Any) -> str:
    """Indented JSON whose text never carries a raw terminal control."""
    return json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
