"""Recall and precision of claim extraction over the claims corpus.

``fixtures/claims`` holds pages written in the markup of real site builders
(WordPress, Hugo, Webflow, Framer, Next.js, Squarespace, Gatsby, Wix,
Elementor, HubSpot, Docusaurus, Astro), each with ``expected.json``: every
claim a reviewer would mark (one entry per brand a claim names) and
``non_claims``, names and phrases the page shows without a claim of use
(competitors, integrations, comparisons, press) that no claim may contain.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.extract.corpus import Case, Score, cases, score_claims

ROOT = Path(__file__).resolve().parents[2] / "fixtures" / "claims"
ALL = list(cases(root=ROOT))


def test_the_corpus_is_large_and_varied() -> None:
    assert len(ALL) >= 12
    assert len({case.expected["builder"].split(" ")[0] for case in ALL}) >= 10
    assert sum(len(case.expected["claims"]) for case in ALL) >= 80
    assert sum(len(case.expected["non_claims"]) for case in ALL) >= 20


def test_claim_recall_and_precision() -> None:
    score = Score()
    for case in ALL:
        score_claims(case, score)
    assert score.recall >= 0.95, "\n".join(score.missed)
    assert score.precision >= 0.95, "\n".join(score.extra)


@pytest.mark.parametrize("case", ALL, ids=[case.name for case in ALL])
def test_no_non_claim_is_reported(case: Case) -> None:
    said = [" ".join([claim.text, *claim.brands]).lower() for claim in case.extraction.claims]
    found = [n for n in case.expected["non_claims"] if any(n.lower() in text for text in said)]
    assert found == []


@pytest.mark.parametrize("case", ALL, ids=[case.name for case in ALL])
def test_no_page_fails(case: Case) -> None:
    assert case.extraction.problems == ()
