"""Raw text tables: every text cell stripped and an empty one made missing, whatever
the column is called and wherever in a long column the cell is; validation, which strips
the cells as it probes the tables, finds what it finds in the same tables stripped
beforehand."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import goalkit
from goalkit.data._mapping import ColumnMapping
from goalkit.data._raw import RawData, RawTable, stripped
from goalkit.data._sources import frame_table
from goalkit.data._validate import _check

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


padded = st.sampled_from(["", " ", "\t", "\u00a0", "\u3000 "])
"""White space around a cell (none, ASCII, Unicode)."""


@st.composite
def untidy_participants(draw: st.DrawFn) -> list[dict[str, str | None]]:
    """Participants' cells as a person types them: ids, sex codes, dates and years, some
    empty, some wrong, some long, some a personal identity number, any of them with
    white space around it or nothing but white space."""
    values = {
        "participant_id": st.sampled_from(["A1", "A2", "B7", "", "198507099805"]),
        "enrolled": st.sampled_from(["2024-03-01", "2024-13-01", "", "1 mars"]),
        "sex": st.sampled_from(["M", "K", "x", "", "man"]),
        "birth_year": st.sampled_from(["1990", "19x0", "", "2031"]),
        "exit_reason": st.sampled_from(["klar", "", "850709-9805", "a" * 600]),
    }
    return padded_rows(draw, values, most=8)


def padded_rows(draw: st.DrawFn, values: dict[str, st.SearchStrategy[str]], *,
                most: int) -> list[dict[str, str | None]]:
    """One to ``most`` rows of a cell of each of ``values`` (or none), any of them with
    white space around it (:data:`padded`)."""
    rows = []
    for _ in range(draw(st.integers(1, most))):
        row: dict[str, str | None] = {}
        for name, value in values.items():
            cell = draw(st.none() | value)
            row[name] = None if cell is None else draw(padded) + cell + draw(padded)
        rows.append(row)
    return rows


def _validated(table: RawTable) -> tuple[list[object], dict[str, list[dict[str, object]]]]:
    """What validation makes of one participants table: each problem (all its fields,
    the Swedish message too), and the rows kept."""
    found = _check(RawData({"participants": table}, "data"), ColumnMapping())
    return list(found.problems), {n: f.to_dicts() for n, f in found.frames().items()}


@given(rows=untidy_participants(), typed=st.booleans())
def test_validation_reads_every_cell_stripped(
    rows: list[dict[str, str | None]], typed: bool
) -> None:
    """Validation strips the cells as read (in its probe, not in a pass of its own over
    every text column as the table is read): every problem, message and row kept is the
    same as for the same table stripped cell by cell beforehand, for a table of text
    cells not tidied as read and for a frame a typed source gives."""
    names = list(rows[0])
    frame = pl.DataFrame({n: [r[n] for r in rows] for n in names},
                         schema=dict.fromkeys(names, pl.String))
    tidy = frame.select(pl.col(n).map_elements(_tidy, return_dtype=pl.String)
                        for n in names)
    numbers = range(2, len(rows) + 2)
    if typed:
        as_read, beforehand = frame_table(frame, "p.parquet"), frame_table(tidy, "p.parquet")
    else:  # a table of text cells as read, not tidied
        as_read, beforehand = RawTable(frame, "p.csv", numbers), RawTable(tidy, "p.csv", numbers)
    assert _validated(as_read) == _validated(beforehand)
