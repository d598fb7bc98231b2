"""The registering hooks: the one table of them, and what each accepts.

Each hook of :mod:`goalkit.plugins.hookspecs` that fills a registry is one :class:`Hook`
here: the registry's name (also the hook's one argument and the :class:`PluginHost`
attribute), what one item is (for messages), and the check an item must pass before it is
registered. The plugin manager calls them in the order of :data:`HOOKS`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final, Literal

from attrs import frozen

from goalkit.plugins._example import PluginExample

__all__ = ["HOOKS", "REGISTRIES", "Hook", "Stage"]

Stage = Literal["import", "register", "hook", "validate", "duplicate"]
"""Where a plugin failed: see :class:`goalkit.plugins.PluginFailure`."""


def _check_kind(name: str, item: Any) -> str | None:
    from goalkit.model._indicator import (  # noqa: PLC0415
        AggregateIndicator,
        CompositeIndicator,
        PersonIndicator,
    )

    families = (PersonIndicator, CompositeIndicator, AggregateIndicator)
    if not (isinstance(item, type) and issubclass(item, families)):
        return (f"indicator kind {name!r} must be a subclass of PersonIndicator, "
                f"CompositeIndicator or AggregateIndicator, got {item!r}")
    if getattr(item, "kind", None) != name:
        return (f"indicator kind {name!r} is registered under a name other than its class "
                f"variable kind = {getattr(item, 'kind', None)!r}")
    if not hasattr(item, "__attrs_attrs__"):
        return f"indicator kind {name!r} ({item.__name__}) must be an attrs class (@frozen)"
    if not hasattr(item, "unit"):
        return f"indicator kind {name!r} ({item.__name__}) has no class variable unit"
    return None


def _check_loader(name: str, item: Any) -> str | None:
    from goalkit.typing import Loader  # noqa: PLC0415

    if isinstance(item, Loader) and isinstance(getattr(item, "description", None), str):
        return None
    return f"loader {name!r} lacks description, can_load() or load(): got {item!r}"


SUFFIX: Final = re.compile(r"\.[A-Za-z0-9][A-Za-z0-9_+-]*(\.[A-Za-z0-9][A-Za-z0-9_+-]*)*")
"""What a format's ``suffix`` may be: a dot and a name of ASCII letters, digits, ``_``,
``+`` and ``-``, possibly several (``.html``, ``.tar.gz``), at most :data:`SUFFIX_MAX`
characters. It ends a file's name in any folder on any system: never a path (``/``,
``\\``), never ``..``, no character Windows refuses."""

SUFFIX_MAX: Final = 32


def _check_format(name: str, item: Any) -> str | None:
    from goalkit.typing import ReportFormat  # noqa: PLC0415

    suffix = getattr(item, "suffix", None)
    if not (isinstance(item, ReportFormat) and isinstance(suffix, str)):
        return f"format {name!r} lacks description, suffix, binary or render(): got {item!r}"
    if len(suffix) > SUFFIX_MAX or not SUFFIX.fullmatch(suffix):
        return (f"format {name!r} has the suffix {suffix!r}: a suffix is a dot and a name "
                "of ASCII letters, digits, '_', '+' or '-' ('.csv', '.tar.gz'; at most "
                f"{SUFFIX_MAX} characters), never a path")
    return None


def _check_command(name: str, item: Any) -> str | None:
    import click  # noqa: PLC0415

    if isinstance(item, click.Command):
        return None
    return f"command {name!r} must be a click.Command, got {item!r}"


def _check_project(name: str, item: Any) -> str | None:
    if callable(item):
        return None
    return f"project {name!r} must be registered with a factory (a callable), got {item!r}"


def _check_example(name: str, item: Any) -> str | None:
    if isinstance(item, PluginExample):
        return None
    return f"example {name!r} must be a goalkit.plugins.PluginExample, got {item!r}"


@frozen
class Hook:
    """One registering hook: everything the plugin manager knows about it.

    :param name: the hook (its specification, with its documentation, is in
        :mod:`goalkit.plugins.hookspecs`).
    :param registry: the registry it fills, also the hook's one argument and the
        :class:`PluginHost` attribute.
    :param what: what one item is, for messages.
    :param check: why an item cannot be registered under a name, or ``None``.
    """

    name: str
    registry: str
    what: str
    check: Callable[[str, Any], str | None]


HOOKS: Final[tuple[Hook, ...]] = (
    Hook("goalkit_register_kinds", "kinds", "indicator kind", _check_kind),
    Hook("goalkit_register_loaders", "loaders", "loader", _check_loader),
    Hook("goalkit_register_formats", "formats", "format", _check_format),
    Hook("goalkit_register_commands", "commands", "command", _check_command),
    Hook("goalkit_register_projects", "projects", "project", _check_project),
    Hook("goalkit_register_examples", "examples", "example", _check_example),
)
"""The registering hooks, in the order they are called: the one table of them."""

REGISTRIES: Final = tuple(h.registry for h in HOOKS)
"""The registries' names, in the order of :data:`HOOKS`."""

