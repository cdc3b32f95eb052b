"""The ``logocheck logos`` listing: every logo with its brand, as a table or JSON.

Brands, alts, file names and URLs come from the site, so the table shows
them with control characters escaped, like the text report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from logocheck.model import Finding, Subject
from logocheck.report.escape import log_lines, visible
from logocheck.report.json_format import dumps
from logocheck.report.records import logo_record

HEADER = ("BRAND", "METHOD", "CONF", "IMAGE", "WHERE")


def logo_rows(subjects: Iterable[Subject]) -> list[dict[str, Any]]:
    """One plain record per logo, sorted by where it is."""
    rows = [_row(subject) for subject in subjects if subject.kind == "logo"]
    return sorted(rows, key=lambda r: (r["url"], r["line"], r["column"], r["selector"], r["src"]))


def unreadable(findings: Iterable[Finding]) -> list[str]:
    """The LC905 warnings among ``findings``: images that could not be decoded."""
    return sorted(f"{f.location.url}: {f.message}" for f in findings if f.code == "LC905")


def render_json(rows: Sequence[Mapping[str, Any]], problems: Sequence[str] = ()) -> str:
    return dumps({"logos": list(rows), "unreadable": list(problems)})


def render_table(rows: Sequence[Mapping[str, Any]], problems: Sequence[str] = ()) -> str:
    """An aligned text table; unidentified logos show what was tried."""
    lines = [HEADER, *(_cells(row) for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER) - 1)]
    out = [
        "  ".join(
            [*(cell.ljust(w) for cell, w in zip(line, widths, strict=False)), line[-1]]
        ).rstrip()
        for line in lines
    ]
    unknown = sum(1 for row in rows if not row["brand"])
    out += [f"unreadable: {visible(problem)}" for problem in problems]
    out.append(f"\n{len(rows)} logos, {unknown} unidentified, {len(problems)} unreadable")
    return log_lines("\n".join(out) + "\n")


def _row(subject: Subject) -> dict[str, Any]:
    """The report's logo record, plus what a reviewer labelling it needs."""
    record = logo_record(subject)
    record["src"] = record["src"] or "(inline svg)"
    return {**record, "image": subject.match.image_key, "tried": list(subject.match.tried)}


def _cells(row: Mapping[str, Any]) -> tuple[str, ...]:
    where = f"{row['url']}:{row['line']}" if row["line"] else row["url"]
    image = (row["image"] or "").removeprefix("sha256:")[:12] or "-"
    return (
        visible(row["brand"] or "(unidentified)"),
        row["method"],
        f"{row['confidence']:.2f}",
        image,
        visible(f"{where} {row['src']}"),
    )
