"""One company, several rows: merged by name and domain, best current status wins."""

from __future__ import annotations

from pathlib import Path

from tests.contracts.helpers import by_name, categories, load_text

HEADER = "account,domain,aliases,plan,status,start_date,end_date,arr,publicity,publicity_expires\n"


def test_a_paid_contract_and_an_old_free_signup_are_one_paid_account(tmp_path: Path) -> None:
    text = HEADER + (
        "Globex,globex.example,,Free,active,2018-01-01,,0,,\n"
        "Initech,initech.example,,Team,active,2022-01-01,,100,approved,\n"
        "The Globex Corporation,,,Enterprise,active,2024-01-01,2099-01-01,900,approved,\n"
    )
    contracts = load_text(tmp_path, text)
    globex = by_name(contracts)["The Globex Corporation"]
    assert (globex.category, globex.reason.details) == ("paid", "plan 'Enterprise'; best of 2 rows")
    assert globex.line == 2  # the account's first row
    assert [c.line for c in globex.contracts] == [2, 4]
    assert globex.aliases == ("Globex",)
    assert globex.domains == ("globex.example",)
    assert globex.publicity == "approved"
    assert contracts.rows == 3
    assert [a.name for a in contracts.accounts] == ["The Globex Corporation", "Initech"]


def test_two_subsidiaries_sharing_a_domain_are_one_account(tmp_path: Path) -> None:
    text = HEADER + (
        "Initech Payments LLC,payments.initech.example; initech.example,,Free,,,,0,,\n"
        "Initech Holdings,initech.example,,Business,,,,5000,approved,\n"
        "Initech Labs,labs.initech.example,,Free,,,,0,,\n"
    )
    accounts = load_text(tmp_path, text).accounts
    assert len(accounts) == 1
    assert (accounts[0].name, accounts[0].category) == ("Initech Holdings", "paid")
    assert accounts[0].domains == (
        "payments.initech.example",
        "initech.example",
        "labs.initech.example",
    )
    assert accounts[0].aliases == ("Initech Payments LLC", "Initech Labs")


def test_rows_join_transitively(tmp_path: Path) -> None:
    text = HEADER + (
        "Hooli,hooli.example,,Free,,,,0,,\n"
        "Hooli XYZ,hooli.xyz,,Free,,,,0,,\n"
        "Hooli Inc.,hooli.xyz,,Enterprise,,,,10,,\n"  # joins the 2nd by domain, the 1st by name
    )
    assert categories(load_text(tmp_path, text)) == {"Hooli Inc.": "paid"}


def test_mail_and_hosting_domains_never_join_companies(tmp_path: Path) -> None:
    text = HEADER + (
        "Cyberdyne Systems,jane@gmail.com,,Free,,,,0,,\n"
        "Dunder Mifflin,jim@gmail.com,,Enterprise,,,,10,,\n"
        "Pied Piper,piedpiper.github.io,,Free,,,,0,,\n"
        "Aperture,aperture.github.io,,Free,,,,0,,\n"
    )
    assert categories(load_text(tmp_path, text)) == {
        "Cyberdyne Systems": "free",
        "Dunder Mifflin": "paid",
        "Pied Piper": "free",
        "Aperture": "free",
    }


def test_sibling_subdomains_under_a_public_suffix_never_join(tmp_path: Path) -> None:
    text = HEADER + "Stark,stark.co.uk,,Free,,,,0,,\nWayne,wayne.co.uk,,Enterprise,,,,10,,\n"
    assert len(load_text(tmp_path, text).accounts) == 2


def test_the_best_current_category_wins_and_the_reason_says_so(tmp_path: Path) -> None:
    text = HEADER + (
        "Hooli,hooli.example,,Enterprise,churned,2019-01-01,2022-01-01,50000,approved,\n"
        "Hooli,hooli.example,,Free,active,2023-01-01,,0,,\n"
        "Umbrella,umbrella.example,,Trial,active,2026-11-01,2026-12-31,0,,\n"
        "Umbrella,umbrella.example,,Free,active,2020-01-01,,0,,\n"
    )
    accounts = by_name(load_text(tmp_path, text))
    assert (accounts["Hooli"].category, accounts["Hooli"].reason.details) == (
        "free",
        "plan 'Free'; best of 2 rows",
    )
    assert accounts["Umbrella"].category == "trial"
    # a grant under the ended contract does not carry over to the free signup
    assert accounts["Hooli"].publicity is None


def test_a_grant_on_another_current_row_counts(tmp_path: Path) -> None:
    text = HEADER + (
        "Oscorp,oscorp.example,,Enterprise,,2022-01-01,2099-01-01,9000,,\n"
        "Oscorp,oscorp.example,,Team,,2021-01-01,2099-01-01,100,approved-with-review,\n"
    )
    assert by_name(load_text(tmp_path, text))["Oscorp"].publicity == "approved-with-review"


def test_a_revocation_on_any_row_wins(tmp_path: Path) -> None:
    text = HEADER + (
        "Tyrell,tyrell.example,,Enterprise,,2020-01-01,,9000,approved,\n"
        "Tyrell,tyrell.example,,Free,,2018-01-01,,0,revoked,\n"
    )
    tyrell = by_name(load_text(tmp_path, text))["Tyrell"]
    assert (tyrell.category, tyrell.publicity) == ("paid", "revoked")


def test_aliases_of_every_row_are_kept(tmp_path: Path) -> None:
    text = HEADER + (
        "Gringotts,gringotts.example,Gringotts Bank,Enterprise,,,,1,,\n"
        "Gringotts Wizarding Bank,gringotts.example,GWB;Gringotts Bank,Free,,,,0,,\n"
    )
    gringotts = by_name(load_text(tmp_path, text))["Gringotts"]
    assert gringotts.aliases == ("Gringotts Wizarding Bank", "Gringotts Bank", "GWB")


def test_rows_without_an_account_name_are_skipped_with_a_warning(tmp_path: Path) -> None:
    text = HEADER + ",,,,,,,,,\n,acme.example,,Free,,,,0,,\nAcme,acme.example,,Free,,,,0,,\n"
    contracts = load_text(tmp_path, text)
    assert [a.name for a in contracts.accounts] == ["Acme"]
    assert [str(w) for w in contracts.warnings] == ["3:account: row has no account name; skipped"]
    assert contracts.rows == 1
