"""Start-up stays instant: ``--version`` and ``--help`` import almost nothing.

Each command's module is imported only when the command runs (``LazyGroup``);
these tests hold the import list of the quick paths to a short allow-list,
and the help lines ``--help`` prints to what the commands themselves say.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import pytest

from logocheck.cli import COMMANDS, cli

#: Third-party modules the quick paths may import: the CLI framework only.
ALLOWED_THIRD_PARTY = {"click"}
#: logocheck's own modules the quick paths may import.
ALLOWED_OWN = {
    "logocheck",
    "logocheck.cli",
    "logocheck.errors",
    "logocheck.model",
    "logocheck.version",
}

PROBE = """
import json, sys
before = set(sys.modules)
from logocheck.cli import main
try:
    main({args!r})
except SystemExit:
    pass
print(json.dumps(sorted(set(sys.modules) - before)), file=sys.stderr)
"""


def imported(*args: str) -> set[str]:
    run = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=list(args))],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return set(json.loads(run.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize("args", [("--version",), ("--help",), ()])
def test_quick_paths_import_only_the_cli_and_the_records(args: tuple[str, ...]) -> None:
    modules = imported(*args)
    own = {m for m in modules if m.split(".")[0] == "logocheck"}
    assert own <= ALLOWED_OWN, sorted(own - ALLOWED_OWN)
    stdlib = set(sys.stdlib_module_names)
    third = {m.split(".")[0] for m in modules} - stdlib - {"logocheck", "_distutils_hack"}
    assert third <= ALLOWED_THIRD_PARTY, sorted(third)
    for heavy in ("PIL", "numpy", "scipy", "lxml", "httpx", "polars", "imagehash", "jinja2"):
        assert heavy not in modules


def test_a_command_is_imported_when_it_runs() -> None:
    modules = imported("rules")
    assert "logocheck.cli.rules" in modules
    assert "logocheck.cli.scan" not in modules


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_lines_are_the_commands_own(name: str) -> None:
    command = cli.get_command(None, name)  # type: ignore[arg-type]
    assert command is not None
    assert COMMANDS[name][1] == command.get_short_help_str(limit=1000)


@pytest.mark.slow
def test_a_scan_computes_its_hashes_without_scipy_and_reads_without_importing_rapidocr() -> None:
    modules = imported("scan", "fixtures/demo/site", "--contracts", "fixtures/demo/contracts.csv")
    assert "logocheck.identify.fingerprint" in modules
    assert not {m for m in modules if m.split(".")[0] in ("scipy", "imagehash")}
    if "logocheck.identify.recognition" in modules:  # the demo has one logo to read
        # the model runs directly: rapidocr's import (its model catalogue
        # parsed into OmegaConf, about a second) is not paid
        assert not {m for m in modules if m.split(".")[0] in ("rapidocr", "omegaconf")}


@pytest.mark.parametrize(("given", "during", "after"), [(None, "1", None), ("2", "2", "2")])
def test_the_cli_runs_numpys_blas_on_one_thread_unless_told_otherwise(
    monkeypatch: pytest.MonkeyPatch, given: str | None, during: str, after: str | None
) -> None:
    import logocheck.cli as command_line

    if given is None:
        monkeypatch.delenv(command_line.BLAS_THREADS, raising=False)
    else:
        monkeypatch.setenv(command_line.BLAS_THREADS, given)
    seen: list[str | None] = []

    def probe(argv: list[str] | None) -> NoReturn:
        seen.append(os.environ.get(command_line.BLAS_THREADS))
        sys.exit(0)

    monkeypatch.setattr(command_line, "_run", probe)
    with pytest.raises(SystemExit):
        command_line.main([])
    assert seen == [during]
    assert os.environ.get(command_line.BLAS_THREADS) == after


def test_the_scan_command_loads_without_the_pixel_libraries() -> None:
    modules = imported("scan", "--help")
    assert "logocheck.pipeline" in modules
    pixels = {m for m in modules if m.split(".")[0] in ("numpy", "PIL")}
    assert not pixels and "logocheck.identify" not in modules, sorted(pixels)


FORK_PROBE = """
import json, os, sys
at_fork = []
fork = os.fork
def recorded():
    if not at_fork:
        at_fork.append(sorted(m for m in sys.modules if m.startswith(("numpy", "PIL", "logocheck.identify"))))
    return fork()
os.fork = recorded
from logocheck.cli import main
try:
    main({args!r})
except SystemExit:
    pass
print(json.dumps(at_fork), file=sys.stderr)
"""


def test_a_large_folder_forks_its_workers_before_identification_is_imported(
    tmp_path: Path,
) -> None:
    import logocheck.parallel

    for n in range(logocheck.parallel.SERIAL_PAGES + 1):
        page = tmp_path / "site" / f"p{n:02d}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<html><body><h1>Page {n}</h1></body></html>")
    (tmp_path / "contracts.csv").write_text("account,plan,status\nGlobex,Enterprise,active\n")
    site, contracts = str(tmp_path / "site"), str(tmp_path / "contracts.csv")
    args = ["scan", site, "--contracts", contracts, "--jobs", "2", "--format", "json"]
    run = subprocess.run(
        [sys.executable, "-c", FORK_PROBE.format(args=args)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert '"pages": 49' in run.stdout, run.stderr
    [at_fork] = json.loads(run.stderr.strip().splitlines()[-1])
    assert at_fork == []
