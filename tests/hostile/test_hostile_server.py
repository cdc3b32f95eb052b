"""The hostile HTTP server: every answer bounded, reported, never a traceback or a hang."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from fixtures.hostile import server as hostile
from logocheck.collect import crawl as crawl_module
from tests.collect.conftest import crawl
from tests.collect.servers import page, routes, serving
from tests.runner import Ran, run

pytestmark = pytest.mark.timeout(60)

ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = ROOT / "fixtures/demo/contracts.csv"
NO_ROBOTS = {"/robots.txt": page("", 404)}
WALL = (
    '<section class="customers"><h2>Trusted by</h2>'
    '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Vandelay Industries"></section>'
)


def scan(url: str, *args: str) -> Ran:
    return run("scan", url, "--contracts", str(CONTRACTS), "--no-progress", *args)


@pytest.mark.parametrize("location", ["javascript:alert(1)", "data:text/html,<p>x</p>"])
def test_a_start_url_redirecting_off_the_web_is_one_line(location: str) -> None:
    with serving(routes({**NO_ROBOTS, "/": hostile.redirect_to(location)})) as server:
        done = scan(server.url)
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(f"logocheck: error: {server.url}/: ")
    assert "refused" in line


@pytest.mark.slow
def test_the_time_budget_covers_robots_txt_and_its_retry_after() -> None:
    table = {"/robots.txt": hostile.busy_forever(), "/": page("<p>home</p>")}
    with serving(routes(table)) as server:
        began = time.monotonic()
        done = scan(server.url, "--time-budget", "1")
        took = time.monotonic() - began
    assert done.returncode == 2
    assert "--time-budget of 1s ran out before the start page was read" in done.stderr
    assert took < 15


def test_robots_txt_over_10_mib_is_read_to_its_first_500_kib() -> None:
    links = '<a href="/private">p</a><a href="/public">q</a>'
    table = {
        "/robots.txt": hostile.robots_over_10_mib(),
        "/": page(links),
        "/private": page("<p>private</p>"),
        "/public": page("<p>public</p>"),
    }
    with serving(routes(table)) as server:
        result = crawl(server.url)
        requested = server.paths()
    assert result.paths() == {"", "public"}
    assert "/private" not in requested


@pytest.mark.slow
def test_a_link_explosion_stops_at_the_frontier_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crawl_module, "MAX_SEEN", 2000)
    with serving(hostile.link_explosion()) as server:
        result = crawl(server.url, robots=False, sitemaps=False, max_pages=30)
    [frontier] = [p.detail for p in result.problems if "distinct URLs" in p.detail]
    assert frontier.startswith("more than 2000 distinct URLs found;")


def test_a_crowded_page_over_http_is_lc906_and_the_crawl_goes_on() -> None:
    home = page('<a href="/crowded">c</a><a href="/next">n</a>')
    table = {**NO_ROBOTS, "/": home, "/crowded": hostile.crowded(), "/next": page("<p>n</p>")}
    with serving(routes(table)) as server:
        began = time.monotonic()
        done = scan(server.url, "--format", "json")
        took = time.monotonic() - began
    assert done.returncode == 1, done.stderr
    assert '"LC906"' in done.stdout and "1000 attributes" in done.stdout
    assert '"pages": 3' in done.stdout
    assert took < 30


def test_deep_nesting_over_http_still_shows_the_wall() -> None:
    with serving(routes({**NO_ROBOTS, "/": hostile.nested(300, WALL)})) as server:
        done = scan(server.url)
    assert done.returncode == 1, done.stderr
    assert "LC005 Vandelay Industries is presented as a customer" in done.stdout
