"""Limits on what a goal file or mapping file may be, so that a hostile or broken file is
bad input (a clear error, exit 2) and never an internal error or a hang.

``docs/goal-files.md`` lists them. TOML is parsed with the standard library's
:mod:`tomllib`; these checks run before and after it:

* the file is at most :data:`MAX_FILE_BYTES` long;
* no key is more than :data:`MAX_KEY_PARTS` parts deep (``a.b.c`` is three), counted on
  the text before parsing (tomllib takes time that grows with the square of a key's depth);
* no value is nested more than :data:`MAX_NESTING` tables and lists deep;
* every number is finite and at most :data:`MAX_NUMBER` in size.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_KEY_PARTS",
    "MAX_NESTING",
    "MAX_NUMBER",
    "LimitError",
    "check_structure",
    "parse_toml",
    "read_text",
]

MAX_FILE_BYTES = 256_000
"""The longest goal or mapping file read, in bytes (UTF-8); the largest seed project's
goal file is under 50 kB. tomllib takes seconds for a file of a megabyte of tables."""

MAX_NESTING = 32
"""The deepest a key (``a.b.c``) or a value (tables in lists in tables) may go."""

MAX_KEY_PARTS = 10
"""The most parts a dotted key (``a.b.c`` is three) or a table header may have: tomllib's
time grows with the square of a key's depth."""

MAX_NUMBER = 10**15
"""The largest number (in size) a goal or mapping file may hold."""


class LimitError(ValueError):
    """A file beyond one of the limits; the message says which, and where."""


# A run of more than MAX_KEY_PARTS dotted parts (bare or quoted), anywhere in the text: a
# dotted key too deep (a string holding such a run is refused too, which no goal needs).
_DEEP_KEY = re.compile(
    r"(?:(?:[A-Za-z0-9_-]+|\"[^\"\n]*\"|'[^'\n]*')[ \t]*\.[ \t]*){" + str(MAX_KEY_PARTS) + "}"
)


def _key_depth(text: str) -> int:
    return MAX_KEY_PARTS + 1 if _DEEP_KEY.search(text) else 0


_BOM = "\ufeff"


def read_text(path: Path) -> str:
    """A goal, mapping or configuration file's text (UTF-8), reading at most one byte more
    than :data:`MAX_FILE_BYTES` whatever the file is (a named pipe, ``/dev/zero`` has no
    size to look at first).

    :raises LimitError: for a file longer than the limit.
    :raises OSError: for a file that cannot be read.
    :raises UnicodeDecodeError: for bytes that are not UTF-8.
    """
    with path.open("rb") as f:
        data = f.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        msg = (f"the file is more than {MAX_FILE_BYTES:,} bytes; goalkit reads at most "
               f"{MAX_FILE_BYTES:,}")
        raise LimitError(msg)
    return data.decode("utf-8")


def parse_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads`` within the limits. A byte-order mark at the start (which editors
    on Windows write) is passed over.

    :raises LimitError: for a file beyond a limit.
    :raises tomllib.TOMLDecodeError: for text that is not TOML.
    """
    if text.startswith(_BOM):
        text = text[len(_BOM):]
    size = len(text.encode("utf-8", errors="replace"))
    if size > MAX_FILE_BYTES:
        msg = f"the file is {size:,} bytes; goalkit reads at most {MAX_FILE_BYTES:,}"
        raise LimitError(msg)
    if _key_depth(text) > MAX_KEY_PARTS:
        msg = f"a key is more than {MAX_KEY_PARTS} parts deep (a.b.c is 3 parts)"
        raise LimitError(msg)
    try:
        data = tomllib.loads(text)
    except RecursionError:
        msg = f"values are nested more than {MAX_NESTING} deep"
        raise LimitError(msg) from None
    except tomllib.TOMLDecodeError:
        raise
    except ValueError as e:  # an integer of more digits than Python converts
        msg = f"a number too large to read; numbers may be at most {MAX_NUMBER:.0e} ({e})"
        raise LimitError(msg.split(": value has")[0] + ")") from None
    check_structure(data)
    return data


def check_structure(data: Any) -> None:
    """Nesting and number size of parsed data (a goal file given as a dict, too).

    :raises LimitError: naming the path to the first value beyond a limit.
    """
    stack: list[tuple[Any, str, int]] = [(data, "$", 0)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, Mapping | list | tuple):
            if depth > MAX_NESTING:
                path = path if len(path) <= 80 else path[:79] + "…"
                msg = f"{path}: nested more than {MAX_NESTING} tables and lists deep"
                raise LimitError(msg)
            items = value.items() if isinstance(value, Mapping) else enumerate(value)
            for k, v in items:
                sub = f"{path}.{k}" if isinstance(value, Mapping) else f"{path}[{k}]"
                stack.append((v, sub, depth + 1))
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int):
            if abs(value) > MAX_NUMBER:
                msg = f"{path}: a number larger than {MAX_NUMBER:.0e} in size"
                raise LimitError(msg)
        elif isinstance(value, float) and (not math.isfinite(value) or abs(value) > MAX_NUMBER):
            msg = f"{path}: expected a finite number of at most {MAX_NUMBER:.0e}, got {value!r}"
            raise LimitError(msg)
