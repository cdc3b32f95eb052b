"""HTML: the pre-launch audit report, one self-contained file for legal.

Opens from an email attachment: inline CSS, no external request, nothing
that needs JavaScript, and a Content-Security-Policy that forbids scripts
anyway. Everything from the site or the contracts file goes through Jinja2
with autoescape, links are kept only for http(s) URLs, and logos are PNG
thumbnails in ``data:`` URIs (SVG is rasterised, never inlined). Each
distinct image is stored once, as a CSS class, and every place that shows
it uses the class, so a footer wall on 5,000 pages costs one thumbnail.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from logocheck.model import LEVELS, Finding, Report, Subject
from logocheck.report.escape import visible
from logocheck.report.records import contract_details, coverage_record
from logocheck.version import __version__

if TYPE_CHECKING:
    from jinja2 import Template

    from logocheck.report import RenderOptions

KINDS = {"logo": "logo", "named-user": "named user", "case-study": "case study"}


def render(report: Report, options: RenderOptions) -> str:
    return _template().render(**context(report, options))


@cache
def _template() -> Template:
    """The compiled template; Jinja2 is imported here, so other formats never load it."""
    from jinja2 import Environment, PackageLoader

    env = Environment(
        loader=PackageLoader("logocheck.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["visible"] = visible
    env.filters["href"] = safe_href
    return env.get_template("report.html.j2")


def context(report: Report, options: RenderOptions) -> dict[str, Any]:
    thumbs = Thumbs(options.thumbnails or dict(report.thumbnails))
    rules = {rule.code: rule for rule in report.run.rules}
    return {
        "version": __version__,
        "report": report,
        "run": report.run,
        "levels": {level: report.count(level) for level in LEVELS},
        "coverage": coverage_record(report),
        "brands": brand_rows(report, options.details, thumbs),
        "findings": [_finding(f, rules, thumbs) for f in report.findings],
        "wall": [_tile(s, thumbs) for s in _logos(report.subjects)],
        "thumbs": thumbs,
        "details": options.details,
        "options": report.run.options,
    }


class Thumbs:
    """Gives each distinct image one short CSS class, in order of first use."""

    def __init__(self, uris: Mapping[str, str]) -> None:
        self.uris = uris
        self.classes: dict[str, str] = {}

    def css_class(self, key: str | None) -> str | None:
        if not key or key not in self.uris:
            return None
        return self.classes.setdefault(key, f"t{len(self.classes)}")

    def rules(self) -> list[tuple[str, str]]:
        return [(name, self.uris[key]) for key, name in self.classes.items()]


def safe_href(url: str | None) -> str | None:
    """The URL when it is http(s), else None: no ``javascript:``, ``data:`` or relative links."""
    if not url:
        return None
    text = url.strip()
    lowered = text.lower()
    if lowered.startswith(("http://", "https://")) and not any(c in text for c in "\x00\n\r\t"):
        return text
    return None


def brand_rows(report: Report, details: bool, thumbs: Thumbs) -> list[dict[str, Any]]:
    """One row per brand shown as a customer: where, how, status, verdict, rules."""
    by_brand: dict[str, list[Subject]] = defaultdict(list)
    for subject in _by_place(report.subjects):
        if _kind(subject) != "count":
            by_brand[subject.brand or ""].append(subject)
    codes: dict[str, set[str]] = defaultdict(set)
    for finding in report.findings:
        if finding.brand or finding.subject == "logo":
            codes[finding.brand or ""].add(finding.code)
    return [_brand(name, by_brand[name], codes[name], details, thumbs) for name in sorted(by_brand)]


def _brand(
    name: str, subjects: list[Subject], codes: set[str], details: bool, thumbs: Thumbs
) -> dict[str, Any]:
    first = subjects[0]
    account = first.account
    keys = sorted(filter(None, (_image(s) for s in subjects if s.kind == "logo")))
    return {
        "brand": name or "(unidentified)",
        "thumb": next(filter(None, map(thumbs.css_class, keys)), None),
        "pages": sorted({s.location.url for s in subjects}),
        "how": sorted({KINDS.get(_kind(s), _kind(s)) for s in subjects}),
        "account": account.name if account else None,
        "status": first.category,
        "verdict": "problem" if codes else "ok",
        "codes": sorted(codes),
        "contract": contract_details(account) if details and account else None,
    }


def _kind(subject: Subject) -> str:
    return "logo" if subject.kind == "logo" else str(getattr(subject.item, "kind", "claim"))


def _finding(finding: Finding, rules: Mapping[str, Any], thumbs: Thumbs) -> dict[str, Any]:
    rule = rules.get(finding.code)
    return {
        "f": finding,
        "where": _where(finding),
        "href": safe_href(finding.location.url),
        "thumb": thumbs.css_class(finding.image),
        "why": rule.why if rule else "",
        "fix": rule.fix if rule else "",
        "evidence": [(k, v) for k, v in finding.evidence if k != "confidence"],
    }


def _where(finding: Finding) -> str:
    loc = finding.location
    place = loc.file or loc.url
    return f"{place}:{loc.line}" if loc.line else place


def _logos(subjects: Iterable[Subject]) -> list[Subject]:
    return _by_place(s for s in subjects if s.kind == "logo")


def _by_place(subjects: Iterable[Subject]) -> list[Subject]:
    """Subjects in page order, whatever order a crawl met them in."""
    return sorted(subjects, key=lambda s: (s.location.url, s.location.line, s.location.column))


def _image(subject: Subject) -> str | None:
    return subject.match.image_key


def _tile(subject: Subject, thumbs: Thumbs) -> dict[str, Any]:
    key = _image(subject)
    return {
        "brand": subject.brand or "(unidentified)",
        "status": subject.category,
        "url": subject.location.url,
        "href": safe_href(subject.location.url),
        "pages": subject.pages,
        "thumb": thumbs.css_class(key),
        "src": getattr(subject.item, "src", None) or "(inline svg)",
    }
