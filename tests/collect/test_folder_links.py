"""A folder scan reports links to pages missing from the build, as a crawl would."""

from __future__ import annotations

from pathlib import Path

from logocheck.collect.folder import FolderSource
from logocheck.extract.document import parse

INDEX = """<!doctype html><html><head><title>Home</title></head><body>
<a href="/about/">About</a> <a href='pricing'>Pricing</a> <a href=/team/>Team</a>
<a href="/customers/aperture/?utm=x#top">Aperture</a>
<a href="/customers/aperture/">Aperture again</a>
<a href="https://elsewhere.example/gone/">elsewhere</a> <a href="mailto:hi@globex.example">mail</a>
<a href="#main">skip</a> <a href="/files/brochure.pdf">brochure</a>
<!-- <a href="/commented-out/">old</a> -->
<script>const a = '<a href="/in-script/">x</a>';</script>
<map><area href="/map-target/" alt="map"></map>
<template><a href="/in-template/">a crawl follows this too</a></template>
</body></html>
"""


def _check(source: FolderSource) -> None:
    """Read every page and check its links, as a scan does with each page's tree."""
    for page in source.pages():
        source.check_links(page.url, *parse(page).links)


def _missing(root: Path, base_url: str | None = None) -> list[tuple[str, str]]:
    source = FolderSource(root, base_url=base_url)
    _check(source)
    return [(p.location.url, p.detail) for p in source.problems() if p.kind == "fetch"]


def _site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "about").mkdir(parents=True)
    (root / "index.html").write_text(INDEX)
    (root / "about" / "index.html").write_text('<a href="../team/">Team</a> <a href="/">home</a>')
    (root / "pricing.html").write_text("<h1>Pricing</h1>")
    return root


def test_each_missing_target_is_reported_once_with_the_first_page_linking_it(
    tmp_path: Path,
) -> None:
    assert _missing(_site(tmp_path)) == [
        ("/team/", "not in the build (linked from /about/)"),
        ("/customers/aperture/", "not in the build (linked from /)"),
        ("/files/brochure.pdf", "not in the build (linked from /)"),
        ("/map-target/", "not in the build (linked from /)"),
        ("/in-template/", "not in the build (linked from /)"),
    ]


def test_with_a_base_url_the_missing_page_has_its_full_url(tmp_path: Path) -> None:
    root = _site(tmp_path)
    (root / "team").mkdir()
    (root / "team" / "index.html").write_text(
        '<a href="https://www.globex.example/careers">jobs</a>'
    )
    missing = _missing(root, "https://www.globex.example/")
    assert (
        "https://www.globex.example/careers",
        "not in the build (linked from https://www.globex.example/team/)",
    ) in missing
    assert all(url.startswith("https://www.globex.example/") for url, _ in missing)


def test_a_base_element_changes_where_relative_links_lead(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "intro.html").write_text("<h1>Intro</h1>")
    (root / "index.html").write_text(
        '<head><base href="/docs/"></head><a href="intro.html">x</a><a href="setup.html">y</a>'
    )
    assert _missing(root) == [("/docs/setup.html", "not in the build (linked from /)")]


def test_a_missing_page_is_counted_apart_from_refused_files(tmp_path: Path) -> None:
    source = FolderSource(_site(tmp_path))
    _check(source)
    assert source.counts() == {"missing": 5}


def test_a_page_of_only_site_wide_links_already_checked_adds_nothing(tmp_path: Path) -> None:
    """The common page: its menu's rooted links were all checked on an earlier page."""
    root = tmp_path / "site"
    (root / "a").mkdir(parents=True)
    menu = '<a href="/a/">A</a> <a href="/gone/">Gone</a> <a href="https://x.example/">X</a>'
    (root / "index.html").write_text(menu)
    (root / "a" / "index.html").write_text(menu)
    (root / "b.html").write_text(menu + ' <a href="c/">relative, so checked here</a>')
    assert _missing(root) == [
        ("/gone/", "not in the build (linked from /a/)"),  # the first page in path order
        ("/c/", "not in the build (linked from /b.html)"),
    ]
