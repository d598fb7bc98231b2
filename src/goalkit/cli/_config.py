"""A project folder that configures itself: ``goalkit.toml``, or ``[tool.goalkit]`` in
``pyproject.toml``.

The file is found by walking up from the current folder (the first folder with either
file; ``goalkit.toml`` first, and a ``pyproject.toml`` only when it has the table), or
named with ``--config FILE``. Its keys are the command-line options, named as they are
written without the dashes (``--min-cell`` is ``min_cell``; ``project`` is the goal file
or installed project), a list where an option repeats::

    project = "goals.toml"          # paths are relative to this file
    data = "data"
    lang = "sv"

    [report]                        # one command's own options
    format = ["html", "xlsx"]
    lang = ["sv", "en"]
    out = "reports"
    reporting_dates = true

A key at the top applies to every command that has that option and can take the value
(``lang = ["sv", "en"]`` fits ``report`` but not ``evaluate``, which prints one table); a
table named after a command (``[report]``, ``[evaluate]``) applies to that command only,
over the top. Options given on the command line override both. Nothing here knows the
options by name: they are read from the commands themselves, so an option a command gains
later is a key at once. Every key is checked against the options' own types, and every
mistake is listed with the path to its key (:class:`goalkit._exceptions.ConfigError`).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from attrs import frozen

from goalkit._exceptions import ConfigError, UnknownNameError
from goalkit.cli._log import say
from goalkit.model._suggest import did_you_mean
from goalkit.specs._limits import LimitError, check_structure, parse_toml, read_text

if TYPE_CHECKING:
    from collections.abc import Iterable


__all__ = [
    "CONFIG_NAME",
    "Config",
    "LocalPath",
    "Settings",
    "config_option",
    "discover_config",
    "missing_hint",
    "option_keys",
    "read_config",
]

CONFIG_NAME = "goalkit.toml"
"""The name of a project folder's configuration file."""

_PYPROJECT = "pyproject.toml"
_TABLE = ("tool", "goalkit")
_NOT_KEYS = frozenset({"help", "version", "config", "quiet", "verbose"})
_META = "goalkit.config"


class LocalPath(click.ParamType):  # type: ignore[type-arg]  # generic from click 8.2
    """A path on this machine, which a configuration file gives relative to itself (a
    database URL, with ``://``, is left as it is).

    :param or_name: the value may also be a name (an installed project's id): a relative
        value is then taken as a path only when it ends in ``.toml`` or names something
        beside the configuration file.
    """

    name = "path"

    def __init__(self, *, or_name: bool = False) -> None:
        self.or_name = or_name

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None
                ) -> str:
        if isinstance(value, os.PathLike):
            return str(os.fspath(value))
        if not isinstance(value, str):
            self.fail(f"expected a path as a string, got {value!r}", param, ctx)
        return value

    def relative_to(self, base: Path, value: str) -> str:
        """``value`` as written in a file in the folder ``base`` (a trailing ``/``, which
        says "a folder", is kept)."""
        if "://" in value or Path(value).is_absolute():
            return value
        candidate = base / value
        if self.or_name and not (value.endswith(".toml") or candidate.exists()):
            return value
        folder = os.sep if value.endswith(("/", os.sep)) else ""
        return os.path.normpath(candidate) + folder


def option_keys(command: click.Command) -> dict[str, click.Parameter]:
    """The configuration keys of a command, each with its parameter: an option's first
    long name without the dashes (``--min-cell`` is ``min_cell``; ``--builtin/--no-builtin``
    is ``builtin``), an argument's name. ``--help``, ``--config``, ``-q`` and ``-v`` are not
    keys."""
    keys: dict[str, click.Parameter] = {}
    for param in command.params:
        if param.name is None or param.name in _NOT_KEYS or not param.expose_value:
            continue
        if isinstance(param, click.Option):
            longs = [o for o in param.opts if o.startswith("--")]
            if not longs:
                continue
            key = longs[0][2:].replace("-", "_")
        else:
            key = param.name
        if key not in _NOT_KEYS:
            keys[key] = param
    return keys


@frozen
class Config:
    """One configuration file as read: the file and its table (the whole of
    ``goalkit.toml``, or ``[tool.goalkit]`` of a ``pyproject.toml``)."""

    path: Path
    """The file, as found or given."""
    table: tuple[str, ...]
    """Where its keys are in the file: ``()``, or ``("tool", "goalkit")``."""
    data: Mapping[str, Any]
    """The keys and values, as TOML gives them."""

    def where(self, *key: str) -> str:
        """``file:key`` for a key (``goalkit.toml:report.format``)."""
        return f"{self.path}:{'.'.join((*self.table, *key))}"

    def settings(self, name: str, command: click.Command,
                 commands: Mapping[str, click.Command]) -> Settings:
        """What this file sets for the command ``name``, after checking every key of the
        file against the options of ``commands`` (``command`` among them).

        :raises ConfigError: listing every unknown key (with a "did you mean") and every
            value an option cannot take, each with the path to its key.
        """
        commands = {**{n: c for n, c in commands.items() if n != "config"}, name: command}
        errors: list[str] = []
        keyed = {n: option_keys(c) for n, c in commands.items()}
        shared: dict[str, list[str]] = {}
        for n, keys in keyed.items():
            for key in keys:
                shared.setdefault(key, []).append(n)
        prefix = ".".join(self.table)
        values: dict[str, Any] = {}
        origin: dict[str, str] = {}
        skipped: dict[str, str] = {}

        def path(*key: str) -> str:
            return ".".join((prefix, *key)) if prefix else ".".join(key)

        for key, value in self.data.items():
            if key in commands and isinstance(value, Mapping):
                for sub, v in value.items():
                    param = keyed[key].get(sub)
                    if param is None:
                        errors.append(f"{path(key, sub)}: unknown key" + (
                            _did_you_mean(sub, keyed[key]) or
                            f" (the keys of [{key}] are the options of `goalkit {key}`: "
                            f"{', '.join(sorted(keyed[key]))})"))
                        continue
                    raw, problem = _fit(param, v, commands[key], self.path.parent)
                    if problem is not None:
                        errors.append(f"{path(key, sub)}: {problem}")
                    elif key == name:
                        values[str(param.name)] = raw
                        origin[str(param.name)] = self.where(key, sub)
                continue
            if key in commands:
                errors.append(f"{path(key)}: expected a table of the options of "
                              f"`goalkit {key}`, got {value!r}")
                continue
            if key not in shared:
                known = [*shared, *commands]
                errors.append(f"{path(key)}: unknown key" + (
                    _did_you_mean(key, known) or
                    " (the keys are the commands' options, as `goalkit config COMMAND` lists "
                    "them, and tables named after commands)"))
                continue
            fits: dict[str, tuple[Any, str | None]] = {
                n: _fit(keyed[n][key], value, commands[n], self.path.parent)
                for n in shared[key]}
            if all(problem is not None for _, problem in fits.values()):
                why = "; ".join(f"`goalkit {n}`: {p}" for n, (_, p) in fits.items())
                errors.append(f"{path(key)}: {why}")
                continue
            if name in fits:
                raw, problem = fits[name]
                param = keyed[name][key]
                if problem is not None:
                    skipped[key] = problem
                elif str(param.name) not in origin:  # a command's own table wins
                    values[str(param.name)] = raw
                    origin[str(param.name)] = self.where(key)
        if errors:
            raise ConfigError("not a valid goalkit configuration", source=str(self.path),
                              errors=errors)
        return Settings(config=self, values=values, origin=origin, skipped=skipped)


@frozen
class Settings:
    """What a configuration file sets for one command."""

    config: Config
    values: Mapping[str, Any]
    """Each parameter's value (by the parameter's name), as the command line would give
    it, paths made relative to the file's folder: the command's ``default_map``."""
    origin: Mapping[str, str]
    """Where each value came from, ``file:key``."""
    skipped: Mapping[str, str]
    """Keys at the top that this command has but cannot take, with why."""


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    return did_you_mean(name, known)


def _plain(value: Any) -> Any:
    """A TOML value as the command line would give it: dates as ``YYYY-MM-DD``."""
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    return value


def _fit(param: click.Parameter, value: Any, command: click.Command, base: Path
         ) -> tuple[Any, str | None]:
    """``value`` for ``param`` as the command line would give it (paths relative to
    ``base``), and ``None``; or what is wrong with it."""
    many = param.multiple or param.nargs == -1
    if isinstance(value, Mapping):
        return None, f"expected {'a list of values' if many else 'a value'}, got a table"
    if isinstance(param, click.Option) and param.is_flag and not param.count:
        if not isinstance(value, bool):
            return None, f"expected true or false, got {value!r}"
        raw: Any = value
    elif isinstance(value, list):
        if not many:
            return None, f"expected one value, got a list {value!r}"
        raw = [_plain(v) for v in value]
    else:
        raw = [_plain(value)] if many else _plain(value)
    problems = (_type_problem(param.type, v) for v in (raw if isinstance(raw, list) else [raw]))
    problem = next((p for p in problems if p is not None), None)
    if problem is not None:
        return None, problem
    if isinstance(param.type, LocalPath):
        items = raw if isinstance(raw, list) else [raw]
        if any(not isinstance(v, str) for v in items):
            bad = next(v for v in items if not isinstance(v, str))
            return None, f"expected a path as a string, got {bad!r}"
        resolved = [param.type.relative_to(base, v) for v in items]
        raw = resolved if isinstance(raw, list) else resolved[0]
    ctx = click.Context(command, info_name=command.name, resilient_parsing=False)
    try:
        param.process_value(ctx, raw)
    except click.BadParameter as e:
        return None, e.message
    except click.UsageError as e:
        return None, e.format_message()
    except Exception as e:  # a plugin option's callback: say what it said
        return None, f"{type(e).__name__}: {e}"
    return raw, _unknown_names(param, raw)


def _type_problem(kind: object, value: Any) -> str | None:
    """What is wrong with a TOML value for an option of type ``kind``: a file writes a
    number as a number and a text as a text, so nothing is converted (``5.7`` is not the
    whole number 5, as ``--min-cell 5.7`` is refused on the command line; ``"false"`` is
    not false)."""
    shown = ("true" if value else "false") if isinstance(value, bool) else repr(value)
    if isinstance(kind, click.types.BoolParamType):
        return None if isinstance(value, bool) else f"expected true or false, got {shown}"
    if isinstance(kind, click.types.IntParamType):
        whole = isinstance(value, int) and not isinstance(value, bool)
        return None if whole else f"expected a whole number, got {shown}"
    if isinstance(kind, click.types.FloatParamType):
        number = isinstance(value, int | float) and not isinstance(value, bool)
        return None if number else f"expected a number, got {shown}"
    if isinstance(kind, click.types.StringParamType | click.Choice):
        return None if isinstance(value, str) else f"expected a text, got {shown}"
    return None


_REGISTERED = {"formats": ("format", "formats")}
"""Options whose values name what plugins register, checked against the plugin host
when the file is read (a format no plugin gives is a mistake at its key, not later when
the command has done its work): the parameter's name, to the words for it and the
host's registry."""


def _unknown_names(param: click.Parameter, raw: Any) -> str | None:
    """A value of an option that names a registered thing (:data:`_REGISTERED`) that no
    plugin registered, with the closest name and those there are; else ``None``."""
    what = _REGISTERED.get(str(param.name))
    if what is None:
        return None
    from goalkit.cli._commands import shared_host  # noqa: PLC0415

    registry = getattr(shared_host(), what[1])
    for value in raw if isinstance(raw, list) else [raw]:
        try:
            registry.get(value)
        except UnknownNameError:
            known = list(registry)
            return (f"unknown {what[0]} {value!r}{_did_you_mean(value, known)} "
                    f"(known: {', '.join(known)})")
    return None


def read_config(path: str | Path) -> Config:
    """Read a configuration file: ``pyproject.toml`` (its ``[tool.goalkit]`` table, which
    must be there), or any other name as a ``goalkit.toml``.

    :raises ConfigError: naming the file, for a file that is missing, not TOML (with line
        and column), too large or nested too deep.
    """
    p = Path(path)
    try:
        text = read_text(p)  # at most the limit, from a pipe or a device too
    except LimitError as e:
        raise ConfigError(str(e), source=str(p)) from None
    except FileNotFoundError:
        raise ConfigError("no such file", source=str(p)) from None
    except UnicodeDecodeError as e:
        raise ConfigError(f"not UTF-8 text ({e.reason} at byte {e.start})",
                          source=str(p)) from None
    except OSError as e:
        raise ConfigError(f"cannot read: {e.strerror}", source=str(p)) from None
    try:
        data: Any = parse_toml(text)
        check_structure(data)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"not valid TOML: {e}", source=str(p)) from None
    except LimitError as e:
        raise ConfigError(str(e), source=str(p)) from None
    table: tuple[str, ...] = ()
    if p.name == _PYPROJECT:
        table = _TABLE
        for part in _TABLE:
            data = data.get(part) if isinstance(data, Mapping) else None
        if data is None:
            raise ConfigError("no [tool.goalkit] table", source=str(p))
        if not isinstance(data, Mapping):
            raise ConfigError("tool.goalkit: expected a table", source=str(p))
    return Config(path=p, table=table, data=dict(data))


def discover_config(start: str | Path | None = None) -> Config | None:
    """The configuration of the folder ``start`` (default: the current one) or the
    nearest folder above it: ``goalkit.toml``, else a ``pyproject.toml`` with a
    ``[tool.goalkit]`` table; ``None`` when there is none up to the root.

    :raises ConfigError: for the first such file that cannot be read.
    """
    here = Path(start if start is not None else Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / CONFIG_NAME
        if own.is_file():
            return read_config(own)
        pyproject = folder / _PYPROJECT
        if pyproject.is_file():
            try:
                text = pyproject.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # not ours to judge: only one with [tool.goalkit] is read
            if "goalkit" in text and _has_table(text):
                return read_config(pyproject)
    return None


def _has_table(text: str) -> bool:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False
    tool = data.get("tool")
    return isinstance(tool, Mapping) and "goalkit" in tool


def settings_for(ctx: click.Context, config: Config | None) -> Settings | None:
    """What ``config`` sets for the command of ``ctx``, checked against every command of
    the command line (so that an unknown key is one in no command)."""
    if config is None:
        return None
    root = ctx.find_root()
    obj = root.obj if isinstance(root.obj, dict) else {}
    commands = obj.get("commands") or {}
    name = ctx.info_name or ctx.command.name or ""
    return config.settings(name, ctx.command, commands)


def _load(ctx: click.Context, _: click.Parameter, value: str | None) -> None:
    """``--config``: read the file named, or find one; put what it sets for this command
    under the command line's options (``ctx.default_map``), and remember it for
    ``goalkit config``.

    :raises ConfigError: for a file that cannot be read or has a wrong key (exit 2).
    """
    if ctx.resilient_parsing and _META in ctx.meta:
        return  # `goalkit config` has read it already
    config = read_config(value) if value is not None else discover_config()
    settings = settings_for(ctx, config)
    ctx.meta[_META] = settings
    if settings is None:
        say(logging.DEBUG, f"no configuration file ({CONFIG_NAME}, or [tool.goalkit] in "
            f"{_PYPROJECT}) here or above")
        return
    say(logging.DEBUG, f"configuration: {settings.config.path}")
    for name, where in settings.origin.items():
        say(logging.DEBUG, f"{where} = {settings.values[name]!r}")
    for key, why in settings.skipped.items():
        say(logging.DEBUG, f"{settings.config.where(key)}: not used by "
            f"`goalkit {ctx.info_name}`: {why}")
    ctx.default_map = {**(ctx.default_map or {}), **settings.values}


def missing_hint(ctx: click.Context, param: click.Parameter) -> str:
    """For a required option or argument not given: where else it could come from."""
    key = next((k for k, p in option_keys(ctx.command).items() if p is param), None)
    if key is None:
        return ""
    settings = ctx.meta.get(_META)
    if not isinstance(settings, Settings):
        return (f"Give it, or set `{key}` in a {CONFIG_NAME} here or in a folder above "
                "(none was found).")
    return f"Give it, or set it in {settings.config.path} as `{key}`."


def config_option(f: Any) -> Any:
    """``--config FILE``: the configuration file to use instead of the one found from the
    current folder upward. Read before every other option, so that the file's values
    are their defaults."""
    return click.option(
        "--config", "config_file", metavar="FILE", is_eager=True, expose_value=False,
        callback=_load,
        help=f"Configuration file (default: {CONFIG_NAME}, or [tool.goalkit] in "
             f"{_PYPROJECT}, here or in a folder above).")(f)
