"""Plugins: the hooks, the registries they fill, and the plugin manager.

No manager exists at import time: a host builds one with :func:`make_plugin_manager`
(tests build a clean one with ``entry_points=False``).
"""

from __future__ import annotations

from goalkit.plugins._example import PluginExample
from goalkit.plugins._manager import (
    ENTRY_POINT_GROUP,
    PluginFailure,
    PluginHost,
    PluginInfo,
    load_data,
    load_project,
    make_plugin_manager,
)
from goalkit.plugins._packaged import packaged_project
from goalkit.plugins._project_plugin import ProjectPlugin
from goalkit.plugins._registry import Entry, Registry
from goalkit.plugins.hookspecs import hookimpl, hookspec

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
