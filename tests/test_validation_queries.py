"""Validation is one lazy pass per table: a handful of polars queries, whatever the data.

Queries are counted, not timed: every entry point polars runs a query through is wrapped
(``LazyFrame.collect``, ``polars.collect_all``, one query for each frame it is given, and
``LazyFrame._collect_eager``, through which every eager frame and series operation runs
its query), around :func:`goalkit.data._validate.clean` alone, after the source was read.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

import polars as pl
import pytest
from query_count import queries

from goalkit.data._cells import _together
from goalkit.data._mapping import ColumnMapping
from goalkit.data._sources import frame_table, read_folder
from goalkit.data._table import Table
from goalkit.data._validate import check_records, clean

if TYPE_CHECKING:
    from pathlib import Path

PER_TABLE = 4
"""At most this many queries a table: its share of the probe, its pass, the check of its
joined rows (events and answers against participants), and its count."""

CLEAN = {
    "participants.csv": "participant_id,enrolled,exited,sex,birth_year,municipality\n"
                        "A1,2015-01-10,2015-06-01,F,1990,Berg\n"
                        "A2,2015-02-01,,M,1985,Krokom\n"
                        "A3,2015-03-01,,F,1970,Berg\n",
    "events.csv": "participant_id,date,kind\n"
                  "A1,2015-07-01,employment_offer\n"
                  "A2,2015-03-01,study_start\n",
    "responses.csv": "participant_id,date,phase,question,score\n"
                     "A1,2015-06-01,exit,satisfied,4\n"
                     "A3,2015-03-01,entry,wellbeing,3\n",
}
MESSY = {
    # every kind of row problem the checks look for, and several rows of each
    "participants.csv": "participant_id,enrolled,exited,sex,birth_year,municipality\n"
                        "A1,2015-01-10,2015-06-01,F,1990,Berg\n"
                        "A2,not a date,,M,1985,Krokom\n"
                        "A3,2015-03-01,2014-01-01,F,1970,Berg\n"
                        "A4,,,F,18.5,Berg\n"
                        "A5,2015-03-01,,Q,3000,Berg\n"
                        "A5,2015-03-01,,F,1980,Berg\n"
                        "A6,1750-01-01,,F,1980,Berg\n",
    "events.csv": "participant_id,date,kind\n"
                  "A1,2015-07-01,employment_offer\n"
                  "A1,2014-07-01,employment_offer\n"
                  "A2,2015-03-01,study_start\n"
                  "A9,2015-03-01,study_start\n"
                  ",2015-03-01,\n"
                  "A3,31/02/2015,study_start\n",
    "responses.csv": "participant_id,date,phase,question,score\n"
                     "A1,2015-06-01,exit,satisfied,4\n"
                     "A1,2014-06-01,exit,satisfied,4\n"
                     "A3,2015-03-01,entry,wellbeing,many\n"
                     "A9,2015-03-01,entry,wellbeing,3e9\n"
                     "A1,2015-03-01,entry,wellbeing,inf\n",
}


def _write(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("files", [CLEAN, MESSY], ids=["clean", "messy"])
def test_validation_is_a_handful_of_queries_a_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]
) -> None:
    """Every check of a table is collected together: at most :data:`PER_TABLE` queries a
    table (the old validation ran one or more for each check and column, over a hundred
    for these three tables), and the messy data, with a problem of every kind on many
    rows, costs no more queries than the clean."""
    raw = read_folder(_write(tmp_path, files), ColumnMapping())
    kept: list[Any] = []
    n = queries(monkeypatch, lambda: kept.append(clean(raw)))
    assert n <= PER_TABLE * len(raw.tables)
    assert kept[0].frames.keys() == {"participants", "events", "responses"}
    if files is MESSY:  # the problems are there: each check ran and flagged its rows
        codes = {i.code for i in kept[0].issues}
        assert {"bad_date", "exit_before_enrolment", "missing_value", "bad_number",
                "out_of_range", "duplicate_participant", "unknown_participant",
                "excluded_participant", "event_before_enrolment",
                "answer_before_enrolment", "score_out_of_range", "unknown_code",
                "rows_excluded"} <= codes


def test_messy_data_costs_the_queries_of_clean_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The number of queries does not grow with the problems found: it is fixed by the
    tables, not by how many checks flag rows or how many rows they flag."""
    counts = []
    for name, files in (("clean", CLEAN), ("messy", MESSY)):
        (tmp_path / name).mkdir()
        raw = read_folder(_write(tmp_path / name, files), ColumnMapping())
        counts.append(queries(monkeypatch, lambda raw=raw: clean(raw)))
        monkeypatch.undo()
    assert counts[0] == counts[1]


def test_records_are_checked_in_the_same_handful_of_queries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Records a host hands over (:meth:`Dataset.from_records`, with a problem to check)
    go through the same one pass: the same bound, and the same problems as the files."""
    raw = read_folder(_write(tmp_path, MESSY), ColumnMapping())
    found: list[Any] = []
    n = queries(monkeypatch, lambda: found.append(check_records(raw, strict=False)))
    assert n <= PER_TABLE * len(raw.tables)
    issues, kept, left_out = found[0]
    assert issues == clean(raw).issues
    assert left_out == {3, 4, 5, 6, 7, 8}
    assert set(kept) == {"participants", "events", "responses"}


def test_events_and_answers_are_joined_to_the_participants_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Events and answers are checked against the participants in one join of their rows
    together (at a million people, nine million rows to a table of a million ids built
    once, not twice), with the problems of each table its own."""
    import polars as pl  # noqa: PLC0415

    raw = read_folder(_write(tmp_path, MESSY), ColumnMapping())
    joins: list[int] = []
    original = pl.LazyFrame.join

    def counted(self: pl.LazyFrame, *args: Any, **kwargs: Any) -> pl.LazyFrame:
        joins.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pl.LazyFrame, "join", counted)
    kept = clean(raw)
    monkeypatch.undo()
    assert len(joins) == 1
    where = {(i.code, i.where) for i in kept.issues}
    assert ("unknown_participant", "events.csv, row 5, column 'participant_id'") in where
    assert ("unknown_participant", "responses.csv, row 5, column 'participant_id'") in where
    assert ("event_before_enrolment", "events.csv, row 3, column 'date'") in where
    assert ("answer_before_enrolment", "responses.csv, row 3, column 'date'") in where


def test_columns_of_few_values_are_grouped_together_only_while_their_pairs_stay_few() -> None:
    """The probe gathers the distinct values of columns of few values with one grouping
    where their combinations are few (an answer's phase and question), and keeps apart
    columns whose combinations are nearly as many as the rows (two codes of 60 values
    each, independent), which grouped together would cost more than each alone."""
    n = 8000
    frame = pl.DataFrame({
        "phase": [("entry", "exit")[i % 2] for i in range(n)],
        "question": [("a", "b", "c")[i % 3] for i in range(n)],
        "code1": [f"x{i % 60}" for i in range(n)],
        "code2": [f"y{(i * 7 + i // 60) % 61}" for i in range(n)],
    })
    assert len(set(itertools.islice(zip(frame["code1"], frame["code2"], strict=True),
                                    4096))) > 4096 // 8
    t = Table("responses", frame_table(frame, "responses.csv", first_row=2), ColumnMapping())
    assert _together(t, ["phase", "question"]) == [["phase", "question"]]
    assert _together(t, ["phase", "code1", "code2"]) == [["phase", "code1"], ["code2"]]
