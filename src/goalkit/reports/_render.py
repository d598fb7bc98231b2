"""Render reports in any registered format, by name."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from goalkit.model._result import Report
from goalkit.plugins._guard import frozen_reports

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from goalkit.model._project import Project
    from goalkit.plugins._manager import PluginHost

__all__ = ["frozen_reports", "render"]


def render(
    reports: Report | Sequence[Report],
    fmt: str = "table",
    *,
    project: Project | None = None,
    lang: str = "sv",
    options: Mapping[str, Any] | None = None,
    host: PluginHost | None = None,
) -> str | bytes:
    """One report, or a series of the same project, in the format registered as ``fmt``.

    ::

        print(goalkit.reports.render(report, "table", project=project, lang="en"))

    :param fmt: a format's name: ``table``, ``md``, ``html``, ``json``, ``xlsx`` or one a
        plugin registers (``goalkit plugins`` lists them).
    :param project: the project, for its names and goal titles (a format that needs it
        reads what the report holds otherwise).
    :param lang: ``"sv"`` or ``"en"``.
    :param options: passed to the format (``min_cell``, ``width``, ``color``, …).
    :param host: the plugin host whose formats to use (default: one built for the call).
    :returns: text, or bytes for a binary format (``xlsx``).
    :raises UnknownNameError: listing the formats there are.
    :raises PluginError: naming the plugin when its format fails.

    The format renders a copy of the reports made for this call and frozen all through
    (:func:`frozen_reports`, by the host's format: :meth:`PluginHost.format`), so no
    format can change what the next one renders.
    """
    if host is None:
        from goalkit.plugins._manager import make_plugin_manager  # noqa: PLC0415

        host = make_plugin_manager()
    series = [reports] if isinstance(reports, Report) else list(reports)
    return host.format(fmt).render(series, project=project, lang=lang, options=options)
