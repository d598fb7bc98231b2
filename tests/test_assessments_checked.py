"""An assessments table read with a project: an assessment that decides nothing (of a goal
the project does not have, or of a computed goal) or that contradicts another (two
verdicts of one goal on one date) is an error listed where validation and evaluation list
the data's problems; before, each was dropped without a word, or the last one won."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

import goalkit
from goalkit.cli import ExitCode, main
from goalkit.data import read_data

ROOT = Path(__file__).resolve().parents[1]

GOALS = """
id = "t"
name = "T"
period = { start = 2014-06-02, end = 2015-11-30 }

[[goals]]
id = "model"
level = "project"
indicator = { kind = "assessed", criteria = "c" }

[[goals]]
id = "count"
level = "sub_goal"
indicator = { kind = "count" }
target = { at_least = 3 }
"""

ROWS = ("goal,date,verdict\n"
        "modle,2015-01-01,met\n"
        "model,2015-02-01,met\n"
        "model,2015-02-01,not_met\n"
        "count,2015-03-01,met\n")

FOUND = [("unknown_goal", "assessment modle 2015-01-01"),
         ("unknown_goal", "assessment count 2015-03-01"),
         ("conflicting_assessments", "assessment model 2015-02-01")]


@pytest.fixture
def project_folder(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "examples/quickstart/data", tmp_path / "data")
    (tmp_path / "data" / "assessments.csv").write_text(ROWS, encoding="utf-8")
    (tmp_path / "goals.toml").write_text(GOALS, encoding="utf-8")
    return tmp_path


def _found(issues: tuple[goalkit.DataIssue, ...] | list[goalkit.DataIssue]
           ) -> list[tuple[str, str]]:
    return [(i.code, i.where) for i in issues
            if i.code in ("unknown_goal", "conflicting_assessments")]


def test_evaluate_lists_them(project_folder: Path) -> None:
    project = goalkit.load_goals(project_folder / "goals.toml")
    report = goalkit.evaluate(project, read_data(project_folder / "data"), date(2016, 1, 1))
    assert _found(report.issues) == FOUND
    by_id = {i.where: i for i in report.issues}
    assert "did you mean 'model'?" in by_id["assessment modle 2015-01-01"].message
    assert "menade du 'model'?" in by_id["assessment modle 2015-01-01"].message_sv
    # an assessment dated after the as-of date is not known yet
    early = goalkit.evaluate(project, read_data(project_folder / "data"), date(2015, 1, 15))
    assert _found(early.issues) == FOUND[:1]


def test_validate_with_the_project_exits_2(project_folder: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", str(project_folder / "goals.toml"), "--data",
                 str(project_folder / "data")])
    out = capsys.readouterr().out
    assert code == ExitCode.BAD_INPUT
    assert "[unknown_goal] assessment modle 2015-01-01" in out
    assert "[conflicting_assessments] assessment model 2015-02-01" in out


def test_strict_reading_refuses_them(project_folder: Path) -> None:
    project = goalkit.load_goals(project_folder / "goals.toml")
    with pytest.raises(goalkit.DataValidationError) as caught:
        read_data(project_folder / "data", project=project, strict=True)
    said = str(caught.value)
    assert "[unknown_goal]" in said
    assert "[conflicting_assessments]" in said


def test_assessments_of_assessed_goals_pass(project_folder: Path) -> None:
    (project_folder / "data" / "assessments.csv").write_text(
        "goal,date,verdict\nmodel,2015-02-01,met\nmodel,2015-06-01,not_met\n", encoding="utf-8")
    project = goalkit.load_goals(project_folder / "goals.toml")
    report = goalkit.evaluate(project, read_data(project_folder / "data"), date(2016, 1, 1))
    assert _found(report.issues) == []
