"""Short CSS paths: generated class names and ids are passed over."""

from __future__ import annotations

from lxml import etree

from logocheck.extract.selectors import _OPAQUE, _opaque, css_path

NAMES = [
    "logo-wall",
    "customers",
    "w-node-5f3a2b",
    "css-1x2y3z",
    "sc-bdVaJa",
    "jsx-123456",
    "_hidden",
    "ab-3f9e2c1",
    "grid2024",
    "Card12345678__title",
    "x",
    "footer-logos",
]


def test_the_remembered_verdict_is_the_patterns_each_time() -> None:
    for name in NAMES * 2:  # the second round is answered from memory
        assert _opaque(name) == (_OPAQUE.search(name) is not None), name


def test_a_path_skips_generated_names_and_stops_at_an_id() -> None:
    root = etree.HTML(
        "<html><body><section id='customers'><div class='css-1x2y3z logo-grid'>"
        "<a class='w-node-5f3a2b'><img src='a.svg'></a></div></section></body></html>"
    )
    img = next(root.iter("img"))
    for _ in range(2):
        assert css_path(img) == "section#customers > div.logo-grid > a > img"
