"""Text columns of few values held as categoricals: a Parquet file's codes, phases,
questions and kinds of event are read as categoricals (four bytes a cell, each distinct
value once; at ten million people the tables' read peaks at 3.3 instead of 5.3 GiB), and
validation reads them as the text they hold: the same problems, messages and rows kept as
the same columns held as strings, and the same report as the same data read from CSV."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import polars as pl
from hypothesis import given
from hypothesis import strategies as st
from test_data_raw import padded_rows

import goalkit
from goalkit.data._mapping import ColumnMapping, as_mapping
from goalkit.data._raw import RawData
from goalkit.data._sources import frame_table
from goalkit.data._validate import _check
from goalkit.indicators import Count
from goalkit.model import Goal, Level, Period, Text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import AS_OF, write_parquet
from benchmarks.suite import suite

_CODES = as_mapping({"codes": {"sex": {"K": "F", "M": "M"},
                               "exit_reason": {"klar": "done", "arbete": "work"}}})
"""A mapping with codes for two columns (the rest kept as given)."""


@st.composite
def participants(draw: st.DrawFn) -> pl.DataFrame:
    """Participants' cells as a person types them, with white space around some: codes
    known and unknown, a personal identity number where a code belongs, a text too long,
    ids that look like codes."""
    values = {
        "participant_id": st.sampled_from(["A1", "A2", "K", "", "198507099805"]),
        "enrolled": st.sampled_from(["2024-03-01", "2024-13-01", ""]),
        "sex": st.sampled_from(["M", "K", "F", "x", "", "A1", "850709-9805"]),
        "exit_reason": st.sampled_from(["klar", "arbete", "", "850709-9805", "a" * 600]),
        "municipality": st.sampled_from(["0180", "Solna", "12", "", "850709-9805"]),
    }
    return pl.DataFrame(padded_rows(draw, values, most=10),
                        schema=dict.fromkeys(values, pl.String))


@st.composite
def answers(draw: st.DrawFn) -> pl.DataFrame:
    """Answers as a person types them: ids of participants and of no one (with white space
    around some), phases and questions known and odd (a personal identity number, a text
    too long), scores as text."""
    values = {
        "participant_id": st.sampled_from(["A1", "A2", "Z9", " A1", "", "198507099805"]),
        "date": st.sampled_from(["2024-03-02", "2023-01-01", "2024-13-01", ""]),
        "phase": st.sampled_from(["entry", "exit", " exit ", "", "850709-9805", "b" * 300]),
        "question": st.sampled_from(["satisfied", "wellbeing", "", "q"]),
        "score": st.sampled_from(["4", "4,5", "x", ""]),
    }
    rows = [{name: draw(st.none() | value) for name, value in values.items()}
            for _ in range(draw(st.integers(0, 10)))]
    return pl.DataFrame(rows, schema=dict.fromkeys(values, pl.String))


def _validated(frame: pl.DataFrame, mapping: ColumnMapping,
               responses: pl.DataFrame | None = None) -> tuple[list[object], object]:
    """Every problem validation finds in a participants frame and, if given, answers (all
    its fields), and the rows kept as Python values."""
    tables = {"participants": frame_table(frame, "p.parquet")}
    if responses is not None:
        tables["responses"] = frame_table(responses, "r.parquet")
    found = _check(RawData(tables, "data"), mapping)
    return list(found.problems), {n: f.to_dicts() for n, f in found.frames().items()}


@given(frame=participants(), held=st.sets(st.sampled_from(
    ["participant_id", "sex", "exit_reason", "municipality"])), codes=st.booleans(),
    responses=st.none() | answers(), answers_held=st.sets(st.sampled_from(
    ["participant_id", "phase", "question", "score"])))
def test_text_held_as_categoricals_validates_as_text(
    frame: pl.DataFrame, held: set[str], codes: bool, responses: pl.DataFrame | None,
    answers_held: set[str],
) -> None:
    """Any of the text columns held as categoricals, with and without a mapping's codes:
    every problem (white space stripped, codes mapped and refused, personal identity
    numbers and too long texts refused, ids that look like codes; answers naming no
    participant, scores that are no number), and every row kept, as with the columns held
    as strings."""
    mapping = _CODES if codes else ColumnMapping()
    categorical = frame.with_columns(pl.col(c).cast(pl.Categorical) for c in held)
    answered = None if responses is None else responses.with_columns(
        pl.col(c).cast(pl.Categorical) for c in answers_held)
    assert _validated(categorical, mapping, answered) == _validated(frame, mapping, responses)


def test_parquet_columns_of_few_values_are_held_as_categoricals(tmp_path: Path) -> None:
    """Read from Parquet, the columns of few values stay categoricals through validation
    into the data set (the ids stay text), and the report is the one the same data give
    from CSV files, byte for byte."""
    parquet = write_parquet(tmp_path / "parquet", 3000)
    csv = tmp_path / "csv"
    csv.mkdir()
    for name in ("participants", "events", "responses"):
        pl.read_parquet(parquet / f"{name}.parquet").write_csv(csv / f"{name}.csv")
    project = suite()
    data = goalkit.read_data(parquet, project=project)
    frames = data.with_frames()
    held = {name: frame.to_native().collect_schema()
            for name, frame in (("participants", frames.participants),
                                ("events", frames.events), ("responses", frames.responses))}
    assert held["participants"]["sex"] == pl.Categorical
    assert held["events"]["kind"] == pl.Categorical
    assert held["responses"]["phase"] == pl.Categorical
    assert held["responses"]["question"] == pl.Categorical
    assert all(h["participant_id"] == pl.String for h in held.values())
    from_csv = goalkit.read_data(csv, project=project)
    assert [i.message for i in data.issues] == [i.message for i in from_csv.issues]
    assert _same_rows(goalkit.report_to_json(goalkit.evaluate(project, data, as_of=AS_OF))) \
        == _same_rows(goalkit.report_to_json(goalkit.evaluate(project, from_csv, as_of=AS_OF)))


def _same_rows(report: str) -> str:
    """A report with the files its issues name written alike: a CSV file's rows count
    its header, a Parquet file's do not."""
    rows = re.sub(r"(\w+)\.(?:csv|parquet), row (\d+)",
                  lambda m: f"{m[1]}, row {int(m[2]) - (m[0].count('.csv'))}", report)
    return re.sub(r"(\w+)\.(?:csv|parquet)\"", r'\1"', rows)


def test_a_breakdown_by_the_exit_reason_read_as_a_categorical(tmp_path: Path) -> None:
    """The end-of-project rule has everyone not yet exited leave with reason
    ``project_end``; a breakdown by the exit reason still reads it as the data hold it
    (``unknown`` for those with none), also when it is read from Parquet as a
    categorical: the columnar executor's report is plain Python's, byte for byte."""
    start = dt.date(2014, 1, 1)
    reasons = ["work", "studies", None, "moved"]
    people = pl.DataFrame({
        "participant_id": [f"p{i}" for i in range(64)],
        "enrolled": [start + dt.timedelta(days=i) for i in range(64)],
        "exited": [None if i % 4 == 2 else start + dt.timedelta(days=100 + i)
                   for i in range(64)],
        "exit_reason": [reasons[i % 4] for i in range(64)],
    })
    people.write_parquet(tmp_path / "participants.parquet")
    project = goalkit.Project(
        id="p", name=Text(en="P"), period=Period(start, dt.date(2015, 6, 30)),
        breakdowns=("exit_reason",), not_exited="exits_at_end",
        goals=(Goal(id="enrolled", level=Level.LONG_TERM, indicator=Count(anchor="enrolled")),))
    data = goalkit.read_data(tmp_path)
    assert data.with_frames().participants.to_native().collect_schema()["exit_reason"] == \
        pl.Categorical
    as_of = dt.date(2016, 1, 1)
    python = goalkit.report_to_json(goalkit.evaluate(project, data, as_of, engine="python"))
    assert '"project_end"' not in python
    assert goalkit.report_to_json(goalkit.evaluate(project, data, as_of,
                                                   engine="columnar")) == python
