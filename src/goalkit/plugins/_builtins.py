"""The plugin modules that ship inside goalkit itself, registered like any other plugin.

Each module implements hooks from :mod:`goalkit.plugins.hookspecs` for its own part:
kinds, loaders, formats, commands.
"""

from __future__ import annotations

BUILTIN_PLUGINS: tuple[str, ...] = (
    "goalkit.plugins._builtin_kinds",
    "goalkit.data._plugin",
    "goalkit.reports._plugin",
    "goalkit.cli._plugin",
)
"""Module names, in registration order."""
