"""Render reports in any registered format, by name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from goalkit._exceptions import EvaluationError, UnknownNameError
from goalkit.model._result import Report
from goalkit.plugins._guard import GuardedFormat, frozen_reports

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

    :param reports: one report, or several of the same project at different dates.
    :param fmt: a format's name: ``table``, ``md``, ``html``, ``json``, ``xlsx`` or one a
        plugin registers (``goalkit plugins`` lists them).
    :param project: the project the reports are of, for its names and goal titles (a
        format that needs it reads what the report holds otherwise).
    :param lang: ``"sv"`` or ``"en"``.
    :param options: passed to the format: ``audience`` and ``min_cell`` for every format,
        ``width`` and ``color`` for the table; a plugin's format reads its own.
    :param host: the plugin host whose formats to use (default: one built for the call).
    :returns: text, or bytes for a binary format (``xlsx``).
    :raises EvaluationError: for a bad argument, naming it: ``reports`` that are not
        reports (``None``, none at all, two projects', a date twice), a ``project`` that is
        not the reports' own, ``options`` that are not a mapping, an option value a format
        cannot take, or an option a built-in format does not read ("did you mean").
    :raises UnknownNameError: for a format or language there is not, listing those there
        are.
    :raises PluginError: naming the plugin when its format fails.

    The format renders a copy of the reports made for this call and frozen all through
    (:func:`frozen_reports`, by the host's format: :meth:`PluginHost.format`), so no
    format can change what the next one renders.
    """
    series = _series(reports)
    _check_project(project, series[0].project_id)
    _check_names(fmt, lang)
    opts = _options(options)
    if host is None:
        from goalkit.plugins._manager import make_plugin_manager  # noqa: PLC0415

        host = make_plugin_manager()
    chosen = host.format(fmt)
    if opts is not None:
        _check_options(fmt, chosen, opts)
    return chosen.render(series, project=project, lang=lang, options=opts)


def _described(value: object) -> str:
    from goalkit.data._dataset import described  # noqa: PLC0415

    return described(value)


def _check_names(fmt: object, lang: object) -> None:
    """The format's name a text, the language one there is (the JSON, which has none,
    refuses another as every other format does)."""
    from goalkit.reports._i18n import LANGS  # noqa: PLC0415

    if not isinstance(fmt, str):
        msg = f"fmt must be a format's name (a str, such as 'md'), got {_described(fmt)}"
        raise EvaluationError(msg)
    if not isinstance(lang, str) or lang not in LANGS:
        raise UnknownNameError("language", str(lang), LANGS)


def _series(reports: object) -> list[Report]:
    """One report, or a series of one project at different dates, as a list."""
    if isinstance(reports, Report):
        return [reports]
    if isinstance(reports, str | bytes | Mapping) or not isinstance(reports, Iterable):
        msg = (f"reports must be a goalkit.Report, or several of one project at different "
               f"dates, got {_described(reports)}")
        raise EvaluationError(msg)
    series = list(reports)
    if not series:
        msg = "reports must hold at least one goalkit.Report: there is no report to render"
        raise EvaluationError(msg)
    for i, report in enumerate(series):
        if not isinstance(report, Report):
            msg = f"reports[{i}] must be a goalkit.Report, got {_described(report)}"
            raise EvaluationError(msg)
    first = series[0]
    seen = set()
    for i, report in enumerate(series):
        if report.project_id != first.project_id:
            msg = (f"reports must be of one project: reports[{i}] is of "
                   f"{report.project_id!r}, reports[0] of {first.project_id!r}")
            raise EvaluationError(msg)
        if report.as_of in seen:
            msg = (f"reports must be of different dates: {report.as_of.isoformat()} is there "
                   "twice (a series holds each date once)")
            raise EvaluationError(msg)
        seen.add(report.as_of)
    return series


def _check_project(project: object, project_id: str) -> None:
    """``project`` is ``None`` or the project the reports are of."""
    from goalkit.model._project import Project  # noqa: PLC0415

    if project is None:
        return
    if not isinstance(project, Project):
        msg = (f"project must be a goalkit.Project (the one the reports are of), got "
               f"{_described(project)}; read a goal file with goalkit.load_goals(path)")
        raise EvaluationError(msg)
    if project.id != project_id:
        msg = (f"project is {project.id!r}, but the reports are of {project_id!r}: its names "
               "and goal titles are not theirs; pass the project they were evaluated for")
        raise EvaluationError(msg)


def _options(options: object) -> dict[str, Any] | None:
    """The options as a dict, their publication options (``audience``, ``min_cell``: the
    same for every format, a plugin's too) checked."""
    from goalkit.reports._suppress import publication  # noqa: PLC0415

    if options is None:
        return None
    if not isinstance(options, Mapping):
        msg = (f"options must be a mapping of option names to values (such as "
               f"{{'min_cell': 10}}), got {_described(options)}")
        raise EvaluationError(msg)
    opts = dict(options)
    try:
        publication(opts)
    except ValueError as e:
        raise EvaluationError(f"options: {e}") from None
    return opts


def _check_options(name: str, chosen: object, options: Mapping[str, Any]) -> None:
    """Each option one the format reads, with a value it takes, where the format says
    which it reads: goalkit's own formats do (a plugin's format is given what it is given).
    """
    from goalkit.model._suggest import did_you_mean  # noqa: PLC0415

    declared = (getattr(chosen.format, "options", None)
                if isinstance(chosen, GuardedFormat) and chosen.builtin else None)
    if not isinstance(declared, Mapping):
        return
    for key, value in options.items():
        option = declared.get(key)
        if option is None:
            known = ", ".join(sorted(declared))
            hint = did_you_mean(key, declared) if isinstance(key, str) else ""
            msg = (f"options: format {name!r} has no option {key!r}{hint} "
                   f"(it reads {known})")
            raise EvaluationError(msg)
        if option.ok is not None and not option.ok(value):
            msg = f"options: {key} must be {option.takes}, got {value!r}"
            raise EvaluationError(msg)
