"""Parsing columns of text: dates, numbers and extra columns, vectorised and once.

Each parser reads a whole column in one go. The common case goes first (ISO dates, plain
numbers); only the cells it cannot read go through the slower readers (a date with a time,
another date format, a decimal comma, spaces between thousands), so a clean column of a
million dates costs one parse.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    import polars as pl

__all__ = ["ISO_DATE", "as_text", "dates", "extra", "null_where", "numbers"]

ISO_DATE = "%Y-%m-%d"
"""The date format every source may use, mapping or not."""

_WITH_TIME = r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?$"


def dates(s: pl.Series, formats: Sequence[str]) -> pl.Series:
    """A column of text as dates: ISO (with or without a time of day), else the first of
    ``formats`` that reads it; ``None`` for a cell no format reads. A column of dates is
    taken as it is."""
    import polars as pl  # noqa: PLC0415

    if s.dtype == pl.Date:  # a source that stores dates as dates (Parquet, a frame)
        parsed, failed = s, pl.Series([], dtype=pl.UInt32)
    else:
        s = as_text(s)
        parsed = s.str.to_date(ISO_DATE, strict=False)
        failed = (parsed.is_null() & s.is_not_null()).arg_true()
    if len(failed):
        text = s.gather(failed).str.replace(_WITH_TIME, "$1")
        fmts = list(dict.fromkeys((ISO_DATE, *formats)))
        retried = pl.select(pl.coalesce([text.str.to_date(f, strict=False) for f in fmts]))
        parsed = parsed.scatter(failed, retried.to_series())
    python_range = parsed.dt.year().is_between(1, 9999)  # "-1000000" parses as year -768
    if bool(python_range.fill_null(value=True).all()):
        return parsed.alias(s.name)
    return null_where(parsed, ~python_range.fill_null(value=True)).alias(s.name)


def numbers(s: pl.Series) -> pl.Series:
    """A column of text as numbers: a decimal point or comma, spaces or apostrophes
    between thousands; ``None`` for a cell that is no number."""
    import polars as pl  # noqa: PLC0415

    if s.dtype.is_numeric():  # a source that stores numbers as numbers
        return s.cast(pl.Float64)
    s = as_text(s)
    parsed = s.cast(pl.Float64, strict=False)
    failed = (parsed.is_null() & s.is_not_null()).arg_true()
    if not len(failed):
        return parsed.alias(s.name)
    # A cell the plain cast reads has no space, apostrophe or comma: cleaning leaves it be.
    text = s.gather(failed).str.replace_all(r"[\s\u00a0']", "")
    comma = text.str.contains(",", literal=True) & ~text.str.contains(".", literal=True)
    text = pl.select(
        pl.when(comma).then(text.str.replace(",", ".", literal=True)).otherwise(text)
    ).to_series()
    return parsed.scatter(failed, text.cast(pl.Float64, strict=False)).alias(s.name)


def as_text(s: pl.Series) -> pl.Series:
    """A column a typed source stored as dates or numbers, as the text a source that
    stores text would hold (what :func:`goalkit.data._sources.cell_text` writes): dates as
    ``YYYY-MM-DD``, whole numbers without ``.0``."""
    import polars as pl  # noqa: PLC0415

    if s.dtype == pl.String:
        return s
    if s.dtype == pl.Date:
        return s.dt.strftime(ISO_DATE)
    if s.dtype.is_integer():
        return s.cast(pl.String)
    f = pl.col("f")
    whole = f.is_finite() & (f == f.round(0)) & (f.abs() < 2**53)
    return pl.DataFrame({"f": s.cast(pl.Float64)}).select(
        pl.when(f.is_nan()).then(None)
        .when(whole).then(f.cast(pl.Int64).cast(pl.String))
        .otherwise(f.cast(pl.String))
    ).to_series().alias(s.name)


def null_where(s: pl.Series, mask: pl.Series) -> pl.Series:
    """``s`` with the cells where ``mask`` holds made empty."""
    import polars as pl  # noqa: PLC0415

    return pl.select(pl.when(mask).then(None).otherwise(s)).to_series().alias(s.name)


def extra(s: pl.Series) -> pl.Series:
    """An extra participant column: whole numbers, numbers, or text, the same whatever the
    source stored."""
    import polars as pl  # noqa: PLC0415

    present = s.drop_nulls()
    if present.len() == 0:
        return s
    parsed = numbers(s)
    if parsed.drop_nulls().len() == present.len() and bool(parsed.is_finite().all()):
        whole = bool((parsed.drop_nulls() == parsed.drop_nulls().round(0)).all())
        if whole and bool((parsed.abs() < 2**53).all()):
            return parsed.cast(pl.Int64)
        return parsed
    return s
