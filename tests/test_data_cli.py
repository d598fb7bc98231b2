"""`goalkit validate` lists every problem and exits 2; `evaluate --strict/--mapping`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from data_writers import GOOD, SV_MAPPING, write_swedish_excel_csv

from goalkit.cli import ExitCode, main

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

GOALS = str(GOOD.parents[2] / "examples" / "quickstart" / "goals.toml")

BAD = """participant_id,enrolled,exited,sex
ID-1,2015-01-10,2014-06-01,F
ID-2,tomorrow,,M
ID-2,2015-02-01,,M
ID-4,2015-02-01,,K
"""


def _bad(tmp: Path) -> Path:
    (tmp / "participants.csv").write_text(BAD, encoding="utf-8")
    (tmp / "events.csv").write_text("participant_id,date,kind\nID-9,2015-03-01,study_start\n",
                                    encoding="utf-8")
    return tmp


def test_validate_lists_every_problem_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["validate", "--data", str(_bad(tmp_path))])
    out = capsys.readouterr().out
    assert code == ExitCode.BAD_INPUT
    for expected in (
        "[exit_before_enrolment] participants.csv, row 2, column 'exited'",
        "[bad_date] participants.csv, row 3, column 'enrolled'",
        "[duplicate_participant] participants.csv, row 3, column 'participant_id'",
        "[duplicate_participant] participants.csv, row 4, column 'participant_id'",
        "[unknown_code] participants.csv, row 5, column 'sex'",
        "[unknown_participant] events.csv, row 2, column 'participant_id'",
        "[rows_excluded] participants.csv: 3 of 4 row(s) of participants left out",
    ):
        assert expected in out
    for pid in ("ID-1", "ID-2", "ID-4", "ID-9"):
        assert pid not in out


def test_validate_with_a_project_checks_ages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "participants.csv").write_text(
        "participant_id,enrolled,birth_year\nQ1,2015-01-10,2010\n", encoding="utf-8")
    # flagged, and kept: a person outside the target group still counts in every goal that
    # does not count the target group only
    assert main(["validate", GOALS, "--data", str(tmp_path)]) == ExitCode.OK
    assert "note    [age_outside_target_group]" in capsys.readouterr().out


def test_validate_clean_data_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", GOALS, "--data", str(GOOD)]) == ExitCode.OK
    assert "no problems found" in capsys.readouterr().out


def test_validate_warnings_pass_unless_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_swedish_excel_csv(tmp_path / "sv")
    args = ["validate", "--data", str(folder), "--mapping", str(SV_MAPPING)]
    assert main(args) == ExitCode.OK
    assert "[encoding]" in capsys.readouterr().out
    assert main([*args, "--strict"]) == ExitCode.BAD_INPUT


def test_validate_fatal_problems_are_listed_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "participants.csv").write_text("id,start\n1,2015-01-01\n", encoding="utf-8")
    (tmp_path / "events.csv").write_text("", encoding="utf-8")
    assert main(["validate", "--data", str(tmp_path)]) == ExitCode.BAD_INPUT
    out = capsys.readouterr().out
    assert "[missing_column]" in out
    assert "[empty_file]" in out


def test_validate_bad_mapping_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mapping = tmp_path / "m.toml"
    mapping.write_text('[codes]\nsex = "K"\n[scales]\nx = [5, 1]\n', encoding="utf-8")
    code = main(["validate", "--data", str(GOOD), "--mapping", str(mapping)])
    out = capsys.readouterr().out
    assert code == ExitCode.BAD_INPUT
    assert "codes.sex" in out
    assert "scales.x" in out


def test_evaluate_default_leaves_rows_out_strict_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _bad(tmp_path)
    code = main(["evaluate", GOALS, "--data", str(folder), "--as-of", "2015-06-15",
                 "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == ExitCode.GOALS_OPEN
    assert {i["code"] for i in report["issues"]} >= {"bad_date", "rows_excluded"}
    code = main(["evaluate", GOALS, "--data", str(folder), "--as-of", "2015-06-15", "--strict"])
    err = capsys.readouterr().err
    assert code == ExitCode.BAD_INPUT
    assert "[bad_date]" in err


def test_evaluate_with_a_mapping_matches_the_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_swedish_excel_csv(tmp_path / "sv", encoding="utf-8")
    main(["evaluate", GOALS, "--data", str(folder), "--mapping", str(SV_MAPPING),
          "--as-of", "2015-06-15", "--format", "json"])
    swedish = capsys.readouterr().out
    main(["evaluate", GOALS, "--data", str(GOOD), "--as-of", "2015-06-15", "--format", "json"])
    assert swedish == capsys.readouterr().out
