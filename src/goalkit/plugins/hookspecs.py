"""The hooks a goalkit plugin can implement.

A plugin is a module (or object) with functions named like the hooks below, decorated
with :data:`hookimpl`, and exposed through the entry-point group ``goalkit``::

    # pyproject.toml of the plugin's distribution
    [project.entry-points.goalkit]
    my_project = "goalkit_my_project.plugin"

Every hook receives a *registry* to fill, never a long argument list, so hooks can grow
without breaking plugins. Each hook is called once per host, through pluggy (``tryfirst``,
``trylast`` and wrappers work). Each registry remembers which plugin added what; a name
two plugins register is usable only as ``PLUGIN:NAME`` (the bare name is an error naming
both). A hook that raises (anything, ``SystemExit`` included) fails its plugin alone:
nothing it registered stays. The built-in kinds, loaders and formats are registered
through these same hooks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import click

    from goalkit.model._indicator import Indicator
    from goalkit.plugins._example import PluginExample
    from goalkit.plugins._registry import Registry
    from goalkit.typing import Loader, ProjectFactory, ReportFormat

__all__ = [
    "goalkit_register_commands",
    "goalkit_register_examples",
    "goalkit_register_formats",
    "goalkit_register_kinds",
    "goalkit_register_loaders",
    "goalkit_register_projects",
    "hookimpl",
    "hookspec",
]

hookspec = pluggy.HookspecMarker("goalkit")
hookimpl = pluggy.HookimplMarker("goalkit")


@hookspec
def goalkit_register_projects(projects: Registry[ProjectFactory]) -> None:
    """Register the projects this plugin knows, each with its goals.

    :param projects: call ``projects.add(project_id, factory)`` where ``factory`` is a
        callable with no arguments returning a :class:`goalkit.Project` (typically
        ``lambda: goalkit.load_goals(files("my_plugin") / "goals.toml")``). The factory is
        called only when the project is used, so listing plugins stays fast.
    """


@hookspec
def goalkit_register_kinds(kinds: Registry[type[Indicator]]) -> None:
    """Register indicator kinds the core does not have.

    :param kinds: call ``kinds.add(cls.kind, cls)`` for each kind: a frozen attrs subclass
        of :class:`goalkit.kinds.PersonIndicator`, :class:`goalkit.kinds.CompositeIndicator` or
        :class:`goalkit.kinds.AggregateIndicator`. It then loads from and writes to goal files
        like a built-in kind. It should say what it counts in words by overriding
        ``describe(lang)`` (``"sv"`` and ``"en"``): every result's ``definition`` is made
        from it; the default names the kind and its settings.
    """


@hookspec
def goalkit_register_loaders(loaders: Registry[Loader]) -> None:
    """Register data loaders: ways to read participant data from a source.

    :param loaders: call ``loaders.add(name, loader)`` where ``loader`` follows the
        :class:`goalkit.typing.Loader` protocol.
    """


@hookspec
def goalkit_register_formats(formats: Registry[ReportFormat]) -> None:
    """Register report formats.

    :param formats: call ``formats.add(name, fmt)`` where ``fmt`` follows the
        :class:`goalkit.typing.ReportFormat` protocol.
    """


@hookspec
def goalkit_register_commands(commands: Registry[click.Command]) -> None:
    """Add commands to the ``goalkit`` command line.

    :param commands: call ``commands.add(name, command)`` with a :class:`click.Command`.
    """


@hookspec
def goalkit_register_examples(examples: Registry[PluginExample]) -> None:
    """Declare worked examples: data plus the status each goal should have.

    :param examples: call ``examples.add(name, example)`` with a
        :class:`goalkit.plugins.PluginExample`. ``goalkit.testing`` runs every declared
        example and checks the statuses, so a plugin's examples are also its tests.
    """
