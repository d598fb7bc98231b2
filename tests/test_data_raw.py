"""Raw text tables: every text cell stripped and an empty one made missing, whatever
the column is called and wherever in a long column the cell is."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import goalkit
from goalkit.data._raw import RawTable, stripped

if TYPE_CHECKING:
    from pathlib import Path

cells = st.none() | st.sampled_from(["", " ", "a", " a", "a ", "\ta\n", "a b", "\u00a0a",
                                     "a\u3000", "b"])
"""Text cells, tidy and untidy (ASCII and Unicode white space, empty)."""


def _tidy(cell: str | None) -> str | None:
    """The rule, cell by cell."""
    if cell is None:
        return None
    return cell.strip() or None


@st.composite
def text_columns(draw: st.DrawFn) -> list[list[str | None]]:
    """One to three text columns of the same height (none to twenty rows)."""
    height = draw(st.integers(0, 20))
    return draw(st.lists(st.lists(cells, min_size=height, max_size=height),
                         min_size=1, max_size=3))


@given(columns=text_columns(), rows_a_task=st.integers(1, 7))
def test_every_cell_is_tidied_whichever_slice_it_is_in(
    columns: list[list[str | None]], rows_a_task: int
) -> None:
    """A column is looked at in slices side by side: an untidy cell in any slice (the
    last, short one too) has its column tidied, as the rule says cell by cell."""
    frame = pl.DataFrame([pl.Series(f"c{i}", c, dtype=pl.String)
                          for i, c in enumerate(columns)])
    got = stripped(frame, rows_a_task=rows_a_task)
    assert got.columns == frame.columns
    assert [got.get_column(f"c{i}").to_list() for i in range(len(columns))] == [
        [_tidy(v) for v in c] for c in columns]


def test_a_header_that_looks_like_a_pattern_is_a_name() -> None:
    """A column called ``^note$`` (a polars column pattern, were it read as one) is read
    and tidied like any other column, beside one that needs nothing."""
    table = RawTable.from_rows(["^note$", "id"], [[" x ", "A1"], ["", "A2"]],
                               origin="participants.csv", numbers=[2, 3])
    assert table.frame.to_dict(as_series=False) == {
        "^note$ (column 1)": ["x", None], "id": ["A1", "A2"]}


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_file_with_a_header_that_looks_like_a_pattern_is_read_and_validated(
    tmp_path: Path, suffix: str
) -> None:
    """Validation names its columns at every step; a header polars would read as a pattern
    of names is kept as ``^note$ (column 5)``, its cells intact, with nothing refused."""
    frame = pl.DataFrame({"participant_id": ["a1", "a2"], "enrolled": ["2015-01-02"] * 2,
                          "sex": ["F", "M"], "birth_year": [1990, 1991],
                          "^note$": ["x", None]})
    path = tmp_path / f"participants{suffix}"
    frame.write_csv(path) if suffix == ".csv" else frame.write_parquet(path)
    data = goalkit.read_data(tmp_path, strict=True)
    kept = data.with_frames().participants.to_native().collect()
    assert kept.get_column("^note$ (column 5)").to_list() == ["x", None]
    assert data.issues == ()
