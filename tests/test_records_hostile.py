"""A host's records hold what its own program holds: pandas' empty cells, numpy scalars,
``Decimal``, a ``str`` subclass, a date in another format, a text no encoding can write.
``Dataset.from_records`` reads each value as a file's cell would hold it (``cell`` in
``goalkit.data._rows``) and the rows as a file's are read, so that records give the same
data and the same issues as the same values in a file; with ``strict=False`` nothing is
raised, the rows at fault are left out and listed."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import decimal
import json
import re
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goalkit
from goalkit import DataError, Dataset
from goalkit.data import load_frames, read_data
from goalkit.engine import coverage_issues

if TYPE_CHECKING:
    from pathlib import Path

    from goalkit.model._result import DataIssue

D = dt.date(2014, 9, 1)
QUICKSTART = "examples/quickstart/data/"
PROJECT = goalkit.load_goals("examples/quickstart/goals.toml")
PNR = "19850101-1236"
"""A valid personal identity number (date and check digit)."""


class Text(str):
    """A host's own kind of text, whose methods say something else."""

    __slots__ = ()

    def __str__(self) -> str:
        return "plain"

    def strip(self, chars: str | None = None) -> str:
        return "plain"


def _shape(issues: tuple[DataIssue, ...]) -> list[tuple[str, str, str, str]]:
    """An issue as every source gives it: the table (not the file), severity, code,
    column and how many rows it stands for (rows are numbered per source)."""
    out = []
    for i in issues:
        column = re.search(r"column '([^']*)'", i.where)
        table = i.where.split(",", maxsplit=1)[0].split(".", maxsplit=1)[0]
        out.append((table, i.severity, i.code, column.group(1) if column else "", i.count))
    return sorted(out)  # type: ignore[arg-type]


def _people(data: Dataset) -> list[dict[str, Any]]:
    """Participants' values; an absent key and an empty cell are both missing."""
    return [{k: v for k, v in p.items() if v is not None}
            for p in data.with_records().participants]


def _csv(folder: Path, people: list[dict[str, str]]) -> Dataset:
    header = list(dict.fromkeys(k for r in people for k in r))
    with (folder / "participants.csv").open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(header)
        out.writerows([[r.get(k, "") for k in header] for r in people])
    return read_data(folder)


# -- 1. what a file accepts, records accept -------------------------------------------------


def test_pandas_records_read_like_the_files_they_came_from() -> None:
    """pandas' records of the quickstart CSV files (a NaN for every empty cell; with
    ``parse_dates``, Timestamps and NaT) give the same data and issues as the files and as
    the same frames, and nothing is raised."""
    names = ("participants", "events", "responses")
    frames = [pd.read_csv(QUICKSTART + f + ".csv") for f in names]
    dated = pd.read_csv(QUICKSTART + "participants.csv", parse_dates=["enrolled", "exited"])
    from_files = read_data(QUICKSTART)
    from_frames = load_frames(*frames)
    for people in (frames[0], dated):
        data = Dataset.from_records(people.to_dict("records"), frames[1].to_dict("records"),
                                    frames[2].to_dict("records"), strict=False)
        assert _shape(data.issues) == _shape(from_files.issues) == _shape(from_frames.issues)
        assert _people(data) == _people(from_files) == _people(from_frames)
        assert data.with_records().events == from_files.with_records().events
        assert data.with_records().responses == from_files.with_records().responses


CELLS: list[tuple[str, Any, str]] = [
    ("enrolled", "20140901", "20140901"),
    ("enrolled", "01.09.2014", "01.09.2014"),
    ("enrolled", "2014/09/01", "2014/09/01"),
    ("enrolled", 20140901, "20140901"),
    ("enrolled", np.datetime64("2014-09-01"), "2014-09-01"),
    ("enrolled", pd.Timestamp("2014-09-01 10:30"), "2014-09-01"),
    ("enrolled", "2014-09-01 ", "2014-09-01"),
    ("enrolled", pd.NaT, ""),
    ("exited", "  ", ""),
    ("exited", float("nan"), ""),
    ("exited", pd.NaT, ""),
    ("exited", "2014-13-45", "2014-13-45"),
    ("participant_id", 7.0, "7"),
    ("participant_id", np.int64(7), "7"),
    ("participant_id", decimal.Decimal(7), "7"),
    ("participant_id", True, "true"),
    ("participant_id", Text("A9"), "A9"),
    ("sex", False, "false"),
    ("sex", np.str_("F"), "F"),
    ("birth_year", np.float64(1990.0), "1990"),
    ("birth_year", decimal.Decimal("1990"), "1990"),
    ("birth_year", "1 990", "1 990"),
    ("birth_year", "1_990", "1_990"),
    ("birth_year", "19 90", "19 90"),
    ("birth_year", "1990,0", "1990,0"),
    ("birth_year", "١٩٩٠", "١٩٩٠"),
    ("birth_year", float("nan"), ""),
    ("birth_year", np.float64("nan"), ""),
    ("birth_year", decimal.Decimal("sNaN"), "sNaN"),
    ("birth_year", pd.NA, ""),
    ("birth_year", 10**5000, "1" + "0" * 5000),
    ("birth_year", -(10**400), "-1" + "0" * 400),
    ("note", decimal.Decimal("1.5"), "1.5"),
    ("note", np.int64(3), "3"),
    ("note", dt.time(5), "05:00:00"),
    ("note", float("nan"), ""),
    ("note", np.str_(PNR), PNR),
    ("note", Text(PNR), PNR),
    ("note", ["x"], ""),
]
"""A value in a record and the same value as a file's cell holds it."""


@pytest.mark.parametrize(("column", "value", "text"), CELLS,
                         ids=[f"{c}-{type(v).__name__}-{i}" for i, (c, v, _) in enumerate(CELLS)])
def test_a_value_reads_as_the_same_value_in_a_file(column: str, value: Any, text: str,
                                                   tmp_path: Path) -> None:
    """Each value gives the issues and the data that its text gives in a CSV file, and with
    ``strict=False`` nothing is raised (a list, which no CSV cell holds, is refused like a
    JSON list)."""
    records = [{"participant_id": "A1", "enrolled": D, "sex": "F", column: value},
               {"participant_id": "A2", "enrolled": D, "sex": "M", "note": "x"}]
    data = Dataset.from_records(records, strict=False)
    if isinstance(value, list):
        assert (data.issues[0].code, data.issues[0].where) == (
            "wrong_type", "participants, row 1, column 'note'")
        assert [p["participant_id"] for p in _people(data)] == ["A2"]
        return
    written = [{"participant_id": "A1", "enrolled": D.isoformat(), "sex": "F", column: text},
               {"participant_id": "A2", "enrolled": D.isoformat(), "sex": "M", "note": "x"}]
    from_file = _csv(tmp_path, written)
    assert _shape(data.issues) == _shape(from_file.issues)
    assert _people(data) == _people(from_file)
    errors = [i for i in from_file.issues if i.severity == "error"]
    if errors:
        with pytest.raises(DataError):
            Dataset.from_records(records)
    else:
        assert _people(Dataset.from_records(records)) == _people(from_file)


# -- 2. no exception but goalkit's -----------------------------------------------------------


@pytest.mark.parametrize("value", [decimal.Decimal("sNaN"), 10**5000, -(10**5000),
                                   decimal.Decimal("Infinity"), float("inf")],
                         ids=["snan", "huge", "-huge", "Infinity", "inf"])
@pytest.mark.parametrize("column", ["birth_year", "score"])
def test_a_number_no_file_reads_is_an_issue_never_an_exception(value: Any,
                                                               column: str) -> None:
    """A signalling NaN, an int of more digits than Python writes or an infinity where
    goalkit reads a number: ``bad_number`` or ``out_of_range`` for its row, listed
    (and in strict mode a DataError naming the row and column)."""
    people = [{"participant_id": "A1", "enrolled": D}, {"participant_id": "A2", "enrolled": D}]
    answers = [{"participant_id": "A2", "date": D, "phase": "exit", "question": "q",
                "score": 3}]
    if column == "birth_year":
        people[0]["birth_year"] = value
        table = "participants"
    else:
        answers[0]["score"] = value
        table = "responses"
    data = Dataset.from_records(people, [], answers, strict=False)
    found = [(i.code, i.where) for i in data.issues if i.code != "rows_excluded"]
    assert len(found) == 1
    assert found[0][0] in {"bad_number", "out_of_range"}
    assert found[0][1] == f"{table}, row 1, column '{column}'"
    with pytest.raises(DataError) as caught:
        Dataset.from_records(people, [], answers)
    assert (caught.value.source, caught.value.row, caught.value.column) == (table, 1, column)


@pytest.mark.parametrize("nan", [float("nan"), np.float64("nan")], ids=["float", "numpy"])
def test_a_nan_is_an_empty_cell_as_in_a_pandas_frame(nan: Any) -> None:
    """A pandas column of whole numbers with one missing is a column of floats with a NaN:
    the birth year is missing, the participant kept (as :func:`goalkit.data.load_frames` keeps
    them); a missing score is required, as an empty cell of a file's (``missing_value``)."""
    people = [{"participant_id": "A1", "enrolled": D, "birth_year": nan},
              {"participant_id": "A2", "enrolled": D, "birth_year": 1990.0}]
    answers = [{"participant_id": "A2", "date": D, "phase": "exit", "question": "q",
                "score": nan}]
    data = Dataset.from_records(people, [], answers, strict=False)
    assert [(p["participant_id"], p.get("birth_year")) for p in _people(data)] == [
        ("A1", None), ("A2", 1990)]
    found = [(i.code, i.where) for i in data.issues if i.code != "rows_excluded"]
    assert found == [("missing_value", "responses, row 1, column 'score'")]
    frames = load_frames(pd.DataFrame(people), None, pd.DataFrame(answers))
    assert _people(frames) == _people(data)


class Unequal:
    """A host's object that no comparison or conversion takes."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError

    def __ne__(self, other: object) -> bool:
        raise RuntimeError

    __hash__ = object.__hash__


class NoItems(dict):  # type: ignore[type-arg]
    """A mapping whose items cannot be read."""

    def items(self) -> Any:
        raise RuntimeError


@pytest.mark.parametrize("value", [Unequal(), np.array([1, 2]), pd.Series([1, 2]), {"a": 1},
                                   b"bytes", object()],
                         ids=["unequal", "array", "series", "dict", "bytes", "object"])
@pytest.mark.parametrize("column", ["participant_id", "enrolled", "birth_year", "sex", "note"])
def test_a_value_no_file_holds_is_refused_where_it_is(value: Any, column: str) -> None:
    """Whatever the object, its cell is refused (``wrong_type``) naming its table, row and
    column, and its row left out: never an exception of its own."""
    people = [{"participant_id": "A1", "enrolled": D, column: value},
              {"participant_id": "A2", "enrolled": D}]
    data = Dataset.from_records(people, strict=False)
    assert ("wrong_type", f"participants, row 1, column '{column}'") in {
        (i.code, i.where) for i in data.issues}
    assert [p["participant_id"] for p in _people(data)] == ["A2"]


def test_a_record_whose_items_cannot_be_read_is_refused() -> None:
    data = Dataset.from_records([NoItems(participant_id="A1", enrolled=D),
                                 {"participant_id": "A2", "enrolled": D}], strict=False)
    assert (data.issues[0].code, data.issues[0].where) == ("wrong_type", "participants, row 1")
    assert [p["participant_id"] for p in _people(data)] == ["A2"]


# -- 3. a personal identity number in a str subclass ------------------------------------------


@pytest.mark.parametrize("kind", [np.str_, Text])
@pytest.mark.parametrize(("table", "column"), [("participants", "sex"),
                                               ("participants", "note"),
                                               ("events", "kind"),
                                               ("responses", "phase"),
                                               ("responses", "question")])
def test_a_personal_number_in_a_str_subclass_is_left_out_as_in_a_str(
        kind: type, table: str, column: str) -> None:
    """A ``str`` subclass is its text: a personal identity number in it leaves its row out
    (``personal_id``), exactly as in a plain ``str``, and reaches no message."""
    people = [{"participant_id": f"A{i}", "enrolled": D, "sex": "M"} for i in range(8)]
    events = [{"participant_id": "A1", "date": dt.date(2014, 10, 1), "kind": "offer"}]
    answers = [{"participant_id": "A1", "date": dt.date(2014, 10, 1), "phase": "exit",
                "question": "satisfied", "score": 4}]
    rows = {"participants": people, "events": events, "responses": answers}[table]
    row = 2 if table == "participants" else 1
    found = []
    for value in (PNR, kind(PNR)):
        rows[row - 1][column] = value
        data = Dataset.from_records(people, events, answers, strict=False)
        found.append([(i.code, i.where) for i in data.issues])
        assert ("personal_id", f"{table}, row {row}, column '{column}'") in found[-1]
        texts = [i.message for i in (*data.issues, *coverage_issues(PROJECT, data))]
        assert not any("850101" in t for t in texts)
        with pytest.raises(DataError, match="personal_id"):
            Dataset.from_records(people, events, answers)
    assert found[0] == found[1]


def test_a_str_subclass_is_read_as_its_text_whatever_its_methods_say() -> None:
    data = Dataset.from_records([{"participant_id": Text(" A1 "), "enrolled": D,
                                  "sex": np.str_("F"), "note": Text("x")}])
    assert _people(data) == [{"participant_id": "A1", "enrolled": D, "sex": "F",
                              "note": "x"}]
    assert all(type(v) is not Text and type(v) is not np.str_
               for p in data.with_records().participants for v in p.values())


# -- 4. a lone surrogate --------------------------------------------------------------------


@pytest.mark.parametrize("plain", [True, False], ids=["lean", "validated"])
@pytest.mark.parametrize(("column", "value"), [("note", "x\ud800"), ("sex", "F\ud800"),
                                               ("sex", np.str_("F\udfff")),
                                               ("participant_id", "A\ud800")])
def test_a_text_no_encoding_writes_is_refused_on_both_paths(plain: bool, column: str,
                                                             value: Any) -> None:
    """A text holding a lone surrogate is refused (``wrong_type``) naming its table, row
    and column, its row left out (in strict mode a DataError), whether the other records
    are read in one pass or validated; and the report is written."""
    people = [{"participant_id": "A1", "enrolled": D, "sex": "F", column: value},
              {"participant_id": "A2", "enrolled": D if plain else "2014-09-01 "}]
    data = Dataset.from_records(people, strict=False)
    assert ("wrong_type", f"participants, row 1, column '{column}'") in {
        (i.code, i.where) for i in data.issues}
    assert [p["participant_id"] for p in _people(data)] == ["A2"]
    json.loads(goalkit.report_to_json(goalkit.evaluate(PROJECT, data, dt.date(2015, 6, 1))))
    with pytest.raises(DataError) as caught:
        Dataset.from_records(people)
    assert (caught.value.row, caught.value.column) == (1, column)


def test_a_column_name_no_encoding_writes_is_renamed_as_in_a_file() -> None:
    data = Dataset.from_records([{"participant_id": "A1", "enrolled": D, "x\ud800": "a"}])
    [person] = data.with_records().participants
    assert all(k.encode() for k in person)
    json.loads(goalkit.report_to_json(goalkit.evaluate(PROJECT, data, dt.date(2015, 6, 1))))


# -- 6. one text of a number and of a true/false -------------------------------------------


def _labels(people: Dataset | list[Any]) -> dict[str, Any]:
    data = people if isinstance(people, Dataset) else Dataset.from_records(people)
    report = goalkit.evaluate(PROJECT, data, dt.date(2015, 6, 1), goals=["enrolled"],
                              breakdowns=["group"])
    return {k: c.value for k, c in report["enrolled"].breakdowns["group"].items()}


def _from_json(tmp_path: Path, people: list[dict[str, Any]]) -> Dataset:
    (tmp_path / "participants.json").write_text(
        json.dumps([{**p, "enrolled": p["enrolled"].isoformat()} for p in people]))
    return read_data(tmp_path)


@pytest.mark.parametrize("values", [
    [True, False, True], [1.0, 1, "1", "a"], [1.0, 2, 2], [1.5, 2, 2], [True, 1, 1.5],
    ["a", 2.0, True], [1, 2, 3],
], ids=str)
def test_a_breakdown_has_the_same_labels_from_records_and_from_json(
        values: list[Any], tmp_path: Path) -> None:
    """The same values of an extra column give the same categories from records as from
    a JSON file: a true/false as ``true``/``false``, a whole number as ``1`` in a column of
    text or of whole numbers, and the column typed as a file's is."""
    people = [{"participant_id": f"A{i}", "enrolled": D, "sex": "F", "group": v}
              for i, v in enumerate(values)]
    expected = _labels(_from_json(tmp_path, people))
    assert _labels(people) == expected
    as_records = [goalkit.Participant(p["participant_id"], p["enrolled"], sex="F",
                                      extra={"group": p["group"]}) for p in people]
    assert _labels(as_records) == expected


# -- properties ----------------------------------------------------------------------------


_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**12), 10**12), st.floats(allow_nan=True),
    st.text(max_size=12), st.dates(dt.date(1850, 1, 1), dt.date(2150, 1, 1)),
    st.decimals(allow_nan=True), st.sampled_from(["20140901", "1.9.2014", " 2014-09-01",
                                                  "NaN", "inf", "1,5", PNR, "x\ud800"]),
    st.builds(np.int64, st.integers(-(2**40), 2**40)), st.builds(np.str_, st.text(max_size=5)),
)


@settings(max_examples=60, deadline=None)
@given(column=st.sampled_from(["participant_id", "enrolled", "sex", "birth_year", "exited",
                               "exit_reason", "group"]),
       values=st.lists(_VALUES, min_size=1, max_size=3))
def test_records_never_raise_anything_but_a_data_error(column: str,
                                                       values: list[Any]) -> None:
    """Whatever the values, ``strict=False`` raises nothing (unless nothing at all can be
    read) and every row is kept or counted; strict mode raises a DataError or nothing."""
    people = [{"participant_id": f"A{i}", "enrolled": D, column: v}
              for i, v in enumerate(values)]
    data = Dataset.from_records(people, strict=False)
    kept = len(data.with_records().participants)
    left_out = sum(i.count for i in data.issues if i.code == "rows_excluded")
    assert kept + left_out == len(people)
    with contextlib.suppress(DataError):
        Dataset.from_records(people)


@pytest.mark.parametrize("value", [float("inf"), np.float64("-inf"), decimal.Decimal("Infinity")],
                         ids=["inf", "np-inf", "Infinity"])
def test_an_infinite_number_in_an_extra_column_is_listed_not_raised(value: Any) -> None:
    """An extra column keeps no infinite number (``bad_number``): with ``strict=False`` its
    row is left out and listed, in strict mode a DataError names the row and column."""
    people = [{"participant_id": "A1", "enrolled": D, "group": value},
              {"participant_id": "A2", "enrolled": D, "group": 2}]
    data = Dataset.from_records(people, strict=False)
    assert (data.issues[0].code, data.issues[0].where) == (
        "bad_number", "participants, row 1, column 'group'")
    assert _people(data) == [{"participant_id": "A2", "enrolled": D, "group": 2}]
    with pytest.raises(DataError) as caught:
        Dataset.from_records(people)
    assert (caught.value.row, caught.value.column) == (1, "group")


@pytest.mark.parametrize("codes", [["0180", "0181"], ["1", "2"], ["1,5", "x"], ["a", "b"]],
                         ids=str)
def test_a_column_of_texts_is_read_the_same_whichever_way_the_records_go(
        codes: list[str]) -> None:
    """An extra column the records hold as texts keeps those texts whether the records
    are read in one pass or, for a value elsewhere that only validation reads (a date
    written ``20140901``), by validation: the same records, the same values."""
    lean = [{"participant_id": f"A{i}", "enrolled": D, "kommun": c}
            for i, c in enumerate(codes)]
    validated = [{**lean[0], "enrolled": "20140901"}, *lean[1:]]
    assert _people(Dataset.from_records(lean)) == _people(Dataset.from_records(validated))
    assert [p["kommun"] for p in _people(Dataset.from_records(validated))] == codes
