"""``logocheck logos``: list every logo, then label the unknown one once."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from logocheck.cli import cli
from tests.harness import PAGE

from .conftest import encode


@pytest.fixture
def site(tmp_path: Path, logogen: ModuleType) -> Path:
    folder = tmp_path / "site"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "Client01.png").write_bytes(logogen.variant("Globex", "mono")[1])
    (folder / "img" / "Client02.png").write_bytes(encode(logogen.draw_logo("Brightwater Labs")))
    (folder / "img" / "Client03.png").write_bytes(b"<html>Not Found</html>")
    wall = (
        '<img src="/img/Client01.png" alt="Customer logo 1">'
        '<img src="/img/Client02.png" alt="">'
        '<img src="/img/Client03.png" alt="Initech">'
    )
    (folder / "index.html").write_text(
        PAGE.format(html=f"<section><h2>Trusted by</h2>{wall}</section>"), encoding="utf-8"
    )
    logos = tmp_path / "logos"
    logos.mkdir()
    (logos / "globex.png").write_bytes(encode(logogen.draw_logo("Globex", width=360, height=120)))
    return folder


def _logos(tmp_path: Path, site: Path | str, *args: str) -> str:
    """``logocheck logos SITE`` with the test's reference logos and labels file."""
    flags = ["--logos", str(tmp_path / "logos"), "--labels", str(tmp_path / "labels.toml")]
    result = CliRunner().invoke(cli, ["logos", str(site), *flags, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_lists_every_logo_with_brand_method_and_confidence(tmp_path: Path, site: Path) -> None:
    lines = _logos(tmp_path, site).splitlines()
    assert lines[0].split() == ["BRAND", "METHOD", "CONF", "IMAGE", "WHERE"]
    assert lines[1].split()[:2] == ["Globex", "image"]
    assert lines[2].split()[:2] == ["(unidentified)", "none"]
    assert lines[3].split()[:2] == ["Initech", "alt"]
    assert lines[-1] == "3 logos, 1 unidentified, 1 unreadable"
    assert any(line.startswith("unreadable: ") and "HTML" in line for line in lines)


def test_json_output_carries_signals_and_what_was_tried(tmp_path: Path, site: Path) -> None:
    logos = json.loads(_logos(tmp_path, site, "--format", "json"))["logos"]
    assert [(x["brand"], x["method"]) for x in logos] == [
        ("Globex", "image"),
        (None, "none"),
        ("Initech", "alt"),
    ]
    assert logos[0]["image"].startswith("sha256:")
    assert logos[0]["signals"][0]["source"] == "image"
    assert any(t.startswith("image: ") for t in logos[1]["tried"])
    assert 0.5 <= logos[0]["confidence"] <= 1


def test_label_once_then_identified_by_image(tmp_path: Path, site: Path) -> None:
    first = json.loads(_logos(tmp_path, site, "--format", "json"))
    unknown = first["logos"][1]["image"].removeprefix("sha256:")
    out = _logos(tmp_path, site, "--label", f"{unknown[:10]}=Brightwater", "--by", "dana")
    assert f"labelled {unknown[:12]}=Brightwater" in out
    text = (tmp_path / "labels.toml").read_text(encoding="utf-8")
    assert f'["sha256:{unknown}"]' in text and 'by = "dana"' in text and "fingerprint" in text
    again = json.loads(_logos(tmp_path, site, "--format", "json"))
    assert (again["logos"][1]["brand"], again["logos"][1]["method"]) == ("Brightwater", "label")


def test_several_labels_in_one_run(tmp_path: Path, site: Path) -> None:
    first = json.loads(_logos(tmp_path, site, "--format", "json"))["logos"]
    keys = [logo["image"].removeprefix("sha256:") for logo in first[:2]]
    out = _logos(tmp_path, site, "--label", f"{keys[0][:8]}=Globex", "--label", f"{keys[1]}=Acme")
    assert f"labelled {keys[0][:12]}=Globex, {keys[1][:12]}=Acme" in out
    again = json.loads(_logos(tmp_path, site, "--format", "json"))["logos"]
    assert [(x["brand"], x["method"]) for x in again[:2]] == [
        ("Globex", "label"),
        ("Acme", "label"),
    ]
    assert (tmp_path / "labels.toml").read_text(encoding="utf-8").count("fingerprint = ") == 2


def test_without_contracts_the_configured_contract_columns_do_not_apply(
    tmp_path: Path, site: Path
) -> None:
    config = tmp_path / "logocheck.toml"
    config.write_text('[contracts]\ncolumns = { account = "Org" }\n', encoding="utf-8")
    out = _logos(tmp_path, site, "--config", str(config))
    assert out.splitlines()[-1] == "3 logos, 1 unidentified, 1 unreadable"


def test_label_for_an_unknown_hash_is_a_usage_error(tmp_path: Path, site: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["logos", str(site), "--labels", str(tmp_path / "l.toml"), "--label", "ffffff00=Globex"],
    )
    assert result.exit_code == 2
    assert "no logo with image hash" in result.output


def test_label_is_written_where_scans_read_it(tmp_path: Path) -> None:
    from logocheck.config import Settings
    from logocheck.identify import labels_path

    config = tmp_path / "logocheck.toml"
    assert labels_path(Settings({}, config)) == tmp_path / "logocheck-labels.toml"
    assert labels_path(Settings({})) == Path("logocheck-labels.toml")
    given = Settings({"identify": {"labels": "~/reviewed.toml"}}, config)
    assert labels_path(given) == Path.home() / "reviewed.toml"
    given = Settings({"identify": {"labels": "review/labels.toml"}}, config)
    assert labels_path(given) == tmp_path / "review" / "labels.toml"


def test_labelling_a_crawled_site_reads_each_page_and_image_once(
    tmp_path: Path, site: Path
) -> None:
    """The label's fingerprint comes from the one pass that listed the logos:
    the site is not crawled a second time to read the labelled image again."""
    from collections import Counter

    from tests.collect.servers import serving
    from tests.collect.servers import site as folder

    with serving(folder(site)) as server:
        listed = json.loads(_logos(tmp_path, site, "--format", "json"))["logos"]
        unknown = listed[1]["image"].removeprefix("sha256:")
        out = _logos(tmp_path, server.url + "/", "--label", f"{unknown[:8]}=Brightwater")
        paths = Counter(server.paths())
    assert f"labelled {unknown[:12]}=Brightwater" in out
    assert paths["/img/Client02.png"] == 1
    assert max(paths.values()) == 1, paths
    assert "fingerprint = " in (tmp_path / "labels.toml").read_text(encoding="utf-8")
