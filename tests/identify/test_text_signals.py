"""Naming a logo's brand from its markup alone."""

from __future__ import annotations

import pytest

from logocheck.contracts import AccountIndex
from logocheck.identify.text import Cleaner, identify_text
from logocheck.model import Account, Signal
from logocheck.vocab import vocab_examples

ACCOUNTS = AccountIndex(
    [
        Account("Globex Corporation", "paid", "plan 'Enterprise'", domains=("globex.example",)),
        Account("Initech", "free", "plan 'Free'"),
        Account("H&R Blockworks", "paid", "plan 'Team'", domains=("hrblockworks.example",)),
    ]
)


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner.from_vocab()


@pytest.mark.parametrize("example", vocab_examples("placeholders"), ids=lambda e: e["text"])
def test_placeholder_vocabulary_examples(cleaner: Cleaner, example: dict[str, object]) -> None:
    text = cleaner.brand_text(Signal("alt", str(example["text"])))
    assert (text is None) is example["placeholder"]


@pytest.mark.parametrize(
    ("source", "value", "brand"),
    [
        ("alt", "Globex logo", "Globex"),
        ("alt", "Logo of Initech", "Initech"),
        ("filename", "hr-blockworks_logo-white@2x.png", "Hr Blockworks"),
        ("filename", "wayne.4f2a9c.svg", "Wayne"),
        ("filename", "logo-tyrell-300x100.webp", "Tyrell"),
        ("link-path", "/customers/massive-dynamic/", "Massive Dynamic"),
        ("link-domain", "www.globex.example", "globex.example"),
        ("alt", "client-3", None),
        ("alt", "Customer logo 7", None),
        ("alt", "Company Name", None),
        ("filename", "img_0042.png", None),
        ("title", "Untitled design (3)", None),
    ],
)
def test_brand_text_cleans_decorations(
    cleaner: Cleaner, source: str, value: str, brand: str | None
) -> None:
    assert cleaner.brand_text(Signal(source, value)) == brand


def test_alt_names_the_account(cleaner: Cleaner) -> None:
    match = identify_text([Signal("alt", "Globex Corporation logo")], ACCOUNTS, cleaner)
    assert (match.brand, match.method) == ("Globex Corporation", "alt")
    assert match.confidence >= 0.9


def test_agreeing_signals_raise_confidence(cleaner: Cleaner) -> None:
    alone = identify_text([Signal("filename", "initech.png")], ACCOUNTS, cleaner)
    together = identify_text(
        [Signal("filename", "initech.png"), Signal("link-path", "/customers/initech")],
        ACCOUNTS,
        cleaner,
    )
    assert together.brand == alone.brand == "Initech"
    assert together.confidence > alone.confidence


def test_disagreement_keeps_both_and_lowers_confidence(cleaner: Cleaner) -> None:
    """A Webflow card: the alt was copied from the previous card."""
    signals = [
        Signal("alt", "Initech"),
        Signal("filename", "globex-logo.png"),
        Signal("link-domain", "globex.example"),
    ]
    match = identify_text(signals, ACCOUNTS, cleaner)
    assert match.brand == "Globex"
    assert {s.source for s in match.signals} == {"alt", "filename", "link-domain"}
    assert match.confidence < 0.7


def test_placeholders_are_reported_as_tried(cleaner: Cleaner) -> None:
    match = identify_text(
        [Signal("alt", "logo"), Signal("filename", "Client06.png")], ACCOUNTS, cleaner
    )
    assert match.brand is None
    assert match.method == "none"
    assert any("alt 'logo'" in t for t in match.tried)
    assert any("Client06.png" in t for t in match.tried)


def test_a_weak_signal_alone_does_not_name_an_unknown_brand(cleaner: Cleaner) -> None:
    for signal in (Signal("filename", "hero-background.png"), Signal("caption", "Read more")):
        assert identify_text([signal], ACCOUNTS, cleaner).brand is None


def test_a_domain_alone_names_the_account(cleaner: Cleaner) -> None:
    match = identify_text([Signal("link-domain", "www.globex.example")], ACCOUNTS, cleaner)
    assert (match.brand, match.method) == ("Globex Corporation", "link")


def test_a_domain_without_account_is_named_as_the_domain(cleaner: Cleaner) -> None:
    match = identify_text([Signal("link-domain", "www.vandelay.example")], ACCOUNTS, cleaner)
    assert match.brand == "vandelay.example"


def test_words_beside_the_domain_keep_the_page_spelling(cleaner: Cleaner) -> None:
    signals = [Signal("link-domain", "globex.example"), Signal("alt", "Globex Corp")]
    assert identify_text(signals, ACCOUNTS, cleaner).brand == "Globex Corp"


@pytest.mark.parametrize(
    ("source", "value", "brand"),
    [
        ("link-path", "/customers/how-initech-cut-reporting-time/", "Initech"),
        ("caption", "Initech cut its reporting time in half", "Initech"),
        ("figcaption", "Read how Globex Corporation scaled", "Globex Corporation"),
    ],
)
def test_an_account_named_inside_a_longer_text(
    cleaner: Cleaner, source: str, value: str, brand: str
) -> None:
    match = identify_text([Signal(source, value)], ACCOUNTS, cleaner)
    assert match.brand == brand


def test_fragments_of_a_sentence_are_not_matched_fuzzily(cleaner: Cleaner) -> None:
    match = identify_text(
        [Signal("caption", "Initiatives that cut reporting time")], ACCOUNTS, cleaner
    )
    assert match.brand != "Initech"


def test_a_typo_leading_a_longer_name_still_finds_the_account(cleaner: Cleaner) -> None:
    accounts = AccountIndex([Account("Gringotts", "paid", "plan 'Team'")])
    match = identify_text([Signal("alt", "Gringots Bank")], accounts, cleaner)
    assert match.brand == "Gringots"


def test_a_domain_spelling_an_account_names_it(cleaner: Cleaner) -> None:
    accounts = AccountIndex([Account("Massive Dynamic", "paid", "plan 'Team'")])
    match = identify_text([Signal("link-domain", "massive-dynamic.example")], accounts, cleaner)
    assert (match.brand, match.method) == ("Massive Dynamic", "link")


@pytest.mark.parametrize(
    ("source", "value"),
    [("alt", "Client01"), ("filename", "65f0a1b2c3d4e5f6012345b1_Client01.svg"), ("alt", "logo6")],
)
def test_numbered_placeholders_name_nothing(cleaner: Cleaner, source: str, value: str) -> None:
    assert cleaner.brand_text(Signal(source, value)) is None


def test_possessive_is_dropped(cleaner: Cleaner) -> None:
    match = identify_text(
        [Signal("caption", "Why Initech's SRE team writes runbooks")], ACCOUNTS, cleaner
    )
    assert match.brand == "Initech"


def test_a_title_that_repeats_the_file_name_is_not_a_second_witness(cleaner: Cleaner) -> None:
    signals = [Signal("title", "logo_vl_sw"), Signal("filename", "logo_vl_sw.png")]
    match = identify_text(signals, ACCOUNTS, cleaner)
    assert match.brand is None
    assert any("the file name again" in t for t in match.tried)
    alt = identify_text(
        [Signal("alt", "Initech"), Signal("filename", "initech.png")], ACCOUNTS, cleaner
    )
    assert [s.source for s in alt.signals] == ["alt", "filename"]


def test_links_to_the_site_itself_name_no_brand() -> None:
    from logocheck.identify.text import foreign_signals

    signals = (
        Signal("link-domain", "kontorwerk.example"),
        Signal("alt", "Vandelay"),
        Signal("link-domain", "www.globex.example"),
    )
    kept = foreign_signals(
        signals,
        "https://www.kontorwerk.example/referenzen/",
        "https://kontorwerk.example/wp-content/uploads/logo.png",
    )
    assert [s.value for s in kept] == ["Vandelay", "www.globex.example"]
