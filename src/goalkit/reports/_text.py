"""A plain-text table of a report, for the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from goalkit.model._indicator import Unit

if TYPE_CHECKING:
    from goalkit.model._result import GoalResult, Report

__all__ = ["format_value", "render_text"]


def format_value(value: float | None, unit: Unit) -> str:
    """A value as people read it: shares in per cent, counts whole, money with spaces."""
    if value is None:
        return "–"
    if unit is Unit.SHARE:
        return f"{value * 100:.1f} %"
    if unit in (Unit.PEOPLE, Unit.DAYS):
        return f"{value:.0f}"
    if unit is Unit.MONEY:
        return f"{value:,.0f}".replace(",", " ")
    return f"{value:g}"


def _target(r: GoalResult) -> str:
    t = r.target
    if t is None:
        return ""
    def f(value: float | None) -> str:
        return format_value(value, r.unit)

    return {
        "at_least": f"≥ {f(t.low)}",
        "at_most": f"≤ {f(t.high)}",
        "between": f"{f(t.low)}–{f(t.high)}",
        "equal": f"= {f(t.low)}",
    }[t.op]


def render_text(report: Report) -> str:
    """One line per goal: id, status, value with its counts, target, and the bounds and
    pending people while anyone is pending (whatever the status)."""
    rows = [("goal", "status", "value", "target", "bounds", "pending")]
    for r in report.results:
        bounds = ""
        if r.pending and (r.lower is not None or r.upper is not None):
            bounds = f"{format_value(r.lower, r.unit)} … {format_value(r.upper, r.unit)}"
        value = format_value(r.value, r.unit)
        if r.unit is Unit.SHARE and r.numerator is not None and r.denominator is not None:
            value += f" ({r.numerator} of {r.denominator})"
        rows.append((
            r.goal_id, r.status.value, value, _target(r), bounds,
            str(r.pending) if r.pending else "",
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [f"{report.project_name.get('en')} ({report.project_id}) as of {report.as_of}"]
    for row in rows:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)
