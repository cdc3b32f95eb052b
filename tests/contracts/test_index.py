"""The join: names, aliases, domains, then fuzzy behind a blocking index."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest
from rapidfuzz import process

from logocheck.contracts import AccountIndex, Lookup, Normalizer, normalize_domain, normalize_name
from logocheck.model import Account
from logocheck.vocab import vocab_examples
from tests.contracts.helpers import load_text


def account(name: str, *domains: str, aliases: tuple[str, ...] = ()) -> Account:
    return Account(name=name, category="paid", reason="", domains=domains, aliases=aliases)


ACCOUNTS = (
    account("Globex Corporation", "globex.example", aliases=("Globex",)),
    account("H&R Block", "hrblock.example"),
    account("Société Générale Soylent", "soylent.example"),
    account("Initech", "initech.example"),
    account("Acme Widgets", "acme-widgets.example"),
    account("Acme Labs", "acme-labs.example"),
    account("Stark Industries", "stark.example", aliases=("Stark",)),
    account("Wayne Enterprises", "wayne.example", aliases=("WE",)),
    account("Wayne Foundation", "wayne-foundation.example", aliases=("WE",)),
    account("Cyberdyne Systems", "gmail.com"),
    account("Pied Piper", "piedpiper.example"),
)
INDEX = AccountIndex(ACCOUNTS)


def found(lookup: Lookup) -> tuple[str, str | None]:
    return lookup.method, lookup.account.name if lookup.account else None


@pytest.mark.parametrize("example", vocab_examples("names"), ids=lambda e: e["name"])
def test_names_vocabulary_examples(example: dict[str, str]) -> None:
    assert normalize_name(example["name"]) == example["normalized"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Globex Corporation", ("name", "Globex Corporation")),
        ("GLOBEX CORP.", ("name", "Globex Corporation")),
        ("The Globex Corporation, Inc.", ("name", "Globex Corporation")),
        ("H and R Block", ("name", "H&R Block")),
        ("h & r block, inc", ("name", "H&R Block")),
        ("Societe Generale Soylent S.A.", ("name", "Société Générale Soylent")),
        ("Initech GmbH", ("name", "Initech")),
        ("Initech AG", ("name", "Initech")),
        ("Initech plc", ("name", "Initech")),
        ("Initech LLC", ("name", "Initech")),
        ("Stark", ("alias", "Stark Industries")),
    ],
)
def test_exact_lookups_ignore_case_accents_punctuation_and_legal_form(
    name: str, expected: tuple[str, str]
) -> None:
    lookup = INDEX.lookup(name)
    assert found(lookup) == expected
    assert lookup.score == 1.0


@pytest.mark.parametrize(
    "domain",
    [
        "hrblock.example",
        "https://www.hrblock.example/customers/",
        "jane@hrblock.example",
        "mailto:jane@hrblock.example",
        "https://blog.eu.hrblock.example",
        "HRBLOCK.EXAMPLE.",
    ],
)
def test_domains_match_with_subdomains_urls_and_email_addresses(domain: str) -> None:
    assert found(INDEX.lookup(None, [domain])) == ("domain", "H&R Block")


def test_a_name_match_comes_before_a_domain_match() -> None:
    assert found(INDEX.lookup("Initech", ["https://hrblock.example"])) == ("name", "Initech")


def test_mail_domains_name_nobody() -> None:
    assert INDEX.lookup(None, ["someone@gmail.com"]).method == "none"


def test_domains_of_two_accounts_are_ambiguous() -> None:
    lookup = INDEX.lookup(None, ["initech.example", "stark.example"])
    assert lookup.method == "ambiguous"
    assert {a.name for a in lookup.candidates} == {"Initech", "Stark Industries"}


def test_an_alias_of_two_accounts_is_ambiguous() -> None:
    lookup = INDEX.lookup("WE")
    assert (lookup.account, lookup.method) == (None, "ambiguous")
    assert sorted(a.name for a in lookup.candidates) == ["Wayne Enterprises", "Wayne Foundation"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Initec", "Initech"),  # a typo
        ("Globexx", "Globex Corporation"),
        ("Inittech", "Initech"),
        ("PiedPiper", "Pied Piper"),  # no space, as alts and file names write it
        ("Stark Industrie", "Stark Industries"),
        ("Cyberdyne", "Cyberdyne Systems"),  # the name without its descriptor
    ],
)
def test_fuzzy_matches_after_exact_lookups_fail(name: str, expected: str) -> None:
    lookup = INDEX.lookup(name)
    assert found(lookup) == ("fuzzy", expected)
    assert 0.88 <= lookup.score < 1


def test_a_close_second_candidate_makes_the_match_ambiguous() -> None:
    lookup = INDEX.lookup("Acme")
    assert (lookup.account, lookup.method) == (None, "ambiguous")
    assert sorted(a.name for a in lookup.candidates) == ["Acme Labs", "Acme Widgets"]


@pytest.mark.parametrize("name", ["Vandelay Industries", "Wonka", "Hooli", "Globe", "Acne"])
def test_unrelated_and_short_names_match_nothing(name: str) -> None:
    assert INDEX.lookup(name) == Lookup(None, (), "none", 0.0)


def test_nothing_to_go_on_matches_nothing() -> None:
    assert INDEX.lookup(None).method == "none"
    assert INDEX.lookup("", ["not a domain"]).method == "none"


def test_fuzzy_compares_a_brand_only_with_its_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    many = [account(f"Holdings {n:05d} Company") for n in range(20_000)]
    index = AccountIndex([*many, account("Initech")])
    compared: list[int] = []
    real = process.extract

    def spy(query: str, choices: Any, **options: Any) -> Any:
        compared.append(len(choices))
        return real(query, choices, **options)

    monkeypatch.setattr(process, "extract", spy)
    assert found(index.lookup("Initec")) == ("fuzzy", "Initech")
    assert compared == [1]
    # blocks shared by thousands of names are too generic to scan: no brute force
    assert index.lookup("Holdings 00042 Compan").method == "none"
    assert compared == [1]


def test_patterns_list_every_name_and_alias() -> None:
    patterns = [(text, a.name) for text, a in INDEX.patterns()]
    assert ("Globex", "Globex Corporation") in patterns
    assert ("Globex Corporation", "Globex Corporation") in patterns
    assert len(patterns) == len(ACCOUNTS) + 4


def test_the_index_of_a_load_uses_the_loads_name_rules(tmp_path: Path) -> None:
    vocab = {"names": {"legal_suffixes": ["spzoo"]}}
    contracts = load_text(tmp_path, "account\nOscorp Sp. z o.o.\nVandelay Spzoo\n", vocab=vocab)
    index = AccountIndex(contracts.table)
    assert found(index.lookup("Vandelay")) == ("name", "Vandelay Spzoo")
    plain = AccountIndex(contracts.accounts, names=Normalizer())
    assert plain.lookup("Vandelay").method != "name"


def test_normalize_domain_refuses_what_is_not_a_domain() -> None:
    assert normalize_domain("Globex") is None
    assert normalize_domain("http://[::1]/") is None
    assert normalize_domain("www.example") == "www.example"
    assert normalize_domain("münchen.example") == "xn--mnchen-3ya.example"


def test_the_index_of_a_load_answers_as_an_index_built_from_scratch(tmp_path: Path) -> None:
    # A loaded table hands its merge maps to the index; both must agree.
    text = (
        "account,domain,plan\n"
        "Globex,globex.example,Free\nInitech,initech.example,Free\n"
        "Globex Corporation,shop.globex.example,Enterprise\nHooli,hooli.example,Free\n"
        "Initech Payments,initech.example,Team\nUmbrella,umbrella.example,Trial\n"
    )
    contracts = load_text(tmp_path, text)
    loaded = AccountIndex(contracts.table)
    assert contracts.table.maps is not None, "the load hands its maps to the index"
    scratch = AccountIndex(tuple(contracts.accounts), names=contracts.table.names)
    queries = [
        ("Globex", ()),
        ("globex corp", ()),
        ("Initech Payments", ()),
        ("Initech", ()),
        ("Umbrella", ()),
        ("Hooli Inc", ()),
        (None, ("https://shop.globex.example/x",)),
        (None, ("jane@initech.example",)),
        (None, ("umbrella.example",)),
        ("Nobody", ()),
    ]
    for name, domains in queries:
        got, want = loaded.lookup(name, domains), scratch.lookup(name, domains)
        assert (got.method, got.account) == (want.method, want.account), name or domains
    assert found(loaded.lookup("globex corp")) == ("name", "Globex Corporation")
    assert found(loaded.lookup("Initech Payments")) == ("name", "Initech Payments")


def test_loaded_accounts_survive_pickling(tmp_path: Path) -> None:
    contracts = load_text(
        tmp_path, "account,domain\nGlobex,globex.example\nGlobex Inc,shop.globex.example\n"
    )
    copy = pickle.loads(pickle.dumps(contracts))
    assert copy == contracts
    assert found(AccountIndex(copy.accounts).lookup(None, ["shop.globex.example"])) == (
        "domain",
        "Globex",
    )
