"""Crawling a well-behaved site: scope, robots.txt, sitemaps, cache, laziness."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest

from logocheck.collect import AssetError, open_source
from logocheck.collect.http import HttpSource
from logocheck.collect.options import CrawlOptions
from logocheck.collect.process import ProcessSource
from logocheck.errors import ScanIncomplete
from tests.collect.conftest import FAST, crawl
from tests.collect.servers import page, raw, routes, serving, site

HOME = """<!doctype html><html><head><title>Globex</title></head><body>
<nav><a href="/about/">About</a> <a href="/pricing">Pricing</a> <a href="#top">Top</a>
<a href="/about/#team">Team</a> <a href="mailto:sales@globex.example">Mail</a>
<a href="javascript:void(0)">Menu</a> <a href="https://www.initech.example/">Initech</a>
<a href="/customers/?utm_source=nav&amp;utm_medium=web">Customers</a>
<a href="/private/board.html">Board</a> <a href="/private/press.html">Press</a></nav>
<!-- <a href="/old-launch/">old</a> -->
<img src="/img/hooli.png" alt="Hooli"></body></html>"""


@pytest.fixture
def globex(write_site: Any) -> Path:
    root: Path = write_site(
        {
            "index.html": HOME,
            "about/index.html": "<h1>About</h1><a href='../customers/'>Customers</a>",
            "pricing.html": "<h1>Pricing</h1><a href='/'>Home</a>",
            "customers/index.html": "<h1>Customers</h1><a href='/customers/acme/'>Acme</a>",
            "customers/acme/index.html": "<h1>Acme story</h1>",
            "private/board.html": "<h1>Board</h1>",
            "private/press.html": "<h1>Press kit</h1>",
            "only-in-sitemap.html": "<h1>Hidden</h1>",
            "old-launch/index.html": "<h1>Old</h1>",
            "img/hooli.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
            "robots.txt": (
                "User-agent: *\nDisallow: /\n\n"
                "User-agent: logocheck\nDisallow: /private/\nAllow: /private/press.html\n"
            ),
        }
    )
    return root


def sitemap_xml(base: str, paths: list[str]) -> str:
    urls = "".join(f"<url><loc>{base}{p}</loc></url>" for p in paths)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def test_crawl_follows_links_inside_the_site_once(globex: Path) -> None:
    with serving(site(globex)) as server:
        (globex / "sitemap.xml").write_text(sitemap_xml(server.url, ["/only-in-sitemap.html"]))
        result = crawl(server.url)
        requested = server.paths()
    assert result.paths() == {
        "",
        "about/",
        "pricing",
        "customers/",
        "customers/acme/",
        "private/press.html",
        "only-in-sitemap.html",
    }
    assert result.problems == []
    assert result.counts["robots_disallowed"] == 1  # /private/board.html
    assert "/old-launch/" not in requested  # links in comments are not links
    assert len(requested) == len(set(requested))  # nothing fetched twice
    home = next(p for p in result.pages if p.depth == 0)
    assert home.url == server.url + "/"
    assert home.file is None
    assert home.encoding == "utf-8"


def test_robots_group_for_our_agent_wins_over_star(globex: Path) -> None:
    (globex / "robots.txt").write_text("User-agent: logocheck\nDisallow: /about/\n")
    with serving(site(globex)) as server:
        result = crawl(server.url, user_agent="LogoCheck/2.0 (compliance)")
    assert "about/" not in result.paths()
    assert "pricing" in result.paths()


@pytest.mark.parametrize("status", [404, 410, 403])
def test_robots_4xx_allows_everything(globex: Path, status: int) -> None:
    table = {"/robots.txt": page("gone", status), "/": page(HOME), "/about/": page("<p>a")}
    with serving(routes(table)) as server:
        result = crawl(server.url)
    assert "about/" in result.paths()
    assert "robots_disallowed" not in result.counts


@pytest.mark.parametrize("status", [500, 503])
def test_robots_5xx_disallows_everything(status: int) -> None:
    table = {"/robots.txt": page("down", status), "/": page(HOME)}
    with serving(routes(table)) as server:
        with pytest.raises(ScanIncomplete, match=rf"{server.url}/: .*HTTP {status}.*RFC 9309"):
            crawl(server.url, retries=1)
        assert len(crawl(server.url, robots=False).pages) == 1


def test_robots_unreachable_disallows_everything() -> None:
    def hang_up(handler: Any) -> None:
        handler.close_connection = True
        handler.connection.close()

    table = {"/robots.txt": hang_up, "/": page(HOME)}
    with (
        serving(routes(table)) as server,
        pytest.raises(ScanIncomplete, match=r"robots\.txt could not be read"),
    ):
        crawl(server.url, retries=1)


def test_sitemap_index_gzip_and_robots_sitemaps(globex: Path) -> None:
    (globex / "robots.txt").unlink()
    with serving(site(globex)) as server:
        base = server.url
        (globex / "sitemap.xml").write_text(
            '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{base}/maps/one.xml.gz</loc></sitemap>"
            f"<sitemap><loc>{base}/maps/two.xml</loc></sitemap></sitemapindex>"
        )
        (globex / "maps").mkdir()
        one = sitemap_xml(base, ["/only-in-sitemap.html"]).encode()
        (globex / "maps/one.xml.gz").write_bytes(gzip.compress(one))
        (globex / "maps/two.xml").write_text(
            sitemap_xml(base, ["/old-launch/", "https://www.initech.example/x"])
        )
        result = crawl(base)
    assert {"only-in-sitemap.html", "old-launch/"} <= result.paths()
    assert result.counts["sitemaps"] == 3
    assert all("initech" not in p.url for p in result.pages)


def test_sitemap_with_a_dtd_is_refused(globex: Path) -> None:
    with serving(site(globex)) as server:
        (globex / "sitemap.xml").write_text(
            '<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY p "/only-in-sitemap.html">]>'
            + sitemap_xml(server.url, ["&p;"]).split("?>", 1)[1]
        )
        result = crawl(server.url)
    assert "only-in-sitemap.html" not in result.paths()
    assert result.counts["sitemaps_unread"] == 1


def test_cache_revalidates_so_a_rescan_transfers_almost_nothing(
    globex: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    with serving(site(globex)) as server:
        first = crawl(server.url, cache=cache)
        server.statuses.clear()
        second = crawl(server.url, cache=cache)
        statuses = [status for path, status in server.statuses if path != "/robots.txt"]
    assert first.paths() == second.paths()
    assert [p.body for p in sorted(first.pages, key=lambda p: p.url)] == [
        p.body for p in sorted(second.pages, key=lambda p: p.url)
    ]
    assert set(statuses) == {304, 404}  # 404: the missing sitemap.xml, never cached
    assert second.counts["cached"] == len(second.pages) + 1  # and robots.txt


def test_pages_are_handed_over_lazily(write_site: Any) -> None:
    files = {
        f"p{i}.html": f"<a href='/p{i + 1}.html'>n</a><a href='/p{i + 2}.html'>m</a>"
        for i in range(400)
    }
    files["index.html"] = "<a href='/p0.html'>start</a>"
    root = write_site(files)
    with serving(site(root)) as server, HttpSource(server.url, CrawlOptions(**FAST)) as source:
        pages = source.pages()
        next(pages)
        next(pages)
        import time

        time.sleep(0.5)
        fetched = len(server.paths())
        pages.close()
    assert fetched < 100  # a queue of 32 pages plus those in flight, not the site


def test_assets_through_the_same_client_with_private_rules(globex: Path) -> None:
    with serving(site(globex)) as server:
        with HttpSource(server.url, CrawlOptions(**FAST)) as source:
            assert source.read_asset("/img/hooli.png").startswith(b"\x89PNG")
            assert source.read_asset(server.url + "/img/hooli.png").startswith(b"\x89PNG")
            with pytest.raises(AssetError, match="HTTP 404"):
                source.read_asset(server.url + "/img/missing.png")
            with pytest.raises(AssetError, match="private address"):
                source.read_asset("http://10.1.2.3/logo.png")
            with pytest.raises(AssetError, match="not an http"):
                source.read_asset("file:///etc/passwd")
            assert source.read_asset("data:image/png;base64,iVBORw0KGgo=") == b"\x89PNG\r\n\x1a\n"
        requests = [path for path in server.paths() if path.startswith("/img/hooli")]
    assert len(requests) == 1  # cached by URL for the scan


def test_credentials_stay_with_the_site_origin(globex: Path) -> None:
    cdn_files = {"/logo.png": raw(b"\x89PNG\r\n\x1a\n", "image/png")}
    with serving(site(globex)) as server, serving(routes(cdn_files)) as cdn:
        options = CrawlOptions(**FAST, headers=(("X-Preview-Token", "s3cret"),), auth=("ci", "pw"))
        with HttpSource(server.url, options) as source:
            list(source.pages())
            source.read_asset(cdn.url + "/logo.png")
        site_headers = [h for _, h in server.log]
        cdn_headers = [h for _, h in cdn.log]
    assert all(h.get("X-Preview-Token") == "s3cret" for h in site_headers)
    assert all(h.get("Authorization", "").startswith("Basic ") for h in site_headers)
    assert cdn_headers and all(
        "X-Preview-Token" not in h and "Authorization" not in h for h in cdn_headers
    )


def test_open_source_crawls_urls() -> None:
    assert isinstance(open_source("https://globex.example/", CrawlOptions()), ProcessSource)
