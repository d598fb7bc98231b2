"""The built-in commands, and those plugins register."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import click

    from goalkit.plugins._manager import PluginHost

__all__ = ["lenient_host", "plugin_commands", "shared_host"]


def lenient_host() -> PluginHost:
    """The command line's plugin host, built leniently (never strict), so that a broken
    plugin cannot take the command line down; each failed plugin and each contested name
    is one warning on stderr (passwords masked), and each command applies strict mode
    itself (:func:`goalkit.cli._main.command_host`). The warnings are records of the
    ``goalkit.plugins`` logger."""
    import logging  # noqa: PLC0415

    from goalkit.cli._log import say  # noqa: PLC0415
    from goalkit.plugins import make_plugin_manager  # noqa: PLC0415

    host = make_plugin_manager(strict=False, builtin=["goalkit.cli._plugin"])
    for failure in host.failures:
        say(logging.WARNING, f"{failure}; skipped (see `goalkit plugins`)", name="plugins")
    for conflict in host.conflicts:
        say(logging.WARNING, f"{conflict}", name="plugins")
    return host


def shared_host() -> PluginHost:
    """The command line's plugin host, built once a command line (:func:`lenient_host`)
    and kept with its root context, so that the group, the configuration's checks and the
    command share it; outside a command line, a new one."""
    import click  # noqa: PLC0415

    ctx = click.get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx is not None else None
    host: PluginHost | None = obj.get("host") if isinstance(obj, dict) else None
    if host is None:
        host = lenient_host()
        if ctx is not None:
            ctx.find_root().ensure_object(dict)["host"] = host
    return host


def plugin_commands(host: PluginHost) -> dict[str, click.Command]:
    """Commands registered through the ``goalkit_register_commands`` hook (built-in ones
    included), by name; a name two plugins register is there only as ``PLUGIN:NAME``."""
    commands = {entry.name: entry.item for entry in host.commands.entries()}
    for name in host.commands.contested:
        for entry in host.commands.claims(name):
            commands[f"{entry.plugin}:{name}"] = entry.item
    return commands
