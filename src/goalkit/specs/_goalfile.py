"""Goal files: a project and its goals as TOML. Loading one never runs code.

A goal file is the project's fields at the top level, its goals as ``[[goals]]`` tables,
and optionally ``[[measurements]]`` and ``[[assessments]]``. An optional first key
``schema = "goalkit.goals/1"`` names the format version. See ``docs/goal-files.md``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w

from goalkit._exceptions import GoalFileError
from goalkit.indicators import BUILTIN_KINDS
from goalkit.model._project import Project
from goalkit.specs._converter import structure, unstructure
from goalkit.specs._limits import (
    MAX_FILE_BYTES,
    LimitError,
    check_structure,
    parse_toml,
    read_text,
)

if TYPE_CHECKING:
    from goalkit.model._indicator import Indicator

__all__ = [
    "GOALS_SCHEMA",
    "dump_goals",
    "dumps_goals",
    "load_goals",
    "loads_goals",
    "project_from_dict",
]

GOALS_SCHEMA = "goalkit.goals/1"


def project_from_dict(
    data: Mapping[str, Any],
    *,
    kinds: Sequence[type[Indicator]] = BUILTIN_KINDS,
    source: str = "<dict>",
) -> Project:
    """Build a :class:`Project` from the goal-file structure.

    :raises GoalFileError: listing every problem with the path to its field.
    """
    if not isinstance(data, Mapping):
        raise GoalFileError("a goal file is a table at the top level", source=source)
    try:
        check_structure(data)
    except LimitError as e:
        raise GoalFileError(str(e), source=source) from None
    body = dict(data)
    schema = body.pop("schema", GOALS_SCHEMA)
    if schema != GOALS_SCHEMA:
        raise GoalFileError(
            f"unsupported schema {schema!r}; this goalkit reads {GOALS_SCHEMA!r}", source=source
        )
    return structure(body, Project, kinds=kinds, source=source, goal_file=True)


def loads_goals(
    text: str, *, kinds: Sequence[type[Indicator]] = BUILTIN_KINDS, source: str = "<string>"
) -> Project:
    """Parse a goal file's text.

    :raises GoalFileError: for bad TOML (with line and column) or a bad structure.
    """
    try:
        data = parse_toml(text)
    except tomllib.TOMLDecodeError as e:
        raise GoalFileError(f"not valid TOML: {e}", source=source) from None
    except LimitError as e:
        raise GoalFileError(str(e), source=source) from None
    return project_from_dict(data, kinds=kinds, source=source)


def load_goals(
    path: str | Path, *, kinds: Sequence[type[Indicator]] = BUILTIN_KINDS
) -> Project:
    """Read a goal file.

    :raises GoalFileError: naming the file, and the path to every bad field.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            msg = f"the file is {size:,} bytes; goalkit reads at most {MAX_FILE_BYTES:,}"
            raise GoalFileError(msg, source=str(p))
        text = read_text(p)  # at most the limit, from a pipe or a device too
    except LimitError as e:
        raise GoalFileError(str(e), source=str(p)) from None
    except IsADirectoryError:
        raise GoalFileError("a folder, not a goal file", source=str(p)) from None
    except FileNotFoundError:
        raise GoalFileError("no such file", source=str(p)) from None
    except UnicodeDecodeError as e:
        msg = f"not UTF-8 text ({e.reason} at byte {e.start})"
        raise GoalFileError(msg, source=str(p)) from None
    except OSError as e:
        raise GoalFileError(f"cannot read: {e.strerror}", source=str(p)) from None
    return loads_goals(text, kinds=kinds, source=str(p))


def dumps_goals(project: Project, *, kinds: Sequence[type[Indicator]] = BUILTIN_KINDS) -> str:
    """The goal file for a project; ``loads_goals(dumps_goals(p)) == p``."""
    body = unstructure(project, kinds=kinds, drop_none=True)
    return tomli_w.dumps({"schema": GOALS_SCHEMA, **body})


def dump_goals(
    project: Project, path: str | Path, *, kinds: Sequence[type[Indicator]] = BUILTIN_KINDS
) -> None:
    """Write a project's goal file (UTF-8)."""
    Path(path).write_text(dumps_goals(project, kinds=kinds), encoding="utf-8")
