"""The command line and plugins: ``goalkit plugins``, projects by id, ``goalkit new-plugin``."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from plugin_helpers import forget_fakes, install_fakes

from goalkit.cli import main
from goalkit.cli._new_plugin import scaffold_plugin
from goalkit.testing import check_plugin

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

ENV = ("GOALKIT_PLUGINS_ALLOW", "GOALKIT_PLUGINS_BLOCK", "GOALKIT_PLUGINS_STRICT")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The fake distributions installed on sys.path, and no GOALKIT_PLUGINS_* set."""
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "site"
    monkeypatch.syspath_prepend(str(folder))
    install_fakes(folder)
    yield folder
    forget_fakes()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_plugins_json_lists_plugins_and_failures(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`goalkit plugins --format json` names each plugin with its distribution, version
    and registrations, and each failure with its distribution and version; exit 0."""
    code, out, err = run(capsys, "plugins", "--format", "json")
    assert code == 0
    listing = json.loads(out)
    plugins = {p["name"]: p for p in listing["plugins"]}
    good = plugins["good"]
    assert (good["distribution"], good["version"], good["builtin"]) == ("goalkit-good", "1.2.0",
                                                                        False)
    assert good["registers"]["projects"] == ["good-project"]
    assert plugins["goalkit.plugins._builtin_kinds"]["builtin"] is True
    failures = {f["name"]: f for f in listing["failures"]}
    assert failures["broken"]["distribution"] == "goalkit-broken"
    assert failures["broken"]["version"] == "0.3.1"
    assert failures["typo"]["stage"] == "hook"
    assert "plugin broken (goalkit-broken 0.3.1)" in err  # the warning on stderr


def test_plugins_text_and_strict(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The text listing shows the plugin and the failures; strict mode exits with 3 (a
    plugin's failure is an internal error in that plugin, not bad input)."""
    code, out, _ = run(capsys, "plugins")
    assert code == 0
    assert "good  goalkit-good 1.2.0" in out
    assert "projects: good-project" in out
    assert "Failed (2), skipped:" in out
    assert run(capsys, "plugins", "--strict")[0] == 3
    monkeypatch.setenv("GOALKIT_PLUGINS_STRICT", "1")
    code, _, err = run(capsys, "plugins")
    assert code == 3
    assert "2 plugin(s) failed, 0 name(s) contested (strict mode)" in err
    monkeypatch.setenv("GOALKIT_PLUGINS_BLOCK", "broken,typo")
    assert run(capsys, "plugins")[0] == 0


def test_evaluate_a_project_by_id(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`goalkit evaluate <project-id>` builds the project a plugin registered."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "participants.csv").write_text(
        "participant_id,enrolled,sex\na,2024-02-01,F\nb,2024-03-01,M\n", encoding="utf-8"
    )
    code, out, _ = run(capsys, "evaluate", "good-project", "--data", str(data),
                       "--as-of", "2025-01-15", "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["project_id"] == "good-project"
    assert [r["status"] for r in report["results"]] == ["met"]
    code, _, err = run(capsys, "evaluate", "no-such-project", "--as-of", "2025-01-15")
    assert code == 3  # two plugins failed to load: it may be theirs
    assert "unknown project 'no-such-project'; known: " in err
    assert "It may be registered by a plugin that failed to load (2):" in err
    assert "plugin broken (goalkit-broken 0.3.1): cannot be imported" in err
    os.environ["GOALKIT_PLUGINS_BLOCK"] = "broken,typo"
    try:
        code, _, err = run(capsys, "evaluate", "no-such-project", "--as-of", "2025-01-15")
    finally:
        del os.environ["GOALKIT_PLUGINS_BLOCK"]
    assert code == 2  # no plugin failed: a plain unknown name is bad input
    assert "failed to load" not in err
    assert "good-project" in err


def test_new_plugin_scaffold_is_valid_and_its_test_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`goalkit new-plugin` writes a distribution whose plugin passes check_plugin and
    whose own tests pass."""
    root = tmp_path / "goalkit-lunden"
    code, out, _ = run(capsys, "new-plugin", "lunden", "--dir", str(root))
    assert code == 0
    assert "pip install -e" in out
    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert 'lunden = "goalkit_lunden.plugin"' in pyproject
    assert 'build-backend = "hatchling.build"' in pyproject
    monkeypatch.syspath_prepend(str(root / "src"))
    plugin = importlib.import_module("goalkit_lunden.plugin")

    try:
        assert check_plugin(plugin) == []
    finally:
        for name in [n for n in sys.modules if n.startswith("goalkit_lunden")]:
            del sys.modules[name]
    env = {k: v for k, v in os.environ.items() if k not in ENV}
    env["PYTHONPATH"] = os.pathsep.join([str(root / "src"), env.get("PYTHONPATH", "")])
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=root, env=env, capture_output=True, text=True, check=False, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "3 passed" in result.stdout


def test_new_plugin_refuses_bad_names_and_full_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name that cannot be a package, or a folder in the way, is bad input (exit 2)."""
    code, _, err = run(capsys, "new-plugin", "Bad Name", "--dir", str(tmp_path / "x"))
    assert code == 2
    assert "lower-case letters" in err
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "file.txt").write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "new-plugin", "ok", "--dir", str(tmp_path / "full"))
    assert code == 2
    assert "is not an empty folder" in err
    with pytest.raises(ValueError, match="lower-case"):
        scaffold_plugin("1abc", tmp_path / "y")
