"""Hostile input, end to end through the command line: every bad data, goal and mapping
file gets exit code 2 (bad input) and a message saying what is wrong, never 3 (internal
error); no participant row is lost without being counted."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest
from hostile.cases import (
    DATA_CASES,
    GOAL_CASES,
    GOAL_DATA,
    GOOD_CSV,
    MAPPING_CASES,
    Case,
    goal,
)

from goalkit import DataValidationError
from goalkit.cli import main
from goalkit.data import read_data

if TYPE_CHECKING:
    from pathlib import Path

GOALS_OK = goal()
"""A goal file with nothing wrong in it."""

SECONDS_PER_CASE = 10.0


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    start = time.perf_counter()
    code = main(args)
    took = time.perf_counter() - start
    out = capsys.readouterr()
    assert took < SECONDS_PER_CASE, f"took {took:.1f} s"
    return code, out.out + out.err


def _ids(cases: list[Case]) -> list[str]:
    return [c.name for c in cases]


def test_the_suite_is_as_large_as_promised() -> None:
    """Issue 11: at least 60 bad data files and 30 bad goal and mapping files."""
    assert len(DATA_CASES) >= 60
    assert len(GOAL_CASES) + len(MAPPING_CASES) >= 30
    assert len({c.name for c in (*DATA_CASES, *GOAL_CASES, *MAPPING_CASES)}) == (
        len(DATA_CASES) + len(GOAL_CASES) + len(MAPPING_CASES))


@pytest.mark.parametrize("case", DATA_CASES, ids=_ids(DATA_CASES))
def test_bad_data_gets_its_exit_code_and_message(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = case.write(tmp_path)
    code, out = _run(["validate", "--data", str(path)], capsys)
    assert "internal error" not in out
    assert (code, case.fragment in out) == (case.code, True), out[-2000:]


@pytest.mark.parametrize("case", [c for c in DATA_CASES if c.rows is not None],
                         ids=_ids([c for c in DATA_CASES if c.rows is not None]))
def test_every_participant_row_is_kept_or_counted(case: Case, tmp_path: Path) -> None:
    """Rows in = rows kept + rows counted as left out; or the whole table is refused."""
    path = case.write(tmp_path)
    try:
        data = read_data(path)
    except DataValidationError:
        return  # refused whole: nothing of it is used, and the message says why
    kept = len(data.with_records().participants)
    left_out = sum(i.count for i in data.issues
                   if i.code == "rows_excluded" and "of participants" in i.message)
    assert kept + left_out == case.rows


@pytest.mark.parametrize("case", GOAL_CASES, ids=_ids(GOAL_CASES))
def test_bad_goal_files_get_exit_2_and_a_message(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    goals = case.write(tmp_path)
    (tmp_path / "participants.csv").write_text(GOAL_DATA, encoding="utf-8")
    code, out = _run(["evaluate", str(goals), "--data", str(tmp_path / "participants.csv"),
                      "--as-of", "2015-01-01"], capsys)
    assert "internal error" not in out
    assert (code, case.fragment in out) == (case.code, True), out[-2000:]


@pytest.mark.parametrize("case", MAPPING_CASES, ids=_ids(MAPPING_CASES))
def test_bad_mapping_files_get_exit_2_and_a_message(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mapping = case.write(tmp_path)
    (tmp_path / "participants.csv").write_text(GOOD_CSV, encoding="utf-8")
    code, out = _run(["validate", "--data", str(tmp_path / "participants.csv"),
                      "--mapping", str(mapping)], capsys)
    assert "internal error" not in out
    assert (code, case.fragment in out) == (case.code, True), out[-2000:]


@pytest.mark.parametrize("column", ["participant_id", "birth_date", "enrolled", "buddy", "visit",
                                    "note", "seq", "birth_year"])
def test_breakdown_option_refuses_columns_that_are_not_categories(
    column: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--breakdown`` is checked like a goal file's breakdowns, and the error names the
    column but none of its values."""
    (tmp_path / "goals.toml").write_text(GOALS_OK, encoding="utf-8")
    (tmp_path / "participants.csv").write_text(GOAL_DATA, encoding="utf-8")
    code, out = _run(["evaluate", str(tmp_path / "goals.toml"), "--data",
                      str(tmp_path / "participants.csv"), "--as-of", "2015-01-01",
                      "--breakdown", column], capsys)
    assert code == 2
    assert f"column {column!r}: cannot break down by this column" in out
    assert "ID001" not in out
    assert "2014-04" not in out


def test_a_categorical_breakdown_still_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "goals.toml").write_text(GOALS_OK, encoding="utf-8")
    (tmp_path / "participants.csv").write_text(GOAL_DATA, encoding="utf-8")
    code, out = _run(["evaluate", str(tmp_path / "goals.toml"), "--data",
                      str(tmp_path / "participants.csv"), "--as-of", "2015-01-01",
                      "--breakdown", "group", "--format", "json"], capsys)
    assert code == 0
    assert '"g1"' in out


def test_the_stray_quote_of_the_issue_is_refused_and_validate_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 11: an unclosed quote swallowed 56 of 60 rows and validate said "no problems
    found"; now it names the line and exits 2."""
    rows = [f"P{i:03d},2014-01-{1 + i % 28:02d},{'FM'[i % 2]},{1990 + i % 10}" for i in range(60)]
    rows[4] = rows[4].replace(",F,", ',"F,')
    path = tmp_path / "participants.csv"
    path.write_text("participant_id,enrolled,sex,birth_year\n" + "\n".join(rows) + "\n",
                    encoding="utf-8")
    code, out = _run(["validate", "--data", str(path)], capsys)
    assert code == 2
    assert "an unclosed quote" in out
    assert "on line 6" in out
    assert "no problems found" not in out
