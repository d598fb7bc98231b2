"""Plugins: the hooks, the registries they fill, and the plugin host.

No manager exists at import time: a host builds one with :func:`make_plugin_manager`
(tests build a clean one with ``entry_points=False``).

The names load on first use (PEP 562): data and reports import the hooks and the
registries to register their own loaders and formats, and must not load the host (which
reads data and goal files) when they do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from goalkit._lazy import lazy_names

if TYPE_CHECKING:
    from goalkit.plugins._example import PluginExample
    from goalkit.plugins._host import PluginFailure, PluginHost, PluginInfo
    from goalkit.plugins._manager import (
        ENTRY_POINT_GROUP,
        load_data,
        load_project,
        make_plugin_manager,
    )
    from goalkit.plugins._packaged import packaged_project
    from goalkit.plugins._project_plugin import ProjectPlugin
    from goalkit.plugins._registry import Entry, Registry
    from goalkit.plugins.hookspecs import hookimpl, hookspec

_LAZY = {
    "ENTRY_POINT_GROUP": "goalkit.plugins._manager",
    "Entry": "goalkit.plugins._registry",
    "PluginExample": "goalkit.plugins._example",
    "PluginFailure": "goalkit.plugins._host",
    "PluginHost": "goalkit.plugins._host",
    "PluginInfo": "goalkit.plugins._host",
    "ProjectPlugin": "goalkit.plugins._project_plugin",
    "Registry": "goalkit.plugins._registry",
    "hookimpl": "goalkit.plugins.hookspecs",
    "hookspec": "goalkit.plugins.hookspecs",
    "load_data": "goalkit.plugins._manager",
    "load_project": "goalkit.plugins._manager",
    "make_plugin_manager": "goalkit.plugins._manager",
    "packaged_project": "goalkit.plugins._packaged",
}
_SUBMODULES = frozenset({"hookspecs"})

__all__ = [
    "ENTRY_POINT_GROUP",
    "Entry",
    "PluginExample",
    "PluginFailure",
    "PluginHost",
    "PluginInfo",
    "ProjectPlugin",
    "Registry",
    "hookimpl",
    "hookspec",
    "load_data",
    "load_project",
    "make_plugin_manager",
    "packaged_project",
]


__getattr__, __dir__ = lazy_names(globals(), _LAZY, _SUBMODULES)
