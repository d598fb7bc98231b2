"""Reports people read, and the JSON machines read.

Reports read results; they never run the engine (a series of reports over time comes
from :func:`goalkit.evaluate_over_time`). The names below load on first use: discovering
plugins imports this package (for its format registrations) and should not pay for the
JSON converter or the renderers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from goalkit._lazy import lazy_names

if TYPE_CHECKING:
    from goalkit.reports._json import report_from_json, report_to_dict, report_to_json
    from goalkit.reports._progress import Step, goal_steps
    from goalkit.reports._render import render
    from goalkit.reports._site import read_site, write_site
    from goalkit.reports._suppress import suppress_report

__all__ = [
    "Step",
    "goal_steps",
    "read_site",
    "render",
    "report_from_json",
    "report_to_dict",
    "report_to_json",
    "suppress_report",
    "write_site",
]

_LAZY = {
    "Step": "goalkit.reports._progress",
    "goal_steps": "goalkit.reports._progress",
    "read_site": "goalkit.reports._site",
    "write_site": "goalkit.reports._site",
    "render": "goalkit.reports._render",
    "report_from_json": "goalkit.reports._json",
    "report_to_dict": "goalkit.reports._json",
    "report_to_json": "goalkit.reports._json",
    "suppress_report": "goalkit.reports._suppress",
}


__getattr__, __dir__ = lazy_names(globals(), _LAZY)
