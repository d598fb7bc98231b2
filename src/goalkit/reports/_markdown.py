"""A Markdown report (``md``): for a wiki, an e-mail, or a document to paste into."""

from __future__ import annotations

from typing import TYPE_CHECKING

from goalkit.reports._view import GoalView, ReportView, ViewFormat

if TYPE_CHECKING:
    from collections.abc import Sequence


__all__ = ["MarkdownFormat", "render_markdown"]


def _esc(text: object) -> str:
    """Text safe inside a Markdown table cell or line."""
    return (str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
            .replace("*", "\\*").replace("_", "\\_"))


def _table(header: Sequence[object], rows: Sequence[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(_esc(h) for h in header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_esc(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _heading(mark: str, text: str) -> list[str]:
    if mark == "**":
        return [f"**{_esc(text)}**", ""]
    return [f"{mark} {_esc(text)}", ""]


def _goal(view: ReportView, g: GoalView) -> list[str]:
    t = view.labels
    lines = [f"### {_esc(g.title)} ({_esc(g.id)})", ""]
    lines.append(f"**{_esc(g.status_label)}** — {_esc(g.status_explained)}")
    lines.append("")
    facts: list[tuple[str, str]] = [
        (t("level"), g.level),
        (t("value"), g.value + (f" ({g.numbers})" if g.numbers else "")),
        (t("target"), g.target),
        (t("due"), g.due),
    ]
    if g.bounds:
        facts.append((t("bounds while pending"), g.bounds))
    if g.gap:
        facts.append((t("distance to target"), g.gap))
    if g.interval:
        facts.append((t("95 % interval"), g.interval))
    if g.pending:
        why = ", ".join(f"{label} {n}" for label, n in g.waiting)
        facts.append((t("pending people"), f"{g.pending}" + (f" ({why})" if why else "")))
    if g.excluded:
        facts.append((t("left out"), ", ".join(f"{label} {n}" for label, n in g.excluded)))
    lines += _table([t("what"), t("figure")], facts)
    if g.wording:
        own = t("The document’s own wording.")
        lines += [f"> {_esc(g.wording)}", "", f"*{_esc(own)}*", ""]
    if g.interpretation:
        reads = t("How goalkit reads it")
        lines += [f"{_esc(reads)}: {_esc(g.interpretation)}", ""]
    for note in (*g.evidence, *g.notes):
        lines.append(f"- {_esc(note)}")
    if g.evidence or g.notes:
        lines.append("")
    if g.steps:
        lines += _heading("**", t("Progress over time"))
        lines += _table(
            [t("date"), t("status"), t("value"), t("change since previous report")],
            [[s.date, s.status_label, s.value, ("● " if s.changed else "") + s.change]
             for s in g.steps],
        )
    suppressed = t("suppressed")
    for dim in g.breakdowns:
        lines += _heading("**", t("By {dimension}").format(dimension=dim.label))
        rows: list[list[object]] = []
        for c in dim.cells:
            if c.hidden is not None:
                rows.append([c.category, suppressed + ": " + c.hidden, "", "", "", "", ""])
            else:
                rows.append([c.category, c.value, c.numbers, c.success, c.failure, c.pending,
                             c.excluded])
        lines += _table([dim.label, t("value"), t("numbers"), t("success"), t("failure"),
                         t("pending"), t("left out")], rows)
    return lines


def render_markdown(view: ReportView) -> str:
    """The whole report as Markdown."""
    t = view.labels
    lines = [f"# {_esc(view.project_name)}", ""]
    if view.series:
        lines.append(_esc(t("Progress over time: {dates}").format(
            dates=", ".join(view.date_labels))))
    else:
        lines.append(_esc(t("Status as of {date}").format(date=view.as_of_label)))
    lines.append("")
    summary_header = [t("goal"), t("status"), t("value"), t("target"), t("bounds while pending")]
    if view.series:
        summary_header.append(t("change since previous report"))
    rows = []
    for g in view.goals:
        row = [f"{g.title} ({g.id})", g.status_label, g.value, g.target, g.bounds]
        if view.series:
            last = g.steps[-1] if g.steps else None
            row.append(("● " if g.changed else "") + (last.change if last else ""))
        rows.append(row)
    lines += _heading("##", t("Summary"))
    lines += _table(summary_header, rows)
    lines.append(", ".join(f"{_esc(label)}: {n}" for _, label, n in view.counts if n))
    lines.append("")
    lines += _heading("##", t("Goals"))
    for g in view.goals:
        lines += _goal(view, g)
    lines += _heading("##", t("Data issues"))
    if view.issues:
        lines += _table([t("severity"), t("what"), t("details"), t("where"), t("count")],
                        [[i.severity_label, i.what, i.message, i.where, i.count]
                         for i in view.issues])
    else:
        lines += [_esc(t("No data issues were found.")), ""]
    lines += _heading("##", t("About this report"))
    about = t(
        "Counts from 1 to {k} people are not shown in breakdowns, and one more cell is hidden "
        "where needed so the totals cannot reveal them. The report holds no participant "
        "identifiers."
    ).format(k=view.min_cell - 1) if view.min_cell > 1 else t(
        "Small counts are not suppressed in this report.")
    lines += [_esc(about), "", _esc(t("Made by {generator}.").format(generator=view.generator)),
              ""]
    return "\n".join(lines)


class MarkdownFormat(ViewFormat[str]):
    """Markdown, for a wiki, an e-mail or a document."""

    description = "Markdown (tables, one section a goal)"
    suffix = ".md"
    binary = False

    def render_view(self, view: ReportView) -> str:
        """The view, rendered."""
        return render_markdown(view)
