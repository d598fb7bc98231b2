"""``goalkit evaluate`` end to end, as a person runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import goalkit
from goalkit.cli import ExitCode, main

ROOT = Path(__file__).resolve().parents[1]
GOALS = str(ROOT / "examples/quickstart/goals.toml")
DATA = str(ROOT / "examples/quickstart/data")


def test_the_readme_command_runs_in_a_real_process() -> None:
    """The installed script evaluates the example and exits 1 (goals still open)."""
    done = subprocess.run(
        [sys.executable, "-m", "goalkit.cli._main", "evaluate", GOALS, "--data", DATA,
         "--as-of", "2015-06-15", "--format", "json"],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )
    assert done.returncode == ExitCode.GOALS_OPEN, done.stderr
    report = json.loads(done.stdout)
    assert report["schema"] == "goalkit.report/1"
    assert {r["goal_id"] for r in report["results"]} >= {"enrolled", "offer-6m", "model"}
    assert "Q001" not in done.stdout  # no participant ids in published output


def test_json_output_is_utf8_whatever_the_terminals_encoding() -> None:
    """JSON is UTF-8 (RFC 8259): written as its bytes, so that a terminal set to Latin-1
    neither fails on a character it lacks (a quotation mark ”) nor gets other bytes."""
    done = subprocess.run(
        [sys.executable, "-m", "goalkit.cli._main", "evaluate", GOALS, "--data", DATA,
         "--as-of", "2015-06-15", "--format", "json"],
        capture_output=True, check=False, cwd=ROOT, env={**os.environ,
                                                          "PYTHONIOENCODING": "latin-1"},
    )
    assert done.returncode == ExitCode.GOALS_OPEN, done.stderr
    expected = goalkit.report_to_json(goalkit.evaluate(
        goalkit.load_goals(GOALS), goalkit.Dataset.from_folder(DATA), date(2015, 6, 15)))
    assert "”" in expected
    assert done.stdout == expected.encode("utf-8")


def test_json_output_is_the_api_report(capsys: pytest.CaptureFixture[str]) -> None:
    """The command prints exactly what the Python API serialises."""
    code = main(["evaluate", GOALS, "--data", DATA, "--as-of", "2015-06-15", "--format", "json"])
    assert code == ExitCode.GOALS_OPEN
    project = goalkit.load_goals(GOALS)
    data = goalkit.Dataset.from_folder(DATA)
    expected = goalkit.report_to_json(goalkit.evaluate(project, data, date(2015, 6, 15)))
    assert capsys.readouterr().out == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["evaluate", GOALS, "--data", DATA, "--as-of", "15/6/2015"], "YYYY-MM-DD"),
        (["evaluate", str(ROOT / "nope.toml"), "--data", DATA, "--as-of", "2015-06-15"],
         "no such file"),
        (["evaluate", GOALS, "--data", str(ROOT / "examples/quickstart/goals.toml"),
          "--as-of", "2015-06-15"], "goals.toml"),
    ],
)
def test_bad_input_exits_2_and_says_where(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad date, goal file or data source is bad input (exit 2) with a message naming it."""
    assert main(args) == ExitCode.BAD_INPUT
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("command", ["evaluate", "report"])
def test_a_project_without_goals_is_said_to_have_none(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 0 says every goal is met; with no goals that is said of none, so the command
    says so on stderr rather than pass in silence."""
    goals = tmp_path / "goals.toml"
    goals.write_text('id = "p"\nname = "P"\nperiod = { start = 2014-06-02, end = '
                     '2015-11-30 }\n', encoding="utf-8")
    code = main([command, str(goals), "--data", DATA, "--as-of", "2015-06-15"])
    assert code == ExitCode.OK
    assert "project 'p' has no goals" in capsys.readouterr().err
