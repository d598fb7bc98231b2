"""Registers the built-in indicator kinds through the same hook plugins use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from goalkit.indicators import BUILTIN_KINDS
from goalkit.plugins.hookspecs import hookimpl

if TYPE_CHECKING:
    from goalkit.model._indicator import Indicator
    from goalkit.plugins._registry import Registry


@hookimpl
def goalkit_register_kinds(kinds: Registry[type[Indicator]]) -> None:
    """The kinds goalkit ships with."""
    for cls in BUILTIN_KINDS:
        kinds.add(cls.kind, cls)
