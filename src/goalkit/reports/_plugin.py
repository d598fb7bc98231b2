"""Registers the built-in report formats through the same hook plugins use."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from goalkit.model._project import Project
from goalkit.model._result import Report
from goalkit.plugins._registry import Registry
from goalkit.plugins.hookspecs import hookimpl
from goalkit.typing import ReportFormat


class JsonFormat:
    """The documented, versioned JSON (``docs/report-schema.json``)."""

    description = "JSON, deterministic, schema goalkit.report/1"
    suffix = ".json"
    binary = False

    def render(
        self,
        reports: Sequence[Report],
        *,
        project: Project | None = None,
        lang: str = "sv",
        options: Mapping[str, Any] | None = None,
    ) -> str:
        from goalkit.reports._json import report_to_json  # noqa: PLC0415

        if len(reports) == 1:
            return report_to_json(reports[0])
        return "[\n" + ",\n".join(report_to_json(r).rstrip() for r in reports) + "\n]\n"


@hookimpl
def goalkit_register_formats(formats: Registry[ReportFormat]) -> None:
    """``json`` (more built-in formats register here)."""
    formats.add("json", JsonFormat())
