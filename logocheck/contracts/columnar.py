"""A large export read column by column; the row reader only for rows that need it.

Reading a million rows one Python record at a time costs 15 s or more on
two cores, most of it spent building records nobody looks at: ``logocheck
contracts`` counts categories, a scan looks up a few hundred brands. Here
polars parses the file in Rust; each column's distinct cells go once
through the row reader's own parsers; name keys, domains and categories
are computed as whole columns. A row with a cell that needs a message (an
unknown plan, a bad date, a second domain, a non-ASCII name, a lone cell)
is read by the row reader's function, so its warning or error is the one
the row reader gives, with its line. Rows that share a name or domain are
merged by ``merge_rows`` as always; every other account is built on first
access (``ColumnTable``).

The path is taken only for files it reads exactly as the row reader does:
UTF-8, one line per record, no ragged rows, quotes the csv module accepts.
Otherwise ``read_columns`` returns None and the row reader reads the file.
docs/performance.md compares this design with the row reader.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from logocheck.contracts.cells import Cells, ContractsWarning
from logocheck.contracts.dialect import Dialect, open_lines
from logocheck.contracts.merge import merge_rows
from logocheck.contracts.names import Normalizer, parent_domains
from logocheck.contracts.reader import RowReader
from logocheck.contracts.table import AccountTable, ColumnTable
from logocheck.model import Account, Contract

if TYPE_CHECKING:
    from polars import DataFrame, Series

#: Below this the row reader is as fast, and importing polars is not worth it.
MIN_BYTES = 8 << 20
_UTF8 = frozenset({"utf-8", "utf-8-sig"})
_QUOTED_LINE = re.compile(rb'[^\n]*"[^\n]*')
_PRINTABLE = r"^[\x20-\x7e]*$"
_DOMAIN = r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$"
_WORD = re.compile(r"[a-z0-9]+")
#: An amount ``MoneyParser`` reads without a doubt (no decimal comma): digits,
#: thousands grouped by commas or not, an optional dollar sign and decimals.
#: Such cells are read as a column; only the others go through the parser.
_PLAIN_AMOUNT = r"^\$?(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)$"
_AMOUNTS = frozenset({"arr", "mrr"})


def read_columns(reader: RowReader) -> AccountTable | None:
    """The file's accounts, merged, or None when the row reader must read it."""
    try:
        if reader.path.stat().st_size < MIN_BYTES:
            return None
        import polars  # noqa: F401 - the columnar reader needs it installed
    except (OSError, ImportError):
        return None
    found = _header(reader)
    if found is None:
        return None
    header, dialect, header_lines = found
    body = _body(reader.path, dialect.skipped + header_lines)
    frame = _frame(body, dialect.delimiter, len(header)) if body is not None else None
    if frame is None or body is None or not _quotes_parse(body, dialect.delimiter):
        return None
    cells = reader.begin(header, dialect)
    first_line = dialect.skipped + header_lines + 1
    table = _Load(frame, body, cells, first_line, reader).table(dialect.delimiter)
    if table is None:
        return None
    if not table.kept:
        reader.warn(ContractsWarning(dialect.skipped + 1, "no account rows after the header"))
    reader.rows_read = len(table.kept)
    return AccountTable(table, table.names, table.counts, table.aliased(), table.name_maps)


def _header(reader: RowReader) -> tuple[list[str], Dialect, int] | None:
    with open_lines(reader.path, reader.encoding, reader.delimiter) as (dialect, lines):
        if dialect.encoding not in _UTF8 or len(dialect.delimiter) != 1:
            return None
        records = csv.reader(lines, delimiter=dialect.delimiter, strict=True)
        try:
            header = next(records, None)
        except (csv.Error, UnicodeDecodeError):
            return None
        return (header, dialect, records.line_num) if header else None


def _body(path: Path, skip: int) -> bytes | None:
    data = path.read_bytes()
    at = 0
    for _ in range(skip):
        at = data.find(b"\n", at) + 1
        if not at:
            return None
    body = data[at:]
    return body if body and b"\x00" not in body else None


def _frame(body: bytes, delimiter: str, width: int) -> DataFrame | None:
    """Every cell as text; None unless there is exactly one row per line."""
    import polars

    lines = body.count(b"\n") + (not body.endswith(b"\n"))
    try:
        frame = polars.read_csv(
            body, has_header=False, separator=delimiter, infer_schema=False,
            empty_string_is_null=False, raise_if_empty=False, encoding="utf8",
        )  # fmt: skip
    except (polars.exceptions.PolarsError, ValueError):
        return None
    ok = frame.width == width and frame.height == lines
    return frame if ok else None


def _quotes_parse(body: bytes, delimiter: str) -> bool:
    """Doubtful quotes parse under the csv module's strict rules, as the row reader's.

    polars refuses text after a closing quote (``"a"b``) but reads
    ``"a"b"c"`` as ``abc``, which the csv module refuses; both have a quote
    with text on either side, and only lines with one need checking.
    """
    try:
        for _ in csv.reader(_mid_quote_lines(body, delimiter), delimiter=delimiter, strict=True):
            pass
    except (csv.Error, UnicodeDecodeError):
        return False
    return True


def _mid_quote_lines(body: bytes, delimiter: str) -> Iterator[str]:
    edges = frozenset(f'{delimiter}"\r\n'.encode())
    last = len(body) - 1
    at = body.find(b'"')
    while at >= 0:
        if 0 < at < last and body[at - 1] not in edges and body[at + 1] not in edges:
            start = body.rfind(b"\n", 0, at) + 1
            end = body.find(b"\n", at)
            end = last + 1 if end < 0 else end
            yield body[start:end].decode()
            at = end
        at = body.find(b'"', at + 1)


class _Load:
    """One columnar load: flags, keys and categories as columns, then the table."""

    def __init__(
        self, frame: DataFrame, body: bytes, cells: Cells, first: int, reader: RowReader
    ) -> None:
        import polars

        self.pl = polars
        self.frame = frame
        self.body = body
        self.cells = cells
        self.first = first
        self.reader = reader
        self.row = cells.row_reader()
        self.names: Normalizer = reader.options.names
        self.height = frame.height
        self.delimiter = ","
        self.lines: list[bytes] | None = None
        self.uniques: dict[str, list[str]] = {}
        self.lone: Series | None = None

    def column(self, field: str) -> Series:
        position = self.cells.columns.first(field)
        if position < 0:
            return self.pl.repeat("", self.height, eager=True)
        return self.frame.to_series(position)

    def table(self, delimiter: str) -> ColumnTable | None:
        if len(self.cells.domain_at) > 1:
            return None
        self.delimiter = delimiter
        name = self.column("account")
        stripped = name.str.strip_chars()
        domain = self._domains()
        flagged = self._flagged(name, stripped, domain)
        keys = self._keys(stripped)
        category = self._categories()
        return self._build(flagged, stripped, keys, domain, category)

    def _domains(self) -> Series:
        """The cell's one domain, '' for none, None where only the row reader can tell."""
        pl = self.pl
        cell = self.column("domain")
        host = cell.str.strip_chars().str.to_lowercase()
        # urls.bare_host as a column expression: drop "www." unless a bare TLD would remain
        www = host.str.starts_with("www.") & (host.str.count_matches(".", literal=True) > 1)
        frame = pl.DataFrame({"cell": cell, "host": host, "www": www})
        return cast(
            "Series",
            frame.select(
                pl.when(~pl.col("cell").str.contains(_PRINTABLE))
                .then(None)
                .when(pl.col("host") == "")
                .then(pl.lit(""))
                .when(pl.col("host").str.contains(_DOMAIN))
                .then(
                    pl.when(pl.col("www"))
                    .then(pl.col("host").str.slice(4))
                    .otherwise(pl.col("host"))
                )
                .otherwise(None)
            ).to_series(),
        )

    def _flagged(self, name: Series, stripped: Series, domain: Series) -> Series:
        """Rows whose cells need a message or a closer look than a column gives."""
        flags = (stripped == "") | ~name.str.contains(_PRINTABLE) | domain.is_null()
        for field in ("plan", "status", "start_date", "end_date", "arr", "mrr"):
            flags = flags | self._doubtful(field)
        flags = flags | self._doubtful("publicity") | self._doubtful("publicity_expires")
        for position in self.cells.alias_at:
            flags = flags | (self.frame.to_series(position).str.strip_chars() != "")
        return flags | self._lone()

    def _doubtful(self, field: str) -> Series:
        column = self.column(field)
        bad = [c for c in self.parsed(field) if not self.cells.reads(field, c)[0]]
        return column.is_in(bad)

    def _lone(self) -> Series:
        """Rows with cells only in the first column: maybe a lone cell, which csv tells."""
        if self.lone is None:
            pl = self.pl
            rest = self.frame.columns[1:]
            if not rest:
                self.lone = cast("Series", pl.repeat(False, self.height, eager=True))
            else:
                empty = pl.all_horizontal([pl.col(c) == "" for c in rest])
                self.lone = self.frame.select(empty).to_series()
        return self.lone

    def _keys(self, stripped: Series) -> Series:
        """``Normalizer.name`` of printable ASCII names, as one column expression."""
        names = self.names
        articles = "|".join(sorted(w for w in names.articles if _WORD.fullmatch(w)))
        suffixes = "|".join(sorted(w for w in names.suffixes if _WORD.fullmatch(w)))
        words = (
            stripped.str.replace_many(["&", "+"], [" and ", " plus "])  # one pass for both
            .str.to_lowercase()
            .str.replace_all(r"[.'`]", "")
            .str.replace_all(r"[^a-z0-9]+", " ")
            .str.strip_chars()
        )
        if articles:
            words = words.str.replace(rf"^(?:{articles}) ", "")
        if suffixes:
            words = words.str.replace(rf"(?: (?:{suffixes}))+$", "")
        return words

    def _categories(self) -> Series:
        """Each row's category: dates first, then per (plan, status, revenue sign)."""
        pl, cells = self.pl, self.cells
        as_of = cells.as_of
        start, end = self.column("start_date"), self.column("end_date")
        later = start.is_in([c for c in self.distinct("start_date") if _after(cells, c, as_of)])
        ended = end.is_in([c for c in self.distinct("end_date") if _before(cells, c, as_of)])
        plans, statuses = self.distinct("plan"), self.distinct("status")
        plan = self.column("plan").replace_strict(_codes(plans), return_dtype=pl.Int64)
        status = self.column("status").replace_strict(_codes(statuses), return_dtype=pl.Int64)
        # One integer per (plan, status, sign): cheaper to hash than joined text.
        terms = (plan * len(statuses) + status) * 3 + (self._sign().cast(pl.Int64) + 1)
        verdicts = {}
        for term in terms.unique().to_list():
            rest, sign = divmod(term, 3)
            which, how = divmod(rest, len(statuses))
            verdicts[term] = self._verdict(plans[which], statuses[how], sign - 1)
        combo = terms.replace_strict(verdicts, return_dtype=pl.String)
        return cast(
            "Series",
            pl.select(
                pl.when(pl.lit(later) | pl.lit(ended))
                .then(pl.lit("lapsed"))
                .otherwise(pl.lit(combo))
            ).to_series(),
        )

    def distinct(self, field: str) -> list[str]:
        """The distinct cells of a field's column, computed once per load."""
        found = self.uniques.get(field)
        if found is None:
            found = self.uniques[field] = self.column(field).unique().to_list()
        return found

    def parsed(self, field: str) -> list[str]:
        """The distinct cells the row reader's parser reads: all but plain amounts."""
        if not self._plain_amounts(field):
            return self.distinct(field)
        key = field + ":parsed"
        found = self.uniques.get(key)
        if found is None:
            unique = self.column(field).unique()
            found = self.uniques[key] = unique.filter(~unique.str.contains(_PLAIN_AMOUNT)).to_list()
        return found

    def _plain_amounts(self, field: str) -> bool:
        return field in _AMOUNTS and not self.reader.options.money.decimal_comma

    def _verdict(self, plan: str, status: str, sign: int) -> str:
        cells = self.cells
        revenue = None if sign < 0 else Decimal(sign)
        contract = Contract(0, cells.plans[plan], cells.statuses[status], revenue=revenue)
        return cells.classifier.classify(contract)[0]

    def _sign(self) -> Series:
        """-1 without revenue, 0 for zero, 1 for an amount above zero (MRR when no ARR)."""
        pl = self.pl
        arr, mrr = self._signs("arr"), self._signs("mrr")
        monthly = self.column("mrr") != ""
        return cast(
            "Series",
            pl.select(
                pl.when((pl.lit(arr) == -1) & pl.lit(monthly))
                .then(pl.lit(mrr))
                .otherwise(pl.lit(arr))
            ).to_series(),
        )

    def _signs(self, field: str) -> Series:
        pl, column = self.pl, self.column(field)
        signs = {c: _sign_of(self.cells.reads(field, c)[1]) for c in self.parsed(field)}
        if not self._plain_amounts(field):
            return column.replace_strict(signs, return_dtype=pl.Int8)
        parsed = column.replace_strict(signs, default=None, return_dtype=pl.Int8)
        plain = pl.when(column.str.contains("[1-9]")).then(pl.lit(1, pl.Int8)).otherwise(0)
        return cast(
            "Series",
            pl.select(
                pl.when(pl.lit(column).str.contains(_PLAIN_AMOUNT)).then(plain).otherwise(parsed)
            ).to_series(),
        )

    def _build(
        self,
        flagged: Series,
        stripped: Series,
        keys: Series,
        domain: Series,
        category: Series,
    ) -> ColumnTable:
        pl = self.pl
        made = self._read_flagged(flagged)
        keep = pl.repeat(True, self.height, eager=True)
        skipped = [row for row, account in made.items() if account is None]
        if skipped:
            keep = keep.scatter(skipped, False)
        merge_key = pl.select(
            pl.when(pl.lit(keys) == "")
            .then(pl.lit(stripped).str.to_lowercase())
            .otherwise(pl.lit(keys))
        ).to_series()
        domain = self._merging(domain.fill_null(""))
        accounts = {row: a for row, a in made.items() if a is not None}
        linked = self._linked(keep, merge_key, domain, accounts)
        columns = _Columns(keep, keys, merge_key, domain, accounts)
        table = ColumnTable(self.frame, columns.kept, self.row, self.first, self.names)
        table.made.update(columns.made)
        roots = self._merge_linked(linked, columns, table) if linked else None
        plain = keep & ~pl.repeat(False, self.height, eager=True).scatter(linked, True)
        counts = Counter(dict(category.filter(plain).value_counts().iter_rows()))
        counts.update(table.made[p].category for p in columns.linked if columns.parent[p] == p)
        return table.finish(columns.maps, columns.parent, roots, dict(counts))

    def _merging(self, domain: Series) -> Series:
        """The domain where it may merge rows, '' where none or a mail or hosting domain."""
        names = self.names
        dotted = domain.filter(domain.str.count_matches(".", literal=True) > 1).unique()
        shared = list(names.shared_domains) + [d for d in dotted.to_list() if names.is_shared(d)]
        return self.pl.select(
            self.pl.when(self.pl.lit(domain).is_in(shared))
            .then(self.pl.lit(""))
            .otherwise(self.pl.lit(domain))
        ).to_series()

    def _linked(
        self, keep: Series, key: Series, domain: Series, made: dict[int, Account]
    ) -> list[int]:
        """Rows that may merge with another: a superset, ``merge_rows`` decides.

        Repeated keys and domains, subdomains of listed domains, every row
        the row reader read, and rows sharing a key or domain with those.
        """
        names = self.names
        has_domain = domain != ""
        # Hashes: a collision only adds a row for merge_rows to look at.
        linked = key.hash().is_duplicated() | (domain.hash().is_duplicated() & has_domain)
        own_keys = [names.name(a.name) or a.name.casefold() for a in made.values()]
        own_domains = [d for a in made.values() for d in a.domains]
        linked = linked | key.is_in(own_keys) | (domain.is_in(own_domains) & has_domain)
        linked = linked | self._subdomains(domain)
        rows = (linked & keep).arg_true().to_list()
        return sorted(set(rows) | set(made))

    def _subdomains(self, domain: Series) -> Series:
        """``shop.duff.example`` and the row listing ``duff.example``."""
        dotted = domain.filter(domain.str.count_matches(".", literal=True) > 1).unique().to_list()
        parents = {d: list(parent_domains(d))[1:] for d in dotted}
        listed = set(
            domain.filter(domain.is_in([p for ps in parents.values() for p in ps])).to_list()
        )
        children = [d for d, ps in parents.items() if any(p in listed for p in ps)]
        return domain.is_in(children) | domain.is_in(list(listed))

    def _read_flagged(self, flagged: Series) -> dict[int, Account | None]:
        """The row reader's accounts (or None for skipped rows), in file order."""
        lone = self._lone()
        made: dict[int, Account | None] = {}
        for index in flagged.arg_true().to_list():
            record = self._raw(index) if lone[index] else list(self.frame.row(index))
            line = self.first + index
            made[index] = self.row(record, line, line)
        return made

    def _raw(self, index: int) -> list[str]:
        """The record as the csv module reads the line (a lone cell is not a short row)."""
        if self.lines is None:
            self.lines = self.body.split(b"\n")
        line = self.lines[index].decode()
        return next(csv.reader([line], delimiter=self.delimiter), [])

    def _merge_linked(self, linked: list[int], columns: _Columns, table: ColumnTable) -> list[int]:
        """Merge the rows that may share a name or domain, exactly as the row reader's load."""
        positions = columns.linked = [columns.position(row) for row in linked]
        merged = merge_rows([table.build(p) for p in positions], self.cells.classifier, self.names)
        assert merged.maps is not None, "merging knows its maps"
        maps = merged.maps()
        parent = columns.parent
        for member, root in enumerate(maps.rows.root):
            parent[positions[member]] = positions[root]
        roots = maps.rows.roots or range(len(positions))
        for index, account in enumerate(merged.accounts):
            root = positions[roots[index]]
            table.made[root] = account
            columns.keys_made[root] = maps.keys[index]
        return _roots(len(parent), sorted(p for p in positions if parent[p] != p))


class _Columns:
    """The kept rows' columns, and the name and domain maps built when first asked."""

    def __init__(
        self,
        keep: Series,
        keys: Series,
        merge_keys: Series,
        domains: Series,
        made: dict[int, Account],
    ) -> None:
        self.keep = keep
        self.kept: list[int] = keep.arg_true().to_list()
        self.parent: list[int] = list(range(len(self.kept)))
        self.sources = (keys, merge_keys, domains)
        self.made = {self.position(row): account for row, account in made.items()}
        self.keys_made: dict[int, str] = {}
        self.linked: list[int] = []

    def position(self, row: int) -> int:
        return bisect_left(self.kept, row)

    def maps(self, names: Normalizer) -> tuple[list[str], dict[str, int], dict[str, int]]:
        """Name keys by kept row, and each name's and domain's first row, as merging has them.

        Every key or domain held by more than one row is on a linked row, so
        the first holder is found by walking the linked rows backwards.
        """
        keys, merge_keys, domains = (s.filter(self.keep).to_list() for s in self.sources)
        for position, account in self.made.items():
            keys[position] = names.name(account.name)
            merge_keys[position] = keys[position] or account.name.casefold()
            domains[position] = ""
        by_name = dict(zip(merge_keys, range(len(merge_keys)), strict=True))
        by_domain = dict(zip(domains, range(len(domains)), strict=True))
        by_domain.pop("", None)
        for position in reversed(self.linked):
            by_name[merge_keys[position]] = position
            own = self.made.get(position)
            for domain in own.domains if own else (domains[position],):
                if domain and domain not in names.shared_domains and not names.is_shared(domain):
                    by_domain[domain] = position
        for position, key in self.keys_made.items():
            keys[position] = key
        return keys, by_name, by_domain


def _roots(count: int, members: list[int]) -> list[int]:
    """0..count-1 without ``members``, in slices rather than a million comparisons."""
    roots: list[int] = []
    start = 0
    for member in members:
        roots.extend(range(start, member))
        start = member + 1
    roots.extend(range(start, count))
    return roots


def _after(cells: Cells, cell: str, as_of: Any) -> bool:
    day = cells.reads("start_date", cell)[1]
    return day is not None and day > as_of


def _before(cells: Cells, cell: str, as_of: Any) -> bool:
    day = cells.reads("end_date", cell)[1]
    return day is not None and day < as_of


def _codes(values: list[str]) -> dict[str, int]:
    return {value: code for code, value in enumerate(values)}


def _sign_of(value: Decimal | None) -> int:
    return -1 if value is None else 1 if value > 0 else 0
