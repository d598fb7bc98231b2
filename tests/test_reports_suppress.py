"""Small-cell suppression: what a published breakdown may show."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import breakdown_cells, breakdown_dimensions

import goalkit
from goalkit.reports._suppress import (
    Hidden,
    cell_counts,
    suppress_cells,
    suppress_report_dict,
)
from goalkit.reports._view import min_cell_option


@given(breakdown_dimensions, st.integers(2, 12))
def test_no_small_count_is_shown(cells: dict[str, goalkit.Cell], k: int) -> None:
    """Every count of a shown cell is 0 or at least the threshold."""
    for shown in suppress_cells(cells, k):
        if shown.cell is not None:
            assert all(n == 0 or n >= k for n in cell_counts(shown.cell))


@given(breakdown_dimensions, st.integers(2, 12))
def test_a_suppressed_cell_is_never_alone(cells: dict[str, goalkit.Cell], k: int) -> None:
    """With the totals published, one hidden cell could be recovered by subtraction: a
    dimension hides none, or at least two (or all of its only cell)."""
    hidden = [s for s in suppress_cells(cells, k) if s.cell is None]
    assert len(hidden) != 1 or len(cells) == 1


@given(breakdown_dimensions, st.integers(2, 12))
def test_totals_do_not_reveal_a_hidden_cell(cells: dict[str, goalkit.Cell], k: int) -> None:
    """From the totals and the shown cells a reader learns only the sum of the hidden
    cells; with two or more hidden, no single hidden cell's counts follow from it."""
    shown = suppress_cells(cells, k)
    hidden = [s.category for s in shown if s.cell is None]
    if len(hidden) >= 2:
        for field in ("success", "failure", "pending", "excluded"):
            total = sum(getattr(c, field) for c in cells.values())
            visible = sum(getattr(s.cell, field) for s in shown if s.cell is not None)
            assert total - visible == sum(getattr(cells[c], field) for c in hidden)


@given(breakdown_dimensions, st.integers(2, 12))
def test_only_what_is_needed_is_hidden(cells: dict[str, goalkit.Cell], k: int) -> None:
    """A cell is hidden for a reason: it is small, or it is the one complement of a
    single small cell."""
    shown = suppress_cells(cells, k)
    primary = [s for s in shown if s.hidden is Hidden.PRIMARY]
    secondary = [s for s in shown if s.hidden is Hidden.SECONDARY]
    for s in primary:
        assert any(0 < n < k for n in cell_counts(cells[s.category]))
    for s in shown:
        if s.hidden is None:
            assert not any(0 < n < k for n in cell_counts(cells[s.category]))
    assert len(secondary) == (1 if len(primary) == 1 and len(cells) > 1 else 0)
    assert [s.category for s in shown] == sorted(cells)


@given(breakdown_dimensions, st.sampled_from([0, 1]))
def test_a_threshold_of_zero_or_one_hides_nothing(cells: dict[str, goalkit.Cell], k: int) -> None:
    assert all(s.cell == cells[s.category] for s in suppress_cells(cells, k))


def test_the_complement_is_the_smallest_populated_cell() -> None:
    """One small cell: the smallest other cell with people in it is hidden too, not an
    empty one (hiding a zero would let the total reveal the small cell)."""
    def cell(n: int) -> goalkit.Cell:
        return goalkit.Cell(value=float(n), success=n, failure=0, pending=0, excluded=0)

    shown = suppress_cells({"a": cell(2), "b": cell(0), "c": cell(9), "d": cell(7)}, 5)
    assert [(s.category, s.hidden) for s in shown] == [
        ("a", Hidden.PRIMARY), ("b", None), ("c", None), ("d", Hidden.SECONDARY),
    ]


@given(st.dictionaries(st.sampled_from(["sex", "age_band"]), breakdown_dimensions,
                       min_size=1), st.integers(2, 9))
def test_report_dict_suppression_matches_the_cells(
    dims: dict[str, dict[str, goalkit.Cell]], k: int
) -> None:
    """The JSON option hides exactly the cells every other format hides, and leaves the
    input untouched."""
    raw: dict[str, Any] = {
        "results": [{"goal_id": "g", "breakdowns": {
            d: {c: {"value": v.value, "success": v.success, "failure": v.failure,
                    "pending": v.pending, "excluded": v.excluded, "numerator": v.numerator,
                    "denominator": v.denominator} for c, v in cells.items()}
            for d, cells in dims.items()}}],
    }
    before = repr(raw)
    out = suppress_report_dict(raw, k)
    assert repr(raw) == before
    assert out["min_cell"] == k
    for d, cells in dims.items():
        for s in suppress_cells(cells, k):
            got = out["results"][0]["breakdowns"][d][s.category]
            if s.hidden is None:
                assert got == raw["results"][0]["breakdowns"][d][s.category]
            else:
                assert got == {"suppressed": s.hidden.value}


@given(breakdown_cells)
def test_cell_counts_lists_every_count(cell: goalkit.Cell) -> None:
    counts = cell_counts(cell)
    assert counts[:4] == (cell.success, cell.failure, cell.pending, cell.excluded)


def test_negative_min_cell_is_refused() -> None:
    with pytest.raises(ValueError, match="min_cell"):
        min_cell_option({"min_cell": -1})
    assert min_cell_option(None) == 5
