"""Config reaches every stage: vocabularies, selection, suppressions."""

from __future__ import annotations

from pathlib import Path

import pytest

from logocheck.config import load_settings
from logocheck.errors import ConfigError
from logocheck.pipeline import ScanOptions
from tests.harness import AS_OF, codes, scan_snippet

WALL = (
    '<section class="customers"><h2>Trusted by</h2><img src="/l/hooli.png" alt="Hooli"></section>'
)
CONTRACTS = "account,plan,status,arr\nHooli,Starter,active,0\n"


def _options(tmp_path: Path, toml: str) -> ScanOptions:
    path = tmp_path / "logocheck.toml"
    path.write_text(toml, encoding="utf-8")
    return ScanOptions(as_of=AS_OF, settings=load_settings(path))


def test_a_plan_word_added_in_config_classifies_the_account(tmp_path: Path) -> None:
    """'Starter' means free at this company; the team says so in config, not Python."""
    options = _options(tmp_path, '[vocab.plans]\nfree_plans = ["Starter"]\n')
    assert codes(scan_snippet(tmp_path, WALL, CONTRACTS, options=options)) == ["LC001"]


def test_pyproject_table_is_found_and_other_pyprojects_are_ignored(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.logocheck]\nignore = ["LC006"]\n')
    assert load_settings(start=tmp_path).data == {"ignore": ["LC006"]}
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "site"\n')
    assert load_settings(start=tmp_path).path is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ('select = ["LC0"]\nignore = LC006\n', ":2:10: "),
        ('select = ["LC0"\n', ":1: "),
    ],
)
def test_broken_config_names_the_file_and_line(tmp_path: Path, text: str, place: str) -> None:
    path = tmp_path / "logocheck.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value).startswith(f"{path}{place}")
    assert "(at " not in str(caught.value)


def test_the_package_exports_the_pipeline_lazily() -> None:
    import logocheck
    from logocheck.pipeline import ScanOptions, scan
    from logocheck.report import render

    assert (logocheck.scan, logocheck.ScanOptions, logocheck.render) == (scan, ScanOptions, render)
    with pytest.raises(AttributeError):
        logocheck.no_such_name  # noqa: B018


def test_select_written_as_a_string_is_refused_not_read_letter_by_letter(tmp_path: Path) -> None:
    path = tmp_path / "logocheck.toml"
    path.write_text('select = "LC0"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value) == f"{path}:1: select: must be a list of strings"
    path.write_text('select = ["LC0"]\n', encoding="utf-8")
    assert load_settings(path).strings("select") == ("LC0",)


def test_an_unread_contracts_setting_is_refused_not_ignored(tmp_path: Path) -> None:
    """The contracts file is given with --contracts; a `path` in config would do nothing."""
    with pytest.raises(ConfigError, match=r"logocheck.toml:2: contracts.path: unknown key"):
        _options(tmp_path, '[contracts]\npath = "crm.csv"\n')


def test_a_customer_noun_added_in_config_is_judged_by_lc007(tmp_path: Path) -> None:
    html = "<section><h2>Trusted by</h2><p>Trusted by 5,000 hospitals worldwide.</p></section>"
    contracts = "account,plan,status\nGlobex,Enterprise,active\n"
    plain = scan_snippet(tmp_path, html, contracts)
    assert "LC007" not in codes(plain)
    options = _options(tmp_path, '[vocab.claims]\ncustomer_nouns = ["hospitals"]\n')
    assert "LC007" in codes(scan_snippet(tmp_path, html, contracts, options=options))


def test_a_config_that_is_not_utf8_is_one_line_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "logocheck.toml"
    path.write_bytes(b'select = ["LC0"]\n# \xff\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value).startswith(f"{path}: not UTF-8 text")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('select = ["LC0"]\nselct = ["LC0"]\n', ":2: selct: unknown key; expected one of "),
        ('[extarct]\nproducts = ["Fluxboard"]\n', ":1: extarct: unknown key"),
        ("[extract]\nproducts = 3\n", ":2: extract.products: must be a string or"),
        ('lapse-warning-days = "30"\n', ":1: lapse-warning-days: must be a whole number"),
        (
            '[vocab.sections]\ncustomer_heading = ["x"]\n',
            ":2: vocab.sections.customer_heading: unknown key",
        ),
        ('[identify]\nimages = "no"\n', ":2: identify.images: must be true or false"),
        (
            '[[suppress]]\ncode = "LC001"\nreason = "ok"\n[[suppress]]\ncode = "LC002"\nreason = 7\n',
            ":6: suppress[1].reason: must be a string",
        ),
        ("[contracts.columns]\naccount = 1\n", ":2: contracts.columns.account: must be a string"),
    ],
)
def test_unknown_keys_and_wrong_types_name_file_line_and_key(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "logocheck.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value).startswith(f"{path}{expected}"), str(caught.value)
    assert "\n" not in str(caught.value)


def test_pyproject_lines_count_from_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(
        '[project]\nname = "site"\n\n[tool.logocheck]\nignore = ["LC006"]\n[tool.logocheck.extarct]\nx = 1\n'
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(start=tmp_path)
    assert str(caught.value).startswith(f"{path}:6: extarct: unknown key")


def test_settings_built_by_a_library_caller_are_checked_too() -> None:
    from logocheck.config import Settings

    with pytest.raises(ConfigError, match="selct: unknown key"):
        Settings({"selct": ["LC0"]})


def test_scan_as_a_library_applies_the_config_selection(tmp_path: Path) -> None:
    html = WALL.replace("</section>", '<img src="/l/initech.png" alt="Initech"></section>')
    contracts = CONTRACTS + "Initech,Trial,active,0\n"
    everything = scan_snippet(tmp_path, html, contracts, options=_options(tmp_path, ""))
    assert codes(everything) == ["LC001", "LC002"]
    selected = _options(tmp_path, 'select = ["lc002"]\n')
    assert codes(scan_snippet(tmp_path, html, contracts, options=selected)) == ["LC002"]
    ignored = _options(tmp_path, 'ignore = ["LC002"]\n')
    assert codes(scan_snippet(tmp_path, html, contracts, options=ignored)) == ["LC001"]


def test_a_config_selector_matching_nothing_names_its_line(tmp_path: Path) -> None:
    options = _options(tmp_path, '\nselect = ["LC0", "LX"]\n')
    with pytest.raises(ConfigError) as caught:
        scan_snippet(tmp_path, WALL, CONTRACTS, options=options)
    assert str(caught.value).startswith(
        f"{tmp_path / 'logocheck.toml'}:2: select: 'LX' matches no rule"
    )
