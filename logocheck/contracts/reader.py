"""Rows of a contracts export, each read as a one-contract account.

``RowReader.rows()`` opens the file (``dialect``), maps its header
(``columns``) and yields one ``Account`` per record, already classified;
``merge`` then joins the rows of one company. A bad cell raises a
``ContractsError`` naming ``file:line:column``; a record that spans lines
because a quoted cell holds a newline is named by its first line, and the
message gives the last. Doubtful but readable cells (an unknown plan, a
malformed domain) become warnings, or errors with ``strict``; after a few
of the same kind the rest are counted, not listed.

The cells of each record are read by ``cells``, written for exports with
a million rows.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from logocheck.contracts.cells import Cells, ContractsWarning, Options
from logocheck.contracts.columns import Columns, map_columns
from logocheck.contracts.dialect import Dialect, decoding_error, open_lines
from logocheck.errors import ContractsError
from logocheck.model import Account

__all__ = ["ContractsWarning", "Options", "RowReader"]

_SAME_WARNINGS = 5
#: Notes cells in CRM exports can exceed the csv module's 128 KiB default.
_FIELD_LIMIT = 1 << 24


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
        self.rows_read = 0
        self.columns: Columns | None = None
        self.dialect: Dialect | None = None
        self._warnings: list[ContractsWarning] = []
        self._counts: dict[tuple[str, str], int] = {}
        self._folded: dict[tuple[str, str], ContractsWarning] = {}

    @property
    def warnings(self) -> list[ContractsWarning]:
        """Every warning, with repeats of one kind folded into a count."""
        folded = [
            ContractsWarning(w.line, w.message + more, w.column, w.details and w.details + more)
            for key, w in self._folded.items()
            for more in [f" (and {self._counts[key] - _SAME_WARNINGS - 1:,} more rows)"]
        ]
        return sorted(self._warnings + folded, key=lambda w: w.line)

    def rows(self) -> Iterator[Account]:
        """One account per record, read lazily (one generator: a million rows)."""
        opened = open_lines(self.path, self.encoding, self.delimiter)
        with _long_fields(), opened as (dialect, lines):
            self.dialect = dialect
            offset = dialect.skipped
            reader = csv.reader(lines, delimiter=dialect.delimiter, strict=True)
            row_of = self._header(reader, dialect)
            last, count = reader.line_num, 0
            try:
                for record in reader:
                    first, last = last + 1, reader.line_num
                    row = row_of(record, first + offset, last + offset)
                    if row is not None:
                        count += 1
                        yield row
            except csv.Error as error:
                raise ContractsError(self.source, _malformed(error), offset + last + 1) from None
            except UnicodeDecodeError as error:
                raise decoding_error(self.path, dialect.encoding, error) from None
            finally:
                self.rows_read = count
        if not count:
            self.warn(ContractsWarning(offset + 1, "no account rows after the header"))

    def _header(
        self, reader: Any, dialect: Dialect
    ) -> Callable[[list[str], int, int], Account | None]:
        """Map the header line; the function that reads the records under it."""
        line = dialect.skipped + 1
        try:
            header = self._next(reader, line - 1)
        except UnicodeDecodeError as error:
            raise decoding_error(self.path, dialect.encoding, error) from None
        if header is None:
            raise ContractsError(self.source, "no header line", line)
        return self.begin(header, dialect).row_reader()

    def begin(self, header: list[str], dialect: Dialect) -> Cells:
        """Map the header read at the dialect's first line; the cells reader under it."""
        self.dialect = dialect
        self.columns = map_columns(header, self.source, dialect.skipped + 1, self.options.columns)
        return Cells(self.options, self.columns, self.source, self.warn)

    def _next(self, reader: Any, line: int) -> list[str] | None:
        try:
            return next(reader)  # type: ignore[no-any-return]
        except StopIteration:
            return None
        except csv.Error as error:
            raise ContractsError(self.source, _malformed(error), line + 1) from None

    def warn(self, warning: ContractsWarning) -> None:
        if self.options.strict:
            raise ContractsError(self.source, warning.text(True), warning.line, warning.column)
        key = (warning.column, warning.details or warning.message)
        count = self._counts[key] = self._counts.get(key, 0) + 1
        if count <= _SAME_WARNINGS:
            self._warnings.append(warning)
        else:
            self._folded.setdefault(key, warning)


@contextmanager
def _long_fields() -> Iterator[None]:
    """Raise the csv module's cell size limit while reading, then restore it."""
    limit = csv.field_size_limit(_FIELD_LIMIT)
    try:
        yield
    finally:
        csv.field_size_limit(limit)


def _malformed(error: csv.Error) -> str:
    if "unexpected end of data" in str(error):
        return f"malformed CSV ({error}); is a quote left open?"
    if "expected after" in str(error):
        return f"malformed CSV ({error}); text after a closing quote: quote the whole cell"
    return f"malformed CSV ({error})"
