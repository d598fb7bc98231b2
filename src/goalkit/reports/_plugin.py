"""Registers the built-in report formats through the same hook plugins use."""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from goalkit.plugins.hookspecs import hookimpl

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from goalkit.model._project import Project
    from goalkit.model._result import Report
    from goalkit.plugins._registry import Registry
    from goalkit.typing import ReportFormat


class Option(NamedTuple):
    """An option a built-in format reads, as :func:`goalkit.render` checks it.

    :param takes: what it takes, for the message that refuses another value.
    :param ok: whether a value is one it takes; ``None`` for the publication options
        (``audience`` and ``min_cell``), which are checked together, by
        :func:`goalkit.reports._suppress.publication`, for every format.
    """

    takes: str
    ok: Callable[[Any], bool] | None = None


def _table_width(value: Any) -> bool:
    """Whether the table takes ``value`` as its width (its own rule:
    :func:`goalkit.reports._table.width_option`)."""
    from goalkit.reports._table import width_option  # noqa: PLC0415

    try:
        width_option({"width": value})
    except ValueError:
        return False
    return True


PUBLICATION_OPTIONS: Mapping[str, Option] = MappingProxyType({
    "audience": Option("'public' or 'internal'"),
    "min_cell": Option("a whole number, at least 2 for a public report"),
})
"""Who a report is for and its smallest published count: read by every built-in format
(``docs/privacy.md``)."""

TABLE_OPTIONS: Mapping[str, Option] = MappingProxyType({
    **PUBLICATION_OPTIONS,
    "color": Option("True or False", lambda value: isinstance(value, bool)),
    "width": Option("a whole number of at least 1 (characters a line)", _table_width),
})
"""The table's options: the publication options, colour and width."""


class JsonFormat:
    """The documented, versioned JSON (``docs/report-schema.json``)."""

    description = "JSON, deterministic, schema goalkit.report/1"
    suffix = ".json"
    binary = False
    options = PUBLICATION_OPTIONS
    """The options it reads (:class:`Option`)."""

    def render(
        self,
        reports: Sequence[Report],
        *,
        project: Project | None = None,
        lang: str = "sv",
        options: Mapping[str, Any] | None = None,
    ) -> str:
        """The report for an audience (``options["audience"]``): ``public`` by default,
        with small breakdown cells suppressed (``options["min_cell"]``, default 5), or
        ``internal``, the exact :func:`goalkit.report_to_dict` data. Either way the JSON
        says which (``"audience"``); see ``docs/privacy.md``. A public series carries
        breakdowns for its latest date only, as every other format shows them. With a
        ``project`` that has a budget, each report also carries ``"budget"``: its
        :func:`goalkit.model.budget_summary` on the report's date."""
        from goalkit.reports._json import report_to_dict  # noqa: PLC0415
        from goalkit.reports._suppress import (  # noqa: PLC0415
            publication,
            published_report_dict,
        )

        audience, min_cell = publication(options)
        latest = max(r.as_of for r in reports) if reports else None
        texts = [_dumps(_with_budget(published_report_dict(
                     r, report_to_dict(r), audience, min_cell, breakdowns=r.as_of == latest),
                     project, r))
                 for r in reports]
        if len(texts) == 1:
            return texts[0]
        return "[\n" + ",\n".join(t.rstrip() for t in texts) + "\n]\n"


def _with_budget(data: dict[str, Any], project: Project | None,
                 report: Report) -> dict[str, Any]:
    """``data`` with the project's money on the report's date (``"budget"``), if any."""
    from goalkit.model._money import budget_summary  # noqa: PLC0415

    money = None if project is None else budget_summary(project, report.as_of)
    if money is None:
        return data
    return {**data, "budget": {
        "currency": money.currency,
        "period": {"start": money.period.start, "end": money.period.end},
        "as_of": money.as_of,
        "planned": money.planned,
        "planned_to_date": money.planned_to_date,
        "spent": money.spent,
        "spent_through": money.spent_through,
        "elapsed": money.elapsed,
        "spent_share": money.spent_share,
    }}


def _dumps(data: Any) -> str:
    """JSON text exactly as :func:`goalkit.report_to_json` writes it."""
    from goalkit.reports._json import dumps_json  # noqa: PLC0415

    return dumps_json(data)


class _Deferred:
    """A format whose module (and its view, translations and libraries) is imported the
    first time it renders, so that discovering plugins stays fast.

    :param options: the options it reads (:class:`Option`).
    """

    def __init__(self, module: str, cls: str, description: str, suffix: str, binary: bool,
                 options: Mapping[str, Option]) -> None:
        self._where = (module, cls)
        self.description = description
        self.suffix = suffix
        self.binary = binary
        self.options = options

    def render(
        self,
        reports: Sequence[Report],
        *,
        project: Project | None = None,
        lang: str = "sv",
        options: Mapping[str, Any] | None = None,
    ) -> str | bytes:
        import importlib  # noqa: PLC0415

        module, cls = self._where
        fmt: ReportFormat = getattr(importlib.import_module(module), cls)()
        return fmt.render(reports, project=project, lang=lang, options=options)


_DEFERRED = (
    # name, module, class, description, suffix, binary
    ("table", "_table", "TableFormat",
     "terminal table (colour on a terminal, plain in a pipe)", ".txt", False),
    ("md", "_markdown", "MarkdownFormat", "Markdown (tables, one section a goal)", ".md", False),
    ("html", "_html", "HtmlFormat",
     "HTML, self-contained (inline SVG charts, print CSS for A4)", ".html", False),
    ("xlsx", "_excel", "ExcelFormat",
     "Excel workbook (.xlsx): numbers as numbers, one sheet a table", ".xlsx", True),
)

_OPTIONS: Mapping[str, Mapping[str, Option]] = {"table": TABLE_OPTIONS}
"""The options of each deferred format that reads more than :data:`PUBLICATION_OPTIONS`."""


@hookimpl
def goalkit_register_formats(formats: Registry[ReportFormat]) -> None:
    """``json``, ``table``, ``md``, ``html`` and ``xlsx`` (each imports its libraries only
    when it renders)."""
    formats.add("json", JsonFormat())
    for name, module, cls, description, suffix, binary in _DEFERRED:
        formats.add(name, _Deferred(f"goalkit.reports.{module}", cls, description, suffix,
                                    binary, _OPTIONS.get(name, PUBLICATION_OPTIONS)))
