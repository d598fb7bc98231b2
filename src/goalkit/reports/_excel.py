"""An Excel workbook (``xlsx``), the format municipalities already work in.

Written with openpyxl. Numbers are stored as numbers (shares as fractions with a per-cent
number format), so a reader can compute with them; the sheets and headers are in the
report's language, the column order is fixed (:data:`SUMMARY_FIELDS`,
:data:`BREAKDOWN_FIELDS`, :data:`PROGRESS_FIELDS`). Breakdown cells are suppressed like in
every other human-readable format.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from goalkit.model._indicator import Unit
from goalkit.reports._i18n import N_
from goalkit.reports._view import ReportView, ViewFormat

if TYPE_CHECKING:
    from collections.abc import Sequence

    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from goalkit.model._result import GoalResult

__all__ = ["BREAKDOWN_FIELDS", "PROGRESS_FIELDS", "SUMMARY_FIELDS", "ExcelFormat",
           "render_excel"]

COUNT_FIELDS: tuple[tuple[str, str], ...] = (
    ("numerator", N_("numerator")),
    ("denominator", N_("denominator")),
    ("success", N_("success")),
    ("failure", N_("failure")),
    ("pending", N_("pending")),
    ("excluded", N_("left out")),
)
"""The people counts, the same columns in the summary and the breakdown sheet."""

SUMMARY_FIELDS: tuple[tuple[str, str], ...] = (
    ("goal_id", N_("goal")),
    ("title", N_("title")),
    ("level", N_("level")),
    ("status", N_("status")),
    ("value", N_("value")),
    ("target", N_("target")),
    ("lower", N_("lower bound")),
    ("upper", N_("upper bound")),
    *COUNT_FIELDS,
    ("interval_low", N_("interval, low")),
    ("interval_high", N_("interval, high")),
    ("due", N_("due")),
    ("gap", N_("distance to target")),
    ("waiting", N_("why pending")),
    ("wording", N_("the document’s wording")),
)
"""Summary sheet: (JSON field, header) per column, in order."""

BREAKDOWN_FIELDS: tuple[tuple[str, str], ...] = (
    ("goal_id", N_("goal")),
    ("dimension", N_("dimension")),
    ("category", N_("category")),
    ("suppressed", N_("suppressed")),
    ("value", N_("value")),
    *COUNT_FIELDS,
)
"""Breakdown sheet: one row per goal, dimension and category."""

PROGRESS_FIELDS: tuple[tuple[str, str], ...] = (
    ("goal_id", N_("goal")),
    ("as_of", N_("date")),
    ("status", N_("status")),
    ("value", N_("value")),
    ("lower", N_("lower bound")),
    ("upper", N_("upper bound")),
    ("change", N_("change since previous report")),
)
"""Progress sheet (only for a series of dates)."""

HEADER_ROW = 4
"""Every table sheet has a title in row 1, a subtitle in row 2 and its header in row 4."""


def _number_format(unit: Unit) -> str:
    if unit is Unit.SHARE:
        return "0.0%"
    if unit in (Unit.PEOPLE, Unit.DAYS, Unit.MONEY):
        return "#,##0"
    return "General"


def _sheet(ws: Worksheet, view: ReportView, title: str, headers: Sequence[str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415

    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = f"{view.project_name} — {view.as_of_label}"
    for col, name in enumerate(headers, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="37474F")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = f"B{HEADER_ROW + 1}"


def _summary_row(view: ReportView, r: GoalResult, title: str, target: str) -> list[Any]:
    t = view.labels
    excluded = sum(r.excluded.values())
    waiting = ", ".join(f"{t.reason(k)} {n}" for k, n in sorted(r.waiting.items()))
    return [
        r.goal_id, title, t.level(r.level), t.status(r.status), r.value, target, r.lower,
        r.upper, r.numerator, r.denominator, r.success, r.failure, r.pending, excluded,
        r.interval[0] if r.interval else None, r.interval[1] if r.interval else None,
        r.due, r.gap, waiting, r.wording,
    ]


def render_excel(view: ReportView) -> bytes:
    """The workbook as bytes."""
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    t = view.labels
    wb = Workbook()
    stamp = dt.datetime.combine(view.as_of, dt.time())
    wb.properties.creator = view.generator or "goalkit"
    wb.properties.title = view.project_name
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.language = view.lang

    ws = wb.active
    assert ws is not None
    ws.title = t("Summary")[:31]
    _sheet(ws, view, t("Summary"), [t(h) for _, h in SUMMARY_FIELDS])
    share_cols = {"value", "lower", "upper", "interval_low", "interval_high", "gap"}
    for i, g in enumerate(view.goals, start=HEADER_ROW + 1):
        values = _summary_row(view, g.result, g.title, g.target)
        for col, ((name, _), value) in enumerate(zip(SUMMARY_FIELDS, values, strict=True), 1):
            cell = ws.cell(row=i, column=col, value=value)
            if name in share_cols:
                cell.number_format = _number_format(g.unit)
            elif name == "due" and value is not None:
                cell.number_format = "yyyy-mm-dd"
    widths = {"goal_id": 18, "title": 34, "status": 16, "target": 14, "waiting": 30,
              "wording": 60}
    for col, (name, _) in enumerate(SUMMARY_FIELDS, 1):
        ws.column_dimensions[get_column_letter(col)].width = widths.get(name, 12)

    _breakdown_sheet(wb, view)
    if view.series:
        _progress_sheet(wb, view)
    _issue_sheets(wb, view)
    return _stamped(wb, stamp)


def _stamped(wb: Workbook, stamp: dt.datetime) -> bytes:
    """The workbook as bytes, dated ``stamp`` throughout instead of the wall clock.

    ``Workbook.save`` sets the document's modification time to now, and the zip dates each
    member with the time of writing, so the same report rendered twice (or across a second
    boundary) gave different bytes. Written by openpyxl's writer without that step and with
    every member re-dated, a workbook is reproducible like every other format.
    """
    import zipfile  # noqa: PLC0415

    from openpyxl.writer.excel import ExcelWriter  # noqa: PLC0415

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as written:
        ExcelWriter(wb, written).save()
    archive = raw.getvalue()
    when = stamp.timetuple()[:6] if stamp.year >= 1980 else (1980, 1, 1, 0, 0, 0)  # zip epoch
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=when)
            member.compress_type = info.compress_type
            member.external_attr = info.external_attr
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


def _breakdown_sheet(wb: Workbook, view: ReportView) -> None:
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    t = view.labels
    wsb = wb.create_sheet(t("Breakdowns")[:31])
    _sheet(wsb, view, t("Breakdowns"), [t(h) for _, h in BREAKDOWN_FIELDS])
    row = HEADER_ROW + 1
    for g in view.goals:
        for dim in g.breakdowns:
            for c in dim.cells:
                values: list[Any] = [g.id, dim.label, c.category, c.hidden or None]
                if c.hidden is None:
                    values += [c.raw_value, c.numerator, c.denominator, c.success, c.failure,
                               c.pending, c.excluded]
                for col, value in enumerate(values, 1):
                    cell = wsb.cell(row=row, column=col, value=value)
                    if col == 5:
                        cell.number_format = _number_format(g.unit)
                row += 1
    for col, width in enumerate((18, 12, 12, 30), 1):
        wsb.column_dimensions[get_column_letter(col)].width = width



def _progress_sheet(wb: Workbook, view: ReportView) -> None:
    from openpyxl.styles import Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    t = view.labels
    if view.series:
        wsp = wb.create_sheet(t("Progress over time")[:31])
        _sheet(wsp, view, t("Progress over time"), [t(h) for _, h in PROGRESS_FIELDS])
        row = HEADER_ROW + 1
        for g in view.goals:
            for s in g.steps:
                values: list[Any] = [g.id, s.as_of, s.status_label, s.raw_value, s.lower,
                                     s.upper, s.change]
                for col, value in enumerate(values, 1):
                    cell = wsp.cell(row=row, column=col, value=value)
                    if col in (4, 5, 6):
                        cell.number_format = _number_format(g.unit)
                    elif col == 2:
                        cell.number_format = "yyyy-mm-dd"
                    if s.changed and col == 7:
                        cell.font = Font(bold=True)
                row += 1
        for col, width in enumerate((18, 12, 16, 10, 10, 10, 40), 1):
            wsp.column_dimensions[get_column_letter(col)].width = width



def _issue_sheets(wb: Workbook, view: ReportView) -> None:
    from openpyxl.styles import Font  # noqa: PLC0415

    t = view.labels
    wsi = wb.create_sheet(t("Data issues")[:31])
    _sheet(wsi, view, t("Data issues"), [t("severity"), t("code"), t("what"), t("details"),
                                         t("where"), t("count")])
    for i, issue in enumerate(view.issues, start=HEADER_ROW + 1):
        for col, value in enumerate((issue.severity_label, issue.code, issue.what,
                                     issue.message, issue.where, issue.count), 1):
            wsi.cell(row=i, column=col, value=value)
    wsi.column_dimensions["C"].width = 40
    wsi.column_dimensions["D"].width = 80

    wsa = wb.create_sheet(t("About this report")[:31])
    wsa["A1"] = t("About this report")
    wsa["A1"].font = Font(bold=True, size=14)
    about = [
        (t("project"), view.project_name),
        (t("date"), view.as_of),
        (t("participants"), view.participants),
        (t("smallest count shown in breakdowns"), view.min_cell),
        (t("made by"), view.generator),
    ]
    for i, (k, v) in enumerate(about, start=3):
        wsa.cell(row=i, column=1, value=k).font = Font(bold=True)
        cell = wsa.cell(row=i, column=2, value=v)
        if isinstance(v, dt.date):
            cell.number_format = "yyyy-mm-dd"
    wsa.column_dimensions["A"].width = 36
    wsa.column_dimensions["B"].width = 50


class ExcelFormat(ViewFormat[bytes]):
    """An Excel workbook: summary, breakdowns, progress, data issues."""

    description = "Excel workbook (.xlsx): numbers as numbers, one sheet a table"
    suffix = ".xlsx"
    binary = True

    def render_view(self, view: ReportView) -> bytes:
        """The view, rendered."""
        return render_excel(view)
