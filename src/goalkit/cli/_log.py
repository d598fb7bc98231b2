"""The command line's messages: Python's :mod:`logging`, under the ``goalkit`` logger.

Every message a command writes on standard error (a plugin that failed to load, a name
the data lack, a file written, an error) is a record of a ``goalkit.*`` logger, so a host
that runs :func:`goalkit.cli.main` can route them with its own handlers. The library never
configures logging (``goalkit`` carries only a :class:`logging.NullHandler`); the command
line installs its own handler for the length of one command line (:func:`cli_logging`)
and takes it away again.

``-v/--verbose`` and ``-q/--quiet`` (on every command, and on ``goalkit`` itself) move the
threshold: by default the command line shows information (the files written), warnings
and errors; ``-v`` adds debug messages (the configuration file and what it set, the
project and dates, each date evaluated);
``-q`` leaves warnings and errors, ``-qq`` errors only. Records logged before the command's
own options are read (a plugin that failed to load) wait until the threshold is known.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from typing import TYPE_CHECKING, Any

import click

from goalkit._redact import mask_secrets

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = [
    "LOGGER",
    "cli_logging",
    "level_for",
    "logger",
    "quiet",
    "say",
    "verbosity_options",
]

LOGGER = "goalkit"
"""The name of goalkit's top logger; the command line logs under ``goalkit.cli``."""


def logger(name: str = "cli") -> logging.Logger:
    """The logger ``goalkit.<name>``."""
    return logging.getLogger(f"{LOGGER}.{name}")


def level_for(verbosity: int) -> int:
    """The threshold for a verbosity (``-v`` counts up, ``-q`` down): 1 and above shows
    debug messages, 0 information, -1 warnings, -2 and below errors only."""
    if verbosity >= 1:
        return logging.DEBUG
    return {0: logging.INFO, -1: logging.WARNING}.get(verbosity, logging.ERROR)


def say(level: int, message: str, *, name: str = "cli", label: str | None = None) -> None:
    """Log ``message`` (every secret in it masked) at ``level`` under ``goalkit.<name>``;
    ``label`` replaces the level's word on the command line (``internal error``; ``""``
    for none)."""
    logger(name).log(level, "%s", mask_secrets(message),
                     extra={"goalkit_label": label} if label is not None else None)


class _Formatter(logging.Formatter):
    """``goalkit: warning: …`` and ``goalkit: error: …`` as before; information (a file
    written) as it is, so that a script can read the paths."""

    def format(self, record: logging.LogRecord) -> str:
        message = mask_secrets(record.getMessage())
        label = getattr(record, "goalkit_label", None)
        if label == "" or (label is None and record.levelno == logging.INFO):
            return message
        if label is None:
            label = "error" if record.levelno >= logging.ERROR else record.levelname.lower()
        return f"goalkit: {label}: {message}"


class _Handler(logging.Handler):
    """Writes to the standard error the command sees now (``click.echo``, so that a test's
    captured stream or a host's redirected one gets it) the records of the thread that
    runs the command line (two command lines run in two threads each say their own).
    Until :meth:`settle` is called, records wait, so that ``-q`` given after the command's
    name also quiets what was logged while the plugins loaded.

    :param previous: the ``goalkit`` logger's level before the first command line.
    """

    def __init__(self, previous: int) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(_Formatter())
        self.previous = previous
        self.thread = threading.get_ident()
        self.verbosity = 0
        self.seen: dict[int, set[str]] = {}
        self.waiting = True
        self._held: list[logging.LogRecord] = []

    def handle(self, record: logging.LogRecord) -> bool:
        if record.thread != self.thread:
            return False
        if self.waiting:
            self._held.append(record)
            return True
        return super().handle(record)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            click.echo(self.format(record), err=True)
        except Exception:  # logging's own convention: a handler never raises
            self.handleError(record)

    def settle(self) -> None:
        """Set the threshold from the verbosity and write the records that waited."""
        self.setLevel(level_for(self.verbosity))
        if len(_handlers(every_thread=True)) <= 1:  # a host's handlers see the same
            logging.getLogger(LOGGER).setLevel(self.level)
        self.waiting = False
        held, self._held = self._held, []
        for record in held:
            if record.levelno >= self.level:
                self.handle(record)


@contextlib.contextmanager
def cli_logging() -> Iterator[None]:
    """For one command line: a handler on the ``goalkit`` logger that writes to standard
    error, the logger's threshold lowered to debug while it runs, both restored after
    (records still propagate to a host's own handlers). Inside another, it adds none."""
    if _handler() is not None:
        yield
        return
    top = logging.getLogger(LOGGER)
    others = _handlers()
    handler = _Handler(others[0].previous if others else top.level)
    top.addHandler(handler)
    top.setLevel(logging.DEBUG)
    try:
        yield
    finally:
        if handler.waiting:  # the command line stopped before its command's options
            handler.settle()
        top.removeHandler(handler)
        if not _handlers(every_thread=True):
            top.setLevel(handler.previous)


def _handlers(*, every_thread: bool = False) -> list[_Handler]:
    """The command lines' handlers: of this thread, or of every thread."""
    here = threading.get_ident()
    return [h for h in logging.getLogger(LOGGER).handlers
            if isinstance(h, _Handler) and (every_thread or h.thread == here)]


def _handler() -> _Handler | None:
    """The handler of the command line that runs now in this thread."""
    found = _handlers()
    return found[-1] if found else None


def _count(ctx: click.Context, param: click.Parameter, value: int | None) -> None:
    """Add ``-v`` (up) or ``-q`` (down) to the verbosity of the command line; once the
    command's own two options are read, the handler's threshold is set from it."""
    handler = _handler()
    if handler is None:  # a command run without goalkit's command line: nothing to set
        return
    handler.verbosity += (1 if param.name == "verbose" else -1) * (value or 0)
    seen = handler.seen.setdefault(id(ctx), set())
    seen.add(str(param.name))
    ours = {str(p.name) for p in ctx.command.params if p.callback is _count}
    if not isinstance(ctx.command, click.Group) and seen >= ours:
        handler.settle()


def verbosity_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """``-v/--verbose`` and ``-q/--quiet`` (both repeatable), read first and passed to no
    function: they set how much the command says on standard error."""
    f = click.option("-q", "--quiet", count=True, expose_value=False, is_eager=True,
                     callback=_count,
                     help="Say less on standard error: -q warnings and errors only, "
                          "-qq errors only.")(f)
    return click.option("-v", "--verbose", count=True, expose_value=False, is_eager=True,
                        callback=_count,
                        help="Say more on standard error (debug messages).")(f)


def quiet() -> bool:
    """Whether the running command line was asked to say less (``-q``): then it shows no
    progress bar either."""
    handler = _handler()
    return handler is not None and handler.verbosity < 0
