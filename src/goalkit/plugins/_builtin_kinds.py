"""Registers the built-in indicator kinds through the same hook plugins use."""

from __future__ import annotations

from goalkit.indicators import BUILTIN_KINDS
from goalkit.model._indicator import Indicator
from goalkit.plugins._registry import Registry
from goalkit.plugins.hookspecs import hookimpl


@hookimpl
def goalkit_register_kinds(kinds: Registry[type[Indicator]]) -> None:
    """The kinds goalkit ships with."""
    for cls in BUILTIN_KINDS:
        kinds.add(cls.kind, cls)
