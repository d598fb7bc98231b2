"""What the coverage check reads on tables: where every event kind, phase and question
the goals use is in the data, it only compares the columns with those names, and finds
no table's distinct values (which only the messages about a missing name list); where one
is missing, its messages are those of the full reading."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

import goalkit
import goalkit.engine._coverage as coverage
from goalkit.engine._coverage import coverage_issues

if TYPE_CHECKING:
    import pytest

ROOT = Path(__file__).resolve().parents[1]
GOALS = ROOT / "examples/quickstart/goals.toml"
DATA = str(ROOT / "examples/quickstart/data")


def test_names_all_present_need_no_distinct_values(monkeypatch: pytest.MonkeyPatch) -> None:
    """The quickstart's goals use names its data all hold: no issue, and the distinct
    values (:func:`data_names`) are never read."""
    project = goalkit.load_goals(str(GOALS))
    data = goalkit.Dataset.from_folder(DATA)
    assert coverage_issues(project, data) == []

    def refused(*_: object, **__: object) -> None:
        raise AssertionError("the distinct values were read")

    monkeypatch.setattr(coverage, "data_names", refused)
    assert coverage_issues(project, data) == []


def test_a_missing_name_is_told_as_the_full_reading_tells_it(tmp_path: Path) -> None:
    """A misspelt question and anchor: the messages list what the data hold, the same on
    tables as on the same data as records (which always read every name)."""
    text = GOALS.read_text(encoding="utf-8")
    for old, new in (('question = "satisfied"', 'question = "satisfed"'),
                     ('anchor = "exited"', 'anchor = "exit"')):
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "goals.toml"
    path.write_text(text, encoding="utf-8")
    project = goalkit.load_goals(str(path))
    frames = goalkit.Dataset.from_folder(DATA)
    assert coverage._asked_names(frames, project, [
        coverage.uses_of(g.indicator) for g in project.goals]) is None
    records = goalkit.Dataset.from_records(
        *(pl.read_csv(Path(DATA) / f"{name}.csv", try_parse_dates=True).to_dicts()
          for name in ("participants", "events", "responses")))
    issues = coverage_issues(project, frames)
    assert {i.code for i in issues} == {"question_not_in_data", "anchor_not_in_data"}
    assert any("(the data have" in i.message for i in issues)
    assert [(i.code, i.message, i.message_sv) for i in issues] == [
        (i.code, i.message, i.message_sv) for i in coverage_issues(project, records)]
