"""End to end: a plugin written outside the repository, pip-installed into a fresh virtual
environment, is found through its entry point; a broken one next to it is named and
skipped.

How fresh, and why: the environment is a new ``python -m venv``; the two plugin
distributions are built and installed into it by pip (so their entry points exist only
there: the plugin cannot be imported before the install). goalkit itself and its
dependencies are *linked* in with a ``.pth`` file pointing at this checkout's ``src`` and
the test environment's site-packages, rather than downloaded again, to keep the test
well under a minute. Only the two plugins under test are allowed to load
(``GOALKIT_PLUGINS_ALLOW``), so other plugins of the development environment cannot
interfere. Building the plugins needs hatchling, which pip fetches (once, then from its
cache) in an isolated build environment, as it would for a user.
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
from pathlib import Path

import pytest

from goalkit.cli._new_plugin import scaffold_plugin

pytestmark = pytest.mark.slow

SRC = Path(__file__).resolve().parents[1] / "src"

BROKEN_PYPROJECT = """\
[build-system]
requires = ["hatchling>=1.25"]
build-backend = "hatchling.build"

[project]
name = "goalkit-broken-example"
version = "0.0.7"

[project.entry-points.goalkit]
broken-example = "goalkit_broken_example.plugin"

[tool.hatch.build.targets.wheel]
packages = ["src/goalkit_broken_example"]
"""


def _venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GOALKIT_", "PYTHON", "VIRTUAL_ENV"))}
    env["GOALKIT_PLUGINS_ALLOW"] = "outside,broken-example"
    return subprocess.run(args, capture_output=True, text=True, check=False, env=env,
                          timeout=240, **kwargs)  # type: ignore[call-overload, no-any-return]


def test_plugin_installed_in_a_fresh_venv(tmp_path: Path) -> None:
    """`goalkit plugins --format json` in the new environment lists the installed plugin
    with its distribution and version and what it registers, names the broken one with
    its distribution and version, and `goalkit evaluate <id>` evaluates the plugin's
    project from its packaged example data."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120)
    python = _venv_python(venv)
    purelib = _run([str(python), "-c",
                    "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
    target = Path(purelib.stdout.strip())
    links = [str(SRC), *site.getsitepackages()]
    (target / "_goalkit_dev_links.pth").write_text("\n".join(links) + "\n", encoding="utf-8")

    good = scaffold_plugin("outside", tmp_path / "goalkit-outside")
    broken = tmp_path / "goalkit-broken-example"
    (broken / "src" / "goalkit_broken_example").mkdir(parents=True)
    (broken / "pyproject.toml").write_text(BROKEN_PYPROJECT, encoding="utf-8")
    (broken / "src" / "goalkit_broken_example" / "__init__.py").write_text("", encoding="utf-8")
    (broken / "src" / "goalkit_broken_example" / "plugin.py").write_text(
        "raise RuntimeError('this plugin is broken on purpose')\n", encoding="utf-8"
    )

    goalkit = [str(python), "-c", "import sys; from goalkit.cli import main; "
               "sys.exit(main(sys.argv[1:]))"]
    before = _run([str(python), "-c", "import goalkit_outside"])
    assert before.returncode != 0
    assert "No module named 'goalkit_outside'" in before.stderr

    install = _run([sys.executable, "-m", "pip", "--python", str(python), "install",
                    "--quiet", "--no-deps", "--disable-pip-version-check", str(good),
                    str(broken)])
    assert install.returncode == 0, install.stdout[-2000:] + install.stderr[-3000:]
    where = _run([str(python), "-c", "import goalkit_outside; print(goalkit_outside.__file__)"])
    assert Path(where.stdout.strip()).is_relative_to(target)  # installed, not linked

    listed = _run([*goalkit, "plugins", "--format", "json"], cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    listing = json.loads(listed.stdout)
    plugins = {p["name"]: p for p in listing["plugins"]}
    assert plugins["outside"]["distribution"] == "goalkit-outside"
    assert plugins["outside"]["version"] == "0.1.0"
    assert plugins["outside"]["registers"]["projects"] == ["outside"]
    assert plugins["outside"]["registers"]["examples"] == ["outside-basic"]
    (failure,) = listing["failures"]
    assert (failure["name"], failure["distribution"], failure["version"], failure["stage"]) == (
        "broken-example", "goalkit-broken-example", "0.0.7", "import")
    assert "this plugin is broken on purpose" in failure["error"]
    assert "plugin broken-example (goalkit-broken-example 0.0.7)" in listed.stderr

    data = target / "goalkit_outside" / "examples" / "basic"
    evaluated = _run([*goalkit, "evaluate", "outside", "--data", str(data),
                      "--as-of", "2025-01-15", "--format", "json"], cwd=tmp_path)
    assert evaluated.returncode == 0, evaluated.stderr
    statuses = {r["goal_id"]: r["status"] for r in json.loads(evaluated.stdout)["results"]}
    assert statuses == {"enrolled": "met", "to-work": "met"}

    strict = _run([*goalkit, "plugins", "--strict"], cwd=tmp_path)
    assert strict.returncode == 3  # a plugin's failure: internal error in a plugin
    assert "1 plugin(s) failed, 0 name(s) contested (strict mode)" in strict.stderr
