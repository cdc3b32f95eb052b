"""Start-up benchmark: ``--version``, ``--help`` and the demo scan, end to end.

Run from the repository root::

    python tests/bench/bench_startup.py [--repeat 7]

Each command runs ``--repeat`` times as a fresh process and the median
wall time counts; the peer is the bare interpreter (``python -c pass``) in
the same run, so the ratio shows what logocheck adds to Python's own start.
The console script's wrapper is bypassed (``python -m logocheck``), as
the interpreter is what both pay. Floors: ``--version`` and ``--help``
under 0.15 s, the demo scan under 0.6 s; exits 1 when one is missed. The
machine's load average is printed with the figures: on a shared machine
the wall times stretch with it, the CPU times much less.

The package's bytecode is compiled first (``compileall``), as an installed
package's is: with ``PYTHONDONTWRITEBYTECODE`` set and no ``__pycache__``,
every run would compile logocheck's sources again and time that instead.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMO = ["scan", "fixtures/demo/site", "--contracts", "fixtures/demo/contracts.csv"]
COMMANDS = {
    "python -c pass (peer)": ["-c", "pass"],
    "logocheck --version": ["-m", "logocheck", "--version"],
    "logocheck --help": ["-m", "logocheck", "--help"],
    "demo scan (8 pages)": ["-m", "logocheck", *DEMO],
}
FLOORS = {"logocheck --version": 0.15, "logocheck --help": 0.15, "demo scan (8 pages)": 0.6}


def once(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "logocheck", quiet=1)
    results: dict[str, tuple[float, float]] = {}
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in COMMANDS}
    for _ in range(args.repeat):  # interleaved, so a loaded moment hits every command
        for name, command in COMMANDS.items():
            runs[name].append(once(command))
    peer = statistics.median(w for w, _ in runs["python -c pass (peer)"])
    print(f"load average {os.getloadavg()[0]:.1f}; median of {args.repeat} fresh processes")
    ok = True
    for name in COMMANDS:
        wall = statistics.median(w for w, _ in runs[name])
        cpu = statistics.median(c for _, c in runs[name])
        results[name] = (wall, cpu)
        floor = FLOORS.get(name)
        verdict = "" if floor is None else ("  PASS" if wall <= floor else "  MISSED")
        if floor is not None:
            verdict += f" (floor {floor} s)"
            ok = ok and wall <= floor
        print(
            f"  {name:24} {wall:6.3f} s wall {cpu:6.3f} s CPU  {wall / peer:5.1f}x python{verdict}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
