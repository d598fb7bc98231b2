"""The command line's lists of data problems in Swedish (``--lang sv``, or a Swedish
locale): before, `goalkit validate` had no ``--lang`` and every command printed them in
English, though every problem has its Swedish words."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from goalkit.cli import ExitCode, main

ROOT = Path(__file__).resolve().parents[1]
GOALS = str(ROOT / "examples/quickstart/goals.toml")


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "examples/quickstart/data", folder)
    people = folder / "participants.csv"
    lines = people.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("2015-01-29", "2015-13-29")  # a date no calendar has
    people.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_validate_lists_the_problems_in_swedish(messy: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(["validate", "--data", str(messy), "--lang", "sv"], capsys)
    assert code == ExitCode.BAD_INPUT
    assert " fel, " in out
    assert "participants.csv, rad 3, kolumn " in out
    assert "`goalkit evaluate --strict` vägrar data med fel." in out
    assert "row(s)" not in out
    assert "error(s)" not in out
    code, english = _run(["validate", "--data", str(messy), "--lang", "en"], capsys)
    assert "participants.csv, row 3, column " in english


def test_the_locale_decides_without_lang(messy: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    _, out = _run(["validate", "--data", str(messy)], capsys)
    assert "rad 3, kolumn " in out


def test_a_source_refused_whole_is_said_in_swedish(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "d"
    shutil.copytree(ROOT / "examples/quickstart/data", folder)
    shutil.copy(folder / "participants.csv", folder / "deltagare.csv")
    code, out = _run(["validate", "--data", str(folder), "--lang", "sv"], capsys)
    assert code == ExitCode.BAD_INPUT
    assert "data kan inte användas" in out
    assert "kan båda innehålla tabellen deltagare" in out


def test_evaluate_warns_of_the_goals_use_in_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(["evaluate", GOALS, "--data", str(ROOT / "examples/quickstart/data"),
                      "--as-of", "2015-06-15", "--lang", "sv", "--breakdown", "kommun"],
                     capsys)
    assert code == ExitCode.BAD_INPUT
    assert "kolumnen 'kommun' finns inte i deltagartabellen" in out


@pytest.mark.parametrize("command", ["evaluate", "report"])
def test_data_refused_whole_stops_the_command_in_swedish(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "d"
    shutil.copytree(ROOT / "examples/quickstart/data", folder)
    shutil.copy(folder / "participants.csv", folder / "deltagare.csv")
    args = [command, GOALS, "--data", str(folder), "--as-of", "2015-06-15"]
    code, out = _run([*args, "--lang", "sv"], capsys)
    assert code == ExitCode.BAD_INPUT
    assert "1 problem i data" in out
    assert "kan båda innehålla tabellen deltagare" in out
    _, english = _run([*args, "--lang", "en"], capsys)
    assert "1 problem(s) in the data" in english
