"""Building a plugin host: finding, loading and isolating plugins, and filling the
registries.

No plugin manager exists at import time. A host calls :func:`make_plugin_manager` and
gets a :class:`~goalkit.plugins.PluginHost` (:mod:`goalkit.plugins._host`): the pluggy
manager plus the filled registries (projects, indicator kinds, loaders, formats, commands,
examples) and the list of plugins that failed. Tests build a clean one each
(``entry_points=False``). The hooks and what each accepts are in
:mod:`goalkit.plugins._hooks`; the guard around a plugin's code in
:mod:`goalkit.plugins._guard`.

Loading, in order:

1. the built-in plugin modules (:data:`goalkit.plugins._builtins.BUILTIN_PLUGINS`), then
   any more of goalkit's own that the caller names (``builtin=``: the command line adds
   its commands so; a library host never imports the command line);
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
from typing import TYPE_CHECKING, Any, Final, cast

import pluggy
from attrs import frozen

from goalkit._exceptions import DuplicateRegistrationError, PluginError
from goalkit._version import __version__
from goalkit.plugins import hookspecs
from goalkit.plugins._builtins import BUILTIN_PLUGINS
from goalkit.plugins._guard import (
    GuardedFormat,
    GuardedLoader,
    HookCall,
    Who,
    describe,
    guard_hookimpl,
)
from goalkit.plugins._hooks import HOOKS, REGISTRIES, Hook, Stage
from goalkit.plugins._host import PluginFailure, PluginHost, PluginInfo
from goalkit.plugins._registry import Entry, Registry

if TYPE_CHECKING:
    from collections.abc import Iterable
    from importlib.metadata import EntryPoint

    from goalkit.data._dataset import Dataset
    from goalkit.model._project import Project

__all__ = [
    "ENTRY_POINT_GROUP",
    "HOOKS",
    "REGISTRIES",
    "Hook",
    "PluginFailure",
    "PluginHost",
    "PluginInfo",
    "load_data",
    "load_project",
    "make_plugin_manager",
]

ENTRY_POINT_GROUP: Final = "goalkit"
"""The entry-point group plugins are published under."""

CORE_DISTRIBUTION: Final = "goalkit-core"


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


def _who(c: _Candidate) -> Who:
    return Who(c.name, c.distribution, c.version)


def _installed() -> list[EntryPoint]:
    return sorted(_installed_entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name)


def _candidates(
    builtin: Iterable[str],
    entry_points: bool | Iterable[EntryPoint],
    plugins: Iterable[object | tuple[str, object]],
    allow: frozenset[str] | None,
    block: frozenset[str] | None,
    skipped: dict[str, str],
) -> list[_Candidate]:
    out: list[_Candidate] = []
    for module in dict.fromkeys((*BUILTIN_PLUGINS, *builtin)):
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
    builtin: Iterable[str] = (),
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
    :param builtin: more of goalkit's own plugin modules (by name) to register after
        :data:`~goalkit.plugins._builtins.BUILTIN_PLUGINS`, as built-in plugins (the command
        line registers its commands so).
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
    candidates = _candidates(builtin, entry_points, plugins, allow_, block_, skipped)
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
