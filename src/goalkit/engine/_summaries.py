"""A breakdown's cells worked out as columns: every category of one breakdown column of one
job in one vectorised pass over the counts the query returned, its cells then made from
the finished columns when they are read.

A kind's :meth:`~goalkit.model.PersonIndicator.summarize` is Python, called with one
tally at a time: a register broken down into thousands of projects would call it once a
cell. The built-in kinds whose summary is :func:`~goalkit.indicators.share_summary` or
:func:`~goalkit.indicators.count_summary` are read here as columns instead (the numbers a
:class:`~goalkit.model.Cell` shows: counts by outcome, value, bounds, numerator and
denominator), computed with the same operations in the same order, so that every field
is the same number. A kind is read so only when its ``summarize`` is one of those kinds'
own (a kind that overrides it is summarized by its own code, a cell at a time), and only
for a goal's own indicator (a composite combines its parts' summaries, in Python).
"""

from __future__ import annotations

import functools
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from goalkit.model._indicator import State
from goalkit.model._project import UNKNOWN
from goalkit.model._result import Cell, Cells

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    import polars as pl

    from goalkit.model._indicator import GoalContext, PersonIndicator

__all__ = ["CellTable", "Form", "cell_table", "summary_form"]

Form = Literal["share", "count"]
"""How a cell is summarized as columns: a share of the decided people (with bounds for the
pending ones), or a number of people."""


@functools.cache
def _forms() -> Mapping[Callable[..., Any], Form]:
    """The built-in ``summarize`` functions and the form each is (a constant, found on
    first use: the kinds are not imported before)."""
    from goalkit.indicators._people import Balance, Count, Share  # noqa: PLC0415
    from goalkit.indicators._survey import PairedChange, SurveyShare  # noqa: PLC0415
    from goalkit.indicators._timing import EventWithin, StatusAt  # noqa: PLC0415

    found: dict[Callable[..., Any], Form] = {Count.summarize: "count"}
    for kind in (Share, Balance, SurveyShare, PairedChange, EventWithin, StatusAt):
        found[kind.summarize] = "share"
    return MappingProxyType(found)


def summary_form(ind: PersonIndicator) -> Form | None:
    """The form an indicator's cells are summarized in as columns (``None``: its own
    ``summarize``, a cell at a time)."""
    return _forms().get(type(ind).summarize)


_S, _F, _P = int(State.SUCCESS), int(State.FAILURE), int(State.PENDING)


_FIELDS = ("value", "success", "failure", "pending", "excluded", "lower", "upper",
           "numerator", "denominator")
"""The fields of a :class:`~goalkit.model.Cell`, in its order."""


class CellTable:
    """The cells of one breakdown column of one job, as finished columns (one item a
    category): a cell is made from its row when it is first read (:meth:`cells`).

    :param categories: the categories, one a row.
    :param rows: the fields of each category's cell, in the order of
        :class:`~goalkit.model.Cell`'s.
    """

    __slots__ = ("_index", "_rows")

    def __init__(self, categories: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
        self._index = {c: i for i, c in enumerate(categories)}
        self._rows = rows

    def cell(self, category: str) -> Cell:
        """The cell of one category."""
        return Cell(*self._rows[self._index[category]])

    def fields(self, category: str) -> tuple[Any, ...]:
        """The fields of one category's cell, in :class:`~goalkit.model.Cell`'s order."""
        return self._rows[self._index[category]]

    def cells(self) -> Cells:
        """The breakdown, its categories sorted: each cell made when it is first read, and
        all of them written as plain data without being made (:meth:`Cells.plain`)."""
        return Cells(sorted(self._index), self.cell, self.fields)


def cell_table(counted: pl.DataFrame, key: str, form: Form, ctx: GoalContext) -> CellTable:
    """The cells of the breakdown column ``key`` from a job's counted rows (``state``,
    ``_n`` and the key, among others: one row per state, reason and category of the
    columns counted together), summarized as ``form`` for the goal's dates ``ctx``.

    The people are added up per category by outcome (a state that is not success,
    failure or pending is left out, as :class:`~goalkit.engine._plan.Counts` counts it);
    the categories are their labels (:func:`~goalkit.engine._plan.label`), a missing one
    and one written ``unknown`` one cell; then every summary column at once.
    """
    import polars as pl  # noqa: PLC0415

    from goalkit.engine._plan import label  # noqa: PLC0415 (it imports this module)

    state, n = pl.col("state"), pl.col("_n").cast(pl.Int64)
    zero = pl.lit(0, dtype=pl.Int64)
    by_state = [
        pl.when(state == s).then(n).otherwise(zero).sum().alias(name)
        for s, name in ((_S, "success"), (_F, "failure"), (_P, "pending"))
    ]
    excluded = pl.when(state.is_in([_S, _F, _P])).then(zero).otherwise(n).sum()
    sums = (*by_state, excluded.alias("excluded"))
    if counted.schema[key] in (pl.String, pl.Categorical):  # the text is the label
        counts = counted.group_by(pl.col(key).cast(pl.String).fill_null(UNKNOWN)).agg(*sums)
    else:  # labelled as Python writes the values (a number, a truth value)
        counts = counted.group_by(key).agg(*sums)
        labels = [label(v) for v in counts.get_column(key).to_list()]
        counts = counts.with_columns(pl.Series(key, labels, dtype=pl.String))
        if counts.get_column(key).n_unique() < counts.height:  # none, and "unknown"
            counts = counts.group_by(key).agg(pl.all().sum())
    table = counts.select(key, *_summary(form, ctx)).select(key, *_FIELDS)
    return CellTable(table.get_column(key).to_list(), table.drop(key).rows())


def _summary(form: Form, ctx: GoalContext) -> list[pl.Expr]:
    """The fields of a cell from the columns ``success``, ``failure``, ``pending`` and
    ``excluded``: :func:`~goalkit.indicators.share_summary` or
    :func:`~goalkit.indicators.count_summary` as expressions (integers divided as
    floating-point numbers are in Python: the same float)."""
    import polars as pl  # noqa: PLC0415

    s, f, p = pl.col("success"), pl.col("failure"), pl.col("pending")
    counts = [s, f, p, pl.col("excluded")]
    if form == "count":
        whole = s.cast(pl.Float64)
        upper = (pl.lit(None, dtype=pl.Float64) if ctx.cohort_open
                 else (s + p).cast(pl.Float64))
        return [*counts, whole.alias("value"), whole.alias("lower"), upper.alias("upper"),
                s.alias("numerator"), pl.lit(None, dtype=pl.Int64).alias("denominator")]
    n = s + f
    cohort = n + p
    return [
        *counts,
        pl.when(n > 0).then(s / n).alias("value"),
        pl.when(cohort > 0).then(s / cohort).alias("lower"),
        pl.when(cohort > 0).then((s + p) / cohort).alias("upper"),
        s.alias("numerator"),
        n.alias("denominator"),
    ]
