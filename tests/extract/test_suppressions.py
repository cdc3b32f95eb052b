"""Suppressions written in a page: parsed, placed, and tied to what they cover."""

from __future__ import annotations

import pytest

from logocheck.extract.document import parse
from logocheck.extract.suppressions import inline_suppressions, parse_directive
from logocheck.model import Page


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LC004 -- approved by legal, LEG-412", (("LC004",), "approved by legal, LEG-412")),
        ("lc004, LC005 -- ok -- really", (("LC004", "LC005"), "ok -- really")),
        ("LC0 LC9--ok", (("LC0", "LC9"), "ok")),
        ("LC004", (("LC004",), "")),
        ("LC004 --  ", (("LC004",), "")),
        ("approved by legal -- LC004", ((), "LC004")),
        ("", ((), "")),
    ],
)
def test_directives_parse(text: str, expected: tuple[tuple[str, ...], str]) -> None:
    assert parse_directive(text) == expected


PAGE = b"""<html><body>
<ul data-logocheck-ignore="LC004 -- wall approved, LEG-1">
  <li><img src="a.png"></li><li><img src="b.png"></li>
</ul>
<!-- logocheck-ignore LC001 -- case study approved -->
<!-- an ordinary comment -->
<p class="quote">Globex <b>loves</b> us</p>
<p>Not covered</p>
</body></html>
"""


def test_places_and_what_each_covers() -> None:
    doc = parse(Page("/", PAGE, "index.html"))
    wall, comment = inline_suppressions(doc)
    assert (wall.location.line, wall.location.column, wall.codes) == (2, 1, ("LC004",))
    assert wall.covers == {(2, 1), (3, 3), (3, 7), (3, 29), (3, 33)}
    assert (comment.location.line, comment.location.column) == (5, 1)
    assert comment.covers == {(7, 1), (7, 25)}
    assert comment.text == "<!-- logocheck-ignore LC001 -- case study approved -->"


def test_a_page_without_the_word_costs_a_substring_search() -> None:
    assert inline_suppressions(parse(Page("/", b"<p>Hello</p>"))) == ()


def test_a_utf16_page_is_read_for_suppressions_its_bytes_do_not_spell() -> None:
    html = PAGE.decode("ascii")
    doc = parse(Page("/", html.encode("utf-16"), "index.html", encoding="utf-16"))
    assert [s.codes for s in inline_suppressions(doc)][:1] == [("LC004",)]
