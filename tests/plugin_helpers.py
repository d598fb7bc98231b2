"""Helpers for the plugin tests: fake installed distributions and small plugins."""

from __future__ import annotations

import datetime as dt
import sys
import textwrap
from importlib.metadata import Distribution, EntryPoint
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import goalkit
from goalkit.plugins import hookimpl

if TYPE_CHECKING:
    from pathlib import Path

PROJECT_TOML = """\
schema = "goalkit.goals/1"
id = "{id}"
name = "Test project {id}"
period = {{ start = 2024-01-01, end = 2024-12-31 }}

[[goals]]
id = "enrolled"
level = "sub_goal"
due = 2024-12-31
target = {{ at_least = 2 }}
indicator = {{ kind = "count" }}
"""


def project(pid: str = "demo") -> goalkit.Project:
    """A one-goal project: at least two enrolled by the end of 2024."""
    return goalkit.loads_goals(PROJECT_TOML.format(id=pid))


def projects_plugin(*ids: str) -> Any:
    """A plugin object registering a project per id."""

    @hookimpl
    def goalkit_register_projects(projects: goalkit.plugins.Registry[Any]) -> None:
        for pid in ids:
            projects.add(pid, lambda pid=pid: project(pid))

    return SimpleNamespace(goalkit_register_projects=goalkit_register_projects)


def write_distribution(
    site: Path, dist: str, version: str, entry_points: dict[str, str], modules: dict[str, str]
) -> list[EntryPoint]:
    """An installed distribution in ``site`` (a ``.dist-info`` folder and module files),
    and its ``goalkit`` entry points as importlib.metadata sees them."""
    info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8"
    )
    lines = "".join(f"{name} = {target}\n" for name, target in entry_points.items())
    (info / "entry_points.txt").write_text(f"[goalkit]\n{lines}", encoding="utf-8")
    for name, source in modules.items():
        path = site / (name.replace(".", "/") + ".py")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
    return sorted(Distribution.at(info).entry_points.select(group="goalkit"),
                  key=lambda ep: ep.name)


GOOD_PLUGIN = '''
from goalkit.plugins import hookimpl
import goalkit

GOALS = """
schema = "goalkit.goals/1"
id = "{pid}"
name = "Project {pid}"
period = {{ start = 2024-01-01, end = 2024-12-31 }}

[[goals]]
id = "enrolled"
level = "sub_goal"
due = 2024-12-31
target = {{ at_least = 2 }}
indicator = {{ kind = "count" }}
"""

@hookimpl
def goalkit_register_projects(projects):
    projects.add("{pid}", lambda: goalkit.loads_goals(GOALS))
'''

BROKEN_PLUGIN = """
import goalkit_module_that_does_not_exist  # the plugin's own bug
"""

MISSPELLED_PLUGIN = """
from goalkit.plugins import hookimpl

@hookimpl
def goalkit_register_project(projects):  # missing the final s
    projects.add("never", lambda: None)
"""

AS_OF = dt.date(2025, 1, 15)

FAKE_PACKAGES = ("goalkit_good", "goalkit_broken", "goalkit_typo")


def install_fakes(site: Path) -> list[EntryPoint]:
    """Three installed distributions in ``site``: a good plugin (project
    ``good-project``), one that cannot be imported, and one with a misspelled hook."""
    eps = []
    eps += write_distribution(site, "goalkit-good", "1.2.0", {"good": "goalkit_good.plugin"},
                              {"goalkit_good/__init__.py": "",
                               "goalkit_good.plugin": GOOD_PLUGIN.format(pid="good-project")})
    eps += write_distribution(site, "goalkit-broken", "0.3.1",
                              {"broken": "goalkit_broken.plugin"},
                              {"goalkit_broken/__init__.py": "",
                               "goalkit_broken.plugin": BROKEN_PLUGIN})
    eps += write_distribution(site, "goalkit-typo", "2.0", {"typo": "goalkit_typo.plugin"},
                              {"goalkit_typo/__init__.py": "",
                               "goalkit_typo.plugin": MISSPELLED_PLUGIN})
    return eps


def forget_fakes() -> None:
    """Drop the fake plugins' modules, so the next test imports its own."""
    for name in list(sys.modules):
        if name.split(".")[0] in FAKE_PACKAGES:
            del sys.modules[name]
