"""The seed plugins name a goalkit version range their code works with (the running goalkit
within it), and each README says how to install goalkit first."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

import goalkit

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = sorted(p.name for p in (ROOT / "plugins").iterdir() if p.name.startswith("goalkit-"))
RANGE = re.compile(r"^goalkit-core>=(?P<low>[\d.]+),<(?P<high>[\d.]+)$")


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


@pytest.mark.parametrize("plugin", PLUGINS)
def test_plugin_pins_a_goalkit_range_and_says_how_to_get_goalkit(plugin: str) -> None:
    folder = ROOT / "plugins" / plugin
    meta = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    (core,) = [d for d in meta["dependencies"] if d.startswith("goalkit-core")]
    pinned = RANGE.match(core)
    assert pinned is not None, core
    running = _version(goalkit.__version__)
    assert _version(pinned["low"]) <= running < _version(pinned["high"])
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "pip wheel --no-deps -w dist ." in readme
