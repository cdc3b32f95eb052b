"""Write a contracts export and load it, so each test states only what differs.

contracts = load_text(tmp_path, "account,plan\\nGlobex,Free\\n")
assert by_name(contracts)["Globex"].category == "free"
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from logocheck.contracts import Contracts, load_contracts
from logocheck.errors import ContractsError
from logocheck.model import Account

AS_OF = date(2026, 11, 29)
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "contracts"


def write(folder: Path, text: str | bytes, *, encoding: str = "utf-8", name: str = "c.csv") -> Path:
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
    return path


def load_text(folder: Path, text: str | bytes, **options: Any) -> Contracts:
    encoding = options.pop("file_encoding", "utf-8")
    options.setdefault("as_of", AS_OF)
    return load_contracts(write(folder, text, encoding=encoding), **options)


def refused(folder: Path, text: str | bytes, **options: Any) -> str:
    """The one-line error a bad export gets, with the file name cut to 'c.csv'."""
    with pytest.raises(ContractsError) as caught:
        load_text(folder, text, **options)
    message = str(caught.value)
    assert "\n" not in message
    return message.replace(str(folder) + "/", "")


def by_name(contracts: Contracts) -> dict[str, Account]:
    return {a.name: a for a in contracts.accounts}


def categories(contracts: Contracts) -> dict[str, str]:
    return {a.name: a.category for a in contracts.accounts}
