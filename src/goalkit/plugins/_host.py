"""What a host holds once the plugins are loaded: :class:`PluginHost`, the plugins that
loaded (:class:`PluginInfo`) and those that failed (:class:`PluginFailure`).

A host is built by :func:`goalkit.plugins.make_plugin_manager` and read-only afterwards;
this module only reads what the build filled in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from attrs import frozen

from goalkit._exceptions import DataError, DuplicateRegistrationError, PluginError
from goalkit.plugins._guard import Who, describe, interrupted, plugin_of
from goalkit.plugins._hooks import REGISTRIES, Stage

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    import cattrs
    import click
    import pluggy

    from goalkit.data._dataset import Dataset
    from goalkit.model._indicator import Indicator
    from goalkit.model._project import Project
    from goalkit.plugins._example import PluginExample
    from goalkit.plugins._registry import Registry
    from goalkit.typing import Loader, ReportFormat

__all__ = ["PluginFailure", "PluginHost", "PluginInfo", "strict_error", "who"]


@frozen
class PluginInfo:
    """One plugin that loaded.

    :param name: the entry-point name (or module name, for built-ins and plugins passed in).
    :param distribution: the distribution that provides it (``goalkit-core`` for built-ins;
        ``None`` when unknown).
    :param version: the distribution's version.
    :param builtin: whether it ships inside goalkit.
    :param registers: registry name (``projects``, ``kinds``, …) to the names it registered.
    """

    name: str
    distribution: str | None
    version: str | None
    builtin: bool
    module: str
    registers: Mapping[str, tuple[str, ...]]


@frozen
class PluginFailure:
    """One plugin that was skipped, and why.

    :param stage: ``import`` (the entry point did not load), ``register`` (pluggy refused
        it), ``hook`` (it implements a hook that does not exist, or a hook raised),
        ``validate`` (it registered something of the wrong type) or ``duplicate`` (it
        registered a name a built-in has).
    """

    name: str
    distribution: str | None
    version: str | None
    stage: Stage
    error: str

    def __str__(self) -> str:
        who = self.name
        if self.distribution:
            who += f" ({self.distribution} {self.version or '?'})"
        return f"plugin {who}: {self.error}"



def who(info: PluginInfo) -> Who:
    """The plugin as errors name it (name, distribution, version)."""
    return Who(info.name, info.distribution, info.version)


class PluginHost:
    """The plugins of one host: the pluggy manager and the registries they filled.

    Build it with :func:`make_plugin_manager`; it is read-only afterwards, so threads may
    share it.
    """

    def __init__(
        self,
        pm: pluggy.PluginManager,
        registries: Mapping[str, Registry[Any]],
        plugins: Sequence[PluginInfo],
        failures: Sequence[PluginFailure],
        skipped: Mapping[str, str],
        strict: bool,
    ) -> None:
        self.pm = pm
        self._registries = dict(registries)
        self.projects: Registry[Callable[[], Project]] = registries["projects"]
        self.kinds: Registry[type[Indicator]] = registries["kinds"]
        self.loaders: Registry[Loader] = registries["loaders"]
        self.formats: Registry[ReportFormat] = registries["formats"]
        self.commands: Registry[click.Command] = registries["commands"]
        self.examples: Registry[PluginExample] = registries["examples"]
        self.plugins: tuple[PluginInfo, ...] = tuple(plugins)
        """Every plugin that loaded, built-ins first."""
        self.failures: tuple[PluginFailure, ...] = tuple(failures)
        """Every plugin that was skipped because something was wrong with it."""
        self.skipped: Mapping[str, str] = dict(skipped)
        """Entry points left out on purpose (allow- or block-list), with the reason."""
        self.strict = strict

    # -- lookups ------------------------------------------------------------------------

    def plugin(self, name: str) -> PluginInfo:
        """The loaded plugin called ``name``.

        :raises UnknownNameError: listing the plugins there are.
        """
        from goalkit._exceptions import UnknownNameError  # noqa: PLC0415

        for info in self.plugins:
            if info.name == name:
                return info
        raise UnknownNameError("plugin", name, [p.name for p in self.plugins])

    @property
    def conflicts(self) -> list[DuplicateRegistrationError]:
        """Every contested name (registered by several plugins), as the error using it
        raises: in registry order, then by name."""
        out = []
        for reg in REGISTRIES:
            registry = self._registries[reg]
            for name, plugins in registry.contested.items():
                out.append(DuplicateRegistrationError(registry.what, name, *plugins))
        return out

    def problems(self) -> list[str]:
        """One line per failed plugin and per contested name (what strict mode refuses)."""
        return [*(str(f) for f in self.failures), *(str(c) for c in self.conflicts)]

    def check_strict(self) -> None:
        """Raise what strict mode raises when any plugin failed or any name is contested.

        :raises PluginError: naming every failed plugin and contested name.
        """
        if self.failures or self.conflicts:
            raise strict_error(self.failures, self.conflicts)

    def blame(self, exc: BaseException) -> PluginInfo | None:
        """The installed plugin whose code raised ``exc`` (found from its traceback, the
        innermost frame in a plugin's top-level package), or ``None`` when no plugin's
        code was running. Built-in plugins are never blamed: their errors are goalkit's."""
        packages: dict[str, str] = {}
        for info in self.plugins:
            if info.builtin:
                continue
            top = info.module.split(":", 1)[0].split(".", 1)[0]
            if top and top != "goalkit" and top not in packages:
                packages[top] = info.name
        name = plugin_of(exc, packages)
        return None if name is None else self.plugin(name)

    def plugin_error(self, exc: BaseException) -> PluginError | None:
        """``exc`` as a :class:`PluginError` naming the installed plugin whose code raised
        it, or ``None`` when no plugin's code did (then it is goalkit's own)."""
        if isinstance(exc, PluginError):
            return exc
        info = self.blame(exc)
        if info is None:
            return None
        err = who(info).error(describe(exc))
        err.__cause__ = exc
        return err

    @property
    def kind_classes(self) -> tuple[type[Indicator], ...]:
        """The registered kinds: the built-in ones in their documented order, then the
        others by name (a clean host gives exactly ``BUILTIN_KINDS``).

        :raises DuplicateRegistrationError: when two plugins registered the same kind (a
            goal file cannot pick between them: leave one plugin out).
        """
        from goalkit.indicators import BUILTIN_KINDS  # noqa: PLC0415

        for name, plugins in self.kinds.contested.items():
            raise DuplicateRegistrationError(self.kinds.what, name, *plugins)
        registered = {e.name: e.item for e in self.kinds.entries()}
        builtin = tuple(k for k in BUILTIN_KINDS if registered.get(k.kind) is k)
        rest = tuple(item for _, item in sorted(registered.items()) if item not in builtin)
        return builtin + rest

    @property
    def converter(self) -> cattrs.Converter:
        """The converter for every registered kind (goal files, reports, dicts)."""
        from goalkit.specs import converter_for  # noqa: PLC0415

        return converter_for(self.kind_classes)

    def project(self, project_id: str) -> Project:
        """Build the project a plugin registered as ``project_id`` (or ``PLUGIN:ID``, to
        pick one of two plugins that registered the same id).

        :raises UnknownNameError: listing the projects there are.
        :raises DuplicateRegistrationError: when several plugins registered the id.
        :raises PluginError: naming the plugin when its factory fails.
        """
        from goalkit._exceptions import GoalkitError  # noqa: PLC0415
        from goalkit.model._project import Project  # noqa: PLC0415

        entry = self.projects.entry(project_id)
        who = self._who(entry.plugin)
        try:
            project = entry.item()
        except GoalkitError as e:
            raise who.error(f"project {entry.name!r} could not be built: {e}") from e
        except KeyboardInterrupt:
            raise
        except BaseException as e:
            raise who.error(f"project {entry.name!r} could not be built: {describe(e)}") from e
        if not isinstance(project, Project):
            raise who.error(f"the factory of project {entry.name!r} returned "
                            f"{type(project).__name__}, not a goalkit.Project")
        return project

    def _who(self, plugin: str) -> Who:
        for info in self.plugins:
            if info.name == plugin:
                return who(info)
        return Who(plugin, None, None)

    def load_goals(self, path: str | Path) -> Project:
        """Read a goal file, with every registered kind.

        :raises GoalFileError: when the file is wrong (a kind refusing a value with a
            ``ValueError`` or ``TypeError`` included).
        :raises PluginError: naming the plugin when its kind fails otherwise while it is
            built (a ``RuntimeError`` in its ``__attrs_post_init__``).
        """
        from goalkit.specs import load_goals  # noqa: PLC0415

        return self._building(str(path), lambda: load_goals(path, kinds=self.kind_classes))

    def loads_goals(self, text: str, *, source: str = "<string>") -> Project:
        """Parse a goal file's text, with every registered kind (raising as
        :meth:`load_goals` does)."""
        from goalkit.specs import loads_goals  # noqa: PLC0415

        return self._building(source, lambda: loads_goals(text, kinds=self.kind_classes,
                                                          source=source))

    def _building(self, source: str, read: Callable[[], Project]) -> Project:
        """``read()``, what a plugin's kind raises while it is built named as its plugin's
        failure (goalkit's own errors, and those no plugin raised, pass as they are)."""
        from goalkit._exceptions import GoalkitError  # noqa: PLC0415

        try:
            return read()
        except GoalkitError:
            raise
        except BaseException as e:  # a kind's own bug: SystemExit too
            info = self.blame(e)
            if info is None:
                raise
            if isinstance(e, KeyboardInterrupt):  # stops the call, as every guard does
                raise interrupted(who(info), f"an indicator kind, reading {source}", e) from e
            raise who(info).error(f"an indicator kind failed while {source} was read: "
                                  f"{describe(e)}") from e

    def dumps_goals(self, project: Project) -> str:
        """The goal file for a project, with every registered kind."""
        from goalkit.specs import dumps_goals  # noqa: PLC0415

        return dumps_goals(project, kinds=self.kind_classes)

    def loader_for(self, source: str) -> str:
        """The name of the first loader (by name) that can read ``source``.

        :raises DataError: when none can, listing the loaders there are.
        :raises PluginError: naming the plugin whose loader's ``can_load`` failed.
        """
        for entry in self.loaders.entries():
            if entry.item.can_load(source):
                return entry.name
        listing = "; ".join(f"{e.name}: {e.item.description}" for e in self.loaders.entries())
        raise DataError(f"no loader can read this source; loaders: {listing}", source=source)

    def load_data(
        self, source: str | Path, *, loader: str | None = None,
        mapping: Mapping[str, Any] | None = None,
    ) -> Dataset:
        """Read participant data with the named loader, or the first that can read it."""
        src = str(source)
        name = loader if loader is not None else self.loader_for(src)
        return self.loaders.get(name).load(src, mapping=mapping)

    def format(self, name: str) -> ReportFormat:
        """The report format registered as ``name`` (or ``PLUGIN:NAME``). It renders a
        frozen copy of the reports it is given, and its errors name its plugin.

        :raises UnknownNameError: listing the formats there are.
        """
        return self.formats.get(name)

    def registrations(self, plugin: str) -> dict[str, tuple[str, ...]]:
        """What one plugin registered: registry name to names (empty ones left out)."""
        out = {}
        for reg in REGISTRIES:
            names = self.registry(reg).by_plugin(plugin)
            if names:
                out[reg] = tuple(names)
        return out

    def registry(self, name: str) -> Registry[Any]:
        """The registry called ``name`` (``projects``, ``kinds``, …)."""
        if name not in self._registries:
            from goalkit._exceptions import UnknownNameError  # noqa: PLC0415

            raise UnknownNameError("registry", name, list(REGISTRIES))
        return self._registries[name]

    def __repr__(self) -> str:
        return (
            f"<PluginHost {len(self.plugins)} plugin(s), {len(self.failures)} failure(s), "
            f"{len(self.projects)} project(s), {len(self.kinds)} kind(s)>"
        )


def strict_error(
    failures: Sequence[PluginFailure], conflicts: Sequence[DuplicateRegistrationError] = ()
) -> PluginError:
    if len(failures) == 1 and not conflicts:
        f = failures[0]
        return PluginError(f"{f.error} (strict mode: GOALKIT_PLUGINS_STRICT)", plugin=f.name,
                           distribution=f.distribution, version=f.version)
    if len(conflicts) == 1 and not failures:
        return conflicts[0]
    lines = "".join(f"\n  - {p}" for p in [*map(str, failures), *map(str, conflicts)])
    n = len(failures) + len(conflicts)
    return PluginError(f"{n} plugin problem(s) (strict mode: GOALKIT_PLUGINS_STRICT):{lines}")
