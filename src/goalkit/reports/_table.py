"""A table for the terminal (``table``): colour on a terminal, plain text in a pipe.

Rendered with rich. The caller says whether to use colour (``options["color"]``, default
off), so the same function serves a terminal and a file; ``options["width"]`` sets the
width in columns (default 120, at least :data:`MIN_WIDTH`: see :func:`width_option`).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from goalkit.model._result import Status
from goalkit.reports._view import MONITORED, build_view

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from rich.console import Console

    from goalkit.model._project import Project
    from goalkit.model._result import Report
    from goalkit.reports._view_records import ReportView

__all__ = ["DEFAULT_WIDTH", "MIN_WIDTH", "STATUS_MARKS", "STATUS_STYLES", "TableFormat",
           "render_table", "width_option"]

STATUS_STYLES: Mapping[str, str] = {
    Status.MET: "bold green",
    Status.NOT_MET: "bold red",
    Status.PENDING: "yellow",
    Status.NEEDS_ASSESSMENT: "magenta",
    MONITORED: "cyan",
    Status.NO_DATA: "dim",
}

STATUS_MARKS: Mapping[str, str] = {
    Status.MET: "✓",
    Status.NOT_MET: "✗",
    Status.PENDING: "…",
    Status.NEEDS_ASSESSMENT: "?",
    MONITORED: "~",
    Status.NO_DATA: "∅",
}


DEFAULT_WIDTH = 120
"""The table's width when none is given: a file, a pipe."""
MIN_WIDTH = 80
"""The narrowest table: the goal, its status, value, target and bounds each keep their
words. Narrower, rich first cuts the words (*uppfy…*) and then leaves whole columns out
(at 20 only the goals' ids were left), with no sign of it."""


def width_option(options: Mapping[str, Any] | None) -> int:
    """The table's width from a format's options (``width``, default
    :data:`DEFAULT_WIDTH`): a whole number of at least 1, one under :data:`MIN_WIDTH`
    taken as :data:`MIN_WIDTH`.

    A narrow terminal (the command line passes its width) then wraps the table's lines
    rather than losing what they say, as rich would, silently, at its width.

    :raises ValueError: unless it is a whole number of at least 1, naming the option.
    """
    value = (options or {}).get("width", DEFAULT_WIDTH)
    if type(value) is not int or value < 1:
        msg = f"width must be a whole number of at least 1 (characters a line), got {value!r}"
        raise ValueError(msg)
    return max(value, MIN_WIDTH)


def render_table(view: ReportView, *, color: bool = False, width: int = DEFAULT_WIDTH) -> str:
    """The view as a table, with ANSI colours only when ``color``, ``width`` columns wide
    (at least :data:`MIN_WIDTH`, as :func:`width_option` gives it)."""
    from rich import box  # noqa: PLC0415
    from rich.console import Console  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    t = view.labels
    out = io.StringIO()
    console = Console(
        file=out, force_terminal=color, no_color=not color, color_system="standard" if color
        else None, width=max(width, MIN_WIDTH), highlight=False, emoji=False, legacy_windows=False,
    )
    heading = t("{project}, as of {date}").format(project=view.project_name,
                                                   date=view.as_of_label)
    console.print(Text(heading, style="bold"))
    console.print(t("Audience: {audience}").format(audience=view.audience_label),
                  markup=False)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(t("goal"), no_wrap=True)
    table.add_column(t("status"))
    table.add_column(t("value"), justify="right")
    table.add_column(t("target"), justify="right")
    if view.series:
        for day in view.dates[:-1]:
            table.add_column(t.short_date(day), justify="right")
        table.add_column(t("change since previous report"))
    else:
        table.add_column(t("undecided and bounds"))
    for g in view.goals:
        status = Text(g.status_label, style=STATUS_STYLES[g.shown] if color else "")
        value = g.value + (f" ({g.numbers})" if g.numbers else "")
        row: list[Any] = [g.id, status, value, g.target]
        if view.series:
            row += [Text(f"{s.headline} {STATUS_MARKS[s.shown] if s.shown else ''}",
                         style=STATUS_STYLES[s.shown] if color and s.shown else "")
                    for s in g.steps[:-1]]
            last = g.steps[-1] if g.steps else None
            mark = "● " if last is not None and last.changed else ""
            now = "; ".join(p for p in (g.undecided, f"{g.bounds_label} {g.bounds}"
                                        if g.bounds else "") if p)
            row.append(mark + (last.change if last is not None else "")
                       + (f" ({now})" if now else ""))
        else:
            row.append("; ".join(p for p in (g.undecided, f"{g.bounds_label}: {g.bounds}"
                                             if g.bounds else "") if p))
        table.add_row(*row)
    console.print(table)
    for g in view.goals:
        said = [part for part in (
            g.definition, g.open_cohort,
            f"{t('response rate')}: {g.response}" if g.response else "",
            f"{t('bounds over non-response')}: {g.response_bounds}" if g.response_bounds
            else "") if part]
        if said:
            console.print(f"  {g.id}: " + " ".join(
                p if p.endswith(".") else p + "." for p in said), markup=False)
    counts = ", ".join(f"{label}: {n}" for _, label, n in view.counts if n)
    console.print(counts, markup=False)
    if view.budget is not None:
        console.print(Text(t("Budget"), style="bold" if color else ""))
        for line in view.budget.rows:
            console.print(f"  {line.label}: {line.text}", markup=False)
    if view.series:
        legend = "  ".join(f"{STATUS_MARKS[st]} {label}" for st, label, _ in view.counts)
        console.print(legend + "  ● " + t("changed since the previous report"), markup=False)
    _issues(console, view, color=color)
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"


def _issues(console: Console, view: ReportView, *, color: bool) -> None:
    """The data issues, a line each, and what a public report's list leaves out."""
    from rich.text import Text  # noqa: PLC0415

    if not view.issues:
        return
    console.print(Text(view.labels("Data issues"), style="bold" if color else ""))
    for issue in view.issues:
        where = f" ({issue.where})" if issue.where else ""
        details = f" {issue.details}" if issue.details else ""
        console.print(f"  {issue.severity_label}: {issue.what}.{details}{where}", markup=False)
    if view.issues_note:
        console.print(f"  {view.issues_note}", markup=False)


class TableFormat:
    """A table for the terminal: colour on a terminal, plain in a pipe."""

    description = "terminal table (colour on a terminal, plain in a pipe)"
    suffix = ".txt"
    binary = False

    def render(
        self,
        reports: Sequence[Report],
        *,
        project: Project | None = None,
        lang: str = "sv",
        options: Mapping[str, Any] | None = None,
    ) -> str:
        """Render ``reports`` (one, or a series) as a table; ``options``: ``color``,
        ``width`` (:func:`width_option`), ``min_cell``, ``audience``.

        :raises ValueError: for a bad option, naming it.
        """
        opts = options or {}
        width = width_option(opts)
        view = build_view(reports, project=project, lang=lang, options=opts)
        return render_table(view, color=bool(opts.get("color", False)), width=width)
