"""``goalkit new-plugin NAME``: a ready-to-install goal plugin with a passing test."""

from __future__ import annotations

import re
from pathlib import Path
from string import Template

import click

from goalkit._version import __version__
from goalkit.cli._config import LocalPath
from goalkit.cli._main import ExitCode, common_options, run_guarded

__all__ = ["core_requirement", "new_plugin_command", "scaffold_plugin"]

_NAME = re.compile(r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$")

_PYPROJECT = """\
[build-system]
requires = ["hatchling>=1.25"]
build-backend = "hatchling.build"

[project]
name = "$dist"
version = "0.1.0"
description = "The goals of the project $name, as a goalkit plugin."
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["$core"]

[project.optional-dependencies]
test = ["pytest>=8", "hypothesis>=6.100"]

# The entry point goalkit finds the plugin by.
[project.entry-points.goalkit]
$name = "$package.plugin"

[tool.hatch.build.targets.wheel]
packages = ["src/$package"]

[tool.pytest.ini_options]
addopts = ["-ra", "--strict-markers", "--import-mode=importlib"]
filterwarnings = ["error"]
testpaths = ["tests"]
"""

_README = """\
# $dist

The goals of the project `$name` as a [goalkit](https://example.org/goalkit) plugin.

The plugin needs goalkit ($core), which is not on a package index:
install it first, into the same virtual environment, from a wheel built from a goalkit
checkout (or from the checkout itself with `pip install <path to goalkit>`):

```sh
python -m venv .venv && . .venv/bin/activate
pip wheel --no-deps -w dist <path to goalkit>
pip install dist/goalkit_core-*.whl
pip install -e '.[test]'
```

Then:

```sh
goalkit plugins                   # lists $name and what it registers
goalkit evaluate $name --data src/$package/examples/basic --as-of 2025-01-15
python -m pytest
```

Edit `src/$package/goals.toml` (the goals, with the document's own wording) and the
example data in `src/$package/examples/`, then keep `expected` in `plugin.py` honest.
"""

_INIT = '''\
"""The goals of the project $name, as a goalkit plugin."""
'''

_PLUGIN = '''\
"""The goalkit plugin for the project $name: its goals and a worked example."""

from __future__ import annotations

import datetime
from pathlib import Path

from goalkit.plugins import ProjectPlugin, packaged_project

HERE = Path(__file__).parent
PROJECT_ID = "$name"

project = packaged_project("$package")
"""The project and its goals, read from the goal file shipped with the package."""

plugin = ProjectPlugin(
    PROJECT_ID,
    project,
    data=HERE / "examples" / "basic",
    examples={
        # small data and the status each goal must have then; goalkit.testing checks them
        "$name-basic": (
            datetime.date(2025, 1, 15),
            {"enrolled": "met", "to-work": "met"},
            "Five enrolled; three of the four who ended went to work.",
        ),
    },
)
"""The project under its id, and its worked examples (a plugin may also write its own
hook functions, for kinds, loaders or formats of its own)."""
goalkit_register_projects = plugin.goalkit_register_projects
goalkit_register_examples = plugin.goalkit_register_examples
'''

_GOALS = """\
schema = "goalkit.goals/1"
id = "$name"
name = { sv = "Projektet $name", en = "The project $name" }
owner = "Exempelkommunen"
period = { start = 2024-01-01, end = 2024-12-31 }

[[goals]]
id = "enrolled"
level = "sub_goal"
title = { sv = "Minst fyra inskrivna", en = "At least four enrolled" }
wording = "Minst fyra personer ska skrivas in i projektet."
interpretation = { en = "People enrolled during the project period." }
due = 2024-12-31
target = { at_least = 4 }
indicator = { kind = "count" }

[[goals]]
id = "to-work"
level = "effect"
title = { sv = "Hälften till arbete", en = "Half to work" }
wording = "Minst hälften av deltagarna ska gå till arbete efter avslut."
interpretation = { en = "Share of those who ended the project who ended to work." }
due = 2024-12-31
target = { at_least = 0.5 }
indicator = { kind = "share", anchor = "exited", condition = { exit_reason = "work" } }
"""

_PARTICIPANTS = """\
participant_id,enrolled,sex,birth_year,exited,exit_reason
p1,2024-01-15,F,1990,2024-06-30,work
p2,2024-02-01,M,1985,2024-08-15,work
p3,2024-03-10,F,1999,2024-09-01,studies
p4,2024-04-20,M,1978,2024-11-30,work
p5,2024-05-05,F,2001,,
"""

_TEST = '''\
"""Tests of the $name plugin, with goalkit's kit for plugin authors."""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

import goalkit
from goalkit.testing import check_plugin, plugin_host, run_examples
from goalkit.testing.strategies import datasets

from $package import plugin


def test_plugin_is_valid() -> None:
    """The plugin loads, builds its project, round-trips its goal file and its declared
    examples have the statuses they claim."""
    assert check_plugin(plugin) == []


def test_examples(goalkit_plugins) -> None:  # type: ignore[no-untyped-def]
    """Every declared example gives the expected status in both engines."""
    results = run_examples(goalkit_plugins(plugin))
    assert results
    assert [r.mismatches for r in results if not r.ok] == []


AS_OF = datetime.date(2025, 1, 15)


@settings(max_examples=20, deadline=None)
@given(data=st.data(), status=st.sampled_from(["met", "not_met"]))
def test_enrolled_goal_by_construction(data: st.DataObject, status: str) -> None:
    """Data built to meet (or miss) the enrolment goal does."""
    project = plugin_host(plugin).project(plugin.PROJECT_ID)
    dataset = data.draw(datasets(project, "enrolled", status, AS_OF))
    report = goalkit.evaluate(project, dataset, AS_OF, goals=["enrolled"])
    assert report.results[0].status == status
'''

_GITIGNORE = """\
__pycache__/
*.egg-info/
dist/
.venv/
"""


def core_requirement(version: str = __version__) -> str:
    """The range of goalkit-core a new plugin pins: the release series of ``version``
    (``0.1.x`` gives ``goalkit-core>=0.1,<0.2``; from 1.0 on, the major version:
    ``1.4.2`` gives ``goalkit-core>=1.4,<2``).

    :raises ValueError: for a version that does not start with two numbers.
    """
    found = re.match(r"^(\d+)\.(\d+)", version)
    if found is None:
        msg = f"goalkit's version {version!r} does not start with MAJOR.MINOR"
        raise ValueError(msg)
    major, minor = int(found[1]), int(found[2])
    upper = f"0.{minor + 1}" if major == 0 else str(major + 1)
    return f"goalkit-core>={major}.{minor},<{upper}"


def scaffold_plugin(name: str, directory: str | Path | None = None) -> Path:
    """Write a new plugin distribution for the project ``name`` and return its folder.

    :param name: the project id and entry-point name (lower case, digits, ``-``, ``_``).
    :param directory: the folder to create (default ``./goalkit-NAME``); it must not exist
        or be empty.
    :raises ValueError: for a bad name or a folder that is in the way.
    """
    if not _NAME.match(name):
        msg = (
            f"a plugin name is lower-case letters and digits, joined by '-' or '_', "
            f"starting with a letter; got {name!r}"
        )
        raise ValueError(msg)
    dist = f"goalkit-{name.replace('_', '-')}"
    package = f"goalkit_{name.replace('-', '_')}"
    root = Path(directory) if directory is not None else Path.cwd() / dist
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        msg = f"{root} exists and is not an empty folder"
        raise ValueError(msg)
    values = {"name": name, "dist": dist, "package": package, "core": core_requirement()}
    files = {
        "pyproject.toml": _PYPROJECT,
        "README.md": _README,
        ".gitignore": _GITIGNORE,
        f"src/{package}/__init__.py": _INIT,
        f"src/{package}/plugin.py": _PLUGIN,
        f"src/{package}/goals.toml": _GOALS,
        f"src/{package}/examples/basic/participants.csv": _PARTICIPANTS,
        "tests/test_plugin.py": _TEST,
    }
    for rel, template in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(Template(template).substitute(values), encoding="utf-8")
    return root


@click.command("new-plugin")
@click.argument("name")
@click.option("--dir", "directory", metavar="DIR", default=None, type=LocalPath(),
              help="Folder to create (default: ./goalkit-NAME).")
@common_options
def new_plugin_command(name: str, directory: str | None) -> int:
    """Scaffold a goal plugin for the project NAME: a package with its goal file, a
    worked example, an entry point, and a passing test."""

    def body() -> int:
        try:
            root = scaffold_plugin(name, directory)
        except ValueError as e:
            raise click.BadParameter(str(e)) from None
        click.echo(f"Created {root}. Next (goalkit first, see its README.md):\n"
                   f"  cd {root}\n  pip install -e '.[test]'\n  python -m pytest\n"
                   f"  goalkit plugins")
        return ExitCode.OK

    return run_guarded(body)
