"""Validation adds (almost) nothing to the memory of the data read: a column kept as it was
read is handed over as that column, not as a copy the query made of it.

Buffers are compared, not memory measured: a column of the data set is the column read
when every buffer of every chunk of it is the same (its address in memory).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import polars as pl

from goalkit.data._mapping import ColumnMapping
from goalkit.data._raw import few_values
from goalkit.data._sources import read_frames
from goalkit.data._validate import clean

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

    from goalkit.data._raw import RawData


def _buffers(s: pl.Series) -> list[int]:
    """The address of every data buffer of every chunk of ``s`` (its validity left
    aside)."""
    out = []
    for chunk in s.get_chunks():
        arrow: Any = chunk.to_arrow(compat_level=pl.CompatLevel.newest())
        arrow = arrow.chunks[0] if hasattr(arrow, "chunks") else arrow
        out += [b.address for b in arrow.buffers()[1:] if b is not None]
    return out


def _frames(n: int) -> dict[str, pl.DataFrame]:
    """Three typed tables, as a Parquet file or a host's frame holds them: ids and codes
    as text, dates as dates, whole numbers and scores as numbers; clean (every row kept)."""
    day = dt.date(2015, 1, 1)
    ids = [f"P{i}" for i in range(n)]
    people = pl.DataFrame({
        "participant_id": ids,
        "enrolled": [day + dt.timedelta(days=i % 300) for i in range(n)],
        "sex": ["F" if i % 2 else "M" for i in range(n)],
        "birth_year": [1970 + i % 30 for i in range(n)],
        "exited": [None if i % 3 else day + dt.timedelta(days=400) for i in range(n)],
        "exit_reason": [None if i % 3 else "work" for i in range(n)],
    })
    events = pl.DataFrame({
        "participant_id": [ids[i % n] for i in range(2 * n)],
        "date": [day + dt.timedelta(days=300 + i % 50) for i in range(2 * n)],
        "kind": ["study_start" if i % 2 else "employment_offer" for i in range(2 * n)],
    })
    answers = pl.DataFrame({
        "participant_id": [ids[i % n] for i in range(3 * n)],
        "date": [day + dt.timedelta(days=300 + i % 50) for i in range(3 * n)],
        "phase": ["entry" if i % 2 else "exit" for i in range(3 * n)],
        "question": ["wellbeing" if i % 3 else "satisfied" for i in range(3 * n)],
        "score": [float(i % 5) for i in range(3 * n)],
    })
    return {"participants": people, "events": events, "responses": answers}


def _raw(frames: dict[str, pl.DataFrame]) -> RawData:
    # each table in several chunks, as a Parquet file's row groups are read
    return read_frames({name: pl.concat([f.head(len(f) // 2), f.tail(len(f) - len(f) // 2)],
                                        rechunk=False)
                        for name, f in frames.items()})


def test_every_column_kept_is_the_column_read() -> None:
    """With every row kept, each column of the clean tables that holds the values as read
    (text ids and codes, dates stored as dates, whole numbers and scores stored as numbers)
    is the column read itself: no copy beside it. (Before, validation handed over the
    query's copy of every column: at a million people about 290 MiB beside the 290 MiB
    read.)"""
    raw = _raw(_frames(200))
    kept = clean(raw)
    assert not [i for i in kept.issues if i.severity == "error"]
    for name in ("participants", "events", "responses"):
        read = raw.tables[name].frame
        frame = kept.frames[name].collect()
        for col in read.columns:
            assert frame.get_column(col).dtype == read.get_column(col).dtype, (name, col)
            assert _buffers(frame.get_column(col)) == _buffers(read.get_column(col)), (
                name, col)


def test_rows_left_out_of_one_table_copy_that_table_only() -> None:
    """Where a table loses rows its columns kept are the rows kept of the columns read (a
    score that is not finite, a text cell refused as too long: no other value changes),
    and the tables that lose none are still the columns read."""
    frames = _frames(40)
    answers = frames["responses"].with_columns(
        pl.when(pl.int_range(pl.len()) == 7).then(float("inf"))
        .otherwise(pl.col("score")).alias("score"),
        pl.when(pl.int_range(pl.len()) == 8).then(pl.lit("x" * 600))
        .otherwise(pl.col("phase")).alias("phase"))
    raw = _raw({**frames, "responses": answers})
    kept = clean(raw)
    assert {(i.code, i.where) for i in kept.issues if i.severity == "error"} == {
        ("bad_number", "responses frame, row 8, column 'score'"),
        ("out_of_range", "responses frame, row 9, column 'phase'"),
        ("rows_excluded", "responses frame")}
    got = kept.frames["responses"].collect().select(answers.columns)
    assert got.equals(answers.filter(~pl.int_range(pl.len()).is_in([7, 8])))
    for name in ("participants", "events"):
        read = raw.tables[name].frame
        frame = kept.frames[name].collect()
        for col in read.columns:
            assert _buffers(frame.get_column(col)) == _buffers(read.get_column(col)), (
                name, col)


def test_duplicated_ids_are_looked_for_only_when_ids_may_repeat(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Looking for duplicated ids row by row is the participants' costliest check (at a
    million people a quarter of a second and 100 MiB); it runs only when the ids' hashes
    are not all distinct, and then finds every row of a duplicated id."""
    frames = _frames(30)
    calls: list[int] = []
    original = pl.Expr.is_duplicated

    def counted(self: pl.Expr) -> pl.Expr:
        calls.append(1)
        return original(self)

    monkeypatch.setattr(pl.Expr, "is_duplicated", counted)
    kept = clean(_raw(frames))
    assert calls == []
    assert "duplicate_participant" not in {i.code for i in kept.issues}
    people = frames["participants"].with_columns(
        pl.when(pl.int_range(pl.len()) == 9).then(pl.lit("P4"))
        .otherwise(pl.col("participant_id")).alias("participant_id"))
    kept = clean(_raw({**frames, "participants": people}), ColumnMapping())
    assert calls
    found = [i for i in kept.issues if i.code == "duplicate_participant"]
    assert [(i.where, i.severity) for i in found] == [
        (f"participants frame, row {r}, column 'participant_id'", "error") for r in (5, 10)]
    assert kept.frames["participants"].collect().height == 28


def test_a_column_of_few_values_is_asked_value_by_value_with_the_same_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The probe asks a column of codes its questions (white space to strip, a text too
    long, a personal identity number) of its distinct values, each once; the answers,
    so every problem and every value kept, are those of asking cell by cell."""
    n = 400
    people = _frames(n)["participants"].with_columns(
        pl.Series("sex", [" F" if i == 10 else ("F" if i % 2 else "M") for i in range(n)]),
        pl.Series("exit_reason", ["work" if i % 3 else "studies" for i in range(n)])
        .scatter([20, 30], ["x" * 600, "åter 121212-1212"]),
    )
    raw = _raw({"participants": people})
    assert few_values(raw.tables["participants"].frame.get_column("sex"))
    by_value = clean(raw)
    monkeypatch.setattr("goalkit.data._cells.few_values", lambda _: False)
    monkeypatch.setattr("goalkit.data._raw.few_values", lambda _: False)
    by_cell = clean(raw)
    assert by_value.issues == by_cell.issues
    assert by_value.frames["participants"].collect().equals(
        by_cell.frames["participants"].collect())
    assert {(i.code, i.where) for i in by_value.issues if i.severity == "error"} == {
        ("out_of_range", "participants frame, row 21, column 'exit_reason'"),
        ("personal_id", "participants frame, row 31, column 'exit_reason'"),
        ("rows_excluded", "participants frame")}
    assert by_value.frames["participants"].collect().get_column("sex")[10] == "F"


def test_validation_lets_go_of_its_tables_when_it_returns() -> None:
    """What the checks of a table hold (the query's masks and parsed columns; at a million
    people some 25 MiB) is let go of when validation returns, not when Python's collector
    next looks for cycles (the checks' messages refer back to their table)."""
    import gc  # noqa: PLC0415

    from goalkit.data._table import Table  # noqa: PLC0415

    frames = _frames(30)
    people = frames["participants"].with_columns(
        pl.when(pl.int_range(pl.len()) == 9).then(pl.lit("P4"))
        .otherwise(pl.col("participant_id")).alias("participant_id"))
    raw = _raw({**frames, "participants": people})
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        kept = clean(raw)
        held = [o for o in gc.get_objects()
                if isinstance(o, Table) and o.result is not None]
    finally:
        if enabled:
            gc.enable()
    assert "duplicate_participant" in {i.code for i in kept.issues}
    assert held == []


def test_a_folders_parquet_files_are_read_together_and_a_bad_one_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A folder's Parquet files are read in one collection, side by side, not one after
    the other; a file that cannot be read is still named, and the others read."""
    from goalkit.data._sources import read_folder  # noqa: PLC0415

    for name, frame in _frames(20).items():
        frame.write_parquet(tmp_path / f"{name}.parquet")
    alone: list[str] = []
    original = pl.read_parquet

    def counted(source: Any, *args: Any, **kwargs: Any) -> pl.DataFrame:
        alone.append(str(source))
        return original(source, *args, **kwargs)

    monkeypatch.setattr(pl, "read_parquet", counted)
    raw = read_folder(tmp_path, ColumnMapping())
    assert alone == []
    assert {n: t.frame.height for n, t in raw.tables.items()} == {
        "participants": 20, "events": 40, "responses": 60}
    (tmp_path / "events.parquet").write_bytes(b"PAR1 not parquet PAR1")
    raw = read_folder(tmp_path, ColumnMapping())
    assert raw.tables.keys() == {"participants", "responses"}
    assert [(p.code, p.origin, p.fatal) for p in raw.problems] == [
        ("unreadable", "events.parquet", True)]
    assert raw.problems[0].message.startswith("cannot read the Parquet file")
