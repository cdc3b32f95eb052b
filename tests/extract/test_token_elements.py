"""Class, id and aria-label tokens: reading only the values after the markup's
first token finds exactly what reading every value finds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from lxml import etree

from logocheck.extract import anchors
from logocheck.extract.document import Document, parse
from logocheck.extract.selectors import css_path
from logocheck.model import Page
from logocheck.vocab import load_vocab

sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
from bench_extract import make_dense_site, make_site

VOCAB = anchors.AnchorVocab(load_vocab("sections", {}))
#: Every value, read the plain way: what the faster paths must agree with.
EVERY_VALUE = etree.XPath("//@class | //@id | //@aria-label")
MAIN = "\n".join(f"<section class='features s{k}'><h2>Plan {k}</h2><p>Ship it.</p></section>"
                 for k in range(40))  # fmt: skip
FOOTER = (
    "<footer class='site-footer'><div class='footer-logos'><ul class='logo-wall'>"
    + "".join(f"<li><img src='/logos/{n}.svg' alt='{n}'></li>" for n in ("globex", "hooli"))
    + "</ul></div></footer>"
)


def _doc(body: str, encoding: str = "utf-8", head: str = "") -> Document:
    html = f"<!doctype html>\n<html>\n<head><title>Acme</title>{head}</head>\n<body>\n{body}\n</body></html>"
    return parse(Page(url="/", body=html.encode(encoding), encoding=encoding))


def _found(doc: Document) -> list[tuple[int, str]]:
    return [(kind, css_path(e)) for kind, e in anchors._token_elements(doc, VOCAB)]


def _every_value(doc: Document, monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, str]]:
    with monkeypatch.context() as patch:
        patch.setattr(anchors, "_named_values", lambda d, v: list(EVERY_VALUE(d.root)))
        return _found(doc)


def test_a_footer_wall_has_only_its_own_values_read(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _doc(f"<main>\n{MAIN}\n</main>\n{FOOTER}")
    assert len(anchors._named_values(doc, VOCAB)) < len(anchors._NAMED_VALUES(doc.root)) / 4
    assert _found(doc) == _every_value(doc, monkeypatch)
    assert [path.split(" > ")[-1] for _, path in _found(doc)] == [
        "div.footer-logos",
        "ul.logo-wall",
    ]


@pytest.mark.parametrize(
    "body",
    [
        # the start tag holding the token ends lines after it
        f"<main>\n{MAIN}\n<div\n  class='customer-logos'\n  id='x'\n>\n<img src='a.svg'></div></main>",
        # a token in a comment or a script comes first: more is read, nothing is missed
        f"<!-- customers -->\n<main>\n{MAIN}\n</main>\n{FOOTER}",
        f"<script>var s = 'testimonial';</script>\n<main>\n{MAIN}\n</main>\n{FOOTER}",
        # spelled with a character reference, or with a letter that lowercases to ASCII
        f"<main>\n{MAIN}\n<div class='cust&#111;mer-logos'><img src='a.svg'></div></main>",
        f"<main>\n{MAIN}\n<div class='\u212aunden'><img src='a.svg'></div></main>",
        # a repeated body tag adds its attributes to the first body
        f"<main>\n{MAIN}\n</main>\n<body class='customers'>\n{FOOTER}",
        f"<main>\n{MAIN}\n</main>\n<html class='customers'><head id='testimonials'>\n{FOOTER}",
        # prose saying a token early, a token on the body, a minified page, none at all
        f"<main><p>Our customers</p>\n{MAIN}\n</main>\n{FOOTER}",
        f"</body><body id='testimonials'>\n<main>\n{MAIN}</main>",
        (MAIN + FOOTER).replace("\n", ""),
        f"<main>\n{MAIN}\n</main>",
        # a token in the head, and a token in the last element of the page
        f"<main>\n{MAIN}\n</main>\n<p class='x'>\n<span aria-label='Trusted by'>a</span></p>",
    ],
)
def test_reading_from_the_first_token_finds_what_reading_all_finds(
    body: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = _doc(body)
    assert _found(doc) == _every_value(doc, monkeypatch)


def test_a_head_holding_a_token_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _doc(f"<main>\n{MAIN}\n</main>", head="<meta class='customer-meta' name='x'>")
    assert _found(doc) == _every_value(doc, monkeypatch) != []


def test_an_encoding_whose_bytes_may_lowercase_to_ascii_has_every_value_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc = _doc(f"<main>\n{MAIN}\n<div class='cl\u0130ent-logos'>a</div></main>", "windows-1254")
    assert _found(doc) == _every_value(doc, monkeypatch)
    assert len(anchors._named_values(doc, VOCAB)) == len(anchors._NAMED_VALUES(doc.root))


def _pages() -> list[Path]:
    root = Path(__file__).parents[2] / "fixtures"
    return sorted(root.rglob("*.html"))


@pytest.mark.parametrize("path", _pages(), ids=lambda p: str(p.relative_to(p.parents[2])))
def test_every_fixture_page_finds_the_same_elements(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = parse(Page(url="/", body=path.read_bytes()))
    assert _found(doc) == _every_value(doc, monkeypatch)


def test_the_benchmark_sites_find_the_same_elements(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_site(tmp_path / "plain", 4)
    make_dense_site(tmp_path / "dense", 4)
    for path in sorted(tmp_path.rglob("*.html")):
        doc = parse(Page(url="/", body=path.read_bytes()))
        assert _found(doc) == _every_value(doc, monkeypatch) != []


@pytest.mark.parametrize("shift", range(12))
def test_a_token_across_the_first_piece_of_markup_is_found(
    shift: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    opening = _doc("").page.body.index(b"<body>") + len(b"<body>\n<p>")
    filler = "x" * (anchors._PIECE - opening - len("</p><div class='") - shift)
    doc = _doc(
        f"<p>{filler}</p><div class='testimonial'>Q</div>\n<main>\n{MAIN}\n</main>\n{FOOTER}"
    )
    assert _found(doc) == _every_value(doc, monkeypatch)
    assert (1, "div.testimonial") in [(k, p.split(" > ")[-1]) for k, p in _found(doc)]


@pytest.mark.parametrize(
    "path", [*_pages(), None], ids=lambda p: str(p.relative_to(p.parents[2])) if p else "attrs"
)
def test_every_value_is_read_through_the_elements_in_the_same_order(path: Path | None) -> None:
    body = (
        path.read_bytes()
        if path
        else b"<html class='a'><body id='b'><div aria-label='c' id='d' class='e'>text"
        b"<p class='f'>more<!-- c --><span id='g'>x</span></p></div></body></html>"
    )
    root = parse(Page(url="/", body=body)).root
    values = anchors._NAMED_VALUES(root)
    assert values == EVERY_VALUE(root)
    assert [v.getparent() for v in values] == [v.getparent() for v in EVERY_VALUE(root)]
    assert [v.attrname for v in values] == [v.attrname for v in EVERY_VALUE(root)]


def test_a_token_past_the_lines_libxml2_numbers_exactly_is_read_from_every_value() -> None:
    """Beyond line 65,535 libxml2 may give a later element a smaller line, so
    the read from the first token's line is not trusted there: every value is read."""
    body = "<p>filler</p>\n" * 70_000 + '<div class="customer-logos"><img alt="Globex"></div>'
    doc = _doc(body)
    assert anchors._first_from(doc.root, 70_001) is doc.root
    assert [css for _, css in _found(doc)] == ["body > div.customer-logos"]
