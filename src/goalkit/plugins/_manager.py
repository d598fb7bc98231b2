"""Finding, loading and isolating plugins, and the registries they fill.

No plugin manager exists at import time. A host calls :func:`make_plugin_manager` and
gets a :class:`PluginHost`: the pluggy manager plus the filled registries (projects,
indicator kinds, loaders, formats, commands, examples) and the list of plugins that
failed. Tests build a clean one each (``entry_points=False``).

Loading, in order:

1. the built-in plugin modules (:data:`goalkit.plugins._builtins.BUILTIN_PLUGINS`);
2. the plugins the host passes in (``plugins=``);
3. the entry points of the group ``goalkit``, one at a time, each inside ``try``: a plugin
   that fails to import, implements a hook that does not exist (a misspelling), has a
   hook that raises, or registers something wrong is recorded as a
   :class:`PluginFailure` (name, distribution, version, error) and skipped as a whole;
   the others still work. In strict mode any failure raises :class:`PluginError`.

Each plugin's hooks are called separately, into registries of its own, and merged only
when every hook of the plugin succeeded; so every item knows which plugin gave it, a
failed plugin leaves nothing behind, and a name two plugins register is a
:class:`DuplicateRegistrationError` naming both.

Environment (read when the host does not pass the argument):

* ``GOALKIT_PLUGINS_ALLOW``: comma-separated entry-point names; only these load.
* ``GOALKIT_PLUGINS_BLOCK``: comma-separated entry-point names that never load.
* ``GOALKIT_PLUGINS_STRICT=1``: any plugin failure is an error.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import os
from collections.abc import Callable, Mapping
from importlib.metadata import entry_points as _installed_entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

import pluggy
from attrs import frozen

from goalkit._exceptions import DataError, DuplicateRegistrationError, PluginError
from goalkit._version import __version__
from goalkit.plugins import hookspecs
from goalkit.plugins._builtins import BUILTIN_PLUGINS
from goalkit.plugins._example import PluginExample
from goalkit.plugins._registry import Registry

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from importlib.metadata import EntryPoint

    import cattrs
    import click

    from goalkit.data._dataset import Dataset
    from goalkit.model._indicator import Indicator
    from goalkit.model._project import Project
    from goalkit.typing import Loader, ReportFormat

__all__ = [
    "ENTRY_POINT_GROUP",
    "HOOKS",
    "PluginFailure",
    "PluginHost",
    "PluginInfo",
    "make_plugin_manager",
]

ENTRY_POINT_GROUP: Final = "goalkit"
"""The entry-point group plugins are published under."""

CORE_DISTRIBUTION: Final = "goalkit-core"

HOOKS: Final = {
    "goalkit_register_kinds": "kinds",
    "goalkit_register_loaders": "loaders",
    "goalkit_register_formats": "formats",
    "goalkit_register_commands": "commands",
    "goalkit_register_projects": "projects",
    "goalkit_register_examples": "examples",
}
"""Each registering hook and the registry it fills, in the order they are called."""

_WHAT = {
    "kinds": "indicator kind",
    "loaders": "loader",
    "formats": "format",
    "commands": "command",
    "projects": "project",
    "examples": "example",
}

Stage = Literal["import", "register", "hook", "validate", "duplicate"]


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
        registered a name another plugin has).
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


@frozen
class _Candidate:
    name: str
    distribution: str | None
    version: str | None
    builtin: bool
    load: Callable[[], object]
    module: str


class _Manager(pluggy.PluginManager):
    """A pluggy manager that also takes unmarked ``goalkit_*`` functions as hook
    implementations (as pytest does for ``pytest_*``), so a forgotten ``@hookimpl`` or a
    misspelled hook name is caught and reported rather than silently ignored."""

    def parse_hookimpl_opts(self, plugin: object, name: str) -> pluggy.HookimplOpts | None:
        opts = super().parse_hookimpl_opts(plugin, name)
        if opts is not None or not name.startswith("goalkit_"):
            return opts
        method = getattr(plugin, name, None)
        if not inspect.isroutine(method):
            return None
        return pluggy.HookimplOpts(
            wrapper=False,
            hookwrapper=False,
            optionalhook=False,
            tryfirst=False,
            trylast=False,
            specname=None,
        )


def _names(value: str | Iterable[str] | None) -> frozenset[str] | None:
    if value is None:
        return None
    parts = value.split(",") if isinstance(value, str) else value
    names = frozenset(p.strip() for p in parts if p.strip())
    return names or None


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


def _module_name(obj: object) -> str:
    if inspect.ismodule(obj):
        return obj.__name__
    return f"{type(obj).__module__}.{type(obj).__qualname__}"


def _plugin_name(obj: object) -> str:
    name = getattr(obj, "__name__", None)
    return name if isinstance(name, str) else _module_name(obj)


def _identity(obj: object) -> object:
    return obj


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _validate(registry: str, name: str, item: Any) -> str | None:
    """Why ``item`` cannot be registered in ``registry`` as ``name`` (or ``None``)."""
    import click  # noqa: PLC0415

    from goalkit.model._indicator import (  # noqa: PLC0415
        AggregateIndicator,
        CompositeIndicator,
        PersonIndicator,
    )
    from goalkit.typing import Loader, ReportFormat  # noqa: PLC0415

    if registry == "kinds":
        families = (PersonIndicator, CompositeIndicator, AggregateIndicator)
        if not (isinstance(item, type) and issubclass(item, families)):
            return (
                f"indicator kind {name!r} must be a subclass of PersonIndicator, "
                f"CompositeIndicator or AggregateIndicator, got {item!r}"
            )
        if getattr(item, "kind", None) != name:
            return (
                f"indicator kind {name!r} is registered under a name other than its class "
                f"variable kind = {getattr(item, 'kind', None)!r}"
            )
        if not hasattr(item, "__attrs_attrs__"):
            return f"indicator kind {name!r} ({item.__name__}) must be an attrs class (@frozen)"
        if not hasattr(item, "unit"):
            return f"indicator kind {name!r} ({item.__name__}) has no class variable unit"
    elif registry == "loaders" and not isinstance(item, Loader):
        return f"loader {name!r} lacks description, can_load() or load(): got {item!r}"
    elif registry == "formats" and not isinstance(item, ReportFormat):
        return f"format {name!r} lacks description, suffix, binary or render(): got {item!r}"
    elif registry == "commands" and not isinstance(item, click.Command):
        return f"command {name!r} must be a click.Command, got {item!r}"
    elif registry == "projects" and not callable(item):
        return f"project {name!r} must be registered with a factory (a callable), got {item!r}"
    elif registry == "examples" and not isinstance(item, PluginExample):
        return f"example {name!r} must be a goalkit.plugins.PluginExample, got {item!r}"
    return None


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
    def kind_classes(self) -> tuple[type[Indicator], ...]:
        """The registered kinds: the built-in ones in their documented order, then the
        others by name (a clean host gives exactly ``BUILTIN_KINDS``)."""
        from goalkit.indicators import BUILTIN_KINDS  # noqa: PLC0415

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
        """Build the project a plugin registered as ``project_id``.

        :raises UnknownNameError: listing the projects there are.
        :raises PluginError: naming the plugin when its factory fails.
        """
        from goalkit._exceptions import GoalkitError  # noqa: PLC0415
        from goalkit.model._project import Project  # noqa: PLC0415

        entry = self.projects.entry(project_id)
        info = self._info(entry.plugin)
        try:
            project = entry.item()
        except GoalkitError as e:
            raise PluginError(
                f"project {project_id!r} could not be built: {e}",
                plugin=entry.plugin, distribution=info,
            ) from e
        except Exception as e:
            raise PluginError(
                f"project {project_id!r} could not be built: {_describe(e)}",
                plugin=entry.plugin, distribution=info,
            ) from e
        if not isinstance(project, Project):
            raise PluginError(
                f"the factory of project {project_id!r} returned {type(project).__name__}, "
                "not a goalkit.Project",
                plugin=entry.plugin, distribution=info,
            )
        return project

    def _info(self, plugin: str) -> str | None:
        for info in self.plugins:
            if info.name == plugin and info.distribution:
                return f"{info.distribution} {info.version or '?'}"
        return None

    def load_goals(self, path: str | Path) -> Project:
        """Read a goal file, with every registered kind."""
        from goalkit.specs import load_goals  # noqa: PLC0415

        return load_goals(path, kinds=self.kind_classes)

    def loads_goals(self, text: str, *, source: str = "<string>") -> Project:
        """Parse a goal file's text, with every registered kind."""
        from goalkit.specs import loads_goals  # noqa: PLC0415

        return loads_goals(text, kinds=self.kind_classes, source=source)

    def dumps_goals(self, project: Project) -> str:
        """The goal file for a project, with every registered kind."""
        from goalkit.specs import dumps_goals  # noqa: PLC0415

        return dumps_goals(project, kinds=self.kind_classes)

    def loader_for(self, source: str) -> str:
        """The name of the first loader (by name) that can read ``source``.

        :raises DataError: when none can, listing the loaders there are.
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
        """The report format registered as ``name``.

        :raises UnknownNameError: listing the formats there are.
        """
        return self.formats.get(name)

    def registrations(self, plugin: str) -> dict[str, tuple[str, ...]]:
        """What one plugin registered: registry name to names (empty ones left out)."""
        out = {}
        for reg in HOOKS.values():
            names = self.registry(reg).by_plugin(plugin)
            if names:
                out[reg] = tuple(names)
        return out

    def registry(self, name: str) -> Registry[Any]:
        """The registry called ``name`` (``projects``, ``kinds``, …)."""
        if name not in _WHAT:
            from goalkit._exceptions import UnknownNameError  # noqa: PLC0415

            raise UnknownNameError("registry", name, list(_WHAT))
        reg: Registry[Any] = getattr(self, name)
        return reg

    def __repr__(self) -> str:
        return (
            f"<PluginHost {len(self.plugins)} plugin(s), {len(self.failures)} failure(s), "
            f"{len(self.projects)} project(s), {len(self.kinds)} kind(s)>"
        )


def _installed() -> list[EntryPoint]:
    return sorted(_installed_entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name)


def _candidates(
    entry_points: bool | Iterable[EntryPoint],
    plugins: Iterable[object | tuple[str, object]],
    allow: frozenset[str] | None,
    block: frozenset[str] | None,
    skipped: dict[str, str],
) -> list[_Candidate]:
    out: list[_Candidate] = []
    for module in BUILTIN_PLUGINS:
        out.append(_Candidate(
            module, CORE_DISTRIBUTION, __version__, builtin=True,
            load=functools.partial(importlib.import_module, module), module=module,
        ))
    for given in plugins:
        if isinstance(given, tuple):
            name, obj = given
        else:
            name, obj = _plugin_name(given), given
        out.append(_Candidate(
            name, None, None, builtin=False, load=functools.partial(_identity, obj),
            module=_module_name(obj),
        ))
    if entry_points is True:
        eps: Iterable[EntryPoint] = _installed()
    elif entry_points is False:
        eps = ()
    else:
        eps = entry_points
    for ep in eps:
        if block is not None and ep.name in block:
            skipped[ep.name] = "blocked by GOALKIT_PLUGINS_BLOCK"
            continue
        if allow is not None and ep.name not in allow:
            skipped[ep.name] = "not in GOALKIT_PLUGINS_ALLOW"
            continue
        dist = ep.dist
        out.append(_Candidate(
            ep.name,
            dist.name if dist is not None else None,
            dist.version if dist is not None else None,
            builtin=False,
            load=ep.load,
            module=ep.value,
        ))
    return out


def make_plugin_manager(  # noqa: PLR0915  # one pass, in the order the docstring gives
    *,
    entry_points: bool | Iterable[EntryPoint] = True,
    strict: bool | None = None,
    allow: str | Iterable[str] | None = None,
    block: str | Iterable[str] | None = None,
    environ: Mapping[str, str] | None = None,
    plugins: Iterable[object | tuple[str, object]] = (),
) -> PluginHost:
    """Build a plugin host: load the plugins and fill the registries.

    :param entry_points: ``True`` to load the installed entry points of the group
        ``goalkit``; ``False`` for none (tests: a clean host); or the entry points to load.
    :param strict: raise on any plugin failure (default: ``GOALKIT_PLUGINS_STRICT``).
    :param allow: only these entry-point names load (default: ``GOALKIT_PLUGINS_ALLOW``).
    :param block: these entry-point names never load (default: ``GOALKIT_PLUGINS_BLOCK``).
    :param environ: where to read those variables (default: ``os.environ``).
    :param plugins: plugin objects (modules, instances) to register besides the built-in
        ones, each optionally as a ``(name, plugin)`` pair; not subject to allow/block.
    :raises PluginError: in strict mode, naming every plugin that failed; also, always,
        when a built-in plugin fails (a bug in goalkit).
    """
    env = os.environ if environ is None else environ
    strict_ = _flag(env.get("GOALKIT_PLUGINS_STRICT")) if strict is None else strict
    allow_ = _names(env.get("GOALKIT_PLUGINS_ALLOW") if allow is None else allow)
    block_ = _names(env.get("GOALKIT_PLUGINS_BLOCK") if block is None else block)

    pm = _Manager(ENTRY_POINT_GROUP)
    pm.add_hookspecs(hookspecs)
    skipped: dict[str, str] = {}
    failures: list[PluginFailure] = []
    loaded: list[_Candidate] = []

    def fail(c: _Candidate, stage: Stage, error: str) -> None:
        if c.builtin:
            raise PluginError(f"built-in plugin failed ({stage}): {error}", plugin=c.name,
                              distribution=f"{c.distribution} {c.version}")
        failures.append(PluginFailure(c.name, c.distribution, c.version, stage, error))
        if pm.has_plugin(c.name):
            pm.unregister(name=c.name)

    for c in _candidates(entry_points, plugins, allow_, block_, skipped):
        try:
            obj = c.load()
        except Exception as e:  # any error a plugin's import raises
            fail(c, "import", f"cannot be imported ({c.module}): {_describe(e)}")
            continue
        if pm.has_plugin(c.name) or pm.is_registered(obj):
            fail(c, "register", "a plugin with this name (or this very plugin) is already "
                 "registered")
            continue
        try:
            pm.register(obj, name=c.name)
        except Exception as e:  # pluggy's validation: a hook with the wrong arguments
            fail(c, "register", _describe(e))
            continue
        loaded.append(c)

    # Hooks nobody specified: misspellings (pluggy's check_pending, but every one, named).
    bad: dict[str, list[str]] = {}
    for hook_name, caller in list(vars(pm.hook).items()):
        if hook_name.startswith("_") or caller.has_spec():
            continue
        for impl in caller.get_hookimpls():
            if not impl.optionalhook:
                bad.setdefault(impl.plugin_name, []).append(hook_name)
    known = ", ".join(sorted(HOOKS))
    for c in list(loaded):
        if c.name in bad:
            names = ", ".join(sorted(bad[c.name]))
            fail(c, "hook", f"implements unknown hook(s) {names}; the hooks are: {known}")
            loaded.remove(c)

    registries: dict[str, Registry[Any]] = {reg: Registry(_WHAT[reg]) for reg in HOOKS.values()}
    infos: list[PluginInfo] = []
    for c in loaded:
        staged = _call_hooks(pm, c, fail)
        if staged is None:
            continue
        clash = _first_clash(registries, staged)
        if clash is not None:
            what, name, owner = clash
            err = DuplicateRegistrationError(what, name, owner, c.name)
            fail(c, "duplicate", str(err))
            if strict_:
                raise err
            continue
        for reg, staging in staged.items():
            target = registries[reg]
            target.plugin = c.name
            for entry in staging.entries():
                target.add(entry.name, entry.item)
            target.plugin = "<host>"
        infos.append(PluginInfo(
            c.name, c.distribution, c.version, c.builtin, c.module,
            {reg: tuple(s) for reg, s in staged.items() if len(s)},
        ))

    if strict_ and failures:
        raise _strict_error(failures)
    return PluginHost(pm, registries, infos, failures, skipped, strict_)


def _call_hooks(
    pm: pluggy.PluginManager, c: _Candidate, fail: Callable[[_Candidate, Stage, str], None]
) -> dict[str, Registry[Any]] | None:
    """Call each of one plugin's hooks into registries of its own; ``None`` if it failed."""
    staged: dict[str, Registry[Any]] = {}
    for hook_name, reg in HOOKS.items():
        staging: Registry[Any] = Registry(_WHAT[reg])
        staging.plugin = c.name
        staged[reg] = staging
        impls = [i for i in getattr(pm.hook, hook_name).get_hookimpls() if i.plugin_name == c.name]
        for impl in impls:
            try:
                impl.function(**dict.fromkeys(impl.argnames, staging))
            except Exception as e:  # the plugin's own code failed
                fail(c, "hook", f"{hook_name} raised {_describe(e)}")
                return None
        for entry in staging.entries():
            problem = _validate(reg, entry.name, entry.item)
            if problem is not None:
                fail(c, "validate", problem)
                return None
    return staged


def _first_clash(
    registries: Mapping[str, Registry[Any]], staged: Mapping[str, Registry[Any]]
) -> tuple[str, str, str] | None:
    for reg, staging in staged.items():
        target = registries[reg]
        for name in staging:
            if name in target:
                return (target.what, name, target.entry(name).plugin)
    return None


def _strict_error(failures: Sequence[PluginFailure]) -> PluginError:
    if len(failures) == 1:
        f = failures[0]
        dist = f"{f.distribution} {f.version or '?'}" if f.distribution else None
        return PluginError(f"{f.error} (strict mode: GOALKIT_PLUGINS_STRICT)", plugin=f.name,
                           distribution=dist)
    lines = "".join(f"\n  - {f}" for f in failures)
    return PluginError(f"{len(failures)} plugins failed (strict mode: GOALKIT_PLUGINS_STRICT):"
                       f"{lines}")


def load_project(spec: str | Path, *, host: PluginHost | None = None) -> Project:
    """A project from a goal file's path (read with every registered kind) or the id of a
    project a plugin registered. Builds a plugin host for the call unless one is given."""
    host = make_plugin_manager() if host is None else host
    path = Path(spec)
    if path.suffix == ".toml" or path.exists():
        return host.load_goals(path)
    return host.project(str(spec))


def load_data(
    spec: str | Path, *, host: PluginHost | None = None, mapping: Mapping[str, Any] | None = None
) -> Dataset:
    """Participant data from any source a registered loader reads. Builds a plugin host for
    the call unless one is given."""
    host = make_plugin_manager() if host is None else host
    return host.load_data(spec, mapping=mapping)
