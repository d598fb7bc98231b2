"""Render reports in any registered format, by name."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from goalkit.model._result import Report

if TYPE_CHECKING:
    from collections.abc import Sequence

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


def _freeze(value: Any) -> Any:
    if attrs.has(type(value)):
        copy = object.__new__(type(value))
        for f in attrs.fields(type(value)):
            object.__setattr__(copy, f.name, _freeze(getattr(value, f.name)))
        return copy
    if isinstance(value, Mapping):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, set | frozenset):
        return frozenset(value)
    return value


def frozen_reports(reports: Sequence[Report]) -> tuple[Report, ...]:
    """A copy of ``reports`` that nothing can change: every mapping in it read-only
    (a :class:`types.MappingProxyType`), every list a tuple, every attrs object a new
    frozen one. Each format gets its own, made at the hand-off (not while evaluating):
    the cost is one pass over the results, small beside rendering them.
    """
    return tuple(_freeze(r) for r in reports)
