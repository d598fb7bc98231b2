"""The report as JSON: deterministic (same input, same bytes), versioned, documented in
``docs/report-schema.json``. Carries no participant identifiers."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

from goalkit.indicators import BUILTIN_KINDS
from goalkit.model._result import Report
from goalkit.specs._converter import structure, unstructure

if TYPE_CHECKING:
    from collections.abc import Sequence

    from goalkit.model._indicator import Indicator

__all__ = ["report_from_json", "report_to_dict", "report_to_json"]


def _default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    msg = f"cannot write {type(value).__name__} as JSON"
    raise TypeError(msg)


def report_to_dict(report: Report, *, kinds: Sequence[type[Indicator]] = BUILTIN_KINDS) -> Any:
    """The report as plain data (dates still :class:`datetime.date`), never with the
    participant ids of ``GoalResult.members`` (an ``audit=True`` evaluation has them)."""
    return unstructure(report, kinds=kinds)  # the converter never writes ``members``


def report_to_json(
    report: Report, *, indent: int | None = 2, kinds: Sequence[type[Indicator]] = BUILTIN_KINDS
) -> str:
    """The report as JSON text: keys sorted, no NaN, UTF-8 characters kept."""
    return json.dumps(
        report_to_dict(report, kinds=kinds),
        default=_default,
        sort_keys=True,
        ensure_ascii=False,
        allow_nan=False,
        indent=indent,
    ) + ("\n" if indent is not None else "")


def report_from_json(text: str, *, kinds: Sequence[type[Indicator]] = BUILTIN_KINDS) -> Report:
    """Read a report back (participant ids are never in it, so ``members`` is empty)."""
    return structure(json.loads(text), Report, kinds=kinds, source="<report json>")
