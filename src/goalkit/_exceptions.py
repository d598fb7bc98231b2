"""The errors goalkit raises.

Every error is a :class:`GoalkitError`, and every one says *where* the problem is:
the goal file and the path to the field, the data file, table, row and column, or the
plugin with its distribution and version. A host can catch :class:`GoalkitError` and
show ``str(error)`` to a person as it is.

::

    GoalkitError
    ├── GoalFileError         a goal file (TOML) that cannot be read or is wrong
    │   └── ConfigError       a configuration file (goalkit.toml, [tool.goalkit])
    ├── DataError             participant data that cannot be used
    │   └── DataValidationError   many problems found at once, all listed
    ├── PluginError           a plugin that failed: at import, in a hook, or when its
    │   │                     loader, format, kind or command ran (``goalkit`` exits 3)
    │   └── DuplicateRegistrationError   a name two plugins register
    ├── UnknownNameError      a project, kind, loader or format nobody registered
    └── EvaluationError       a goal that could not be evaluated
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from goalkit._redact import mask_secrets

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "ConfigError",
    "DataError",
    "DataValidationError",
    "DuplicateRegistrationError",
    "EvaluationError",
    "GoalFileError",
    "GoalkitError",
    "PluginError",
    "UnknownNameError",
]


class GoalkitError(Exception):
    """Base class of every error goalkit raises on purpose.

    No message holds a secret: passwords in database URLs are masked
    (:func:`goalkit._redact.mask_secrets`) in every error that can hold one.
    """


class GoalFileError(GoalkitError):
    """A goal file or goal structure is wrong.

    :param message: what is wrong and what was expected.
    :param source: the file (or ``"<dict>"`` for a structure passed in memory).
    :param errors: one line per problem, each starting with the path to the field,
        for example ``goals[2].target.at_least: expected a number, got 'many'``.
    """

    def __init__(self, message: str, *, source: str = "<dict>", errors: Sequence[str] = ()) -> None:
        self.source = source
        self.errors = tuple(errors)
        lines = [f"{source}: {message}", *(f"  - {e}" for e in self.errors)]
        super().__init__("\n".join(lines))


class ConfigError(GoalFileError):
    """A configuration file (``goalkit.toml``, or the ``[tool.goalkit]`` table of a
    ``pyproject.toml``) that cannot be read or is wrong, with the path to every bad key,
    for example ``report.min_cell: 1 is not in the range x>=2``.

    :param message: what is wrong.
    :param source: the file.
    :param errors: one line per problem, each starting with the path to the key; a
        password in a database URL given as a value is masked.
    """

    def __init__(self, message: str, *, source: str = "<dict>", errors: Sequence[str] = ()
                 ) -> None:
        super().__init__(mask_secrets(message), source=source,
                         errors=[mask_secrets(e) for e in errors])


class DataError(GoalkitError):
    """Participant data that cannot be used, with where it is.

    :param message: what is wrong and what was expected.
    :param source: the file, sheet or table the data came from.
    :param row: the 1-based data row (header not counted), when one row is at fault.
    :param column: the column at fault.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        message = mask_secrets(message)
        source = mask_secrets(source) if source is not None else None
        self.message = message
        self.source = source
        self.row = row
        self.column = column
        where = ", ".join(
            part
            for part in (
                source,
                f"row {row}" if row is not None else None,
                f"column {column!r}" if column is not None else None,
            )
            if part
        )
        super().__init__(f"{where}: {message}" if where else message)


class DataValidationError(DataError):
    """Several data problems, found together and listed together.

    :param problems: every problem found, each a :class:`DataError`.
    :param issues: the same problems as validation found them
        (:class:`goalkit.DataIssue`, each with its Swedish message), where they are known:
        what a Swedish command line prints.
    """

    def __init__(self, problems: Sequence[DataError], issues: Sequence[Any] = ()) -> None:
        self.problems = tuple(problems)
        self.issues = tuple(issues)
        head = f"{len(self.problems)} problem(s) in the data"
        super().__init__(head + "".join(f"\n  - {p}" for p in self.problems))


class PluginError(GoalkitError):
    """A plugin failed: it could not be imported, a hook of it raised, it registered
    something wrong, or its loader, format, kind or command failed when used.

    :param message: what went wrong.
    :param plugin: the plugin's name (entry-point name or module).
    :param distribution: the distribution that provides it (with its version, unless
        ``version`` is given apart).
    :param version: the distribution's version.
    """

    def __init__(
        self,
        message: str,
        *,
        plugin: str | None = None,
        distribution: str | None = None,
        version: str | None = None,
    ) -> None:
        self.plugin = plugin
        self.distribution = distribution
        self.version = version
        who = plugin or "?"
        if distribution:
            who += f" ({distribution}{f' {version}' if version else ''})"
        message = mask_secrets(message)
        super().__init__(f"plugin {who}: {message}" if plugin else message)


class DuplicateRegistrationError(PluginError):
    """Two (or more) plugins registered the same name; the message names them all and
    says how to pick one (``PLUGIN:NAME``) or leave one out (``GOALKIT_PLUGINS_BLOCK``).

    :param what: what the name is of (``project``, ``format``, …).
    :param name: the name registered twice.
    :param first: the plugin that registered it first.
    :param second: the next plugin that registered it.
    :param more: any further plugins that registered it.
    """

    def __init__(self, what: str, name: str, first: str, second: str, *more: str) -> None:
        self.what = what
        self.name = name
        self.first = first
        self.second = second
        self.plugins = (first, second, *more)
        quoted = [repr(p) for p in self.plugins]
        both = ("both " if len(quoted) == 2 else "") + (
            ", ".join(quoted[:-1]) + " and " + quoted[-1])
        picks = " or ".join(f"{p}:{name}" for p in self.plugins)
        super().__init__(
            f"{what} {name!r} is registered by {both}; pick one by name ({picks}), "
            "or leave one plugin out (GOALKIT_PLUGINS_BLOCK)"
        )


class UnknownNameError(GoalkitError, LookupError):
    """A project, indicator kind, loader or format that no plugin registered.

    :param what: what kind of thing was looked up.
    :param name: the name asked for.
    :param known: the names that do exist, listed in the message.
    """

    def __init__(self, what: str, name: str, known: Sequence[str]) -> None:
        self.what = what
        self.name = name
        self.known = tuple(sorted(known))
        listing = ", ".join(self.known) if self.known else "none"
        super().__init__(f"unknown {what} {name!r}; known: {listing}")


class EvaluationError(GoalkitError):
    """A goal that could not be evaluated.

    :param message: what went wrong.
    :param goal: the goal's id.
    """

    def __init__(self, message: str, *, goal: str | None = None) -> None:
        self.goal = goal
        super().__init__(f"goal {goal!r}: {message}" if goal else message)
