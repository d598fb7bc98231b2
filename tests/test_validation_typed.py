"""A typed source's text cells (a Parquet file, a frame) are stripped by validation, in
the collection that asks every table what its checks must know, not by a pass of the
reader's own over every text column.

Queries are counted, not timed (as in ``test_validation_queries.py``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import polars as pl
from query_count import queries

from goalkit.data._mapping import ColumnMapping
from goalkit.data._raw import RawData, RawTable
from goalkit.data._sources import frame_table
from goalkit.data._validate import clean

if TYPE_CHECKING:

    import pytest

PER_TABLE = 4
"""At most this many queries a table (``test_validation_queries.py`` says which)."""


def _people(sexes: list[str | None]) -> pl.DataFrame:
    """Participants as a Parquet file holds them: typed dates, text ids and codes."""
    n = len(sexes)
    return pl.DataFrame({
        "participant_id": [f"P{i}" for i in range(n)],
        "enrolled": [dt.date(2024, 1, 1)] * n,
        "sex": sexes,
        "municipality": ["Berg", "Krokom"] * (n // 2) + ["Berg"] * (n % 2),
    })


def test_reading_a_typed_frame_scans_no_text_column(monkeypatch: pytest.MonkeyPatch) -> None:
    """Turning a typed frame into a raw table runs no query: its text columns, untidy
    cells and all, are left for validation to look at once, beside its other questions."""
    people = _people(["F", " M", "F "] * 100)
    tables: list[Any] = []
    assert queries(monkeypatch, lambda: tables.append(frame_table(people, "p.parquet"))) == 0
    assert not tables[0].tidied
    assert tables[0].frame.get_column("sex").to_list() == people.get_column("sex").to_list()


def test_a_tidy_typed_table_costs_no_more_queries_than_before(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    """Looking for cells to strip adds no query of its own; a table with one costs two
    more (its untidy columns stripped, and it is asked again), and nothing else."""
    counts = []
    for sexes in (["F", "M"] * 50, ["F", "M"] * 49 + ["F", " M\u00a0"]):
        raw = RawData({"participants": frame_table(_people(sexes), "p.parquet")}, "data")
        counts.append(queries(monkeypatch, lambda raw=raw: clean(raw, ColumnMapping())))
    assert counts[0] <= PER_TABLE
    assert counts[1] == counts[0] + 2


def test_an_untidy_cell_deep_in_a_column_of_few_values_is_stripped() -> None:
    """A column of few distinct values is looked at value by value: one untidy cell
    after the first thousands is still found, stripped and read as the code it is; an
    empty text is missing, as it is in a CSV file."""
    sexes: list[str | None] = ["F", "M"] * 3000 + [" F\t", "", None]
    table = RawTable(_people(sexes), "p.parquet", range(2, len(sexes) + 2))
    found = clean(RawData({"participants": table}, "data"), ColumnMapping())
    kept = found.frames["participants"].collect()
    assert kept.height == len(sexes)
    assert kept.get_column("sex").to_list()[-3:] == ["F", None, None]
    assert not [i for i in found.issues if i.code == "unknown_code"]
