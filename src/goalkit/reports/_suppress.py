"""Small-cell suppression: what a published breakdown may show.

A breakdown cell is *primarily suppressed* when any count it shows (success, failure,
pending, left out, numerator, denominator) lies between 1 and ``min_cell - 1``: a handful of
people can be recognised. Zero is shown (it names nobody). The goal's totals are always
published, so one suppressed cell in a dimension could be recovered as the total minus the
others; *complementary suppression* therefore hides at least one more cell of that
dimension: the smallest remaining one with people in it (ties by name, so the choice is
deterministic), else the smallest remaining one. With two or more cells hidden, the totals
only reveal their sum.

Suppression is per dimension of one goal at one date; a series of reports over time is not
protected against differencing between dates (the progress views show breakdowns only for
the latest date for that reason).
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

from attrs import frozen

from goalkit.model._result import Cell, GoalResult

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "DEFAULT_MIN_CELL",
    "Hidden",
    "ShownCell",
    "cell_counts",
    "suppress_cells",
    "suppress_report_dict",
    "suppress_result",
]

DEFAULT_MIN_CELL = 5
"""Counts of 1 to 4 people are not published in breakdowns unless told otherwise."""


class Hidden(enum.StrEnum):
    """Why a cell is not shown."""

    PRIMARY = "primary"
    """It holds a count below the threshold."""
    SECONDARY = "secondary"
    """Hidden as well, so the totals cannot reveal a primary one."""


@frozen
class ShownCell:
    """One category of a breakdown as a report may publish it.

    :param cell: the numbers, or ``None`` when hidden.
    :param hidden: why it is hidden, or ``None`` when shown.
    """

    category: str
    cell: Cell | None
    hidden: Hidden | None = None


def cell_counts(cell: Cell) -> tuple[int, ...]:
    """Every count a cell shows."""
    counts = [cell.success, cell.failure, cell.pending, cell.excluded]
    counts += [n for n in (cell.numerator, cell.denominator) if n is not None]
    return tuple(counts)


def _small(cell: Cell, min_cell: int) -> bool:
    return any(0 < n < min_cell for n in cell_counts(cell))


def _size(cell: Cell) -> int:
    return cell.success + cell.failure + cell.pending + cell.excluded


def suppress_cells(cells: Mapping[str, Cell], min_cell: int) -> list[ShownCell]:
    """The cells of one dimension, in category order, small ones hidden.

    ``min_cell`` of 0 or 1 hides nothing.
    """
    order = sorted(cells)
    if min_cell <= 1:
        return [ShownCell(c, cells[c]) for c in order]
    primary = {c for c in order if _small(cells[c], min_cell)}
    secondary: set[str] = set()
    rest = [c for c in order if c not in primary]
    if len(primary) == 1 and rest:
        populated = [c for c in rest if _size(cells[c]) > 0] or rest
        secondary.add(min(populated, key=lambda c: (_size(cells[c]), c)))
    out = []
    for c in order:
        if c in primary:
            out.append(ShownCell(c, None, Hidden.PRIMARY))
        elif c in secondary:
            out.append(ShownCell(c, None, Hidden.SECONDARY))
        else:
            out.append(ShownCell(c, cells[c]))
    return out


def suppress_result(result: GoalResult, min_cell: int) -> dict[str, list[ShownCell]]:
    """Every breakdown of a goal, dimension by dimension (in the result's order)."""
    return {dim: suppress_cells(cells, min_cell) for dim, cells in result.breakdowns.items()}


def suppress_report_dict(data: dict[str, Any], min_cell: int) -> dict[str, Any]:
    """Hide small cells in a report as plain data (:func:`goalkit.reports.report_to_dict`).

    A hidden cell becomes ``{"suppressed": "primary"}`` or ``{"suppressed": "secondary"}``,
    and the report gains ``"min_cell": min_cell``. The input is not changed.
    """
    out = dict(data)
    out["min_cell"] = min_cell
    results = []
    for r in data["results"]:
        r2 = dict(r)
        if "breakdowns" in r:
            dims: dict[str, Any] = {}
            for dim, raw in r["breakdowns"].items():
                cells = {c: Cell(**v) for c, v in raw.items()}
                dims[dim] = {
                    s.category: (raw[s.category] if s.hidden is None
                                 else {"suppressed": s.hidden.value})
                    for s in suppress_cells(cells, min_cell)
                }
            r2["breakdowns"] = dims
        results.append(r2)
    out["results"] = results
    return out
