"""Reports people read, and the JSON machines read.

The names below load on first use: discovering plugins imports this package (for its
format registrations) and should not pay for the JSON converter or the renderers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from goalkit._lazy import lazy_names

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


__getattr__, __dir__ = lazy_names(globals(), _LAZY)
