"""The plugin manager: built-ins, discovery, isolation of broken plugins, strict mode,
allow/block lists, duplicates, and the host's helpers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import click
import pluggy
import pytest
from plugin_helpers import forget_fakes, install_fakes, project, projects_plugin

import goalkit
from goalkit import DataError, DuplicateRegistrationError, PluginError, UnknownNameError
from goalkit.indicators import BUILTIN_KINDS
from goalkit.plugins import PluginHost, hookimpl, load_project, make_plugin_manager

if TYPE_CHECKING:
    from collections.abc import Iterator


def hooks(*functions: Any) -> SimpleNamespace:
    """A plugin object with these hook implementations."""
    return SimpleNamespace(**{f.__name__: f for f in functions})


def clean(**kwargs: Any) -> PluginHost:
    return make_plugin_manager(entry_points=False, environ={}, **kwargs)


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Three installed distributions: a good plugin, one that cannot be imported, and one
    with a misspelled hook."""
    site = tmp_path / "site"
    monkeypatch.syspath_prepend(str(site))
    yield install_fakes(site)
    forget_fakes()


def test_clean_manager_has_the_builtins() -> None:
    """A clean host: the 13 built-in kinds, the folder loader and the JSON format, all
    registered by goalkit-core's own plugin modules, no failures; no command (a library
    host does not import the command line)."""
    host = clean()
    assert host.kind_classes == BUILTIN_KINDS
    assert set(host.kinds) == {k.kind for k in BUILTIN_KINDS}
    assert len(host.kinds) == 13
    assert "folder" in host.loaders
    assert "json" in host.formats
    assert list(host.commands) == []
    assert list(host.projects) == []
    assert host.failures == ()
    assert all(p.builtin and p.distribution == "goalkit-core" for p in host.plugins)
    assert host.kinds.entry("count").plugin == "goalkit.plugins._builtin_kinds"


def test_the_command_line_registers_its_commands_as_built_ins() -> None:
    """The command line's host has its commands, from goalkit-core, and a plugin cannot
    take one of their names; a library host never imports the command line."""
    code = ("import sys; from goalkit.plugins import make_plugin_manager; "
            "make_plugin_manager(entry_points=False); "
            "print(sorted(m for m in sys.modules if m.startswith('goalkit.cli')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
    cli = clean(builtin=["goalkit.cli._plugin"])
    assert {"evaluate", "plugins", "new-plugin", "report", "validate"} <= set(cli.commands)
    assert cli.plugin("goalkit.cli._plugin").distribution == "goalkit-core"

    class Taker:
        @staticmethod
        @hookimpl
        def goalkit_register_commands(commands: Any) -> None:
            commands.add("evaluate", click.Command("evaluate"))

    taken = clean(builtin=["goalkit.cli._plugin"], plugins=[("taker", Taker())])
    assert [f.stage for f in taken.failures] == ["duplicate"]


def test_each_host_is_independent() -> None:
    """No global: registering a plugin in one host leaves another untouched."""
    a = clean(plugins=[projects_plugin("one")])
    b = clean()
    assert "one" in a.projects
    assert "one" not in b.projects
    assert a.projects is not b.projects


def test_import_of_goalkit_builds_no_manager() -> None:
    """goalkit keeps no plugin manager at module level."""
    for module in (goalkit, goalkit.plugins, goalkit.plugins._manager):
        assert not any(isinstance(v, pluggy.PluginManager | PluginHost)
                       for v in vars(module).values())


def test_installed_plugins_are_found_and_broken_ones_named(installed: list[Any]) -> None:
    """The good plugin loads from its entry point; the one that cannot be imported and
    the one with a misspelled hook are reported with name, distribution and version, and
    skipped; the good one still works."""
    host = make_plugin_manager(entry_points=installed, environ={})
    good = host.plugin("good")
    assert (good.distribution, good.version, good.builtin) == ("goalkit-good", "1.2.0", False)
    assert good.registers == {"projects": ("good-project",)}
    assert host.project("good-project").id == "good-project"
    failures = {f.name: f for f in host.failures}
    assert set(failures) == {"broken", "typo"}
    broken = failures["broken"]
    assert (broken.distribution, broken.version, broken.stage) == ("goalkit-broken", "0.3.1",
                                                                   "import")
    assert "goalkit_module_that_does_not_exist" in broken.error
    typo = failures["typo"]
    assert (typo.distribution, typo.version, typo.stage) == ("goalkit-typo", "2.0", "hook")
    assert "goalkit_register_project" in typo.error
    assert "never" not in host.projects
    assert str(broken).startswith("plugin broken (goalkit-broken 0.3.1): ")


def test_discovery_scans_the_entry_point_group(installed: list[Any]) -> None:
    """With the default ``entry_points=True`` the installed group ``goalkit`` is read."""
    host = make_plugin_manager(environ={})
    assert "good" in {p.name for p in host.plugins}
    assert {"broken", "typo"} <= {f.name for f in host.failures}


def test_strict_mode_raises_naming_the_plugins(installed: list[Any]) -> None:
    """Strict mode (argument or GOALKIT_PLUGINS_STRICT=1) turns failures into an error."""
    with pytest.raises(PluginError, match=r"broken \(goalkit-broken 0\.3\.1\)") as info:
        make_plugin_manager(entry_points=installed, environ={"GOALKIT_PLUGINS_STRICT": "1"})
    assert "typo (goalkit-typo 2.0)" in str(info.value)
    with pytest.raises(PluginError, match="typo"):
        make_plugin_manager(entry_points=installed, strict=True, block="broken", environ={})


def test_allow_and_block_lists_from_the_environment(installed: list[Any]) -> None:
    """GOALKIT_PLUGINS_ALLOW loads only the named entry points; GOALKIT_PLUGINS_BLOCK
    leaves the named ones out; both are listed as skipped, not failed."""
    host = make_plugin_manager(entry_points=installed, environ={"GOALKIT_PLUGINS_ALLOW": "good"})
    assert host.failures == ()
    assert "good-project" in host.projects
    assert set(host.skipped) == {"broken", "typo"}
    host = make_plugin_manager(
        entry_points=installed, environ={"GOALKIT_PLUGINS_BLOCK": " broken , typo "}
    )
    assert host.failures == ()
    assert host.skipped == {"broken": "blocked by GOALKIT_PLUGINS_BLOCK",
                            "typo": "blocked by GOALKIT_PLUGINS_BLOCK"}
    host = make_plugin_manager(entry_points=installed, environ={"GOALKIT_PLUGINS_BLOCK": "good"},
                               block=[], allow=None)
    assert "good-project" in host.projects  # an argument wins over the environment


def test_duplicate_names_both_plugins() -> None:
    """Two plugins registering the same project id: in every mode using the bare id is an
    error naming both (whichever sorts first takes nothing over), until the user picks one
    as ``PLUGIN:ID``; the rest of each plugin still works; strict mode refuses it."""
    first, second = ("first", projects_plugin("same", "a")), ("second", projects_plugin("same"))
    host = clean(plugins=[first, second])
    with pytest.raises(DuplicateRegistrationError) as info:
        host.project("same")
    assert (info.value.first, info.value.second, info.value.name) == ("first", "second", "same")
    assert "pick one by name (first:same or second:same)" in str(info.value)
    assert host.projects.entry("second:same").plugin == "second"
    assert host.projects.entry("first:same").plugin == "first"
    assert host.project("second:same").id == "same"
    assert host.project("a").id == "a"
    assert host.failures == ()
    assert [str(c) for c in host.conflicts] == [str(info.value)]
    assert host.plugin("second").registers == {"projects": ("same",)}
    with pytest.raises(DuplicateRegistrationError) as strict:
        clean(plugins=[first, second], strict=True)
    assert (strict.value.first, strict.value.second) == ("first", "second")
    with pytest.raises(UnknownNameError):
        host.project("third:same")


def test_a_plugin_cannot_take_a_builtin_name() -> None:
    """A plugin registering the name of a built-in format is the one skipped."""

    @hookimpl
    def goalkit_register_formats(formats: Any) -> None:
        formats.add("json", goalkit.plugins._manager)  # not even a format

    host = clean(plugins=[("imposter", hooks(goalkit_register_formats))])
    assert host.formats.entry("json").plugin == "goalkit.reports._plugin"
    assert [f.name for f in host.failures] == ["imposter"]


def test_a_failing_plugin_leaves_nothing_behind() -> None:
    """A plugin whose second hook raises is skipped whole: its first hook's projects are
    not registered either."""

    @hookimpl
    def goalkit_register_projects(projects: Any) -> None:
        projects.add("half", project)

    @hookimpl
    def goalkit_register_examples(examples: Any) -> None:
        msg = "bug in the plugin"
        raise RuntimeError(msg)

    plugin = SimpleNamespace(goalkit_register_projects=goalkit_register_projects,
                             goalkit_register_examples=goalkit_register_examples)
    host = clean(plugins=[("half", plugin)])
    assert "half" not in host.projects
    (failure,) = host.failures
    assert failure.stage == "hook"
    assert "goalkit_register_examples raised RuntimeError: bug in the plugin" in failure.error


@pytest.mark.parametrize(
    ("hook", "impl", "message"),
    [
        ("goalkit_register_kinds", lambda kinds: kinds.add("thing", int),
         "must be a subclass of PersonIndicator"),
        ("goalkit_register_commands", lambda commands: commands.add("thing", print),
         "must be a click.Command"),
        ("goalkit_register_loaders", lambda loaders: loaders.add("thing", object()),
         "lacks description"),
        ("goalkit_register_examples", lambda examples: examples.add("thing", {"as_of": 1}),
         "PluginExample"),
        ("goalkit_register_projects", lambda projects: projects.add("thing", "not callable"),
         "factory"),
    ],
)
def test_wrong_registrations_are_named(hook: str, impl: Any, message: str) -> None:
    """Registering something of the wrong type is a failure naming the plugin and item."""
    host = clean(plugins=[("wrong", SimpleNamespace(**{hook: hookimpl(impl)}))])
    (failure,) = host.failures
    assert (failure.name, failure.stage) == ("wrong", "validate")
    assert message in failure.error
    assert "'thing'" in failure.error


def test_unmarked_hook_functions_count() -> None:
    """A ``goalkit_*`` function without ``@hookimpl`` is still taken (as pytest does), so
    a forgotten decorator cannot silently disable a plugin."""

    def goalkit_register_projects(projects: Any) -> None:
        projects.add("unmarked", project)

    host = clean(plugins=[("p", hooks(goalkit_register_projects))])
    assert "unmarked" in host.projects


def test_hook_with_wrong_argument_is_refused() -> None:
    """pluggy's own validation (an argument the hook does not offer) is a failure."""

    @hookimpl
    def goalkit_register_projects(registry: Any) -> None:  # the argument is `projects`
        registry.add("x", project)

    host = clean(plugins=[("wrongarg", hooks(goalkit_register_projects))])
    (failure,) = host.failures
    assert (failure.name, failure.stage) == ("wrongarg", "register")


def test_project_factory_errors_name_the_plugin() -> None:
    """A factory that fails, or returns something else than a project, is a PluginError
    naming the plugin; an unknown id lists the known ones."""

    @hookimpl
    def goalkit_register_projects(projects: Any) -> None:
        projects.add("boom", lambda: 1 / 0)
        projects.add("wrong", lambda: "a project?")

    host = clean(plugins=[("mine", hooks(goalkit_register_projects))])
    with pytest.raises(PluginError, match=r"plugin mine: project 'boom' could not be built: "
                                          r"ZeroDivisionError"):
        host.project("boom")
    with pytest.raises(PluginError, match="returned str"):
        host.project("wrong")
    with pytest.raises(UnknownNameError, match="known: boom, wrong"):
        host.project("nope")


def test_load_data_picks_a_loader(tmp_path: Path) -> None:
    """The first loader that can read a source reads it; no loader is a DataError naming
    the source and listing the loaders."""
    host = clean()
    data = host.load_data(Path("examples/quickstart/data").resolve())
    assert data.source.endswith("data")
    with pytest.raises(DataError, match="no loader can read this source") as info:
        host.load_data(tmp_path / "nothing.xyz")
    assert "folder" in str(info.value)


def test_load_project_takes_a_path_or_an_id(tmp_path: Path) -> None:
    """load_project reads a goal file with the registered kinds, or builds a registered
    project; each call builds its own host unless one is given."""
    path = tmp_path / "goals.toml"
    goalkit.dump_goals(project("from-file"), path)
    assert load_project(path, host=clean()).id == "from-file"
    host = clean(plugins=[projects_plugin("from-plugin")])
    assert load_project("from-plugin", host=host) == project("from-plugin")
    with pytest.raises(UnknownNameError):
        load_project("from-plugin", host=clean())


def test_loading_the_plugins_reads_no_data_and_evaluating_records_validates_nothing() -> None:
    """Registering the built-in loaders imports only their classes, and the engine only the
    data set: the readers and the validation load when data is first read (plugin loading
    and a host's first evaluation stay fast)."""
    code = ("import sys, datetime, goalkit; goalkit.plugins.make_plugin_manager(); "
            "p = goalkit.load_goals('examples/quickstart/goals.toml'); "
            "d = goalkit.Dataset.from_records([{'participant_id': 'a', "
            "'enrolled': datetime.date(2014, 9, 1)}]); "
            "goalkit.evaluate(p, d, datetime.date(2015, 1, 1)); "
            "print(sorted(m for m in sys.modules if m in "
            "{'goalkit.data._sources', 'goalkit.data._validate', 'goalkit.data._mapping'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
