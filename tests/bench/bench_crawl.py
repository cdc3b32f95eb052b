"""Crawl benchmark: logocheck against wget, Scrapy and a bare httpx crawler.

    .venv/bin/python tests/bench/bench_crawl.py [--pages 5000] [--big 20000] [--text dense]

Builds a site of ``--pages`` pages (55 KB each, 30 links each; see
make_site.py; ``--text dense`` (the default) writes copy where every
paragraph says "trusted", "teams", "customers", "enterprise", "platform"
and "leading", as real marketing copy does; ``plain`` the earlier copy), serves it with nginx on 127.0.0.1 (``apt-get install nginx``
when it is missing), and in the same run measures, each in its own process:

- ``wget --recursive`` (one connection, the speed of a plain C client);
- a minimal Scrapy spider with 16 concurrent requests (Scrapy and aiohttp
  are installed into a throwaway virtualenv under /tmp, never into the project);
- a bare httpx + lxml crawler with 16 workers (bare_httpx.py), and the same
  loop on aiohttp (bare_aiohttp.py, from the throwaway virtualenv), which
  tells httpx's own cost from the crawler's;
- logocheck crawl only (every page parsed with lxml once), logocheck scan
  (crawl + the whole lint pipeline) with default crawl settings, and the
  same scan of the site's folder (lint alone, no network), which shows how
  much of the scan's time is the crawl's.

Each gets pages/s and peak memory (the largest sum of resident memory over
the process and everything it started, sampled every 20 ms). Then logocheck
scans a ``--big``-page site to check memory stays flat. The floors are
checked at the end (scan at least 0.5x wget's and 3x Scrapy's pages/s,
peak memory under 300 MB), with the ratios of the same run; the exit
status is 1 when one is missed.
wget and logocheck run ``--repeat`` times (default 3) and the median run
counts, since wget's speed on a shared machine varies by a factor of two.
Options: ``--skip-peers`` (reuse nothing, just skip them), ``--no-bare``
(only the peers the floors name: wget and Scrapy), ``--no-big``,
``--workdir`` (default /tmp/logocheck-bench; sites are reused across runs).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil
from treememory import wait_with_peak

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PYTHON = sys.executable
Counter = Callable[[str, Path | None], int]


@dataclass
class Run:
    name: str
    pages: int
    seconds: float
    peak_mb: float
    output: str = ""
    cpu: float = 0.0
    """CPU seconds of the process and everything it started (user + system)."""

    @property
    def rate(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        per_page = 1000 * self.cpu / self.pages if self.pages else 0.0
        return (
            f"{self.name:<26} {self.pages:>7} pages {self.seconds:>8.2f} s "
            f"{self.rate:>8.1f} pages/s {self.peak_mb:>8.1f} MB {per_page:>7.2f} ms CPU/page"
        )


def measure(name: str, argv: list[str], count: Counter, cwd: Path | None = None) -> Run:
    """Run ``argv`` in its own process; ``count`` reads the pages it fetched.

    Peak memory is the largest sum of resident memory over the process and
    all its descendants (crawler process, extraction workers), sampled every
    20 ms: an upper bound, since forked workers share pages that each one's
    resident size counts again. CPU is the same tree's user + system time
    (every descendant has been waited for when the process exits): on a
    shared machine it says what a run costs where wall time says what the
    moment allowed.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "1"}
    log = (cwd or Path("/tmp")) / f".{os.getpid()}-out"
    before = _children_cpu()
    with log.open("w+b") as out:
        started = time.perf_counter()
        process = psutil.Popen(argv, stdout=out, stderr=out, cwd=cwd, env=env)
        peak = wait_with_peak(process)
        seconds = time.perf_counter() - started
        out.seek(0)
        text = out.read().decode(errors="replace")
    log.unlink()
    if process.returncode not in (0, 8):  # wget exits 8 when some link 404s
        sys.stderr.write(text[-3000:])
        raise SystemExit(f"{name} failed with exit status {process.returncode}")
    return Run(name, count(text, cwd), seconds, peak / 2**20, text, _children_cpu() - before)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def ensure_nginx() -> str:
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if found:
        return found
    subprocess.run(["apt-get", "update", "-q"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-q", "nginx"], check=True)
    return shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_nginx(nginx: str, site: Path, work: Path) -> tuple[subprocess.Popen[bytes], str]:
    prefix = work / "nginx"
    prefix.mkdir(parents=True, exist_ok=True)
    port = free_port()
    mime = "include /etc/nginx/mime.types;" if Path("/etc/nginx/mime.types").exists() else ""
    (prefix / "nginx.conf").write_text(
        f"""worker_processes 1; daemon off; user root; pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{ worker_connections 1024; }}
http {{ {mime} default_type application/octet-stream; access_log off;
  sendfile on; tcp_nopush on; keepalive_requests 100000;
  client_body_temp_path {prefix}/tmp; proxy_temp_path {prefix}/tmp;
  fastcgi_temp_path {prefix}/tmp; uwsgi_temp_path {prefix}/tmp; scgi_temp_path {prefix}/tmp;
  server {{ listen 127.0.0.1:{port}; root {site}; index index.html; }} }}
"""
    )
    (prefix / "tmp").mkdir(exist_ok=True)
    process = subprocess.Popen([nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf")])
    url = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, url
        except OSError:
            time.sleep(0.05)
    raise SystemExit("nginx did not start; see " + str(prefix / "error.log"))


def build_site(work: Path, pages: int, text: str) -> Path:
    site = work / f"site-{text}-{pages}"
    if not (site / ".complete").exists():
        command = [PYTHON, str(HERE / "make_site.py"), str(site), str(pages), text]
        subprocess.run(command, check=True)
        (site / ".complete").touch()
    for folder in (work, *site.rglob("*")):
        if folder.is_dir():
            folder.chmod(0o755)
    return site


def peer_venv(work: Path) -> Path:
    """A throwaway virtualenv with Scrapy and aiohttp, never the project's."""
    venv = work / "scrapy-venv"
    python = venv / "bin" / "python"
    if not (venv / "bin" / "scrapy").exists() or not list(venv.glob("lib/*/site-packages/aiohttp")):
        subprocess.run([PYTHON, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "scrapy", "aiohttp"], check=True)
    return venv / "bin"


def first_int(out: str, _cwd: object) -> int:
    return int(out.split()[0])


def last_int(out: str, _cwd: object) -> int:
    return int(out.split()[-1])


def median(runs: list[Run]) -> Run:
    """The run of median speed: a loaded moment should not decide a floor."""
    return sorted(runs, key=lambda run: run.rate)[len(runs) // 2]


def wget_once(url: str, work: Path) -> Run:
    mirror = work / "wget"
    shutil.rmtree(mirror, ignore_errors=True)
    mirror.mkdir()
    run = measure(
        "wget --recursive",
        ["wget", "--recursive", "--level=inf", "--no-verbose", "--quiet", "-e", "robots=off", url],
        lambda _out, cwd: sum(1 for _ in (cwd or mirror).rglob("*.html")),
        cwd=mirror,
    )
    shutil.rmtree(mirror, ignore_errors=True)
    return run


def peers(url: str, work: Path, repeat: int, bare: bool = True) -> list[Run]:
    wget = median([wget_once(url, work) for _ in range(repeat)])
    venv = peer_venv(work)
    spider = measure(
        "scrapy (16 concurrent)",
        [str(venv / "scrapy"), "runspider", str(HERE / "scrapy_spider.py"), "-a", f"start={url}"],
        last_int,
    )
    if not bare:
        return [wget, spider]
    bare_run = measure(
        "bare httpx+lxml (16)", [PYTHON, str(HERE / "bare_httpx.py"), url], first_int
    )
    aio = [str(venv / "python"), str(HERE / "bare_aiohttp.py"), url]
    return [wget, spider, bare_run, measure("bare aiohttp+lxml (16)", aio, first_int)]


def logocheck(url: str, site: Path, pages: int, mode: str) -> Run:
    argv = [PYTHON, str(HERE / "run_logocheck.py"), url, str(site / "contracts.csv")]
    return measure(f"logocheck {mode}", [*argv, str(pages + 100), mode], first_int)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--big", type=int, default=20000)
    parser.add_argument("--no-big", action="store_true")
    parser.add_argument("--skip-peers", action="store_true")
    parser.add_argument("--no-bare", action="store_true")
    parser.add_argument("--text", choices=("dense", "plain"), default="dense")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of wget and logocheck; the median counts"
    )
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/logocheck-bench"))
    args = parser.parse_args()
    work: Path = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    nginx = ensure_nginx()
    site = build_site(work, args.pages, args.text)
    print(f"site: {args.pages} pages, {args.text} copy; load average {os.getloadavg()[0]:.1f}")
    server, url = start_nginx(nginx, site, work)
    runs: dict[str, Run] = {}
    try:
        if not args.skip_peers:
            for run in peers(url, work, args.repeat, bare=not args.no_bare):
                runs[run.name] = run
                print(run.line(), flush=True)
        for mode in ("crawl", "scan"):
            run = median([logocheck(url, site, args.pages, mode) for _ in range(args.repeat)])
            runs[run.name] = run
            print(run.line(), flush=True)
        run = logocheck(str(site), site, args.pages, "scan")
        run.name = "logocheck lint (folder)"
        runs[run.name] = run
        print(run.line(), flush=True)
    finally:
        server.send_signal(signal.SIGQUIT)
        server.wait()
    if not args.no_big:
        big = build_site(work, args.big, args.text)
        server, big_url = start_nginx(nginx, big, work)
        try:
            run = logocheck(big_url, big, args.big, "scan")
            run.name = f"logocheck scan ({args.big})"
            runs["big"] = run
            print(run.line(), flush=True)
        finally:
            server.send_signal(signal.SIGQUIT)
            server.wait()
    return check_floors(runs)


def check_floors(runs: dict[str, Run]) -> int:
    scan = runs["logocheck scan"]
    checks = [("peak memory < 300 MB", scan.peak_mb < 300)]
    if "scrapy (16 concurrent)" in runs:
        scrapy, wget = runs["scrapy (16 concurrent)"], runs["wget --recursive"]
        print(
            f"RATIO scan {scan.rate:.0f} pages/s = {scan.rate / wget.rate:.2f}x wget "
            f"({wget.rate:.0f}), {scan.rate / scrapy.rate:.2f}x Scrapy ({scrapy.rate:.0f}); "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        checks.append(
            (f">= 3x Scrapy ({3 * scrapy.rate:.0f} pages/s)", scan.rate >= 3 * scrapy.rate)
        )
        checks.append(
            (f">= 0.5x wget ({0.5 * wget.rate:.0f} pages/s)", scan.rate >= 0.5 * wget.rate)
        )
    if "big" in runs:
        ratio = runs["big"].peak_mb / scan.peak_mb
        checks.append((f"big site memory <= 1.5x (is {ratio:.2f}x)", ratio <= 1.5))
    for label, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {label}")
    if "wget --recursive" in runs:
        crawl, wget = runs["logocheck crawl"], runs["wget --recursive"]
        lint = runs["logocheck lint (folder)"]
        print(
            f"INFO  crawl alone: {crawl.rate / wget.rate:.2f}x wget; lint alone: {lint.rate:.0f} pages/s"
        )
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
