"""Helpers the crawler tests share: a crawl in one call, a small site on disk."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from logocheck.collect.http import HttpSource
from logocheck.collect.options import CrawlOptions
from logocheck.model import Page, Problem

FAST: dict[str, Any] = {"backoff": 0.01, "timeout": 3.0, "progress": False}


@dataclass
class Crawled:
    pages: list[Page]
    problems: list[Problem]
    counts: dict[str, int]

    def paths(self) -> set[str]:
        return {page.url.split("/", 3)[3] for page in self.pages}

    def details(self, kind: str = "fetch") -> list[str]:
        return [p.detail for p in self.problems if p.kind == kind]


def crawl(url: str, **options: Any) -> Crawled:
    """Crawl ``url`` to the end with fast retries; the source is closed after."""
    with HttpSource(url, CrawlOptions(**{**FAST, **options})) as source:
        pages = list(source.pages())
        return Crawled(pages, source.problems(), source.counts())


@pytest.fixture
def write_site(tmp_path: Path) -> Any:
    """Write ``{path: text}`` under a fresh folder and return the folder."""

    def write(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "site"
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, "utf-8")
        return root

    return write
