"""Whole scans: markup first, pixels when markup fails or disagrees, labels always win."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from logocheck.config import Settings
from logocheck.model import Report, Subject
from logocheck.pipeline import ScanOptions, scan
from tests.harness import AS_OF, PAGE

from .conftest import encode

CONTRACTS = "account,plan,logo\nGlobex,Enterprise,\nInitech,Team,logos/initech.png\nHooli,Free,\n"


def _site(tmp_path: Path, logogen: ModuleType, wall: str, files: dict[str, bytes]) -> Path:
    site = tmp_path / "site"
    for name, data in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)
    (site / "index.html").write_text(
        PAGE.format(html=f"<section><h2>Trusted by</h2>{wall}</section>"), encoding="utf-8"
    )
    (tmp_path / "logos").mkdir()
    for brand in ("Globex", "Hooli"):
        big = logogen.flatten(logogen.draw_logo(brand, width=360, height=120), (255, 255, 255))
        (tmp_path / "logos" / f"{brand.lower()}.png").write_bytes(encode(big))
    (tmp_path / "contracts" / "logos").mkdir(parents=True)
    (tmp_path / "contracts" / "logos" / "initech.png").write_bytes(
        encode(logogen.draw_logo("Initech", width=360, height=120))
    )
    (tmp_path / "contracts" / "contracts.csv").write_text(CONTRACTS, encoding="utf-8")
    return site


def _scan(tmp_path: Path, site: Path, **identify: object) -> Report:
    table = {"logos": str(tmp_path / "logos"), **identify}
    options = ScanOptions(as_of=AS_OF, settings=Settings({"identify": table}, None))
    return scan(str(site), tmp_path / "contracts" / "contracts.csv", options)


def _logos(report: Report) -> list[Subject]:
    return sorted((s for s in report.subjects if s.kind == "logo"), key=lambda s: s.location.line)


def test_logos_without_text_are_named_by_their_pixels(tmp_path: Path, logogen: ModuleType) -> None:
    files = {
        "img/Client01.png": logogen.variant("Globex", "grey")[1],
        "img/Client02.jpg": logogen.variant("Initech", "jpeg30")[1],
        "img/Client03.png": logogen.variant("Hooli", "white")[1],
        "img/Client04.png": encode(logogen.draw_logo("Brightwater Logistics")),
    }
    wall = "\n".join(
        f'<img src="/img/{name.split("/")[1]}" alt="Customer logo {i}">'
        for i, name in enumerate(files, 1)
    )
    report = _scan(tmp_path, _site(tmp_path, logogen, wall, files))
    found = [(s.match.brand, s.match.method) for s in _logos(report)]
    assert found == [("Globex", "image"), ("Initech", "image"), ("Hooli", "image"), (None, "none")]
    unknown = _logos(report)[3].match
    assert any(t.startswith("image: ") for t in unknown.tried)
    assert "LC001" in {f.code for f in report.findings}  # Hooli is free, found by its logo


def test_markup_and_pixels_agreeing_raise_confidence(tmp_path: Path, logogen: ModuleType) -> None:
    files = {
        "img/a.png": encode(logogen.draw_logo("Globex")),
        "img/b.png": encode(logogen.draw_logo("Hooli")),
    }
    wall = '<img src="/img/a.png" alt="Globex"><img src="/img/b.png" alt="Globex">'
    agree, disagree = (
        s.match for s in _logos(_scan(tmp_path, _site(tmp_path, logogen, wall, files)))
    )
    assert (agree.brand, agree.method) == ("Globex", "alt")
    assert agree.confidence > 0.9
    assert disagree.confidence < agree.confidence
    sources = {s.source for s in disagree.signals}
    assert {"alt", "image"} <= sources
    assert any(s.source == "contested-alt" for s in disagree.signals)
    # a clean image match outweighs an alt copied from the previous card
    assert (disagree.brand, disagree.method) == ("Hooli", "image")


def test_unreadable_image_is_one_warning_however_often_it_shows(
    tmp_path: Path, logogen: ModuleType
) -> None:
    files = {"img/broken.png": encode(logogen.draw_logo("Globex"))[:300]}
    wall = '<img src="/img/broken.png" alt="">' * 3 + '<img src="/img/missing.png" alt="">'
    report = _scan(tmp_path, _site(tmp_path, logogen, wall, files))
    warnings = sorted(f.message for f in report.findings if f.code == "LC905")
    assert len(warnings) == 2, "one per image, however often it shows"
    assert "/img/broken.png: truncated image" in warnings[0]
    assert "/img/missing.png" in warnings[1]


def test_a_label_names_the_logo_in_later_scans(tmp_path: Path, logogen: ModuleType) -> None:
    from logocheck.identify.labels import Label, Labels, save_labels

    data = encode(logogen.draw_logo("Brightwater Logistics"))
    site = _site(tmp_path, logogen, '<img src="/img/x.png" alt="">', {"img/x.png": data})
    before = _logos(_scan(tmp_path, site))[0].match
    assert before.brand is None
    key = next(s.value for s in before.signals if s.source == "image-hash")
    labels = tmp_path / "labels.toml"
    save_labels(Labels().with_label(Label(key, "Hooli", "dana")), labels)
    after = _logos(_scan(tmp_path, site, labels=str(labels)))[0].match
    assert (after.brand, after.method, after.confidence) == ("Hooli", "label", 1.0)


def test_an_alias_from_logos_toml_names_the_account(tmp_path: Path, logogen: ModuleType) -> None:
    files = {"img/x.png": logogen.variant("Hooli", "grey")[1]}
    site = _site(tmp_path, logogen, '<img src="/img/x.png" alt="">', files)
    (tmp_path / "logos" / "hooli.png").rename(tmp_path / "logos" / "hooli-xyz.png")
    (tmp_path / "logos" / "logos.toml").write_text(
        '[hooli-xyz]\nbrand = "Hooli XYZ Group"\naliases = ["Hooli"]\n', encoding="utf-8"
    )
    match = _logos(_scan(tmp_path, site))[0].match
    assert (match.brand, match.method) == ("Hooli", "image")


def test_the_pixel_side_can_be_turned_off(tmp_path: Path, logogen: ModuleType) -> None:
    files = {"img/x.png": logogen.variant("Globex", "grey")[1]}
    site = _site(tmp_path, logogen, '<img src="/img/x.png" alt="">', files)
    match = _logos(_scan(tmp_path, site, images=False))[0].match
    assert match.brand is None
    assert all(not s.source.startswith("image") for s in match.signals)


def test_placeholder_words_from_config_name_nothing(tmp_path: Path, logogen: ModuleType) -> None:
    files = {"img/x.png": encode(logogen.draw_logo("Zeta"))}
    site = _site(tmp_path, logogen, '<img src="/img/x.png" alt="Sample">', files)
    contracts = tmp_path / "contracts" / "contracts.csv"

    def brand(settings: dict[str, object]) -> str | None:
        options = ScanOptions(
            as_of=AS_OF, settings=Settings({"identify": {"images": False}, **settings})
        )
        return _logos(scan(str(site), contracts, options))[0].match.brand

    assert brand({}) == "Sample"
    assert brand({"vocab": {"placeholders": {"words": ["sample"]}}}) is None


def test_each_unreadable_inline_svg_is_a_warning(tmp_path: Path, logogen: ModuleType) -> None:
    svg = '<a href="/customers/{0}/"><svg viewBox="0 0 90 30"><image href="https://x.test/{0}.png"/></svg></a>'
    wall = svg.format("a") + svg.format("b")
    files = {"img/x.png": encode(logogen.draw_logo("Globex"))}
    report = _scan(tmp_path, _site(tmp_path, logogen, wall, files))
    warnings = [f.message for f in report.findings if f.code == "LC905"]
    assert len(warnings) == 2, "one per SVG, not one for all inline SVGs"
    assert all("inline SVG: SVG refers to an external resource" in w for w in warnings)
