"""Extract from a snippet, so tests read like the pages they describe."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from logocheck.config import Settings
from logocheck.extract import ExtractContext, Extraction, extract
from logocheck.model import Page

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>{title}</title></head>
<body><header><a href="/"><img src="/brand/acme.svg" alt="Acme"></a></header>
<main>
{html}
</main></body></html>
"""


def run(
    html: str,
    *,
    url: str = "/",
    title: str = "Home | Acme",
    names: Iterable[str] = (),
    config: Mapping[str, Any] | None = None,
) -> Extraction:
    body = PAGE.format(html=html, title=title).encode("utf-8")
    return run_page(body, url=url, names=names, config=config)


def run_page(
    body: bytes,
    *,
    url: str = "/",
    names: Iterable[str] = (),
    config: Mapping[str, Any] | None = None,
) -> Extraction:
    """Extract from a whole page, as written (its head, its encoding)."""
    context = ExtractContext.build(names, Settings(config or {}))
    return extract(Page(url=url, body=body, file="site/index.html"), context)


def sources(found: Extraction) -> list[str | None]:
    return [logo.src for logo in found.logos]
