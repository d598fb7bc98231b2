"""``goalkit report`` end to end: files in every format and language, and every exit code."""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import openpyxl
import pytest
from reports_support import text_of

import goalkit
from goalkit.cli import ExitCode, main
from goalkit.plugins import make_plugin_manager
from goalkit.reports import _markdown

ROOT = Path(__file__).resolve().parents[1]
GOALS = str(ROOT / "examples/quickstart/goals.toml")
DATA = str(ROOT / "examples/quickstart/data")
SCHEMA = json.loads((ROOT / "docs/report-schema.json").read_text(encoding="utf-8"))
PUBLISHED = ("html", "md", "json", "xlsx")
GOALKIT = (sys.executable, "-c", "import sys; from goalkit.cli import main; sys.exit(main())")
"""The ``goalkit`` script, run by this interpreter."""


def validate(doc: Any) -> None:
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(doc)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The command as a person runs it, in a pipe."""
    return subprocess.run([*GOALKIT, *args], capture_output=True, text=True, check=False,
                          cwd=ROOT)


def report_args(out: Path, *more: str) -> list[str]:
    args = ["report", GOALS, "--data", DATA, "--out", str(out), "--lang", "sv", "--lang", "en"]
    for name in PUBLISHED:
        args += ["--format", name]
    return [*args, *more]


def test_report_writes_every_format_in_both_languages(tmp_path: Path) -> None:
    code = main(report_args(tmp_path, "--reporting-dates"))
    assert code == ExitCode.OK  # every file written, though goals are open
    project = goalkit.load_goals(GOALS)
    span = f"{project.reporting_dates[0]}_{project.reporting_dates[-1]}"
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(f"quickstart-{span}.{lang}.{suffix}" for lang in ("sv", "en")
                             for suffix in PUBLISHED)
    doc = json.loads((tmp_path / f"quickstart-{span}.sv.json").read_text(encoding="utf-8"))
    validate(doc)
    assert [r["as_of"] for r in doc] == [d.isoformat() for d in project.reporting_dates]
    wb = openpyxl.load_workbook(tmp_path / f"quickstart-{span}.en.xlsx")
    assert wb.sheetnames[:3] == ["Summary", "Breakdowns", "Progress over time"]
    wb = openpyxl.load_workbook(tmp_path / f"quickstart-{span}.sv.xlsx")
    assert wb.sheetnames[:3] == ["Sammanfattning", "Uppdelningar", "Utveckling över tid"]
    html = (tmp_path / f"quickstart-{span}.sv.html").read_text(encoding="utf-8")
    assert '<html lang="sv">' in html
    assert "Utveckling över tid" in html


def test_exit_0_when_every_goal_is_met(tmp_path: Path) -> None:
    args = ["--as-of", "2015-06-15", "--goal", "enrolled"]
    assert main(report_args(tmp_path, *args)) == ExitCode.OK
    assert main(["evaluate", GOALS, "--data", DATA, *args]) == ExitCode.OK


def test_exit_1_when_some_goal_is_open(tmp_path: Path) -> None:
    code = main(["report", GOALS, "--data", DATA, "--as-of", "2015-06-15", "--format", "md",
                 "--out", str(tmp_path / "r.md"), "--fail-on", "not_met,pending"])
    assert code == ExitCode.GOALS_OPEN
    assert "offer-6m" in (tmp_path / "r.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "no/such/goals.toml", "--as-of", "2015-06-15"], "no/such/goals.toml"),
        (["report", GOALS, "--data", DATA, "--as-of", "15/6/2015"], "YYYY-MM-DD"),
        (["report", GOALS, "--data", DATA], "--reporting-dates"),
        (["report", GOALS, "--data", DATA, "--as-of", "2015-06-15", "--reporting-dates"],
         "not both"),
        (["report", GOALS, "--data", DATA, "--as-of", "2015-06-15", "--format", "pdf"], "pdf"),
        (["report", GOALS, "--data", DATA, "--as-of", "2015-06-15", "--lang", "de"], "de"),
        (["report", GOALS, "--data", DATA, "--as-of", "2015-06-15", "--format", "md",
          "--format", "html"], "--out"),
        (["report", GOALS, "--data", DATA, "--as-of", "2015-06-15", "--min-cell", "-1"],
         "min-cell"),
        (["report", GOALS, "--data", "no/such/folder", "--as-of", "2015-06-15"],
         "no/such/folder"),
        (["evaluate", GOALS, "--data", DATA, "--as-of", "2015-06-15", "--lang", "fi"], "fi"),
    ],
)
def test_exit_2_on_bad_input_naming_what_is_wrong(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == ExitCode.BAD_INPUT
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err


def test_exit_2_when_the_output_cannot_be_written(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code = main(["report", GOALS, "--data", DATA, "--as-of", "2015-06-15", "--format", "md",
                 "--out", str(blocker / "report.md")])
    assert code == ExitCode.BAD_INPUT
    assert "report.md" in capsys.readouterr().err


@pytest.mark.parametrize("where", ["through a file", "deeper through a file",
                                   "a file for several", "a file for a site",
                                   "in no folder"])
def test_an_output_that_cannot_be_written_is_refused_before_anything_is_read(
        where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A register's report is seconds of reading, evaluating and rendering before its first
    file is written: an --out that cannot be written is refused first (the data folder
    here does not even exist, and is never looked at), naming the path and why; exit 2."""
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    args = ["report", GOALS, "--data", str(tmp_path / "no-such-data"), "--as-of", "2015-06-15"]
    out, why = {
        "through a file": (blocker / "report.md", f"{blocker} is a file, not a folder"),
        "deeper through a file": (blocker / "a" / "b" / "report.md",
                                  f"{blocker} is a file, not a folder"),
        "a file for several": (blocker, "it is a file, and several outputs need a folder"),
        "a file for a site": (blocker, "it is a file, and several outputs need a folder"),
        "in no folder": (tmp_path / "missing" / "report.md",
                         f"the folder {tmp_path / 'missing'} does not exist"),
    }[where]
    extra = {"a file for several": ["--format", "md", "--lang", "sv", "--lang", "en"],
             "a file for a site": ["--site"]}.get(where, ["--format", "md"])
    assert main([*args, *extra, "--out", str(out)]) == ExitCode.BAD_INPUT
    err = capsys.readouterr().err
    assert str(out) in err
    assert why in err
    assert "no-such-data" not in err
    assert blocker.read_text(encoding="utf-8") == "x"


def test_exit_3_on_a_bug_in_a_format(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A plain exception inside a format is an internal error, said plainly."""
    def broken(view: object) -> str:
        raise RuntimeError("boom in the markdown writer")

    monkeypatch.setattr(_markdown, "render_markdown", broken)
    code = main(["report", GOALS, "--data", DATA, "--as-of", "2015-06-15", "--format", "md",
                 "--out", str(tmp_path / "r.md")])
    assert code == ExitCode.INTERNAL_ERROR
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom in the markdown writer" in err
    assert "please report it" in err


def test_in_a_pipe_there_is_no_colour_and_no_progress_bar() -> None:
    done = run("report", GOALS, "--data", DATA, "--reporting-dates", "--format", "table",
               "--lang", "en")
    assert done.returncode == ExitCode.OK, done.stderr
    assert "\x1b[" not in done.stdout
    assert done.stderr == ""
    assert "offer-6m" in done.stdout
    assert "15 Dec 2014" in done.stdout  # the series' dates as the language writes them


def test_a_binary_format_goes_to_a_pipe_as_bytes(tmp_path: Path) -> None:
    done = subprocess.run(
        [*GOALKIT, "report", GOALS, "--data", DATA,
         "--as-of", "2015-06-15", "--format", "xlsx"],
        capture_output=True, check=False, cwd=ROOT,
    )
    assert done.returncode == ExitCode.OK, done.stderr
    (tmp_path / "r.xlsx").write_bytes(done.stdout)
    assert "enrolled" in text_of(done.stdout)


def test_report_json_says_its_audience() -> None:
    """``goalkit evaluate --format json`` is the exact API JSON; ``goalkit report`` is public
    by default (suppressed, ``"audience": "public"``), and ``--audience internal`` gives the
    exact numbers marked as internal (with the project's budget summary beside them). A
    public report cannot turn suppression off."""
    evaluated = run("evaluate", GOALS, "--data", DATA, "--as-of", "2015-06-15",
                    "--format", "json")
    internal = run("report", GOALS, "--data", DATA, "--as-of", "2015-06-15", "--format",
                   "json", "--audience", "internal")
    published = run("report", GOALS, "--data", DATA, "--as-of", "2015-06-15",
                    "--format", "json")
    internal_doc = json.loads(internal.stdout)
    assert internal_doc.pop("budget")["planned"] == 2_400_000
    assert internal_doc == {**json.loads(evaluated.stdout), "audience": "internal"}
    doc = json.loads(published.stdout)
    assert (doc["audience"], doc["min_cell"]) == ("public", 5)
    validate(doc)
    refused = run("report", GOALS, "--data", DATA, "--as-of", "2015-06-15", "--format", "json",
                  "--min-cell", "1")
    assert refused.returncode == ExitCode.BAD_INPUT
    assert "min-cell" in refused.stderr


def test_help_lists_every_command_and_exit_code() -> None:
    done = run("--help")
    assert done.returncode == ExitCode.OK
    for command in ("evaluate", "report", "validate", "plugins", "new-plugin"):
        assert re.search(rf"^\s+{command}\s", done.stdout, re.MULTILINE), command
    for code in ("0", "1", "2", "3"):
        assert re.search(rf"^\s+{code}\s+\S", done.stdout, re.MULTILINE), code
    report_help = run("report", "--help").stdout
    for option in ("--data", "--as-of", "--reporting-dates", "--format", "--lang", "--out",
                   "--audience", "--min-cell", "--goal", "--breakdown"):
        assert option in report_help


# -- every example and registered project there is when the tests run ----------------------


def example_folders() -> list[Path]:
    return sorted(p.parent for p in (ROOT / "examples").glob("*/goals.toml")
                  if (p.parent / "data").is_dir())


@pytest.mark.parametrize("folder", example_folders(), ids=lambda p: p.name)
def test_every_example_folder_reports_in_every_format_and_language(
    folder: Path, tmp_path: Path
) -> None:
    project = goalkit.load_goals(folder / "goals.toml")
    when = (["--reporting-dates"] if project.reporting_dates
            else ["--as-of", project.period.end.isoformat()])
    done = run("report", str(folder / "goals.toml"), "--data", str(folder / "data"), *when,
               *(a for name in PUBLISHED for a in ("--format", name)),
               "--lang", "sv", "--lang", "en", "--out", str(tmp_path))
    assert done.returncode in (ExitCode.OK, ExitCode.GOALS_OPEN), done.stderr
    files = sorted(tmp_path.iterdir())
    assert len(files) == len(PUBLISHED) * 2
    for path in files:
        assert path.stat().st_size > 0
        if path.suffix == ".json":
            validate(json.loads(path.read_text(encoding="utf-8")))
        if path.suffix in (".html", ".md"):
            text = path.read_text(encoding="utf-8")
            for goal in project.goals:
                assert goal.id in text


def registered_examples() -> list[str]:
    """One example per registered project (its latest), to keep the suite quick."""
    host = make_plugin_manager(strict=False)
    latest: dict[str, tuple[Any, str]] = {}
    for e in host.examples.entries():
        key = (e.item.as_of, e.name)
        if e.item.project not in latest or key > latest[e.item.project]:
            latest[e.item.project] = key
    return sorted(name for _, name in latest.values())


@pytest.mark.parametrize("name", registered_examples())
def test_every_registered_project_reports_in_every_format_and_language(
    name: str, tmp_path: Path
) -> None:
    """``goalkit report PROJECT --example NAME`` writes every published format in both
    languages for the project's example data, over its reporting dates up to the example's
    date (progress over time)."""
    host = make_plugin_manager(strict=False)
    example = host.examples.get(name)
    project = host.project(example.project)
    dates = [*[d for d in project.reporting_dates if d < example.as_of][-1:], example.as_of]
    args = ["report", example.project, "--example", name, "--lang", "sv", "--lang", "en",
            "--out", str(tmp_path)]
    for d in dates:
        args += ["--as-of", d.isoformat()]
    for fmt in PUBLISHED:
        args += ["--format", fmt]
    assert main(args) in (ExitCode.OK, ExitCode.GOALS_OPEN)
    files = sorted(tmp_path.iterdir())
    assert len(files) == len(PUBLISHED) * 2
    for path in files:
        text = text_of(path.read_bytes() if path.suffix == ".xlsx"
                       else path.read_text(encoding="utf-8"))
        if path.suffix == ".json":
            validate(json.loads(text))
        for goal in project.goals:
            assert goal.id in text, (path.name, goal.id)


def test_an_example_of_another_project_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    host = make_plugin_manager(strict=False)
    examples = host.examples.entries()
    if not examples:
        pytest.skip("no plugin registers an example")
    code = main(["report", GOALS, "--example", examples[0].name, "--format", "md"])
    assert code == ExitCode.BAD_INPUT
    assert "not 'quickstart'" in capsys.readouterr().err


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_on_a_terminal_there_is_colour_and_a_progress_bar() -> None:
    import pty  # noqa: PLC0415  # POSIX only

    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [*GOALKIT, "report", GOALS, "--data", DATA, "--reporting-dates", "--format", "table",
         "--lang", "en"],
        stdin=subprocess.DEVNULL, stdout=follower, stderr=follower, cwd=ROOT,
        env={k: v for k, v in {**os.environ, "COLUMNS": "120", "TERM": "xterm"}.items()
             if k != "NO_COLOR"},
    )
    os.close(follower)
    out = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            out += chunk
        elif proc.poll() is not None:
            break
    os.close(leader)
    assert proc.wait() == ExitCode.OK
    assert b"\x1b[" in out
    assert b"goalkit report" in out  # the progress bar's label
    assert b"0/4" in out  # three dates and one output: four steps
    assert b"offer-6m" in out
