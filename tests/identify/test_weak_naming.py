"""Naming a logo from weak markup: file names, link hosts, a brand's own punctuation."""

from __future__ import annotations

from pathlib import Path

import pytest

from logocheck.config import Settings
from logocheck.contracts import AccountIndex
from logocheck.identify.forms import NameForms
from logocheck.identify.merge import combine
from logocheck.identify.text import Cleaner, identify_text, registrable
from logocheck.model import Account, Match, Signal
from logocheck.pipeline import ScanOptions, scan

ACCOUNTS = [
    Account("Globex", "paid", "plan 'Team'"),
    Account("Kramerica Industries", "paid", "plan 'Team'"),
    Account("Kowloon Steel & Power", "paid", "plan 'Team'"),
    Account("Vega Commercial Vehicles", "paid", "plan 'Team'"),
    Account("Nakatomi Autotech", "paid", "plan 'Team'"),
    Account("Hooli", "paid", "plan 'Team'", domains=("hooli.io",)),
]
INDEX = AccountIndex(ACCOUNTS)
FORMS = NameForms(ACCOUNTS, INDEX.names.name)
EMPTY = AccountIndex([])


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner.from_vocab()


@pytest.mark.parametrize(
    ("value", "brand"),
    [
        ("globexCorp-logo-bug.png", "Globex Corp"),
        ("initech_Labs_Logo.jpg", "Initech Labs"),
        ("hooli1.svg", "Hooli"),
        ("vandelay-Logo-DarkGray.png", "Vandelay"),
        ("10x_payments.svg", "10x Payments"),
        ("umbrella_v2@2x.png", "Umbrella"),
        ("soylent-logo-2x.png", "Soylent"),
        ("3M-white.svg", "3M"),
        ("7-eleven-horizontal.png", "7 Eleven"),
    ],
)
def test_file_names_split_and_drop_decorations(cleaner: Cleaner, value: str, brand: str) -> None:
    assert cleaner.brand_text(Signal("filename", value)) == brand


@pytest.mark.parametrize(
    ("value", "brand"), [("Hooli.io", "Hooli.io"), ("10x Payments", "10x Payments")]
)
def test_an_alt_keeps_the_brands_own_spelling(cleaner: Cleaner, value: str, brand: str) -> None:
    assert identify_text([Signal("alt", value)], EMPTY, cleaner).brand == brand


def test_a_domain_written_as_the_brand_finds_its_account(cleaner: Cleaner) -> None:
    match = identify_text([Signal("alt", "Hooli.io")], INDEX, cleaner)
    assert match.brand == "Hooli"


@pytest.mark.parametrize(
    ("value", "account", "method"),
    [
        ("logo-kramericaindustries.png", "Kramerica Industries", "squashed"),
        ("ksp.png", "Kowloon Steel & Power", "initials"),
        ("vcv.jpg", "Vega Commercial Vehicles", "initials"),
        ("nakaauto.png", "Nakatomi Autotech", "prefix"),
    ],
)
def test_shortened_file_names_find_their_account(
    cleaner: Cleaner, value: str, account: str, method: str
) -> None:
    match = identify_text([Signal("filename", value)], INDEX, cleaner, FORMS)
    assert (match.brand, match.method) == (account, method)
    assert match.confidence < identify_text([Signal("alt", account)], INDEX, cleaner).confidence


def test_a_short_form_shared_by_two_accounts_names_neither(cleaner: Cleaner) -> None:
    twins = [*ACCOUNTS, Account("Kiln Sand & Pipe", "paid", "plan 'Team'")]
    forms = NameForms(twins, INDEX.names.name)
    match = identify_text([Signal("filename", "ksp.png")], AccountIndex(twins), cleaner, forms)
    assert match.method != "initials"


def test_a_file_name_alone_names_a_brand_without_account(cleaner: Cleaner) -> None:
    match = identify_text([Signal("filename", "vandelay-Logo-DarkGray.png")], EMPTY, cleaner)
    assert (match.brand, match.method) == ("Vandelay", "filename")
    assert identify_text([Signal("filename", "e1_logo-dark.svg")], EMPTY, cleaner).brand is None


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        ("developer.globex.com", "globex.com"),
        ("tech.initech.in", "initech.in"),
        ("www.vandelay.co.uk", "vandelay.co.uk"),
    ],
)
def test_a_host_falls_back_to_its_registrable_domain(host: str, domain: str) -> None:
    assert registrable(host) == domain


def test_a_host_is_named_as_the_site_writes_the_brand(cleaner: Cleaner) -> None:
    signals = [Signal("filename", "initech.png"), Signal("link-domain", "tech.initech.in")]
    assert identify_text(signals, EMPTY, cleaner).brand == "Initech"
    alone = identify_text([Signal("link-domain", "developer.umbrella.com")], EMPTY, cleaner)
    assert (alone.brand, alone.method) == ("umbrella.com", "link")


def test_a_name_in_another_script_is_not_outvoted_by_its_transliteration(
    cleaner: Cleaner,
) -> None:
    signals = [
        Signal("alt", "青云物流"),
        Signal("filename", "qingyun.png"),
        Signal("link-domain", "www.qingyun.example"),
    ]
    assert identify_text(signals, EMPTY, cleaner).brand == "青云物流"


def test_a_near_miss_is_offered_not_matched(cleaner: Cleaner) -> None:
    match = identify_text([Signal("alt", "Globax")], INDEX, cleaner, FORMS)
    assert match.brand == "Globax"
    assert INDEX.lookup(match.brand).account is None
    assert ("near-miss", "Globex") in [(s.source, s.value) for s in match.signals]


def test_the_image_settles_a_near_miss(cleaner: Cleaner) -> None:
    text = identify_text([Signal("alt", "Globax")], INDEX, cleaner, FORMS)
    image = Match("Globex", "image", 0.8, (Signal("image", "globex.png", 0.8),))
    merged = combine(text, image, "sha256:ab", lambda a, b: a.casefold() == b.casefold())
    assert (merged.brand, merged.method) == ("Globex", "image")


def _scan_wall(tmp_path: Path, images: str) -> list[str]:
    site = tmp_path / "site"
    site.mkdir()
    html = f"<html><body><section><h2>Trusted by</h2>{images}</section></body></html>"
    (site / "index.html").write_text(html, encoding="utf-8")
    contracts = tmp_path / "contracts.csv"
    contracts.write_text("account,plan,status\nGlobex,Enterprise,active\n", encoding="utf-8")
    options = ScanOptions(settings=Settings({"identify": {"images": False}}), jobs=1)
    return [f"{f.code} {f.message}" for f in scan(str(site), contracts, options).findings]


def test_a_near_miss_finding_says_did_you_mean(tmp_path: Path) -> None:
    findings = _scan_wall(tmp_path, '<img src="/l/a.png" alt="Globax">')
    assert any(f.startswith("LC005") and "did you mean Globex?" in f for f in findings)


def test_a_logo_named_by_its_file_name_alone_is_lc005_not_lc006(tmp_path: Path) -> None:
    findings = _scan_wall(tmp_path, '<img src="/l/vandelay-Logo-DarkGray.png" alt="">')
    assert findings == [
        "LC005 Vandelay is presented as a customer (logo, named from its file name only),"
        " but no account in the contracts file matches it"
    ]


def test_a_logo_with_nothing_to_go_on_is_an_error_that_says_how_to_label_it(
    tmp_path: Path,
) -> None:
    findings = _scan_wall(tmp_path, '<img src="/l/Client06.png" alt="logo">')
    assert len(findings) == 1 and findings[0].startswith("LC006")
    assert "--label" in findings[0]
