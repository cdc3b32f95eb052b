"""The markup corpus: real-world pages in ``fixtures/markup`` and what each must yield.

Each fixture folder holds one page (``index.html``) and ``expected.json``:
the page's URL, the logos that must be found (each with an ``evidence``
string that appears in the logo's image URL, a signal or its SVG markup),
the claims that must be found (kind, brand, count, noun) and negatives,
strings that no logo or claim may contain.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from logocheck.config import Settings
from logocheck.extract import ExtractContext, Extraction, extract
from logocheck.model import Claim, Logo, Page

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "markup"


@dataclass
class Score:
    """Matched and missed items over the corpus, for recall and precision."""

    found: int = 0
    expected: int = 0
    extra: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return 1.0 if not self.expected else (self.expected - len(self.missed)) / self.expected

    @property
    def precision(self) -> float:
        return 1.0 if not self.found else (self.found - len(self.extra)) / self.found


@dataclass(frozen=True)
class Case:
    name: str
    expected: dict[str, Any]
    extraction: Extraction


def cases(names: list[str] | None = None, root: Path = CORPUS) -> Iterator[Case]:
    brands = [brand for folder in sorted(root.iterdir()) for brand in _brands(folder)]
    context = ExtractContext.build(brands, Settings())
    for folder in sorted(root.iterdir()):
        if not (folder / "expected.json").is_file():
            continue
        expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        page_file = folder / "index.html"
        page = Page(url=expected["url"], body=page_file.read_bytes(), file=page_file.as_posix())
        yield Case(folder.name, expected, extract(page, context))


def _brands(folder: Path) -> list[str]:
    """Brands the contracts would know: those of the fixture's ``known_brands``."""
    path = folder / "expected.json"
    if not path.is_file():
        return []
    return list(json.loads(path.read_text(encoding="utf-8")).get("known_brands", []))


def logo_text(logo: Logo) -> str:
    parts = [logo.src or "", logo.svg or "", logo.link or ""]
    return " ".join(parts + [s.value for s in logo.signals]).lower()


def claim_text(claim: Claim) -> str:
    return " ".join([claim.text, *claim.brands]).lower()


def score_logos(case: Case, score: Score) -> None:
    logos = list(case.extraction.logos)
    score.found += len(logos)
    score.expected += len(case.expected["logos"])
    matched: set[int] = set()
    for want in case.expected["logos"]:
        evidence = want["evidence"].lower()
        hit = next(
            (i for i, logo in enumerate(logos) if i not in matched and evidence in logo_text(logo)),
            None,
        )
        if hit is None:
            score.missed.append(f"{case.name}: logo {want['brand']} ({want['evidence']})")
            continue
        matched.add(hit)
        if logos[hit].repeat != want.get("repeat", 1):
            score.missed.append(f"{case.name}: {want['brand']} repeat {logos[hit].repeat}")
    for i, logo in enumerate(logos):
        if i not in matched:
            score.extra.append(
                f"{case.name}: logo {logo.src or logo.element} line {logo.location.line}"
            )


def claim_matches(want: dict[str, Any], claim: Claim) -> bool:
    if claim.kind != want["kind"]:
        return False
    if "count" in want and (claim.count, claim.noun) != (want["count"], want["noun"]):
        return False
    if "brand" in want and want["brand"].lower() not in [b.lower() for b in claim.brands]:
        return False
    return "text" not in want or want["text"].lower() in claim.text.lower()


def score_claims(case: Case, score: Score) -> None:
    claims = list(case.extraction.claims)
    used: set[int] = set()
    wanted = case.expected["claims"]
    score.expected += len(wanted)
    for want in wanted:
        hit = next((i for i, c in enumerate(claims) if claim_matches(want, c)), None)
        if hit is None:
            score.missed.append(f"{case.name}: claim {want}")
        else:
            used.add(hit)
    score.found += len(claims)
    for i, claim in enumerate(claims):
        if i not in used:
            score.extra.append(
                f"{case.name}: claim {claim.kind} {claim.brands} {claim.text[:60]!r}"
            )


def negatives_found(case: Case) -> list[str]:
    texts = [logo_text(logo) for logo in case.extraction.logos]
    texts += [claim_text(claim) for claim in case.extraction.claims]
    return [
        f"{case.name}: {negative!r}"
        for negative in case.expected.get("negatives", [])
        if any(negative.lower() in text for text in texts)
    ]
