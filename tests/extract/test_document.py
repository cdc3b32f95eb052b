"""The document's own arithmetic: line numbers of markup offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logocheck.extract.document import newlines


@settings(max_examples=300, deadline=None)
@given(
    data=st.lists(st.sampled_from([b"\n", b"<p>", b"a", b"\r\n"]), max_size=400).map(b"".join),
    cut=st.tuples(st.integers(0, 1200), st.integers(0, 1200)),
)
def test_newlines_counts_as_bytes_count_does(data: bytes, cut: tuple[int, int]) -> None:
    start, end = sorted(cut)
    assert newlines(data, start, end) == data.count(b"\n", start, end)


def test_newlines_past_the_sparse_lines_go_on_counting() -> None:
    for breaks in (63, 64, 65, 500):
        data = b"<li>x</li>\n" * breaks
        assert newlines(data, 0, len(data)) == breaks
        assert newlines(data, 3, len(data) - 1) == breaks - 1


def test_head_and_body_are_the_roots_own_children() -> None:
    from logocheck.extract.document import parse
    from logocheck.model import Page

    page = parse(Page(url="/", body=b"<html><head><title>T</title></head><body><p>x</p></body>"))
    assert page.head is not None and page.head.tag == "head"
    assert page.body.tag == "body" and page.title() == "T"
    bare = parse(Page(url="/", body=b"<p>only a paragraph</p>"))
    assert bare.body.tag == "body" and bare.title() == ""


def test_a_snippet_is_located_in_one_text_node_across_inline_markup_never_across_blocks() -> None:
    from logocheck.extract.document import parse
    from logocheck.model import Page

    html = (
        b"<main><h2>Trusted <span>by</span> teams</h2><ul><li>Teams that ship</li>"
        b"<li>Usage with Fluxboard</li></ul><p>Globex ships faster</p></main>"
    )
    doc = parse(Page(url="/", body=html))
    located = doc.locate("Globex ships")
    assert located is not None and located.tag == "p"
    across = doc.locate("Trusted by")
    assert across is not None and across.tag == "h2"
    assert doc.locate("teams that ship usage with fluxboard") is None
    assert doc.locate("Teams that ship Usage with") is None


def test_the_first_h1_is_the_iterators_first_and_is_found_once() -> None:
    """``Document.first_h1`` answers what ``next(body.iter("h1"))`` does, on pages
    with none, one and several (and one that writes ``<h1`` only in a script),
    and keeps the answer for the next stage that asks."""
    from logocheck.extract.document import parse
    from logocheck.model import Page

    pages = [
        b"<html><body><p>no heading</p></body></html>",
        b"<html><body><div><h1 id=a>One</h1></div><p>text</p></body></html>",
        b"<html><body><h2>x</h2><section><H1 id=a>One</H1></section><h1 id=b>Two</h1></body>",
        b"<p>no body tag</p><h1 id=a>Loose</h1>",
        b"<html><body><script>document.write('<h1>')</script><p>x</p></body></html>",
    ]
    for body in pages:
        doc = parse(Page(url="https://example.test/", body=body))
        expected = next(doc.body.iter("h1"), None)
        assert doc.first_h1() is expected
        assert doc.first_h1() is expected  # the kept answer
    doc = parse(Page(url="https://example.test/", body=pages[2]))
    first = doc.first_h1()
    assert first is not None and first.get("id") == "a"


def test_a_page_that_never_writes_an_h1_is_not_walked_for_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Unless its encoding writes ASCII otherwise: UTF-16 has no ``<h1`` bytes, and
    UTF-7 may write ``<`` as ``+ADw-``."""
    from logocheck.extract import document
    from logocheck.model import Page

    searched: list[str] = []
    search = document._FIRST_H1
    monkeypatch.setattr(
        document, "_FIRST_H1", lambda body: searched.append(body.tag) or search(body)
    )
    plain = document.parse(Page(url="/", body=b"<html><body><h2>Customers</h2></body></html>"))
    assert plain.first_h1() is None and searched == []
    html = "<html><body><h1>Customers</h1></body></html>"
    wide = document.parse(Page(url="/", body=html.encode("utf-16"), encoding="utf-16"))
    h1 = wide.first_h1()
    assert h1 is not None and h1.text == "Customers" and searched == ["body"]
    seven = b"<html><body>+ADw-h1+AD4-Customers+ADw-/h1+AD4-</body></html>"  # "<" as "+ADw-"
    coded = document.parse(Page(url="/", body=seven, encoding="utf-7"))
    h1 = coded.first_h1()
    assert h1 is not None and h1.text == "Customers"


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(st.integers(0, 120), min_size=1, max_size=60),
    picks=st.lists(st.floats(0, 1), min_size=1, max_size=12),
)
def test_the_line_of_an_offset_is_the_same_in_any_order_of_asking(
    lines: list[int], picks: list[float]
) -> None:
    from logocheck.extract.document import parse
    from logocheck.model import Page

    body = b"\n".join(b"<p>" + b"x" * n + b"</p>" for n in lines)
    doc = parse(Page(url="/", body=body))
    for pick in picks:
        offset = int(pick * len(body))
        assert doc.line_at(offset) == 1 + body.count(b"\n", 0, offset)


def test_an_offset_just_before_a_known_one_is_counted_from_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A start tag looked up just before text whose line is known: the page's
    top is not read again."""
    from logocheck.extract import document
    from logocheck.model import Page

    body = b"\n".join(b"<p>line</p>" for _ in range(200)) + b"<h2>Trusted by</h2>"
    doc = document.parse(Page(url="/", body=body))
    read: list[int] = []

    def counted(data: bytes, start: int, end: int) -> int:
        read.append(end - start)
        return newlines(data, start, end)

    monkeypatch.setattr(document, "newlines", counted)
    text = body.index(b"Trusted")
    assert doc.line_at(text) == 200
    assert doc.line_at(text - 4) == 200
    assert read == [text, 4]
