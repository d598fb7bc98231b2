"""Registers the built-in commands through the same hook plugins use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from goalkit.plugins.hookspecs import hookimpl

if TYPE_CHECKING:
    import click

    from goalkit.plugins._registry import Registry


@hookimpl
def goalkit_register_commands(commands: Registry[click.Command]) -> None:
    """``evaluate`` (more built-in commands register here)."""
    from goalkit.cli._evaluate import evaluate_command  # noqa: PLC0415

    commands.add("evaluate", evaluate_command)
    from goalkit.cli._new_plugin import new_plugin_command  # noqa: PLC0415
    from goalkit.cli._plugins_cmd import plugins_command  # noqa: PLC0415

    commands.add("plugins", plugins_command)
    commands.add("new-plugin", new_plugin_command)
    from goalkit.cli._report import report_command  # noqa: PLC0415

    commands.add("report", report_command)
    from goalkit.cli._site import site_command  # noqa: PLC0415

    commands.add("site", site_command)
    from goalkit.cli._validate import validate_command  # noqa: PLC0415

    commands.add("validate", validate_command)
    from goalkit.cli._config_cmd import config_command  # noqa: PLC0415

    commands.add("config", config_command)
