"""Writing reports: atomic for files, in place for devices and pipes, one-line errors."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from logocheck.errors import OutputError
from logocheck.report import check_output, write_report
from tests.runner import Ran, run_program
from tests.runner import run as in_process

ROOT = Path(__file__).resolve().parents[2]
SCAN = ["scan", "fixtures/demo/site", "--contracts", "fixtures/demo/contracts.csv"]


def one_line_error(run: subprocess.CompletedProcess[str] | Ran, named: str) -> None:
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert named in lines[0] and "Traceback" not in run.stderr


def test_a_device_is_written_in_place_never_replaced(tmp_path: Path) -> None:
    """A character device (a private /dev/null) stays a device after a report is written to it."""
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device node needs root")
    write_report(str(device), "report\n")
    assert stat.S_ISCHR(device.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


def test_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    write_report(str(fifo), "through the pipe\n")
    reader.join(10)
    assert received == ["through the pipe\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_symlink_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    write_report(str(link), "new\n")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "new\n"


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_new_reports_get_permissions_from_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    previous = os.umask(umask)
    try:
        write_report(str(tmp_path / "report.txt"), "x\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "report.txt").stat().st_mode) == mode


def test_a_replaced_report_keeps_its_own_permissions(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("old")
    report.chmod(0o640)
    write_report(str(report), "new\n")
    assert stat.S_IMODE(report.stat().st_mode) == 0o640
    assert report.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


@pytest.mark.parametrize(
    ("path", "reason"),
    [("missing/report.json", "no such folder"), (".", "is a folder")],
)
def test_unwritable_paths_are_refused_before_anything_runs(
    tmp_path: Path, path: str, reason: str
) -> None:
    with pytest.raises(OutputError, match=reason):
        check_output(str(tmp_path / path))


def test_a_missing_output_folder_is_refused_before_the_scan() -> None:
    """The output is checked first: the (also missing) target is never opened."""
    run = in_process(
        "scan",
        "no/such/site",
        "--contracts",
        "fixtures/demo/contracts.csv",
        "--format",
        "json",
        "-o",
        "no/such/folder/report.json",
    )
    one_line_error(run, "no/such/folder/report.json")
    assert "no such folder" in run.stderr


def test_a_full_disk_is_exit_2_with_one_line() -> None:
    run = in_process(*SCAN, "--format", "json", "-o", "/dev/full")
    one_line_error(run, "/dev/full")
    assert "No space left on device" in run.stderr


@pytest.mark.slow
def test_dev_stdout_on_a_pipe_gets_the_report_and_only_it() -> None:
    run = run_program(*SCAN, "--format", "json", "-o", "/dev/stdout")
    assert run.returncode == 1, run.stderr
    assert run.stdout.startswith("{") and run.stdout.rstrip().endswith("}")
    assert run.stderr == ""


def _in_mount_namespace(
    tmp_path: Path, options: str, script: str
) -> subprocess.CompletedProcess[str]:
    """Run ``script`` (sh) where tmp_path/mnt is a fresh tmpfs mounted with ``options``."""
    if shutil.which("unshare") is None or os.geteuid() != 0:
        pytest.skip("needs root and unshare(1) for a private mount")
    mount = tmp_path / "mnt"
    mount.mkdir()
    command = f"mount -t tmpfs -o {options} none {mount} && {script}"
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", f"mount -t tmpfs none {mount}"], capture_output=True
    )
    if probe.returncode != 0:
        pytest.skip("cannot mount a tmpfs in a private namespace here")
    env = {**os.environ, "NO_COLOR": "1", "MNT": str(mount)}
    env.pop("GITHUB_STEP_SUMMARY", None)
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_a_read_only_file_system_is_refused_before_the_scan(tmp_path: Path) -> None:
    logo = f"{sys.executable} -m logocheck"
    run = _in_mount_namespace(
        tmp_path,
        "ro,size=1m",
        f"{logo} scan no/such/site --contracts fixtures/demo/contracts.csv "
        "--format json -o $MNT/report.json",
    )
    one_line_error(run, "report.json")
    assert "not writable" in run.stderr


@pytest.mark.slow
def test_a_disk_filling_up_mid_write_keeps_the_previous_report(tmp_path: Path) -> None:
    """On a full file system the old report survives whole and no temporary file is left."""
    logo = f"{sys.executable} -m logocheck"
    run = _in_mount_namespace(
        tmp_path,
        "size=16k",
        f"echo previous > $MNT/audit.html && {logo} {' '.join(SCAN)} --format html "
        "-o $MNT/audit.html; code=$?; cat $MNT/audit.html; ls -a $MNT; exit $code",
    )
    assert run.returncode == 2, run.stderr
    assert "No space left on device" in run.stderr and "Traceback" not in run.stderr
    listing = run.stdout.split()
    assert listing[0] == "previous"
    assert sorted(listing[1:]) == [".", "..", "audit.html"]


@pytest.mark.slow
def test_a_closed_pipe_is_exit_2_with_one_line() -> None:
    """``| true`` has exited long before the report is written: EPIPE, reported in one line."""
    command = f"{sys.executable} -m logocheck {' '.join(SCAN)} --format html -o /dev/stdout | true"
    run = subprocess.run(
        ["bash", "-c", f"{command}; exit ${{PIPESTATUS[0]}}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"},
    )
    one_line_error(run, "/dev/stdout")
    assert "Broken pipe" in run.stderr
