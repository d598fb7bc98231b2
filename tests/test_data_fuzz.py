"""Mutated good data never crashes a loader: goalkit's own errors, or a data set that
evaluates, listing what it left out."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

import pandas as pd
import polars as pl
from data_writers import GOOD
from hypothesis import example, given
from hypothesis import strategies as st

import goalkit
from goalkit.data import load_frames, read_data

if TYPE_CHECKING:
    from pathlib import Path

PROJECT = goalkit.load_goals(GOOD.parents[2] / "examples" / "quickstart" / "goals.toml")
TABLES = ("participants", "events", "responses", "measurements", "assessments")
SMALL = {name: (GOOD / f"{name}.csv").read_text(encoding="utf-8").splitlines()[:8]
         for name in TABLES}

weird_text = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "NaN", "inf", "-0", "1e999", "99999999999999999999", "2015-02-30",
                     "0000-00-00", "31/12/1999", "19991231", "true", "#N/A", '"', ";", ",",
                     "\t", "\r", "\x00", "811218-9876", "ÅÄÖ", "4,5", "1 000", "NULL"]),
)


@st.composite
def mutated_table(draw: st.DrawFn, name: str) -> bytes:
    lines = list(SMALL[name])
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cell", "drop_cell", "add_cell", "dup", "drop_line",
                                     "header", "truncate", "blank"]))
        i = draw(st.integers(0, len(lines) - 1)) if lines else 0
        if not lines:
            break
        cells = lines[i].split(",")
        j = draw(st.integers(0, len(cells) - 1))
        if kind == "cell":
            cells[j] = draw(weird_text)
        elif kind == "drop_cell":
            del cells[j]
        elif kind == "add_cell":
            cells.insert(j, draw(weird_text))
        elif kind == "dup":
            lines.insert(i, lines[i])
            continue
        elif kind == "drop_line":
            del lines[i]
            continue
        elif kind == "header":
            lines[0] = lines[0].replace(cells[j], draw(weird_text), 1)
            continue
        elif kind == "truncate":
            lines = lines[:i]
            continue
        else:
            lines.insert(i, "")
            continue
        lines[i] = ",".join(cells)
    text = "\n".join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):
        data = data.replace(b",", b";")
    return data


def _evaluate(data: goalkit.Dataset) -> None:
    report = goalkit.evaluate(PROJECT, data, as_of=dt.date(2015, 6, 15))
    text = goalkit.report_to_json(report)
    assert "811218-9876" not in text
    for issue in data.issues:
        assert issue.code in goalkit.data.CODES


@given(st.data())
def test_mutated_csv_folders_give_goalkit_errors_or_data(tmp_path_factory: Any,
                                                         data: st.DataObject) -> None:
    folder: Path = tmp_path_factory.mktemp("fuzz")
    for name in TABLES:
        content = data.draw(st.one_of(st.just(None), mutated_table(name)), label=name) \
            if name != "participants" else data.draw(mutated_table(name), label=name)
        if content is not None:
            (folder / f"{name}.csv").write_bytes(content)
    strict = data.draw(st.booleans(), label="strict")
    try:
        dataset = read_data(folder, project=PROJECT, strict=strict)
    except goalkit.GoalkitError as e:
        message = str(e)
    else:
        _evaluate(dataset)
        return
    assert message


json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), weird_text)
json_values = st.one_of(
    json_scalars,
    st.lists(json_scalars, max_size=3),
    st.dictionaries(st.text(max_size=5), json_scalars, max_size=3),
)


@given(st.data())
def test_mutated_json_gives_goalkit_errors_or_data(tmp_path_factory: Any,
                                                   data: st.DataObject) -> None:
    rows = [dict(zip(SMALL["participants"][0].split(","), line.split(","), strict=True))
            for line in SMALL["participants"][1:]]
    for row in rows:
        for key in list(row):
            if data.draw(st.integers(0, 6)) == 0:
                row[key] = data.draw(json_values)
    payload: Any = rows if data.draw(st.booleans()) else {"participants": rows}
    if data.draw(st.integers(0, 8)) == 0:
        payload = data.draw(json_values)
    path = tmp_path_factory.mktemp("json") / "data.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    try:
        dataset = read_data(path)
    except goalkit.GoalkitError:
        return
    _evaluate(dataset)


@given(st.lists(st.one_of(st.none(), st.integers(-10**6, 10**6), st.floats(), weird_text,
                          st.dates()), min_size=2, max_size=2),
       st.sampled_from(["participant_id", "enrolled", "exited", "birth_year", "sex"]))
# a date and a number: pandas hands polars a column of dates holding 1e8 days, after the
# year 9999, which polars panicked writing as text (found by this test in CI)
@example([dt.date(9999, 12, 31), 1e8], "participant_id")
@example([dt.date(1, 1, 1), 1e8], "sex")
def test_frames_with_any_values_give_goalkit_errors_or_data(
    values: list[Any], column: str
) -> None:
    frame = pl.read_csv(GOOD / "participants.csv", infer_schema=False).head(2).to_pandas()
    frame[column] = pd.Series(values, dtype=object)
    try:
        dataset = load_frames(frame)
    except goalkit.GoalkitError:
        return
    _evaluate(dataset)


def test_a_date_no_text_can_hold_is_refused_where_it_is() -> None:
    """A typed source's date after the year 9999 (days past 1970 that polars holds and
    neither Python nor polars' text can) is an error of its cell, in a text column and a
    date column alike: its row left out and counted, nothing else lost, no panic."""
    base = pl.read_csv(GOOD / "participants.csv", infer_schema=False).head(3).to_pandas()
    for column in ("participant_id", "sex", "enrolled"):
        frame = base.copy()
        frame[column] = pd.Series([dt.date(2014, 5, 1), 1e8, None], dtype=object)
        assert pl.from_pandas(frame).schema[column] == pl.Date  # as pandas hands it over
        dataset = load_frames(frame)
        refused = [i for i in dataset.issues if i.code == "out_of_range"]
        assert [(i.severity, i.where) for i in refused] == [
            ("error", f"participants frame, row 2, column {column!r}")]
        assert refused[0].message == "a date outside the years 1–9999, which cannot be read"
        assert refused[0].message_sv == "ett datum utanför åren 1–9999, som inte kan läsas"
        summary = next(i for i in dataset.issues if i.code == "rows_excluded")
        assert "1 out_of_range" in summary.message
