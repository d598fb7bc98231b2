"""The report as JSON: deterministic (same input, same bytes), versioned, documented in
``docs/report-schema.json``. Carries no participant identifiers.

Written with orjson, keys sorted: a register's report (tens of thousands of breakdown
cells, megabytes of JSON) is written about ten times faster than with the standard
library, with the same content. Numbers are written as their shortest exact form (a small
share ``0.00003`` rather than the standard library's ``3e-05``: the same number).
"""

from __future__ import annotations

import json
import math
from datetime import date
from typing import TYPE_CHECKING, Any

from goalkit.indicators import BUILTIN_KINDS
from goalkit.model._result import Report
from goalkit.specs._converter import structure, unstructure

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from goalkit.model._indicator import Indicator

__all__ = ["dumps_json", "dumps_json_bytes", "report_from_json", "report_to_dict",
           "report_to_json", "report_to_json_bytes"]


def _default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    msg = f"cannot write {type(value).__name__} as JSON"
    raise TypeError(msg)


def _floats(data: Any, path: str = "$") -> Iterator[tuple[str, float]]:
    """Every float in ``data`` with where it is (``$.results[0].value``)."""
    if isinstance(data, float):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _floats(value, f"{path}.{key}")
    elif isinstance(data, list | tuple):
        for i, value in enumerate(data):
            yield from _floats(value, f"{path}[{i}]")


def _refuse_non_finite(data: Any) -> None:
    """A NaN or an infinity has no JSON: refused, naming where it is (orjson would write
    ``null``, which reads as "no value", not as an error). One quick pass first (the plain
    types by identity: a report holds hundreds of thousands of values); the path is looked
    for only when there is one."""
    stack = [data]
    pop, extend = stack.pop, stack.extend
    while stack:
        item = pop()
        kind = type(item)
        if kind is float:
            if item - item:  # 0.0 for every finite number, NaN for the others
                _refuse(data)
        elif kind is dict:
            extend(item.values())
        elif kind is list or kind is tuple:
            extend(item)
        elif kind is int or kind is str or item is None or kind is bool:
            continue
        elif isinstance(item, dict):
            extend(item.values())
        elif isinstance(item, list | tuple):
            extend(item)
        elif isinstance(item, float) and not math.isfinite(item):
            _refuse(data)


def _refuse(data: Any) -> None:
    where, value = next((p, v) for p, v in _floats(data) if not math.isfinite(v))
    msg = f"cannot write {value!r} as JSON (at {where}): a number must be finite"
    raise ValueError(msg)


def dumps_json(data: Any, *, indent: int | None = 2) -> str:
    """Plain data as JSON text, deterministic: keys sorted, UTF-8 characters kept, dates as
    ``YYYY-MM-DD``, no NaN or infinity (a :class:`ValueError`), a final newline when
    indented. ``indent`` 2 (or ``None``: compact) is written with orjson; any other indent,
    or what orjson cannot write (an integer past 64 bits), with the standard library: the
    same content.

    :raises ValueError: for a number that is not finite, naming where it is.
    :raises TypeError: for a value JSON has no form for.
    """
    return dumps_json_bytes(data, indent=indent).decode("utf-8")


def dumps_json_bytes(data: Any, *, indent: int | None = 2) -> bytes:
    """:func:`dumps_json` as the UTF-8 bytes it is written as (what a file or a pipe takes:
    a large report is not made text to be encoded again)."""
    _refuse_non_finite(data)
    if indent in (2, None):
        import orjson  # noqa: PLC0415 (not paid for by `import goalkit`)

        option = orjson.OPT_SORT_KEYS | (
            orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE if indent == 2 else 0)
        try:
            return orjson.dumps(data, default=_default, option=option)
        except orjson.JSONEncodeError:  # an integer past 64 bits, a value with no form:
            pass  # the standard library writes the one, and says what the other is
    text = json.dumps(data, default=_default, sort_keys=True, ensure_ascii=False,
                      allow_nan=False, indent=indent) + ("\n" if indent is not None else "")
    return text.encode("utf-8")


def report_to_dict(report: Report, *, kinds: Sequence[type[Indicator]] = BUILTIN_KINDS) -> Any:
    """The report as plain data (dates still :class:`datetime.date`), never with the
    participant ids of ``GoalResult.members`` (an ``audit=True`` evaluation has them)."""
    return unstructure(report, kinds=kinds)  # the converter never writes ``members``


def report_to_json(
    report: Report, *, indent: int | None = 2, kinds: Sequence[type[Indicator]] = BUILTIN_KINDS
) -> str:
    """The report as JSON text (:func:`dumps_json`): keys sorted, no NaN, UTF-8 characters
    kept; the same report gives the same bytes."""
    return dumps_json(report_to_dict(report, kinds=kinds), indent=indent)


def report_to_json_bytes(
    report: Report, *, indent: int | None = 2, kinds: Sequence[type[Indicator]] = BUILTIN_KINDS
) -> bytes:
    """:func:`report_to_json` as its UTF-8 bytes, for a file or a pipe."""
    return dumps_json_bytes(report_to_dict(report, kinds=kinds), indent=indent)


def report_from_json(text: str, *, kinds: Sequence[type[Indicator]] = BUILTIN_KINDS) -> Report:
    """Read a report back (participant ids are never in it, so ``members`` is empty)."""
    return structure(json.loads(text), Report, kinds=kinds, source="<report json>")
