"""The scan command over HTTP: a failed start URL is exit code 2 and one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from logocheck.cli import main
from tests.collect.servers import page, routes, serving

CONTRACTS = Path(__file__).resolve().parents[2] / "fixtures" / "demo" / "contracts.csv"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    code = exited.value.code
    return code if isinstance(code, int) else 1, capsys.readouterr().err


def test_a_start_url_that_fails_exits_2_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    table = {"/robots.txt": page("", 404), "/": page("<h1>Gone</h1>", 410)}
    with serving(routes(table)) as server:
        argv = ["scan", server.url + "/", "--contracts", str(CONTRACTS), "--retries", "0"]
        code, err = run(argv, capsys)
    assert code == 2
    assert err.strip().count("\n") == 0
    assert f"{server.url}/: HTTP 410" in err


def test_a_broken_link_fails_the_scan_as_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    home = '<h1>Globex</h1><a href="/missing/">Old page</a>'
    table = {"/robots.txt": page("", 404), "/": page(home)}
    with serving(routes(table)) as server:
        argv = ["scan", server.url + "/", "--contracts", str(CONTRACTS), "--format", "json"]
        code, _err = run(argv, capsys)
    assert code == 1


def test_a_crawl_cut_by_a_limit_never_looks_clean(capsys: pytest.CaptureFixture[str]) -> None:
    links = "".join(f'<a href="/p{n}/">Page {n}</a>' for n in range(5))
    table = {"/robots.txt": page("", 404), "/": page(f"<h1>Home</h1>{links}")}
    table.update({f"/p{n}/": page(f"<h1>Page {n}</h1>") for n in range(5)})
    with serving(routes(table)) as server:
        argv = ["scan", server.url + "/", "--contracts", str(CONTRACTS), "--max-pages", "2"]
        argv += ["--fail-on", "warning"]
        with pytest.raises(SystemExit) as exited:
            main(argv)
    out = capsys.readouterr().out
    assert exited.value.code == 1
    assert "LC902" in out
    assert "No problems found" not in out
