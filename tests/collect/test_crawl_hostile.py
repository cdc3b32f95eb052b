"""Crawling a misbehaving server: every fault bounded, every gap reported."""

from __future__ import annotations

import time
from typing import Any

import psutil
import pytest

from logocheck.collect.fetch import retry_delay
from logocheck.errors import ScanIncomplete
from tests.collect.conftest import crawl
from tests.collect.servers import (
    Handler,
    drip,
    endless,
    flaky,
    gzip_bomb,
    page,
    raw,
    redirect,
    routes,
    serving,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def links(*paths: str) -> str:
    return "<html><body>" + "".join(f'<a href="{p}">{p}</a>' for p in paths) + "</body></html>"


def hostile(**extra: Any) -> dict[str, Any]:
    return {"/robots.txt": page("", 404), **extra}


def test_redirects_are_checked_hop_by_hop() -> None:
    table = hostile(
        **{
            "/": page(links("/loop-a", "/away", "/metadata", "/file", "/chain0", "/moved")),
            "/loop-a": redirect("/loop-b"),
            "/loop-b": redirect("/loop-a"),
            "/away": redirect("https://www.initech.example/"),
            "/metadata": redirect("http://169.254.169.254/latest/meta-data/"),
            "/file": redirect("file:///etc/passwd"),
            "/moved": redirect("/new", 301),
            "/new": page("<h1>New home</h1>"),
            **{f"/chain{i}": redirect(f"/chain{i + 1}") for i in range(12)},
        }
    )
    with serving(routes(table)) as server:
        result = crawl(server.url)
        requested = server.paths()
    failures = {p.location.url.rsplit("/", 1)[1]: p.detail for p in result.problems}
    assert failures["loop-a"].startswith("redirect loop")
    assert "169.254.169.254 is a private address" in failures["metadata"]
    assert "redirect to a file: URL refused" in failures["file"]
    assert "more than 10 redirects" in failures["chain0"]
    assert "away" not in failures  # leaving the site is not a failure, just not followed
    assert result.counts["offsite_redirects"] == 1
    assert "new" in result.paths()
    assert "/chain11" not in requested


def test_private_links_refused_except_the_targets_own_host() -> None:
    table = hostile(**{"/": page(links("/ok", "http://10.0.0.7/admin")), "/ok": page("<p>ok")})
    with serving(routes(table)) as server:
        result = crawl(server.url, allow_hosts=("10.0.0.7",))
    assert "ok" in result.paths()
    [refused] = result.details()
    assert "10.0.0.7 is a private address" in refused


@pytest.mark.slow
def test_429_retry_after_is_honoured() -> None:
    table = hostile(
        **{"/": page(links("/busy")), "/busy": flaky(1, 429, page("<p>done"), Retry_After="1")}
    )
    with serving(routes(table)) as server:
        started = time.monotonic()
        result = crawl(server.url)
        elapsed = time.monotonic() - started
    assert "busy" in result.paths()
    assert result.counts["retries"] == 1
    assert elapsed >= 0.9


def test_retry_after_forms() -> None:
    assert retry_delay("3", 30) == 3
    assert retry_delay("3600", 30) == 30
    assert retry_delay("Wed, 21 Oct 2015 07:28:00 GMT", 30) == 0
    assert retry_delay("soon", 30) is None


def test_500_then_success_and_500_for_good() -> None:
    table = hostile(
        **{
            "/": page(links("/flaky", "/broken")),
            "/flaky": flaky(2, 500, page("<p>recovered")),
            "/broken": page("<h1>Oops</h1>", 500),
        }
    )
    with serving(routes(table)) as server:
        result = crawl(server.url, retries=3)
    assert "flaky" in result.paths()
    assert result.details() == [f"HTTP 500 (linked from {result.pages[0].url})"]
    assert result.counts["retries"] == 2 + 3


@pytest.mark.slow
def test_a_dripping_server_cannot_hold_the_crawl() -> None:
    table = hostile(**{"/": page(links("/drip", "/fine")), "/drip": drip(0.2), "/fine": page("ok")})
    with serving(routes(table)) as server:
        started = time.monotonic()
        result = crawl(server.url, timeout=1.0)
        elapsed = time.monotonic() - started
    assert "fine" in result.paths()
    assert [d.split(" (")[0] for d in result.details()] == ["no complete response within 1s"]
    assert elapsed < 4


def test_oversized_and_gzip_bomb_bodies_stop_at_the_limit() -> None:
    table = hostile(
        **{
            "/": page(links("/huge", "/bomb", "/small")),
            "/huge": page("<p>" + "x" * 300_000),
            "/bomb": gzip_bomb(50_000_000),
            "/small": page("<p>small"),
        }
    )
    before = psutil.Process().memory_info().rss
    with serving(routes(table)) as server:
        result = crawl(server.url, max_bytes=100_000)
    grown = psutil.Process().memory_info().rss - before
    failures = {p.location.url.rsplit("/", 1)[1]: p.detail for p in result.problems}
    assert "over the 100000-byte limit" in failures["huge"]
    assert "over the 100000-byte limit once decoded" in failures["bomb"]
    assert "small" in result.paths()
    assert grown < 50_000_000


def test_calendar_trap_ends_with_a_limit_warning() -> None:
    table = hostile(**{"/": page(links("/calendar?month=1")), "/calendar": endless()})
    with serving(routes(table)) as server:
        started = time.monotonic()
        result = crawl(server.url, max_query_variants=25)
        fetched = len(server.paths())
    assert time.monotonic() - started < 10
    assert fetched <= 30
    [limit] = result.details("limit")
    assert "query-variants limit of 25 per path reached at /calendar" in limit
    assert "1 URLs left unvisited" in limit


def test_session_ids_in_links_do_not_multiply_pages() -> None:
    counter = [0]

    def with_session(handler: Handler) -> None:
        counter[0] += 1
        n = counter[0]
        body = links(
            f"/a;jsessionid={n}", f"/b?sid={n}&x=1", f"/a?utm_source=x{n}", f"/b?x=1&PHPSESSID={n}"
        )
        handler.send(200, body.encode(), "text/html")

    table = hostile(**{"/": with_session, "/a": with_session, "/b": with_session})
    with serving(routes(table)) as server:
        result = crawl(server.url)
    assert result.paths() == {"", "a", "b?x=1"}


def test_content_is_routed_by_sniffing_not_by_trust() -> None:
    table = hostile(
        **{
            "/": page(links("/as-binary", "/png-as-html", "/plain-text", "/no-type")),
            "/as-binary": raw(
                b"<!DOCTYPE html><title>x</title><p>real page", "application/octet-stream"
            ),
            "/png-as-html": raw(PNG, "text/html"),
            "/plain-text": raw(b"just some notes <b>", "text/plain"),
            "/no-type": raw(b"\n<html><body>no type</body></html>", ""),
        }
    )
    with serving(routes(table)) as server:
        result = crawl(server.url)
    assert result.paths() == {"", "as-binary", "no-type"}
    assert result.counts["not_html"] == 2


def test_media_links_are_not_downloaded() -> None:
    def video(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "video/mp4")
        handler.send_header("Content-Length", str(10**9))
        handler.end_headers()
        for _ in range(20):  # never finishes: reading it would hit the size limit or deadline
            handler.wfile.write(b"\0" * 1024)
            time.sleep(0.05)

    table = hostile(**{"/": page(links("/launch.mp4", "/deck.pdf")), "/launch.mp4": video})
    table["/deck.pdf"] = raw(b"%PDF-1.7" + b"\0" * 10_000, "application/pdf")
    with serving(routes(table)) as server:
        result = crawl(server.url, timeout=5)
    assert result.problems == []
    assert result.counts["not_html"] == 2


def test_misdeclared_charsets() -> None:
    latin = '<html><head><meta charset="iso-8859-1"></head><p>Caf\u00e9 Vandelay</p>'.encode(
        "latin-1"
    )
    only_header = "<p>Caf\u00e9 Vandelay</p>".encode("latin-1")
    meta_only = b'<html><head><meta charset="windows-1252"></head><body>Caf\xe9</body></html>'
    table = hostile(
        **{
            "/": page(links("/wrong", "/meta", "/unknown", "/hopeless")),
            "/hopeless": raw(only_header, "text/html; charset=utf-8"),
            "/wrong": raw(latin, "text/html; charset=utf-8"),
            "/meta": raw(meta_only, "text/html"),
            "/unknown": raw("Caf\u00e9".encode(), "text/html; charset=utf8mb4"),
        }
    )
    with serving(routes(table)) as server:
        result = crawl(server.url)
    by_path = {p.url.rsplit("/", 1)[1]: p for p in result.pages}
    for name in ("wrong", "meta", "unknown"):
        text = by_path[name].body.decode(by_path[name].encoding or "utf-8")
        assert "Caf\u00e9" in text, name
    assert by_path["meta"].encoding == "cp1252"
    assert by_path["wrong"].encoding == "cp1252"
    assert by_path["hopeless"].encoding == "utf-8"
    assert by_path["hopeless"].body.decode("utf-8") == "<p>Caf\ufffd Vandelay</p>"
    assert by_path["unknown"].encoding == "utf-8"


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (page("<h1>Not found</h1>", 404), "HTTP 404"),
        (redirect("file:///etc/passwd"), "file: URL refused"),
        (raw(PNG, "image/png"), "not an HTML page"),
    ],
)
def test_a_failing_start_url_stops_the_scan(route: Any, message: str) -> None:
    with (
        serving(routes(hostile(**{"/": route}))) as server,
        pytest.raises(ScanIncomplete, match=message) as caught,
    ):
        crawl(server.url + "/")
    assert str(caught.value).startswith(server.url + "/: ")
    assert "\n" not in str(caught.value)


def test_an_unreachable_start_url_stops_the_scan() -> None:
    with serving(routes({})) as server:
        url = server.url
    with pytest.raises(ScanIncomplete, match=rf"^{url}/: .*Connect"):
        crawl(url, retries=0)


def test_page_and_depth_limits_say_how_much_was_left() -> None:
    table = hostile(**{"/": page(links(*(f"/p{i}" for i in range(10))))})
    table.update({f"/p{i}": page(links(f"/p{i}/deeper")) for i in range(10)})
    with serving(routes(table)) as server:
        by_pages = crawl(server.url, max_pages=4)
        by_depth = crawl(server.url, max_depth=1)
    assert len(by_pages.pages) == 4
    assert by_pages.details("limit") == ["--max-pages limit of 4 reached; 10 URLs left unvisited"]
    assert len(by_depth.pages) == 11
    assert by_depth.details("limit") == ["--max-depth limit of 1 reached; 10 URLs left unvisited"]
    assert all(p.location.url == server.url + "/" for p in by_pages.problems)


@pytest.mark.slow
def test_time_budget_cuts_the_crawl_with_a_warning() -> None:
    table = hostile(
        **{"/": page(links("/slow1", "/slow2")), "/slow1": drip(0.3), "/slow2": drip(0.3)}
    )
    with serving(routes(table)) as server:
        started = time.monotonic()
        result = crawl(server.url, time_budget=1.0, timeout=20)
    assert time.monotonic() - started < 5
    assert result.details("limit") == ["--time-budget of 1s ran out; 2 URLs left unvisited"]


def test_per_host_limit_holds_requests_in_flight() -> None:
    import threading

    state = {"now": 0, "peak": 0}
    lock = threading.Lock()

    def slow(handler: Handler) -> None:
        with lock:
            state["now"] += 1
            state["peak"] = max(state["peak"], state["now"])
        time.sleep(0.05)
        with lock:
            state["now"] -= 1
        handler.send(200, b"<p>slow", "text/html")

    table = hostile(**{"/": page(links(*(f"/s{i}" for i in range(12))))})
    table.update({f"/s{i}": slow for i in range(12)})
    with serving(routes(table)) as server:
        result = crawl(server.url, concurrency=8, per_host=2)
    assert len(result.pages) == 13
    assert state["peak"] == 2
