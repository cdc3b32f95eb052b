"""Header cells to canonical fields: which column holds what.

Exports name the same field many ways ("Account Name", "Company name",
``Account.Name``, ``Contract_End_Date__c``). Headers are compared by a key
without case, punctuation, camel case, ``__c`` or a unit in brackets
("ARR (USD)" is "arr"), against the synonyms below; anything else is
mapped in config (``[tool.logocheck.contracts.columns]``, field = header).

Deliberately absent: "Annual Revenue" (Salesforce's company size, not what
the company pays us), "Type", "Renewal Date" and "Created Date" — each
means different things in different CRMs, so map them explicitly if wanted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from logocheck.errors import ConfigError, ContractsError

FIELDS = (
    "account",
    "domain",
    "aliases",
    "plan",
    "status",
    "start_date",
    "end_date",
    "arr",
    "mrr",
    "publicity",
    "publicity_expires",
    "logo",
)
REQUIRED = ("account",)
#: Fields whose columns are combined when several are present.
MULTI = frozenset({"domain", "aliases"})

SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "account": (
        "account", "account name", "company", "company name", "customer",
        "customer name", "organization", "organisation", "organization name",
        "organisation name", "org name", "client", "client name", "name",
        "associated company", "legal name", "account legal name",
    ),
    "domain": (
        "domain", "domains", "website", "web site", "website url", "company domain name",
        "company domain", "primary domain", "email domain", "url", "company website",
        "homepage", "web address",
    ),
    "aliases": (
        "aliases", "alias", "aka", "also known as", "other names", "dba",
        "doing business as", "trading name", "trading names", "brand names", "brands",
    ),
    "plan": (
        "plan", "plan name", "plan tier", "tier", "subscription plan", "pricing plan",
        "edition", "product tier", "subscription tier", "package",
    ),
    "status": (
        "status", "account status", "customer status", "subscription status",
        "contract status", "lifecycle stage", "stage", "deal stage",
    ),
    "start_date": (
        "start date", "start", "contract start date", "contract start", "subscription start",
        "subscription start date", "customer since", "became a customer date", "start_date",
    ),
    "end_date": (
        "end date", "end", "contract end date", "contract end", "subscription end",
        "subscription end date", "churn date", "churned date", "cancellation date",
        "cancelled date", "canceled date", "expiry date", "expiration date", "end_date",
    ),
    "arr": (
        "arr", "annual recurring revenue", "acv", "annual contract value", "contract value",
        "annual value", "yearly revenue",
    ),
    "mrr": ("mrr", "monthly recurring revenue", "monthly revenue", "monthly value"),
    "publicity": (
        "publicity", "publicity rights", "logo rights", "logo permission", "logo permissions",
        "logo usage", "logo approval", "marketing rights", "reference status",
        "publicity status", "customer reference", "name and logo rights",
    ),
    "publicity_expires": (
        "publicity expires", "publicity expiry", "publicity expiration",
        "publicity expiration date", "publicity end date", "logo rights expire",
        "logo rights expiry", "logo rights expiration", "logo rights expiration date",
        "logo rights end date",
    ),
    "logo": ("logo", "logo file", "logo path", "approved logo", "logo url", "logo image"),
}  # fmt: skip


def header_key(text: str) -> str:
    """A header cell as compared: ``Contract_End_Date__c`` -> ``contract end date``."""
    cell = text.strip().lstrip("\ufeff").strip('"').strip()
    cell = re.sub(r"__c$", "", cell)
    cell = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", cell)
    cell = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", cell)
    return " ".join(re.split(r"[\W_]+", cell.lower())).strip()


def one_line(text: str) -> str:
    """A cell as a message may quote it: whitespace and line breaks as one space."""
    return " ".join(text.split())


_BY_KEY = {header_key(s): field for field, names in SYNONYMS.items() for s in names}


@dataclass(frozen=True, slots=True)
class Columns:
    """Where each field is: column indexes (0-based) and header texts."""

    index: Mapping[str, tuple[int, ...]]
    header: tuple[str, ...]

    def first(self, field: str) -> int:
        """The column of a single-valued field, or -1 when absent."""
        found = self.index.get(field, ())
        return found[0] if found else -1

    def label(self, position: int) -> str:
        """The header as errors name it: on one line, or ``column N`` when blank."""
        return one_line(self.header[position]) or f"column {position + 1}"


def map_columns(
    header: Sequence[str], source: str, line: int, configured: Mapping[str, Any] | None = None
) -> Columns:
    """The field of each header cell; raises ContractsError on a bad header."""
    keys = [header_key(cell) for cell in header]
    _refuse_duplicates(header, keys, source, line)
    found: dict[str, list[int]] = {}
    explicit = _configured(configured or {}, keys, header, source, line)
    for position, key in enumerate(keys):
        field = _BY_KEY.get(key)
        if field and field not in explicit and position not in _positions(explicit):
            found.setdefault(field, []).append(position)
    found.update(explicit)
    _refuse_conflicts(found, header, source, line)
    for field in REQUIRED:
        if field not in found:
            names = ", ".join(repr(s) for s in SYNONYMS[field][:6])
            raise ContractsError(
                source,
                f"no {field} column (looked for {names} ...); "
                f'map it with [tool.logocheck.contracts.columns] {field} = "<header>"',
                line,
            )
    return Columns({f: tuple(p) for f, p in found.items()}, tuple(header))


def _positions(explicit: Mapping[str, list[int]]) -> set[int]:
    return {p for positions in explicit.values() for p in positions}


def _refuse_duplicates(header: Sequence[str], keys: list[str], source: str, line: int) -> None:
    seen: dict[str, int] = {}
    for position, key in enumerate(keys):
        if not key:
            continue
        if key in seen and key in _BY_KEY:
            first = seen[key]
            raise ContractsError(
                source,
                f"duplicate header {one_line(header[position])!r} "
                f"(columns {first + 1} and {position + 1})",
                line,
                one_line(header[position]),
            )
        seen.setdefault(key, position)


def _refuse_conflicts(
    found: Mapping[str, list[int]], header: Sequence[str], source: str, line: int
) -> None:
    for field, positions in found.items():
        if len(positions) > 1 and field not in MULTI:
            a, b = (one_line(header[p]) for p in positions[:2])
            raise ContractsError(
                source,
                f"columns {a!r} and {b!r} both look like {field}; choose one with "
                f'[tool.logocheck.contracts.columns] {field} = "<header>"',
                line,
                b,
            )


def _configured(
    table: Mapping[str, Any], keys: list[str], header: Sequence[str], source: str, line: int
) -> dict[str, list[int]]:
    """Positions of the columns named in config, validated against the file."""
    explicit: dict[str, list[int]] = {}
    for field, wanted in table.items():
        if field not in FIELDS:
            raise ConfigError("[tool.logocheck.contracts.columns]", f"unknown field {field!r}")
        names = [wanted] if isinstance(wanted, str) else wanted
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ConfigError("[tool.logocheck.contracts.columns]", f"{field} must be a header")
        explicit[field] = [_position(n, field, keys, source, line) for n in names]
    return explicit


def _position(name: str, field: str, keys: list[str], source: str, line: int) -> int:
    try:
        return keys.index(header_key(name))
    except ValueError:
        raise ContractsError(
            source,
            f"no column {name!r} (configured as {field} in [tool.logocheck.contracts.columns])",
            line,
        ) from None
