"""Plugin code, fenced: every call into a plugin either returns what it should or
becomes a :class:`~goalkit.PluginError` naming the plugin, its distribution and version.

* :func:`guard_hookimpl` wraps a hook implementation (pluggy still calls it, in its order
  and inside any wrappers): what it raises is recorded against its plugin, and the other
  plugins' hooks still run.
* :class:`GuardedLoader` and :class:`GuardedFormat` stand in for a plugin's loader and
  format in the host's registries: what their methods raise, and a result of the wrong
  type or not well-formed (:mod:`goalkit.plugins._returned`), is a
  :class:`~goalkit.PluginError`; a format renders a frozen copy of the reports
  (:func:`frozen_reports`), so it cannot change what the next format renders.
* :func:`plugin_of` finds the plugin whose code raised an exception (from its traceback),
  for errors raised where no guard stands: a kind's ``classify``, a command.

``BaseException`` is caught too: a plugin's ``sys.exit()`` is a failure of that plugin,
never the end of the host. ``KeyboardInterrupt`` is the one exception not taken as the
plugin's failure alone: it may be the user's Ctrl-C, so it stops the whole call (as a
:class:`~goalkit.PluginError` naming the plugin that was running), never swallowed.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from goalkit._exceptions import GoalkitError, PluginError
from goalkit._redact import mask_secrets
from goalkit.model._result import Cells
from goalkit.plugins._returned import dataset_problem, text_problem

if TYPE_CHECKING:
    from collections.abc import Callable, Generator, Iterator, Sequence
    from types import TracebackType

    from goalkit.data._dataset import Dataset
    from goalkit.model._project import Project
    from goalkit.model._result import Report
    from goalkit.typing import Loader, ReportFormat

__all__ = [
    "GuardedFormat",
    "GuardedLoader",
    "Who",
    "describe",
    "frozen_reports",
    "guard_hookimpl",
    "interrupted",
    "plugin_of",
]


def describe(exc: BaseException) -> str:
    """What was raised, for a message: ``ValueError: ...``, ``sys.exit(0)``."""
    if isinstance(exc, SystemExit):
        return f"called sys.exit({exc.code!r}) (SystemExit)"
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class Who:
    """A plugin as errors name it: entry-point name, distribution and version."""

    __slots__ = ("distribution", "name", "version")

    def __init__(self, name: str, distribution: str | None, version: str | None) -> None:
        self.name = name
        self.distribution = distribution
        self.version = version

    def error(self, message: str) -> PluginError:
        """A :class:`PluginError` naming this plugin."""
        return PluginError(message, plugin=self.name, distribution=self.distribution,
                           version=self.version if self.distribution else None)


def interrupted(who: Who, where: str, exc: BaseException) -> PluginError:
    """A ``KeyboardInterrupt`` in a plugin's code (``where``): the error that stops the
    call, naming the plugin (it may be the user's Ctrl-C, so never one plugin's failure
    alone)."""
    err = who.error(f"interrupted (KeyboardInterrupt) in {where}; stopped: an interrupt is "
                    "never taken as one plugin's failure")
    err.__cause__ = exc
    return err


class HookCall:
    """What the guards share while the registering hooks run: which plugin runs now,
    which failed (and why)."""

    def __init__(self, who: Mapping[str, Who]) -> None:
        self.who = who
        self.current: str | None = None
        self.failed: dict[str, tuple[str, str]] = {}
        """Plugin name to (stage, error) for each plugin that failed."""
        self.interrupt: PluginError | None = None

    def fail(self, plugin: str, stage: str, error: str) -> None:
        """Record the first failure of ``plugin``; later ones add nothing."""
        self.failed.setdefault(plugin, (stage, error))


def guard_hookimpl(
    function: Callable[..., Any], plugin: str, hook: str, call: HookCall, *, wrapper: bool,
    set_current: Callable[[str], None],
) -> Callable[..., Any]:
    """``function`` (a plugin's implementation of ``hook``), called as pluggy calls it,
    with what it raises recorded in ``call`` instead of propagated.

    A plain implementation that raises is recorded and returns ``None``; a wrapper (new
    or old style) that raises, does not yield or yields twice is recorded and steps out
    of the way, so the hook call goes on. A plugin that already failed is not called.
    """
    who = call.who[plugin]

    def enter() -> None:
        call.current = plugin
        set_current(plugin)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, KeyboardInterrupt):
            call.interrupt = interrupted(who, hook, exc)
            raise call.interrupt
        call.fail(plugin, "hook", f"{hook} raised {describe(exc)}")

    if not wrapper:

        def guarded(*args: Any, **kwargs: Any) -> Any:
            if plugin in call.failed:
                return None
            enter()
            try:
                return function(*args, **kwargs)
            except BaseException as e:  # the plugin's failure, recorded
                failed(e)
                return None

        return guarded

    def guarded_wrapper(*args: Any, **kwargs: Any) -> Generator[Any, Any, Any]:
        if plugin in call.failed:
            return (yield None)
        enter()
        try:
            gen = function(*args, **kwargs)
            first = next(gen)
        except StopIteration:
            call.fail(plugin, "hook", f"{hook}: the wrapper did not yield")
            return (yield None)
        except BaseException as e:  # the plugin's failure, recorded
            failed(e)
            return (yield None)
        try:
            sent = yield first
        except BaseException:  # only an interrupt: the guarded implementations never raise
            gen.close()
            raise
        enter()
        try:
            gen.send(sent)
        except StopIteration as stop:
            return stop.value
        except BaseException as e:  # the plugin's failure, recorded
            failed(e)
            return sent
        call.fail(plugin, "hook", f"{hook}: the wrapper yielded twice")
        gen.close()
        return sent

    return guarded_wrapper


def _run(who: Who, where: str, fn: Callable[[], Any]) -> Any:
    """``fn()``; goalkit's own errors pass as they are, anything else names the plugin."""
    try:
        return fn()
    except GoalkitError:
        raise
    except KeyboardInterrupt as e:
        raise interrupted(who, where, e) from e
    except BaseException as e:
        raise who.error(f"{where} raised {describe(e)}") from e


class GuardedLoader:
    """A plugin's loader as the host uses it: errors name the plugin, and ``load`` must
    return a :class:`goalkit.Dataset`."""

    def __init__(self, name: str, loader: Loader, who: Who) -> None:
        self.name = name
        self.loader = loader
        self.who = who
        self.description = str(loader.description)

    def can_load(self, source: str) -> bool:
        """Whether the plugin's loader reads ``source``."""
        return bool(_run(self.who, f"loader {self.name!r}: can_load",
                         lambda: bool(self.loader.can_load(source))))

    def load(self, source: str, *, mapping: Mapping[str, Any] | None = None) -> Dataset:
        """The plugin's loader's data set.

        :raises PluginError: when it raises (other than a goalkit error, such as a
            :class:`~goalkit.DataError` about the data) or returns anything but a
            well-formed data set (:func:`~goalkit.plugins._returned.dataset_problem`).
        """
        data: Dataset = _run(self.who, f"loader {self.name!r}: load",
                             lambda: self.loader.load(source, mapping=mapping))
        why = dataset_problem(data)
        if why is not None:
            raise self.who.error(f"loader {self.name!r} {why}")
        shown = mask_secrets(data.source)
        if shown != data.source:  # a report names its data source: never its password
            data = attrs.evolve(data, source=shown)
        return data

    def __repr__(self) -> str:
        return f"<loader {self.name!r} of plugin {self.who.name!r}: {self.loader!r}>"


class GuardedFormat:
    """A format as the host uses it: it renders a frozen copy of the reports, made for
    this call, and its errors (or a result that is not text or bytes) name the plugin.

    :param builtin: a format of goalkit's own: its errors are goalkit's bugs, passed on
        as they are (only the copy is made).
    """

    def __init__(self, name: str, fmt: ReportFormat, who: Who, *, builtin: bool = False) -> None:
        self.name = name
        self.format = fmt
        self.who = who
        self.builtin = builtin
        self.description = str(fmt.description)
        self.suffix = str(fmt.suffix)
        self.binary = bool(fmt.binary)

    def render(
        self,
        reports: Sequence[Report],
        *,
        project: Project | None = None,
        lang: str = "sv",
        options: Mapping[str, Any] | None = None,
    ) -> str | bytes:
        """The plugin's format's output, from its own frozen copy of ``reports``.

        :raises PluginError: when it raises, or returns anything but bytes or text that
            can be written as UTF-8 (:func:`~goalkit.plugins._returned.text_problem`).
        """
        copy = frozen_reports(reports)
        opts = MappingProxyType(dict(options)) if options is not None else None
        if self.builtin:
            return self.format.render(copy, project=project, lang=lang, options=opts)
        out = _run(self.who, f"format {self.name!r}: render",
                   lambda: self.format.render(copy, project=project, lang=lang, options=opts))
        if not isinstance(out, str | bytes):
            raise self.who.error(f"format {self.name!r} returned {type(out).__name__}, "
                                 "not text or bytes")
        why = text_problem(out) if isinstance(out, str) else None
        if why is not None:
            raise self.who.error(f"format {self.name!r} returned text that {why}")
        return out

    def __repr__(self) -> str:
        return f"<format {self.name!r} of plugin {self.who.name!r}: {self.format!r}>"


def _frames(exc: BaseException) -> Iterator[str]:
    """The module of each frame an exception passed through (and of the object whose
    method it was), innermost first, for the exception and the ones it was raised from."""
    seen: set[int] = set()
    chain: list[BaseException] = []
    e: BaseException | None = exc
    while e is not None and id(e) not in seen and len(chain) < 20:
        seen.add(id(e))
        chain.append(e)
        e = e.__cause__ or e.__context__
    for err in reversed(chain):
        tb: TracebackType | None = err.__traceback__
        mods = []
        while tb is not None:
            frame = tb.tb_frame
            # the method's object too: a plugin's kind failing in a method it inherits
            owner = frame.f_locals.get("self") if "self" in frame.f_code.co_varnames else None
            if owner is not None:
                mods.append(str(getattr(type(owner), "__module__", "")))
            mods.append(str(frame.f_globals.get("__name__", "")))
            tb = tb.tb_next
        yield from reversed(mods)


def plugin_of(exc: BaseException, packages: Mapping[str, str]) -> str | None:
    """The plugin whose code ``exc`` was raised in (its innermost frame in a plugin's
    package), or ``None``.

    :param packages: top-level package of a plugin's module to the plugin's name.
    """
    for module in _frames(exc):
        top = module.split(".", 1)[0]
        if top in packages:
            return packages[top]
    return None


def _freeze(value: Any) -> Any:
    if isinstance(value, Cells):  # a read-only breakdown: its cells copied when read
        return value.copied(_freeze)
    if attrs.has(type(value)):
        copy = object.__new__(type(value))
        for f in attrs.fields(type(value)):
            object.__setattr__(copy, f.name, _freeze(getattr(value, f.name)))
        return copy
    if isinstance(value, Mapping):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, set | frozenset):
        return frozenset(value)
    return value


def frozen_reports(reports: Sequence[Report]) -> tuple[Report, ...]:
    """A copy of ``reports`` that nothing can change: every mapping in it read-only
    (a :class:`types.MappingProxyType`), every list a tuple, every attrs object a new
    frozen one; a breakdown's cells are copied when first read (:meth:`Cells.copied`).
    Each format gets its own, made at the hand-off (not while evaluating): the cost is one
    pass over the results but their breakdowns' cells, small beside rendering them.
    """
    return tuple(_freeze(r) for r in reports)
