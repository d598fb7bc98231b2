"""Reports people read, and the JSON machines read.

The names below load on first use: discovering plugins imports this package (for its
format registrations) and should not pay for the JSON converter or the renderers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from goalkit.reports._json import report_from_json, report_to_dict, report_to_json
    from goalkit.reports._progress import evaluate_over_time
    from goalkit.reports._render import render

__all__ = ["evaluate_over_time", "render", "report_from_json", "report_to_dict", "report_to_json"]

_LAZY = {
    "evaluate_over_time": "goalkit.reports._progress",
    "render": "goalkit.reports._render",
    "report_from_json": "goalkit.reports._json",
    "report_to_dict": "goalkit.reports._json",
    "report_to_json": "goalkit.reports._json",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'goalkit.reports' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups find it directly
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
