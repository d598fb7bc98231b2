"""A Markdown report (``md``): for a wiki, an e-mail, or a document to paste into.

Every text, goalkit's own and the data's and goal file's alike, goes through :func:`_esc`:
HTML is escaped (``<script>`` arrives as text), Markdown's link, image and emphasis
punctuation is backslash-escaped, and URL schemes that run code (``javascript:``,
``vbscript:``, ``data:``) lose their colon, so no text from a file becomes a link, an image,
markup or a script in whatever renders the Markdown.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from goalkit.reports._view import ViewFormat

if TYPE_CHECKING:
    from collections.abc import Sequence

    from goalkit.reports._view_records import GoalView, ReportView


__all__ = ["MarkdownFormat", "render_markdown"]


_PUNCTUATION = re.compile(r"([\\`*_{}\[\]|~])")
_SCHEME = re.compile(r"(?i)\b(javascript|vbscript|data|file):(?=\S)")


def _esc(text: object) -> str:
    """Text safe inside a Markdown table cell or line: no HTML, no link, no markup."""
    out = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = " ".join(out.splitlines())
    out = _PUNCTUATION.sub(r"\\\1", out)
    return _SCHEME.sub(r"\1&#58;", out)


def _table(header: Sequence[object], rows: Sequence[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(_esc(h) for h in header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_esc(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _heading(mark: str, text: str) -> list[str]:
    if mark == "**":
        return [f"**{_esc(text)}**", ""]
    return [f"{mark} {_esc(text)}", ""]


def _facts(view: ReportView, g: GoalView) -> list[tuple[str, str]]:
    t = view.labels
    facts: list[tuple[str, str]] = [
        (t("level"), g.level),
        (t("value"), g.value + (f" ({g.numbers})" if g.numbers else "")),
        (t("target"), g.target),
        (t("due"), g.due),
    ]
    if g.definition:
        facts.append((t("what was counted"), g.definition))
    if g.open_cohort:
        facts.append((t("open cohort"), g.open_cohort))
    if g.bounds:
        facts.append((g.bounds_label, g.bounds))
    if g.gap:
        facts.append((t("distance to target"), g.gap))
    if g.interval:
        facts.append((t("95 % interval"), g.interval))
    if g.pending:
        why = ", ".join(f"{label} {n}" for label, n in g.waiting)
        facts.append((t("undecided people"), f"{g.pending}" + (f" ({why})" if why else "")))
    if g.response:
        facts.append((t("response rate"), g.response))
    if g.response_bounds:
        facts.append((t("bounds over non-response"), g.response_bounds))
    if g.excluded:
        facts.append((t("left out"), ", ".join(f"{label} {n}" for label, n in g.excluded)))
    return facts


def _goal(view: ReportView, g: GoalView) -> list[str]:
    t = view.labels
    lines = [f"### {_esc(g.title)} ({_esc(g.id)})", ""]
    lines.append(f"**{_esc(g.status_label)}** — {_esc(g.status_explained)}")
    lines.append("")
    lines += _table([t("what"), t("figure")], _facts(view, g))
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
            [[s.date, s.status_label, s.headline, ("● " if s.changed else "") + s.change]
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
                value = c.value + (f"; {c.bounds}" if c.bounds else "")
                rows.append([c.category, value, c.numbers, c.success, c.failure, c.pending,
                             c.excluded])
        lines += _table([dim.label, t("value"), t("numbers"), t("success"), t("failure"),
                         t("undecided"), t("left out")], rows)
    if g.hidden_dimensions:
        lines += [_esc(t("Not shown by {dimensions}: every group is hidden to protect small "
                         "counts.").format(dimensions=", ".join(g.hidden_dimensions))), ""]
    return lines


def _about(view: ReportView) -> str:
    t = view.labels
    if view.min_cell > 1:
        return t(
            "Counts from 1 to {k} people are not shown in breakdowns, and one more cell is "
            "hidden where needed so the totals cannot reveal them. The report holds no "
            "participant identifiers."
        ).format(k=view.min_cell - 1)
    return t("Small counts are not suppressed in this report.")


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
    lines += [_esc(t("Audience: {audience}").format(audience=view.audience_label)), ""]
    summary_header = [t("goal"), t("status"), t("value"), t("target")]
    if view.series:
        summary_header.append(t("change since previous report"))
    rows = []
    for g in view.goals:
        row = [f"{g.title} ({g.id})", g.status_label, g.headline, g.target]
        if view.series:
            last = g.steps[-1] if g.steps else None
            row.append(("● " if g.changed else "") + (last.change if last else ""))
        rows.append(row)
    lines += _heading("##", t("Summary"))
    lines += _table(summary_header, rows)
    lines.append(", ".join(f"{_esc(label)}: {n}" for _, label, n in view.counts if n))
    lines.append("")
    if view.budget is not None:
        lines += _heading("##", t("Budget"))
        lines += _table([t("what"), t("amount")],
                        [[row.label, row.text] for row in view.budget.rows])
    lines += _heading("##", t("Goals"))
    for g in view.goals:
        lines += _goal(view, g)
    lines += _heading("##", t("Data issues"))
    if view.issues and view.issue_rows:
        lines += _table([t("severity"), t("what"), t("where"), t("count")],
                        [[i.severity_label, i.what + (f": {i.details}" if i.details else ""),
                          i.where, i.count] for i in view.issues])
    elif view.issues:
        lines += _table([t("severity"), t("what"), t("where")],
                        [[i.severity_label, i.what, i.where] for i in view.issues])
        lines += [_esc(view.issues_note), ""]
    else:
        lines += [_esc(t("No data issues were found.")), ""]
    lines += _heading("##", t("About this report"))
    lines += [_esc(t("Audience: {audience}").format(audience=view.audience_label)), "",
              _esc(_about(view)), "",
              _esc(t("Made by {generator}.").format(generator=view.generator)), ""]
    return "\n".join(lines)


class MarkdownFormat(ViewFormat[str]):
    """Markdown, for a wiki, an e-mail or a document."""

    description = "Markdown (tables, one section a goal)"
    suffix = ".md"
    binary = False

    def render_view(self, view: ReportView) -> str:
        """The view, rendered."""
        return render_markdown(view)
