"""Validation: raw tables of text in, a clean :class:`Dataset` and every problem out.

Every loader reads its source into :class:`RawTable` objects whose cells are all text
(``None`` for an empty cell), so every source goes through one and the same parsing: the
same data gives the same canonical types (participant ids as text, dates as dates, scores
as floats) whatever it was stored in. :func:`validate` then checks every row of every table
in one pass and collects every problem as a :class:`Problem`; nothing stops at the first.

A problem of severity ``error`` leaves its row out of the data set (and says so); a
``warning`` keeps it. A *fatal* problem (a file that cannot be read, a required column that
is missing) leaves nothing to evaluate, so :func:`validate` raises
:class:`~goalkit.DataValidationError` listing every problem found. In strict mode any error
is refused the same way.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

import attrs
from attrs import frozen

from goalkit._exceptions import DataError, DataValidationError
from goalkit.data._dataset import Dataset
from goalkit.data._mapping import EXTRA_COLUMNS, TABLES, ColumnMapping
from goalkit.data._privacy import looks_like_personal_number, shown
from goalkit.data._schema import MAX_COLUMNS, MAX_TEXT, SCHEMA, YEARS
from goalkit.model._records import Assessment, Measurement, Verdict
from goalkit.model._result import DataIssue

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence  # noqa: TC004  # attrs reads no annotations

    import polars as pl  # noqa: TC004  # attrs reads no annotations

    from goalkit.model._project import Project

__all__ = [
    "CODES",
    "MAX_COLUMNS",
    "MAX_TEXT",
    "Problem",
    "RawData",
    "RawTable",
    "check_rows",
    "issues_to_error",
    "refuse_errors",
    "validate",
]

Severity = Literal["error", "warning"]

CODES: Mapping[str, str] = MappingProxyType({
    # reading a source
    "unreadable": "The file, sheet or database table cannot be read at all (or is beyond a "
                  "limit: MAX_COLUMNS columns).",
    "empty_file": "The file has no content (not even a header).",
    "no_participants": "The source holds no participants table.",
    "encoding": "The file is not UTF-8; it was read as Latin-1/cp1252 (a warning).",
    "field_count": "A CSV row has more or fewer fields than the header, or a quoted cell "
                   "runs over several lines (a stray quote: those lines are counted).",
    "ambiguous_table": "Two files or sheets could hold the same table; the first was used.",
    # columns
    "missing_column": "A required column is not in the table.",
    "duplicate_column": "The same column name twice in a header (an error), or two columns "
                        "that map onto the same schema column (a warning: the first is used).",
    "unknown_column": "A column goalkit does not keep (events, responses, measurements).",
    "wrong_type": "A column or cell holds something that is not a value (a list, a map).",
    "no_rows": "A table has a header but no rows.",
    # values
    "missing_value": "A required cell is empty.",
    "bad_date": "A date that cannot be read in any accepted format.",
    "bad_number": "A number that cannot be read, or is not finite.",
    "out_of_range": "A date or year far outside any plausible range, or a value too long.",
    "unknown_code": "A code the mapping does not list (or, for sex, none of F, M, X).",
    "score_out_of_range": "A survey score outside its scale.",
    # rows against rows
    "exit_before_enrolment": "A participant exits before enrolling.",
    "duplicate_participant": "The same participant id on more than one row.",
    "unknown_participant": "An event or answer for a participant id not in participants.",
    "excluded_participant": "An event or answer for a participant whose row was left out.",
    "event_before_enrolment": "An event dated before the participant's enrolment (a warning).",
    "answer_before_enrolment": "A survey answer dated before enrolment (a warning).",
    "age_outside_target_group": "Age at enrolment outside the project's target group (a "
    "warning: the row is kept, and counts in every goal not restricted to the target group).",
    # reported figures (goalkit.data._figures)
    "breakdown_impossible": "A reported figure's breakdown adds up to more than the figure.",
    "breakdown_incomplete": "A reported figure's breakdown adds up to less (a warning).",
    "conflicting_figures": "One metric reported with two different figures for one date.",
    # privacy
    "personal_id": "A participant id that looks like a Swedish personal identity number.",
    # summary
    "rows_excluded": "How many rows of a table were left out, by reason.",
})
"""Every problem code validation uses, with what it means (``docs/data.md`` lists them)."""

ROW_ISSUE_LIMIT = 50
"""Rows listed one by one per table and code; further rows are counted in one issue."""

_YEARS = YEARS
_SCORE_LIMIT = 1e6
_WRONG_TYPE = "\x00"
"""Readers put this before the type name of a cell that is not a scalar value."""


@frozen
class RawTable:
    """One table as read from its source: every cell text, nothing parsed yet.

    :param frame: a polars frame whose columns are all strings (``None`` for empty).
    :param origin: where it came from, as a person finds it: ``participants.csv``,
        ``data.xlsx, sheet 'Deltagare'``, ``database table participants``.
    :param rows: the row number of each frame row as the source shows it (a spreadsheet
        counts the header as row 1).
    :param problems: problems found while reading (rows with a wrong field count, …).
    """

    frame: pl.DataFrame
    origin: str
    rows: tuple[int, ...]
    problems: tuple[Problem, ...] = ()

    @classmethod
    def from_rows(
        cls,
        header: Sequence[str],
        rows: Iterable[Sequence[str | None]],
        *,
        origin: str,
        numbers: Sequence[int],
        problems: Sequence[Problem] = (),
    ) -> RawTable:
        """A table from a header and rows of text cells."""
        import polars as pl  # noqa: PLC0415

        names = unique_headers(header)
        problems = [*problems, *header_problems(header, origin)]
        width = len(names)
        padded = [r if len(r) == width else [*r, *([None] * width)][:width] for r in rows]
        columns = list(zip(*padded, strict=True)) if padded else [() for _ in names]
        if not names:
            return cls(pl.DataFrame(), origin, tuple(numbers), tuple(problems))
        raw = pl.DataFrame(
            [pl.Series(n, c, dtype=pl.String) for n, c in zip(names, columns, strict=True)]
        )
        return cls.from_text_frame(raw, origin=origin, numbers=numbers, problems=problems)

    @classmethod
    def from_text_frame(
        cls,
        raw: pl.DataFrame,
        *,
        origin: str,
        numbers: Sequence[int],
        problems: Sequence[Problem] = (),
    ) -> RawTable:
        """A table from a frame of text columns named by :func:`unique_headers`: cells
        are stripped, and empty ones become ``None``."""
        import polars as pl  # noqa: PLC0415

        stripped = [pl.col(n).str.strip_chars() for n in raw.columns]
        frame = raw.select(pl.when(e != "").then(e).alias(n)
                           for e, n in zip(stripped, raw.columns, strict=True))
        return cls(frame, origin, tuple(numbers), tuple(problems))


@frozen
class RawData:
    """Everything a loader read, before validation.

    :param tables: table name (see :data:`goalkit.data.TABLES`) to its raw table.
    :param source: the file, folder or database, for messages only (never in a report).
    :param problems: problems not tied to one table (an unreadable file, encodings).
    """

    tables: Mapping[str, RawTable]
    source: str
    problems: tuple[Problem, ...] = ()


@frozen
class Problem:
    """One problem, with where it is. ``row`` is the row number as the source shows it.

    The message never contains a participant's value (an id, a date, a number, a code):
    it names the place and the kind of problem, because it reaches published reports.
    """

    severity: Severity
    code: str
    message: str
    origin: str = ""
    row: int | None = None
    column: str | None = None
    count: int = 1
    fatal: bool = False
    message_sv: str = ""
    """The same message as a Swedish reader writes it."""

    @property
    def where(self) -> str:
        """``file, sheet or table, row N, column 'c'``."""
        parts = [self.origin] if self.origin else []
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts)

    def issue(self) -> DataIssue:
        """As the :class:`DataIssue` a report carries."""
        return DataIssue(self.severity, self.code, self.message, self.where, self.count,
                         self.message_sv)


def header_problems(header: Sequence[str], origin: str) -> list[Problem]:
    """A column name given twice is fatal: which of the two columns holds the data?"""
    seen: dict[str, int] = {}
    out: list[Problem] = []
    for i, h in enumerate(header, start=1):
        name = (h or "").strip()
        if not name:
            continue
        if name in seen:
            pnr = _contains_personal_number(name)
            shown_name = ("(a name that looks like a personal identity number)"
                          if pnr else repr(shown(name)[1:-1]))
            shown_sv = ("(ett namn som liknar ett personnummer)"
                        if pnr else repr(shown(name)[1:-1]))
            out.append(Problem("error", "duplicate_column",
                               f"the column name {shown_name} is given twice (columns "
                               f"{seen[name]} and {i}); rename one of them", origin,
                               fatal=True,
                               message_sv=f"kolumnnamnet {shown_sv} förekommer två gånger "
                                          f"(kolumn {seen[name]} och {i}); byt namn på "
                                          "en av dem"))
        else:
            seen[name] = i
    return out


def unique_headers(header: Sequence[str]) -> list[str]:
    out: list[str] = []
    for i, h in enumerate(header, start=1):
        name = (h or "").strip() or f"column {i}"
        if _contains_personal_number(name):
            name = f"column {i} (its name looks like a personal identity number)"
        base, n = name, 2
        while name in out:
            name, n = f"{base} ({n})", n + 1
        out.append(name)
    return out


# -- parsing columns of text ------------------------------------------------------------


def _dates(s: pl.Series, formats: Sequence[str]) -> pl.Series:
    import polars as pl  # noqa: PLC0415

    text = s.str.replace(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?$", "$1")
    fmts = list(dict.fromkeys(("%Y-%m-%d", *formats)))
    parsed = pl.select(pl.coalesce([text.str.to_date(f, strict=False) for f in fmts])).to_series()
    python_range = parsed.dt.year().is_between(1, 9999)  # "-1000000" parses as year -768
    return _null_where(parsed, ~python_range.fill_null(value=True)).alias(s.name)


def _numbers(s: pl.Series) -> pl.Series:
    import polars as pl  # noqa: PLC0415

    text = s.str.replace_all(r"[\s\u00a0']", "")
    comma = text.str.contains(",", literal=True) & ~text.str.contains(".", literal=True)
    text = pl.select(
        pl.when(comma).then(text.str.replace(",", ".", literal=True)).otherwise(text)
    ).to_series()
    return text.cast(pl.Float64, strict=False).alias(s.name)


class _Table:
    """Checks one table's rows, remembering the problems and the rows to leave out."""

    def __init__(self, name: str, raw: RawTable, mapping: ColumnMapping) -> None:

        self.name = name
        self.raw = raw
        self.mapping = mapping
        self.problems: list[Problem] = list(raw.problems)
        self.excluded: set[int] = {
            raw.rows.index(p.row) for p in raw.problems
            if p.severity == "error" and p.row is not None and p.row in raw.rows
        }
        self.broken: set[tuple[int, str | None]] = {(i, None) for i in self.excluded}
        """Rows (column ``None``) and cells already reported unreadable: not also missing."""
        self.fatal = False
        renamed: dict[str, pl.Series] = {}
        for header in raw.frame.columns:
            canonical = mapping.canonical(name, header)
            if canonical in renamed:
                self.add("warning", "duplicate_column", None, header,
                         f"column {header!r} also maps onto {canonical!r}; the first one "
                         "is used and this one is ignored",
                         f"kolumnen {header!r} motsvarar också {canonical!r}; den första "
                         "används och den här hoppas över")
                continue
            renamed[canonical] = raw.frame.get_column(header).alias(canonical)
        self.columns = renamed
        self.height = raw.frame.height
        for col, s in renamed.items():
            bad = s.str.starts_with(_WRONG_TYPE).fill_null(value=False)
            for i in _indices(bad):
                kind = s[i][1:]
                self.broken.add((i, col))
                self.add("error", "wrong_type", i, col,
                         f"expected a single value, got a {kind}",
                         f"ett enda värde väntades, men cellen håller ett värde av typen "
                         f"{kind}")
            if bad.any():
                self.columns[col] = _null_where(s, bad)
        for col, s in self.columns.items():
            long = s.str.len_chars() > MAX_TEXT
            if long.any():
                for i in _indices(long.fill_null(value=False)):
                    self.broken.add((i, col))
                    self.add("error", "out_of_range", i, col,
                             f"a value of {len(s[i])} characters; expected at most {MAX_TEXT}",
                             f"ett värde på {len(s[i])} tecken; högst {MAX_TEXT} tillåts")
                self.columns[col] = _null_where(s, long.fill_null(value=False))
        for col, s in self.columns.items():
            if col != "participant_id":
                self._personal_numbers(col, s)

    def _personal_numbers(self, col: str, s: pl.Series) -> None:
        """A personal identity number outside the id column could reach a report (as a
        category, a code, evidence): the cell is refused and its row left out."""
        maybe = s.str.contains(r"\d{6}[-+ ]?\d{4}").fill_null(value=False)
        flagged = [i for i in _indices(maybe) if _contains_personal_number(s[i])]
        for i in flagged:
            self.broken.add((i, col))
            self.add("error", "personal_id", i, col,
                     "this value looks like (or holds) a Swedish personal identity number; "
                     "the row is left out so that it cannot reach a report",
                     "värdet liknar (eller innehåller) ett svenskt personnummer; raden "
                     "utesluts så att det inte kan hamna i en rapport")
        if flagged:
            import polars as pl  # noqa: PLC0415

            mask = pl.Series([i in set(flagged) for i in range(len(s))])
            self.columns[col] = _null_where(s, mask)

    # problems --------------------------------------------------------------------------

    def add(self, severity: Severity, code: str, index: int | None, column: str | None,
            message: str, message_sv: str, *, fatal: bool = False) -> None:
        """One problem: ``message`` in English, ``message_sv`` the same in Swedish."""
        row = self.raw.rows[index] if index is not None else None
        self.problems.append(Problem(severity, code, message, self.raw.origin, row, column,
                                     fatal=fatal, message_sv=message_sv))
        if severity == "error" and index is not None:
            self.excluded.add(index)
        if fatal:
            self.fatal = True

    def require(self, columns: Sequence[str]) -> bool:
        missing = [c for c in columns if c not in self.columns]
        if missing:
            names = ", ".join(repr(c) for c in self.raw.frame.columns)
            wanted = ", ".join(repr(c) for c in missing)
            self.add("error", "missing_column", None, None,
                     f"missing required column(s) {wanted}; "
                     f"the table has {names or 'no columns'} (map your own names in a "
                     "mapping file's [columns])",
                     f"obligatoriska kolumner saknas: {wanted}; tabellen har "
                     f"{names or 'inga kolumner'} (ange egna namn under [columns] i en "
                     "mappningsfil)", fatal=True)
        if self.height == 0 and not missing:
            self.add("warning", "no_rows", None, None, "the table has a header but no rows",
                     "tabellen har en rubrikrad men inga rader")
        return not missing

    def missing(self, s: pl.Series) -> list[int]:
        """Rows where ``s`` is empty and nothing else was said about it already."""
        return [i for i in _indices(s.is_null())
                if (i, None) not in self.broken and (i, s.name) not in self.broken]

    def col(self, name: str) -> pl.Series:
        import polars as pl  # noqa: PLC0415

        if name in self.columns:
            return self.columns[name]
        return pl.Series(name, [None] * self.height, dtype=pl.String)

    # typed columns -----------------------------------------------------------------------

    def text(self, name: str, *, required: bool) -> pl.Series:
        s = self.col(name)
        if required:
            for i in self.missing(s):
                self.add("error", "missing_value", i, name, "a value is required here",
                         "ett värde krävs här")
        return s

    def date(self, name: str, *, required: bool) -> pl.Series:
        s = self.col(name)
        parsed = _dates(s, self.mapping.date_formats)
        if required:
            for i in self.missing(s):
                self.add("error", "missing_value", i, name, "a date is required here",
                         "ett datum krävs här")
        formats = ", ".join(dict.fromkeys(("%Y-%m-%d", *self.mapping.date_formats)))
        for i in _indices(s.is_not_null() & parsed.is_null()):
            self.add("error", "bad_date", i, name,
                     f"cannot read the value as a date; expected YYYY-MM-DD (or one of "
                     f"{formats})",
                     f"värdet kan inte läsas som ett datum; ÅÅÅÅ-MM-DD (eller något av "
                     f"{formats}) väntades")
        years = parsed.dt.year()
        for i in _indices(((years < _YEARS[0]) | (years > _YEARS[1])).fill_null(value=False)):
            self.add("error", "out_of_range", i, name,
                     f"a date outside {_YEARS[0]}–{_YEARS[1]}",
                     f"ett datum utanför {_YEARS[0]}–{_YEARS[1]}")
        return parsed

    def number(self, name: str, *, required: bool, integer: bool = False) -> pl.Series:
        s = self.col(name)
        parsed = _numbers(s)
        if required:
            for i in self.missing(s):
                self.add("error", "missing_value", i, name, "a number is required here",
                         "ett tal krävs här")
        kind = "a whole number" if integer else "a number"
        kind_sv = "ett heltal" if integer else "ett tal"
        for i in _indices(s.is_not_null() & parsed.is_null()):
            self.add("error", "bad_number", i, name,
                     f"cannot read the value as {kind} (decimal comma or point)",
                     f"värdet kan inte läsas som {kind_sv} (decimalkomma eller -punkt)")
        for i in _indices((~parsed.is_finite()).fill_null(value=False)):
            self.add("error", "bad_number", i, name,
                     f"expected {kind}, got a value that is not finite",
                     f"{kind_sv} väntades, men värdet är inte ändligt")
        if integer:
            frac = (parsed.is_finite() & (parsed != parsed.round(0))).fill_null(value=False)
            for i in _indices(frac):
                self.add("error", "bad_number", i, name,
                         "expected a whole number, got a fraction",
                         "ett heltal väntades, men värdet har decimaler")
        return parsed

    def code(self, name: str, s: pl.Series, *, default: Sequence[str] = ()) -> pl.Series:
        """Apply the mapping's codes for ``name``; values it does not list are errors. With
        no codes in the mapping, values outside ``default`` are warnings and kept."""
        import polars as pl  # noqa: PLC0415

        codes = self.mapping.codes.get(name)
        if codes is None:
            if default:
                for i in _indices((~s.is_in(list(default))).fill_null(value=False)):
                    self.add("warning", "unknown_code", i, name,
                             f"a value that is not one of {', '.join(default)}; kept as "
                             f"given (map it in a mapping file's [codes.{name}])",
                             f"ett värde som inte är något av {', '.join(default)}; behålls "
                             f"som det är (ange det under [codes.{name}] i en mappningsfil)")
            return s
        targets = set(codes.values())
        lookup = {**{t.casefold(): t for t in targets}, **codes}
        mapped = s.str.strip_chars().str.to_lowercase().replace_strict(
            {k.lower(): v for k, v in lookup.items()}, default=None, return_dtype=pl.String
        )
        for i in _indices(s.is_not_null() & mapped.is_null()):
            listed = ", ".join(sorted(codes))
            self.add("error", "unknown_code", i, name,
                     f"a code the mapping ({self.mapping.source}) does not list; it lists "
                     f"{listed}",
                     f"en kod som mappningen ({self.mapping.source}) inte listar; den listar "
                     f"{listed}")
        return mapped.alias(name)

    def unknown_columns(self, keep: Iterable[str]) -> None:
        keep = set(keep)
        for col in self.columns:
            if col not in keep:
                self.add("warning", "unknown_column", None, col,
                         f"column {col!r} is not part of the {self.name} table and is ignored",
                         f"kolumnen {col!r} hör inte till tabellen "
                         f"{_TABLE_SV.get(self.name, self.name)} och hoppas över")

    def index(self) -> pl.Series:
        import polars as pl  # noqa: PLC0415

        return pl.Series("__i", range(self.height), dtype=pl.Int64)


def _contains_personal_number(text: str) -> bool:
    return any(looks_like_personal_number(m) for m in _PNR_RUNS.findall(text))


_PNR_RUNS = re.compile(r"(?<!\d)(?:\d{2})?\d{6}[-+ ]?\d{4}(?!\d)")


def _indices(mask: pl.Series) -> list[int]:
    return [int(i) for i in mask.arg_true().to_list()]


def _null_where(s: pl.Series, mask: pl.Series) -> pl.Series:
    import polars as pl  # noqa: PLC0415

    return pl.select(pl.when(mask).then(None).otherwise(s)).to_series().alias(s.name)


def _extra(s: pl.Series) -> pl.Series:
    """An extra participant column: whole numbers, numbers, or text, the same whatever the
    source stored."""
    import polars as pl  # noqa: PLC0415

    present = s.drop_nulls()
    if present.len() == 0:
        return s
    numbers = _numbers(s)
    if numbers.drop_nulls().len() == present.len() and bool(numbers.is_finite().all()):
        whole = bool((numbers.drop_nulls() == numbers.drop_nulls().round(0)).all())
        if whole and bool((numbers.abs() < 2**53).all()):
            return numbers.cast(pl.Int64)
        return numbers
    return s


# -- the tables ---------------------------------------------------------------------------


def _participants(
    t: _Table, target: tuple[int | None, int | None] | None
) -> pl.DataFrame | None:
    import polars as pl  # noqa: PLC0415

    if not t.require(SCHEMA["participants"].required):
        return None
    pid = t.text("participant_id", required=True)
    enrolled = t.date("enrolled", required=True)
    exited = t.date("exited", required=False)
    birth_date = t.date("birth_date", required=False)
    birth_year = t.number("birth_year", required=False, integer=True)
    years = birth_year.is_finite() & ((birth_year < _YEARS[0]) | (birth_year > _YEARS[1]))
    for i in _indices(years.fill_null(value=False)):
        t.add("error", "out_of_range", i, "birth_year",
              f"a birth year outside {_YEARS[0]}–{_YEARS[1]}",
              f"ett födelseår utanför {_YEARS[0]}–{_YEARS[1]}")
    sex = t.code("sex", t.text("sex", required=False), default=("F", "M", "X"))
    _not_categories(t, sex, pid)
    exit_reason = t.code("exit_reason", t.text("exit_reason", required=False))
    for i in _indices((exited < enrolled).fill_null(value=False)):
        t.add("error", "exit_before_enrolment", i, "exited",
              "the exit date is before the enrolment date",
              "slutdatumet ligger före startdatumet")
    born_late = (birth_date > enrolled).fill_null(value=False)
    for i in _indices(born_late):
        t.add("error", "out_of_range", i, "birth_date",
              "the birth date is after the enrolment date",
              "födelsedatumet ligger efter startdatumet")
    dup = pid.is_duplicated() & pid.is_not_null()
    if dup.any():
        groups: dict[str, list[int]] = defaultdict(list)
        for i in _indices(dup):
            groups[pid[i]].append(t.raw.rows[i])
        for i in _indices(dup):
            others = [r for r in groups[pid[i]] if r != t.raw.rows[i]]
            t.add("error", "duplicate_participant", i, "participant_id",
                  f"the same participant id is also on row(s) {_rows(others)}; every row of "
                  "a duplicated id is left out",
                  f"samma deltagar-id finns också på rad {_rows(others, sv=True)}; varje rad "
                  "med ett dubblerat id utesluts")
    _personal_ids(t, pid)
    if target is not None:
        _target_group(t, enrolled, birth_date, birth_year, target)
    year_ok = _null_where(birth_year, years.fill_null(value=False))
    out = pl.DataFrame([
        pid, enrolled.alias("enrolled"), sex.alias("sex"), birth_date.alias("birth_date"),
        year_ok.cast(pl.Int64, strict=False).alias("birth_year"),
        exited.alias("exited"), exit_reason.alias("exit_reason"),
    ])
    schema_names = {c.name for c in SCHEMA["participants"].columns}
    extras = {c: s for c, s in t.columns.items() if c not in schema_names}
    for name, values in extras.items():
        out = out.with_columns(_extra(t.code(name, values)).alias(name))
    return out.with_columns(t.index())


def _not_categories(t: _Table, sex: pl.Series, pid: pl.Series) -> None:
    """Sex is a breakdown of every result: a value that looks like an identifier, a
    personal identity number or a date would be published as a category, so its row is
    left out here rather than the whole evaluation refused later."""
    from goalkit.data._breakdowns import value_problem  # noqa: PLC0415

    odd = [v for v in sex.drop_nulls().unique().to_list() if v not in ("F", "M", "X")]
    ids = frozenset(pid.filter(pid.is_in(odd)).to_list()) if odd else frozenset()
    refused = {v for v in odd if value_problem(v, ids) is not None}
    if not refused:
        return
    for i in _indices(sex.is_in(sorted(refused)).fill_null(value=False)):
        why = value_problem(sex[i], ids)
        t.add("error", "unknown_code", i, "sex",
              f"{why}; the row is left out so that the value cannot reach a report as a "
              "category",
              f"{_why_sv(why or '')}; raden utesluts så att värdet inte kan hamna "
              "i en rapport som en kategori")


def _rows(rows: Sequence[int], *, sv: bool = False) -> str:
    shown_rows = ", ".join(str(r) for r in rows[:10])
    if len(rows) <= 10:
        return shown_rows
    return shown_rows + (f" och {len(rows) - 10} till" if sv else f" and {len(rows) - 10} more")


_WHY_SV = {
    "it holds dates": "kolumnen innehåller datum",
    "a value looks like a personal identity number": "värdet liknar ett personnummer",
    "a value looks like a date": "värdet liknar ett datum",
    "a value looks like an identifier": "värdet liknar ett id",
}
""":func:`goalkit.data._breakdowns.value_problem`'s reasons in Swedish."""


def _why_sv(why: str) -> str:
    """:func:`goalkit.data._breakdowns.value_problem`'s reason in Swedish."""
    from goalkit.data._breakdowns import MAX_CATEGORY_LENGTH  # noqa: PLC0415

    if why.startswith("it holds text longer than"):
        return f"värdet är längre än {MAX_CATEGORY_LENGTH} tecken (fritext)"
    return _WHY_SV.get(why, why)

_TABLE_SV = {"participants": "deltagare", "events": "händelser", "responses": "svar",
             "measurements": "mätvärden", "assessments": "bedömningar"}


def _personal_ids(t: _Table, pid: pl.Series) -> None:
    maybe = pid.str.contains(r"^\s*\d{6,8}[-+ ]?\d{4}\s*$").fill_null(value=False)
    flagged = [i for i in _indices(maybe) if looks_like_personal_number(pid[i])]
    if not flagged:
        return
    if t.mapping.personal_ids == "refuse":
        for i in flagged:
            t.add("error", "personal_id", i, "participant_id",
                  "this participant id looks like a Swedish personal identity number "
                  "(personnummer or samordningsnummer); use the project's own ids",
                  "deltagar-id:t liknar ett svenskt personnummer eller samordningsnummer; "
                  "använd projektets egna id:n")
        return
    t.problems.append(Problem(
        "warning", "personal_id",
        f"{len(flagged)} participant id(s) look like Swedish personal identity numbers "
        "(personnummer or samordningsnummer); use the project's own ids, or set "
        "[privacy] personal_ids = \"refuse\" to refuse them",
        t.raw.origin, None, "participant_id", count=len(flagged),
        message_sv=f"{len(flagged)} deltagar-id liknar svenska personnummer eller "
                   "samordningsnummer; använd projektets egna id:n, eller ange "
                   "[privacy] personal_ids = \"refuse\" för att vägra dem",
    ))


def _target_group(
    t: _Table,
    enrolled: pl.Series,
    birth_date: pl.Series,
    birth_year: pl.Series,
    target: tuple[int | None, int | None],
) -> None:
    import polars as pl  # noqa: PLC0415

    low, high = target
    f = pl.DataFrame({"e": enrolled, "b": birth_date, "y": birth_year})
    earlier = (pl.col("e").dt.month() * 100 + pl.col("e").dt.day()
               < pl.col("b").dt.month() * 100 + pl.col("b").dt.day())
    exact = pl.col("e").dt.year() - pl.col("b").dt.year() - earlier.cast(pl.Int32)
    year = pl.when(pl.col("y").is_finite()).then(pl.col("y")).cast(pl.Int64, strict=False)
    ages = f.select(
        youngest=pl.coalesce(exact, pl.col("e").dt.year() - year - 1),
        oldest=pl.coalesce(exact, pl.col("e").dt.year() - year),
        exact=pl.col("b").is_not_null(),
    )
    miss = pl.lit(value=False)
    if low is not None:
        miss = miss | (pl.col("oldest") < low)
    if high is not None:
        miss = miss | (pl.col("youngest") > high)
    flagged = ages.select(miss.fill_null(value=False)).to_series()
    group = f"{low if low is not None else ''}–{high if high is not None else ''}"
    for i in _indices(flagged):
        if i in t.excluded:
            continue
        exact_age = ages.row(i)[2]
        t.add("warning", "age_outside_target_group", i,
              "birth_date" if exact_age else "birth_year",
              f"the age at enrolment is outside the target group ({group} years)",
              f"åldern vid start ligger utanför målgruppen ({group} år)")


def _linked(t: _Table, pid: pl.Series, when: pl.Series, people: pl.DataFrame | None,
            all_ids: pl.Series, *, what: str) -> None:
    """Events and answers must belong to a participant, and not predate enrolment."""
    import polars as pl  # noqa: PLC0415

    what_sv = "händelsen" if what == "event" else "svaret"
    if people is None:
        return
    rows = pl.DataFrame({"participant_id": pid, "date": when}).join(
        people.select("participant_id", "enrolled"), on="participant_id", how="left",
        maintain_order="left",
    )
    known = pid.is_in(people["participant_id"].implode()).fill_null(value=False)
    listed = pid.is_in(all_ids.implode()).fill_null(value=False)
    for i in _indices(pid.is_not_null() & ~listed):
        t.add("error", "unknown_participant", i, "participant_id",
              f"this {what} names a participant id that is not in the participants table",
              f"{what_sv} anger ett deltagar-id som inte finns i deltagartabellen")
    for i in _indices(listed & ~known):
        t.add("error", "excluded_participant", i, "participant_id",
              f"this {what} belongs to a participant whose row was left out (see the "
              "participants table's problems)",
              f"{what_sv} hör till en deltagare vars rad uteslöts (se problemen i "
              "deltagartabellen)")
    code = "event_before_enrolment" if what == "event" else "answer_before_enrolment"
    early = (rows["date"] < rows["enrolled"]).fill_null(value=False) & known
    for i in _indices(early):
        if i not in t.excluded:
            t.add("warning", code, i, "date",
                  f"the {what} is dated before the participant's enrolment",
                  f"{what_sv} är {'daterad' if what == 'event' else 'daterat'} före "
                  "deltagarens start")


def _events(t: _Table, people: pl.DataFrame | None, all_ids: pl.Series) -> pl.DataFrame | None:
    import polars as pl  # noqa: PLC0415

    if not t.require(SCHEMA["events"].required):
        return None
    pid = t.text("participant_id", required=True)
    when = t.date("date", required=True)
    kind = t.code("kind", t.text("kind", required=True))
    t.unknown_columns(c.name for c in SCHEMA["events"].columns)
    _linked(t, pid, when, people, all_ids, what="event")
    return pl.DataFrame([pid, when.alias("date"), kind.alias("kind"), t.index()])


def _responses(
    t: _Table, people: pl.DataFrame | None, all_ids: pl.Series
) -> pl.DataFrame | None:
    import polars as pl  # noqa: PLC0415

    if not t.require(SCHEMA["responses"].required):
        return None
    pid = t.text("participant_id", required=True)
    when = t.date("date", required=True)
    phase = t.code("phase", t.text("phase", required=True))
    question = t.code("question", t.text("question", required=True))
    score = t.number("score", required=True)
    scales: dict[str, tuple[float, float]] = {}
    for q in question.drop_nulls().unique().to_list():
        bounds = t.mapping.scale(q)
        if bounds is not None:
            scales[q] = bounds
    low = question.replace_strict({q: b[0] for q, b in scales.items()}, default=None,
                                  return_dtype=pl.Float64)
    high = question.replace_strict({q: b[1] for q, b in scales.items()}, default=None,
                                   return_dtype=pl.Float64)
    finite = score.is_finite().fill_null(value=False)
    outside = finite & ((score < low) | (score > high)).fill_null(value=False)
    huge = finite & low.is_null() & (score.abs() > _SCORE_LIMIT)
    for i in _indices(outside | huge):
        if i in t.excluded:
            continue
        if low[i] is not None:
            t.add("error", "score_out_of_range", i, "score",
                  f"a score for {shown(question[i])} outside its scale "
                  f"{low[i]:g}–{high[i]:g}",
                  f"ett värde för {shown(question[i])} utanför skalan "
                  f"{low[i]:g}–{high[i]:g}")
        else:
            t.add("error", "score_out_of_range", i, "score",
                  "a score on no survey scale (declare the scale in a "
                  "mapping file's [scales])",
                  "ett värde utan enkätskala (ange skalan under [scales] i en "
                  "mappningsfil)")
    t.unknown_columns(c.name for c in SCHEMA["responses"].columns)
    _linked(t, pid, when, people, all_ids, what="answer")
    return pl.DataFrame([pid, when.alias("date"), phase.alias("phase"),
                         question.alias("question"), score.alias("score"), t.index()])


def _measurements(t: _Table) -> tuple[Measurement, ...]:
    import polars as pl  # noqa: PLC0415

    if not t.require(("metric", "date", "value")):
        return ()
    metric = t.text("metric", required=True)
    when = t.date("date", required=True)
    value = t.number("value", required=True)
    start = t.date("period_start", required=False)
    source = t.text("source", required=False)
    additive = t.col("additive").str.to_lowercase().replace_strict(
        _BOOLEANS, default=None, return_dtype=pl.Boolean)
    for i in _indices(t.col("additive").is_not_null() & additive.is_null()):
        t.add("error", "unknown_code", i, "additive",
              f"expected true or false (ja/nej), got {shown(t.col('additive')[i])}",
              f"ja eller nej (true/false) väntades, men värdet är "
              f"{shown(t.col('additive')[i])}")
    parts: dict[str, tuple[str, str, pl.Series]] = {}
    for col in t.columns:
        if col in EXTRA_COLUMNS["measurements"]:
            continue
        sep = "." if "." in col else (":" if ":" in col else None)
        if sep is None:
            t.add("warning", "unknown_column", None, col,
                  f"column {col!r} is neither a measurement column nor a breakdown "
                  "(name breakdowns dimension.category, e.g. sex.F) and is ignored",
                  f"kolumnen {col!r} är varken en kolumn för mätvärden eller en uppdelning "
                  "(namnge uppdelningar dimension.kategori, t.ex. sex.F) och hoppas över")
            continue
        dim, cat = col.split(sep, 1)
        parts[col] = (dim.strip(), cat.strip(), t.number(col, required=False))
    out = []
    for i in range(t.height):
        if i in t.excluded:
            continue
        breakdown: dict[str, dict[str, float]] = {}
        for dim, cat, s in parts.values():
            if s[i] is not None:
                breakdown.setdefault(dim, {})[cat] = float(s[i])
        out.append(Measurement(metric[i], when[i], float(value[i]), breakdown,
                               period_start=start[i], source=source[i],
                               additive=additive[i] is not False))
    return tuple(out)


_BOOLEANS = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False,
             "ja": True, "nej": False, "sant": True, "falskt": False}


def _assessments(t: _Table) -> tuple[Assessment, ...]:
    if not t.require(("goal", "date", "verdict")):
        return ()
    goal = t.text("goal", required=True)
    when = t.date("date", required=True)
    verdict = t.code("verdict", t.text("verdict", required=True))
    evidence = t.text("evidence", required=False)
    assessor = t.text("assessor", required=False)
    allowed = {v.value for v in Verdict}
    for i in _indices((~verdict.is_in(list(allowed))).fill_null(value=False)):
        t.add("error", "unknown_code", i, "verdict",
              f"verdict {shown(verdict[i])}; expected one of {', '.join(sorted(allowed))}",
              f"bedömningen {shown(verdict[i])}; någon av {', '.join(sorted(allowed))} "
              "väntades")
    t.unknown_columns(EXTRA_COLUMNS["assessments"])
    return tuple(
        Assessment(goal[i], when[i], Verdict(verdict[i]), evidence[i] or "", assessor[i])
        for i in range(t.height) if i not in t.excluded
    )


# -- the whole data set ---------------------------------------------------------------------


@frozen
class _Checked:
    """What one validation pass found: every problem, and the clean rows of each table."""

    problems: list[Problem]
    tables: dict[str, _Table]
    frames: dict[str, pl.DataFrame | None]
    measurements: tuple[Measurement, ...]
    assessments: tuple[Assessment, ...]

    def refused(self, *, strict: bool) -> bool:
        """Fatal, or (in strict mode) any error."""
        return any(p.fatal for p in self.problems) or (
            strict and any(p.severity == "error" for p in self.problems)
        )


def _check(
    raw: RawData,
    mapping: ColumnMapping,
    *,
    project: Project | None = None,
    strict: bool = False,
) -> _Checked:
    """Check every row of every table: the one pass every way in goes through."""
    import polars as pl  # noqa: PLC0415

    problems: list[Problem] = list(raw.problems)
    target = None
    if project is not None and (
        project.target_group.min_age is not None or project.target_group.max_age is not None
    ):
        target = (project.target_group.min_age, project.target_group.max_age)
    checked: dict[str, _Table] = {
        name: _Table(name, raw.tables[name], mapping) for name in TABLES if name in raw.tables
    }
    people: pl.DataFrame | None = None
    all_ids = pl.Series("participant_id", [], dtype=pl.String)
    if "participants" in checked:
        t = checked["participants"]
        frame = _participants(t, target)
        if frame is not None:
            all_ids = frame["participant_id"].drop_nulls()
            people = frame.filter(~pl.col("__i").is_in(sorted(t.excluded)))
    elif not any(p.fatal for p in problems):
        problems.append(Problem("error", "no_participants",
                                "no participants table (a file, sheet or database table "
                                "called participants or deltagare, or one named in a mapping "
                                "file's [tables])", raw.source, fatal=True,
                                message_sv="ingen deltagartabell (en fil, ett blad eller en "
                                "databastabell som heter participants eller deltagare, eller "
                                "som anges under [tables] i en mappningsfil)"))
    frames: dict[str, pl.DataFrame | None] = {"participants": people}
    if "events" in checked:
        frames["events"] = _events(checked["events"], people, all_ids)
    if "responses" in checked:
        frames["responses"] = _responses(checked["responses"], people, all_ids)
    measurements = _measurements(checked["measurements"]) if "measurements" in checked else ()
    assessments = _assessments(checked["assessments"]) if "assessments" in checked else ()
    for t in checked.values():
        problems.extend(_limited(t.problems))
        if t.excluded:
            problems.append(_excluded_summary(t))
    if strict:
        from goalkit.data._figures import check_measurements  # noqa: PLC0415

        own = project.measurements if project is not None else ()
        declared = project.figure_breakdowns if project is not None else ()
        problems.extend(
            Problem("error" if i.severity == "error" else "warning", i.code, i.message, i.where,
                    message_sv=i.message_sv)
            for i in check_measurements((*own, *measurements), declared)
        )
    return _Checked(problems, checked, frames, measurements, assessments)


def validate(
    raw: RawData,
    mapping: ColumnMapping | None = None,
    *,
    project: Project | None = None,
    strict: bool = False,
) -> Dataset:
    """Check every row of every table, and build the data set from the rows that pass.

    :param mapping: the project's column names and codes (default: none).
    :param project: when given, ages at enrolment are checked against its target group,
        and its reported figures' breakdowns are checked in strict mode.
    :param strict: refuse the data if any problem is an error.
    :returns: the data set; every problem is in its ``issues``, with a ``rows_excluded``
        summary per table that lost rows.
    :raises DataValidationError: listing every problem, when something fatal was found
        (no participants, a required column missing, a file that cannot be read), or in
        strict mode when any problem is an error.
    """
    import polars as pl  # noqa: PLC0415

    mapping = mapping if mapping is not None else ColumnMapping()
    found = _check(raw, mapping, project=project, strict=strict)
    if found.refused(strict=strict):
        raise issues_to_error([p.issue() for p in found.problems])
    clean: dict[str, Any] = {}
    for name, frame in found.frames.items():
        if frame is None:
            continue
        t = found.tables[name]
        clean[name] = (
            frame.filter(~pl.col("__i").is_in(sorted(t.excluded))).drop("__i")
            if name != "participants" else frame.drop("__i")
        )
    dataset = Dataset.from_frames(
        clean["participants"], clean.get("events"), clean.get("responses"),
        measurements=found.measurements, assessments=found.assessments, source=raw.source,
    )
    return attrs.evolve(dataset, issues=tuple(p.issue() for p in found.problems))


def check_rows(raw: RawData, *, strict: bool) -> tuple[tuple[DataIssue, ...], dict[str, set[int]]]:
    """Validate tables a host built from Python records (:meth:`Dataset.from_records`):
    the same checks as a file, returning the issues and, per table, the row numbers left
    out. The records keep their Python values; only which rows pass is decided here.

    :raises DataError: in strict mode, naming the table, row and column of each error
        (a :class:`DataValidationError` when there are several); and always when
        something is fatal.
    """
    found = _check(raw, ColumnMapping())
    if any(p.fatal for p in found.problems):
        raise issues_to_error([p.issue() for p in found.problems])
    if strict:
        errors = [
            DataError(f"[{p.code}] {p.message}", source=p.origin or None, row=p.row,
                      column=p.column)
            for p in found.problems if p.severity == "error" and p.code != "rows_excluded"
        ]
        if errors:
            raise errors[0] if len(errors) == 1 else DataValidationError(errors)
    excluded = {name: {t.raw.rows[i] for i in t.excluded} for name, t in found.tables.items()}
    return tuple(p.issue() for p in found.problems), excluded


def _limited(problems: Sequence[Problem]) -> list[Problem]:
    """Problems in row order, at most :data:`ROW_ISSUE_LIMIT` rows per code, the rest
    counted in one more problem."""
    ordered = sorted(problems, key=lambda p: (p.row is not None, p.row or 0, p.column or "",
                                              p.code))
    seen: Counter[str] = Counter()
    rest: Counter[tuple[str, Severity, str]] = Counter()
    out: list[Problem] = []
    for p in ordered:
        if p.row is None:
            out.append(p)
            continue
        seen[p.code] += 1
        if seen[p.code] <= ROW_ISSUE_LIMIT:
            out.append(p)
        else:
            rest[(p.code, p.severity, p.origin)] += 1
    for (code, severity, origin), n in sorted(rest.items()):
        out.append(Problem(severity, code, f"{n} more row(s) with the same problem ({code})",
                           origin, count=n,
                           message_sv=f"ytterligare {n} rader med samma problem "
                                      f"({_issue_sv(code)})"))
    return out


def _excluded_summary(t: _Table) -> Problem:
    """How many rows were left out, by reason. A row that a stray quote made of several
    lines counts as that many lines, so that rows in = rows kept + rows left out."""
    reasons: Counter[str] = Counter()
    by_row: dict[int, Problem] = {}
    for p in t.problems:
        if p.severity == "error" and p.row is not None and p.row not in by_row:
            by_row[p.row] = p
    joined = {p.row: p.count - 1 for p in t.raw.problems
              if p.code == "field_count" and p.row is not None}
    for row, p in by_row.items():
        reasons[p.code] += 1 + joined.get(row, 0)
    extra = sum(joined.values())
    detail = ", ".join(f"{n} {code}" for code, n in sorted(reasons.items()))
    detail_sv = ", ".join(f"{n} {_issue_sv(code)}" for code, n in sorted(reasons.items()))
    left_out = len(t.excluded) + extra
    return Problem("error", "rows_excluded",
                   f"{left_out} of {t.height + extra} row(s) of {t.name} left out: {detail}",
                   t.raw.origin, count=left_out,
                   message_sv=f"{left_out} av {t.height + extra} rader i tabellen "
                              f"{_TABLE_SV.get(t.name, t.name)} uteslöts: {detail_sv}")


def _issue_sv(code: str) -> str:
    """A data-issue code in Swedish words (the reports' own label for it)."""
    from goalkit.reports._i18n import labels  # noqa: PLC0415

    return labels("sv").issue(code)


def issues_to_error(issues: Sequence[DataIssue]) -> DataValidationError:
    """One error listing every issue (warnings last)."""
    ordered = [i for i in issues if i.severity == "error"]
    ordered += [i for i in issues if i.severity != "error"]
    return DataValidationError([
        DataError(f"{'' if i.severity == 'error' else 'warning: '}[{i.code}] {i.message}",
                  source=i.where or None)
        for i in ordered
    ])


def refuse_errors(issues: Sequence[DataIssue]) -> None:
    """Strict mode: raise if any issue is an error.

    :raises DataValidationError: listing every issue.
    """
    if any(i.severity == "error" for i in issues):
        raise issues_to_error(issues)

