"""The OCR signal: normalising a logo into lines, naming what is read, and
how it joins a scan (only for logos nothing else named, walls cut into
regions, read once per image, cached, and said once when not installed)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import tomllib
from pathlib import Path

import numpy as np
import psutil
import pytest
from PIL import Image, ImageDraw, ImageFont

from logocheck.config import Settings
from logocheck.contracts.index import AccountIndex
from logocheck.identify import Identifier, ocrpool
from logocheck.identify.naming import Namer, looks_like_name
from logocheck.identify.ocrpool import Workers
from logocheck.identify.text import Cleaner
from logocheck.identify.wordmark import Reading, load_engine, text_lines
from logocheck.model import Account, Location, Logo, Report, Signal
from logocheck.pipeline import ScanOptions, scan
from tests.harness import AS_OF, PAGE

ROOT = Path(__file__).resolve().parents[2]
WORDMARKS = ROOT / "fixtures" / "wordmarks"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
ACCOUNTS = ("Dalify", "Cul Cloud", "Lidroth Labs", "Steathquaind", "Vandelay Web Services")

needs_engine = pytest.mark.skipif(
    load_engine() is None, reason="the OCR engine is not installed (pip install 'logocheck[ocr]')"
)


def _namer() -> Namer:
    index = AccountIndex([Account(name, "paid", "plan 'Team'") for name in ACCOUNTS])
    return Namer(index, Cleaner.from_vocab(), ("Kraftwerk Mills",))


# --- normalising ---------------------------------------------------------------------


def _drawn(lines: list[str], ink: tuple[int, ...], paper: tuple[int, ...]) -> Image.Image:
    if not FONT.exists():
        pytest.skip(f"{FONT} is not installed (Debian fonts-dejavu-core)")
    font = ImageFont.truetype(str(FONT), 30)
    image = Image.new("RGBA", (420, 50 * len(lines) + 20), paper)
    pen = ImageDraw.Draw(image)
    for row, text in enumerate(lines):
        pen.text((20, 10 + 50 * row), text, font=font, fill=ink)
    return image


def _dark_share(line: Image.Image) -> float:
    return float((np.asarray(line.convert("L")) < 128).mean())


def test_white_on_dark_becomes_dark_letters_on_white_at_reading_height() -> None:
    lines = text_lines(_drawn(["Dalify"], (255, 255, 255, 255), (17, 24, 39, 255)))
    assert len(lines) == 1
    assert lines[0].height == 48
    assert 0.05 < _dark_share(lines[0]) < 0.5  # letters dark, paper white


def test_a_white_logo_on_transparency_is_read_on_black() -> None:
    lines = text_lines(_drawn(["Dalify"], (255, 255, 255, 255), (0, 0, 0, 0)))
    assert len(lines) == 1 and 0.05 < _dark_share(lines[0]) < 0.5


def test_two_lines_of_lettering_are_two_lines_and_dots_join_their_line() -> None:
    assert len(text_lines(_drawn(["Lidroth", "Labs"], (30, 30, 30, 255), (0, 0, 0, 0)))) == 2
    assert len(text_lines(_drawn(["iiii jiji"], (30, 30, 30, 255), (255, 255, 255, 255)))) == 1


def test_a_blank_image_has_no_lines() -> None:
    assert text_lines(Image.new("RGBA", (200, 60), (255, 255, 255, 255))) == []


# --- naming -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("read", "brand"),
    [
        ([Reading("Dalify", 0.99)], "Dalify"),
        ([Reading("DALIFY", 0.98)], "Dalify"),
        ([Reading("Dallfy", 0.95)], "Dalify"),  # a misread letter: fuzzy
        ([Reading("● Cul Cloud", 0.97)], "Cul Cloud"),  # the mark read as a symbol
        ([Reading("O Steathquaind", 0.97)], "Steathquaind"),  # ... or as a letter
        ([Reading("Lidroth", 0.97), Reading("Labs", 0.99)], "Lidroth Labs"),
        ([Reading("KRAFTWERK MILLS", 0.96)], "Kraftwerk Mills"),  # the library's brand
        ([Reading("LIDROTHLABS", 0.96)], "Lidroth Labs"),  # squashed
        ([Reading("DAL1FY", 0.96)], "Dalify"),
        ([Reading("VWS", 0.96)], "Vandelay Web Services"),  # an acronym
    ],
)
def test_text_names_the_account_or_library_brand(read: list[Reading], brand: str) -> None:
    match = _namer().name(read)
    assert (match.brand, match.method) == (brand, "ocr")
    assert 0.5 <= match.confidence <= 0.95
    assert any(s.source == "ocr" and read[0].text in s.value for s in match.signals)


def test_exact_match_is_surer_than_a_fuzzy_one_and_a_confident_engine_than_a_hesitant_one() -> None:
    namer = _namer()
    exact = namer.name([Reading("Dalify", 0.99)]).confidence
    fuzzy = namer.name([Reading("Dallfy", 0.99)]).confidence
    hesitant = namer.name([Reading("Dalify", 0.80)]).confidence
    assert exact > fuzzy and exact > hesitant


def test_how_the_account_was_matched_is_in_the_signal() -> None:
    namer = _namer()
    assert "squashed match" in namer.name([Reading("CulCloud", 0.97)]).signals[0].value
    assert "misread match" in namer.name([Reading("Dallfy", 0.97)]).signals[0].value
    assert (
        namer.name([Reading("CulCloud", 0.97)]).confidence
        > namer.name([Reading("VWS", 0.97)]).confidence
    )


def test_a_name_above_its_tagline_is_named_alone() -> None:
    match = _namer().name([Reading("ORVANTE", 0.98), Reading("since 1990 — 24/7", 0.97)])
    assert match.brand == "Orvante"


def test_initials_of_no_account_name_no_account() -> None:
    assert _namer().name([Reading("VWX", 0.99)]).signals[0].value.endswith("no account")


def test_a_confident_name_no_account_has_is_still_named() -> None:
    match = _namer().name([Reading("BRUKWELL LOGISTICS", 0.97)])
    assert (match.brand, match.method) == ("Brukwell Logistics", "ocr")
    assert match.signals[0].value.endswith("no account")


@pytest.mark.parametrize(
    "read",
    [
        [Reading("Brukwell", 0.6)],  # the engine is unsure
        [Reading("Brukwell", 0.85)],  # sure enough to match, not to name an unknown
        [Reading("●", 0.59)],
        [Reading("●", 0.99), Reading("—", 0.95)],  # a mark read surely: still no name
        [Reading("2024-11-03", 0.99)],
        [Reading("Trusted by the best teams in the world today", 0.99)],
        [Reading("Company Name", 0.99)],  # a placeholder, as in the markup
        [],
    ],
)
def test_noise_slogans_and_placeholders_name_nothing(read: list[Reading]) -> None:
    match = _namer().name(read)
    assert match.brand is None
    assert match.tried and match.tried[0].startswith("ocr:")


def test_what_looks_like_a_name() -> None:
    assert looks_like_name("Brukwell Logistics")
    assert looks_like_name("Acme & Sons")
    assert not looks_like_name("ab")
    assert not looks_like_name("12345 Main")
    assert not looks_like_name("x#$%&")


# --- in a scan --------------------------------------------------------------------------


def _site(tmp_path: Path, cards: dict[str, str | None]) -> Path:
    """A customer wall of fixture wordmarks under opaque names; alt only where given."""
    site = tmp_path / "site"
    (site / "img").mkdir(parents=True)
    items = []
    for number, (fixture, alt) in enumerate(cards.items(), 1):
        name = f"img/client-{number:02d}{Path(fixture).suffix}"
        shutil.copy(WORDMARKS / fixture, site / name)
        items.append(f'<li><img src="/{name}" alt="{alt or ""}"></li>')
    html = f"<section><h2>Trusted by</h2><ul>{''.join(items)}</ul></section>"
    (site / "index.html").write_text(PAGE.format(html=html), encoding="utf-8")
    (tmp_path / "contracts.csv").write_text(
        "account,plan\n" + "".join(f"{a},Enterprise\n" for a in ACCOUNTS), encoding="utf-8"
    )
    return site


def _scan(tmp_path: Path, site: Path, cache: Path | None = None) -> Report:
    table = {"cache": str(cache)} if cache else {}
    options = ScanOptions(as_of=AS_OF, settings=Settings({"identify": table}, None), jobs=1)
    return scan(str(site), tmp_path / "contracts.csv", options)


def _by_selector(report: Report) -> dict[str, tuple[str | None, str]]:
    return {
        f"{s.item.src} {s.location.selector}": (s.match.brand, s.match.method)
        for s in report.subjects
        if isinstance(s.item, Logo)
    }


def _wordmark_identifier(brands: tuple[str, ...]) -> Identifier:
    """An identifier over the accounts whose only images are the grey wordmarks of ``brands``."""
    files = {brand: (WORDMARKS / _file(brand, "grey")).read_bytes() for brand in brands}
    index = AccountIndex([Account(name, "paid", "plan 'Team'") for name in ACCOUNTS])
    return Identifier(index, lambda url: files[url.strip("/")])


def _pooled_identifier(brands: tuple[str, ...]) -> Identifier:
    """``_wordmark_identifier`` whose wordmarks are read by two reading workers."""
    identifier = _wordmark_identifier(brands)
    identifier.reader.workers = Workers(2)
    return identifier


def _file(brand: str, variant: str) -> str:
    manifest = tomllib.loads((WORDMARKS / "manifest.toml").read_text(encoding="utf-8"))
    return next(
        r["file"] for r in manifest["logo"] if (r["brand"], r["variant"]) == (brand, variant)
    )


WALL = "walls/wall-1.png"
DALIFY = _file("Dalify", "colour")
CARDS = {
    DALIFY: None,  # read
    _file("Sim Group", "white"): None,  # white on transparency, no account
    _file("Steathquaind", "jpeg30"): "Steathquaind",  # named by its alt: never read
    WALL: "",
}


@needs_engine
def test_unnamed_wordmarks_are_read_and_walls_become_one_logo_per_region(tmp_path: Path) -> None:
    report = _scan(tmp_path, _site(tmp_path, CARDS))
    found = _by_selector(report)
    methods = sorted(found.values(), key=str)
    assert ("Dalify", "ocr") in methods
    assert ("Sim Group", "ocr") in methods
    assert ("Steathquaind", "alt") in methods
    regions = {sel: v for sel, v in found.items() if "@box(" in sel}
    assert 2 <= len(regions) <= 3
    assert all(method == "ocr" for _, method in regions.values())
    lc005 = {f.brand for f in report.findings if f.code == "LC005"}
    assert "Sim Group" in lc005


@needs_engine
def test_region_findings_point_at_the_picture_with_their_box(tmp_path: Path) -> None:
    report = _scan(tmp_path, _site(tmp_path, {WALL: ""}))
    regions = [s for s in report.subjects if "@box(" in s.location.selector]
    assert len(regions) == 3
    whole = [s for s in report.subjects if "@box(" not in s.location.selector]
    assert len(whole) == 1 and whole[0].match.brand is None
    assert "several logos in one picture" in whole[0].match.tried[-1]
    for region in regions:
        assert region.location.line == whole[0].location.line
        assert region.item.src == whole[0].item.src
        assert any(s.source == "region" and "box=(" in s.value for s in region.match.signals)


@needs_engine
def test_readings_are_cached_by_content_and_reused(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _by_selector(_scan(tmp_path / "a", _site(tmp_path / "a", {DALIFY: None}), cache))
    entries = list((cache / "ocr-v1").rglob("*.json"))
    assert len(entries) == 1
    assert json.loads(entries[0].read_text())[0][0] == "Dalify"
    entries[0].write_text(json.dumps([["Cul Cloud", 0.99]]))  # the cache, not the engine, speaks
    second = _by_selector(_scan(tmp_path / "b", _site(tmp_path / "b", {DALIFY: None}), cache))
    assert list(first.values()) == [("Dalify", "ocr")]
    assert list(second.values()) == [("Cul Cloud", "ocr")]


SCAN_SCRIPT = """
import sys
import tomllib
from pathlib import Path
from logocheck.pipeline import ScanOptions, scan
from tests.harness import AS_OF
report = scan(sys.argv[1], Path(sys.argv[2]), ScanOptions(as_of=AS_OF, jobs=1))
print([s.match.method for s in report.subjects])
print([f.message for f in report.findings if f.code == "LC905"])
print("rapidocr" in sys.modules, "onnxruntime" in sys.modules)
"""


def _run(tmp_path: Path, site: Path, prelude: str = "") -> list[str]:
    run = subprocess.run(
        [sys.executable, "-c", prelude + SCAN_SCRIPT, str(site), str(tmp_path / "contracts.csv")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=True,
    )
    return run.stdout.splitlines()


def test_a_scan_whose_logos_are_all_named_never_imports_the_engine(tmp_path: Path) -> None:
    site = _site(tmp_path, {DALIFY: "Dalify", _file("Steathquaind", "grey"): "Steathquaind"})
    methods, problems, imported = _run(tmp_path, site)
    assert methods == "['alt', 'alt']"
    assert problems == "[]"
    assert imported == "False False"


def test_without_the_engine_the_scan_says_so_once(tmp_path: Path) -> None:
    site = _site(tmp_path, {DALIFY: None, _file("Steathquaind", "grey"): None, WALL: None})
    block = "import sys\nsys.modules['rapidocr'] = None  # as if not installed\n"
    methods, problems, _ = _run(tmp_path, site, block)
    assert "ocr" not in methods
    assert problems.count("logocheck[ocr]") == 1
    assert "the OCR engine is not installed" in problems


@needs_engine
def test_many_unread_logos_are_read_by_workers_in_the_scans_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocrpool, "POOL_FROM", 3)
    brands = ("Dalify", "Cul Cloud", "Lidroth Labs", "Steathquaind")
    identifier = _pooled_identifier(brands)
    logos = [Logo(Location("/"), f"/{brand}") for brand in brands]
    try:
        identifier.prepare(logos)
        named = [identifier.identify_logo(logo) for logo in logos]
    finally:
        identifier.close()
    assert [(m.brand, m.method) for m in named] == [(brand, "ocr") for brand in brands]
    assert (identifier.reader.pooled, identifier.reader.read) == (4, 0)


@needs_engine
def test_a_few_unread_logos_go_to_one_worker_as_soon_as_their_page_is_prepared() -> None:
    brands = ("Dalify", "Cul Cloud")
    identifier = _pooled_identifier(brands)
    logos = [Logo(Location("/"), f"/{brand}") for brand in brands]
    before = {child.pid for child in psutil.Process().children()}
    try:
        identifier.prepare(logos)
        started = [c for c in psutil.Process().children() if c.pid not in before]
        named = [identifier.identify_logo(logo) for logo in logos]
    finally:
        identifier.close()
    assert len(started) == 1  # one engine to load, not one per core
    assert [(m.brand, m.method) for m in named] == [(brand, "ocr") for brand in brands]
    assert (identifier.reader.pooled, identifier.reader.read) == (2, 0)


@needs_engine
def test_the_first_logo_its_markup_does_not_name_starts_the_reader() -> None:
    brands = ("Dalify", "Cul Cloud")
    identifier = _pooled_identifier(brands)
    named = [Logo(Location("/"), f"/n/{b}", (Signal("alt", b, 0.9),)) for b in brands]
    unnamed = [Logo(Location("/"), f"/{brand}") for brand in brands]
    before = {child.pid for child in psutil.Process().children()}
    threads = threading.active_count()
    try:
        identifier.prepare(named)
        after_named = [c for c in psutil.Process().children() if c.pid not in before]
        identifier.prepare(unnamed)
        readers = [c for c in psutil.Process().children() if c.pid not in before]
        read = [identifier.identify_logo(logo) for logo in unnamed]
    finally:
        identifier.close()
    assert after_named == []  # a site whose markup names every logo never loads the engine
    assert len(readers) == 1
    assert threading.active_count() == threads  # extraction still forks its workers
    assert [(m.brand, m.method) for m in read] == [(brand, "ocr") for brand in brands]
    assert (identifier.reader.pooled, identifier.reader.read) == (2, 0)


@needs_engine
def test_a_dead_reading_worker_costs_only_time() -> None:
    brands = ("Dalify", "Cul Cloud")
    identifier = _pooled_identifier(brands)
    workers = identifier.reader.workers
    before = {child.pid for child in psutil.Process().children()}
    workers.warm()
    [reader] = [child for child in psutil.Process().children() if child.pid not in before]
    logos = [Logo(Location("/"), f"/{brand}") for brand in brands]
    try:
        identifier.prepare(logos[:1])  # handed over, then the worker dies
        reader.kill()
        reader.wait(10)
        identifier.prepare(logos[1:])  # handed to a dead worker
        named = [identifier.identify_logo(logo) for logo in logos]
    finally:
        identifier.close()
    assert [(m.brand, m.method) for m in named] == [(brand, "ocr") for brand in brands]
    assert (identifier.reader.pooled, identifier.reader.read) == (0, 2)


@needs_engine
def test_an_inline_svg_wordmark_of_bare_paths_is_rendered_and_read(tmp_path: Path) -> None:
    site = _site(tmp_path, {})
    svg = (WORDMARKS / _file("Lidroth Labs", "svg")).read_text(encoding="utf-8")
    html = f"<section><h2>Trusted by</h2><ul><li><a href='/c/1'>{svg}</a></li></ul></section>"
    (site / "index.html").write_text(PAGE.format(html=html), encoding="utf-8")
    found = _by_selector(_scan(tmp_path, site))
    assert list(found.values()) == [("Lidroth Labs", "ocr")]


@needs_engine
def test_an_unnamed_region_is_reported_alone_and_the_picture_is_not(tmp_path: Path) -> None:
    site = _site(tmp_path, {WALL: ""})
    wall = Image.open(site / "img" / "client-01.png").convert("RGB")
    wider = Image.new("RGB", (wall.width + 300, wall.height), "white")
    wider.paste(wall, (0, 0))
    ImageDraw.Draw(wider).ellipse((wall.width + 120, 20, wall.width + 164, 64), fill=(90, 90, 90))
    wider.save(site / "img" / "client-01.png")
    report = _scan(tmp_path, site)
    unidentified = [f for f in report.findings if f.code == "LC006"]
    assert len(unidentified) == 1
    assert "@box(" in unidentified[0].location.selector
    assert len([s for s in report.subjects if "@box(" in s.location.selector]) == 4
