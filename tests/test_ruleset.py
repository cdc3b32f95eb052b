from __future__ import annotations

from pathlib import Path

import pytest

from logocheck.errors import ConfigError
from logocheck.ruleset import load_rule, load_rules, select_rules

BUILT_IN = {
    "LC001",
    "LC002",
    "LC003",
    "LC004",
    "LC005",
    "LC006",
    "LC008",
    "LC901",
    "LC902",
    "LC905",
}


def test_built_in_pack_has_the_stable_codes() -> None:
    assert BUILT_IN <= {rule.code for rule in load_rules()}


def _rule(tmp_path: Path, text: str, name: str = "LC100.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ('check = "no-such-check"\nmessage = "x"', "unknown check 'no-such-check'"),
        ('check = "account-category"\nmessage = "x"', "needs param 'category'"),
        ('check = "no-account"\nmessage = "x"\n[params]\ncolour = 1', "has no param 'colour'"),
        ('check = "no-account"\nmessage = "x"\nlevel = "fatal"', "level must be one of"),
        ('check = "no-account"\nmessage = "x"\nseverity = "error"', "unknown key 'severity'"),
        ('check = "no-account"', "message must be a non-empty string"),
        ('code = "LC999"\ncheck = "no-account"\nmessage = "x"', "must match the file name"),
        ('check = "no-account"\nmessage = ', "LC100.toml"),
    ],
)
def test_bad_rule_files_name_the_file(tmp_path: Path, text: str, complaint: str) -> None:
    path = _rule(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_rule(path)
    assert str(caught.value).startswith(str(path))
    assert complaint in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_user_pack_overrides_a_built_in_rule(tmp_path: Path) -> None:
    _rule(tmp_path, 'check = "no-account"\nlevel = "warning"\nmessage = "{brand}?"', "LC005.toml")
    rules = {rule.code: rule for rule in load_rules([tmp_path])}
    assert rules["LC005"].level == "warning"
    assert rules["LC001"].level == "error"


@pytest.mark.parametrize(
    ("select", "ignore", "kept"),
    [
        ((), (), BUILT_IN),
        (("LC0",), (), BUILT_IN - {"LC901", "LC902", "LC905"}),
        (("LC0",), ("LC006",), BUILT_IN - {"LC006", "LC901", "LC902", "LC905"}),
        (("LC",), ("LC9",), BUILT_IN - {"LC901", "LC902", "LC905"}),
        (("LC905",), ("LC9",), {"LC905"}),
        ((), ("LC00",), {"LC901", "LC902", "LC905"}),
    ],
)
def test_selection_by_prefix_longest_wins(
    select: tuple[str, ...], ignore: tuple[str, ...], kept: set[str]
) -> None:
    rules = [r for r in load_rules() if r.code in BUILT_IN]
    assert {r.code for r in select_rules(rules, select, ignore)} == kept


@pytest.mark.parametrize(
    ("message", "complaint"),
    [
        ("{brnad} is not a customer", "message field {brnad} is not given by check 'no-account'"),
        ("{brand} costs {arr}", "message field {arr}"),
        ("{brand", "message template"),
    ],
)
def test_a_message_template_is_checked_when_the_rule_loads(
    tmp_path: Path, message: str, complaint: str
) -> None:
    path = _rule(tmp_path, f'check = "no-account"\nmessage = "{message}"')
    with pytest.raises(ConfigError) as caught:
        load_rules([path])
    assert str(caught.value).startswith(str(path))
    assert complaint in str(caught.value)


def test_every_field_a_check_declares_fills_its_message() -> None:
    """The declared fields are the ones the checks yield: every built-in message formats."""
    from logocheck.checks import registry

    for spec in registry().values():
        assert spec.fields, spec.name
    for rule in load_rules():
        rule.message.format_map(dict.fromkeys(rule.check.fields, "x"))


def test_a_malformed_example_is_a_load_error(tmp_path: Path) -> None:
    text = 'check = "no-account"\nmessage = "{brand}"\n[[examples]]\nhtml = "<p>"\nexpect = "LC100"'
    with pytest.raises(ConfigError, match=r"examples\[0\]: contracts must be a string"):
        load_rule(_rule(tmp_path, text))


def test_selection_ignores_case() -> None:
    rules = [r for r in load_rules() if r.code in BUILT_IN]
    assert {r.code for r in select_rules(rules, ["lc00"], ["Lc006"])} == BUILT_IN - {
        "LC006",
        "LC901",
        "LC902",
        "LC905",
    }


@pytest.mark.parametrize(("select", "ignore"), [(["XX"], []), (["LC0"], ["LC7"]), ([""], [])])
def test_a_prefix_that_matches_no_rule_is_an_error(select: list[str], ignore: list[str]) -> None:
    with pytest.raises(ConfigError) as caught:
        select_rules(load_rules(), select, ignore, "--select/--ignore")
    message = str(caught.value)
    assert message.startswith("--select/--ignore: ")
    assert "matches no rule; known prefixes: LC0, LC9" in message
