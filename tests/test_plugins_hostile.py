"""Broken and hostile plugins, end to end through the command line: each is installed as
a real distribution (an entry point in a ``.dist-info``), and each gets the exit code and
the message it must get. A plugin fails alone and is named with its distribution and
version; a plugin's failure is exit 3 ("internal error in a plugin"), never 0 ("every
goal met"), 1 ("not met") or 2 ("bad input"); strict mode refuses to run."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plugin_helpers import PROJECT_TOML, write_distribution
from strategies import datasets, projects

import goalkit
from goalkit.cli import main

if TYPE_CHECKING:
    from collections.abc import Iterator

ENV = ("GOALKIT_PLUGINS_ALLOW", "GOALKIT_PLUGINS_BLOCK", "GOALKIT_PLUGINS_STRICT")
DIST, VERSION = "goalkit-hostile", "6.6.6"
WHO = f"plugin hostile ({DIST} {VERSION})"
SRC = str(Path(goalkit.__file__).resolve().parents[1])  # the goalkit under test

HEAD = '''
import sys
from types import SimpleNamespace
import goalkit
from goalkit.plugins import hookimpl
'''

KIND = '''
from typing import ClassVar
from attrs import frozen
from goalkit.indicators import share_summary
from goalkit.model import PersonIndicator, Unit

@frozen
class Exploding(PersonIndicator):
    kind: ClassVar[str] = "exploding"
    unit: ClassVar[Unit] = Unit.SHARE

    def classify(self, person, ctx):
        raise ZeroDivisionError("classify blew up")

    def classify_frame(self, frames, ctx):
        raise ZeroDivisionError("classify blew up")

    def summarize(self, tally, ctx):
        return share_summary(tally, ctx)

@hookimpl
def goalkit_register_kinds(kinds):
    kinds.add("exploding", Exploding)
'''

KIND_WITHOUT_FRAME = KIND.replace('''
    def classify_frame(self, frames, ctx):
        raise ZeroDivisionError("classify blew up")
''', "")

GOALS_WITH_KIND = PROJECT_TOML.format(id="kinds").replace(
    'indicator = { kind = "count" }', 'indicator = { kind = "exploding" }').replace(
    "at_least = 2", "at_least = 0.5")


def _raiser(hook: str, arg: str, what: str = 'raise ValueError("hook failed")') -> str:
    return f"\n@hookimpl\ndef {hook}({arg}):\n    {what}\n"


HOOK_ARGS = {
    "goalkit_register_kinds": "kinds",
    "goalkit_register_loaders": "loaders",
    "goalkit_register_formats": "formats",
    "goalkit_register_commands": "commands",
    "goalkit_register_projects": "projects",
    "goalkit_register_examples": "examples",
}

PROJECT = '''
@hookimpl
def goalkit_register_projects(projects):
    projects.add("hostile-project", lambda: goalkit.loads_goals(GOALS))
'''


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder on sys.path for the fake distributions; no GOALKIT_PLUGINS_* set, except
    an allow-list of the hostile plugins' entry points (the installed seed plugins are
    left out, to keep each case to itself)."""
    for name in ENV:  # set, then removed: what a test sets is undone after it
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    monkeypatch.setenv("GOALKIT_PLUGINS_ALLOW", "hostile,other,counting")
    folder = tmp_path / "site"
    monkeypatch.syspath_prepend(str(folder))
    yield folder
    for name in list(sys.modules):
        if name.split(".")[0] in {"goalkit_hostile", "goalkit_other", "goalkit_counting"}:
            del sys.modules[name]
    importlib.invalidate_caches()


def install(site: Path, source: str, *, name: str = "hostile", dist: str = DIST,
            version: str = VERSION) -> None:
    """One distribution with one plugin module, ``source`` after the common imports."""
    package = f"goalkit_{name}"
    goals = f"\nGOALS = '''{PROJECT_TOML.format(id=name + '-project')}'''\n"
    write_distribution(site, dist, version, {name: f"{package}.plugin"},
                       {f"{package}/__init__.py": "",
                        f"{package}.plugin": HEAD + goals + textwrap.dedent(source)})
    importlib.invalidate_caches()


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A goal file (at least 2 enrolled by the end of 2024) and data meeting it."""
    (tmp_path / "goals.toml").write_text(PROJECT_TOML.format(id="own"), encoding="utf-8")
    (tmp_path / "kinds.toml").write_text(GOALS_WITH_KIND, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "participants.csv").write_text(
        "participant_id,enrolled,sex\na,2024-02-01,F\nb,2024-03-01,M\n", encoding="utf-8")
    return tmp_path


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def evaluate(work: Path, target: str = "goals.toml") -> list[str]:
    goal = str(work / target) if target.endswith(".toml") else target
    return ["evaluate", goal, "--data", str(work / "data"), "--as-of", "2025-01-15",
            "--format", "json"]


def subprocess_cli(site: Path, *args: str, env: dict[str, str] | None = None
                   ) -> subprocess.CompletedProcess[str]:
    """``goalkit`` in a process of its own (for what ends processes: sys.exit, Ctrl-C)."""
    environ = {k: v for k, v in os.environ.items() if k not in ENV}
    environ.update({"PYTHONPATH": os.pathsep.join([str(site), SRC]),
                    "GOALKIT_PLUGINS_ALLOW": "hostile"}, **(env or {}))
    code = "import sys; from goalkit.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                          text=True, env=environ, check=False, timeout=120)


# -- at import ------------------------------------------------------------------------------

IMPORT_FAILURES = [
    ("raise RuntimeError('broken at import')", "RuntimeError: broken at import"),
    ("import goalkit_no_such_module",
     "ModuleNotFoundError: No module named 'goalkit_no_such_module'"),
    ("sys.exit(0)", "called sys.exit(0) (SystemExit)"),
    ("sys.exit('goodbye')", "called sys.exit('goodbye') (SystemExit)"),
    ("raise GeneratorExit('odd')", "GeneratorExit: odd"),
    ("class Odd(BaseException): pass\nraise Odd('a BaseException of its own')",
     "Odd: a BaseException of its own"),
]


@pytest.mark.parametrize(("statement", "said"), IMPORT_FAILURES)
def test_a_plugin_failing_at_import_fails_alone_and_is_named(
    site: Path, work: Path, capsys: pytest.CaptureFixture[str], statement: str, said: str,
) -> None:
    """Whatever a plugin raises at import (``SystemExit`` and other ``BaseException``
    included): the command still runs, with a warning naming the plugin, distribution
    and version; its project's id exits 3 naming it; strict mode exits 3."""
    install(site, PROJECT + statement + "\n")
    code, out, err = cli(capsys, *evaluate(work))
    assert code == 0, err
    assert json.loads(out)["project_id"] == "own"
    assert f"warning: {WHO}: cannot be imported (goalkit_hostile.plugin): {said}" in err
    code, out, err = cli(capsys, *evaluate(work, "hostile-project"))
    assert (code, out) == (3, "")
    assert "unknown project 'hostile-project'" in err
    assert f"{WHO}: cannot be imported" in err
    os.environ["GOALKIT_PLUGINS_STRICT"] = "1"
    code, out, err = cli(capsys, *evaluate(work))
    assert (code, out) == (3, "")
    assert f"error: {WHO}: cannot be imported (goalkit_hostile.plugin): {said}" in err
    assert "(strict mode: GOALKIT_PLUGINS_STRICT)" in err


def test_sys_exit_0_at_import_does_not_end_the_host(site: Path, work: Path) -> None:
    """The case that ended goalkit with exit 0 ("every goal met") and no output: in a
    process of its own, the plugin's project exits 3 naming the plugin, and in strict mode
    so does every command."""
    install(site, PROJECT + "sys.exit(0)\n")
    done = subprocess_cli(site, *evaluate(work, "hostile-project"))
    assert done.returncode == 3, done.stderr
    assert f"{WHO}: cannot be imported (goalkit_hostile.plugin): called sys.exit(0)" in done.stderr
    done = subprocess_cli(site, *evaluate(work), env={"GOALKIT_PLUGINS_STRICT": "1"})
    assert (done.returncode, done.stdout) == (3, "")
    assert "called sys.exit(0)" in done.stderr
    done = subprocess_cli(site, *evaluate(work))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["project_id"] == "own"


def test_keyboard_interrupt_at_import_stops_and_names_the_plugin(site: Path, work: Path) -> None:
    """A KeyboardInterrupt in a plugin's import may be the user's Ctrl-C: it is never
    taken as that plugin's failure alone (the command stops, lenient mode too), and it is
    named; exit 3."""
    install(site, PROJECT + "raise KeyboardInterrupt\n")
    done = subprocess_cli(site, *evaluate(work))
    assert (done.returncode, done.stdout) == (3, "")
    assert (f"{WHO}: interrupted (KeyboardInterrupt) while importing goalkit_hostile.plugin"
            in done.stderr)
    assert "Traceback" not in done.stderr


def test_make_plugin_manager_lets_no_system_exit_escape(site: Path) -> None:
    """A host calling make_plugin_manager() gets a failure, not a SystemExit."""
    from goalkit.plugins import make_plugin_manager  # noqa: PLC0415

    install(site, PROJECT + "sys.exit(0)\n")
    host = make_plugin_manager(environ={"GOALKIT_PLUGINS_ALLOW": "hostile"})
    (failure,) = host.failures
    assert (failure.name, failure.distribution, failure.version, failure.stage) == (
        "hostile", DIST, VERSION, "import")
    assert "called sys.exit(0)" in failure.error
    assert not host.pm.has_plugin("hostile")
    assert "hostile-project" not in host.projects


# -- in a registering hook ---------------------------------------------------------------------


@pytest.mark.parametrize("hook", sorted(HOOK_ARGS))
@pytest.mark.parametrize(("raised", "said"), [
    ('raise ValueError("hook failed")', "ValueError: hook failed"),
    ("sys.exit(0)", "called sys.exit(0) (SystemExit)"),
])
def test_a_hook_that_raises_fails_its_plugin_alone(
    site: Path, work: Path, capsys: pytest.CaptureFixture[str], hook: str, raised: str,
    said: str,
) -> None:
    """Any registering hook raising (an exception or sys.exit): the plugin is skipped
    whole (its project too), named; the command runs; strict mode exits 3."""
    install(site, PROJECT + _raiser(hook, HOOK_ARGS[hook], raised))
    code, out, err = cli(capsys, *evaluate(work))
    assert code == 0, err
    assert f"warning: {WHO}: {hook} raised {said}" in err
    code, out, err = cli(capsys, *evaluate(work, "hostile-project"))
    assert (code, out) == (3, "")
    os.environ["GOALKIT_PLUGINS_STRICT"] = "1"
    code, out, err = cli(capsys, *evaluate(work))
    assert (code, out) == (3, "")
    assert f"error: {WHO}: {hook} raised {said}" in err


def test_keyboard_interrupt_in_a_hook_stops_and_names_the_plugin(
    site: Path, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A KeyboardInterrupt in a hook stops the command (never swallowed), naming the
    plugin; exit 3."""
    install(site, PROJECT + _raiser("goalkit_register_formats", "formats",
                                    "raise KeyboardInterrupt"))
    code, out, err = cli(capsys, *evaluate(work))
    assert (code, out) == (3, "")
    assert f"{WHO}: interrupted (KeyboardInterrupt) in goalkit_register_formats" in err


def test_a_wrapper_that_raises_fails_alone(
    site: Path, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A hook wrapper (pluggy's ``wrapper=True``) that raises after the others ran fails
    its plugin alone; the formats the others registered are all there."""
    install(site, PROJECT + '''
@hookimpl(wrapper=True)
def goalkit_register_formats(formats):
    yield
    raise RuntimeError("wrapper failed")
''')
    code, out, err = cli(capsys, "report", work / "goals.toml", "--data", work / "data",
                         "--as-of", "2025-01-15", "--format", "md")
    assert code == 0, err
    assert f"warning: {WHO}: goalkit_register_formats raised RuntimeError: wrapper failed" in err
    assert out


@pytest.mark.parametrize(("source", "said"), [
    ('''
class Fmt:
    suffix, binary = ".txt", False
    @property
    def description(self):
        raise RuntimeError("no description today")
    def render(self, reports, **kw):
        return ""

@hookimpl
def goalkit_register_formats(formats):
    formats.add("odd", Fmt())
''', "format 'odd' cannot be used: RuntimeError: no description today"),
    ('''
@hookimpl
def goalkit_register_projects(projects):
    projects.add("twice", lambda: None)
    projects.add("twice", lambda: None)
''', "goalkit_register_projects raised ValueError: project 'twice' is added twice by this "
        "same plugin"),
    ('''
class Fmt:
    description, suffix, binary = "not json", ".json", False
    def render(self, reports, **kw):
        return "{}"

@hookimpl
def goalkit_register_formats(formats):
    formats.add("json", Fmt())
''', "format 'json' is registered by both 'goalkit.reports._plugin' and 'hostile'"),
])
def test_a_plugin_registering_something_unusable_fails_alone(
    site: Path, work: Path, capsys: pytest.CaptureFixture[str], source: str, said: str
) -> None:
    """An item whose own code fails when checked, a name added twice by one plugin, a
    built-in name taken: the plugin is skipped (named), the built-ins stay, the command
    runs; strict mode exits 3."""
    install(site, source)
    code, out, err = cli(capsys, *evaluate(work))
    assert code == 0, err
    assert f"warning: {WHO}: {said}" in err
    os.environ["GOALKIT_PLUGINS_STRICT"] = "1"
    code, out, err = cli(capsys, *evaluate(work))
    assert (code, out) == (3, "")
    assert said in err


# -- duplicate names ---------------------------------------------------------------------------


def test_a_duplicate_project_id_names_both_until_one_is_picked(
    site: Path, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two distributions registering the same project id: whichever sorts first takes
    nothing over; the bare id exits 3 naming both, in every mode; ``PLUGIN:ID`` picks."""
    same = '''
@hookimpl
def goalkit_register_projects(projects):
    projects.add("same", lambda: goalkit.loads_goals(GOALS.replace('"{pid}-project"', '"same"')))
'''
    install(site, same.replace("{pid}", "hostile"))
    install(site, same.replace("{pid}", "other"), name="other", dist="goalkit-other",
            version="1.0")
    code, out, err = cli(capsys, *evaluate(work, "same"))
    assert (code, out) == (3, "")
    assert ("project 'same' is registered by both 'hostile' and 'other'; pick one by name "
            "(hostile:same or other:same)") in err
    code, out, err = cli(capsys, *evaluate(work, "other:same"))
    assert code == 0, err
    assert json.loads(out)["project_id"] == "same"
    code, _, err = cli(capsys, "plugins", "--format", "json")
    assert code == 0
    assert {"registry": "projects", "name": "same", "plugins": ["hostile", "other"]} in (
        json.loads(_)["conflicts"])
    os.environ["GOALKIT_PLUGINS_STRICT"] = "1"
    code, out, err = cli(capsys, *evaluate(work))
    assert (code, out) == (3, "")
    assert "'hostile' and 'other'" in err


def test_a_duplicate_command_names_both_until_one_is_picked(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two plugins adding the command ``hello``: ``goalkit hello`` exits 3 naming both;
    ``goalkit other:hello`` runs the other's."""
    hello = '''
import click

@click.command("hello")
def hello():
    click.echo("hello from {who}")

@hookimpl
def goalkit_register_commands(commands):
    commands.add("hello", hello)
'''
    install(site, hello.replace("{who}", "hostile"))
    install(site, hello.replace("{who}", "other"), name="other", dist="goalkit-other",
            version="1.0")
    code, out, err = cli(capsys, "hello")
    assert (code, out) == (3, "")
    assert "command 'hello' is registered by both 'hostile' and 'other'" in err
    code, out, err = cli(capsys, "other:hello")
    assert (code, out) == (0, "hello from other\n"), err


# -- when used ---------------------------------------------------------------------------------

GREEDY = '''
class Greedy:
    description = "reads anything"
    def can_load(self, source):
        return True
    def load(self, source, *, mapping=None):
        return {"not": "a dataset"}

@hookimpl
def goalkit_register_loaders(loaders):
    loaders.add("aaa-greedy", Greedy())
'''

CAN_LOAD_RAISES = GREEDY.replace("return True", "raise OSError('cannot tell')")
LOAD_EXITS = GREEDY.replace('return {"not": "a dataset"}', "sys.exit(0)")

FORMAT = '''
class Fmt:
    description, suffix, binary = "hostile", ".txt", False
    def render(self, reports, *, project=None, lang="sv", options=None):
        {body}

@hookimpl
def goalkit_register_formats(formats):
    formats.add("hostile-fmt", Fmt())
'''

COMMAND = '''
import click

@click.command("explode")
def explode():
    """Explodes."""
    raise RuntimeError("command blew up")

@hookimpl
def goalkit_register_commands(commands):
    commands.add("explode", explode)
'''

FACTORY_EXITS = '''
@hookimpl
def goalkit_register_projects(projects):
    projects.add("hostile-project", lambda: sys.exit(0))
'''


def report(work: Path, *formats: str) -> list[str]:
    args = ["report", str(work / "goals.toml"), "--data", str(work / "data"),
            "--as-of", "2025-01-15"]
    for f in formats:
        args += ["--format", f]
    return args


USED = [
    ("greedy loader returning junk", GREEDY, "evaluate",
     "loader 'aaa-greedy' returned dict, not a goalkit.Dataset"),
    ("loader whose can_load raises", CAN_LOAD_RAISES, "evaluate",
     "loader 'aaa-greedy': can_load raised OSError: cannot tell"),
    ("loader whose load calls sys.exit", LOAD_EXITS, "evaluate",
     "loader 'aaa-greedy': load raised called sys.exit(0)"),
    ("format whose render raises", FORMAT.replace("{body}", "raise ValueError('no')"),
     "report", "format 'hostile-fmt': render raised ValueError: no"),
    ("format returning junk", FORMAT.replace("{body}", "return None"), "report",
     "format 'hostile-fmt' returned NoneType, not text or bytes"),
    ("format mutating the results", FORMAT.replace(
        "{body}", "reports[0].results[0].breakdowns['sex'] = {}"), "report",
     "format 'hostile-fmt': render raised TypeError"),
    ("kind whose classify raises", KIND, "kinds",
     "ZeroDivisionError: classify blew up"),
    ("kind failing in a method it inherits", KIND_WITHOUT_FRAME, "kinds",
     "NotImplementedError"),
    ("command that raises", COMMAND, "explode", "RuntimeError: command blew up"),
    ("project factory calling sys.exit", FACTORY_EXITS, "hostile-project",
     "project 'hostile-project' could not be built: called sys.exit(0)"),
]


@pytest.mark.parametrize(("case", "source", "command", "said"), USED,
                         ids=[u[0] for u in USED])
def test_a_plugin_failing_when_used_exits_3_naming_it(
    site: Path, work: Path, capsys: pytest.CaptureFixture[str], case: str, source: str,
    command: str, said: str,
) -> None:
    """A plugin's loader, format, kind, command or project factory that fails when used
    (raises, calls sys.exit, returns junk, mutates what it is given): exit 3, no output,
    the plugin named with its distribution and version, no traceback."""
    install(site, source)
    args = {"evaluate": evaluate(work), "report": report(work, "hostile-fmt"),
            "kinds": evaluate(work, "kinds.toml"), "explode": ["explode"],
            "hostile-project": evaluate(work, "hostile-project")}[command]
    code, out, err = cli(capsys, *args)
    assert (code, out) == (3, ""), (case, err)
    assert f"goalkit: error: {WHO}: " in err
    assert said in err
    assert "internal error in a plugin" in err
    assert "Traceback" not in err


def test_a_command_that_raises_in_its_own_process(site: Path) -> None:
    """The command that printed a traceback and exited 1 ("not met"): exit 3, named."""
    install(site, COMMAND)
    done = subprocess_cli(site, "explode")
    assert done.returncode == 3
    assert f"{WHO}: RuntimeError: command blew up" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_format_cannot_change_what_the_next_format_renders(
    site: Path, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A format gets its own frozen copy: even one that forces a change through
    ``object.__setattr__`` leaves the JSON rendered after it as it is alone."""
    install(site, FORMAT.replace("{body}", '''
        r = reports[0].results[0]
        object.__setattr__(r, "goal_id", "tampered")
        object.__setattr__(reports[0], "project_id", "tampered")
        return "done"'''))
    code, alone, err = cli(capsys, *report(work, "json"))
    assert code == 0, err
    out = work / "out"
    code, _, err = cli(capsys, *report(work, "hostile-fmt", "json"), "--out", out)
    assert code == 0, err
    (written,) = out.glob("*.json")
    assert written.read_text(encoding="utf-8") == alone
    assert "tampered" not in alone


# -- each hook once ----------------------------------------------------------------------------

COUNTING = "\nCALLS = []\n" + "".join(
    f"\n@hookimpl\ndef {hook}({arg}):\n    CALLS.append({hook!r})\n"
    for hook, arg in HOOK_ARGS.items())


@pytest.mark.parametrize("command", ["evaluate", "report", "validate", "plugins"])
def test_each_hook_is_called_once_per_command(
    site: Path, work: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """Every registering hook runs exactly once per command (it ran twice: once for the
    command list, once in the command)."""
    install(site, COUNTING, name="counting", dist="goalkit-counting", version="1.0")
    args = {"evaluate": evaluate(work), "report": report(work, "md"),
            "validate": ["validate", "--data", str(work / "data")],
            "plugins": ["plugins"]}[command]
    code, _, err = cli(capsys, *args)
    assert code == 0, err
    calls: list[str] = sys.modules["goalkit_counting.plugin"].CALLS
    assert sorted(calls) == sorted(HOOK_ARGS)


def test_hooks_go_through_pluggy_ordering_and_wrappers(site: Path) -> None:
    """Hooks are called through pluggy: a ``tryfirst`` implementation runs before the
    built-in ones, and a wrapper sees what every plugin registered."""
    from goalkit.plugins import make_plugin_manager  # noqa: PLC0415

    install(site, '''
SEEN = []

@hookimpl(tryfirst=True)
def goalkit_register_loaders(loaders):
    SEEN.append(sorted(loaders))

@hookimpl(wrapper=True)
def goalkit_register_formats(formats):
    result = yield
    SEEN.append(sorted(formats))
    return result
''')
    host = make_plugin_manager(environ={"GOALKIT_PLUGINS_ALLOW": "hostile"})
    assert host.failures == ()
    first, formats = sys.modules["goalkit_hostile.plugin"].SEEN
    assert first == []
    assert {"json", "md", "html", "xlsx", "table"} <= set(formats)


# -- what a format is handed -------------------------------------------------------------------


def _mutable_parts(value: object, path: str = "report") -> Iterator[str]:
    import attrs  # noqa: PLC0415

    if attrs.has(type(value)):
        for f in attrs.fields(type(value)):
            yield from _mutable_parts(getattr(value, f.name), f"{path}.{f.name}")
    elif isinstance(value, dict | list | set):
        yield path
    elif isinstance(value, Mapping):
        for k, v in value.items():
            yield from _mutable_parts(v, f"{path}[{k!r}]")
    elif isinstance(value, tuple | frozenset):
        for i, v in enumerate(value):
            yield from _mutable_parts(v, f"{path}[{i}]")


@settings(max_examples=30, deadline=None)
@given(projects(), datasets(), st.sampled_from(["sex", "age_band"]))
def test_a_format_is_handed_an_equal_copy_with_nothing_mutable(
    project: goalkit.Project, data: goalkit.Dataset, breakdown: str
) -> None:
    """The copy a format renders equals the report, holds no dict, list or set anywhere,
    and renders the same JSON as the report itself, for either audience."""
    from goalkit.plugins import make_plugin_manager  # noqa: PLC0415
    from goalkit.reports import report_to_json  # noqa: PLC0415
    from goalkit.reports._render import frozen_reports  # noqa: PLC0415

    report = goalkit.evaluate(project, data, project.period.end, breakdowns=[breakdown])
    (copy,) = frozen_reports([report])
    assert copy == report
    assert copy is not report
    assert list(_mutable_parts(copy)) == []
    host = make_plugin_manager(entry_points=False, environ={})
    json_format = host.format("json")
    for audience in ("public", "internal"):
        options = {"audience": audience}
        assert json_format.render([copy], options=options) == json_format.render(
            [report], options=options)
    assert report_to_json(copy) == report_to_json(report)


def test_a_breakdowns_cells_are_copied_for_a_format_when_it_reads_them() -> None:
    """A format's copy of a breakdown makes its cells only when it reads them (a register's
    20,000 cells are not copied for a format that never reads them), and a cell it changes
    through ``object.__setattr__`` is its own: the report and the next copy keep theirs."""
    from goalkit.goals import Level, Text  # noqa: PLC0415
    from goalkit.model._result import Cell, Cells, GoalResult, Report  # noqa: PLC0415
    from goalkit.reports import report_to_json  # noqa: PLC0415
    from goalkit.reports._render import frozen_reports  # noqa: PLC0415

    made: list[str] = []

    def make(category: str) -> Cell:
        made.append(category)
        return Cell(value=0.5, success=5, failure=5, pending=0, excluded=0, numerator=5,
                    denominator=10)

    cells = Cells([f"p{i}" for i in range(1000)], make)
    result = GoalResult(goal_id="g", level=Level.PROJECT, title=Text(en="G"),
                        wording="", interpretation=Text(), kind="share",
                        unit=goalkit.Unit.SHARE, status=goalkit.Status.MET,
                        as_of=dt.date(2025, 1, 1), due=None, target=None, value=0.5,
                        success=5000, failure=5000, pending=0, numerator=5000,
                        denominator=10000, breakdowns={"project": cells})
    report = Report(project_id="p", project_name=Text(en="P"),
                    as_of=dt.date(2025, 1, 1), results=(result,))
    (copy,) = frozen_reports([report])
    assert made == []  # nothing read, nothing made
    theirs = copy.results[0].breakdowns["project"]
    assert theirs["p7"] == cells["p7"]
    assert theirs["p7"] is not cells["p7"]
    assert theirs["p7"] is theirs["p7"]  # made once, kept
    object.__setattr__(theirs["p7"], "value", 0.99)
    before = report_to_json(report)
    assert cells["p7"].value == 0.5
    (again,) = frozen_reports([report])
    assert again.results[0].breakdowns["project"]["p7"].value == 0.5
    assert report_to_json(report) == before
    assert list(_mutable_parts(again)) == []
