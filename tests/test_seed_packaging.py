"""The seed plugins name a goalkit version range their code works with (the running goalkit
within it), and each README says how to install goalkit first."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import goalkit

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = sorted(p.name for p in (ROOT / "plugins").iterdir() if p.name.startswith("goalkit-"))


@pytest.mark.parametrize("plugin", PLUGINS)
def test_plugin_pins_a_goalkit_range_and_says_how_to_get_goalkit(plugin: str) -> None:
    folder = ROOT / "plugins" / plugin
    meta = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    (core,) = [Requirement(d) for d in meta["dependencies"] if d.startswith("goalkit-core")]
    assert any(s.operator == "<" for s in core.specifier), core
    assert any(s.operator == ">=" for s in core.specifier), core
    assert core.specifier.contains(goalkit.__version__)
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "pip wheel --no-deps -w dist ." in readme
