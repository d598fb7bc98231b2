"""``goalkit.plugins.packaged_project``: the project factory of a plugin whose goal file
ships in its package."""

from __future__ import annotations

import importlib
import itertools
from datetime import date
from types import SimpleNamespace
from typing import TYPE_CHECKING, NamedTuple

import pytest
from plugin_helpers import PROJECT_TOML, project

import goalkit
from goalkit.goals import Count, Share
from goalkit.plugins import ProjectPlugin, hookimpl, packaged_project
from goalkit.testing import check_plugin, plugin_host, run_examples

if TYPE_CHECKING:
    from pathlib import Path


_NUMBERS = itertools.count()


class Package(NamedTuple):
    name: str
    folder: Path


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Package:
    """An importable package with a name of its own (empty: tests add its files)."""
    name = f"gk_packaged_demo_{next(_NUMBERS)}"
    folder = tmp_path / name
    folder.mkdir()
    (folder / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    return Package(name, folder)


def test_reads_the_goal_file_when_called(package: Package) -> None:
    """Nothing is read when the factory is made; each call reads the file as it is then."""
    factory = packaged_project(package.name)
    (package.folder / "goals.toml").write_text(PROJECT_TOML.format(id="demo"), encoding="utf-8")
    assert factory() == project("demo")
    (package.folder / "goals.toml").write_text(PROJECT_TOML.format(id="other"), encoding="utf-8")
    assert factory().id == "other"


def test_another_resource_in_a_subfolder(package: Package) -> None:
    """``resource`` is a path inside the package."""
    (package.folder / "projects").mkdir()
    (package.folder / "projects" / "b.toml").write_text(PROJECT_TOML.format(id="b"),
                                                        encoding="utf-8")
    assert packaged_project(package.name, "projects/b.toml")().id == "b"


def test_missing_package_is_a_goal_file_error() -> None:
    """A package that is not installed is named."""
    with pytest.raises(goalkit.GoalFileError, match="no installed package 'gk_packaged_none'"):
        packaged_project("gk_packaged_none")()


def test_missing_file_is_a_goal_file_error(package: Package) -> None:
    """A file the package does not hold is named with the package."""
    with pytest.raises(goalkit.GoalFileError,
                       match=f"{package.name}/goals.toml: no such file in the package"):
        packaged_project(package.name)()


def test_kinds_are_the_ones_given(package: Package) -> None:
    """With ``kinds``, the goal file is read with those kinds only."""
    (package.folder / "goals.toml").write_text(PROJECT_TOML.format(id="demo"), encoding="utf-8")
    assert packaged_project(package.name, kinds=[Count])().id == "demo"
    with pytest.raises(goalkit.GoalFileError, match="count"):
        packaged_project(package.name, kinds=[Share])()


def test_a_plugin_registers_it_and_passes_the_checks(package: Package) -> None:
    """Registered as a project factory, it passes ``check_plugin`` and builds the project."""
    (package.folder / "goals.toml").write_text(PROJECT_TOML.format(id="demo"), encoding="utf-8")

    class Plugin:
        @hookimpl
        def goalkit_register_projects(self, projects: goalkit.plugins.Registry[object]) -> None:
            projects.add("demo", packaged_project(package.name))

    assert check_plugin(Plugin()) == []
    assert plugin_host(Plugin()).project("demo") == project("demo")


def test_a_project_plugin_registers_the_project_and_its_examples(package: Package) -> None:
    """``ProjectPlugin``: the project under its id and each example on the one data set, as
    a module's hooks (the entry point) or as the object itself; its examples run."""
    (package.folder / "goals.toml").write_text(PROJECT_TOML.format(id="demo"), encoding="utf-8")
    people = [{"participant_id": str(i), "enrolled": "2024-02-01"} for i in range(3)]
    plugin = ProjectPlugin(
        "demo", packaged_project(package.name),
        data=lambda: goalkit.Dataset.from_records(people),
        examples={"demo/mid-year": (date(2024, 6, 1), {"enrolled": "met"}, "Three enrolled.")},
    )
    as_module = SimpleNamespace(goalkit_register_projects=plugin.goalkit_register_projects,
                                goalkit_register_examples=plugin.goalkit_register_examples)
    for host in (plugin_host(plugin), plugin_host(("demo-module", as_module))):
        assert host.project("demo") == project("demo")
        example = host.examples.get("demo/mid-year")
        assert (example.project, example.as_of) == ("demo", date(2024, 6, 1))
        assert example.description == "Three enrolled."
        assert [r.ok for r in run_examples(host)] == [True, True]
    assert check_plugin(plugin) == []


@pytest.mark.parametrize(("example", "error", "message"), [
    ((date(2024, 6, 1), {"enrolled": "met"}), TypeError, r"example 'x': expected \(as_of date"),
    (("2024-06-01", {"enrolled": "met"}, ""), TypeError, "example 'x'"),
    ((date(2024, 6, 1), {"enrolled": "done"}, ""), ValueError,
     "example 'x': 'done' is not a valid Status .a status is one of met, "),
])
def test_a_project_plugin_names_a_badly_written_example(
    example: object, error: type[Exception], message: str
) -> None:
    """A wrong example is refused when the plugin is written, naming the example."""
    with pytest.raises(error, match=message):
        ProjectPlugin("demo", packaged_project("nowhere"), data="data",
                      examples={"x": example})  # type: ignore[dict-item]
