"""Hostile contracts files, configs and targets: one line naming the place, exit 2.

Each case writes its file into a fresh folder and runs the CLI in-process
under a deadline (the ``timeout`` mark), so a FIFO that would block
``open()`` fails the test instead of hanging it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from logocheck.cli import main

pytestmark = pytest.mark.timeout(60)

ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = ROOT / "fixtures/demo/contracts.csv"
SITE = ROOT / "fixtures/demo/site"
GOOD = b"account,plan,status\nGlobex,Enterprise,active\n"

Make = Callable[[Path], None]
Run = Callable[..., "Done"]


def write(data: bytes) -> Make:
    return lambda path: path.write_bytes(data)


def fifo(path: Path) -> None:
    os.mkfifo(path)


def loop(path: Path) -> None:
    os.symlink(path.name, path)


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.chdir(ROOT)

    def invoke(*args: str) -> Done:
        with pytest.raises(SystemExit) as ended:
            main(list(args))
        out, err = capsys.readouterr()
        return Done(int(ended.value.code or 0), out, err)

    return invoke


CSV_CASES = [
    ("nul-in-utf8", write(b"account,plan\nGlo\x00bex,Team\n"), ":2:4: a NUL byte in the text"),
    (
        "nul-past-4k",
        write(b"account,plan\n" + b"A,Team\n" * 800 + b"B\x00,Team\n"),
        ":802:2: a NUL",
    ),
    ("utf16-no-bom", write(GOOD.decode().encode("utf-16-le")), "looks like UTF-16"),
    ("cp1252", write(b"account,plan\nSoci\xe9t\xe9,Team\n"), ":2:5: not valid utf-8 (byte 0xe9)"),
    ("empty", write(b""), ": the file is empty"),
    ("only-bom", write(b"\xef\xbb\xbf\r\n"), ": the file is empty"),
    ("png-bytes", write(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4), "contracts.csv"),
    ("fifo", fifo, ": not a regular file"),
    ("symlink-loop", loop, ": symlink loop"),
]


@pytest.mark.parametrize(("name", "make", "says"), CSV_CASES, ids=[c[0] for c in CSV_CASES])
def test_a_hostile_contracts_file_is_one_line(
    run: Run, tmp_path: Path, name: str, make: Make, says: str
) -> None:
    path = tmp_path / "contracts.csv"
    make(path)
    done = run("contracts", str(path))
    assert done.returncode == 2, done.stdout
    [line] = done.stderr.splitlines()
    assert line.startswith(f"logocheck: error: {path}")
    assert says in line


def test_sep_pipe_is_honoured(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "contracts.csv"
    path.write_bytes(b"sep=|\r\naccount|plan|status\r\nGlobex|Enterprise|active\r\n")
    done = run("contracts", str(path))
    assert done.returncode == 0, done.stderr
    assert "1 row, 1 account after merging (utf-8, '|')" in done.stdout


CONFIG_CASES = [
    ("bad-toml", write(b"[tool.logocheck\nx = 1\n"), ":1:16: Expected ']'"),
    ("not-utf8", write(b'[tool.logocheck]\nproducts = ["\xff"]\n'), ": not UTF-8 text"),
    ("fifo", fifo, ": not a regular file"),
    ("symlink-loop", loop, "does not exist"),  # click checks --config itself
]


@pytest.mark.parametrize(("name", "make", "says"), CONFIG_CASES, ids=[c[0] for c in CONFIG_CASES])
def test_a_hostile_config_is_one_line(
    run: Run, tmp_path: Path, name: str, make: Make, says: str
) -> None:
    path = tmp_path / "logocheck.toml"
    make(path)
    done = run("scan", str(SITE), "--contracts", str(CONTRACTS), "--config", str(path))
    assert done.returncode == 2, done.stdout
    [line] = done.stderr.splitlines()
    assert line.startswith("logocheck: error: ") and str(path) in line
    assert says in line


@pytest.mark.parametrize("make", [fifo, loop], ids=["fifo", "symlink-loop"])
def test_a_hostile_target_is_one_line(run: Run, tmp_path: Path, make: Make) -> None:
    target = tmp_path / "site"
    make(target)
    done = run("scan", str(target), "--contracts", str(CONTRACTS))
    assert done.returncode == 2, done.stdout
    [line] = done.stderr.splitlines()
    assert line.startswith(f"logocheck: error: {target}")


def test_reference_logos_that_are_fifos_or_huge_are_warnings(run: Run, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "globex.png")
    with open(tmp_path / "big.png", "wb") as sparse:
        sparse.truncate(3 * 1024**3)
    text = CONTRACTS.read_text("utf-8")
    text = text.replace("approved-logos/globex.png", "globex.png")
    (tmp_path / "contracts.csv").write_text(text.replace("approved-logos/hooli.png", "big.png"))
    folder = tmp_path / "logos"
    folder.mkdir()
    with open(folder / "huge.png", "wb") as sparse:
        sparse.truncate(3 * 1024**3)
    contracts = str(tmp_path / "contracts.csv")
    done = run("scan", str(SITE), "--contracts", contracts, "--logos", str(folder))
    assert done.returncode == 1, done.stderr
    assert "reference logo of Globex Corporation: globex.png: not a regular file" in done.stdout
    assert "reference logo of Hooli: big.png: 3221225472 bytes is over" in done.stdout
    assert "huge.png: LC905 logo image could not be read: reference logo unreadable" in done.stdout
