"""One table under validation: its columns renamed, parsed and checked in one lazy query.

A check does not look at the data: it adds expressions to the table's query. It parses a
column (:meth:`Table.date`, :meth:`Table.number`, :meth:`Table.code`) and hands
:meth:`Table.flag` an expression that holds on the rows at fault, with a message (or a
function of the row for a message that names, say, the scale). When every check of the
table has been added, :func:`run` collects the parsed columns and every check's mask in
one query (:meth:`Table.collected`); checks against another table (events and answers
against participants, :meth:`Table.join`) in one more, over only the key and the columns
they read, which brings back only the rows they flag (:func:`_joined`: the tables that
check against the same table, events and answers, are joined to it together, on the
keys' hashes when the keys they are joined to hash to values of their own, or look it
up by number, joining nothing, when its keys are whole numbers close together,
:func:`by_number`); and one
more over what the first collected counts each check, works out which rows are left out
(and for which error first) and finds the first rows of each check that a report lists
(:meth:`Table.counted`). Only those rows
(:data:`~goalkit.data._problems.ROW_ISSUE_LIMIT` per code) become
:class:`~goalkit.data._problems.Problem` objects; the rest are counted.

The rows kept are the columns themselves, not copies: a column that holds its values as
read (text, and the dates and numbers a typed source stored) is the column read
(:meth:`Table.as_read`), and is not collected at all; only what a check parsed or mapped
comes from the query. At a million people read from Parquet, validation's resident
peak is about 130 MiB above the data read (the join's working memory, some 80 MiB of it,
its table of keys built on the participants, :data:`_BUILD_SIDE`; 180 MiB when polars
picked the side). When every column was copied, validation added about 210 MiB. Ids
looked up by number (:func:`by_number`) need no join's table, only arrays of a few
bytes a participant: ``goalkit validate``'s peak 539–569 → 482–528 MiB (four runs each).

What a rule decides in Python is asked of every table before its checks are added, in
one collection (:func:`goalkit.data._cells.probe`), so a table of a million rows costs a
handful of queries whatever its problems: its share of the probe, its pass, the check of
its joined rows, its count. :func:`run` collects several tables' queries together.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from typing import TYPE_CHECKING, Any, Final

from goalkit.data._parse import as_text, dates, is_text, null_where, numbers
from goalkit.data._problems import (
    ROW_ISSUE_LIMIT,
    TABLE_SV,
    Problem,
    Severity,
    issue_sv,
    limited,
    not_a_default_code,
)
from goalkit.data._schema import YEARS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    import polars as pl

    from goalkit.data._mapping import ColumnMapping
    from goalkit.data._raw import RawTable

__all__ = ["EXCLUDED", "INDEX", "KEY", "Table", "key_hash", "marked", "rows_of", "run"]

INDEX = "\x00i"
"""The row index (0, 1, …) of a table's query. goalkit's own columns start with a NUL
character, which no column name read from a source holds."""
KEY = "\x00key"
"""The column :meth:`Table.join` joins on."""
_HASH_SEED = 0x676F616C
"""Any fixed seed: the same keys hash alike, in every query."""
_THEIRS = "\x00theirs"
_SLOT = "\x00slot"
_LENGTH = "\x00length"
_PLAIN = "\x00plain"
_BROKEN = "\x00broken"
_ROWS = "\x00rows"
_FIRST = "\x00first"
EXCLUDED = "\x00excluded"
"""Whether a row is left out, in a table's :attr:`~Table.result`."""
class _Flag:
    """Rows at fault by one check, the mask column ``name`` of the table's query:
    ``message`` (English, Swedish), or a function of the row's index giving it."""

    __slots__ = ("code", "column", "message", "name", "severity")

    def __init__(self, severity: Severity, code: str, column: str | None, name: str,
                 message: tuple[str, str] | Callable[[int], tuple[str, str]]) -> None:
        self.severity = severity
        self.code = code
        self.column = column
        self.name = name
        self.message = message


class Table:
    """Checks one table's rows, remembering the problems and the rows to leave out.

    Checks add to :attr:`query`; :func:`run` collects it. The columns of the collected
    :attr:`result` are read by name with :meth:`value` (a message naming a row's value)
    and :meth:`series`.
    """

    def __init__(self, name: str, raw: RawTable, mapping: ColumnMapping) -> None:
        import polars as pl  # noqa: PLC0415

        self.name = name
        self.raw = raw
        self.mapping = mapping
        self.height = raw.frame.height if raw.frame.width else len(raw.rows)
        """Rows read (a table with no columns, as a JSON list of numbers, still has rows)."""
        self.problems: list[Problem] = list(raw.problems)
        """Problems not of a row found here, and every problem found while reading."""
        self.flags: list[_Flag] = []
        faulty = {p.row for p in raw.problems if p.severity == "error" and p.row is not None}
        at_fault = [i for i, row in enumerate(raw.rows) if row in faulty] if faulty else []
        # rows already reported unreadable: a cell in them is not also missing
        broken_rows = pl.lit(value=False)
        if at_fault:
            broken_rows = pl.lit(marked(self.height, at_fault))
        self.broken: set[str] = set()
        """Columns with cells already reported unreadable (not also missing): each has a
        mask :func:`_broken` names."""
        self.headers: dict[str, str] = {}
        """Each column's header in the source, by its canonical name, where the two
        differ (a mapping's, or a Swedish name's): what a problem names, as the user's own
        file shows it."""
        renamed = self._renamed()
        self.columns = renamed
        """The columns as read, by their canonical names (text columns stripped by
        :meth:`tidy`)."""
        self._query: pl.LazyFrame = self._read()
        self._broken_rows = broken_rows.alias(_BROKEN)
        self._pending: list[pl.Expr] = [self._broken_rows]
        self._pending_names = {_BROKEN}
        self.probed: dict[str, Any] = {}
        """What :func:`goalkit.data._cells.probe` found."""
        self.outputs: dict[str, pl.Expr] = {}
        """The columns the table keeps, by name."""
        self.result: pl.DataFrame | None = None
        """The collected query: each output computed, each mask, which rows are left out.
        An output that is a column as read is not in it (:meth:`series` reads it from
        :attr:`columns`)."""
        self.same: dict[str, str] = {}
        """Columns of the query (by name) whose value on every row kept is the value of a
        column as read (named): a column of dates or of numbers that a source stored as
        such is checked (:meth:`date`, :meth:`number`), but kept as it was read
        (:meth:`as_read`)."""
        self.summaries: list[pl.Expr] = []
        """Further aggregates of the collected columns, read with :meth:`summarized`."""
        self._summary: dict[str, Any] = {}
        self._defined = 0
        self._other: Callable[[], pl.LazyFrame] | None = None
        self._hashed = False
        self._late: list[pl.Expr] = []
        self._sources: dict[str, Callable[[], pl.LazyFrame]] = {}

    # the query ---------------------------------------------------------------------------

    def _renamed(self) -> dict[str, pl.Series]:
        """The columns as read, by their canonical names (the mapping's, or goalkit's own
        for a Swedish header); a second header of one name is ignored, with a warning."""
        import polars as pl  # noqa: PLC0415

        renamed: dict[str, pl.Series] = {}
        for header in self.raw.frame.columns:
            canonical = self.mapping.canonical(self.name, header)
            if canonical in renamed:
                self.add("warning", "duplicate_column", header,
                         f"column {header!r} also maps onto {canonical!r}; the first one "
                         "is used and this one is ignored",
                         f"kolumnen {header!r} motsvarar också {canonical!r}; den första "
                         "används och den här hoppas över")
                continue
            column = self.raw.frame.get_column(header).alias(canonical)
            if canonical == "participant_id" and isinstance(column.dtype, pl.Categorical):
                column = column.cast(pl.String)  # ids are text: joined, compared, hashed
            renamed[canonical] = column
            if canonical != header:
                self.headers[canonical] = header
        return renamed

    def _read(self) -> pl.LazyFrame:
        """The query's start: :attr:`columns` (no copy of them), or for a table with no
        columns a column of its rows' numbers, so that it has its rows."""
        import polars as pl  # noqa: PLC0415

        if not self.columns:
            return pl.DataFrame([pl.Series(_ROWS, range(self.height), dtype=pl.Int64)]).lazy()
        return pl.DataFrame(list(self.columns.values())).lazy()

    def tidy(self, columns: Iterable[str]) -> None:
        """Strip every cell of the text ``columns`` and make an empty one ``None``
        (:func:`~goalkit.data._raw.stripped`): every check reads them so. Called before
        any check is added, for the columns the probe found a cell to change in
        (:func:`goalkit.data._cells.probe`)."""
        import polars as pl  # noqa: PLC0415

        from goalkit.data._raw import strip  # noqa: PLC0415

        assert not self.flags, "checks were added before tidying"
        assert not self._defined, "columns were defined before tidying"
        names = list(self.columns)
        tidied = strip(pl.DataFrame(list(self.columns.values())), columns)
        self.columns = {n: tidied.to_series(i) for i, n in enumerate(names)}
        self._query = self._read()
        self._pending, self._pending_names = [self._broken_rows], {_BROKEN}

    @property
    def query(self) -> pl.LazyFrame:
        """The table's query: the columns as read, then every parsed column and every
        check's mask, added by the checks."""
        self._flush()
        return self._query

    def define(self, expr: pl.Expr) -> pl.Expr:
        """Add ``expr`` to the query as a column of its own: what reads it reads it once."""
        import polars as pl  # noqa: PLC0415

        name = f"\x00{self._defined}"
        self._defined += 1
        self._add(expr.alias(name))
        return pl.col(name)

    def _add(self, *exprs: pl.Expr) -> None:
        """Add columns to the query. Columns that read none of each other are added
        together, in one step: a long chain of steps costs the query planner more than
        the data costs a small table."""
        names = {e.meta.output_name() for e in exprs}
        reads = {c for e in exprs for c in e.meta.root_names()}
        if (reads | names) & self._pending_names:
            self._flush()
        self._pending.extend(exprs)
        self._pending_names |= names

    def _flush(self) -> None:
        """Add the columns waiting to be added, in one step."""
        if self._pending:
            self._query = self._query.with_columns(self._pending)
            self._pending, self._pending_names = [], set()

    def refuse(self, col: str, mask: pl.Expr, code: str,
                message: tuple[str, str] | Callable[[int], tuple[str, str]]) -> None:
        """The cells of ``col`` where ``mask`` holds are errors, and empty from here on."""
        import polars as pl  # noqa: PLC0415

        broken = _broken(col)
        self.flag("error", code, mask, col, message)
        mask = pl.col(self.flags[-1].name)
        self._add((pl.col(broken) | mask if col in self.broken else mask).alias(broken),
                  null_where(pl.col(col), mask).alias(col))
        self.broken.add(col)

    def as_read(self, e: pl.Expr) -> str | None:
        """The column as read (its name) whose value ``e`` holds on every row kept, if it
        is one: the column itself, or one :attr:`same` names; never a column with cells
        refused (:meth:`refuse` made them empty in the query, not in the column read)."""
        if not e.meta.is_column():
            return None
        name = e.meta.output_name()
        name = self.same.get(name, name)
        return name if name in self.columns and name not in self.broken else None

    def collected(self) -> pl.LazyFrame:
        """What :func:`run` collects: every output that is not a column as read
        (:meth:`as_read`: :meth:`kept` hands over the column read itself, not a copy of
        it), every check's mask, the rows left out."""
        import polars as pl  # noqa: PLC0415

        early = self.flags[:len(self.flags) - len(self._late)]
        errors = [pl.col(f.name) for f in early if f.severity == "error"]
        return self.query.select(
            *(e.alias(n) for n, e in self.outputs.items() if self.as_read(e) is None),
            *(pl.col(f.name) for f in early), _BROKEN,
            pl.any_horizontal(pl.col(_BROKEN), *errors).alias(EXCLUDED),
        )

    def counted(self) -> pl.LazyFrame:
        """What :func:`run` counts of what it collected (:attr:`result`): the rows left
        out, each left out for its first error, each check's rows, and
        :attr:`summaries`."""
        import polars as pl  # noqa: PLC0415

        assert self.result is not None, "the table's query has not run"
        errors = [f for f in self.flags if f.severity == "error"]
        # each row left out for its first error (-1: unreadable, before every check)
        first = pl.coalesce(pl.when(pl.col(_BROKEN)).then(-1), *(
            pl.when(pl.col(f.name)).then(k) for k, f in enumerate(errors)))
        read = {c for e in self.summaries for c in e.meta.root_names()}
        return self.frame(read, every=True).lazy().with_columns(first.alias(_FIRST)).select(
            pl.col(EXCLUDED).sum().alias("left_out"),
            *((pl.col(_FIRST) == k).sum().alias(f"first{k}") for k in range(len(errors))),
            *(pl.col(f.name).sum().alias(f"n{k}") for k, f in enumerate(self.flags)),
            *self.summaries,
        )

    def frame(self, names: Iterable[str], *, every: bool = False) -> pl.DataFrame:
        """The columns ``names`` of what the query collected, and of the outputs as read
        (:meth:`series`), those that are either (with ``every``, every column
        collected too): a frame of the columns themselves, not copies."""
        import polars as pl  # noqa: PLC0415

        assert self.result is not None, "the table's query has not run"
        wanted = set(names)
        chosen = [c for c in self.result.columns if every or c in wanted]
        chosen += [c for c in self.outputs if c in wanted and c not in self.result.columns]
        return pl.DataFrame([self.series(c) for c in chosen])

    def summarized(self, name: str) -> Any:
        """An aggregate of :attr:`summaries`, as :func:`run` collected it."""
        return self._summary[name]

    def value(self, column: str, i: int) -> Any:
        """The value of output ``column`` on row ``i`` (after :func:`run`)."""
        return self.series(column)[i]

    def series(self, column: str) -> pl.Series:
        """Output ``column`` (or a mask), every row (after :func:`run`). An output that is
        a column as read (:meth:`as_read`) is that column, itself: on a row left out it
        may hold the value its check refused."""
        assert self.result is not None, "the table's query has not run"
        e = self.outputs.get(column)
        read = self.as_read(e) if e is not None else None
        if read is not None:
            return self.columns[read].alias(column)
        return self.result.get_column(column)

    def join(self, columns: Mapping[str, pl.Expr], other: Callable[[], pl.LazyFrame], *,
             hashed: bool = False) -> None:
        """Check the rows against ``other()``, joined where column :data:`KEY` of
        ``columns`` equals its own (its other columns empty where none does; it holds
        each key once; ``other`` is called when the checks run, so that it can read
        another table's result). Every check flagged from here on reads the joined rows:
        ``columns`` by name, and ``other``'s.

        Those checks run after the table's query, over what it collected
        (:meth:`to_join`, :func:`_joined`): only the key and the columns they read go
        through the join, in any order, and only the rows they flag come back.

        :param hashed: ``other``'s keys are texts known to hash (with
            :func:`key_hash`) to values of their own. The rows are then joined on the
            keys' hashes, 64-bit numbers, and a row whose key is not the one found
            joins nothing: the same rows joined as on the texts (a key found by its
            hash is the only one of ``other`` that can equal it). Nine million events
            and answers joined to a million participants: 0.84 → 0.65 CPU seconds, and
            the same working memory (the hashes are the join's keys, not columns).
        """
        self.outputs.update(columns)
        self._other = other
        self._hashed = hashed

    def source(self, name: str, make: Callable[[Table], pl.LazyFrame],
               ) -> Callable[[], pl.LazyFrame]:
        """What other tables check their rows against (:meth:`join`): ``make(self)``,
        made when called (after this table's run, so that it can read :attr:`result`).
        Every table asking by the same ``name`` gets the same callable, and :func:`run`
        joins their rows to it together, in one join."""
        if name not in self._sources:
            self._sources[name] = functools.partial(make, self)
        return self._sources[name]

    def to_join(self) -> pl.DataFrame | None:
        """The rows the checks flagged after :meth:`join` read, of what the table's query
        collected (:attr:`result`): the key and the columns they read, the columns
        themselves; ``None`` when there is nothing to join."""
        if self._other is None or not self._late:
            return None
        read = {EXCLUDED, KEY}
        for e in self._late:
            read.update(e.meta.root_names())
        return self.frame(read)

    def joins_like(self, other: Table) -> bool:
        """Whether this table's rows can be joined together with ``other``'s: the same
        source, the same checks of the joined rows, the same columns to join."""
        mine, theirs = self.to_join(), other.to_join()
        return (mine is not None and theirs is not None and self._other is other._other
                and self._hashed == other._hashed and len(self._late) == len(other._late)
                and all(a.meta.eq(b) for a, b in zip(self._late, other._late, strict=True))
                and mine.schema == theirs.schema)

    def _add_joined(self, flagged: pl.DataFrame) -> None:
        """The masks of the checks after :meth:`join` (``flagged``: the rows of this table
        :func:`_joined` flags), added to :attr:`result`, and the rows their errors leave
        out."""
        assert self.result is not None, "the table's query has not run"
        excluded = self.result.get_column(EXCLUDED)
        masks = []
        for f in self.flags[len(self.flags) - len(self._late):]:
            rows = flagged.get_column(INDEX).filter(flagged.get_column(f.name))
            mask = marked(self.height, rows).alias(f.name)
            masks.append(mask)
            if f.severity == "error":
                excluded = excluded | mask
        self.result = self.result.hstack(masks)
        self.result.replace_column(self.result.get_column_index(EXCLUDED),
                                   excluded.alias(EXCLUDED))

    def kept(self, columns: Sequence[pl.Series] | None = None) -> pl.DataFrame:
        """The rows kept, with every output column but goalkit's own (or ``columns``, of
        every row)."""
        import polars as pl  # noqa: PLC0415

        assert self.result is not None, "the table's query has not run"
        chosen = ([self.series(n) for n in self.outputs if not n.startswith("\x00")]
                  if columns is None else columns)
        if self.left_out():
            keep = ~self.excluded
            chosen = [s.filter(keep) for s in chosen]
        return pl.DataFrame(chosen)  # the collected columns themselves: no query

    def release(self) -> None:
        """Let go of what the table's checks hold once their problems are listed and the
        rows kept handed over: what the query collected, the columns read, the checks
        (whose messages refer back to the table, a cycle only Python's collector would
        otherwise free, at a time of its choosing, with it at a million rows some 25 MiB
        of masks and parsed columns)."""
        self.result = None
        self.columns = {}
        self.flags = []
        self.outputs = {}
        self.same = {}
        self._sources = {}
        self._other = None
        self._late = []

    # problems --------------------------------------------------------------------------

    def add(self, severity: Severity, code: str, column: str | None, message: str,
            message_sv: str, *, fatal: bool = False) -> None:
        """One problem of the table, not of a row: ``message`` in English,
        ``message_sv`` the same in Swedish."""
        self.problems.append(Problem(severity, code, message, self.raw.origin, None,
                                     self.header(column), fatal=fatal, message_sv=message_sv))

    def flag(self, severity: Severity, code: str, mask: pl.Expr, column: str | None,
             message: tuple[str, str] | Callable[[int], tuple[str, str]], *,
             unless_excluded: bool = False) -> None:
        """The rows where ``mask`` holds have this problem; an error leaves them out.

        :param unless_excluded: only rows not already left out.
        """
        import polars as pl  # noqa: PLC0415

        mask = mask.fill_null(value=False)
        if self._other is not None:  # a check of the joined rows (see join)
            if unless_excluded:
                mask = mask & ~pl.any_horizontal(pl.col(EXCLUDED), *(
                    e.meta.output_name() for e, f in zip(
                        self._late, self.flags[len(self.flags) - len(self._late):],
                        strict=True) if f.severity == "error"))
            name = f"\x00joined{len(self._late)}"
            self._late.append(mask.alias(name))
        else:
            if unless_excluded:
                mask = mask & ~self.excluded_so_far()
            name = self.define(mask).meta.output_name()
        self.flags.append(_Flag(severity, code, column, name, message))

    def excluded_so_far(self) -> pl.Expr:
        """The rows left out by the checks added so far: those unreadable, and every row
        an error flags."""
        import polars as pl  # noqa: PLC0415

        return pl.any_horizontal(pl.col(_BROKEN), *(
            pl.col(f.name) for f in self.flags if f.severity == "error"))

    @property
    def excluded(self) -> pl.Series:
        """The rows left out: those unreadable, and every row an error flags."""
        return self.series(EXCLUDED)

    @property
    def fatal(self) -> bool:
        return any(p.fatal for p in self.problems)

    def require(self, columns: Sequence[str]) -> bool:
        missing = [c for c in columns if c not in self.columns]
        if missing:
            names = ", ".join(repr(c) for c in self.raw.frame.columns)
            wanted = ", ".join(repr(c) for c in missing)
            self.add("error", "missing_column", None,
                     f"missing required column(s) {wanted}; "
                     f"the table has {names or 'no columns'} (map your own names in a "
                     "mapping file's [columns])",
                     f"obligatoriska kolumner saknas: {wanted}; tabellen har "
                     f"{names or 'inga kolumner'} (ange egna namn under [columns] i en "
                     "mappningsfil)", fatal=True)
        if self.height == 0 and not missing:
            self.add("warning", "no_rows", None, "the table has a header but no rows",
                     "tabellen har en rubrikrad men inga rader")
        return not missing

    def header(self, column: str | None) -> str | None:
        """A column as the source names it: the header a canonical name was read from
        (``startdatum`` for ``enrolled`` under a mapping), else the name as it is."""
        return None if column is None else self.headers.get(column, column)

    def listed(self) -> list[Problem]:
        """Every problem found, in row order: at most
        :data:`~goalkit.data._problems.ROW_ISSUE_LIMIT` rows a code, the rest counted."""
        origin = self.raw.origin
        found = list(self.problems)
        totals: Counter[tuple[str, Severity, str]] = Counter(
            (p.code, p.severity, p.origin) for p in self.problems if p.row is not None)
        for k, f in enumerate(self.flags):
            count = int(self._summary.get(f"n{k}") or 0)
            if not count:
                continue
            totals[(f.code, f.severity, origin)] += count
            rows = rows_of(self.series(f.name), ROW_ISSUE_LIMIT)
            for i in rows.to_list():
                text, text_sv = f.message(i) if callable(f.message) else f.message
                found.append(Problem(f.severity, f.code, text, origin, self.raw.rows[i],
                                     self.header(f.column), message_sv=text_sv))
        return limited(found, totals)

    def left_out(self) -> int:
        """How many rows are left out."""
        return int(self._summary.get("left_out") or 0)

    def excluded_rows(self) -> set[int]:
        """The row numbers (as the source shows them) left out."""
        if not self.left_out():
            return set()
        return {self.raw.rows[i]
                for i, out in enumerate(self.excluded.to_list()) if out}

    def excluded_summary(self) -> Problem:
        """How many rows were left out, by reason (the first error found in the row). A
        row that a stray quote made of several lines counts as that many lines, so that
        rows in = rows kept + rows left out."""
        reasons: Counter[str] = Counter()
        by_row: dict[int, Problem] = {}
        for p in self.problems:
            if p.severity == "error" and p.row is not None and p.row not in by_row:
                by_row[p.row] = p
        joined = {p.row: p.count - 1 for p in self.raw.problems
                  if p.code == "field_count" and p.row is not None}
        for row, p in by_row.items():
            reasons[p.code] += 1 + joined.get(row, 0)
        errors = [f for f in self.flags if f.severity == "error"]
        for k, f in enumerate(errors):  # each row counted once, for the first error
            reasons[f.code] += int(self._summary.get(f"first{k}") or 0)
        extra = sum(joined.values())
        detail = ", ".join(f"{n} {code}" for code, n in sorted(reasons.items()) if n)
        # "en rad med fel antal fält (2 rader)": the label is a phrase of its own, which a
        # count before it would break ("2 en rad med …")
        detail_sv = ", ".join(f"{issue_sv(code)} ({n} {'rad' if n == 1 else 'rader'})"
                              for code, n in sorted(reasons.items()) if n)
        left_out = self.left_out() + extra
        return Problem("error", "rows_excluded",
                       f"{left_out} of {self.height + extra} row(s) of {self.name} left out: "
                       f"{detail}", self.raw.origin, count=left_out,
                       message_sv=f"{left_out} av {self.height + extra} rader i tabellen "
                                  f"{TABLE_SV.get(self.name, self.name)} uteslöts: "
                                  f"{detail_sv}")

    # typed columns -----------------------------------------------------------------------

    def missing(self, e: pl.Expr, column: str) -> pl.Expr:
        """Rows where ``e`` (column ``column``) is empty and nothing else was said about it
        already."""
        import polars as pl  # noqa: PLC0415

        mask = e.is_null() & ~pl.col(_BROKEN)
        if column in self.broken:
            mask = mask & ~pl.col(_broken(column))
        return mask

    def dtype(self, name: str) -> pl.DataType:
        """The type column ``name`` was read as (text when the table lacks it)."""
        import polars as pl  # noqa: PLC0415

        return self.columns[name].dtype if name in self.columns else pl.String()

    def cell(self, name: str) -> pl.Expr:
        """Column ``name`` as read, its refused cells empty (empty when the table lacks
        it)."""
        import polars as pl  # noqa: PLC0415

        return pl.col(name) if name in self.columns else pl.lit(None, dtype=pl.String)

    def col(self, name: str) -> pl.Expr:
        """Column ``name`` as text (empty when the table lacks it)."""
        import polars as pl  # noqa: PLC0415

        if name not in self.columns or is_text(self.dtype(name)):
            return self.cell(name)
        return self.define(as_text(pl.col(name), self.dtype(name)))

    def text(self, name: str, *, required: bool) -> pl.Expr:
        s = self.col(name)
        if required:
            self.flag("error", "missing_value", self.missing(s, name), name,
                      ("a value is required here", "ett värde krävs här"))
        return s

    def date(self, name: str, *, required: bool) -> pl.Expr:
        import polars as pl  # noqa: PLC0415

        s = self.cell(name)
        parsed = self.define(dates(s, self.dtype(name), self.mapping.date_formats,
                                   self.define))
        if name in self.columns and self.dtype(name) == pl.Date:
            # a date Python cannot hold is no date: its row is left out (bad_date), and
            # every row kept holds the date as read
            self.same[parsed.meta.output_name()] = name
        if required:
            self.flag("error", "missing_value", self.missing(s, name), name,
                      ("a date is required here", "ett datum krävs här"))
        formats = ", ".join(dict.fromkeys(("%Y-%m-%d", *self.mapping.date_formats)))
        self.flag("error", "bad_date", s.is_not_null() & parsed.is_null(), name,
                  (f"cannot read the value as a date; expected YYYY-MM-DD (or one of "
                   f"{formats})",
                   f"värdet kan inte läsas som ett datum; ÅÅÅÅ-MM-DD (eller något av "
                   f"{formats}) väntades"))
        # outside the years, compared as days (cheaper than every date's year)
        early, late = dt.date(YEARS[0], 1, 1), dt.date(YEARS[1], 12, 31)
        self.flag("error", "out_of_range", (parsed < early) | (parsed > late), name,
                  (f"a date outside {YEARS[0]}–{YEARS[1]}",
                   f"ett datum utanför {YEARS[0]}–{YEARS[1]}"))
        return parsed

    def number(self, name: str, *, required: bool, integer: bool = False) -> pl.Expr:
        import polars as pl  # noqa: PLC0415

        s = self.cell(name)
        parsed = self.define(numbers(s, self.dtype(name), self.define))
        if name in self.columns and self.dtype(name) == pl.Float64:
            # read as it is (a NaN is empty as read): a value not finite leaves its row out
            self.same[parsed.meta.output_name()] = name
        if required:
            self.flag("error", "missing_value", self.missing(s, name), name,
                      ("a number is required here", "ett tal krävs här"))
        kind = "a whole number" if integer else "a number"
        kind_sv = "ett heltal" if integer else "ett tal"
        self.flag("error", "bad_number", s.is_not_null() & parsed.is_null(), name,
                  (f"cannot read the value as {kind} (decimal comma or point)",
                   f"värdet kan inte läsas som {kind_sv} (decimalkomma eller -punkt)"))
        self.flag("error", "bad_number", ~parsed.is_finite(), name,
                  (f"expected {kind}, got a value that is not finite",
                   f"{kind_sv} väntades, men värdet är inte ändligt"))
        if integer:
            self.flag("error", "bad_number", parsed.is_finite() & (parsed != parsed.round(0)),
                      name, ("expected a whole number, got a fraction",
                             "ett heltal väntades, men värdet har decimaler"))
        return parsed

    def coded(self, name: str, s: pl.Expr) -> pl.Expr:
        """``s`` with the mapping's codes for ``name`` applied (a value it does not list
        empty), or as it is when the mapping has none."""
        import polars as pl  # noqa: PLC0415

        codes = self.mapping.codes.get(name)
        if codes is None:
            return s
        targets = set(codes.values())
        lookup = {**{t.casefold(): t for t in targets}, **codes}
        return s.cast(pl.String).str.strip_chars().str.to_lowercase().replace_strict(
            {k.lower(): v for k, v in lookup.items()}, default=None, return_dtype=pl.String)

    def code(self, name: str, s: pl.Expr, *, default: Sequence[str] = (),
             refused: Sequence[str] = ()) -> pl.Expr:
        """Apply the mapping's codes for ``name``; values it does not list are errors. With
        no codes in the mapping, values outside ``default`` are warnings and kept, but for
        those ``refused`` (whose rows another check leaves out: a warning that they are
        kept would contradict it)."""
        import polars as pl  # noqa: PLC0415

        codes = self.mapping.codes.get(name)
        if codes is None:
            if default:
                self.flag("warning", "unknown_code", ~s.is_in([*default, *refused]), name,
                          not_a_default_code(name, default))
            return s
        mapped = self.coded(name, s)
        if name in self.columns and isinstance(self.dtype(name), pl.Categorical):
            mapped = mapped.cast(pl.Categorical)  # held as it was read
        mapped = self.define(mapped)
        listed = ", ".join(sorted(codes))
        self.flag("error", "unknown_code", s.is_not_null() & mapped.is_null(), name,
                  (f"a code the mapping ({self.mapping.source}) does not list; it lists "
                   f"{listed}",
                   f"en kod som mappningen ({self.mapping.source}) inte listar; den listar "
                   f"{listed}"))
        return mapped

    def unknown_columns(self, keep: Iterable[str]) -> None:
        keep = set(keep)
        for col in self.columns:
            if col not in keep:
                self.add("warning", "unknown_column", col,
                         f"column {col!r} is not part of the {self.name} table and is ignored",
                         f"kolumnen {col!r} hör inte till tabellen "
                         f"{TABLE_SV.get(self.name, self.name)} och hoppas över")


def run(tables: Sequence[Table]) -> None:
    """Run the queries of ``tables`` (:meth:`Table.collected`) in one collection, their
    checks of joined rows in one more (:func:`_joined`: one query for the tables that
    join alike), then count them (:meth:`Table.counted`) in one more."""
    import polars as pl  # noqa: PLC0415

    if not tables:
        return
    for t, result in zip(tables, pl.collect_all([t.collected() for t in tables]),
                         strict=True):
        t.result = result
    groups: list[list[Table]] = []
    for t in tables:
        if t.to_join() is None:
            continue
        group = next((g for g in groups if g[0].joins_like(t)), None)
        if group is None:
            groups.append([t])
        else:
            group.append(t)
    for group, flagged in zip(groups, pl.collect_all([_joined(g) for g in groups]),
                              strict=True):
        part = flagged.get_column(_PART)
        for k, t in enumerate(group):
            mine = part == k
            t._add_joined(pl.DataFrame([s.filter(mine) for s in flagged.iter_columns()]))
    for t, summary in zip(tables, pl.collect_all([t.counted() for t in tables]),
                          strict=True):
        t._summary = summary.row(0, named=True)  # the table's own count


def _joined(group: Sequence[Table]) -> pl.LazyFrame:
    """The checks of joined rows of ``group`` (tables that join alike,
    :meth:`Table.joins_like`): their rows together, joined once to what they check
    against, each row flagged with its table's place in ``group`` and its index. (Events
    and answers at a million people: one join of nine million rows to the participants,
    not two, each building its own table of a million ids.) The table of keys the join
    builds is always that of what they check against (:data:`_BUILD_SIDE`), the smaller
    side: its rows are looked up as they stream past, never held. What they check
    against is collected first, to see whether it can be looked up by number instead
    (:func:`by_number`)."""
    import polars as pl  # noqa: PLC0415

    first = group[0]
    assert first._other is not None
    rows = [frame.lazy().with_row_index(INDEX).with_columns(
                pl.lit(k, dtype=pl.UInt8).alias(_PART))
            for k, t in enumerate(group) if (frame := t.to_join()) is not None]
    query = pl.concat(rows)
    other, numbered = by_number(first._other())
    if numbered is not None:  # looked up by the number each key spells (see by_number)
        query = numbered(query)
    elif first._hashed:  # on the keys' hashes, then the keys compared (see Table.join)
        theirs = [c for c in other.columns if c != KEY]
        found = pl.col(_THEIRS) == pl.col(KEY)
        query = query.join(other.lazy().rename({KEY: _THEIRS}), how="left",
                           build_side=_BUILD_SIDE, left_on=key_hash(pl.col(KEY)),
                           right_on=key_hash(pl.col(_THEIRS)),
                           ).with_columns(pl.when(found).then(pl.col(c)).alias(c) for c in theirs)
    else:
        query = query.join(other.lazy(), on=KEY, how="left", build_side=_BUILD_SIDE)
    for e in first._late:
        query = query.with_columns(e)
    names = [e.meta.output_name() for e in first._late]
    return query.select(_PART, INDEX, *names).filter(pl.any_horizontal(*names))


def by_number(other: pl.LazyFrame,
              ) -> tuple[pl.DataFrame, Callable[[pl.LazyFrame], pl.LazyFrame] | None]:
    """``other`` collected, and a function that gives rows each column of ``other`` but
    :data:`KEY`, looked up for their key by the whole number it spells, where every key
    of ``other`` is one written plainly (as polars writes an integer: no sign but a minus,
    no leading zero) and the numbers lie close together (:data:`_SLOTS_A_KEY`): the
    serial numbers of a register, say; ``None`` otherwise (the caller joins).

    Each column is laid out in an array with a slot for every number from the keys'
    least to their greatest, and a row's key reads the slot of its number, when it
    spells that number with as many characters as the key in that slot does: every
    other text that polars reads as the same number (``+7``, ``07``, ``-0``) is longer
    than its plain spelling, so the rows that find a slot are those whose key equals
    one of ``other``'s, exactly as a join on the texts finds them. Looking up an array
    costs a fraction of what a join's table does (nine million events and answers
    checked against a million participants: 0.11 s against 0.35 s on the hashes, in
    one process; see ``docs/scale.md``). Keys that are not numbers (the first one
    tells) cost nothing more than ``other`` collected."""
    import polars as pl  # noqa: PLC0415

    theirs = other.collect()
    first = theirs.get_column(KEY).head(1).to_list()
    if not first or not isinstance(first[0], str) or not _PLAIN_NUMBER.fullmatch(first[0]):
        return theirs, None  # (text ids: nothing more read)
    key = pl.col(KEY)
    read = theirs.select(key.str.to_integer(strict=False).alias(_SLOT),
                         key.str.len_bytes().alias(_LENGTH), written_plainly(key).alias(_PLAIN))
    numbers, plain = read.get_column(_SLOT), read.get_column(_PLAIN)
    if numbers.null_count() or not plain.all():
        return theirs, None
    low, high = numbers.min(), numbers.max()
    assert isinstance(low, int)
    assert isinstance(high, int)
    size = high - low + 1
    if size > _SLOTS_A_KEY * theirs.height:
        return theirs, None
    at = (numbers - low).cast(pl.UInt32)
    in_order = bool((numbers.diff(null_behavior="drop") == 1).all())

    def laid_out(values: pl.Series) -> pl.Series:
        if in_order:  # the keys are low, low + 1, …: each row is its own slot
            return values.rechunk()  # one piece: looked up fastest
        empty = pl.Series([None], dtype=values.dtype).new_from_index(0, size)
        return empty.scatter(at, values)

    spelled = laid_out(read.get_column(_LENGTH))
    if spelled.null_count() != size - theirs.height:  # two keys in one slot: join instead
        return theirs, None
    slots = {c: laid_out(theirs.get_column(c)) for c in theirs.columns if c != KEY}

    def looked_up(rows: pl.LazyFrame) -> pl.LazyFrame:
        key, slot = pl.col(KEY), pl.col(_SLOT)
        number = key.str.to_integer(strict=False)
        rows = rows.with_columns(
            pl.when(number.is_between(low, high)).then(number - low).cast(pl.UInt32)
            .alias(_SLOT))
        rows = rows.with_columns(pl.when(pl.lit(spelled).gather(slot) == key.str.len_bytes())
                                 .then(slot).alias(_SLOT))  # only the slots of equal keys
        return rows.with_columns(pl.lit(s).gather(slot).alias(c) for c, s in slots.items())

    return theirs, looked_up


def written_plainly(text: pl.Expr) -> pl.Expr:
    """Whether each text that polars reads as a whole number (``str.to_integer``: a sign
    or none, then digits, ``[+-]?[0-9]+``) is that number written plainly, as polars
    writes it: no plus sign, no leading zero, no ``-0``."""
    return ~(text.str.starts_with("+") | text.str.starts_with("-0")
             | (text.str.starts_with("0") & (text.str.len_bytes() > 1)))


_PLAIN_NUMBER: Final = re.compile(r"0|-?[1-9][0-9]{0,18}")
"""A whole number written plainly (:func:`written_plainly`), as far as one key's look tells:
:func:`by_number` looks at its first key so, before reading them all."""

_SLOTS_A_KEY: Final = 2
"""How many slots :func:`by_number` lays out at most, a key: a million participants
numbered 1 to 2,000,000 (half of them gone) are looked up in arrays of two million
slots (their enrolment, whether kept, the key's length: about 16 MiB); a few ids far
apart are joined instead."""


def key_hash(e: pl.Expr) -> pl.Expr:
    """The keys ``e`` hashed, as every check of keys hashes them: whether a table's ids
    hash to values of their own (:func:`goalkit.data._checks.questions`), and the join
    on hashes of :meth:`Table.join`."""
    return e.hash(_HASH_SEED)


def hashes_apart(hashes: pl.Expr) -> pl.Expr:
    """Whether every row's hash in ``hashes`` is one of its own (sorting them costs far
    less than looking for repeated values): the participants' ids as validation checks
    them (:func:`goalkit.data._checks.questions`), and as the columnar executor checks a
    host's (:func:`goalkit.engine._columnar.ids_apart`). Empty when there are no rows."""
    import polars as pl  # noqa: PLC0415

    return (hashes.sort().rle_id().max() + 1) == pl.len()


_BUILD_SIDE: Final = "force_right"
"""The side of :func:`_joined`'s join whose keys it builds its table of: what the rows
are checked against (the participants), never the rows checked (events and answers),
whatever polars would have picked. Nine million events and answers joined to a million
participants: the join's working memory (the process's resident peak over its resident
memory before) 108 → 78 MiB, 105 → 73 MiB with polars' allocator returning freed memory
at once, in the same 0.58 s of CPU (medians of four interleaved runs each)."""

_PART = "\x00part"
"""Which table of a group joined together (:func:`_joined`) a row is of."""


def rows_of(mask: pl.Series, limit: int | None = None) -> pl.Series:
    """The index (0, 1, …) of each row where ``mask`` holds (the first ``limit`` of them),
    without a query: the rows numbered a slice of :data:`_ROWS_A_SLICE` at a time, up to
    the slice that holds the last wanted (at the six million answers of a million people,
    4 MiB of row numbers at once, not 22 MiB for the five rows a report lists)."""
    import polars as pl  # noqa: PLC0415

    found = pl.Series(INDEX, [], dtype=pl.get_index_type())
    for start in range(0, mask.len(), _ROWS_A_SLICE):
        part = mask.slice(start, _ROWS_A_SLICE)
        rows = part.to_frame().with_row_index(INDEX, offset=start).get_column(INDEX)
        found = found.append(rows.filter(part))
        if limit is not None and found.len() >= limit:
            return found.head(limit)
    return found


_ROWS_A_SLICE = 1 << 20
"""How many rows :func:`rows_of` numbers at once."""


def marked(height: int, rows: Sequence[int] | pl.Series) -> pl.Series:
    """A mask of ``height`` rows that holds on ``rows``."""
    import polars as pl  # noqa: PLC0415

    mask = pl.Series([False], dtype=pl.Boolean).new_from_index(0, height)
    return mask.scatter(rows, True) if len(rows) else mask


def _broken(col: str) -> str:
    return f"\x00broken:{col}"
