"""The ``logocheck contracts`` summary, as text or JSON.

Account names, reasons, file names and warnings come from the CSV, so the
text shows them with control characters escaped: a name holding an ESC
sequence or a line break cannot repaint a terminal or forge a log line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from logocheck.report.escape import log_lines, visible
from logocheck.report.json_format import dumps

DELIMITERS = {"\t": "tab", ",": "comma", ";": "semicolon"}


def render_json(summary: Mapping[str, Any]) -> str:
    return dumps(summary)


def render_text(summary: Mapping[str, Any]) -> str:
    file = visible(summary["file"])
    delimiter = DELIMITERS.get(summary["delimiter"], "") or visible(repr(summary["delimiter"]))
    lines = [
        f"{file}: {_count(summary['rows'], 'row')}, "
        f"{_count(summary['accounts'], 'account')} after merging "
        f"({visible(summary['encoding'])}, {delimiter})",
        f"as of {summary['as_of']}:",
        *(f"  {name:<7}{count:>10,}" for name, count in summary["categories"].items()),
        f"publicity column: {'yes' if summary['has_publicity'] else 'no (LC004 not checked)'}",
    ]
    lines += [_account_line(account) for account in summary.get("account_list", ())]
    lines += [_match_line(match) for match in summary.get("matches", ())]
    warnings = summary["warnings"]
    lines.append(_count(len(warnings), "warning") + ":" * bool(warnings))
    for warning in warnings:
        column = f":{visible(str(warning['column']))}" if warning["column"] else ""
        lines.append(f"  {file}:{warning['line']}{column}: {visible(warning['message'])}")
    return log_lines("\n".join(lines) + "\n")


def _account_line(account: Mapping[str, Any]) -> str:
    return (
        f"  {account['line']:>6}  {account['category']:<7} {visible(account['name'])}"
        f" ({visible(account['reason'])})"
    )


def _match_line(match: Mapping[str, Any]) -> str:
    brand, method = visible(repr(match["brand"])), match["method"]
    if match["account"]:
        return (
            f"{brand} -> {visible(match['account'])} ({method} {match['score']:.2f}; "
            f"{match['category']}: {visible(match['reason'])})"
        )
    if match["candidates"]:
        return f"{brand} -> ambiguous: {', '.join(visible(c) for c in match['candidates'])}"
    return f"{brand} -> no account"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
