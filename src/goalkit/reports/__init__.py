"""Reports people read, and the JSON machines read."""

from __future__ import annotations

from goalkit.reports._json import report_from_json, report_to_dict, report_to_json
from goalkit.reports._progress import evaluate_over_time
from goalkit.reports._render import render

__all__ = ["evaluate_over_time", "render", "report_from_json", "report_to_dict", "report_to_json"]
