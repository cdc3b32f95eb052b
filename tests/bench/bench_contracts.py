"""Benchmark: a million-row CRM export loaded, classified, indexed and joined.

Run from the repository root::

    python tests/bench/bench_contracts.py            # 1,000,000 rows
    python tests/bench/bench_contracts.py --rows 200000 --keep /tmp/crm.csv

Floors (issue 3): load + classify + index in at most 10 s and 1 GiB peak
memory, and matching 1,000 brands in at most 1 s. The script prints the
figures and exits 1 when a floor is missed.

The export looks like a product-led company's CRM: mostly free signups
(many with a gmail.com address), a few percent paying, trialling and
churned accounts, companies with a paid contract and an old free signup,
Salesforce-style headers and extra columns nobody maps. The brands mix
exact names written differently, typos, domains only and unknown names.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from logocheck.contracts import AccountIndex, load_contracts

AS_OF = date(2026, 11, 29)
SYLLABLES = [
    "ac",
    "ar",
    "bel",
    "bor",
    "cal",
    "cor",
    "dan",
    "del",
    "dor",
    "el",
    "en",
    "fal",
    "fen",
    "gal",
    "gor",
    "hal",
    "hen",
    "il",
    "in",
    "jor",
    "kal",
    "kor",
    "lan",
    "len",
    "lor",
    "mal",
    "mar",
    "mel",
    "nor",
    "nov",
    "or",
    "pal",
    "pen",
    "quil",
    "ral",
    "ren",
    "sal",
    "sel",
    "sor",
    "tal",
    "ter",
    "tor",
    "ul",
    "val",
    "ven",
    "vor",
    "wen",
    "xan",
    "yor",
    "zel",
    "zor",
    "ab",
    "bri",
    "cra",
    "dru",
    "eth",
    "fro",
    "gli",
    "hux",
    "ix",
    "jun",
    "kle",
    "lum",
    "mox",
    "nex",
    "oph",
    "pry",
    "qua",
    "rix",
    "sty",
    "tav",
    "uni",
    "vex",
    "wix",
    "yel",
    "zam",
    "bo",
    "ca",
    "de",
    "fi",
    "go",
    "hu",
    "ki",
    "lo",
    "mu",
    "ne",
    "pi",
    "ro",
    "su",
    "ti",
    "vo",
]
WORDS = [
    "Labs",
    "Systems",
    "Software",
    "Analytics",
    "Cloud",
    "Data",
    "Health",
    "Logistics",
    "Media",
    "Foods",
    "Robotics",
    "Energy",
    "Bank",
    "Capital",
    "Studio",
    "Works",
    "Group",
    "Partners",
    "Digital",
    "Security",
]
SUFFIXES = ("", "", "", " Inc", " Inc.", " LLC", " Ltd", " GmbH", " SA", " Corp.", " plc")
HEADER = [
    "Account ID",
    "Account Name",
    "Website",
    "Plan Tier",
    "Account Status",
    "Contract Start Date",
    "Contract End Date",
    "Annual Recurring Revenue",
    "Logo Rights",
    "Billing Country",
    "Account Owner",
    "Industry",
]


def company(rng: random.Random, number: int | None = None) -> str:
    """An invented company name; distinct for distinct ``number``s."""
    if number is None:
        number = rng.randrange(10**8, 10**9)
    syllables = []
    while number or len(syllables) < 2:
        number, digit = divmod(number, len(SYLLABLES))
        syllables.append(SYLLABLES[digit])
    word = "".join(syllables).capitalize()
    if rng.random() < 0.5:
        word += " " + "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()
    if rng.random() < 0.5:
        word += " " + rng.choice(WORDS)
    return word


def generate(path: Path, rows: int, seed: int = 7) -> list[tuple[str, str]]:
    """Write the export; return (name, domain) of some companies for the brands."""
    rng = random.Random(seed)
    sample: list[tuple[str, str]] = []
    epoch = date(2018, 1, 1)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for number in range(rows):
            name = company(rng, number)
            slug = name.lower().replace(" ", "")
            domain = f"{slug}.example" if rng.random() < 0.7 else "gmail.com"
            start = epoch + timedelta(days=rng.randrange(3000))
            kind = rng.random()
            if kind < 0.90:
                plan, status, end, arr = "Free", "Active", "", "0"
            elif kind < 0.95:
                plan, status, arr = rng.choice(("Team", "Business", "Enterprise")), "Active", ""
                end = (start + timedelta(days=365 * rng.randint(1, 12))).isoformat()
                arr = f"${rng.randrange(1000, 500000):,}.00"
            elif kind < 0.97:
                plan, status, end, arr = "Trial", "Trial", "", "0"
            else:
                plan, status, arr = "Business", "Churned", "12,000.00"
                end = (start + timedelta(days=365)).isoformat()
            logo = rng.choice(("approved", "none", "", "", "approved-with-review"))
            out.writerow(
                [
                    f"001{number:012d}",
                    name + rng.choice(SUFFIXES),
                    domain,
                    plan,
                    status,
                    start.isoformat(),
                    end,
                    arr,
                    logo,
                    rng.choice(("US", "DE", "FR", "GB", "JP")),
                    "Pat Example",
                    rng.choice(WORDS),
                ]
            )
            if rng.random() < 0.01:  # the same company, an older free signup
                out.writerow(
                    ["", name, domain, "Free", "Active", epoch.isoformat(), "", "0", "", "", "", ""]
                )
            if len(sample) < 5000 and rng.random() < 0.01:
                sample.append((name, domain))
    return sample


def brands(sample: list[tuple[str, str]], count: int = 1000) -> list[tuple[str | None, list[str]]]:
    """Brands as a site shows them: exact, restyled, misspelt, by domain, unknown."""
    rng = random.Random(11)
    out: list[tuple[str | None, list[str]]] = []
    for i in range(count):
        name, domain = sample[i % len(sample)]
        mode = i % 5
        if mode == 0:
            out.append((name, []))
        elif mode == 1:
            out.append((f"The {name.upper()}, Inc.", []))
        elif mode == 2:
            cut = rng.randrange(1, len(name) - 1)
            out.append((name[:cut] + name[cut + 1 :], []))
        elif mode == 3:
            out.append((None, [f"https://www.{domain}/customers"]))
        else:
            out.append((company(rng) + " Zq", []))
    return out


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(path: Path, brands_file: Path) -> int:
    """Load, index and join in this (fresh) process; print the figures."""
    queries = json.loads(brands_file.read_text())
    base = peak_mib()
    started, cpu = time.perf_counter(), time.process_time()
    contracts = load_contracts(path, as_of=AS_OF)
    loaded = time.perf_counter()
    index = AccountIndex(contracts.accounts)
    indexed, cpu = time.perf_counter(), time.process_time() - cpu
    peak = peak_mib()

    methods: dict[str, int] = {}
    match_start = time.perf_counter()
    for name, domains in queries:
        found = index.lookup(name, domains)
        methods[found.method] = methods.get(found.method, 0) + 1
    matched = time.perf_counter() - match_start

    build = indexed - started
    size = path.stat().st_size / 2**20
    print(f"export: {contracts.rows:,} rows, {size:.0f} MiB; {len(contracts.accounts):,} accounts")
    print(f"load+classify: {loaded - started:.2f} s; index: {indexed - loaded:.2f} s")
    print(f"load+classify+index: {build:.2f} s wall, {cpu:.2f} s CPU (floor 10 s)")
    print(f"peak RSS: {peak:.0f} MiB (interpreter and imports {base:.0f} MiB; floor 1024 MiB)")
    print(f"matching {len(queries)} brands: {matched:.3f} s (floor 1 s); {sorted(methods.items())}")
    return 0 if build <= 10 and peak <= 1024 and matched <= 1 else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="write the export here and keep it")
    parser.add_argument("--reuse", action="store_true", help="reuse the --keep file if present")
    parser.add_argument("--measure", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        return measure(*args.measure)
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "crm.csv"
        target = Path(folder) / "again.csv" if args.reuse and path.exists() else path
        queries = brands(generate(target, args.rows))
        brands_file = Path(folder) / "brands.json"
        brands_file.write_text(json.dumps(queries))
        # A fresh process, so peak memory and timings are the load's alone.
        command = [sys.executable, __file__, "--measure", str(path), str(brands_file)]
        return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
