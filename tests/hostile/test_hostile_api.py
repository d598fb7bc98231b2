"""Hostile input through the library: records, filters and breakdowns a host passes in
memory get the same clear errors as files, and no message carries a participant's value."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
from hostile.cases import goal

import goalkit
from goalkit import DataError, Dataset, DataValidationError, GoalFileError
from goalkit.data import read_data
from goalkit.goals import Filter

if TYPE_CHECKING:
    from pathlib import Path

PROJECT = goal()
"""One goal counting everyone (its indicator is replaced where a test needs another)."""


def person(pid: str, **more: Any) -> dict[str, Any]:
    return {"participant_id": pid, "enrolled": dt.date(2014, 3, 1), "sex": "F", **more}


def test_from_records_refuses_a_repeated_participant_instead_of_counting_it_twice() -> None:
    with pytest.raises(DataValidationError) as caught:
        Dataset.from_records([person("A"), person("B"), person("A")])
    rows = sorted((p.row, p.column) for p in caught.value.problems)
    assert rows == [(1, "participant_id"), (3, "participant_id")]
    assert "the same participant id is also on row(s) 3" in str(caught.value)


@pytest.mark.parametrize("year", [float("inf"), float("-inf"), 10**400, 1e308,
                                  1990.5, "MCMXC", 1850, True])
def test_from_records_names_a_bad_birth_year(year: object) -> None:
    """Not a bare OverflowError or ValueError: a DataError naming row and column. (A NaN
    is a pandas column's missing value: no birth year, ``tests/test_records_hostile.py``.)"""
    with pytest.raises(DataError) as caught:
        Dataset.from_records([person("A", birth_year=year)])
    assert (caught.value.row, caught.value.column) == (1, "birth_year")


@pytest.mark.parametrize("more", [
    {"note": "x" * 201}, {"sex": "y" * 201}, {"enrolled": dt.date(1850, 1, 1)},
    {"exited": dt.date(2014, 1, 1)}, {"birth_date": dt.date(2015, 1, 1)},
    {"extra": [1, 2]}, {"extra": float("inf")},
])
def test_from_records_checks_values_like_a_file(more: dict[str, Any]) -> None:
    with pytest.raises(DataError) as caught:
        Dataset.from_records([person("A", **more)])
    assert caught.value.row == 1
    for value in more.values():
        assert str(value) not in str(caught.value)


@pytest.mark.parametrize(("column", "value"), [
    ("age", "thirty"), ("birth_year", "1990"), ("sex", 5), ("age_band", 16),
    ("enrolled", "2014-01-01"), ("exit_reason", True),
])
def test_a_filter_of_the_wrong_kind_is_refused_when_built(column: str, value: object) -> None:
    """The issue: the Python executor said pending and the columnar one raised. Now neither
    runs: the filter cannot be built, from a goal file or in code."""
    with pytest.raises(ValueError, match=f"column '{column}' holds a"):
        Filter.from_mapping({column: value})
    text = PROJECT.replace('{ kind = "count" }',
                           f'{{ kind = "count", where = {{ {column} = {value!r} }} }}'
                           .replace("True", "true"))
    with pytest.raises(GoalFileError, match=f"column '{column}' holds a"):
        goalkit.loads_goals(text)


def test_a_filter_of_the_right_kind_is_built() -> None:
    f = Filter.from_mapping({"age": {"between": [16, 34.5]}, "sex": "F", "group": {"in": [1, 2]},
                             "enrolled": {"ge": dt.date(2014, 1, 1)}})
    assert len(f.conditions) == 4


@pytest.mark.parametrize("engine", ["python", "columnar"])
@pytest.mark.parametrize(("column", "values", "why"), [
    ("code", ["2014-05-01", "a"], "looks like a date"),
    ("code", ["P1234", "a"], "looks like an identifier"),
    ("code", ["ABCD", "B"], "looks like an identifier"),  # equals a participant id
    ("code", [f"g{i}" for i in range(31)], "more than 30 distinct values"),
    ("code", ["a" * 41, "b"], "free text"),
    ("code", [dt.date(2014, 1, 1), dt.date(2014, 1, 2)], "it holds dates"),
])
def test_breakdowns_of_records_and_frames_are_refused_alike(
    engine: str, column: str, values: list[object], why: str
) -> None:
    ids = ["ABCD", *(f"id-{i}" for i in range(1, len(values)))]
    people = [person(pid, **{column: v}) for pid, v in zip(ids, values, strict=True)]
    data = Dataset.from_records(people)
    if engine == "columnar":
        data = Dataset.from_frames(data.with_frames().participants.to_native())
    project = goalkit.loads_goals(PROJECT)
    with pytest.raises(DataError, match=why) as caught:
        goalkit.evaluate(project, data, dt.date(2015, 1, 1), breakdowns=[column],
                         engine=engine)  # type: ignore[arg-type]
    assert caught.value.column == column
    assert str(values[0]) not in str(caught.value)


def test_a_personal_identity_number_in_records_is_refused_before_any_breakdown() -> None:
    """Records are validated like a file: a value that looks like a personal identity
    number is refused by ``from_records`` (strict) or its row left out and counted, before
    it could become a category; a trusted frame still meets the breakdown's refusal."""
    people = [person("ABCD", code="811218-9876"), person("id-1", code="a")]
    with pytest.raises(DataError, match="personal_id") as caught:
        Dataset.from_records(people)
    assert (caught.value.row, caught.value.column) == (1, "code")
    assert "811218" not in str(caught.value)
    lenient = Dataset.from_records(people, strict=False)
    assert [p["participant_id"] for p in lenient.with_records().participants] == ["id-1"]
    assert {i.code for i in lenient.issues} == {"personal_id", "rows_excluded"}
    import polars as pl  # noqa: PLC0415

    frame = pl.DataFrame([{**p, "enrolled": p["enrolled"]} for p in people])
    with pytest.raises(DataError, match="personal identity number") as refused:
        goalkit.evaluate(goalkit.loads_goals(PROJECT), Dataset.from_frames(frame),
                         dt.date(2015, 1, 1), breakdowns=["code"])
    assert refused.value.column == "code"


def test_a_categorical_extra_column_can_be_a_breakdown() -> None:
    data = Dataset.from_records([person(f"id-{i}", group=f"g{i % 3}") for i in range(9)])
    report = goalkit.evaluate(goalkit.loads_goals(PROJECT), data, dt.date(2015, 1, 1),
                              breakdowns=["group"])
    assert report.results[0].value == 9


BAD_VALUES = {
    "birth_date": "2015-03-04", "exited": "2011-11-11", "birth_year": "17.5",
    "sex": "Q", "enrolled": "2014-02-31", "score": "999", "kind": "1911",
}


def test_no_data_issue_carries_a_participant_value(tmp_path: Path) -> None:
    """Issue 11 point 5: "born 2015-03-04, after enrolment 2014-11-10" reached reports."""
    (tmp_path / "participants.csv").write_text(
        "participant_id,enrolled,exited,birth_date,birth_year,sex\n"
        "A,2014-11-10,,2015-03-04,,F\n"
        "B,2014-11-10,2011-11-11,,,F\n"
        "C,2014-11-10,,,17.5,Q\n"
        "D,2014-02-31,,,,M\n"
        "E,2014-11-10,,,,M\n", encoding="utf-8")
    (tmp_path / "responses.csv").write_text(
        "participant_id,date,phase,question,score\nE,2014-06-01,exit,satisfied,4\n"
        "E,2014-12-01,exit,satisfied,999\n",
        encoding="utf-8")
    data = read_data(tmp_path, mapping={"scales": {"satisfied": [1, 5]}})
    text = "\n".join(f"{i.where} {i.message}" for i in data.issues)
    assert {i.code for i in data.issues} >= {"out_of_range", "exit_before_enrolment",
                                             "bad_number", "bad_date", "unknown_code",
                                             "score_out_of_range", "answer_before_enrolment"}
    for value in BAD_VALUES.values():
        assert value not in text
    assert "2014-11-10" not in text
    assert "2014-06-01" not in text


@pytest.mark.parametrize(("value", "data_value"), [(5, "g1"), ('"g1"', 5), ("2014-01-01", "x"),
                                                   ("true", 1)])
def test_both_executors_refuse_a_filter_of_another_kind_than_its_column_alike(
    value: object, data_value: object
) -> None:
    """The issue: on an extra column, the Python executor said pending and the columnar one
    raised a ComputeError. Now both raise the same EvaluationError, naming goal and column."""
    project = goalkit.loads_goals(PROJECT.replace(
        '{ kind = "count" }', f'{{ kind = "count", where = {{ group = {value} }} }}'))
    data = Dataset.from_records([person(f"a{i}", group=data_value) for i in range(3)])
    frames = Dataset.from_frames(data.with_frames().participants.to_native())
    messages = []
    for engine, d in (("python", data), ("columnar", frames)):
        with pytest.raises(goalkit.EvaluationError) as caught:
            goalkit.evaluate(project, d, dt.date(2015, 1, 1), engine=engine)  # type: ignore[arg-type]
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    assert "column 'group'" in messages[0]


def test_a_sex_that_is_someones_id_leaves_its_row_out_when_read(tmp_path: Path) -> None:
    """Sex is a breakdown of every result: a value equal to a participant id would be
    published as a category, so validation leaves the row out and evaluation runs."""
    (tmp_path / "participants.csv").write_text(
        "participant_id,enrolled,sex\nABCD,2014-03-01,F\nEFGH,2014-03-01,ABCD\n"
        "IJKL,2014-03-01,M\n", encoding="utf-8")
    data = read_data(tmp_path)
    assert [(i.code, i.where) for i in data.issues
            if i.code == "unknown_code" and i.severity == "error"] == [
        ("unknown_code", "participants.csv, row 3, column 'sex'")]
    report = goalkit.evaluate(goalkit.loads_goals(PROJECT), data, dt.date(2015, 1, 1))
    assert report.results[0].value == 2
