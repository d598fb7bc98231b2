"""``goalkit config``: what a command would run with here, and where each value came from."""

from __future__ import annotations

import datetime as dt
import enum
import os
from typing import TYPE_CHECKING, Any

import click
from click.core import ParameterSource

from goalkit._redact import mask_secrets
from goalkit.cli._config import _META, discover_config, option_keys, read_config
from goalkit.cli._log import verbosity_options
from goalkit.cli._main import ExitCode, run_guarded

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from goalkit.cli._config import Settings

__all__ = ["config_command", "settings_table"]


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list | frozenset | set):
        items = sorted(map(_shown, value)) if isinstance(value, frozenset | set) else [
            _shown(v) for v in value]
        return ", ".join(items) if items else "(none)"
    return mask_secrets(str(value))


def _short(path: Path) -> str:
    """A file's path relative to the current folder when that is shorter."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)
    return rel if len(rel) < len(str(path)) else str(path)


def settings_table(command: click.Command, ctx: click.Context,
                   settings: Settings | None) -> list[tuple[str, str, str]]:
    """One row a key of ``command``: the key, the value in force in ``ctx`` (the command's
    parsed context), and where it came from (``file:key``, ``command line``,
    ``environment`` or ``default``)."""
    origin: Mapping[str, str] = settings.origin if settings is not None else {}
    rows = []
    for key, param in option_keys(command).items():
        name = str(param.name)
        source = ctx.get_parameter_source(name)
        if source is ParameterSource.DEFAULT_MAP and name in origin:
            where = origin[name]
            if settings is not None:
                where = where.replace(str(settings.config.path), _short(settings.config.path), 1)
        elif source is ParameterSource.COMMANDLINE:
            where = "command line"
        elif source is ParameterSource.ENVIRONMENT:
            where = "environment"
        else:
            where = "default"
        rows.append((key, _shown(ctx.params.get(name)), where))
    return rows


@click.command("config", context_settings={"ignore_unknown_options": True})
@click.argument("command_name", metavar="[COMMAND]", required=False, default="report")
@click.argument("args", nargs=-1, type=click.UNPROCESSED, metavar="[ARGS]...")
@click.option("--config", "config_file", metavar="FILE",
              help="Configuration file (default: goalkit.toml, or [tool.goalkit] in "
                   "pyproject.toml, here or in a folder above).")
@verbosity_options
@click.pass_context
def config_command(ctx: click.Context, command_name: str, args: tuple[str, ...],
                   config_file: str | None) -> int:
    """Show what COMMAND (default: report) would run with here: every option's value,
    and where it came from: the configuration file and key, the command line (ARGS,
    as you would give them to COMMAND), or the default.

    \b
    Examples:
      goalkit config                       what `goalkit report` would do here
      goalkit config evaluate --as-of 2015-06-15
      goalkit config report --config other/goalkit.toml
    """

    def body() -> int:
        root = ctx.find_root()
        group = root.command
        commands: dict[str, click.Command] = {}
        if isinstance(group, click.Group):
            for name in group.list_commands(root):
                found = group.get_command(root, name)
                if found is not None and name != "config":
                    commands[name] = found
        command = commands.get(command_name)
        if command is None:
            import difflib  # noqa: PLC0415

            close = difflib.get_close_matches(command_name, sorted(commands), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise click.UsageError(f"no command {command_name!r}{hint} (one of "
                                   f"{', '.join(sorted(commands))})")
        config = read_config(config_file) if config_file is not None else discover_config()
        settings = (config.settings(command_name, command, commands)
                    if config is not None else None)
        ctx.meta[_META] = settings
        sub = command.make_context(command_name, list(args), parent=ctx,
                                   default_map=dict(settings.values) if settings else None,
                                   resilient_parsing=True)
        if settings is None:
            click.echo("No configuration file here or above (goalkit.toml, or "
                       "[tool.goalkit] in pyproject.toml).")
        else:
            click.echo(f"Configuration: {_short(settings.config.path)}")
        click.echo(f"`goalkit {command_name}` would run with:")
        rows = settings_table(command, sub, settings)
        width = max((len(k) for k, _, _ in rows), default=0)
        vwidth = min(max((len(v) for _, v, _ in rows), default=0), 48)
        for key, value, where in rows:
            click.echo(f"  {key:<{width}}  {value:<{vwidth}}  {where}".rstrip())
        if settings is not None and settings.skipped:
            click.echo(f"Not used by `goalkit {command_name}`:")
            for key, why in settings.skipped.items():
                where = settings.config.where(key).replace(
                    str(settings.config.path), _short(settings.config.path), 1)
                click.echo(f"  {where}: {why}")
        return ExitCode.OK

    return run_guarded(body)
