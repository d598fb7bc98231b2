"""The ``goalkit`` command group, its exit codes, and how errors become messages.

Exit codes (also in ``goalkit --help`` and ``docs/cli.md``):

* ``0`` every goal evaluated is met (or, for commands that check nothing, success);
* ``1`` some goal is not met, pending, needs assessment or has no data;
* ``2`` bad input: a wrong argument, goal file or data (the message says where);
* ``3`` internal error: a bug in goalkit or a plugin (please report it).
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from goalkit._exceptions import GoalkitError
from goalkit._version import __version__

__all__ = ["ExitCode", "cli", "main", "run_guarded"]

F = TypeVar("F", bound=Callable[..., Any])


class ExitCode(enum.IntEnum):
    """What ``goalkit`` exits with."""

    OK = 0
    GOALS_OPEN = 1
    BAD_INPUT = 2
    INTERNAL_ERROR = 3


EPILOG = """\b
Exit codes:
  0  every goal met (or the command succeeded)
  1  some goal not met, pending, needing assessment or without data
  2  bad input: arguments, goal file or data (the message says where)
  3  internal error in goalkit or a plugin
"""


class _Group(click.Group):
    """Adds the commands plugins register, once, when the command line is used."""

    def _plugin_commands(self, ctx: click.Context) -> dict[str, click.Command]:
        obj = ctx.ensure_object(dict)
        if "commands" not in obj:
            from goalkit.cli._commands import plugin_commands  # noqa: PLC0415

            obj["commands"] = plugin_commands()
        commands: dict[str, click.Command] = obj["commands"]
        return commands

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self._plugin_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, cmd_name) or self._plugin_commands(ctx).get(cmd_name)


@click.group(cls=_Group, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="goalkit")
def cli() -> None:
    """Check whether a project keeps what it promised, as of any date.

    \b
    Start here:
      goalkit plugins                     the projects installed
      goalkit evaluate PROJECT --data FOLDER --as-of YYYY-MM-DD
      goalkit report PROJECT --data FOLDER --reporting-dates \\
          --format html --lang sv --out reports/
    Every command's --help says more; docs/cli.md lists them all.
    """


def run_guarded(fn: Callable[[], int]) -> int:
    """Run a command body, turning goalkit's errors into exit code 2 and bugs into 3."""
    try:
        return fn()
    except GoalkitError as e:
        click.echo(f"goalkit: error: {e}", err=True)
        return ExitCode.BAD_INPUT
    except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
        raise
    except Exception as e:  # a bug: say so plainly, with the type
        click.echo(
            f"goalkit: internal error: {type(e).__name__}: {e}\n"
            "This is a bug in goalkit or a plugin; please report it with the command you ran.",
            err=True,
        )
        return ExitCode.INTERNAL_ERROR


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``goalkit`` script."""
    try:
        rv = cli.main(args=list(argv) if argv is not None else None, standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as e:
        click.echo(e.format_message(), err=True)
        return ExitCode.BAD_INPUT
    except click.UsageError as e:
        e.show()
        return ExitCode.BAD_INPUT
    except click.ClickException as e:
        e.show()
        return ExitCode.BAD_INPUT
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return ExitCode.BAD_INPUT
    except click.exceptions.Exit as e:
        return int(e.exit_code)
    return int(rv) if isinstance(rv, int) else ExitCode.OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
