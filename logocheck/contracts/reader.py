"""Rows of a contracts export, parsed cell by cell with their line numbers.

``read_rows`` opens the file (``dialect``), maps its header (``columns``)
and yields one ``Row`` per record. A bad cell raises a ``ContractsError``
naming ``file:line:column``; a record that spans lines because a quoted
cell holds a newline is named by its first line, and the message gives the
last. Doubtful but readable cells (an unknown plan, a malformed domain)
become warnings, or errors with ``strict``.

The loop runs once per row of exports with a million rows, so it reads
cells by precomputed position and leaves parsing to cached parsers.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple, NoReturn, TypeVar

from logocheck.contracts.classify import Classifier
from logocheck.contracts.columns import Columns, map_columns
from logocheck.contracts.dialect import Dialect, decoding_error, open_lines
from logocheck.contracts.names import Normalizer, normalize_domain
from logocheck.contracts.values import (
    DateParser,
    MoneyParser,
    PublicityParser,
    split_list,
)
from logocheck.errors import ContractsError
from logocheck.model import Contract

T = TypeVar("T")
_intern = sys.intern
csv.field_size_limit(1 << 24)


@dataclass(frozen=True, slots=True)
class ContractsWarning:
    """A doubtful row: readable, but a human should look at it."""

    line: int
    message: str
    column: str = ""

    def __str__(self) -> str:
        place = f"{self.line}:{self.column}" if self.column else str(self.line)
        return f"{place}: {self.message}"


class Row(NamedTuple):
    """One record: the company it names and the contract it describes."""

    line: int
    name: str
    domains: tuple[str, ...]
    aliases: tuple[str, ...]
    logo: str | None
    contract: Contract


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


class RowReader:
    """Reads one file; ``rows()`` yields, ``warnings`` collects as it goes."""

    def __init__(
        self, path: Path, options: Options, encoding: str | None, delimiter: str | None
    ) -> None:
        self.path = path
        self.source = str(path)
        self.options = options
        self.encoding = encoding
        self.delimiter = delimiter
        self.warnings: list[ContractsWarning] = []
        self.rows_read = 0
        self.columns: Columns | None = None
        self.dialect: Dialect | None = None

    def rows(self) -> Iterator[Row]:
        with open_lines(self.path, self.encoding, self.delimiter) as (dialect, lines):
            self.dialect = dialect
            try:
                yield from self._records(dialect, lines)
            except UnicodeDecodeError as error:
                raise decoding_error(self.path, dialect.encoding, error) from None

    def _records(self, dialect: Dialect, lines: Iterator[str]) -> Iterator[Row]:
        reader = csv.reader(lines, delimiter=dialect.delimiter, strict=True)
        offset = dialect.skipped
        header = self._next(reader, offset)
        if header is None:
            raise ContractsError(self.source, "no header line", offset + 1)
        self.columns = map_columns(header, self.source, offset + 1, self.options.columns)
        cells = _Cells(self, self.columns, len(header))
        last = reader.line_num
        while (record := self._next(reader, offset + last)) is not None:
            first, last = last + 1, reader.line_num
            row = cells.row(record, first + offset, last + offset)
            if row is not None:
                self.rows_read += 1
                yield row
        if not self.rows_read:
            self.warn(ContractsWarning(offset + 1, "no account rows after the header"))

    def _next(self, reader: Any, line: int) -> list[str] | None:
        try:
            return next(reader)  # type: ignore[no-any-return]
        except StopIteration:
            return None
        except csv.Error as error:
            raise ContractsError(
                self.source, f"malformed CSV ({error}); a quote is probably unclosed", line + 1
            ) from None

    def warn(self, warning: ContractsWarning) -> None:
        if self.options.strict:
            raise ContractsError(self.source, warning.message, warning.line, warning.column)
        self.warnings.append(warning)


class _Cells:
    """Turns the cells of one record into a Row, knowing where each field is."""

    def __init__(self, reader: RowReader, columns: Columns, width: int) -> None:
        self.reader = reader
        self.columns = columns
        self.width = width
        self.opts = reader.options
        first = columns.first
        self.at = {name: first(name) for name in columns.index}
        self.domain_at = columns.index.get("domain", ())
        self.alias_at = columns.index.get("aliases", ())
        self.has_publicity = "publicity" in columns.index

    def row(self, record: list[str], first: int, last: int) -> Row | None:
        self.first, self.last = first, last
        if len(record) != self.width:
            record = self._fit(record)
        at = self.at
        name = record[at["account"]].strip()
        if not name:
            if any(cell.strip() for cell in record):
                self._warn("account", "row has no account name; skipped")
            return None
        contract = Contract(
            line=first,
            plan=_intern(self._text("plan", record)),
            status=_intern(self._text("status", record)),
            start=self._value("start_date", record, self.opts.dates),
            end=self._value("end_date", record, self.opts.dates),
            revenue=self._revenue(record),
            publicity=self._publicity(record),
            publicity_expires=self._value("publicity_expires", record, self.opts.dates),
        )
        self._check_vocab(contract)
        logo = self._text("logo", record) or None
        return Row(first, name, self._domains(record), self._aliases(record), logo, contract)

    def _fit(self, record: list[str]) -> list[str]:
        if len(record) < self.width:
            return record + [""] * (self.width - len(record))
        if any(cell.strip() for cell in record[self.width :]):
            self._fail(
                self.width,
                f"row has {len(record)} cells but the header has {self.width}; "
                "is a delimiter inside an unquoted cell?",
            )
        return record[: self.width]

    def _text(self, name: str, record: list[str]) -> str:
        position = self.at.get(name, -1)
        return record[position].strip() if position >= 0 else ""

    def _value(self, name: str, record: list[str], parse: Callable[[str], T]) -> T | None:
        position = self.at.get(name, -1)
        if position < 0:
            return None
        text = record[position]
        if not text or text.isspace():
            return None
        try:
            return parse(text)
        except ValueError as error:
            self._fail(position, str(error))

    def _revenue(self, record: list[str]) -> Decimal | None:
        arr = self._value("arr", record, self.opts.money)
        if arr is not None:
            return arr
        mrr = self._value("mrr", record, self.opts.money)
        return mrr * 12 if mrr is not None else None

    def _publicity(self, record: list[str]) -> Any:
        if not self.has_publicity:
            return None
        position = self.at["publicity"]
        try:
            return self.opts.publicity(record[position])
        except ValueError as error:
            self._warn("publicity", f"{error}; read as 'none'")
            return "none"

    def _domains(self, record: list[str]) -> tuple[str, ...]:
        found: list[str] = []
        for position in self.domain_at:
            for item in split_list(record[position], ";|\n, "):
                domain = normalize_domain(item)
                if domain is None:
                    self._warn("domain", f"{item!r} is not a domain; ignored")
                elif domain not in found:
                    found.append(domain)
        return tuple(found)

    def _aliases(self, record: list[str]) -> tuple[str, ...]:
        found: list[str] = []
        for position in self.alias_at:
            found.extend(a for a in split_list(record[position]) if a not in found)
        return tuple(found)

    def _check_vocab(self, contract: Contract) -> None:
        classifier = self.opts.classifier
        if contract.plan and classifier.plan_kind(contract.plan) == "unknown":
            self._warn(
                "plan",
                f"unknown plan {contract.plan!r}; classified by status, revenue and dates "
                "(add it to [tool.logocheck.vocab.plans])",
            )
        if contract.status and classifier.status_kind(contract.status) == "unknown":
            self._warn(
                "status",
                f"unknown status {contract.status!r}; ignored "
                "(add it to [tool.logocheck.vocab.plans])",
            )

    def _span(self) -> str:
        return f" (record spans lines {self.first}-{self.last})" if self.last > self.first else ""

    def _warn(self, name: str, message: str) -> None:
        position = self.at.get(name, self.domain_at[0] if name == "domain" else -1)
        label = self.columns.label(position) if position >= 0 else name
        self.reader.warn(ContractsWarning(self.first, message + self._span(), label))

    def _fail(self, position: int, message: str) -> NoReturn:
        label = self.columns.label(position) if position < self.width else ""
        raise ContractsError(self.reader.source, message + self._span(), self.first, label)
