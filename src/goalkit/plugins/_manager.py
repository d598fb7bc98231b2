"""Finding, loading and isolating plugins, and the registries they fill.

No plugin manager exists at import time. A host calls :func:`make_plugin_manager` and
gets a :class:`PluginHost`: the pluggy manager plus the filled registries (projects,
indicator kinds, loaders, formats, commands, examples) and the list of plugins that
failed. Tests build a clean one each (``entry_points=False``).

Loading, in order:

1. the built-in plugin modules (:data:`goalkit.plugins._builtins.BUILTIN_PLUGINS`);
2. the plugins the host passes in (``plugins=``);
3. the entry points of the group ``goalkit``, one at a time, each inside ``try``: a plugin
   that fails to import (whatever it raises, ``SystemExit`` included), implements a hook
   that does not exist (a misspelling), has a hook that raises, or registers something
   wrong is recorded as a :class:`PluginFailure` (name, distribution, version, error) and
   skipped as a whole; the others still work. In strict mode any failure raises
   :class:`PluginError`. A ``KeyboardInterrupt`` in a plugin's code stops the build (as a
   :class:`PluginError` naming the plugin): it may be the user's Ctrl-C.

Each registering hook (the table :data:`HOOKS`) is then called once, through pluggy, so
``tryfirst``/``trylast`` and wrappers work as pluggy documents. Every implementation runs
guarded (:mod:`goalkit.plugins._guard`): what it adds is recorded with its plugin, what
it raises fails that plugin alone, and a failed plugin leaves nothing behind. A name two
plugins register is *contested*: using it is a :class:`DuplicateRegistrationError`
naming both, unless the user picks one as ``PLUGIN:NAME``; a plugin cannot take a
built-in name (it is the one that fails).

A hook that hangs is not given a time limit: Python cannot stop a thread, and running
hooks in another process would break what hooks are for (filling registries with live
objects). A hanging plugin is left out with ``GOALKIT_PLUGINS_BLOCK``; ``goalkit``'s own
run can be bounded from outside (``timeout 60 goalkit …``).

Environment (read when the host does not pass the argument):

* ``GOALKIT_PLUGINS_ALLOW``: comma-separated entry-point names; only these load.
* ``GOALKIT_PLUGINS_BLOCK``: comma-separated entry-point names that never load.
* ``GOALKIT_PLUGINS_STRICT=1``: any plugin failure, or any contested name, is an error.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import os
from collections.abc import Callable, Mapping
from importlib.metadata import entry_points as _installed_entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, cast

import pluggy
from attrs import frozen

from goalkit._exceptions import DataError, DuplicateRegistrationError, PluginError
from goalkit._version import __version__
from goalkit.plugins import hookspecs
from goalkit.plugins._builtins import BUILTIN_PLUGINS
from goalkit.plugins._example import PluginExample
from goalkit.plugins._guard import (
    GuardedFormat,
    GuardedLoader,
    HookCall,
    Who,
    describe,
    guard_hookimpl,
    plugin_of,
)
from goalkit.plugins._registry import Entry, Registry

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
    "Hook",
    "PluginFailure",
    "PluginHost",
    "PluginInfo",
    "make_plugin_manager",
]

ENTRY_POINT_GROUP: Final = "goalkit"
"""The entry-point group plugins are published under."""

CORE_DISTRIBUTION: Final = "goalkit-core"

Stage = Literal["import", "register", "hook", "validate", "duplicate"]


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


def _check_format(name: str, item: Any) -> str | None:
    from goalkit.typing import ReportFormat  # noqa: PLC0415

    if isinstance(item, ReportFormat) and isinstance(getattr(item, "suffix", None), str):
        return None
    return f"format {name!r} lacks description, suffix, binary or render(): got {item!r}"


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
            raise _strict_error(self.failures, self.conflicts)

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
        err = _who(info).error(describe(exc))
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
                return _who(info)
        return Who(plugin, None, None)

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


def _who(info: PluginInfo | _Candidate) -> Who:
    return Who(info.name, info.distribution, info.version)

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



class _HookRegistry(Registry[Any]):
    """The registry one hook call fills: each plugin's items kept apart (a plugin that
    fails later leaves nothing behind), a name several plugins add kept as several
    claims. While a plugin's implementation runs, :attr:`plugin` is its name."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.claims_by_name: dict[str, list[Entry[Any]]] = {}

    def add(self, name: str, item: Any) -> None:
        """Register ``item`` under ``name`` for the plugin whose hook runs now.

        :raises ValueError: when this same plugin added ``name`` already.
        """
        self._check_name(name)
        claims = self.claims_by_name.setdefault(name, [])
        if any(e.plugin == self.plugin for e in claims):
            msg = f"{self.what} {name!r} is added twice by this same plugin"
            raise ValueError(msg)
        entry = Entry(name, item, self.plugin)
        claims.append(entry)
        self._entries.setdefault(name, entry)


def make_plugin_manager(  # noqa: PLR0915  # one pass, as the docstring says
    *,
    entry_points: bool | Iterable[EntryPoint] = True,
    strict: bool | None = None,
    allow: str | Iterable[str] | None = None,
    block: str | Iterable[str] | None = None,
    environ: Mapping[str, str] | None = None,
    plugins: Iterable[object | tuple[str, object]] = (),
) -> PluginHost:
    """Build a plugin host: load the plugins and fill the registries.

    Nothing a plugin raises escapes as itself: ``SystemExit`` and every other exception
    of a plugin's import or hook is a :class:`PluginFailure` (or, in strict mode, a
    :class:`PluginError`); a ``KeyboardInterrupt`` is a :class:`PluginError` naming the
    plugin, in every mode.

    :param entry_points: ``True`` to load the installed entry points of the group
        ``goalkit``; ``False`` for none (tests: a clean host); or the entry points to load.
    :param strict: raise on any plugin failure or contested name (default:
        ``GOALKIT_PLUGINS_STRICT``).
    :param allow: only these entry-point names load (default: ``GOALKIT_PLUGINS_ALLOW``).
    :param block: these entry-point names never load (default: ``GOALKIT_PLUGINS_BLOCK``).
    :param environ: where to read those variables (default: ``os.environ``).
    :param plugins: plugin objects (modules, instances) to register besides the built-in
        ones, each optionally as a ``(name, plugin)`` pair; not subject to allow/block.
    :raises PluginError: in strict mode, naming every plugin that failed and every
        contested name; a ``KeyboardInterrupt`` in a plugin; also, always, when a built-in
        plugin fails (a bug in goalkit).
    """
    env = os.environ if environ is None else environ
    strict_ = _flag(env.get("GOALKIT_PLUGINS_STRICT")) if strict is None else strict
    allow_ = _names(env.get("GOALKIT_PLUGINS_ALLOW") if allow is None else allow)
    block_ = _names(env.get("GOALKIT_PLUGINS_BLOCK") if block is None else block)

    pm = _Manager(ENTRY_POINT_GROUP)
    pm.add_hookspecs(hookspecs)
    skipped: dict[str, str] = {}
    failed: dict[str, tuple[Stage, str]] = {}
    candidates = _candidates(entry_points, plugins, allow_, block_, skipped)
    by_name: dict[str, _Candidate] = {}
    loaded: list[_Candidate] = []

    def fail(c: _Candidate, stage: Stage, error: str) -> None:
        if c.builtin:
            raise PluginError(f"built-in plugin failed ({stage}): {error}", plugin=c.name,
                              distribution=c.distribution, version=c.version)
        failed.setdefault(c.name, (stage, error))
        by_name.setdefault(c.name, c)

    for c in candidates:
        try:
            obj = c.load()
        except KeyboardInterrupt as e:
            raise _who(c).error(f"interrupted (KeyboardInterrupt) while importing "
                                f"{c.module}; stopped: an interrupt is never taken as one "
                                "plugin's failure") from e
        except BaseException as e:  # whatever a plugin's import raises
            fail(c, "import", f"cannot be imported ({c.module}): {describe(e)}")
            continue
        if pm.has_plugin(c.name) or pm.is_registered(obj):
            fail(c, "register", "a plugin with this name (or this very plugin) is already "
                 "registered")
            continue
        try:
            pm.register(obj, name=c.name)
        except KeyboardInterrupt:
            raise
        except BaseException as e:  # pluggy's validation of the hooks
            fail(c, "register", describe(e))
            continue
        loaded.append(c)
        by_name[c.name] = c

    # Hooks nobody specified: misspellings (pluggy's check_pending, but every one, named).
    bad: dict[str, list[str]] = {}
    for hook_name, caller in list(vars(pm.hook).items()):
        if hook_name.startswith("_") or caller.has_spec():
            continue
        for impl in caller.get_hookimpls():
            if not impl.optionalhook:
                bad.setdefault(impl.plugin_name, []).append(hook_name)
    known = ", ".join(h.name for h in HOOKS)
    for c in list(loaded):
        if c.name in bad:
            names = ", ".join(sorted(bad[c.name]))
            fail(c, "hook", f"implements unknown hook(s) {names}; the hooks are: {known}")

    # Each hook once, through pluggy, every implementation guarded.
    call = HookCall({c.name: _who(c) for c in loaded})
    for name, (stage, error) in failed.items():
        call.fail(name, stage, error)
    staged: dict[str, _HookRegistry] = {}
    for hook in HOOKS:
        registry = _HookRegistry(hook.what)
        staged[hook.registry] = registry

        def current(plugin: str, registry: _HookRegistry = registry) -> None:
            registry.plugin = plugin

        caller = getattr(pm.hook, hook.name)
        for impl in caller.get_hookimpls():
            setattr(impl, "function", guard_hookimpl(  # noqa: B010  # HookImpl.function is Final to mypy
                impl.function, impl.plugin_name, hook.name, call,
                wrapper=bool(impl.wrapper or impl.hookwrapper), set_current=current))
        try:
            caller(**{hook.registry: registry})
        except KeyboardInterrupt:
            raise
        except BaseException as e:
            if e is call.interrupt:
                raise
            if call.interrupt is not None:
                raise call.interrupt from e
            if call.current is None or call.current not in by_name:
                raise
            call.fail(call.current, "hook", f"{hook.name}: {describe(e)}")
    for name, (why, error) in call.failed.items():
        if name in by_name:
            fail(by_name[name], cast("Stage", why), error)

    # What each plugin registered: checked (and guarded), then merged; contested names
    # kept apart. Checking runs the plugin's code too (a property), so it is fenced.
    ready: dict[tuple[str, str, str], Entry[Any]] = {}
    for hook in HOOKS:
        for claims in staged[hook.registry].claims_by_name.values():
            for entry in claims:
                if entry.plugin in failed:
                    continue
                c = by_name[entry.plugin]
                try:
                    problem = hook.check(entry.name, entry.item)
                    if problem is None:
                        ready[hook.registry, entry.name, entry.plugin] = _guarded(
                            hook.registry, entry, c)
                except KeyboardInterrupt as e:
                    raise _who(c).error(f"interrupted (KeyboardInterrupt) while checking "
                                        f"{hook.what} {entry.name!r}") from e
                except BaseException as e:  # the plugin's object failed
                    problem = f"{hook.what} {entry.name!r} cannot be used: {describe(e)}"
                if problem is not None:
                    fail(c, "validate", problem)
    builtin = {c.name for c in loaded if c.builtin}
    for hook in HOOKS:
        for name, claims in staged[hook.registry].claims_by_name.items():
            owners = [e.plugin for e in claims if e.plugin in builtin]
            for entry in claims:
                if owners and entry.plugin not in builtin and entry.plugin not in failed:
                    err = DuplicateRegistrationError(hook.what, name, owners[0], entry.plugin)
                    fail(by_name[entry.plugin], "duplicate", str(err))

    order = {c.name: i for i, c in enumerate(loaded)}
    registries: dict[str, Registry[Any]] = {}
    for hook in HOOKS:
        final: Registry[Any] = Registry(hook.what)
        for name, claims in staged[hook.registry].claims_by_name.items():
            live = sorted((ready[hook.registry, name, e.plugin] for e in claims
                           if e.plugin not in failed), key=lambda e: order[e.plugin])
            if len(live) == 1:
                final._entries[name] = live[0]  # the registry's builder
            elif live:
                final._contest(name, live)
        registries[hook.registry] = final

    infos: list[PluginInfo] = []
    for c in loaded:
        if c.name in failed:
            if pm.has_plugin(c.name):
                pm.unregister(name=c.name)
            continue
        registers = {h.registry: tuple(registries[h.registry].by_plugin(c.name))
                     for h in HOOKS}
        infos.append(PluginInfo(c.name, c.distribution, c.version, c.builtin, c.module,
                                {reg: names for reg, names in registers.items() if names}))
    failures = [PluginFailure(c.name, c.distribution, c.version, *failed[c.name])
                for c in candidates if c.name in failed and by_name.get(c.name) is c]
    host = PluginHost(pm, registries, infos, failures, skipped, strict_)
    if strict_:
        host.check_strict()
    return host


def _guarded(registry: str, entry: Entry[Any], c: _Candidate) -> Entry[Any]:
    """A format stands in guarded (a frozen copy of the reports, errors naming the
    plugin) whoever gave it; a plugin's loader too (a built-in one is used as it is)."""
    if registry == "formats":
        fmt = GuardedFormat(entry.name, entry.item, _who(c), builtin=c.builtin)
        return Entry(entry.name, fmt, entry.plugin)
    if registry == "loaders" and not c.builtin:
        return Entry(entry.name, GuardedLoader(entry.name, entry.item, _who(c)), entry.plugin)
    return entry


def _strict_error(
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
