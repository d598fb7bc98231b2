"""What every human-readable format shows, worded and formatted in one language.

The table, Markdown, HTML and Excel formats all render a :class:`ReportView`, so they show
the same numbers with the same words. A view never holds participant identifiers: it reads
only the counts of a :class:`~goalkit.GoalResult` (never ``members``), and breakdowns go
through :mod:`goalkit.reports._suppress` first. :func:`build_view` words a report; the
records it fills are in :mod:`goalkit.reports._view_records`.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from goalkit.model._indicator import Unit
from goalkit.model._money import budget_summary
from goalkit.model._project import ColumnLabels
from goalkit.model._result import Cell, DataIssue, GoalResult, Report, Status
from goalkit.reports._i18n import Labels, labels
from goalkit.reports._progress import Step, goal_steps
from goalkit.reports._suppress import (
    Audience,
    ShownCell,
    band_order,
    min_cell_option,
    publication,
    published_cells,
    published_issues,
)
from goalkit.reports._view_records import (
    BudgetRow,
    BudgetView,
    CellView,
    DimensionView,
    GoalView,
    IssueView,
    ReportView,
    StepView,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import date

    from goalkit.model._project import Project

__all__ = [
    "MONITORED",
    "ViewFormat",
    "build_view",
    "min_cell_option",
    "reading_order",
    "shown_status",
]

Rendered = TypeVar("Rendered", str, bytes)


def _bounds(t: Labels, lower: float | None, upper: float | None, unit: Unit) -> str:
    if lower is None and upper is None:
        return ""
    hi = t.value(upper, unit) if upper is not None else t("no upper bound")
    return f"{t.value(lower, unit)} … {hi}"


def _numbers(t: Labels, numerator: int | None, denominator: int | None, unit: Unit) -> str:
    """What a value counts: ``10 av 26`` for a share, ``av 26 personer`` for a mean or
    median; nothing for a count (the value is the count) or without a denominator."""
    if denominator is None:
        return ""
    if unit is Unit.SHARE and numerator is not None:
        return t("{n} of {d}").format(n=t.count(numerator), d=t.count(denominator))
    if unit in (Unit.PEOPLE, Unit.VERDICT, Unit.MONEY):
        return ""
    return t.n("based on {d} person", "based on {d} people", denominator).format(
        d=t.count(denominator))


def _undecided(t: Labels, pending: int) -> str:
    if pending <= 0:
        return ""
    return t.n("{n} undecided", "{n} undecided", pending).format(n=t.count(pending))


def _value(t: Labels, r: GoalResult | Cell, unit: Unit, kind: str) -> str:
    """The value; a median not reached says so (never ``–``, which means no data)."""
    if r.value is None:
        after = getattr(r, "not_reached_after", None)
        people = r.success + r.failure + r.pending
        if after is not None or (kind == "time_to_event" and people > 0):
            return t.not_reached(after)
    return t.value(r.value, unit)


def _response(t: Labels, r: GoalResult) -> tuple[str, str]:
    rr = r.response
    if rr is None:
        return "", ""
    rate = rr.rate
    text = t("{answered} of {asked} answered ({rate})").format(
        answered=t.count(rr.answered), asked=t.count(rr.asked),
        rate=t.percent(rate, 0) if rate is not None else "–")
    if rr.minimum is not None:
        text += "; " + t("minimum {rate}").format(rate=t.percent(rr.minimum, 0))
    bounds = ""
    if rr.lower is not None or rr.upper is not None:
        bounds = _bounds(t, rr.lower, rr.upper, r.unit)
    return text, bounds


def _cell(t: Labels, names: ColumnLabels, dim: str, shown: ShownCell, unit: Unit,
          kind: str) -> CellView:
    label = t.category(dim, shown.category, names)
    if shown.cell is None:
        return CellView(label, t("hidden to protect small counts"))
    c = shown.cell
    pending = c.pending > 0
    return CellView(
        label,
        None,
        value=_value(t, c, unit, kind),
        numbers=_numbers(t, c.numerator, c.denominator, unit),
        success=c.success,
        failure=c.failure,
        pending=c.pending,
        excluded=c.excluded,
        numerator=c.numerator,
        denominator=c.denominator,
        raw_value=c.value,
        bounds=_bounds(t, c.lower, c.upper, unit) if pending else "",
        undecided=_undecided(t, c.pending),
    )


def _step(t: Labels, step: Step, unit: Unit, kind: str) -> StepView:
    r = step.result
    change = ""
    if step.previous is not None and r is not None:
        parts = []
        if step.status_changed:
            parts.append(f"{_status_label(t, step.previous)} → {_status_label(t, r)}")
        delta = step.delta
        if delta is not None and abs(delta) > 1e-12:
            parts.append(t.points(delta, unit))
        elif (r.value is None) != (step.previous.value is None):
            parts.append(f"{t.value(step.previous.value, unit)} → {t.value(r.value, unit)}")
        if r.pending != step.previous.pending:
            parts.append(t("undecided people {before} → {after}").format(
                before=step.previous.pending, after=r.pending))
        change = ", ".join(parts) if parts else t("no change")
    return StepView(
        as_of=step.as_of,
        date=t.date(step.as_of),
        status=None if r is None else r.status,
        status_label="–" if r is None else _status_label(t, r),
        value="–" if r is None else _value(t, r, unit, kind),
        raw_value=None if r is None else r.value,
        lower=None if r is None else r.lower,
        upper=None if r is None else r.upper,
        change=change,
        changed=step.changed,
        status_changed=step.status_changed,
        numbers="" if r is None else _numbers(t, r.numerator, r.denominator, unit),
        undecided="" if r is None else _undecided(t, r.pending),
        bounds="" if r is None or not (r.pending or r.cohort_open)
        else _bounds(t, r.lower, r.upper, unit),
        open_cohort=r is not None and r.cohort_open,
        numerator=None if r is None else r.numerator,
        denominator=None if r is None else r.denominator,
        pending=None if r is None else r.pending,
        shown="" if r is None else shown_status(r),
    )


MONITORED = "monitored"
"""How a goal with no target whose value exists is shown: followed up ("följs upp"), with
its own colour, never as "needs assessment"; its stored status stays needs_assessment."""


def _counts_people(r: GoalResult) -> bool:
    return (r.success + r.failure + r.pending > 0 or r.denominator is not None
            or r.lower is not None or r.upper is not None)


def shown_status(r: GoalResult) -> str:
    """The status as a report shows it: :data:`MONITORED` for a goal with no target whose
    value exists (it is followed up and judged by a person), else the status itself."""
    if (r.status is Status.NEEDS_ASSESSMENT and r.target is None
            and (r.value is not None or _counts_people(r))):
        return MONITORED
    return r.status.value


def _no_target(t: Labels, r: GoalResult) -> str:
    """The target column of a goal without a target: a monitored value is followed up;
    any other such goal (a deliverable, a qualitative goal) is judged by a person."""
    return t("monitored") if shown_status(r) == MONITORED else t("judged by a person")


def _status_label(t: Labels, r: GoalResult) -> str:
    return t("monitored") if shown_status(r) == MONITORED else t.status(r.status)


def _counts(t: Labels, goals: Sequence[GoalView]) -> tuple[tuple[str, str, int], ...]:
    """Goals per shown status, every one present (zero included), monitored after needs
    assessment."""
    keys = [s.value for s in Status]
    keys.insert(keys.index(Status.NEEDS_ASSESSMENT.value) + 1, MONITORED)
    n = Counter(g.shown for g in goals)
    return tuple((k, t("monitored") if k == MONITORED else t.status(Status(k)), n[k])
                 for k in keys)


def _explained(t: Labels, r: GoalResult) -> str:
    """What the status means for this goal: a goal with no target but a value (a monitored
    or reported figure) needs a person's judgement although data exist, and says so."""
    if shown_status(r) == MONITORED:
        return t("The goal has no target: the value is followed up and judged by a person.")
    return t.status_explained(r.status)


def reading_order(cells: Sequence[ShownCell]) -> list[ShownCell]:
    """A breakdown's categories in the order a reader counts them: age bands from the
    youngest (``-15``, up to 15, then 16-19, …, ``65-``, as the suppression orders them,
    :func:`~goalkit.reports._suppress.band_order`), any other categories with the numbers
    in them by their value (project 2 before project 10) and the rest by their text as
    before; categories that read alike (``01`` and ``1``) keep the order given. Only the
    order shown: the published cells are the same, and JSON keeps its keys sorted as
    text."""
    return _placed(cells, _places([s.category for s in cells]))


def _places(categories: Sequence[str]) -> dict[str, int]:
    """Each of ``categories`` (in the order given, each once) with its place in
    :func:`reading_order`."""
    bands = band_order(categories)
    ordered = bands if bands is not None else sorted(categories, key=_counted)
    return {c: i for i, c in enumerate(ordered)}


def _placed(cells: Sequence[ShownCell], place: Mapping[str, int]) -> list[ShownCell]:
    return sorted(cells, key=lambda s: place[s.category])


def _reading_places(report: Report, min_cell: int,
                    published: Mapping[str, Mapping[str, Sequence[ShownCell]]],
                    ) -> Mapping[str, Mapping[str, int]]:
    """Each published category's place in :func:`reading_order`, by dimension: worked out
    once per dimension over every goal's categories (the same bands and codes in each),
    and kept with the report, as its publication is, for every format and language (a
    register's 3,334 projects in 18 breakdowns: 62 ms a view, sorted goal by goal)."""
    def work() -> Mapping[str, Mapping[str, int]]:
        seen: dict[str, dict[str, None]] = {}
        for dims in published.values():
            for dim, cells in dims.items():
                seen.setdefault(dim, {}).update(dict.fromkeys(s.category for s in cells))
        return {dim: _places(list(found)) for dim, found in seen.items()}
    return report._worked.get(("reading_places", min_cell), work)


def _counted(category: str) -> list[Any]:
    """A sort key that reads each run of digits as the number it is: compared by its
    length without leading zeros, then by its digits (no conversion to an integer, which
    has a limit of digits); and the letters Å, Ä, Ö after Z, as the Swedish alphabet has
    them (Åre, Älvdalen, Östersund after Strömsund, not Älvdalen before Åre as their
    code points would)."""
    parts: list[Any] = _DIGITS.split(category.translate(_SWEDISH))
    for i in range(1, len(parts), 2):  # the runs of digits: every other part
        digits = parts[i].lstrip("0")
        parts[i] = (len(digits), digits)
    return parts


_DIGITS = re.compile(r"([0-9]+)")
_SWEDISH = str.maketrans({c: f"{z}{chr(0x10FFF0 + k)}" for z, letters in (("Z", "ÅÄÖ"),
                                                                         ("z", "åäö"))
                          for k, c in enumerate(letters)})
"""Å, Ä and Ö (and å, ä, ö) read as Z (z) and a character after every other: after Z
and every word that begins with it, before anything after Z, in this order."""


def _reason(t: Labels, names: ColumnLabels, reason: str) -> str:
    """Why someone is undecided or left out; ``missing_<column>`` with the project's own
    label for the column."""
    column = reason.removeprefix("missing_")
    label = names.column(column, t.lang) if reason.startswith("missing_") else None
    if label is not None:
        return t("{column} missing").format(column=label)
    return t.reason(reason)


def _goal(t: Labels, names: ColumnLabels, r: GoalResult, min_cell: int,
          steps: Sequence[Step], published: Mapping[str, Sequence[ShownCell]],
          places: Mapping[str, Mapping[str, int]]) -> GoalView:
    every = [
        DimensionView(dim, t.dimension(dim, names),
                      tuple(_cell(t, names, dim, s, r.unit, r.kind)
                            for s in _placed(shown, places[dim])))
        for dim, shown in published.items()
    ]
    dims = tuple(d for d in every if d.cells and not d.all_hidden)
    hidden = {d.name for d in every if d.all_hidden}
    # a breakdown the publication leaves out whole (a single category, or small counts no
    # hiding protects) is said to be hidden too, never silently missing; and the same
    # whatever the reason, so that the line tells nothing of how many categories the
    # goal's people fall in, which the audit has not checked
    hidden |= {dim for dim, cells in r.breakdowns.items() if cells and dim not in published}
    hidden_dims = tuple(t.dimension(dim, names) for dim in r.breakdowns if dim in hidden)
    counts_people = _counts_people(r)
    open_cohort = r.cohort_open and counts_people
    undecided = r.pending > 0 or open_cohort
    response, response_bounds = _response(t, r)
    interval = ""
    if r.interval is not None:
        interval = f"{t.value(r.interval[0], r.unit)} – {t.value(r.interval[1], r.unit)}"
    gap = ""
    if r.gap is not None and r.gap > 0 and r.status is not Status.MET:
        gap = t.value(r.gap, r.unit) if r.unit is not Unit.SHARE else t(
            "{n} percentage points").format(n=t.number(r.gap * 100, 1))
    return GoalView(
        result=r,
        id=r.goal_id,
        title=t.text(r.title) or r.goal_id,
        level=t.level(r.level),
        status=r.status,
        status_label=_status_label(t, r),
        status_explained=_explained(t, r),
        value=_value(t, r, r.unit, r.kind),
        target=t.target(r.target, r.unit) or _no_target(t, r),
        bounds=_bounds(t, r.lower, r.upper, r.unit) if undecided else "",
        numbers=_numbers(t, r.numerator, r.denominator, r.unit),
        interval=interval,
        # A goal without a due date is not due at the project's end: it has no date at all.
        due=t.date(r.due) if r.due is not None else t("no date set"),
        gap=gap,
        pending=r.pending,
        waiting=tuple((_reason(t, names, k), v) for k, v in sorted(r.waiting.items())),
        excluded=tuple((_reason(t, names, k), v) for k, v in sorted(r.excluded.items())),
        cohort_open=r.cohort_open,
        wording=r.wording,
        interpretation=t.text(r.interpretation),
        evidence=r.evidence,
        notes=r.notes,
        breakdowns=dims,
        steps=tuple(_step(t, s, r.unit, r.kind) for s in steps) if len(steps) > 1 else (),
        undecided=_undecided(t, r.pending),
        bounds_label=t("bounds among those enrolled so far") if open_cohort
        else t("bounds while undecided"),
        open_cohort=t("People can still enrol: the value and bounds are among those enrolled "
                      "so far.") if open_cohort else "",
        definition=t.text(r.definition) if r.definition is not None else "",
        response=response,
        response_bounds=response_bounds,
        hidden_dimensions=hidden_dims,
        shown=shown_status(r),
    )


def _budget(t: Labels, project: Project | None, as_of: date) -> BudgetView | None:
    """The budget section of a report on ``as_of``; ``None`` without a budget."""
    money = None if project is None else budget_summary(project, as_of)
    if money is None:
        return None

    def amount(value: float | None) -> str:
        return "–" if value is None else t.money(value, money.currency)

    def share(value: float | None) -> str:
        return "–" if value is None else t.percent(value)

    spent_label = t("Spent") if money.spent_through is None else t(
        "Spent up to {date}").format(date=t.date(money.spent_through))
    spent = t("not reported") if money.spent is None else amount(money.spent)
    return BudgetView(money.currency, (
        BudgetRow(t("Budget"), amount(money.planned), money.planned, "money"),
        BudgetRow(t("Budget to date"), amount(money.planned_to_date), money.planned_to_date,
                  "money"),
        BudgetRow(spent_label, spent, money.spent, "money"),
        BudgetRow(t("Share spent"), share(money.spent_share), money.spent_share, "share"),
        BudgetRow(t("Share of the project period"), share(money.elapsed), money.elapsed,
                  "share"),
    ))


def build_view(
    reports: Sequence[Report],
    *,
    project: Project | None = None,
    lang: str = "sv",
    options: Mapping[str, Any] | None = None,
) -> ReportView:
    """The view of one report, or of a series (breakdowns from the latest date)."""
    if not reports:
        msg = "nothing to render: no report given"
        raise ValueError(msg)
    t = labels(lang)
    audience_enum, min_cell = publication(options)
    audience = audience_enum.value
    reports = sorted(reports, key=lambda r: r.as_of)
    latest = reports[-1]
    steps = goal_steps(reports)
    published = published_cells(latest, min_cell)
    names = project.labels if project is not None else ColumnLabels()
    places = _reading_places(latest, min_cell, published)
    goals = tuple(_goal(t, names, r, min_cell, steps.get(r.goal_id, ()), published[r.goal_id],
                        places) for r in latest.results)
    counts = _counts(t, goals)
    found: list[DataIssue] = []
    for report in reports:
        for issue in report.issues:
            if issue not in found:
                found.append(issue)
    issues = published_issues(found, audience_enum)
    counted = audience_enum is Audience.INTERNAL  # a public report counts no issue's rows
    return ReportView(
        lang=lang,
        labels=t,
        project_id=latest.project_id,
        project_name=t.text(latest.project_name) or latest.project_id,
        owner=project.owner if project is not None else "",
        as_of=latest.as_of,
        as_of_label=t.date(latest.as_of),
        dates=tuple(r.as_of for r in reports),
        date_labels=tuple(t.date(r.as_of) for r in reports),
        goals=goals,
        counts=counts,
        issues=tuple(IssueView(i.severity, t.severity(i.severity), i.code, t.issue(i.code),
                               i.message, t.where(i.where),
                               i.count if counted else None,
                               (i.message if lang == "en" else i.message_sv) if counted else "")
                      for i in issues),
        participants=latest.data.participants,
        after_as_of=tuple((t.table(k), v) for k, v in sorted(latest.data.after_as_of.items())),
        min_cell=min_cell,
        generator=latest.generator,
        audience=audience,
        audience_label=t.audience(audience),
        budget=_budget(t, project, latest.as_of),
        issues_note="" if counted else t(
            "Each kind of issue is named once where it was found, without rows or counts, "
            "so that no one's data can be told apart; the internal report lists every row."),
    )


class ViewFormat(Generic[Rendered]):
    """A format that renders the :class:`ReportView` of the reports: the Markdown, HTML and
    Excel formats give :meth:`render_view`, and this gives the format's ``render``."""

    def render(
        self,
        reports: Sequence[Report],
        *,
        project: Project | None = None,
        lang: str = "sv",
        options: Mapping[str, Any] | None = None,
    ) -> Rendered:
        """Render ``reports`` (one, or a series); ``options``: ``min_cell``."""
        return self.render_view(build_view(reports, project=project, lang=lang, options=options))

    def render_view(self, view: ReportView) -> Rendered:
        """The view, rendered."""
        raise NotImplementedError
