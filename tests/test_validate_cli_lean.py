"""`goalkit validate` without a project reads and checks the data, and builds no data set:
it lists what :func:`goalkit.data.read_data` would find, and needs nothing else."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

from goalkit.cli import ExitCode, main
from goalkit.cli._issues import format_issues
from goalkit.data import read_data

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

PEOPLE = """participant_id,enrolled,exited,sex
ID-1,2015-01-10,2014-06-01,F
ID-2,tomorrow,,M
ID-3,2015-02-01,,M
"""
EVENTS = """participant_id,date,kind
ID-9,2015-03-01,study_start
ID-3,2015-01-01,study_start
"""
FIGURES = """metric,date,value,sex.F,sex.M
participants,2015-12-31,3,1,1
"""


def test_validate_without_a_project_lists_the_problems_of_read_data_and_builds_no_data_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same problems, reported figures' ones too, as the data set :func:`read_data`
    builds would hold, each on its line; and no data set built (at a million people its
    frames' checks and narwhals' import, about 0.05–0.1 s of the command)."""
    (tmp_path / "participants.csv").write_text(PEOPLE, encoding="utf-8")
    (tmp_path / "events.csv").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "measurements.csv").write_text(FIGURES, encoding="utf-8")
    from goalkit.data._figures import check_measurements  # noqa: PLC0415

    data = read_data(tmp_path)
    expected = [*data.issues, *check_measurements(data.measurements, (), None)]
    assert {i.code for i in expected} >= {"exit_before_enrolment", "bad_date",
                                          "unknown_participant", "rows_excluded",
                                          "breakdown_incomplete"}

    def no_data_set(*_: Any, **__: Any) -> NoReturn:
        raise AssertionError("a data set was built")

    monkeypatch.setattr("goalkit.data._dataset.Dataset.from_frames", no_data_set)
    code = main(["validate", "--data", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == ExitCode.BAD_INPUT
    lines = [line.strip() for line in out.splitlines()]
    assert [line for line in lines if line[:7].strip() in {"error", "warning", "note"}] == [
        line.strip() for line in format_issues(expected)]
