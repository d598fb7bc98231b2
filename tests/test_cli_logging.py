"""Command-line habits: ``-q``/``-v`` on every command, and every message a record of a
``goalkit.*`` logger that a host can route; the library never configures logging."""

from __future__ import annotations

import importlib
import logging
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import click
import pytest
from plugin_helpers import write_distribution

from goalkit.cli import ExitCode, main
from goalkit.cli._log import _handler, cli_logging, say
from goalkit.cli._main import _with_common_options
from goalkit.plugins import make_plugin_manager

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parents[1]
GOALS = str(ROOT / "examples/quickstart/goals.toml")
DATA = str(ROOT / "examples/quickstart/data")
GOALKIT = (sys.executable, "-c", "import sys; from goalkit.cli import main; sys.exit(main())")


class Collect(logging.Handler):
    """A host's handler: keeps every record."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def report(out: Path, *more: str) -> list[str]:
    return ["report", GOALS, "--data", DATA, "--as-of", "2015-06-15", "--format", "md",
            "--out", str(out), *more]


def test_the_library_only_adds_a_null_handler() -> None:
    """``import goalkit`` leaves logging as it was, but for a NullHandler on ``goalkit``
    (no "No handlers could be found" and no output a host did not ask for)."""
    done = subprocess.run(
        [sys.executable, "-c",
         "import logging, goalkit, goalkit.cli, goalkit.engine, goalkit.reports;"
         "top = logging.getLogger('goalkit');"
         "print([type(h).__name__ for h in top.handlers], top.level,"
         " logging.getLogger().handlers)"],
        capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['NullHandler'] 0 []"


def test_a_host_routes_the_messages_and_main_leaves_logging_as_it_found_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The file written is an information record of ``goalkit.cli``; the --fail-on
    verdict a warning; both reach a host's handler on the ``goalkit`` logger, and the
    command line's own handler is gone once ``main`` returns."""
    top = logging.getLogger("goalkit")
    before = (list(top.handlers), top.level)
    host = Collect()
    top.addHandler(host)
    try:
        code = main(report(tmp_path / "r.md", "--fail-on", "pending"))
    finally:
        top.removeHandler(host)
    assert code == ExitCode.GOALS_OPEN
    assert (list(top.handlers), top.level) == before
    seen = [(r.name, r.levelno) for r in host.records]
    assert ("goalkit.cli", logging.INFO) in seen
    assert ("goalkit.cli", logging.WARNING) in seen
    written = next(r for r in host.records if r.levelno == logging.INFO)
    assert written.getMessage() == str(tmp_path / "r.md")
    err = capsys.readouterr().err
    assert err.splitlines()[0] == str(tmp_path / "r.md")
    assert "goalkit: warning: 5 of 7 goal(s) as of 2015-06-15" in err


@pytest.mark.parametrize(
    ("flags", "shows_path", "shows_warning", "shows_debug"),
    [
        ((), True, True, False),
        (("-v",), True, True, True),
        (("-q",), False, True, False),
        (("-qq",), False, False, False),
        (("-q", "-q", "-v"), False, True, False),
    ],
)
def test_quiet_and_verbose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: tuple[str, ...],
    shows_path: bool, shows_warning: bool, shows_debug: bool,
) -> None:
    """Default: the files written and warnings; ``-v`` adds debug messages; ``-q`` leaves
    warnings and errors; ``-qq`` errors only. The report is written either way."""
    out = tmp_path / "r.md"
    assert main(report(out, "--fail-on", "pending", *flags)) == ExitCode.GOALS_OPEN
    err = capsys.readouterr().err
    assert out.exists()
    assert (str(out) in err) is shows_path
    assert ("goalkit: warning:" in err) is shows_warning
    assert ("goalkit: debug:" in err) is shows_debug


def test_quiet_before_the_command_and_errors_always_show(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``goalkit -qq report …`` works too; an error is said even then (exit 2)."""
    assert main(["-qq", *report(tmp_path / "r.md")]) == ExitCode.OK
    assert capsys.readouterr().err == ""
    assert main(["-qq", "report", "no/such.toml", "--as-of", "2015-06-15"]) == \
        ExitCode.BAD_INPUT
    assert "goalkit: error: no/such.toml: no such file" in capsys.readouterr().err


def test_every_command_has_quiet_verbose_and_config() -> None:
    """Every built-in command, and a command a plugin registers (a copy: the plugin's own
    object is left alone, and an option name it uses itself is not taken)."""
    host = make_plugin_manager(entry_points=False, builtin=["goalkit.cli._plugin"])
    assert {"evaluate", "report", "validate", "config"} <= set(host.commands)
    for entry in host.commands.entries():
        opts = {o for p in entry.item.params for o in getattr(p, "opts", ())}
        assert {"-q", "--quiet", "-v", "--verbose"} <= opts, entry.name
        if entry.name != "config":
            assert "--config" in opts, entry.name

    @click.command("plugin-cmd")
    @click.option("-v", "--version-of", "version_of")
    def plugin_cmd(version_of: str | None) -> None:
        click.echo(version_of)

    made = _with_common_options(plugin_cmd)
    assert made is not plugin_cmd
    assert [p.name for p in plugin_cmd.params] == ["version_of"]
    names = [p.name for p in made.params]
    assert names[0] == "version_of"
    assert "quiet" in names
    assert "verbose" not in names  # -v is the plugin's own


def test_messages_in_a_pipe_have_no_progress_bar_and_q_is_silent(tmp_path: Path) -> None:
    """In a pipe ``-q`` leaves standard error empty when nothing is wrong."""
    done = subprocess.run([*GOALKIT, *report(tmp_path / "r.md", "-q")], capture_output=True,
                          text=True, check=False, cwd=ROOT)
    assert done.returncode == ExitCode.OK, done.stderr
    assert done.stderr == ""
    assert "offer-6m" in (tmp_path / "r.md").read_text(encoding="utf-8")


PLUGIN_COMMAND = '''
import logging

import click
from goalkit.plugins import hookimpl


@click.command("greet")
@click.option("--name", default="world")
def greet(name):
    """Greets."""
    logging.getLogger("goalkit.greeter").warning("greeting %s", name)
    click.echo(f"hello {name}")


@hookimpl
def goalkit_register_commands(commands):
    commands.add("greet", greet)
'''


@pytest.fixture
def greeter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """An installed plugin whose command logs a warning under ``goalkit.greeter``."""
    site = tmp_path / "site"
    write_distribution(site, "goalkit-greeter", "1.0", {"greeter": "goalkit_greeter.plugin"},
                       {"goalkit_greeter/__init__.py": "",
                        "goalkit_greeter.plugin": PLUGIN_COMMAND})
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("GOALKIT_PLUGINS_ALLOW", "greeter")
    monkeypatch.delenv("GOALKIT_PLUGINS_BLOCK", raising=False)
    monkeypatch.delenv("GOALKIT_PLUGINS_STRICT", raising=False)
    importlib.invalidate_caches()
    yield
    for name in [m for m in sys.modules if m.split(".")[0] == "goalkit_greeter"]:
        del sys.modules[name]
    importlib.invalidate_caches()


@pytest.mark.usefixtures("greeter")
def test_a_plugin_command_gets_the_options_and_its_messages_are_routed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plugin's command takes ``-q``, ``-v`` and ``--config`` like a built-in one: its
    own records under ``goalkit.*`` are shown as goalkit's, quieted by ``-qq``, and its
    options are keys of the configuration."""
    assert main(["greet"]) == ExitCode.OK
    assert capsys.readouterr() == ("hello world\n", "goalkit: warning: greeting world\n")
    assert main(["greet", "-qq", "--name", "you"]) == ExitCode.OK
    assert capsys.readouterr() == ("hello you\n", "")
    (tmp_path / "goalkit.toml").write_text('[greet]\nname = "configured"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["greet", "-q"]) == ExitCode.OK
    assert capsys.readouterr() == ("hello configured\n",
                                   "goalkit: warning: greeting configured\n")


def test_a_command_line_writes_only_its_own_thread_s_records(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A host running command lines in several threads: each writes what its own thread
    logs; a record of another thread is not written twice, and still reaches the host."""
    top = logging.getLogger("goalkit")
    host = Collect()
    top.addHandler(host)
    try:
        with cli_logging():
            handler = _handler()
            assert handler is not None
            handler.settle()
            other = threading.Thread(target=say, args=(logging.WARNING, "another thread's"))
            other.start()
            other.join()
            say(logging.WARNING, "this thread's")
    finally:
        top.removeHandler(host)
    assert capsys.readouterr().err == "goalkit: warning: this thread's\n"
    assert [r.getMessage() for r in host.records] == ["another thread's", "this thread's"]
