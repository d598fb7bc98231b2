"""A plugin made with ``goalkit new-plugin`` outside this repository installs in a fresh
virtual environment by following its own README, and its own tests pass there.

What is followed and what is not: the scaffold is written to ``tmp_path`` (outside the
repository); the test reads the ``pip`` commands of the README's install block and runs
them as written, in the plugin's folder, with ``<path to goalkit>`` replaced by this
checkout: a goalkit-core wheel is built, installed into a new ``python -m venv``, then the
plugin is installed with ``pip install -e '.[test]'``, which pip can only satisfy through
the pinned ``goalkit-core`` range. Without the network, goalkit's *dependencies* (polars,
matplotlib, …) cannot be downloaded, so the test environment's site-packages are linked in
with a ``.pth`` file, less every goalkit distribution and every ``.pth`` of its own (so
goalkit itself, its entry points and the seed plugins come only from what the README's
commands install). The venv is made ``--without-pip`` and the commands are run with this
interpreter's ``pip --python <venv>``, to save the time of bootstrapping pip. Building
the wheels needs hatchling, which pip fetches (once, then from its cache) in an isolated
build environment, as it would for a user.
"""

from __future__ import annotations

import os
import re
import shlex
import site
import subprocess
import sys
from pathlib import Path

import pytest

import goalkit
from goalkit.cli._new_plugin import core_requirement, scaffold_plugin

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GOALKIT_", "PYTHON", "VIRTUAL_ENV"))}
    return subprocess.run(args, capture_output=True, text=True, check=False, env=env,
                          cwd=cwd, timeout=240)


def _dependencies_only(into: Path) -> Path:
    """A folder of links to the test environment's site-packages without goalkit: no
    goalkit distribution, package or editable hook, and no ``.pth`` files."""
    into.mkdir()
    for sp in site.getsitepackages():
        for entry in Path(sp).iterdir():
            name = entry.name.lower()
            if (name.startswith(("goalkit", "_editable_impl_goalkit", "__editable__"))
                    or name.endswith(".pth") or (into / entry.name).exists()):
                continue
            (into / entry.name).symlink_to(entry)
    return into


def _readme_pip_commands(readme: str) -> list[str]:
    """The ``pip`` lines of the README's first shell block (the install block)."""
    block = re.search(r"```sh\n(.*?)```", readme, re.DOTALL)
    assert block is not None
    return [ln.strip() for ln in block[1].splitlines() if ln.strip().startswith("pip ")]


def test_scaffold_pins_goalkit_core_to_goalkits_own_series(tmp_path: Path) -> None:
    """The dependency is a range derived from goalkit's version, not a bare name."""
    root = scaffold_plugin("pinned", tmp_path / "p")
    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    major, minor = (int(x) for x in goalkit.__version__.split(".")[:2])
    assert core_requirement().startswith(f"goalkit-core>={major}.{minor},<")
    assert f'dependencies = ["{core_requirement()}"]' in pyproject
    assert core_requirement("0.1.0") == "goalkit-core>=0.1,<0.2"
    assert core_requirement("1.4.2") == "goalkit-core>=1.4,<2"
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert _readme_pip_commands(readme) == [
        "pip wheel --no-deps -w dist <path to goalkit>",
        "pip install dist/goalkit_core-*.whl",
        "pip install -e '.[test]'",
    ]


def test_scaffold_installs_in_a_fresh_venv_by_its_readme(tmp_path: Path) -> None:
    """Outside the repository, the README's commands install goalkit and the plugin into a
    new virtual environment; there ``goalkit plugins`` lists it and its own tests pass."""
    root = scaffold_plugin("elsewhere", tmp_path / "goalkit-elsewhere")
    assert not root.resolve().is_relative_to(ROOT)
    venv = root / ".venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = _run([str(python), "-c",
                    "import sysconfig; print(sysconfig.get_paths()['purelib'])"], root)
    target = Path(purelib.stdout.strip())
    deps = _dependencies_only(tmp_path / "deps")
    (target / "_test_dependencies.pth").write_text(f"{deps}\n", encoding="utf-8")
    before = _run([str(python), "-c", "import goalkit"], root)
    assert "No module named 'goalkit'" in before.stderr

    commands = _readme_pip_commands((root / "README.md").read_text(encoding="utf-8"))
    assert commands
    for command in commands:
        args = shlex.split(command.replace("<path to goalkit>", shlex.quote(str(ROOT))))
        args = [a for arg in args
                for a in (sorted(str(w) for w in root.glob(arg)) if "*" in arg else [arg])]
        pip = [sys.executable, "-m", "pip", "--python", str(python),
               "--disable-pip-version-check", "--quiet"]
        done = _run([*pip, *args[1:]], root)
        assert done.returncode == 0, (command, done.stdout[-2000:] + done.stderr[-3000:])

    where = _run([str(python), "-c", "import goalkit; print(goalkit.__file__)"], root)
    assert Path(where.stdout.strip()).is_relative_to(target)  # from the wheel, not linked
    goalkit_cli = [str(python), "-c", "import sys; from goalkit.cli import main; "
                   "sys.exit(main(sys.argv[1:]))"]
    listed = _run([*goalkit_cli, "plugins"], root)
    assert listed.returncode == 0, listed.stderr
    assert "elsewhere" in listed.stdout
    tested = _run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"], root)
    assert tested.returncode == 0, tested.stdout[-3000:] + tested.stderr[-2000:]
    assert " passed" in tested.stdout
