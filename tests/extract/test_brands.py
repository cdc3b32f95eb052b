"""Brand names in claim text: known names in one pass, unknown ones by their capitals."""

from __future__ import annotations

from logocheck.extract.brands import BrandMatcher, capitalised_names


def test_known_names_as_the_text_writes_them() -> None:
    matcher = BrandMatcher(["Massive Dynamic", "Massive", "Stark", "Crème Brûlée", "npm"])
    text = "MASSIVE DYNAMIC and Crème Brûlée use npm; stark contrast; Stark; Massive."
    assert matcher.find(text) == ["MASSIVE DYNAMIC", "Crème Brûlée", "npm", "Stark", "Massive"]


def test_a_dotted_capital_i_neither_hides_the_names_nor_drops_one_that_holds_it() -> None:
    # "İ" lowercases to two characters: offsets in the lowercased text ran one ahead
    matcher = BrandMatcher(["Hooli", "İpek Tekstil"])
    text = "İzmir'deki ekipler: Hooli ve İPEK TEKSTİL Acme kullanıyor."
    assert matcher.find(text) == ["Hooli", "İPEK TEKSTİL"]


def test_names_must_stand_alone() -> None:
    assert BrandMatcher(["Duff"]).find("Duffy and Duffman") == []


def test_capitalised_runs_split_into_brands() -> None:
    assert capitalised_names("Teams at Globex, Initech and Hooli") == ["Globex", "Initech", "Hooli"]
    assert capitalised_names("Since 2019, Wayne Enterprises") == ["Wayne Enterprises"]
    assert capitalised_names("Umbrella's SRE") == ["Umbrella"]


def test_an_empty_matcher_finds_nothing() -> None:
    assert BrandMatcher([]).find("Globex") == []
