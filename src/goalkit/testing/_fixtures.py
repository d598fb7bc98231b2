"""pytest fixtures for goal plugin authors.

Loaded automatically wherever goalkit is installed (the ``pytest11`` entry point
``goalkit``); disable with ``-p no:goalkit``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import pytest

if TYPE_CHECKING:
    from goalkit.plugins._manager import PluginHost

__all__ = ["HostFactory", "goalkit_plugins"]


class HostFactory(Protocol):
    """Builds a clean plugin host with the plugins under test."""

    def __call__(self, *plugins: object, strict: bool = True) -> PluginHost: ...


@pytest.fixture
def goalkit_plugins() -> HostFactory:
    """A factory of clean plugin hosts: ``goalkit_plugins(my_plugin)`` gives a host with
    goalkit's built-in plugins and ``my_plugin`` only: no installed entry points, no
    ``GOALKIT_PLUGINS_*`` environment, strict (a plugin failure fails the test)."""
    from goalkit.testing._check import plugin_host  # noqa: PLC0415

    return plugin_host
