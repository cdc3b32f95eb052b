"""The crawl flags become one CrawlOptions; the progress line stays off pipes."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from logocheck.cli.crawl_options import crawl_options, crawl_options_from
from logocheck.collect.options import CrawlOptions
from logocheck.collect.progress import ProgressLine, wanted
from logocheck.collect.scope import Scope
from logocheck.errors import InputError


def parse(*argv: str) -> CrawlOptions | str:
    seen: list[CrawlOptions] = []

    @click.command()
    @crawl_options
    def command(**flags: Any) -> None:
        seen.append(crawl_options_from(flags))

    result = CliRunner().invoke(command, list(argv))
    return seen[0] if seen else result.output


def test_defaults_are_the_library_defaults() -> None:
    assert parse() == CrawlOptions()


def test_every_flag_reaches_the_options(tmp_path: Path) -> None:
    options = parse(
        "--include", "/docs/", "--exclude", r"\.pdf$", "--allow-host", "CDN.Globex.example",
        "--merge-www", "--allow-private", "--concurrency", "4", "--per-host", "2",
        "--no-robots", "--no-sitemaps", "--user-agent", "Acme-Audit/1.0",
        "--header", "X-Preview: yes", "--auth", "ci:p:w", "--max-pages", "10",
        "--max-depth", "3", "--max-bytes", "2048", "--timeout", "5", "--time-budget", "60",
        "--retries", "0", "--cache", str(tmp_path), "--no-progress",
    )  # fmt: skip
    assert options == CrawlOptions(
        include=("/docs/",), exclude=(r"\.pdf$",), allow_hosts=("cdn.globex.example",),
        merge_www=True, allow_private=True, concurrency=4, per_host=2, robots=False,
        sitemaps=False, user_agent="Acme-Audit/1.0", headers=(("X-Preview", "yes"),),
        auth=("ci", "p:w"), max_pages=10, max_depth=3, max_bytes=2048, timeout=5.0,
        time_budget=60.0, retries=0, cache=tmp_path, progress=False,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--header", "no colon"), "is not 'Name: value'"),
        (("--auth", "nopassword"), "expected USER:PASSWORD"),
        (("--concurrency", "0"), "0 is not in the range"),
    ],
)
def test_bad_flags_are_usage_errors(argv: tuple[str, ...], message: str) -> None:
    assert message in str(parse(*argv))


def test_bad_pattern_names_the_flag() -> None:
    with pytest.raises(InputError, match=r"^--include: bad pattern '\('"):
        Scope("https://globex.example/", CrawlOptions(include=("(",)))


def test_scope_merges_www_only_when_asked() -> None:
    start = "https://www.globex.example/"
    assert not Scope(start, CrawlOptions()).allows("https://globex.example/about")
    merged = Scope(start, CrawlOptions(merge_www=True))
    assert merged.allows("http://globex.example/about")
    assert not merged.allows("https://globex.example:8443/about")
    only_docs = Scope(start, CrawlOptions(include=("/docs/",), exclude=(r"\.pdf$",)))
    assert only_docs.allows("https://www.globex.example/docs/a")
    assert not only_docs.allows("https://www.globex.example/docs/a.pdf")
    assert not only_docs.allows("https://www.globex.example/blog/")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert wanted(None, Terminal())
    assert not wanted(None, io.StringIO())
    assert wanted(True, io.StringIO())
    assert not wanted(False, Terminal())
    monkeypatch.setenv("CI", "true")
    assert not wanted(None, Terminal())


def test_progress_line_rewrites_one_line_and_clears_it() -> None:
    stream = Terminal()
    line = ProgressLine(stream, interval=0)
    line.update(10, 5, 1)
    line.update(20, 2, 1)
    line.finish()
    text = stream.getvalue()
    assert "\n" not in text
    assert "crawl: 20 pages, 2 queued, 1 errors" in text
    assert text.endswith("\r")
