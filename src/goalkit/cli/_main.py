"""The ``goalkit`` command group, its exit codes, and how errors become messages.

Exit codes (also in ``goalkit --help`` and ``docs/cli.md``):

* ``0`` ``evaluate``: every goal is met; ``report``: every file is written; any other
  command: success;
* ``1`` ``evaluate``: some goal is not met, pending, needs assessment or has no data;
  ``report``: some goal has a status ``--fail-on`` names;
* ``2`` bad input: a wrong argument, goal file, configuration file or data (the message
  says where); also a disk too full to write the output on;
* ``3`` internal error: a bug in goalkit, or a plugin that failed (named with its
  distribution and version): at import or in a hook in strict mode, or when its loader,
  format, kind, project or command was used; also a name two plugins register;
* ``130`` interrupted (Ctrl-C): ``Aborted.`` (128 + SIGINT, as a shell reports it);
* ``141`` standard output was closed before everything was written to it (``goalkit
  validate … | head``): nothing more is said (128 + SIGPIPE, the code a shell gives a
  program that signal ends).

The plugins are loaded once per command (:func:`command_host`); every message is a
record of a ``goalkit.*`` logger (:mod:`goalkit.cli._log`), passed through
:func:`goalkit._redact.mask_secrets`, so no password is ever printed. Every command reads
its folder's configuration (:mod:`goalkit.cli._config`) and takes ``--config``, ``-q``
and ``-v``.
"""

from __future__ import annotations

import copy
import enum
import errno
import logging
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

from goalkit._exceptions import GoalkitError, PluginError, UnknownNameError
from goalkit._version import __version__
from goalkit.cli._config import config_option
from goalkit.cli._log import cli_logging, say, verbosity_options

if TYPE_CHECKING:
    from goalkit.plugins._manager import PluginHost

__all__ = ["ExitCode", "cli", "command_host", "common_options", "main", "run_guarded"]

F = TypeVar("F", bound=Callable[..., Any])


class ExitCode(enum.IntEnum):
    """What ``goalkit`` exits with (``GOALS_OPEN``: ``evaluate`` with a goal not met,
    ``report`` with a goal whose status ``--fail-on`` names)."""

    OK = 0
    GOALS_OPEN = 1
    BAD_INPUT = 2
    INTERNAL_ERROR = 3
    INTERRUPTED = 130
    OUTPUT_CLOSED = 141


EPILOG = """\b
Exit codes:
    0  every goal met (evaluate), every file written (report), or success
    1  evaluate: some goal not met, pending, needing assessment or without data;
       report: some goal has a status named by --fail-on
    2  bad input: arguments, goal file, configuration or data (the message says where)
    3  internal error in goalkit or a plugin (the plugin is named)
  130  interrupted (Ctrl-C)
  141  standard output closed before everything was written (as by | head)
"""


def _host_of(ctx: click.Context | None) -> PluginHost | None:
    obj = ctx.find_root().obj if ctx is not None else None
    host: PluginHost | None = obj.get("host") if isinstance(obj, dict) else None
    return host


def command_host(*, strict: bool | None = None) -> PluginHost:
    """The plugin host of the running command: built once per command line (its hooks
    called once), shared by the group and the command.

    :param strict: refuse to run when a plugin failed or a name is contested (default:
        ``GOALKIT_PLUGINS_STRICT``).
    :raises PluginError: in strict mode, naming every failed plugin.
    """
    import os  # noqa: PLC0415

    from goalkit.cli._commands import shared_host  # noqa: PLC0415
    from goalkit.plugins._manager import _flag  # noqa: PLC0415

    host = shared_host()
    if strict is None:
        strict = _flag(os.environ.get("GOALKIT_PLUGINS_STRICT"))
    if strict:
        host.check_strict()
    return host


def common_options(f: F) -> F:
    """``--config FILE``, ``-q/--quiet`` and ``-v/--verbose``: the options every command
    has (a plugin's command gets them too)."""
    return verbosity_options(config_option(f))  # type: ignore[return-value]


def _with_common_options(command: click.Command) -> click.Command:
    """A plugin's command with ``--config``, ``-q`` and ``-v`` added (as a copy: the
    plugin's own object is left as it is), except an option whose name it uses itself."""
    taken = {opt for p in command.params for opt in getattr(p, "opts", ())}
    taken |= {opt for p in command.params for opt in getattr(p, "secondary_opts", ())}
    names = {p.name for p in command.params}
    extra = [p for p in (*_common_params(),)
             if p.name not in names and not set(getattr(p, "opts", ())) & taken]
    if not extra:
        return command
    made = copy.copy(command)
    made.params = [*command.params, *extra]
    return made


def _common_params() -> list[click.Parameter]:
    def command() -> None: ...

    return list(click.command()(common_options(command)).params)


class _Group(click.Group):
    """Adds the commands plugins register, once, when the command line is used; runs
    the command line with its log handler (:func:`goalkit.cli._log.cli_logging`)."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        with cli_logging():
            return super().main(*args, **kwargs)

    def _plugin_commands(self, ctx: click.Context) -> dict[str, click.Command]:
        obj = ctx.ensure_object(dict)
        if "commands" not in obj:
            from goalkit.cli._commands import plugin_commands  # noqa: PLC0415

            with ctx.scope(cleanup=False):
                found = plugin_commands(command_host(strict=False))
            obj["commands"] = {name: _with_common_options(c) for name, c in found.items()}
        commands: dict[str, click.Command] = obj["commands"]
        return commands

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self._plugin_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = super().get_command(ctx, cmd_name)
        if found is not None:
            return found
        commands = self._plugin_commands(ctx)
        if cmd_name not in commands:
            host = _host_of(ctx)
            if host is not None and cmd_name in host.commands:
                host.commands.get(cmd_name)  # contested: the error names the plugins
        return commands.get(cmd_name)


@click.group(cls=_Group, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="goalkit")
@verbosity_options
def cli() -> None:
    """Check whether a project keeps what it promised, as of any date.

    \b
    Start here:
      goalkit plugins                     the projects installed
      goalkit evaluate PROJECT --data FOLDER --as-of YYYY-MM-DD
      goalkit report PROJECT --data FOLDER --reporting-dates \\
          --format html --lang sv --out reports/
      goalkit report                      in a folder with a goalkit.toml
      goalkit config                      what the folder's configuration sets
    Every command's --help says more; docs/cli.md lists them all.
    """


def _say(message: str, *, label: str = "error") -> None:
    say(logging.ERROR, message, label=label)


def report_error(exc: BaseException, host: PluginHost | None = None) -> int:
    """Say what went wrong on stderr (no secret in it) and give the exit code: a plugin's
    failure (also one found from the traceback: a kind's ``classify``, a command) is
    named with its distribution and version and exits 3; goalkit's errors about the
    input exit 2, and so does a disk (or quota) too full to write on, as for a report
    file; standard output closed by its reader is no error at all (:func:`output_closed`,
    141, nothing said); anything else is a bug in goalkit, exit 3."""
    if output_closed(exc):
        return let_output_go()
    if isinstance(exc, OSError) and exc.errno in _NO_ROOM:  # nobody's bug: say so
        where = exc.filename if exc.filename is not None else "the output"
        _say(f"cannot write {where}: {exc.strerror or exc}; it is incomplete")
        return ExitCode.BAD_INPUT
    if host is None:
        host = _host_of(click.get_current_context(silent=True))
    blamed = host.plugin_error(exc) if host is not None else None
    if isinstance(exc, PluginError) or (blamed is not None and not _input_error(exc)):
        err = exc if isinstance(exc, PluginError) else blamed
        _say(f"{err}\nThis is an internal error in a plugin; please "
             "report it to the plugin's authors.")
        return ExitCode.INTERNAL_ERROR
    from goalkit.plugins._manager import HOOKS  # noqa: PLC0415

    registered = {h.what for h in HOOKS}
    if (isinstance(exc, UnknownNameError) and exc.what in registered and host is not None
            and host.failures):
        failed = "".join(f"\n  - {f}" for f in host.failures)
        _say(f"{exc}\nIt may be registered by a plugin that failed to load "
             f"({len(host.failures)}):{failed}")
        return ExitCode.INTERNAL_ERROR
    if isinstance(exc, GoalkitError):
        _say(_in_language(exc))
        return ExitCode.BAD_INPUT
    _say(f"{type(exc).__name__}: {exc}\n"
         "This is a bug in goalkit or a plugin; please report it with the command you ran.",
         label="internal error")
    return ExitCode.INTERNAL_ERROR


def _in_language(exc: GoalkitError) -> str:
    """An input error as the command's language words it: data problems found together
    (:class:`DataValidationError` with the issues validation found) in Swedish when the
    command runs in Swedish (its ``--lang``, the first of a report's, else the locale);
    any other error as it is."""
    from goalkit._exceptions import DataValidationError  # noqa: PLC0415

    if not isinstance(exc, DataValidationError) or not exc.issues:
        return f"{exc}"
    ctx = click.get_current_context(silent=True)
    given = ctx.params.get("lang") or ctx.params.get("langs") if ctx is not None else None
    if isinstance(given, tuple | list):
        given = given[0] if given else None
    if given is None:
        from goalkit.reports._i18n import default_lang  # noqa: PLC0415

        given = default_lang()
    if given != "sv":
        return f"{exc}"
    from goalkit.cli._issues import format_issues  # noqa: PLC0415

    lines = "".join(f"\n  - {line}" for line in format_issues(exc.issues, "sv"))
    return f"{len(exc.issues)} problem i data{lines}"


_NO_ROOM = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
"""The errors of a write that finds no room (a full disk, a quota, a file too large): what
goalkit writes, to a file or to standard output redirected to one, is not a bug of
anybody's when they happen."""


def _input_error(exc: BaseException) -> bool:
    """A goalkit error about the input (exit 2), even when a plugin's code raised it on
    purpose (a loader's DataError); an evaluation error caused by a bug is not one."""
    from goalkit._exceptions import EvaluationError  # noqa: PLC0415

    if not isinstance(exc, GoalkitError):
        return False
    return not (isinstance(exc, EvaluationError)
                and exc.__cause__ is not None and not isinstance(exc.__cause__, GoalkitError))


def run_guarded(fn: Callable[[], int]) -> int:
    """Run a command body, turning goalkit's errors into exit code 2, a plugin's failure
    (named) and bugs into 3."""
    try:
        return fn()
    except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
        raise
    except KeyboardInterrupt:
        raise
    except BaseException as e:  # a plugin's SystemExit included
        return report_error(e)


def output_closed(exc: BaseException) -> bool:
    """Whether ``exc`` is the broken pipe of a standard output whose reader has stopped
    reading (``goalkit validate … | head``), not a failure to report: the pipe itself says
    so (an error on it, where the system can poll it); a broken pipe elsewhere (a
    plugin's connection) is an error like any other."""
    if not isinstance(exc, BrokenPipeError):
        return False
    import select  # noqa: PLC0415

    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # a host's captured output: no pipe
        return False
    if not hasattr(select, "poll"):  # pragma: no cover (Windows: no poll of a pipe)
        return True
    pipe = select.poll()
    pipe.register(fd, select.POLLOUT)
    return any(events & select.POLLERR for _, events in pipe.poll(0))


def let_output_go() -> int:
    """Standard output pointed at the null device, so that nothing more written to it
    (Python's own flush at exit included) fails or says so; the exit code
    :attr:`ExitCode.OUTPUT_CLOSED`. (A host that calls :func:`main` in its own process
    has its standard output so pointed too: no reader was left to read it.)"""
    import os  # noqa: PLC0415

    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, sys.stdout.fileno())
    finally:
        os.close(null)
    return ExitCode.OUTPUT_CLOSED


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line on ``argv`` (default: the process's arguments) and give its exit
    code; in a process that goes on afterwards (a host, a test) as in one of its own."""
    with cli_logging():
        return _main(argv)


def script() -> int:
    """Entry point of the ``goalkit`` script and of ``python -m goalkit``: :func:`main`, in a
    process of its own that ends when it returns, and so tunes the process's cyclic garbage
    collector for one run, as only the owner of a process may (the library never does).

    Its youngest objects are collected after :data:`YOUNGEST_COLLECTED_AFTER` allocations
    instead of Python's 700: a report at a million people creates hundreds of thousands of
    objects (its cells, the workbook's), and each of the 16 full collections they set off
    walked all of them (1.1 s of the public HTML and Excel report's 11; with the threshold
    the report took 9.7 s instead of 10.8, the same peak memory). After the command every
    object is frozen (:func:`gc.freeze`), so that the interpreter's shutdown does not walk
    the modules' objects to tear them down one cycle at a time: 0.10 → 0.02 s after the
    command's end on the quick start, 0.11 → 0.05 s at a million people. Shutdown still
    flushes the standard streams and runs ``atexit``; the memory is the system's again when
    the process ends."""
    import gc  # noqa: PLC0415

    gc.set_threshold(YOUNGEST_COLLECTED_AFTER, *gc.get_threshold()[1:])
    try:
        return main()
    finally:
        gc.freeze()


YOUNGEST_COLLECTED_AFTER = 10_000
"""The ``goalkit`` process's threshold for collecting its youngest objects (Python's
default: 700); see :func:`script`."""


def _main(argv: Sequence[str] | None) -> int:
    obj: dict[str, Any] = {}
    try:
        rv = cli.main(args=list(argv) if argv is not None else None, standalone_mode=False,
                      obj=obj)
    except click.exceptions.NoArgsIsHelpError as e:
        _say(e.format_message(), label="")
        return ExitCode.BAD_INPUT
    except click.ClickException as e:  # UsageError included
        if isinstance(e, click.MissingParameter) and e.ctx is not None and e.param is not None:
            from goalkit.cli._config import missing_hint  # noqa: PLC0415

            e = click.MissingParameter(
                " ".join(filter(None, (e.message, missing_hint(e.ctx, e.param)))),
                ctx=e.ctx, param=e.param, param_hint=e.param_hint, param_type=e.param_type)
        if isinstance(e, click.UsageError) and e.ctx is not None:
            hint = ""
            if e.ctx.command.get_help_option(e.ctx) is not None:
                hint = f"Try '{e.ctx.command_path} {e.ctx.help_option_names[0]}' for help.\n"
            _say(f"{e.ctx.get_usage()}\n{hint}", label="")
        _say(f"Error: {e.format_message()}", label="")
        return ExitCode.BAD_INPUT
    except click.exceptions.Abort as e:
        _say("Aborted.", label="")
        # Ctrl-C is no bad input: a script tells it from one by the code a shell gives it
        interrupted = isinstance(e.__cause__, KeyboardInterrupt)
        return ExitCode.INTERRUPTED if interrupted else ExitCode.BAD_INPUT
    except click.exceptions.Exit as e:
        return int(e.exit_code)
    except (KeyboardInterrupt, SystemExit):
        raise  # Ctrl-C; a command's own sys.exit(code) is its exit code, as in click
    except BaseException as e:  # a plugin command that raised, a contested name
        return report_error(e, obj.get("host"))
    return int(rv) if isinstance(rv, int) else ExitCode.OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
