"""The built-in commands, and those plugins register."""

from __future__ import annotations

import click

__all__ = ["plugin_commands"]


def plugin_commands() -> dict[str, click.Command]:
    """Commands registered through the ``goalkit_register_commands`` hook (built-in ones
    included), by name."""
    from goalkit.cli._evaluate import evaluate_command  # noqa: PLC0415

    commands: dict[str, click.Command] = {"evaluate": evaluate_command}
    return commands
