"""Plugins: the hooks, the registries they fill, and the plugin manager."""

from __future__ import annotations

from goalkit.plugins._example import PluginExample
from goalkit.plugins._registry import Entry, Registry
from goalkit.plugins.hookspecs import hookimpl, hookspec

__all__ = ["Entry", "PluginExample", "Registry", "hookimpl", "hookspec"]
