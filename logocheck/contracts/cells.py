"""One record's cells to a one-row account: the loop a million rows go through.

``Cells(...).row_reader()`` gives the function ``reader`` calls per record.
Each column has a ``_Cache`` that parses a cell text once and remembers
it, since exports repeat the same plans, statuses, dates and amounts on
thousands of rows; every field is picked in one ``itemgetter`` call, and a
field the file lacks reads a blank cell appended after the last column.
The ``Contract`` and ``Account`` records are built positionally here, in
the order the model's ``dataclasses.fields`` give (``bulk.positional``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Any, NoReturn

from logocheck.contracts.bulk import positional
from logocheck.contracts.classify import Classifier
from logocheck.contracts.columns import Columns
from logocheck.contracts.names import Normalizer, normalize_domain, plain_domain
from logocheck.contracts.values import (
    PUBLICITY,
    DateParser,
    MoneyParser,
    PublicityParser,
    split_list,
)
from logocheck.errors import ContractsError
from logocheck.model import Account, Contract, Publicity

_CACHE_LIMIT = 100_000
_CONTRACT = positional(Contract, "line plan status start end revenue publicity publicity_expires")
_ACCOUNT = positional(
    Account,
    "name category reason domains aliases publicity publicity_expires logo line contracts",
)
_APPROVALS = frozenset({"approved", "approved-with-review", "case-study-only"})


@dataclass(frozen=True, slots=True)
class ContractsWarning:
    """A doubtful row: readable, but a human should look at it.

    ``message`` names the problem without the cell's text, which is the
    contracts file's own; ``details`` quotes it too, for
    ``--include-contract-details`` and for ``strict`` errors.
    """

    line: int
    message: str
    column: str = ""
    details: str = ""

    def text(self, details: bool) -> str:
        return (self.details or self.message) if details else self.message

    def __str__(self) -> str:
        return self.describe(details=False)

    def describe(self, details: bool) -> str:
        """``line:column: message``, quoting the cell only with ``details``."""
        place = f"{self.line}:{self.column}" if self.column else str(self.line)
        return f"{place}: {self.text(details)}"


@dataclass(slots=True)
class Options:
    """How cells are read; built from ``[tool.logocheck.contracts]``."""

    dates: DateParser
    money: MoneyParser
    publicity: PublicityParser
    classifier: Classifier
    names: Normalizer
    strict: bool = False
    columns: Mapping[str, Any] = field(default_factory=dict)


class _CellError(Exception):
    def __init__(self, position: int, message: str) -> None:
        super().__init__(message)
        self.position = position


class _Cache(dict[str, Any]):
    """Parsed cells of one column by their text; a miss parses and remembers.

    Hits cost one dict lookup, which is what a million rows that repeat the
    same plans, dates and amounts need. Parse errors carry the column.
    """

    def __init__(self, parse: Callable[[str], Any], position: int = -1, blank: Any = None) -> None:
        super().__init__({"": blank})
        self.parse = parse
        self.position = position
        self.blank = blank

    def __missing__(self, cell: str) -> Any:
        try:
            value = self.blank if cell.isspace() else self.parse(cell)
        except ValueError as error:
            raise _CellError(self.position, str(error)) from None
        if len(self) < _CACHE_LIMIT:
            self[cell] = value
        return value


class Cells:
    """Turns the cells of one record into a one-row Account.

    Every field is picked in one ``itemgetter`` call; a field the file
    lacks reads the blank cell appended after the last column.
    """

    def __init__(
        self,
        options: Options,
        columns: Columns,
        source: str,
        warn: Callable[[ContractsWarning], None],
    ) -> None:
        self.source = source
        self.warn = warn
        self.columns = columns
        self.width = width = len(columns.header)
        self.classifier = options.classifier
        self.as_of = options.classifier.as_of
        self.account = columns.first("account")
        self.unknown_plans: set[str] = set()
        self.unknown_statuses: set[str] = set()

        def at(name: str) -> int:
            found = columns.first(name)
            return found if found >= 0 else width

        self.pick = itemgetter(*(at(name) for name in _PICKED))
        self.texts = _Cache(lambda cell: sys.intern(cell.strip()), blank="")
        self.plans = _Cache(self._plan, blank="")
        self.statuses = _Cache(self._status, blank="")
        self.start = _Cache(options.dates, at("start_date"))
        self.end = _Cache(options.dates, at("end_date"))
        self.expires = _Cache(options.dates, at("publicity_expires"))
        self.arr = _Cache(options.money, at("arr"))
        self.mrr = _Cache(options.money, at("mrr"))
        self.publicity = _Cache(_lenient(options.publicity), at("publicity"))
        self.domain_at = columns.index.get("domain", ())
        self.one_domain = self.domain_at[0] if len(self.domain_at) == 1 else -1
        self.domains = _Cache(_domain_list, blank=((), ()))
        self.alias_at = columns.index.get("aliases", ())
        self._parsers = {
            "start_date": self.start, "end_date": self.end, "publicity_expires": self.expires,
            "arr": self.arr, "mrr": self.mrr, "publicity": self.publicity,
        }  # fmt: skip

    def reads(self, field: str, cell: str) -> tuple[bool, Any]:
        """Whether ``cell`` of ``field`` reads without a message, and its value.

        The columnar reader asks this once per distinct cell of a column; a
        row with a cell that does not read plainly goes through ``row_reader``.
        """
        try:
            if field in ("plan", "status"):
                value = (self.plans if field == "plan" else self.statuses)[cell]
                unknown = self.unknown_plans if field == "plan" else self.unknown_statuses
                return value not in unknown, value
            value = self._parsers[field][cell]
        except _CellError:
            return False, None
        if field == "publicity":
            return value.__class__ is not _Unknown, value
        return value is not None or field != "mrr" or not cell, value

    def row_reader(self) -> Callable[[list[str], int, int], Account | None]:
        """The per-record function, with everything it needs bound in its closure.

        It runs once per row of million-row exports; closure variables are
        read faster than attributes of ``self``.
        """
        width, pick, texts, plans, statuses = (
            self.width,
            self.pick,
            self.texts,
            self.plans,
            self.statuses,
        )
        arr, mrr, publicity, start, end, expires = (
            self.arr, self.mrr, self.publicity, self.start, self.end, self.expires,
        )  # fmt: skip
        domain_cells, one_domain, alias_at = self.domains, self.one_domain, self.alias_at
        unknown_plans, unknown_statuses = self.unknown_plans, self.unknown_statuses
        classify, as_of = self.classifier.classify, self.as_of
        make_contract, make_account = _CONTRACT, _ACCOUNT

        def row(record: list[str], first: int, last: int) -> Account | None:
            if len(record) != width:
                if len(record) <= 1 < width:
                    self._lone_cell(record, first, last)
                    return None
                record = self._fit(record, first, last)
            record.append("")
            name, plan, status, begins, ends, annual, monthly, granted, until, logo = pick(record)
            name = name.strip()
            if not name:
                self._nameless(record, first, last)
                return None
            try:
                revenue = arr[annual]
                if revenue is None and monthly:
                    revenue = mrr[monthly] * 12
                granted = publicity[granted]
                if granted.__class__ is _Unknown:
                    granted = self._unknown_publicity(granted, first, last)
                contract = make_contract(
                    first, plans[plan], statuses[status], start[begins], end[ends],
                    revenue, granted, expires[until],
                )  # fmt: skip
            except _CellError as error:
                self._fail(first, last, error.position, str(error))
            if one_domain >= 0:
                domains, bad = domain_cells[record[one_domain]]
                if bad:
                    self._bad_domains(bad, one_domain, first, last)
            else:
                domains = self._domains(record, first, last)
            if contract.plan in unknown_plans or contract.status in unknown_statuses:
                self._warn_vocab(contract, first, last)
            category, reason = classify(contract)
            if granted is not None and contract.publicity_expires is not None:
                granted = effective_publicity(contract, as_of)
            return make_account(
                name, category, reason, domains, self._aliases(record) if alias_at else (),
                granted, contract.publicity_expires, texts[logo] or None, first, (contract,),
            )  # fmt: skip

        return row

    def _nameless(self, record: list[str], first: int, last: int) -> None:
        if any(cell.strip() for cell in record):
            self._warn(first, last, self.account, "row has no account name; skipped")

    def _lone_cell(self, record: list[str], first: int, last: int) -> None:
        """A blank line, or a line of text such as a report's footer: not a record."""
        if record and record[0].strip():
            cell = f"{record[0].strip()[:60]!r}"
            message = "a single cell{}, not a record; skipped"
            self._warn(first, last, -1, message, cell=cell)

    def _unknown_publicity(self, cell: str, first: int, last: int) -> Publicity:
        message = f"unknown publicity{{}} (expected {', '.join(PUBLICITY)}); read as 'none'"
        self._warn(first, last, -1, message, "publicity", f"{cell.strip()!r}")
        return "none"

    def _domains(self, record: list[str], first: int, last: int) -> tuple[str, ...]:
        found: tuple[str, ...] = ()
        for position in self.domain_at:
            domains, bad = self.domains[record[position]]
            self._bad_domains(bad, position, first, last)
            found = found + domains if found else domains
        return found if len(found) < 2 else tuple(dict.fromkeys(found))

    def _bad_domains(self, bad: tuple[str, ...], position: int, first: int, last: int) -> None:
        for item in bad:
            self._warn(first, last, position, "not a domain{}; ignored", cell=f"{item!r}")

    def _aliases(self, record: list[str]) -> tuple[str, ...]:
        found: tuple[str, ...] = ()
        for position in self.alias_at:
            found += tuple(a for a in split_list(record[position]) if a not in found)
        return found

    def _plan(self, cell: str) -> str:
        plan = sys.intern(cell.strip())
        if plan and self.classifier.plan_kind(plan) == "unknown":
            self.unknown_plans.add(plan)
        return plan

    def _status(self, cell: str) -> str:
        status = sys.intern(cell.strip())
        if status and self.classifier.status_kind(status) == "unknown":
            self.unknown_statuses.add(status)
        return status

    def _warn_vocab(self, contract: Contract, first: int, last: int) -> None:
        hint = "(add it to [tool.logocheck.vocab.plans])"
        if contract.plan in self.unknown_plans:
            message = "unknown plan{}; classified by status, revenue and dates"
            self._warn(first, last, -1, f"{message} {hint}", "plan", f"{contract.plan!r}")
        if contract.status in self.unknown_statuses:
            message = f"unknown status{{}}; ignored {hint}"
            self._warn(first, last, -1, message, "status", f"{contract.status!r}")

    def _fit(self, record: list[str], first: int, last: int) -> list[str]:
        if len(record) < self.width:
            return record + [""] * (self.width - len(record))
        if any(cell.strip() for cell in record[self.width :]):
            message = (
                f"row has {len(record)} cells but the header has {self.width}; "
                "is a delimiter inside an unquoted cell?"
            )
            self._fail(first, last, -1, message)
        return record[: self.width]

    def _label(self, position: int, field: str) -> str:
        if position < 0 and field:
            position = self.columns.first(field)
        return self.columns.label(position) if 0 <= position < self.width else ""

    def _warn(
        self, first: int, last: int, position: int, message: str, field: str = "", cell: str = ""
    ) -> None:
        """One warning in both forms: ``{}`` in ``message`` is where ``cell`` is quoted."""
        label, span = self._label(position, field), _span(first, last)
        details = message.format(f" {cell}" if cell else "") + span
        self.warn(ContractsWarning(first, message.format("") + span, label, details))

    def _fail(self, first: int, last: int, position: int, message: str) -> NoReturn:
        label = self._label(position, "")
        raise ContractsError(self.source, message + _span(first, last), first, label)


_PICKED = (
    "account", "plan", "status", "start_date", "end_date", "arr", "mrr",
    "publicity", "publicity_expires", "logo",
)  # fmt: skip


def _span(first: int, last: int) -> str:
    return f" (record spans lines {first}-{last})" if last > first else ""


class _Unknown(str):
    """An unknown publicity value; ``_Cells`` warns and reads it as ``none``."""


def _lenient(parse: PublicityParser) -> Callable[[str], Publicity | _Unknown | None]:
    """Publicity that never raises, so a typo warns instead of stopping the load."""

    def publicity(cell: str) -> Publicity | _Unknown | None:
        try:
            return parse(cell)
        except ValueError:
            return _Unknown(cell)

    return publicity


def _domain_list(cell: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The domains of a cell, and the items that are not domains."""
    single = plain_domain(cell)
    if single is not None:
        return (single,), ()
    good: list[str] = []
    bad: list[str] = []
    for item in split_list(cell, ";|\n, "):
        domain = normalize_domain(item)
        if domain is None:
            bad.append(item)
        elif domain not in good:
            good.append(domain)
    return tuple(good), tuple(bad)


def effective_publicity(contract: Contract, as_of: date) -> Publicity | None:
    """The contract's publicity on ``as_of``: an approval past its expiry is ``none``."""
    value = contract.publicity
    expires = contract.publicity_expires
    if expires is not None and value in _APPROVALS and expires < as_of:
        return "none"
    return value
