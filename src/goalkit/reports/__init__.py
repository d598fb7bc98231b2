"""Reports people read, and the JSON machines read."""

from __future__ import annotations

from goalkit.reports._json import report_from_json, report_to_dict, report_to_json

__all__ = ["report_from_json", "report_to_dict", "report_to_json"]
