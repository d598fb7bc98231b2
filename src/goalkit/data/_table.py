"""One table under validation: its columns renamed and parsed, and the rows at fault.

A check does not make one problem per row: it hands :meth:`_Table.flag` a mask of the rows
at fault and a message (or a function of the row for a message that names, say, the
scale). Only the rows a report lists (:data:`~goalkit.data._problems.ROW_ISSUE_LIMIT` per
code) become :class:`~goalkit.data._problems.Problem` objects; the rest are counted. Which
rows are left out is a mask too, so a table of a million rows with a warning on every
other row costs a few vectorised operations, not half a million objects.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from goalkit.data._parse import as_text, dates, null_where, numbers
from goalkit.data._problems import (
    ROW_ISSUE_LIMIT,
    TABLE_SV,
    Problem,
    Severity,
    issue_sv,
    limited,
    not_a_default_code,
)
from goalkit.data._raw import WRONG_TYPE, contains_personal_number
from goalkit.data._schema import MAX_TEXT, YEARS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    import polars as pl

    from goalkit.data._mapping import ColumnMapping
    from goalkit.data._raw import RawTable

__all__ = ["Table"]

class _Flag:
    """Rows at fault by one check: ``message`` (English, Swedish), or a function of the
    row's index giving it."""

    __slots__ = ("code", "column", "mask", "message", "severity")

    def __init__(self, severity: Severity, code: str, column: str | None, mask: pl.Series,
                 message: tuple[str, str] | Callable[[int], tuple[str, str]]) -> None:
        self.severity = severity
        self.code = code
        self.column = column
        self.mask = mask
        self.message = message


class Table:
    """Checks one table's rows, remembering the problems and the rows to leave out."""

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
        self.broken_rows = pl.repeat(False, self.height, dtype=pl.Boolean, eager=True)
        """Rows already reported unreadable: a cell in them is not also missing."""
        if at_fault:
            self.broken_rows = self.broken_rows.scatter(at_fault, True)
        self._excluded: pl.Series | None = self.broken_rows
        self.broken: dict[str, pl.Series] = {}
        """Cells already reported unreadable, by column: not also missing."""
        renamed: dict[str, pl.Series] = {}
        for header in raw.frame.columns:
            canonical = mapping.canonical(name, header)
            if canonical in renamed:
                self.add("warning", "duplicate_column", header,
                         f"column {header!r} also maps onto {canonical!r}; the first one "
                         "is used and this one is ignored",
                         f"kolumnen {header!r} motsvarar också {canonical!r}; den första "
                         "används och den här hoppas över")
                continue
            renamed[canonical] = raw.frame.get_column(header).alias(canonical)
        self.columns = renamed
        self._cells()

    def _cells(self) -> None:
        """Cells that are no single value, too long, or hold a personal identity number,
        in any column: found for every column in one query."""
        import polars as pl  # noqa: PLC0415

        if not self.columns or not self.height:
            return
        names = [c for c, s in self.columns.items() if s.dtype == pl.String]
        typed = [c for c, s in self.columns.items()
                 if s.dtype.is_numeric() and c != "participant_id"]
        if not names and not typed:
            return
        frame = pl.DataFrame([self.columns[c] for c in (*names, *typed)])
        found = frame.select(
            # ten digits before the point, or any after it: as text, maybe a personal number
            *((pl.col(c).cast(pl.Float64).abs().ge(1e9)
               | pl.col(c).cast(pl.Float64).round(0).ne(pl.col(c).cast(pl.Float64)))
              .fill_null(value=False).alias(f"n{j}") for j, c in enumerate(typed)),
            *(pl.col(c).str.starts_with(WRONG_TYPE).fill_null(value=False).alias(f"w{j}")
              for j, c in enumerate(names)),
            *(pl.col(c).str.len_chars().gt(MAX_TEXT).fill_null(value=False).alias(f"l{j}")
              for j, c in enumerate(names)),
            *(pl.col(c).str.contains(r"\d{6}[-+ ]?\d{4}").fill_null(value=False)
              .alias(f"p{j}") for j, c in enumerate(names) if c != "participant_id"),
        )
        counts = found.select(pl.all().sum()).row(0, named=True)
        for j, col in enumerate(names):
            if counts[f"w{j}"]:
                s, bad = self.columns[col], found[f"w{j}"]
                self._broken(col, bad)
                self.flag("error", "wrong_type", bad, col, _wrong_type(s))
                self.columns[col] = null_where(s, bad)
        for j, col in enumerate(names):
            if counts[f"l{j}"]:
                s, long = self.columns[col], found[f"l{j}"]
                self._broken(col, long)
                self.flag("error", "out_of_range", long, col, _too_long(s))
                self.columns[col] = null_where(s, long)
        for j, col in enumerate(names):
            if counts.get(f"p{j}"):
                self._personal_numbers(col, found[f"p{j}"])
        for j, col in enumerate(typed):
            if counts[f"n{j}"]:
                self._personal_numbers(col, found[f"n{j}"])

    def _personal_numbers(self, col: str, maybe: pl.Series) -> None:
        """A personal identity number outside the id column could reach a report (as a
        category, a code, evidence): the cell is refused and its row left out."""
        import polars as pl  # noqa: PLC0415

        s = self.columns[col]
        rows = maybe.arg_true()
        text = as_text(s.gather(rows))
        if s.dtype != pl.String:  # numbers written as text: only those with ten digits
            ten = text.str.contains(r"\d{6}[-+ ]?\d{4}").fill_null(value=False)
            rows, text = rows.filter(ten), text.filter(ten)
        flagged = [i for i, v in zip(rows.to_list(), text.to_list(), strict=True)
                   if v is not None and contains_personal_number(v)]
        if not flagged:
            return
        mask = pl.repeat(False, self.height, dtype=pl.Boolean, eager=True).scatter(flagged, True)
        self._broken(col, mask)
        self.flag("error", "personal_id", mask, col,
                  ("this value looks like (or holds) a Swedish personal identity number; "
                   "the row is left out so that it cannot reach a report",
                   "värdet liknar (eller innehåller) ett svenskt personnummer; raden "
                   "utesluts så att det inte kan hamna i en rapport"))
        self.columns[col] = null_where(s, mask)

    def _broken(self, col: str, mask: pl.Series) -> None:
        self.broken[col] = self.broken[col] | mask if col in self.broken else mask

    # problems --------------------------------------------------------------------------

    def add(self, severity: Severity, code: str, column: str | None, message: str,
            message_sv: str, *, fatal: bool = False) -> None:
        """One problem of the table, not of a row: ``message`` in English,
        ``message_sv`` the same in Swedish."""
        self.problems.append(Problem(severity, code, message, self.raw.origin, None, column,
                                     fatal=fatal, message_sv=message_sv))

    def flag(self, severity: Severity, code: str, mask: pl.Series, column: str | None,
             message: tuple[str, str] | Callable[[int], tuple[str, str]], *,
             unless_excluded: bool = False) -> None:
        """The rows where ``mask`` holds have this problem; an error leaves them out.

        :param unless_excluded: only rows not already left out.
        """
        if unless_excluded:
            mask = mask.fill_null(value=False) & ~self.excluded
        self.flags.append(_Flag(severity, code, column, mask, message))
        if severity == "error":
            self._excluded = None  # worked out again when next asked for

    @property
    def excluded(self) -> pl.Series:
        """The rows left out so far: those unreadable, and every row an error flags."""
        import polars as pl  # noqa: PLC0415

        if self._excluded is None:
            errors = [f.mask for f in self.flags if f.severity == "error"]
            masks = pl.DataFrame([self.broken_rows.alias("0"),
                                  *(m.alias(str(k)) for k, m in enumerate(errors, start=1))])
            self._excluded = masks.select(
                pl.any_horizontal(pl.all().fill_null(value=False))).to_series()
        return self._excluded

    def _counted(self) -> list[tuple[_Flag, int]]:
        """Each flag with how many rows it flags (all counted in one query), but those
        flagging none."""
        import polars as pl  # noqa: PLC0415

        if not self.flags:
            return []
        masks = pl.DataFrame([f.mask.alias(str(k)) for k, f in enumerate(self.flags)])
        counts = masks.select(pl.all().fill_null(value=False).sum()).row(0)
        return [(f, int(n)) for f, n in zip(self.flags, counts, strict=True) if n]

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

    def listed(self) -> list[Problem]:
        """Every problem found, in row order: at most
        :data:`~goalkit.data._problems.ROW_ISSUE_LIMIT` rows a code, the rest counted."""
        origin = self.raw.origin
        found = list(self.problems)
        totals: Counter[tuple[str, Severity, str]] = Counter(
            (p.code, p.severity, p.origin) for p in self.problems if p.row is not None)
        for f, count in self._counted():
            totals[(f.code, f.severity, origin)] += count
            for i in f.mask.fill_null(value=False).arg_true().head(ROW_ISSUE_LIMIT).to_list():
                text, text_sv = f.message(i) if callable(f.message) else f.message
                found.append(Problem(f.severity, f.code, text, origin, self.raw.rows[i],
                                     f.column, message_sv=text_sv))
        return limited(found, totals)

    def left_out(self) -> int:
        """How many rows are left out."""
        return int(self.excluded.sum())

    def excluded_rows(self) -> set[int]:
        """The row numbers (as the source shows them) left out."""
        return {self.raw.rows[i] for i in _indices(self.excluded)}

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
        if errors:  # each row counted once, for the first error that flags it
            import polars as pl  # noqa: PLC0415

            masks = pl.DataFrame([self.broken_rows.alias("0"), *(
                f.mask.fill_null(value=False).alias(str(k)) for k, f in enumerate(errors, 1))])
            claimed, firsts = pl.col("0"), []
            for k in range(1, len(errors) + 1):
                firsts.append((pl.col(str(k)) & ~claimed).sum().alias(str(k)))
                claimed = claimed | pl.col(str(k))
            counts = masks.select(firsts).row(0)
            for f, n in zip(errors, counts, strict=True):
                reasons[f.code] += int(n)
        extra = sum(joined.values())
        detail = ", ".join(f"{n} {code}" for code, n in sorted(reasons.items()) if n)
        detail_sv = ", ".join(f"{n} {issue_sv(code)}"
                              for code, n in sorted(reasons.items()) if n)
        left_out = self.left_out() + extra
        return Problem("error", "rows_excluded",
                       f"{left_out} of {self.height + extra} row(s) of {self.name} left out: "
                       f"{detail}", self.raw.origin, count=left_out,
                       message_sv=f"{left_out} av {self.height + extra} rader i tabellen "
                                  f"{TABLE_SV.get(self.name, self.name)} uteslöts: "
                                  f"{detail_sv}")

    # typed columns -----------------------------------------------------------------------

    def missing(self, s: pl.Series) -> pl.Series:
        """Rows where ``s`` is empty and nothing else was said about it already."""
        mask = s.is_null() & ~self.broken_rows
        if s.name in self.broken:
            mask = mask & ~self.broken[s.name]
        return mask

    def col(self, name: str) -> pl.Series:
        """Column ``name`` as text (empty when the table lacks it)."""
        import polars as pl  # noqa: PLC0415

        if name in self.columns:
            return as_text(self.columns[name])
        return pl.repeat(None, self.height, dtype=pl.String, eager=True).alias(name)

    def text(self, name: str, *, required: bool) -> pl.Series:
        s = self.col(name)
        if required:
            self.flag("error", "missing_value", self.missing(s), name,
                      ("a value is required here", "ett värde krävs här"))
        return s

    def date(self, name: str, *, required: bool) -> pl.Series:
        s = self.columns[name] if name in self.columns else self.col(name)
        parsed = dates(s, self.mapping.date_formats)
        if required:
            self.flag("error", "missing_value", self.missing(s), name,
                      ("a date is required here", "ett datum krävs här"))
        formats = ", ".join(dict.fromkeys(("%Y-%m-%d", *self.mapping.date_formats)))
        self.flag("error", "bad_date", s.is_not_null() & parsed.is_null(), name,
                  (f"cannot read the value as a date; expected YYYY-MM-DD (or one of "
                   f"{formats})",
                   f"värdet kan inte läsas som ett datum; ÅÅÅÅ-MM-DD (eller något av "
                   f"{formats}) väntades"))
        years = parsed.dt.year()
        self.flag("error", "out_of_range", (years < YEARS[0]) | (years > YEARS[1]), name,
                  (f"a date outside {YEARS[0]}–{YEARS[1]}",
                   f"ett datum utanför {YEARS[0]}–{YEARS[1]}"))
        return parsed

    def number(self, name: str, *, required: bool, integer: bool = False) -> pl.Series:
        s = self.columns[name] if name in self.columns else self.col(name)
        parsed = numbers(s)
        if required:
            self.flag("error", "missing_value", self.missing(s), name,
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

    def code(self, name: str, s: pl.Series, *, default: Sequence[str] = ()) -> pl.Series:
        """Apply the mapping's codes for ``name``; values it does not list are errors. With
        no codes in the mapping, values outside ``default`` are warnings and kept."""
        import polars as pl  # noqa: PLC0415

        codes = self.mapping.codes.get(name)
        if codes is None:
            if default:
                self.flag("warning", "unknown_code", ~s.is_in(list(default)), name,
                          not_a_default_code(name, default))
            return s
        targets = set(codes.values())
        lookup = {**{t.casefold(): t for t in targets}, **codes}
        mapped = s.str.strip_chars().str.to_lowercase().replace_strict(
            {k.lower(): v for k, v in lookup.items()}, default=None, return_dtype=pl.String
        )
        listed = ", ".join(sorted(codes))
        self.flag("error", "unknown_code", s.is_not_null() & mapped.is_null(), name,
                  (f"a code the mapping ({self.mapping.source}) does not list; it lists "
                   f"{listed}",
                   f"en kod som mappningen ({self.mapping.source}) inte listar; den listar "
                   f"{listed}"))
        return mapped.alias(name)

    def unknown_columns(self, keep: Iterable[str]) -> None:
        keep = set(keep)
        for col in self.columns:
            if col not in keep:
                self.add("warning", "unknown_column", col,
                         f"column {col!r} is not part of the {self.name} table and is ignored",
                         f"kolumnen {col!r} hör inte till tabellen "
                         f"{TABLE_SV.get(self.name, self.name)} och hoppas över")

    def index(self) -> pl.Series:
        import polars as pl  # noqa: PLC0415

        return pl.Series("__i", range(self.height), dtype=pl.Int64)


def _wrong_type(s: pl.Series) -> Callable[[int], tuple[str, str]]:
    def message(i: int) -> tuple[str, str]:
        kind = s[i][1:]
        return (f"expected a single value, got a {kind}",
                f"ett enda värde väntades, men cellen håller ett värde av typen {kind}")
    return message


def _too_long(s: pl.Series) -> Callable[[int], tuple[str, str]]:
    def message(i: int) -> tuple[str, str]:
        return (f"a value of {len(s[i])} characters; expected at most {MAX_TEXT}",
                f"ett värde på {len(s[i])} tecken; högst {MAX_TEXT} tillåts")
    return message


def _indices(mask: pl.Series) -> list[int]:
    return [int(i) for i in mask.arg_true().to_list()]
