"""Recall and precision of extraction over the real-world markup corpus.

Floors: logo recall and precision >= 99%, claim recall and precision
>= 95%, and not one listed negative (a partner, a badge, an avatar ...)
reported as a logo or a claim. An image no fixture lists, reported as a
logo, counts against precision.
"""

from __future__ import annotations

import pytest

from tests.extract.corpus import Case, Score, cases, negatives_found, score_claims, score_logos

ALL = list(cases())
BUILDERS = {case.expected["builder"].split(" ")[0] for case in ALL}


def test_the_corpus_is_varied() -> None:
    assert len(ALL) >= 28
    assert len(BUILDERS) >= 10, BUILDERS


def test_logo_recall_and_precision() -> None:
    score = Score()
    for case in ALL:
        score_logos(case, score)
    assert score.recall >= 0.99, "\n".join(score.missed)
    assert score.precision >= 0.99, "\n".join(score.extra)


def test_claim_recall_and_precision() -> None:
    score = Score()
    for case in ALL:
        score_claims(case, score)
    assert score.recall >= 0.95, "\n".join(score.missed)
    assert score.precision >= 0.95, "\n".join(score.extra)


@pytest.mark.parametrize("case", ALL, ids=[case.name for case in ALL])
def test_no_negative_is_reported(case: Case) -> None:
    assert negatives_found(case) == []


@pytest.mark.parametrize("case", ALL, ids=[case.name for case in ALL])
def test_no_page_fails(case: Case) -> None:
    assert case.extraction.problems == ()
