"""The ``logocheck contracts`` summary, as text or JSON.

Account names, reasons, file names and warnings come from the CSV, so the
text shows them with control characters escaped: a name holding an ESC
sequence or a line break cannot repaint a terminal or forge a log line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from logocheck.contracts import Contracts, Lookup
from logocheck.model import Account
from logocheck.report.escape import log_lines, visible
from logocheck.report.json_format import dumps

DELIMITERS = {"\t": "tab", ",": "comma", ";": "semicolon"}
CATEGORIES = ("paid", "trial", "free", "lapsed")


def summarise(
    loaded: Contracts,
    path: str,
    day: date,
    list_accounts: bool,
    details: bool = False,
    matches: Sequence[tuple[str, Lookup]] = (),
) -> dict[str, Any]:
    """The summary as plain data: what both output formats print.

    ``matches`` are the ``--match`` brands with what the scan's join made of them.
    """
    counts = dict(loaded.counts)
    summary: dict[str, Any] = {
        "file": path,
        "as_of": day.isoformat(),
        "encoding": loaded.encoding,
        "delimiter": loaded.delimiter,
        "rows": loaded.rows,
        "accounts": len(loaded.accounts),
        "categories": {c: counts.get(c, 0) for c in CATEGORIES},
        "has_publicity": loaded.has_publicity,
        "warnings": [
            {"line": w.line, "column": w.column, "message": w.text(details)}
            for w in loaded.warnings
        ],
    }
    if list_accounts:
        summary["account_list"] = [_account(a, details) for a in loaded.accounts]
    if matches:
        summary["matches"] = [_match(brand, found, details) for brand, found in matches]
    return summary


def _account(account: Account, details: bool) -> dict[str, Any]:
    """An account as it may be shown: name, category, reason; never money.

    Its domains, aliases, row count and publicity expiry are the contracts
    file's own values, shown only with ``details``.
    """
    shown: dict[str, Any] = {
        "name": account.name,
        "category": account.category,
        "reason": account.reason.text(details),
        "publicity": account.publicity,
        "line": account.line,
    }
    if details:
        expires = account.publicity_expires
        shown["domains"] = list(account.domains)
        shown["aliases"] = list(account.aliases)
        shown["publicity_expires"] = expires.isoformat() if expires else None
        shown["rows"] = len(account.contracts)
    return shown


def _match(brand: str, found: Lookup, details: bool) -> dict[str, Any]:
    """How the scan joins ``brand``: by name, or as a domain or e-mail."""
    return {
        "brand": brand,
        "method": found.method,
        "score": round(found.score, 3),
        "account": found.account.name if found.account else None,
        "category": found.account.category if found.account else None,
        "reason": found.account.reason.text(details) if found.account else None,
        "candidates": sorted(a.name for a in found.candidates) if not found.account else [],
    }


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
