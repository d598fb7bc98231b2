"""Parsing columns of text: dates, numbers and extra columns, as expressions of one query.

Each parser is a polars expression over a whole column, so that a table's parsing and all
its checks run as one lazy query (:mod:`goalkit.data._table`). The common case goes first
(ISO dates, plain numbers); the slower readers (a date with a time, another date format, a
decimal comma, spaces between thousands) read only the cells it could not read: every
other cell is empty by then, and an empty cell costs them nothing. A clean column of a
million dates costs one parse.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    import polars as pl

__all__ = ["ISO_DATE", "as_text", "dates", "extra_kind", "is_text", "null_where", "numbers"]

ISO_DATE = "%Y-%m-%d"
"""The date format every source may use, mapping or not."""

_WITH_TIME = r"^(\d{4}-\d{2}-\d{2})[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?Z?$"
"""A date with a time of day (cut off: the day is what counts): a time no clock shows
(``25:00``, ``10:99``) is no time, and its cell is no date (``bad_date``)."""


_THOUSANDS = r"[ \u00a0\u2007\u2009\u202f']"
"""What may stand between thousands: a space (plain, no-break, figure, thin or narrow
no-break, as Swedish typography and Excel write them) or an apostrophe (Swiss)."""
_GROUPED = rf"^[-+]?\d{{1,3}}(?:{_THOUSANDS}\d{{3}})+(?:[.,]\d*)?$"
"""A number with its thousands set apart: ``1 234``, ``-12 345,5``, ``1 234 567.25``."""


def _itself(e: pl.Expr) -> pl.Expr:
    return e


def dates(e: pl.Expr, dtype: pl.DataType, formats: Sequence[str],
          define: Callable[[pl.Expr], pl.Expr] = _itself) -> pl.Expr:
    """A column of ``dtype`` as dates: ISO (with or without a time of day), else the first
    of ``formats`` that reads it; ``None`` for a cell no format reads. A column of dates is
    taken as it is.

    :param define: makes a step a column of the query of its own (as
        :meth:`goalkit.data._table.Table.define` does), so that the steps read more than
        once are worked out once.
    """
    import polars as pl  # noqa: PLC0415

    if dtype == pl.Date:  # a source that stores dates as dates (Parquet, a frame)
        parsed = e
    else:
        text = as_text(e, dtype)
        text = text if text.meta.is_column() else define(text)
        iso = define(text.str.to_date(ISO_DATE, strict=False))
        # the cells ISO did not read (the rest empty, which costs the readers nothing),
        # a time of day cut off: "2014-11-10 00:00" is read as "2014-11-10"
        rest = define(pl.when(iso.is_null()).then(text))
        rest = define(pl.coalesce(rest.str.extract(_WITH_TIME, 1), rest))
        fmts = list(dict.fromkeys((ISO_DATE, *formats)))
        parsed = pl.coalesce(iso, *(rest.str.to_date(f, strict=False) for f in fmts))
    # "-1000000" parses as year -768: a date Python cannot hold is no date (compared as
    # days, which costs less than working out every date's year)
    return readable_date(parsed)


def numbers(e: pl.Expr, dtype: pl.DataType,
            define: Callable[[pl.Expr], pl.Expr] = _itself) -> pl.Expr:
    """A column of ``dtype`` as numbers: a decimal point or comma, spaces or apostrophes
    between thousands (:data:`_GROUPED`: only between groups of three digits); ``None``
    for a cell that is no number.

    :param define: as for :func:`dates`.
    """
    import polars as pl  # noqa: PLC0415

    if dtype.is_numeric():  # a source that stores numbers as numbers
        return e.cast(pl.Float64)
    text = as_text(e, dtype)
    text = text if text.meta.is_column() else define(text)
    parsed = define(text.cast(pl.Float64, strict=False))
    # A cell the plain cast reads has no space, apostrophe or comma: cleaning leaves it be.
    # A separator must stand between groups of three digits ("1 234", "12 345,5"): "1 2"
    # is two numbers, not 12.
    rest = define(pl.when(parsed.is_null()).then(text))
    rest = define(pl.when(rest.str.contains(_GROUPED))
                  .then(rest.str.replace_all(_THOUSANDS, ""))
                  .when(~rest.str.contains(_THOUSANDS)).then(rest))
    comma = rest.str.contains(",", literal=True) & ~rest.str.contains(".", literal=True)
    fixed = pl.when(comma).then(rest.str.replace(",", ".", literal=True)).otherwise(rest)
    return pl.coalesce(parsed, fixed.cast(pl.Float64, strict=False))


def is_text(dtype: pl.DataType) -> bool:
    """Whether a column of ``dtype`` holds text as read: a string, or a categorical (a
    text column of few values, :func:`goalkit.data._sources._read_parquet`)."""
    import polars as pl  # noqa: PLC0415

    return dtype == pl.String or isinstance(dtype, pl.Categorical)


def as_text(e: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    """A column a typed source stored as dates or numbers, as the text a source that
    stores text would hold (what :func:`goalkit.data._sources.cell_text` writes): dates as
    ``YYYY-MM-DD``, whole numbers without ``.0``; a column of text held as a categorical
    (:class:`~goalkit.data._raw.RawTable`) as its text."""
    import polars as pl  # noqa: PLC0415

    if dtype == pl.String:
        return e
    if isinstance(dtype, pl.Categorical):
        return e.cast(pl.String)
    if dtype == pl.Date:  # a date Python cannot hold has no text (polars would panic)
        return readable_date(e).dt.strftime(ISO_DATE)
    if dtype.is_integer():
        return e.cast(pl.String)
    f = e.cast(pl.Float64)
    whole = f.is_finite() & (f == f.round(0)) & (f.abs() < 2**53)
    return (pl.when(f.is_nan()).then(None)
            .when(whole).then(f.cast(pl.Int64).cast(pl.String))
            .otherwise(f.cast(pl.String)))


def readable_date(e: pl.Expr) -> pl.Expr:
    """The dates of ``e`` that Python can hold (years 1 to 9999); ``None`` for the others:
    a text that parses as one (``-1000000``, the year -768) is no date (:func:`dates`), and
    one a typed source (a frame, a Parquet file) stores as days past 1970, which polars
    cannot write as text, is refused where it is read (:func:`goalkit.data._cells.probe`)."""
    import polars as pl  # noqa: PLC0415

    return pl.when(e.is_between(dt.date.min, dt.date.max)).then(e)


def null_where(e: pl.Expr, mask: pl.Expr) -> pl.Expr:
    """``e`` with the cells where ``mask`` holds made empty."""
    import polars as pl  # noqa: PLC0415

    return pl.when(mask).then(None).otherwise(e)


def extra_kind(text: pl.Expr, parsed: pl.Expr) -> list[pl.Expr]:
    """What decides the type of an extra participant column (``text``, and ``parsed`` the
    same as :func:`numbers`), as four aggregates: whether it has values, whether they are
    all numbers, all whole, and all small enough to be exact
    (:func:`goalkit.data._checks.participant_frame` reads them)."""
    return [
        text.is_not_null().any(),
        (parsed.is_not_null() | text.is_null()).all() & parsed.is_finite().all(),
        (parsed == parsed.round(0)).all(),
        (parsed.abs() < 2**53).all(),
    ]
