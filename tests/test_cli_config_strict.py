"""A configuration file's values are taken as written, and a name a plugin registers is
checked when the file is read: a mistake is exit 2 at its key, never a value quietly
converted (``min_cell = 5.7`` lowering a privacy setting to 5) or a mistake found only
after the work is done."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from goalkit.cli import ExitCode, main

QUICKSTART = Path(__file__).resolve().parents[1] / "examples/quickstart"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    work = tmp_path / "project"
    shutil.copytree(QUICKSTART, work, ignore=shutil.ignore_patterns("reports", "goalkit.toml"))
    monkeypatch.chdir(work)
    return work


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[report]\nmin_cell = 5.7\n", "report.min_cell: expected a whole number, got 5.7"),
        ('[report]\nmin_cell = "7"\n', "report.min_cell: expected a whole number, got '7'"),
        ("[report]\nmin_cell = true\n", "report.min_cell: expected a whole number, got true"),
        ("[report]\ngoal = 5\n", "report.goal: expected a text, got 5"),
        ('[report]\nformat = ["html", "pdf"]\n', "report.format: unknown format 'pdf'"),
        ('[report]\nformat = ["mdd"]\n', "did you mean 'md'?"),
        ('[site]\nformat = ["xlxs"]\n', "site.format: unknown format 'xlxs'; did you mean"),
    ],
)
def test_a_value_is_taken_as_written_and_checked_up_front(
    folder: Path, text: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "goalkit.toml").write_text('project = "goals.toml"\n' + text, encoding="utf-8")
    assert main(["config"]) == ExitCode.BAD_INPUT
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err


def test_values_of_the_right_type_still_pass(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "goalkit.toml").write_text(
        'project = "goals.toml"\n[report]\nmin_cell = 7\nformat = ["html", "md"]\n'
        "reporting_dates = true\n", encoding="utf-8")
    assert main(["config", "report"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "min_cell" in out
    assert "html, md" in out
