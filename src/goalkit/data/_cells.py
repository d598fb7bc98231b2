"""Cells that are no value: a list or a map where a value belongs, a text too long, a
personal identity number outside the id column, a date no text can be written for (a
typed source's date after the year 9999). Each is refused (an error, its row left out)
and its cell made empty before any check reads the column.

Whether a cell holds a personal identity number is decided in Python (a checksum and a
date, :func:`~goalkit.data._raw.contains_personal_number`), so it cannot be part of a
table's one query. :func:`probe` asks every table, in one collection, in which columns
some cell is no value, too long or may hold such a number (ten digits in a row), together
with what the checks must know of the values (:func:`goalkit.data._checks.questions`).
A column of few distinct values (codes, phases, kinds of event) is asked of its distinct
values, gathered once in the same query, not cell by cell (at a million people the probe's
CPU time 0.85 → 0.47 s). Only a column where the probe found a cell that may hold a
personal identity number costs a query of its own, which reads only those cells.

The participant ids of events and answers are not asked here, cell by cell, when they are
joined to the participants (:func:`goalkit.data._checks.ids_looked_at_later`): an id the
join finds is a participant's, already stripped and checked, so only the ids it does not
find are looked at, after it (:func:`goalkit.data._checks.odd_ids`); the rare table with
one to strip or refuse is checked again as it would have been. (At a million people the
probe's CPU time 0.47 → 0.25 s.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from goalkit.data._parse import as_text, is_text, readable_date
from goalkit.data._privacy import PERSONAL_NUMBER
from goalkit.data._raw import (
    BROKEN_TEXT,
    EXCEL_ERROR,
    NUL_TEXT,
    WRONG_TYPE,
    contains_personal_number,
    few_values,
    untidy,
    untidy_cell,
)
from goalkit.data._schema import MAX_TEXT
from goalkit.data._table import INDEX, marked

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

    import polars as pl

    from goalkit.data._table import Table

__all__ = ["no_value", "probe"]

_PNR = PERSONAL_NUMBER
"""Ten digits, maybe with a separator (the one pattern,
:data:`~goalkit.data._privacy.PERSONAL_NUMBER`): a cell that may hold a personal identity
number (:func:`~goalkit.data._privacy.contains_personal_number` decides)."""
_PNR_BYTES = 10
"""The fewest bytes of a cell :data:`_PNR` can match in: the pattern is looked for only in
cells as long (most cells, codes and names, are shorter)."""


def probe(tables: Iterable[Table], questions: Mapping[str, Sequence[pl.Expr]], *,
          ids_later: Collection[str] = ()) -> None:
    """Ask every table what must be known before its checks are added (:func:`_probes`,
    and ``questions`` by table name: aggregates of the columns as read), all in one
    collection, into each table's :attr:`~goalkit.data._table.Table.probed`; then refuse
    the cells it found.

    The same collection asks which text columns of a table not tidied as read
    (:attr:`~goalkit.data._raw.RawTable.tidied`) have a cell to strip
    (:func:`~goalkit.data._raw.untidy`): a table with one has those columns stripped
    (:meth:`~goalkit.data._table.Table.tidy`) and is asked again, so that every answer,
    and every check, reads the cells stripped.

    :param ids_later: the tables (events, answers) whose participant ids are not looked
        at here, cell by cell, for white space, no single value or a text too long: an
        id found among the participants has none of these, so only the ids the join
        does not find need looking at, after it (:func:`goalkit.data._checks.odd_ids`;
        at a million people, some 0.2 CPU seconds of nine million ids looked at for
        nothing). A column of few values is still looked at here, value by value."""
    import polars as pl  # noqa: PLC0415

    every = list(tables)
    few = {t.name: {c for c, s in t.columns.items()
                    if isinstance(s.dtype, pl.Categorical)
                    or (s.dtype == pl.String and few_values(s))}
           for t in every}

    later = set(ids_later)

    def asked(t: Table, *, tidy: bool = False) -> _Asked:
        cells, values = _probes(t, few[t.name], tidy=tidy, skip=(
            {"participant_id"} - few[t.name] if t.name in later else set()))
        return t, [*cells, *questions.get(t.name, ())], values

    looks = {t.name: [] if t.raw.tidied else untidy(
                 pl.DataFrame(list(t.columns.values())),
                 skip=few[t.name] | ({"participant_id"} if t.name in later else set()))
             for t in every}
    answers = _ask([(t, [*(e.alias(f"u{k}") for k, (_, e) in enumerate(looks[t.name])),
                         *cells], values)
                    for t, cells, values in (asked(t, tidy=not t.raw.tidied) for t in every)])
    again = []
    for t in every:
        found = answers.get(t.name, {})
        columns = {c for k, (c, _) in enumerate(looks[t.name]) if found.get(f"u{k}")}
        columns |= {c for j, c in enumerate(t.columns) if found.get(f"t{j}")}
        if columns:  # rare: the answers were about cells as read, not as checked
            t.tidy(columns)
            again.append(t)
        else:
            t.probed = found
    answers = _ask([asked(t) for t in again])
    for t in again:
        t.probed = answers.get(t.name, {})
    for t in every:
        _refuse_cells(t)


_Asked = tuple["Table", list["pl.Expr"], list[tuple[str, list["pl.Expr"]]]]
"""A table, the aggregates asked of its columns, and the questions asked of the distinct
values of each column of few values (:func:`_probes`)."""


def _ask(asked: list[_Asked]) -> dict[str, dict[str, Any]]:
    """Each table's answers to its questions, all in one collection: one query a table,
    which first gathers the distinct values of each column of few values, then asks
    their questions of them."""
    import polars as pl  # noqa: PLC0415

    queries = []
    for t, cells, values in asked:
        if not cells and not values:
            continue
        parts = [t.query.select(*cells)] if cells else []
        questions = dict(values)
        for group in _together(t, list(questions)):
            parts.append(
                t.query.group_by(group).agg()
                .select(*(pl.col(c).unique().cast(pl.String).implode() for c in group))
                .select([pl.col(c).list.eval(e).list.first().alias(e.meta.output_name())
                         for c in group for e in questions[c]]))
        queries.append((t, parts[0] if len(parts) == 1 else pl.concat(parts, how="horizontal")))
    answers = pl.collect_all([q for _, q in queries]) if queries else []
    return {t.name: frame.row(0, named=True)
            for (t, _), frame in zip(queries, answers, strict=True)}


def _together(t: Table, columns: list[str]) -> list[list[str]]:
    """The columns of few values of ``t`` in groups whose distinct values are gathered
    by one grouping (which polars spreads over the cores, where ``unique`` keeps one busy):
    a column joins the first group with which its first rows still hold few combinations
    (:func:`~goalkit.data._raw.few_values`). An answer's phase and question (a handful of
    pairs) are one group: the six million answers of a million people grouped in 29 ms,
    against 73 ms for each column's distinct values; a participant's many codes (sex,
    municipality, language, …) whose combinations are nearly as many as the people stay
    apart: grouped together, eight such columns of a million rows took three times as
    long as each alone."""
    groups: list[list[str]] = []
    for c in columns:
        group = next((g for g in groups
                      if few_values(*(t.columns[x] for x in g), t.columns[c])), None)
        if group is None:
            groups.append([c])
        else:
            group.append(c)
    return groups


def _probes(t: Table, few: set[str], *, tidy: bool = False, skip: Collection[str] = (),
            ) -> tuple[list[pl.Expr], list[tuple[str, list[pl.Expr]]]]:
    """In which columns of ``t`` some cell is no single value, too long, or may hold a
    personal identity number (and, with ``tidy``, has white space to strip): aggregates
    of the columns, and, for each text column of ``few`` values
    (:func:`~goalkit.data._raw.few_values`), the same questions asked of its distinct
    values (each once: a column of six million answers' phases holds a handful). The
    columns ``skip`` names are not asked about."""
    import polars as pl  # noqa: PLC0415

    out = []
    values = []
    for j, (c, s) in enumerate(t.columns.items()):
        if c in skip:
            continue
        if c in few:
            v = pl.element()
            wrong, long = _wrong(v), _long(v)
            asked = [wrong.any().alias(f"w{j}"),
                     (v.str.len_bytes() > MAX_TEXT).any().alias(f"l{j}")]
            if c != "participant_id":
                asked.append((~wrong & ~long & v.str.contains(_PNR).fill_null(value=False))
                             .any().alias(f"p{j}"))
            if tidy:
                asked.append(untidy_cell(v).fill_null(value=False).any().alias(f"t{j}"))
            values.append((c, asked))
        elif s.dtype == pl.String:
            wrong, long = _wrong(pl.col(c)), _long(pl.col(c))
            # more bytes than characters allowed: maybe too long (cheaper to count)
            out += [wrong.any().alias(f"w{j}"),
                    (pl.col(c).str.len_bytes() > MAX_TEXT).any().alias(f"l{j}")]
            if c != "participant_id":  # the pattern only where ten digits fit
                fit = (pl.col(c).str.len_bytes() >= _PNR_BYTES).fill_null(value=False)
                out.append(pl.col(c).filter(fit & ~wrong & ~long).str.contains(_PNR)
                           .any().alias(f"p{j}"))
        elif s.dtype.is_numeric() and c != "participant_id":
            out.append(_ten_digits(pl.col(c)).any().alias(f"p{j}"))
        elif s.dtype == pl.Date:
            out.append(_unreadable(pl.col(c)).any().alias(f"d{j}"))
    return out, values


def _refuse_cells(t: Table) -> None:
    """The cells :func:`_probes` found, in every column: each refused, and made empty."""
    import polars as pl  # noqa: PLC0415

    found = t.probed
    names = list(t.columns)
    for j, col in enumerate(names):
        if found.get(f"d{j}"):
            t.refuse(col, _unreadable(pl.col(col)), "out_of_range",
                     ("a date outside the years 1–9999, which cannot be read",
                      "ett datum utanför åren 1–9999, som inte kan läsas"))
    for j, col in enumerate(names):
        if found.get(f"w{j}"):
            t.refuse(col, _wrong(as_text(pl.col(col), t.dtype(col))), "wrong_type",
                     _wrong_type(t.columns[col]))
    for j, col in enumerate(names):
        if found.get(f"l{j}"):
            t.refuse(col, _long(as_text(pl.col(col), t.dtype(col))), "out_of_range",
                     _too_long(t.columns[col]))
    strings = [c for c in names if is_text(t.columns[c].dtype)]
    typed = [c for c in names if not is_text(t.columns[c].dtype)]
    for col in (*strings, *typed):
        if found.get(f"p{names.index(col)}"):
            _personal_numbers(t, col)


def _personal_numbers(t: Table, col: str) -> None:
    """A personal identity number outside the id column could reach a report (as a
    category, a code, evidence): the cell is refused and its row left out."""
    import polars as pl  # noqa: PLC0415

    dtype = t.columns[col].dtype
    text = as_text(pl.col(col), dtype)
    maybe = (text.str.contains(_PNR) if is_text(dtype)
             else _ten_digits(pl.col(col)) & text.str.contains(_PNR))
    cells = t.query.with_row_index(INDEX).filter(maybe.fill_null(value=False)).select(
        INDEX, text.alias("t")).collect()  # only the cells that may hold one
    flagged = [i for i, v in zip(cells[INDEX].to_list(), cells["t"].to_list(), strict=True)
               if v is not None and contains_personal_number(v)]
    if not flagged:
        return
    t.refuse(col, pl.lit(marked(t.height, flagged)), "personal_id",
             ("this value looks like (or holds) a Swedish personal identity number; "
              "the row is left out so that it cannot reach a report",
              "värdet liknar (eller innehåller) ett svenskt personnummer; raden "
              "utesluts så att det inte kan hamna i en rapport"))


def no_value(e: pl.Expr) -> pl.Expr:
    """Whether each text cell of ``e`` is no single value, or too long: the cells
    :func:`probe` refuses in every column."""
    return _wrong(e) | _long(e)


def _wrong(e: pl.Expr) -> pl.Expr:
    return e.str.starts_with(WRONG_TYPE).fill_null(value=False)


def _long(e: pl.Expr) -> pl.Expr:
    return e.str.len_chars().gt(MAX_TEXT).fill_null(value=False)


def _unreadable(e: pl.Expr) -> pl.Expr:
    """A typed source's date Python cannot hold (:func:`~goalkit.data._parse.readable_date`):
    a frame's column of Python dates and a number of days (``1e8``) is such a column."""
    return readable_date(e).is_null() & e.is_not_null()


def _ten_digits(e: pl.Expr) -> pl.Expr:
    """A number with ten digits before the point, or any after it: as text, maybe a
    personal identity number."""
    import polars as pl  # noqa: PLC0415

    f = e.cast(pl.Float64)
    return (f.abs().ge(1e9) | f.round(0).ne(f)).fill_null(value=False)


def _wrong_type(s: pl.Series) -> Callable[[int], tuple[str, str]]:
    def message(i: int) -> tuple[str, str]:
        kind = s[i][1:]
        if kind == EXCEL_ERROR:
            return ("the cell holds an Excel error (#DIV/0!, #N/A, #REF!, …), not a value",
                    "cellen innehåller ett Excel-fel (#DIVISION/0!, #SAKNAS!, #REFERENS!, …), "
                    "inte ett värde")
        if kind == NUL_TEXT:
            return ("the cell holds a NUL character (\\x00), which is no text; save the "
                    "file again from the program that made it",
                    "cellen innehåller ett NUL-tecken (\\x00), som inte är text; spara "
                    "filen igen från programmet som skapade den")
        if kind == BROKEN_TEXT:
            return ("the text holds a lone surrogate (an unpaired \\ud800–\\udfff "
                    "escape), which is no character; write the character itself",
                    "texten innehåller ett ensamt surrogattecken (en oparad "
                    "\\ud800–\\udfff-kod), som inte är något tecken; skriv tecknet självt")
        return (f"expected a single value, got a {kind}",
                f"ett enda värde väntades, men cellen håller ett värde av typen {kind}")
    return message


def _too_long(s: pl.Series) -> Callable[[int], tuple[str, str]]:
    def message(i: int) -> tuple[str, str]:
        return (f"a value of {len(s[i])} characters; expected at most {MAX_TEXT}",
                f"ett värde på {len(s[i])} tecken; högst {MAX_TEXT} tillåts")
    return message
