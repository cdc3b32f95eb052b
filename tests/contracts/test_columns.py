"""Headers: canonical names, CRM synonyms, config mapping, and refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from logocheck.contracts.columns import header_key
from logocheck.errors import ConfigError
from tests.contracts.helpers import by_name, load_text, refused


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Account Name", "account name"),
        ("  ACCOUNT_NAME ", "account name"),
        ("Account.Name", "account name"),
        ("Contract_End_Date__c", "contract end date"),
        ("ContractStartDate", "contract start date"),
        ("ARR (USD)", "arr"),
        ("Annual Recurring Revenue [EUR]", "annual recurring revenue"),
        ('"\ufeffDomain"', "domain"),
    ],
)
def test_header_keys_ignore_case_spacing_punctuation_and_units(header: str, key: str) -> None:
    assert header_key(header) == key


def test_crm_headers_are_recognised(tmp_path: Path) -> None:
    text = (
        "Account Name,Website,Plan Tier,Account Status,Contract Start Date,"
        "Contract End Date,Annual Recurring Revenue,Logo Rights,Logo Rights Expire,Approved Logo\n"
        "Globex,https://globex.example,Enterprise,Active,2024-01-01,2099-12-31,"
        '"$1,200.00",Approved,2030-01-01,logos/globex.svg\n'
    )
    globex = by_name(load_text(tmp_path, text))["Globex"]
    assert globex.domains == ("globex.example",)
    assert (globex.category, globex.reason.details) == ("paid", "plan 'Enterprise'")
    assert globex.publicity == "approved"
    assert str(globex.publicity_expires) == "2030-01-01"
    assert globex.logo == "logos/globex.svg"
    assert globex.contracts[0].revenue is not None


def test_salesforce_api_names_are_recognised(tmp_path: Path) -> None:
    text = "Name,Website,Status,StartDate,EndDate,Contract_Value__c\nHooli,hooli.example,Churned,2020-01-01,2099-01-01,5\n"
    hooli = by_name(load_text(tmp_path, text))["Hooli"]
    assert (hooli.category, hooli.reason.details) == ("lapsed", "status 'Churned'")


def test_company_revenue_is_not_mistaken_for_what_the_company_pays(tmp_path: Path) -> None:
    # Salesforce's "Annual Revenue" is the customer's own size, not our ARR.
    text = "Account Name,Plan,Annual Revenue\nGlobex,Free,5000000000\n"
    assert by_name(load_text(tmp_path, text))["Globex"].category == "free"


def test_mrr_is_annualised_when_there_is_no_arr(tmp_path: Path) -> None:
    contracts = load_text(tmp_path, "account,plan,MRR\nGlobex,Free,100\n")
    globex = by_name(contracts)["Globex"]
    assert globex.category == "paid"
    assert globex.contracts[0].revenue == 1200


def test_several_domain_columns_are_combined(tmp_path: Path) -> None:
    text = (
        "Company name,Company Domain Name,Website URL\n"
        "Pied Piper,piedpiper.example,https://www.piedpiper.example/\n"
        "Hooli,hooli.example,https://hooli.xyz\n"
    )
    accounts = by_name(load_text(tmp_path, text))
    assert accounts["Pied Piper"].domains == ("piedpiper.example",)
    assert accounts["Hooli"].domains == ("hooli.example", "hooli.xyz")


def test_config_maps_any_header(tmp_path: Path) -> None:
    text = "Kunde;Tarif;Ende\nInitech GmbH;Premium;31.12.2020\n"
    columns = {"account": "Kunde", "plan": "tarif", "end_date": "Ende"}
    contracts = load_text(tmp_path, text, settings={"columns": columns, "date_format": "%d.%m.%Y"})
    initech = by_name(contracts)["Initech GmbH"]
    assert (initech.category, initech.reason.details) == ("lapsed", "contract ended 2020-12-31")


def test_config_mapping_resolves_two_lookalike_columns(tmp_path: Path) -> None:
    text = "Plan,Plan Tier,account\nEnterprise,Free,Globex\n"
    assert refused(tmp_path, text) == (
        "c.csv:1:Plan Tier: columns 'Plan' and 'Plan Tier' both look like plan; "
        'choose one with [tool.logocheck.contracts.columns] plan = "<header>"'
    )
    contracts = load_text(tmp_path, text, settings={"columns": {"plan": "Plan Tier"}})
    assert by_name(contracts)["Globex"].category == "free"


def test_a_configured_header_missing_from_the_file_is_an_error(tmp_path: Path) -> None:
    message = refused(tmp_path, "account\nGlobex\n", settings={"columns": {"plan": "Tier"}})
    assert message == (
        "c.csv:1: no column 'Tier' (configured as plan in [tool.logocheck.contracts.columns])"
    )


def test_an_unknown_field_in_config_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown field 'revenue'"):
        load_text(tmp_path, "account\nGlobex\n", settings={"columns": {"revenue": "ARR"}})


def test_an_unknown_setting_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown setting 'decimal_coma'"):
        load_text(tmp_path, "account\nGlobex\n", settings={"decimal_coma": True})


def test_missing_account_column_names_what_was_looked_for(tmp_path: Path) -> None:
    message = refused(tmp_path, "Website,Plan\nglobex.example,Free\n")
    assert message.startswith("c.csv:1: no account column (looked for 'account', 'account name'")
    assert message.endswith('map it with [tool.logocheck.contracts.columns] account = "<header>"')


def test_duplicate_headers_are_an_error(tmp_path: Path) -> None:
    message = refused(tmp_path, "account,plan,Plan\nGlobex,Free,Enterprise\n")
    assert message == "c.csv:1:Plan: duplicate header 'Plan' (columns 2 and 3)"


def test_duplicate_headers_nobody_reads_are_harmless(tmp_path: Path) -> None:
    contracts = load_text(tmp_path, "account,Notes,Notes\nGlobex,a,b\n")
    assert [a.name for a in contracts.accounts] == ["Globex"]


def test_unknown_columns_are_ignored(tmp_path: Path) -> None:
    text = "Account ID,account,Billing Country,Account Owner\n001,Globex,DE,Pat\n"
    assert [a.name for a in load_text(tmp_path, text).accounts] == ["Globex"]


def test_publicity_column_presence_is_reported(tmp_path: Path) -> None:
    assert not load_text(tmp_path, "account\nGlobex\n").has_publicity
    assert load_text(tmp_path, "account,Logo Rights\nGlobex,\n").has_publicity
