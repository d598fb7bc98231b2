"""No silent nothing: every question, phase, event kind, anchor, column and metric a goal
uses and the data lack is named, with a "did you mean"; ``--data`` is required where goals
count participants; empty data is a warning (issue 10, point 10)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

import goalkit
from goalkit.cli import ExitCode, main
from goalkit.engine._coverage import coverage_issues, data_names, needs_participants
from goalkit.goals import CostPerOutcome, EventWithin, Goal, Period, Reported, Text

if TYPE_CHECKING:
    import pytest

ROOT = Path(__file__).resolve().parents[1]
GOALS = ROOT / "examples/quickstart/goals.toml"
DATA = str(ROOT / "examples/quickstart/data")


def _goal_file(tmp: Path, *edits: tuple[str, str]) -> str:
    text = GOALS.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    path = tmp / "goals.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


TYPOS = (('question = "satisfied"', 'question = "satisfed"'),
         ('anchor = "exited"', 'anchor = "exit"'))


def test_validate_names_a_misspelt_question_and_anchor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: "no problems found" and both goals pending forever."""
    code = main(["validate", _goal_file(tmp_path, *TYPOS), "--data", DATA])
    out = capsys.readouterr().out
    assert code == ExitCode.OK  # warnings; --strict refuses them
    assert ("warning [question_not_in_data] goal 'satisfied': question 'satisfed' is in no "
            "answer of the data") in out
    assert "did you mean 'satisfied'?" in out
    assert "[anchor_not_in_data] goal 'offer-6m': anchor 'exit'" in out
    assert "did you mean 'exited'?" in out
    assert "no problems found" not in out
    assert main(["validate", _goal_file(tmp_path, *TYPOS), "--data", DATA, "--strict"]) == \
        ExitCode.BAD_INPUT


def test_evaluate_names_them_on_standard_error_and_keeps_the_json_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["evaluate", _goal_file(tmp_path, *TYPOS), "--data", DATA, "--as-of",
                 "2015-06-15", "--format", "json"])
    captured = capsys.readouterr()
    assert code == ExitCode.GOALS_OPEN
    assert json.loads(captured.out)["schema"] == "goalkit.report/1"
    assert "[question_not_in_data]" in captured.err
    assert "[anchor_not_in_data]" in captured.err


def test_a_column_the_data_lack_is_an_error_with_a_suggestion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A condition on a column the data lack would silently fail everyone."""
    goals = _goal_file(tmp_path, ('indicator = { kind = "count" }',
                                  'indicator = { kind = "count", condition = '
                                  '{ municipalty = "Sveg" } }'))
    assert main(["validate", goals, "--data", DATA]) == ExitCode.BAD_INPUT
    out = capsys.readouterr().out
    assert "error   [column_not_in_data] goal 'enrolled': column 'municipalty'" in out
    assert "did you mean 'municipality'?" in out
    assert main(["evaluate", goals, "--data", DATA, "--as-of", "2015-06-15"]) == \
        ExitCode.BAD_INPUT
    assert "[column_not_in_data]" in capsys.readouterr().err


def test_no_participant_has_exited_yet(tmp_path: Path) -> None:
    """An exit anchor in data without exits: everyone waits, and validate says why."""
    project = goalkit.load_goals(GOALS)
    data = goalkit.Dataset.from_records(
        [{"participant_id": "A", "enrolled": "2015-01-10"}],
        responses=[{"participant_id": "A", "date": "2015-01-10", "phase": "entry",
                    "question": "wellbeing", "score": 3}])
    codes = {(i.where, i.code) for i in coverage_issues(project, data)}
    assert ("goal 'offer-6m'", "anchor_not_in_data") in codes
    assert ("goal 'satisfied'", "phase_not_in_data") in codes
    assert ("goal 'satisfied'", "question_not_in_data") in codes
    assert ("goal 'offer-6m'", "event_kind_not_in_data") in codes
    assert ("goal 'self-sufficient'", "event_kind_not_in_data") in codes
    assert ("goal 'enrolled'", "anchor_not_in_data") not in codes


def test_evaluate_and_report_require_data_when_goals_count_people(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: empty data, "not met" and "no data" without a word."""
    assert main(["evaluate", str(GOALS), "--as-of", "2015-06-15"]) == ExitCode.BAD_INPUT
    assert "--data is required" in capsys.readouterr().err
    assert main(["report", str(GOALS), "--as-of", "2015-06-15"]) == ExitCode.BAD_INPUT
    assert "--data is required" in capsys.readouterr().err
    reported_only = tmp_path / "figures.toml"
    reported_only.write_text('''
id = "figures"
name = "Figures"
period = { start = 2015-01-01, end = 2015-12-31 }
[[goals]]
id = "n"
level = "project"
target = { at_least = 10 }
indicator = { kind = "reported", metric = "participants" }
[[measurements]]
metric = "participants"
date = 2015-05-01
value = 12
''', encoding="utf-8")
    assert main(["evaluate", str(reported_only), "--as-of", "2015-06-15"]) in (
        ExitCode.OK, ExitCode.GOALS_OPEN)
    captured = capsys.readouterr()
    assert "participants" not in captured.err


def test_empty_data_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "participants.csv").write_text("participant_id,enrolled\n", encoding="utf-8")
    main(["evaluate", str(GOALS), "--data", str(tmp_path), "--as-of", "2015-06-15"])
    assert "warning [empty_data]" in capsys.readouterr().err
    project = goalkit.load_goals(GOALS)
    issues = coverage_issues(project, goalkit.Dataset.from_records(()))
    assert [i.code for i in issues][:1] == ["empty_data"]
    assert not any(i.code == "column_not_in_data" for i in issues)


def test_a_misspelt_metric_and_a_composite_kind_are_seen_through() -> None:
    """A reported goal's metric, and the event kind inside a cost per outcome."""
    project = goalkit.Project(
        id="p", name=Text("P"),
        period=Period(dt.date(2015, 1, 1), dt.date(2015, 12, 31)),
        measurements=[goalkit.Measurement("participants", dt.date(2015, 5, 1), 12)],
        goals=[
            Goal(id="n", level="project",
                 indicator=Reported(metric="participant")),
            Goal(id="cost", level="project", indicator=CostPerOutcome(
                amount=1000.0, outcome=EventWithin(events=["employment_ofer"]))),
        ])
    data = goalkit.Dataset.from_records(
        [{"participant_id": "A", "enrolled": "2015-01-10", "exited": "2015-03-01"}],
        events=[{"participant_id": "A", "date": "2015-04-01", "kind": "employment_offer"}])
    issues = coverage_issues(project, data)
    assert [(i.where, i.code) for i in issues] == [
        ("goal 'n'", "metric_not_in_data"), ("goal 'cost'", "event_kind_not_in_data")]
    assert "did you mean 'participants'?" in issues[0].message
    assert "did you mean 'employment_offer'?" in issues[1].message
    assert not needs_participants(project.goals[0].indicator)
    assert needs_participants(project.goals[1].indicator)


def test_records_and_frames_have_the_same_names() -> None:
    """The plain-Python and the columnar reading of one data set agree."""
    frames = goalkit.Dataset.from_folder(DATA)
    records = goalkit.Dataset.from_records(
        pl.read_csv(Path(DATA) / "participants.csv", try_parse_dates=True).to_dicts(),
        pl.read_csv(Path(DATA) / "events.csv", try_parse_dates=True).to_dicts(),
        pl.read_csv(Path(DATA) / "responses.csv", try_parse_dates=True).to_dicts())
    assert data_names(frames) == data_names(records)
    assert data_names(frames).exits > 0


def test_every_report_says_what_the_goals_use_that_the_data_lack(tmp_path: Path) -> None:
    """Before: ``goalkit report`` on a goal file whose question no answer has wrote
    "pending" and "No data issues were found"; ``goalkit.evaluate`` returned no issue.
    Now the report's issues say so, in every format and language, for the public too
    (the kind of issue and its goal, no count)."""
    goals = _goal_file(tmp_path, *TYPOS)
    report = goalkit.evaluate(goalkit.load_goals(goals), goalkit.plugins.load_data(DATA),
                              dt.date(2015, 6, 15))
    codes = {(i.where, i.code) for i in report.issues}
    assert ("goal 'satisfied'", "question_not_in_data") in codes
    assert ("goal 'offer-6m'", "anchor_not_in_data") in codes
    out = tmp_path / "out"
    assert main(["report", goals, "--data", DATA, "--as-of", "2015-06-15", "--format", "md",
                  "--format", "html", "--lang", "sv", "--lang", "en", "--out", str(out)]
                ) == ExitCode.OK
    english = (out / "quickstart-2015-06-15.en.md").read_text(encoding="utf-8")
    swedish = (out / "quickstart-2015-06-15.sv.html").read_text(encoding="utf-8")
    assert "No data issues were found" not in english
    assert "a survey question a goal uses that no answer has" in english
    public = json.loads(goalkit.render([report], "json", options={"audience": "public"}))
    assert {"code": "question_not_in_data", "where": "goal 'satisfied'"}.items() <= {
        k: v for i in public["issues"] if i["code"] == "question_not_in_data"
        for k, v in i.items()}.items()
    assert all("count" not in i for i in public["issues"])
    assert "satisfed" not in json.dumps(public["issues"])  # goalkit's words, not a message
    assert "en enkätfråga som ett mål använder men som inget svar har" in swedish


def test_the_command_lines_json_carries_what_it_said_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``goalkit evaluate`` says the lacking names on standard error before it evaluates,
    and its report carries the same issues (checked once, handed to the evaluation)."""
    main(["evaluate", _goal_file(tmp_path, *TYPOS), "--data", DATA, "--as-of", "2015-06-15",
          "--format", "json"])
    captured = capsys.readouterr()
    carried = {(i["where"], i["code"]) for i in json.loads(captured.out)["issues"]}
    assert ("goal 'satisfied'", "question_not_in_data") in carried
    assert ("goal 'offer-6m'", "anchor_not_in_data") in carried
    assert "[question_not_in_data]" in captured.err


def test_an_evaluation_of_no_records_says_the_data_are_empty() -> None:
    report = goalkit.evaluate(goalkit.load_goals(GOALS), goalkit.Dataset.from_records(()),
                              dt.date(2015, 6, 15))
    assert [i.code for i in report.issues][:1] == ["empty_data"]
