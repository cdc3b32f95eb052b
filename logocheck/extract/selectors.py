"""Short CSS-like paths that let a human find an element in the page."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from logocheck.extract.memory import STRING_ANSWERS_KEPT

if TYPE_CHECKING:
    from lxml.etree import _Element as HtmlElement

_DEPTH = 4
#: Class names builders generate (Webflow ``w-node-...``, CSS-in-JS hashes) say nothing.
_OPAQUE = re.compile(r"^(w-node|css-|sc-|jsx-|_|[a-z]{1,3}-[0-9a-f]{5,})|\d{4,}|[A-Za-z0-9]{8,}__")


def css_path(element: HtmlElement) -> str:
    """``section#customers > div.logo-grid > a > img``: up to an id or four steps."""
    parts: list[str] = []
    node: HtmlElement | None = element
    while node is not None and len(parts) < _DEPTH and isinstance(node.tag, str):
        step, anchored = _step(node)
        parts.append(step)
        if anchored or node.tag in ("body", "html"):
            break
        node = node.getparent()
    return " > ".join(reversed(parts))


def _step(node: HtmlElement) -> tuple[str, bool]:
    tag = str(node.tag)
    ident = (node.get("id") or "").strip()
    if ident and not _opaque(ident) and " " not in ident:
        return f"{tag}#{ident}", True
    for name in (node.get("class") or "").split():
        if not _opaque(name):
            return f"{tag}.{name}", False
    return tag, False


@lru_cache(STRING_ANSWERS_KEPT)
def _opaque(name: str) -> bool:
    """Whether a class name or id is generated (``_OPAQUE``), worked out once a process.

    A site's templates repeat their class names on every page, and the
    pattern's unanchored alternatives cost about a microsecond a name;
    the answer depends on the name alone.
    """
    return _OPAQUE.search(name) is not None
