"""The canonical columns of a plain UTF-8 export, end to end."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from logocheck.contracts import AccountIndex, load_contracts

AS_OF = date(2026, 11, 29)
CANONICAL = """\
account,domain,aliases,plan,status,start_date,end_date,publicity
Globex Corporation,globex.com,Globex,Enterprise,Active,2024-01-01,2027-12-31,approved
Initech,initech.com,,Free,Active,2023-01-01,,
Hooli,hooli.xyz;hooli.com,Hooli XYZ,Business,Churned,2020-01-01,2022-01-01,none
Umbrella Corp,umbrella.com,,Trial,,2026-11-01,2026-12-31,
Globex Inc.,globex.de,,Free,,2019-01-01,,
"""


def load(tmp_path: Path, text: str = CANONICAL):  # type: ignore[no-untyped-def]
    path = tmp_path / "contracts.csv"
    path.write_text(text, encoding="utf-8")
    return load_contracts(path, as_of=AS_OF)


def test_canonical_columns_are_read_merged_and_classified(tmp_path: Path) -> None:
    contracts = load(tmp_path)
    got = {a.name: (a.category, a.line) for a in contracts.accounts}
    assert got == {
        "Globex Corporation": ("paid", 2),
        "Initech": ("free", 3),
        "Hooli": ("lapsed", 4),
        "Umbrella Corp": ("trial", 5),
    }
    assert contracts.rows == 5
    assert contracts.has_publicity


def test_exact_alias_and_domain_lookups(tmp_path: Path) -> None:
    index = AccountIndex(load(tmp_path).accounts)
    assert index.lookup("The Globex Corp.").method == "name"
    hooli = index.lookup("Hooli XYZ")
    assert (hooli.method, hooli.account and hooli.account.name) == ("alias", "Hooli")
    by_domain = index.lookup(None, ["https://blog.hooli.com/story"])
    assert (by_domain.method, by_domain.account and by_domain.account.name) == ("domain", "Hooli")
    assert index.lookup("Vandelay Industries").method == "none"
