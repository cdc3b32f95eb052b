"""Reviewed exceptions written in the page: where they are and what they cover.

Two spellings, both with the reason after `` -- ``::

    <li data-logocheck-ignore="LC004 -- approved by legal, LEG-412"> ...</li>
    <!-- logocheck-ignore LC004, LC005 -- approved by legal, LEG-412 -->
    <li> ... </li>

The attribute covers its element and everything inside it; the comment
covers the next element and everything inside that. Comments never reach
the tree (the parser drops them), so they are found in the markup and tied
to the element whose start tag follows. A page without the word
``logocheck-ignore`` costs one substring search.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from logocheck.extract.document import Document, HtmlElement
from logocheck.model import InlineSuppression

ATTRIBUTE = "data-logocheck-ignore"
_MARK = b"logocheck-ignore"
_COMMENT = re.compile(rb"<!--\s*logocheck-ignore\b(.*?)-->", re.S)
_NEXT_TAG = re.compile(rb"\s*(?:<!--.*?-->\s*)*<([a-z][a-z0-9-]*)(?=[\s/>])", re.S)
_CODE = re.compile(r"^[A-Za-z]{2,4}\d{0,3}$")
_WITH_ATTRIBUTE = "//*[@data-logocheck-ignore]"


def inline_suppressions(doc: Document) -> tuple[InlineSuppression, ...]:
    """Every suppression written in ``doc``, in document order."""
    if not doc.holds(_MARK):
        return ()
    found = [*_attributes(doc), *_comments(doc)]
    return tuple(sorted(found, key=lambda s: (s.location.line, s.location.column)))


def parse_directive(text: str) -> tuple[tuple[str, ...], str]:
    """``"LC004, LC005 -- reason"`` -> ``(("LC004", "LC005"), "reason")``.

    Codes are empty when any word before `` -- `` is not a code prefix, so
    a directive that is not understood never waives anything.
    """
    head, _, reason = text.partition("--")
    words = [w for w in re.split(r"[\s,]+", head.strip()) if w]
    if not words or not all(_CODE.match(w) for w in words):
        return (), reason.strip()
    return tuple(w.upper() for w in words), reason.strip()


def _attributes(doc: Document) -> Iterator[InlineSuppression]:
    for element in doc.root.xpath(_WITH_ATTRIBUTE):
        text = (element.get(ATTRIBUTE) or "").strip()
        yield _suppression(doc, element, text, f'{ATTRIBUTE}="{text}"')


def _comments(doc: Document) -> Iterator[InlineSuppression]:
    markup = doc.markup_bytes
    for comment in _COMMENT.finditer(markup):
        text = doc.page.body[comment.start(1) : comment.end(1)].decode(doc.encoding, "replace")
        written = f"<!-- logocheck-ignore {text.strip()} -->"
        directive = _suppression(doc, _next_element(doc, comment.end()), text.strip(), written)
        line, column = _line_and_column(doc, comment.start())
        place = dataclasses.replace(directive.location, line=line, column=column)
        yield dataclasses.replace(directive, location=place)


def _next_element(doc: Document, offset: int) -> HtmlElement | None:
    """The element whose start tag follows ``offset`` (past blanks and comments)."""
    following = _NEXT_TAG.match(doc.markup_bytes, offset)
    if following is None:
        return None
    start = following.start(1) - 1
    tag = following[1].decode("ascii")
    return doc.element_at(tag, doc.line_at(start), (), "", start)


def _line_and_column(doc: Document, offset: int) -> tuple[int, int]:
    start = doc.markup_bytes.rfind(b"\n", 0, offset) + 1
    column = len(doc.page.body[start:offset].decode(doc.encoding, "replace")) + 1
    return doc.line_at(offset), column


def _suppression(
    doc: Document, element: HtmlElement | None, text: str, written: str
) -> InlineSuppression:
    codes, reason = parse_directive(text)
    covers = frozenset(_places(doc, element)) if element is not None else frozenset()
    location = doc.location(element, "") if element is not None else doc.location(doc.root, "")
    return InlineSuppression(codes, reason, location, written, covers)


def _places(doc: Document, element: HtmlElement) -> Iterator[tuple[int, int]]:
    for inner in element.iter():
        if isinstance(inner.tag, str):
            yield inner.sourceline or 0, doc.column(inner)
