"""``docs/cli.md`` documents every command, every option and every exit code."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import click
import pytest

from goalkit.cli import ExitCode, cli
from goalkit.cli._main import EPILOG
from goalkit.plugins import make_plugin_manager

ROOT = Path(__file__).resolve().parents[1]
PAGE = (ROOT / "docs/cli.md").read_text(encoding="utf-8")


def builtin_commands() -> dict[str, click.Command]:
    host = make_plugin_manager(entry_points=False, builtin=["goalkit.cli._plugin"])
    return {e.name: e.item for e in host.commands.entries()}


EVERYWHERE = PAGE.split("\n## Everywhere", 1)[1].split("\n## ", 1)[0]
"""The options every command has, documented once."""


@pytest.mark.parametrize("name", sorted(builtin_commands()))
def test_every_command_and_option_is_documented(name: str) -> None:
    command = builtin_commands()[name]
    assert f"## `goalkit {name}`" in PAGE
    section = PAGE.split(f"## `goalkit {name}`", 1)[1].split("\n## ", 1)[0]
    for param in command.params:
        if isinstance(param, click.Option):
            for opt in param.opts:
                if opt.startswith("--") and param.name not in ("quiet", "verbose",
                                                               "config_file"):
                    assert opt in section, f"{name} {opt}"
                else:  # -q, -v, --config: once, for every command
                    assert re.search(rf"`{opt}[` ]", EVERYWHERE), f"{name} {opt}"


def test_the_documented_configuration_is_the_example_folder_s() -> None:
    """The ``goalkit.toml`` shown in docs/cli.md is ``examples/quickstart/goalkit.toml``."""
    shown = PAGE.split("```toml\n# goalkit.toml (examples/quickstart/goalkit.toml)\n", 1)[1]
    shown = shown.split("```", 1)[0]
    example = (ROOT / "examples/quickstart/goalkit.toml").read_text(encoding="utf-8")
    assert tomllib.loads(shown) == tomllib.loads(example)


def test_every_exit_code_is_documented_here_and_in_help() -> None:
    for code in ExitCode:
        assert re.search(rf"^\| `{code.value}` \|", PAGE, re.MULTILINE), code
        assert re.search(rf"^\s+{code.value}\s", EPILOG, re.MULTILINE), code
    assert cli.epilog == EPILOG


@pytest.mark.parametrize("page", ["cli.md", "data.md"])
def test_every_configuration_shown_is_valid(page: str, tmp_path: Path) -> None:
    """Each ``goalkit.toml`` and ``pyproject.toml`` example in the docs passes the checks
    of every built-in command."""
    from goalkit.cli._config import read_config  # noqa: PLC0415

    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n\s*# (goalkit\.toml|pyproject\.toml)[^\n]*\n(.*?)```",
                        text, re.S)
    assert blocks
    commands = builtin_commands()
    for i, (name, body) in enumerate(blocks):
        path = tmp_path / str(i) / name
        path.parent.mkdir()
        path.write_text(re.sub(r"^ {2}", "", body, flags=re.M), encoding="utf-8")
        config = read_config(path)
        for command in ("report", "evaluate", "validate"):
            config.settings(command, commands[command], commands)
