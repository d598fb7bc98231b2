"""The built-in commands, and those plugins register."""

from __future__ import annotations

import click

__all__ = ["plugin_commands"]


def plugin_commands() -> dict[str, click.Command]:
    """Commands registered through the ``goalkit_register_commands`` hook (built-in ones
    included), by name.

    The plugin host is built leniently here (never strict), so that a broken plugin
    cannot take the command line down; each failure is one warning on stderr, and the
    commands that use plugins (``evaluate``, ``plugins``) apply strict mode themselves.
    """
    from goalkit.plugins import make_plugin_manager  # noqa: PLC0415

    host = make_plugin_manager(strict=False)
    for failure in host.failures:
        click.echo(f"goalkit: warning: {failure}; skipped (see `goalkit plugins`)", err=True)
    return {entry.name: entry.item for entry in host.commands.entries()}
