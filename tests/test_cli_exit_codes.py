"""Exit codes that fit scripts: ``goalkit report`` exits 0 once every file is written,
unless ``--fail-on`` names statuses that should fail the run; ``goalkit evaluate`` keeps
its codes (1 while some goal is not met)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

import goalkit
from goalkit.cli import ExitCode, main

ROOT = Path(__file__).resolve().parents[1]
GOALS = str(ROOT / "examples/quickstart/goals.toml")
DATA = str(ROOT / "examples/quickstart/data")
GOALKIT = (sys.executable, "-c", "import sys; from goalkit.cli import main; sys.exit(main())")
AS_OF = dt.date(2015, 6, 15)


def statuses(as_of: dt.date, goals: tuple[str, ...] = ()) -> dict[str, str]:
    """Each goal's status as the library evaluates it."""
    project = goalkit.load_goals(GOALS)
    report = goalkit.evaluate(project, goalkit.Dataset.from_folder(DATA), as_of,
                              goals=list(goals) or None)
    return {r.goal_id: r.status.value for r in report.results}


def test_report_exits_0_in_a_script_once_every_file_is_written(tmp_path: Path) -> None:
    """Goals are open at every reporting date, yet a ``set -e`` script goes on: the
    reports were written. ``evaluate`` at the same date still exits 1."""
    assert set(statuses(AS_OF).values()) != {"met"}
    script = (f"set -e\n{' '.join(map(repr, GOALKIT))} report {GOALS} --data {DATA} "
              f"--reporting-dates --format md --format json --out {tmp_path}/r/\n"
              "echo reached\n")
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "reached\n"
    assert len(list((tmp_path / "r").iterdir())) == 2
    evaluated = subprocess.run([*GOALKIT, "evaluate", GOALS, "--data", DATA, "--as-of",
                                AS_OF.isoformat()], capture_output=True, check=False)
    assert evaluated.returncode == ExitCode.GOALS_OPEN


@pytest.mark.parametrize(
    "fail_on",
    [("pending",), ("not_met",), ("met",), ("not_met", "pending"), ("no_data",),
     ("needs_assessment",), ("met", "pending", "not_met", "needs_assessment", "no_data")],
)
def test_fail_on_exits_1_exactly_when_a_goal_has_a_status_it_names(
    tmp_path: Path, fail_on: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    """The code follows the goals' statuses as evaluated, and the goals at fault are named
    on standard error with their status."""
    out = tmp_path / "r.md"
    code = main(["report", GOALS, "--data", DATA, "--as-of", AS_OF.isoformat(), "--format",
                 "md", "--out", str(out), "--fail-on", ",".join(fail_on)])
    assert out.exists()  # written either way
    at_fault = {g: s for g, s in statuses(AS_OF).items() if s in fail_on}
    assert code == (ExitCode.GOALS_OPEN if at_fault else ExitCode.OK)
    err = capsys.readouterr().err
    for goal, status in at_fault.items():
        assert f"{goal} ({status})" in err
    if not at_fault:
        assert "--fail-on" not in err


def test_fail_on_reads_the_latest_date_and_repeats(tmp_path: Path) -> None:
    """Over several dates, the statuses at the latest one decide; ``--fail-on`` repeats
    as well as it takes commas."""
    early, late = dt.date(2014, 12, 15), AS_OF
    goal = "enrolled"
    before, after = statuses(early, (goal,))[goal], statuses(late, (goal,))[goal]
    assert before != after  # the case this test is about
    args = ["report", GOALS, "--data", DATA, "--goal", goal, "--format", "json", "--out",
            str(tmp_path / "r.json"), "--as-of", f"{early},{late}"]
    assert main([*args, "--fail-on", before]) == ExitCode.OK
    assert main([*args, "--fail-on", "no_data", "--fail-on", after]) == ExitCode.GOALS_OPEN


def test_fail_on_is_checked_and_is_a_configuration_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", GOALS, "--data", DATA, "--as-of", AS_OF.isoformat(),
                 "--fail-on", "not-met"]) == ExitCode.BAD_INPUT
    assert "unknown status 'not-met'; did you mean 'not_met'?" in capsys.readouterr().err
    (tmp_path / "goalkit.toml").write_text(
        f'project = {GOALS!r}\ndata = {DATA!r}\n[report]\nas_of = {AS_OF}\nformat = "md"\n'
        'out = "r.md"\nfail_on = ["pending"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["report"]) == ExitCode.GOALS_OPEN
    assert main(["report", "--fail-on", "no_data"]) == ExitCode.OK  # the command line wins


@pytest.mark.parametrize("command", [
    ("evaluate", GOALS, "--data", DATA, "--as-of", AS_OF.isoformat()),
    ("evaluate", GOALS, "--data", DATA, "--as-of", AS_OF.isoformat(), "--format", "json"),
    ("validate", "--data", DATA),
    ("plugins",),
])
def test_a_reader_that_stops_reading_ends_the_command_quietly(command: tuple[str, ...]) -> None:
    """``goalkit validate … | head``: when standard output's reader has gone, the
    command stops with 141 (as a shell reports a program ended by SIGPIPE) and says
    nothing, instead of an internal error (exit 3) blaming goalkit, or Python's own
    complaint at exit. The pipe here is closed before anything is written."""
    with subprocess.Popen([*GOALKIT, *command], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        proc.stdout.close()
        err = proc.stderr.read().decode()
        proc.wait(timeout=120)
    assert (proc.returncode, err) == (ExitCode.OUTPUT_CLOSED, "")


def test_a_broken_pipe_elsewhere_is_still_an_error(caplog: pytest.LogCaptureFixture) -> None:
    """Only standard output's reader going away is quiet: a broken pipe a command meets
    elsewhere (a plugin's connection) is reported like any other failure."""
    from goalkit.cli._main import run_guarded  # noqa: PLC0415

    def body() -> int:
        raise BrokenPipeError(32, "Broken pipe")

    assert run_guarded(body) == ExitCode.INTERNAL_ERROR
    assert "BrokenPipeError" in caplog.text


def test_ctrl_c_exits_130_not_as_bad_input(monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """An interrupted command (Ctrl-C) says ``Aborted.`` and exits 130, as a shell reports
    one, not 2, which a script would read as bad input."""
    import goalkit.data._read  # noqa: PLC0415

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(goalkit.data._read, "check_data", interrupted)
    assert main(["validate", "--data", DATA]) == ExitCode.INTERRUPTED == 130
    assert "Aborted." in capsys.readouterr().err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full to write to")
@pytest.mark.parametrize("command", [
    ("evaluate", GOALS, "--data", DATA, "--as-of", AS_OF.isoformat(), "--format", "json"),
    ("validate", "--data", DATA),
])
def test_a_full_disk_is_said_plainly_not_as_a_bug(command: tuple[str, ...]) -> None:
    """Standard output redirected to a full disk: the message says so and the command
    exits 2, as for a report file that cannot be written, not 3 with a request to report a
    bug in goalkit."""
    with Path("/dev/full").open("w") as full:
        done = subprocess.run([*GOALKIT, *command], stdout=full, stderr=subprocess.PIPE,
                              text=True, check=False)
    assert done.returncode == ExitCode.BAD_INPUT, done.stderr
    assert "No space left on device" in done.stderr
    assert "bug" not in done.stderr


def test_the_script_tunes_the_collector_of_its_own_process_only(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The ``goalkit`` script (and ``python -m goalkit``) owns its process: it collects its
    youngest objects less often and freezes every object when the command is done, so that
    shutdown does not walk them; ``main``, as a host or a test calls it, leaves the
    collector as it is. (Collector calls recorded, not made: this process goes on.)"""
    import gc  # noqa: PLC0415

    from goalkit.cli import script  # noqa: PLC0415

    calls: list[tuple[object, ...]] = []
    monkeypatch.setattr(gc, "set_threshold", lambda *a: calls.append(("threshold", *a)))
    monkeypatch.setattr(gc, "freeze", lambda: calls.append(("freeze",)))
    monkeypatch.setattr(sys, "argv", ["goalkit", "--version"])
    assert script() == ExitCode.OK
    assert calls == [("threshold", 10_000, *gc.get_threshold()[1:]), ("freeze",)]
    calls.clear()
    assert main(["--version"]) == ExitCode.OK
    assert calls == []


def test_the_script_ends_as_main_does() -> None:
    """The same exit codes and output through the script as through ``main``: a goal not
    met (1), bad input (2)."""
    quickstart = Path(__file__).resolve().parents[1] / "examples" / "quickstart"
    run = [sys.executable, "-m", "goalkit", "evaluate", str(quickstart / "goals.toml"),
           "--data", str(quickstart / "data"), "--as-of", "2015-06-15"]
    done = subprocess.run(run, capture_output=True, text=True, check=False)
    assert done.returncode == main(run[3:]) == ExitCode.GOALS_OPEN
    assert "goal" in done.stdout
    bad = subprocess.run([*run[:-1], "not-a-date"], capture_output=True, text=True,
                         check=False)
    assert bad.returncode == ExitCode.BAD_INPUT
    assert "not-a-date" in bad.stderr
