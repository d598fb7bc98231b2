"""A host's program calls goalkit with what it has: no data, a path, a single record, a
string of a date. Every bad argument is refused with a goalkit error that names the
argument and what is accepted (``docs/api.md``, Errors): an ``EvaluationError`` for an
argument of ``evaluate`` and ``evaluate_over_time``, a ``DataError`` for one of
``Dataset.from_records``. No verdict is given that the data cannot support: no data is not
data saying that nobody has enrolled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import polars as pl
import pytest

import goalkit
from goalkit import DataError, Dataset, EvaluationError, Status
from goalkit.engine import coverage_issues

if TYPE_CHECKING:
    from collections.abc import Callable

PROJECT = goalkit.load_goals("examples/quickstart/goals.toml")
DATA = goalkit.read_data("examples/quickstart/data", project=PROJECT)
AS_OF = dt.date(2015, 6, 15)
LATE = dt.date(2017, 1, 1)
FIGURES_AND_ASSESSMENTS = ("model",)
"""The quickstart goals that count no participant (an assessment)."""


# -- no data is not empty data -------------------------------------------------------


def test_evaluate_without_data_refuses_goals_that_count_participants() -> None:
    """``evaluate(project, None, date)`` read as if nobody had enrolled, and said "not met"
    for good; it is refused, as the command line refuses it, naming the goals."""
    with pytest.raises(EvaluationError) as e:
        goalkit.evaluate(PROJECT, None, LATE)
    message = str(e.value)
    assert "data is required" in message
    assert "'enrolled'" in message
    assert "count participants" in message
    assert "Dataset.from_records([])" in message  # how to say "nobody" on purpose
    with pytest.raises(EvaluationError, match="1 goal"):
        goalkit.evaluate(PROJECT, None, LATE, goals=["enrolled", "model"])


def test_evaluate_over_time_without_data_refuses_too() -> None:
    """The series refuses before it evaluates any date, also one it would not need."""
    with pytest.raises(EvaluationError, match="data is required"):
        goalkit.evaluate_over_time(PROJECT, None, [AS_OF, LATE])
    with pytest.raises(EvaluationError, match="data is required"):
        goalkit.evaluate_over_time(PROJECT, None, [])


def test_assessments_and_reported_figures_need_no_data() -> None:
    """A goal that counts nobody is evaluated without data, alone or in a series."""
    report = goalkit.evaluate(PROJECT, None, AS_OF, goals=FIGURES_AND_ASSESSMENTS)
    assert [r.goal_id for r in report] == ["model"]
    assert report["model"].status is Status.NEEDS_ASSESSMENT
    series = goalkit.evaluate_over_time(PROJECT, None, [AS_OF, LATE],
                                        goals=FIGURES_AND_ASSESSMENTS)
    assert [r.as_of for r in series] == [AS_OF, LATE]


def test_an_empty_data_set_built_on_purpose_is_data_and_is_warned_of() -> None:
    """Records of nobody say that nobody has enrolled: evaluated as such, and the coverage
    check (what the command line prints) warns that there is nobody to count."""
    empty = Dataset.from_records([])
    report = goalkit.evaluate(PROJECT, empty, LATE)
    assert (report["enrolled"].status, report["enrolled"].value) == (Status.NOT_MET, 0)
    assert "empty_data" in [i.code for i in coverage_issues(PROJECT, empty)]


# -- a report holds its goal ids ---------------------------------------------------------


def test_a_goal_id_is_in_a_report_when_the_report_can_be_indexed_by_it() -> None:
    """``"enrolled" in report`` agrees with ``report["enrolled"]``; iteration still yields
    the results, and a result is still in its report."""
    report = goalkit.evaluate(PROJECT, DATA, AS_OF, goals=["enrolled", "satisfied"])
    for goal_id in ("enrolled", "satisfied"):
        assert goal_id in report
        assert report[goal_id].goal_id == goal_id
    for absent in ("model", "", None, 3):
        assert absent not in report
    with pytest.raises(goalkit.UnknownNameError):
        report["model"]
    assert [r.goal_id for r in report] == ["enrolled", "satisfied"]
    assert all(r in report for r in report.results)
    other = goalkit.evaluate(PROJECT, DATA, LATE, goals=["enrolled"])
    assert other["enrolled"] not in report  # another date's result is another result


# -- bad arguments: a goalkit error that names the argument ---------------------------


def _refused(error: type[Exception], call: Callable[[], Any], *words: str) -> str:
    with pytest.raises(error) as e:
        call()
    message = str(e.value)
    for word in words:
        assert word in message, message
    return message


@pytest.mark.parametrize(("project", "hint"), [
    ("examples/quickstart/goals.toml", "goalkit.load_goals"),
    (Path("examples/quickstart/goals.toml"), "goalkit.load_goals"),
    (None, "got None"),
    ({"id": "quickstart"}, "got a dict"),
])
def test_evaluate_refuses_what_is_not_a_project(project: Any, hint: str) -> None:
    """A goal file's path is not read by ``evaluate``: the message says how to read it."""
    _refused(EvaluationError, lambda: goalkit.evaluate(project, DATA, AS_OF),
             "project must be a goalkit.Project", hint)
    _refused(EvaluationError, lambda: goalkit.evaluate_over_time(project, DATA, [AS_OF]),
             "project must be a goalkit.Project", hint)


@pytest.mark.parametrize(("data", "hint"), [
    ([], "Dataset.from_records"),
    ("examples/quickstart/data", "goalkit.read_data"),
    (Path("examples/quickstart/data"), "goalkit.read_data"),
    ({"participants": []}, "got a dict"),
])
def test_evaluate_refuses_what_is_not_a_data_set(data: Any, hint: str) -> None:
    _refused(EvaluationError, lambda: goalkit.evaluate(PROJECT, data, AS_OF),
             "data must be a goalkit.Dataset", hint)
    _refused(EvaluationError, lambda: goalkit.evaluate_over_time(PROJECT, data, [AS_OF]),
             "data must be a goalkit.Dataset", hint)


def test_evaluate_refuses_a_data_frame_and_names_from_frames() -> None:
    frame = pl.DataFrame({"participant_id": ["a"], "enrolled": [AS_OF]})
    _refused(EvaluationError, lambda: goalkit.evaluate(PROJECT, frame, AS_OF),
             "data must be a goalkit.Dataset", "Dataset.from_frames")


@pytest.mark.parametrize(("goals", "words"), [
    ("enrolled", ("goals must be", "got a str", "['enrolled']")),
    (5, ("goals must be", "got an int")),
    ([5], ("goals[0] must be a goal id", "got 5")),
    (["enrolled", ["model"]], ("goals[1] must be a goal id",)),
])
def test_evaluate_refuses_goals_that_are_not_goal_ids(goals: Any, words: tuple[str, ...]
                                                      ) -> None:
    """A single id was read letter by letter ("unknown goal 'e'")."""
    _refused(EvaluationError, lambda: goalkit.evaluate(PROJECT, DATA, AS_OF, goals=goals),
             *words)


@pytest.mark.parametrize(("breakdowns", "words"), [
    ("sex", ("breakdowns must be", "got a str", "['sex']")),
    (None, ("breakdowns must be", "got None")),
    ([5], ("breakdowns[0] must be a column name", "got 5")),
])
def test_evaluate_refuses_breakdowns_that_are_not_column_names(
    breakdowns: Any, words: tuple[str, ...]
) -> None:
    """A single column was read letter by letter (columns 's', 'e', 'x')."""
    _refused(EvaluationError,
             lambda: goalkit.evaluate(PROJECT, DATA, AS_OF, breakdowns=breakdowns), *words)


def test_goals_and_breakdowns_given_once_are_read_once() -> None:
    """A generator of goal ids (or columns) is read once: the second read of an exhausted
    one evaluated no goal at all, without a word."""
    report = goalkit.evaluate(PROJECT, DATA, AS_OF, goals=iter(["enrolled", "satisfied"]),
                              breakdowns=iter(["exit_reason"]))
    assert [r.goal_id for r in report] == ["enrolled", "satisfied"]
    assert "exit_reason" in report["enrolled"].breakdowns


@pytest.mark.parametrize("flag", ["no", 0, None])
def test_evaluate_refuses_an_audit_that_is_not_a_bool(flag: Any) -> None:
    """``audit="no"`` recorded every participant's id."""
    _refused(EvaluationError, lambda: goalkit.evaluate(PROJECT, DATA, AS_OF, audit=flag),
             "audit must be True or False")


@pytest.mark.parametrize(("dates", "words"), [
    (None, ("dates must be", "got None", "project.reporting_dates")),
    ("2015-06-15", ("dates must be", "got a str", "fromisoformat")),
    (AS_OF, ("dates must be", "got a date", "[")),
    (5, ("dates must be", "got an int")),
    ([AS_OF, "2015-01-01"], ("dates[1] must be a datetime.date", "'2015-01-01'")),
    ([dt.datetime(2015, 1, 1)], ("dates[0] must be a datetime.date", "datetime.datetime")),
    ([[AS_OF]], ("dates[0] must be a datetime.date",)),
])
def test_evaluate_over_time_refuses_dates_that_are_not_dates(
    dates: Any, words: tuple[str, ...]
) -> None:
    """A date's text was walked character by character ("got '-'")."""
    _refused(EvaluationError, lambda: goalkit.evaluate_over_time(PROJECT, DATA, dates),
             *words)


def test_evaluate_over_time_takes_any_collection_of_dates() -> None:
    """A mapping of dates to labels (what the examples pass), a set, a generator: the
    dates, sorted, once each."""
    labels = {LATE: "final", AS_OF: "interim"}
    for dates in (labels, set(labels), (d for d in [LATE, AS_OF, LATE])):
        series = goalkit.evaluate_over_time(PROJECT, DATA, dates, goals=["enrolled"])
        assert [r.as_of for r in series] == [AS_OF, LATE]


def test_evaluate_over_time_refuses_an_option_evaluate_does_not_take() -> None:
    """Its options are evaluate's, named: a misspelt one is refused at the call."""
    with pytest.raises(TypeError, match="goal"):
        goalkit.evaluate_over_time(PROJECT, DATA, [AS_OF], goal=["enrolled"])  # type: ignore[call-arg]
    _refused(EvaluationError,
             lambda: goalkit.evaluate_over_time(PROJECT, DATA, [AS_OF], on_date="print"),
             "on_date must be callable")


@pytest.mark.parametrize(("call", "words"), [
    (lambda: Dataset.from_records(None), ("participants must be", "got None")),
    (lambda: Dataset.from_records(5), ("participants must be", "got an int")),
    (lambda: Dataset.from_records("a1"), ("participants must be", "got a str")),
    (lambda: Dataset.from_records({"participant_id": "a1", "enrolled": "2015-01-01"}),
     ("participants must be", "a single mapping", "[")),
    (lambda: Dataset.from_records(goalkit.Participant("a1", enrolled=AS_OF)),
     ("participants must be", "a single Participant", "[")),
    (lambda: Dataset.from_records([], None), ("events must be", "got None")),
    (lambda: Dataset.from_records([], (), 5), ("responses must be", "got an int")),
    (lambda: Dataset.from_records([], measurements=None), ("measurements must be",)),
    (lambda: Dataset.from_records([], measurements=[1]),
     ("measurements[0] must be a goalkit.Measurement", "got an int")),
    (lambda: Dataset.from_records([], assessments=["met"]),
     ("assessments[0] must be a goalkit.Assessment", "got a str")),
    (lambda: Dataset.from_records([], source=None), ("source must be a str",)),
    (lambda: Dataset.from_records([], strict="no"), ("strict must be True or False",)),
])
def test_from_records_refuses_what_is_not_records(call: Callable[[], Any],
                                                  words: tuple[str, ...]) -> None:
    """``Dataset.from_records(None)`` raised a TypeError; a single record was read as its
    keys, each refused as a row."""
    _refused(DataError, call, *words)


def test_from_records_names_from_frames_for_a_frame() -> None:
    frame = pd.DataFrame({"participant_id": ["a1"], "enrolled": [AS_OF]})
    _refused(DataError, lambda: Dataset.from_records(frame), "participants must be",
             "Dataset.from_frames")


def test_from_records_takes_any_iterable_of_records() -> None:
    """A generator, a tuple, a list: the records, read once."""
    row = {"participant_id": "a1", "enrolled": "2015-01-01"}
    for given in ((r for r in [row]), (row,), [row]):
        data = Dataset.from_records(given, iter(()), ())
        assert data.participant_count == 1
