"""An Excel workbook (``xlsx``), the format municipalities already work in.

Written with openpyxl. Numbers are stored as numbers (shares as fractions with a per-cent
number format), so a reader can compute with them; the sheets and headers are in the
report's language, the column order is fixed (:data:`SUMMARY_FIELDS`,
:data:`BREAKDOWN_FIELDS`, :data:`PROGRESS_FIELDS`). Breakdown cells are suppressed like in
every other human-readable format.

A controller keeps the workbook: statuses are coloured, every value, target and bound is a
number with a number format that carries its unit (``0.0%``, ``#,##0 "dagar"``,
``#,##0 "kr"``, ``0.00`` for ratios), each table sheet has an autofilter and prints on A4
landscape at about its own size (as many pages wide as it needs), with the header row and
the columns that say which row it is repeated; the summary ends with empty *Kommentar* and
*Åtgärd* (*Comment*, *Action*) columns for the steering group.

No text ever becomes a formula: every string (from goalkit, the data or a goal file) is
written as a string cell, and one that a spreadsheet would read as a formula (starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is also quote-prefixed.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from typing import TYPE_CHECKING, Any

from goalkit.model._indicator import Unit
from goalkit.model._result import Status
from goalkit.reports._i18n import N_
from goalkit.reports._view import MONITORED, ViewFormat

if TYPE_CHECKING:
    from collections.abc import Sequence

    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

    from goalkit.reports._i18n import Labels
    from goalkit.reports._view_records import GoalView, ReportView

__all__ = ["BREAKDOWN_FIELDS", "PROGRESS_FIELDS", "STATUS_FILLS", "SUMMARY_FIELDS",
           "ExcelFormat", "pages_wide", "put", "render_excel", "zip_date"]

COUNT_FIELDS: tuple[tuple[str, str], ...] = (
    ("numerator", N_("numerator")),
    ("denominator", N_("denominator")),
    ("success", N_("success")),
    ("failure", N_("failure")),
    ("pending", N_("undecided")),
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
    ("target_low", N_("target, low")),
    ("target_high", N_("target, high")),
    ("lower", N_("lower bound")),
    ("upper", N_("upper bound")),
    *COUNT_FIELDS,
    ("interval_low", N_("interval, low")),
    ("interval_high", N_("interval, high")),
    ("due", N_("due")),
    ("gap", N_("distance to target")),
    ("waiting", N_("why undecided")),
    ("left_out_why", N_("why left out")),
    ("cohort_open", N_("people can still enrol")),
    ("response_rate", N_("response rate")),
    ("answered", N_("answered")),
    ("asked", N_("asked")),
    ("response_minimum", N_("minimum response rate")),
    ("response_bounds", N_("bounds over non-response")),
    ("definition", N_("what was counted")),
    ("wording", N_("the document’s wording")),
    ("comment", N_("Comment")),
    ("action", N_("Action")),
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
    ("numerator", N_("numerator")),
    ("denominator", N_("denominator")),
    ("pending", N_("undecided")),
    ("change", N_("change since previous report")),
)
"""Progress sheet (only for a series of dates)."""

HEADER_ROW = 4
"""Every table sheet has a title in row 1, a subtitle in row 2 and its header in row 4."""

STATUS_FILLS: dict[str, tuple[str, str]] = {
    Status.MET: ("C8E6C9", "1B5E20"),
    Status.NOT_MET: ("FFCDD2", "B71C1C"),
    Status.PENDING: ("FFE0B2", "8A4B00"),
    Status.NEEDS_ASSESSMENT: ("E1BEE7", "4A148C"),
    MONITORED: ("B2DFDB", "004D40"),
    Status.NO_DATA: ("E0E0E0", "424242"),
}
"""Status to (fill, font colour): the report's status colours, light enough to print."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _number_format(unit: Unit, t: Labels | None = None) -> str:
    """A number format that shows the unit: per cent, days, kronor, points, people."""
    def suffix(word: str) -> str:
        return f' "{word}"' if t is not None else ""

    if unit is Unit.SHARE:
        return "0.0%"
    if unit is Unit.DAYS:
        return "#,##0" + suffix(t("days") if t is not None else "")
    if unit is Unit.MONEY:
        return "#,##0" + suffix("kr")
    if unit is Unit.PEOPLE:
        return "#,##0" + suffix(t("people") if t is not None else "")
    if unit is Unit.SCORE:
        return "0.00" + suffix(t("points") if t is not None else "")
    return "0.00"


def _shown_width(t: Labels, value: Any, unit: Unit) -> int:
    """How wide a column must be for ``value`` shown with its unit (its number format), so
    that it never reads ``###``: *2 615 personer* needs 16 characters, not 12."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return 0
    return len(t.value(value, unit)) + 2


def put(ws: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write ``value`` to a cell; text is always text, never a formula."""
    from openpyxl.cell.cell import MergedCell  # noqa: PLC0415

    cell = ws.cell(row=row, column=column)
    assert not isinstance(cell, MergedCell)  # goalkit merges no cells
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(_FORMULA_START):
            cell.quotePrefix = True
    return cell


def _id_width(view: ReportView) -> int:
    """The goal column's width: its longest id whole (*occupational-experience* was cut
    at 18 characters), within 18 and 40."""
    longest = max((len(g.id) for g in view.goals), default=0)
    return min(max(18, longest + 2), 40)


def _print_setup(ws: Worksheet, last_column: int, last_row: int, *, keys: int = 1) -> None:
    """Autofilter over the table; A4 landscape, as many pages wide as the columns need
    at about their own size (:func:`pages_wide`), the header row repeated on every page
    and, on a table wider than a page, the first ``keys`` columns too: those that say
    which row it is (the goal; a breakdown's goal, dimension and category; a progress
    row's goal and date)."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415
    from openpyxl.worksheet.properties import PageSetupProperties  # noqa: PLC0415

    end = get_column_letter(max(1, last_column))
    ws.auto_filter.ref = f"A{HEADER_ROW}:{end}{max(HEADER_ROW, last_row)}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    widths = [ws.column_dimensions[get_column_letter(c)].width or _DEFAULT_WIDTH
              for c in range(1, max(1, last_column) + 1)]
    wide = pages_wide(widths, keys=keys)
    ws.page_setup.fitToWidth = wide
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    if wide > 1:
        ws.print_title_cols = f"A:{get_column_letter(keys)}"
    headers = [ws.cell(row=HEADER_ROW, column=c).value for c in range(1, len(widths) + 1)]
    lines = max((text_lines(h, w) for h, w in zip(headers, widths, strict=True)
                 if isinstance(h, str)), default=1)
    if lines > 1:  # a header wraps (its cells do): the row as tall as the longest
        ws.row_dimensions[HEADER_ROW].height = _LINE_HEIGHT * lines


def pages_wide(widths: Sequence[float], *, keys: int = 1) -> int:
    """How many A4 landscape pages a table of columns ``widths`` (in characters, as a
    spreadsheet counts a column's width) needs side by side, its first ``keys`` columns
    repeated on each, so that none is printed smaller than :data:`_LEAST_SCALE` of its
    size: one when it fits so. Fitting every column on one page printed the summary,
    some 500 characters wide, at about a quarter of its size."""
    first, rest = sum(widths[:keys]), sum(widths[keys:])
    if first + rest <= _PAGE_WIDTH / _LEAST_SCALE:
        return 1
    room = _PAGE_WIDTH / _LEAST_SCALE - first
    return max(1, math.ceil(rest / max(room, 1)))


def text_lines(text: str, width: float) -> int:
    """About how many lines ``text`` takes wrapped in a column ``width`` characters wide
    (its words kept whole, a character counted as wide as the column's unit, a little
    more than most are): a header row is as tall as this says its longest header needs,
    since a spreadsheet sizes a row by the height written in the file (LibreOffice made
    the wrapped headers one line tall, *målvärde, nedre* read *målvärde,*)."""
    room = max(int(width) - 1, 1)
    lines = 0
    for paragraph in text.splitlines() or [""]:
        used = 0
        lines += 1
        for word in paragraph.split(" "):
            if used and used + 1 + len(word) > room:
                lines += 1
                used = len(word)
            else:
                used += len(word) + (1 if used else 0)
            while used > room:  # a word longer than the column breaks where it must
                lines += 1
                used -= room
    return lines


_LINE_HEIGHT = 15.0
"""Points a line of text takes in a row (the default font's row height)."""

_PAGE_WIDTH = 130
"""Characters of column width on an A4 landscape page at its own size: 297 mm less the
default margins (0.7 inch each side) is about 260 mm, 980 pixels at 96 dpi, and a column
of width *w* takes about 7 *w* + 5 pixels in the default font; a little less."""
_LEAST_SCALE = 0.75
"""The smallest a sheet is printed, of its own size, before it takes another page: a
table a little wider than a page (the data's problems, 160 characters) is shrunk onto
it rather than split."""

_DEFAULT_WIDTH = 13.0
"""The width of a column a sheet gives none (a spreadsheet's own default is 8.43, plus
what the autofilter's button takes)."""


def _sheet(ws: Worksheet, view: ReportView, title: str, headers: Sequence[str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415

    put(ws, 1, 1, title).font = Font(bold=True, size=14)
    t = view.labels
    put(ws, 2, 1, f"{view.project_name} — {view.as_of_label} — "
        + t("Audience: {audience}").format(audience=view.audience_label))
    for col, name in enumerate(headers, start=1):
        cell = put(ws, HEADER_ROW, col, name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="37474F")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = f"B{HEADER_ROW + 1}"


def _status_style(cell: Cell, status: str | None) -> None:
    from openpyxl.styles import Font, PatternFill  # noqa: PLC0415

    if not status:
        return
    fill, ink = STATUS_FILLS[status]
    cell.fill = PatternFill("solid", fgColor=fill)
    cell.font = Font(bold=True, color=ink)


def _summary_row(view: ReportView, g: GoalView) -> list[Any]:
    t = view.labels
    r = g.result
    excluded = sum(r.excluded.values())
    waiting = ", ".join(f"{label} {n}" for label, n in g.waiting)
    why_left_out = ", ".join(f"{label} {n}" for label, n in g.excluded)
    target = r.target
    rr = r.response
    value: float | str | None = r.value
    if r.value is None and g.value != "–":
        value = g.value  # a median not reached says so, never an empty cell
    return [
        r.goal_id, g.title, t.level(r.level), g.status_label, value, g.target,
        target.low if target is not None else None,
        target.high if target is not None else None,
        r.lower, r.upper, r.numerator, r.denominator, r.success, r.failure, r.pending,
        excluded, r.interval[0] if r.interval else None,
        r.interval[1] if r.interval else None, r.due, r.gap, waiting, why_left_out or None,
        t("yes") if g.open_cohort else t("no"), rr.rate if rr is not None else None,
        rr.answered if rr is not None else None, rr.asked if rr is not None else None,
        rr.minimum if rr is not None else None, g.response_bounds or None,
        g.definition, r.wording, None, None,
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
    unit_cols = {"value", "target_low", "target_high", "lower", "upper", "interval_low",
                 "interval_high", "gap"}
    count_cols = {name for name, _ in COUNT_FIELDS}
    widths = {"goal_id": _id_width(view), "title": 34, "status": 16, "target": 14,
              "waiting": 30, "left_out_why": 30, "response_bounds": 20,
              "definition": 50, "wording": 60, "comment": 40, "action": 40}
    last = HEADER_ROW
    for i, g in enumerate(view.goals, start=HEADER_ROW + 1):
        values = _summary_row(view, g)
        for col, ((name, _), value) in enumerate(zip(SUMMARY_FIELDS, values, strict=True), 1):
            cell = put(ws, i, col, value)
            if name in unit_cols:
                cell.number_format = _number_format(g.unit, t)
                widths[name] = max(widths.get(name, 12), _shown_width(t, value, g.unit))
            elif name in count_cols:
                cell.number_format = "#,##0"
            elif name in ("response_rate", "response_minimum"):
                cell.number_format = "0%"
            elif name in ("answered", "asked"):
                cell.number_format = "#,##0"
            elif name == "due" and value is not None:
                cell.number_format = "yyyy-mm-dd"
            elif name == "status":
                _status_style(cell, g.shown)
        last = i
    for col, (name, _) in enumerate(SUMMARY_FIELDS, 1):
        ws.column_dimensions[get_column_letter(col)].width = widths.get(name, 12)
    _print_setup(ws, len(SUMMARY_FIELDS), last)

    _breakdown_sheet(wb, view)
    if view.series:
        _progress_sheet(wb, view)
    _budget_sheet(wb, view)
    _issue_sheets(wb, view)
    return _stamped(wb, stamp)


_ZIP_FIRST = (1980, 1, 1, 0, 0, 0)
"""The earliest date a zip entry can hold (MS-DOS time: the year counted from 1980)."""
_ZIP_LAST = (2107, 12, 31, 23, 59, 58)
"""The latest: the year is seven bits from 1980, the seconds are counted in twos."""


def zip_date(stamp: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """``stamp`` as a zip entry's date, moved to the nearest one the format can hold.

    A zip entry holds a date from 1980 to 2107 only (Python's ``zipfile`` fails with a
    bare ``struct.error`` after it), while a report may be dated anywhere from year 1 to
    9999. Clamping rather than a fixed date keeps what the stamp was for: the same report
    gives the same bytes (the date is the report's, never the clock's), and a report
    dated within the range is dated by its own day as before. No reader sees the clamped
    date: the workbook's properties, which Excel shows, keep the report's date exactly.
    """
    when = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    return max(_ZIP_FIRST, min(_ZIP_LAST, when))


def _stamped(wb: Workbook, stamp: dt.datetime) -> bytes:
    """The workbook as bytes, dated ``stamp`` throughout instead of the wall clock.

    ``Workbook.save`` sets the document's modification time to now, and the zip dates each
    member with the time of writing, so the same report rendered twice (or across a second
    boundary) gave different bytes. Written by openpyxl's writer without that step and with
    every member re-dated, a workbook is reproducible like every other format.

    The members' date is ``stamp`` held inside what a zip entry can hold (:func:`zip_date`);
    the document's own properties (``wb.properties.created``) keep the report's date
    whatever the year.
    """
    import zipfile  # noqa: PLC0415

    from openpyxl.writer.excel import ExcelWriter  # noqa: PLC0415

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as written:
        ExcelWriter(wb, written).save()
    archive = raw.getvalue()
    when = zip_date(stamp)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=when)
            member.compress_type = info.compress_type
            member.external_attr = info.external_attr
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


def _budget_sheet(wb: Workbook, view: ReportView) -> None:
    """The budget section as its own sheet: amounts as numbers in the currency, shares as
    per cent, a text (``ej redovisat``) where nothing is known."""
    from openpyxl.styles import Font  # noqa: PLC0415

    if view.budget is None:
        return
    t = view.labels
    ws = wb.create_sheet(t("Budget")[:31])
    _sheet(ws, view, t("Budget"), [t("what"), t("amount")])
    currency = view.budget.currency
    unit = "kr" if currency.upper() in ("SEK", "KR") else currency.replace('"', "")
    money = f'#,##0 "{unit}"'
    for i, row in enumerate(view.budget.rows, start=HEADER_ROW + 1):
        put(ws, i, 1, row.label).font = Font(bold=True)
        cell = put(ws, i, 2, row.value if row.value is not None else row.text)
        if row.value is not None:
            cell.number_format = money if row.kind == "money" else "0.0%"
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 20
    _print_setup(ws, 2, HEADER_ROW + len(view.budget.rows))


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
                    cell = put(wsb, row, col, value)
                    if col == 5:
                        cell.number_format = _number_format(g.unit, t)
                row += 1
        for label in g.hidden_dimensions:  # a row that says so, as the other formats do
            hidden = t("Not shown by {dimensions}: every group is hidden to protect small "
                       "counts.").format(dimensions=label)
            for col, value in enumerate((g.id, label, None, hidden), 1):
                put(wsb, row, col, value)
            row += 1
    widths = {"goal_id": _id_width(view), "category": 12, "suppressed": 30, "value": 18}
    for col, (name, _) in enumerate(BREAKDOWN_FIELDS, 1):  # a value with its unit fits
        wsb.column_dimensions[get_column_letter(col)].width = widths.get(name, 14)
    _print_setup(wsb, len(BREAKDOWN_FIELDS), row - 1, keys=3)



def _progress_sheet(wb: Workbook, view: ReportView) -> None:
    from openpyxl.styles import Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    t = view.labels
    if view.series:
        wsp = wb.create_sheet(t("Progress over time")[:31])
        _sheet(wsp, view, t("Progress over time"), [t(h) for _, h in PROGRESS_FIELDS])
        row = HEADER_ROW + 1
        widths = [_id_width(view), 12, 16, 10, 10, 10, 10, 10, 10, 40]
        for g in view.goals:
            for s in g.steps:
                values: list[Any] = [g.id, s.as_of, s.status_label, s.raw_value, s.lower,
                                     s.upper, s.numerator, s.denominator, s.pending, s.change]
                for col, value in enumerate(values, 1):
                    cell = put(wsp, row, col, value)
                    if col in (4, 5, 6):
                        cell.number_format = _number_format(g.unit, t)
                        widths[col - 1] = max(widths[col - 1], _shown_width(t, value, g.unit))
                    elif col == 2:
                        cell.number_format = "yyyy-mm-dd"
                    elif col == 3:
                        _status_style(cell, s.shown)
                    if s.changed and col == len(PROGRESS_FIELDS):
                        cell.font = Font(bold=True)
                row += 1
        for col, width in enumerate(widths, 1):
            wsp.column_dimensions[get_column_letter(col)].width = width
        _print_setup(wsp, len(PROGRESS_FIELDS), row - 1, keys=2)



def _issue_sheets(wb: Workbook, view: ReportView) -> None:
    from openpyxl.styles import Font  # noqa: PLC0415

    t = view.labels
    wsi = wb.create_sheet(t("Data issues")[:31])
    rows = view.issue_rows  # a public report: each kind once where found, no rows or counts
    _sheet(wsi, view, t("Data issues"), [t("severity"), t("what"), t("details"), t("where"),
                                         t("count")] if rows else
           [t("severity"), t("what"), t("where")])
    for i, issue in enumerate(view.issues, start=HEADER_ROW + 1):
        values = ((issue.severity_label, issue.what, issue.details or None, issue.where,
                   issue.count) if rows else (issue.severity_label, issue.what, issue.where))
        for col, value in enumerate(values, 1):
            put(wsi, i, col, value)
    last = HEADER_ROW + len(view.issues)
    if view.issues_note:  # below the table, outside its filter
        put(wsi, last + 2, 1, view.issues_note)
    wsi.column_dimensions["B"].width = 40
    wsi.column_dimensions["C"].width = 80 if rows else 40
    _print_setup(wsi, 5 if rows else 3, last)

    wsa = wb.create_sheet(t("About this report")[:31])
    put(wsa, 1, 1, t("About this report")).font = Font(bold=True, size=14)
    about = [
        (t("project"), view.project_name),
        (t("audience"), view.audience_label),
        (t("date"), view.as_of),
        (t("participants"), view.participants),
        (t("smallest count shown in breakdowns"), view.min_cell),
        (t("made by"), view.generator),
    ]
    for i, (k, v) in enumerate(about, start=3):
        put(wsa, i, 1, k).font = Font(bold=True)
        cell = put(wsa, i, 2, v)
        if isinstance(v, dt.date):
            cell.number_format = "yyyy-mm-dd"
    wsa.column_dimensions["A"].width = 36
    wsa.column_dimensions["B"].width = 50


class ExcelFormat(ViewFormat[bytes]):
    """An Excel workbook: summary, breakdowns, progress, budget, data issues."""

    description = "Excel workbook (.xlsx): numbers as numbers, one sheet a table"
    suffix = ".xlsx"
    binary = True

    def render_view(self, view: ReportView) -> bytes:
        """The view, rendered."""
        return render_excel(view)
