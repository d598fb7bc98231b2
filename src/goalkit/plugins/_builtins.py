"""The plugin modules that ship inside goalkit itself, registered like any other plugin.

Each module implements hooks from :mod:`goalkit.plugins.hookspecs` for its own part:
kinds, loaders, formats. The command line's commands are not among them: every host would
then import the command line. The command line registers them itself, when it builds its
own host (``make_plugin_manager(builtin=...)``).
"""

from __future__ import annotations

BUILTIN_PLUGINS: tuple[str, ...] = (
    "goalkit.plugins._builtin_kinds",
    "goalkit.data._plugin",
    "goalkit.reports._plugin",
)
"""Module names, in registration order."""
