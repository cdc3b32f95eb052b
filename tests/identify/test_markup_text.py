"""Markup alone on the markup corpus (fixtures/markup): name what the words name, nothing wrong.

Each page's own expected brands stand in for the contracts. A logo whose
markup carries no words (opaque file name, empty or placeholder alt, bare
SVG) may stay unidentified, since that is the pixels' job; a logo named
must be named right.
"""

from __future__ import annotations

import re

import pytest

from logocheck.contracts import AccountIndex
from logocheck.identify.forms import NameForms
from logocheck.identify.text import Cleaner, identify_text, logo_signals
from logocheck.model import Account, Logo
from tests.extract.corpus import Case, cases, logo_text

#: Logos of the corpus the markup must name (37 of 51 when this was written).
FLOOR = 35
#: Share of the logos that can be named from markup (those whose expected
#: method is not "image" or "none") named right, first choice.
TOP1_FLOOR = 0.98


def _cleaner() -> Cleaner:
    return Cleaner.from_vocab()


def _pairs(case: Case) -> list[tuple[str, Logo]]:
    return [(want["brand"], logo) for want, logo in _wanted(case)]


def _wanted(case: Case) -> list[tuple[dict[str, str], Logo]]:
    logos = list(case.extraction.logos)
    used: set[int] = set()
    pairs = []
    for want in case.expected["logos"]:
        evidence = want["evidence"].lower()
        hit = next(
            (i for i, logo in enumerate(logos) if i not in used and evidence in logo_text(logo)),
            None,
        )
        if hit is not None:
            used.add(hit)
            pairs.append((want, logos[hit]))
    return pairs


@pytest.fixture(scope="module")
def outcomes() -> list[tuple[str, str, str | None, str | None]]:
    cleaner = _cleaner()
    found = []
    for case in cases():
        pairs = _pairs(case)
        accounts = [Account(b, "paid", "plan 'Team'") for b in sorted({b for b, _ in pairs})]
        index = AccountIndex(accounts)
        forms = NameForms(accounts, index.names.name)
        for brand, logo in pairs:
            match = identify_text(logo_signals(logo), index, cleaner, forms)
            account = index.lookup(match.brand).account if match.brand else None
            found.append((case.name, brand, match.brand, account.name if account else None))
    return found


def test_markup_never_names_the_wrong_brand(
    outcomes: list[tuple[str, str, str | None, str | None]],
) -> None:
    wrong = [
        (case, want, named)
        for case, want, named, account in outcomes
        if named is not None
        and account != want
        and named.casefold() != want.casefold()
        and re.search("[A-Za-z]", named)  # an alt in another script cannot be judged here
    ]
    assert wrong == []


def test_markup_names_the_logos_that_carry_words(
    outcomes: list[tuple[str, str, str | None, str | None]],
) -> None:
    named = sum(1 for _, want, _, account in outcomes if account == want)
    assert named >= FLOOR, f"{named} of {len(outcomes)} named"


def test_brand_top1_of_logos_named_by_markup() -> None:
    """Every logo the corpus says markup can name is named right, nearly always."""
    cleaner = _cleaner()
    right, wrong = 0, []
    for case in cases():
        wanted = [
            (w, logo) for w, logo in _wanted(case) if w.get("method", "image") not in _NOT_MARKUP
        ]
        accounts = [
            Account(b, "paid", "plan 'Team'") for b in sorted({w["brand"] for w, _ in wanted})
        ]
        index = AccountIndex(accounts)
        forms = NameForms(accounts, index.names.name)
        for want, logo in wanted:
            match = identify_text(logo_signals(logo), index, cleaner, forms)
            account = index.lookup(match.brand).account if match.brand else None
            if account is not None and account.name == want["brand"]:
                right += 1
            else:
                wrong.append((case.name, want["brand"], match.brand, match.method))
    total = right + len(wrong)
    assert total >= 50
    assert right / total >= TOP1_FLOOR, wrong


_NOT_MARKUP = frozenset({"image", "none", "composite"})
