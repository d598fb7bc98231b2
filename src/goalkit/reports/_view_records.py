"""The records of a view: what a reader sees of a report, already worded in one language.

:func:`goalkit.reports._view.build_view` fills them from a report; every human-readable
format renders them. They hold text and counts only, never a participant identifier.
"""

from __future__ import annotations

from datetime import date

from attrs import frozen

from goalkit.model._indicator import Unit  # noqa: TC001  # attrs reads no annotations
from goalkit.model._result import GoalResult, Status
from goalkit.reports._i18n import Labels

__all__ = [
    "BudgetRow",
    "BudgetView",
    "CellView",
    "DimensionView",
    "GoalView",
    "IssueView",
    "ReportView",
    "StepView",
]


@frozen
class CellView:
    """One breakdown category, formatted; ``hidden`` is the reason text when suppressed."""

    category: str
    hidden: str | None
    value: str = ""
    numbers: str = ""
    success: int | None = None
    failure: int | None = None
    pending: int | None = None
    excluded: int | None = None
    numerator: int | None = None
    denominator: int | None = None
    raw_value: float | None = None
    bounds: str = ""
    undecided: str = ""


@frozen
class DimensionView:
    """One breakdown dimension of a goal."""

    name: str
    label: str
    cells: tuple[CellView, ...]

    @property
    def any_hidden(self) -> bool:
        """Whether some cell is suppressed."""
        return any(c.hidden is not None for c in self.cells)

    @property
    def all_hidden(self) -> bool:
        """Whether every cell is suppressed (the formats then say so in one line instead of
        printing an empty table or chart)."""
        return bool(self.cells) and all(c.hidden is not None for c in self.cells)


@frozen
class StepView:
    """A goal at one date of a progress series."""

    as_of: date
    date: str
    status: Status | None
    status_label: str
    value: str
    raw_value: float | None
    lower: float | None
    upper: float | None
    change: str
    changed: bool
    status_changed: bool
    numbers: str = ""
    undecided: str = ""
    bounds: str = ""
    open_cohort: bool = False
    numerator: int | None = None
    denominator: int | None = None
    pending: int | None = None
    shown: str = ""
    """How the status is shown (:func:`shown_status`); empty at a date with no result."""

    @property
    def headline(self) -> str:
        """The value with its counts, and the undecided people and bounds while any."""
        return _headline(self.value, self.numbers, self.undecided, self.bounds)


@frozen
class GoalView:
    """One goal, every field a reader needs, as text in the report's language."""

    result: GoalResult
    id: str
    title: str
    level: str
    status: Status
    status_label: str
    status_explained: str
    value: str
    target: str
    bounds: str
    numbers: str
    interval: str
    due: str
    gap: str
    pending: int
    waiting: tuple[tuple[str, int], ...]
    excluded: tuple[tuple[str, int], ...]
    cohort_open: bool
    wording: str
    interpretation: str
    evidence: tuple[str, ...]
    notes: tuple[str, ...]
    breakdowns: tuple[DimensionView, ...]
    steps: tuple[StepView, ...] = ()
    undecided: str = ""
    bounds_label: str = ""
    open_cohort: str = ""
    definition: str = ""
    response: str = ""
    response_bounds: str = ""
    hidden_dimensions: tuple[str, ...] = ()
    shown: str = ""
    """How the status is shown (:func:`shown_status`): the status, or :data:`MONITORED`
    for a goal with no target whose value exists (stored as ``needs_assessment``)."""

    @property
    def headline(self) -> str:
        """The value with its counts, and the undecided people and bounds while any: the one
        line every summary shows ("38,5 % (10 av 26); 10 ej avgjorda; gränser medan ej
        avgjort 30,0 % … 55,0 %")."""
        bounds = f"{self.bounds_label} {self.bounds}" if self.bounds else ""
        return _headline(self.value, self.numbers, self.undecided, bounds)

    @property
    def unit(self) -> Unit:
        """The unit of the goal's value."""
        return self.result.unit

    @property
    def steady(self) -> bool:
        """Whether a series has nothing to show over time: no value at any date and one
        status throughout (a goal a person judges, or one without data yet)."""
        return bool(self.steps) and all(
            s.raw_value is None and s.lower is None and s.upper is None
            and s.status is self.steps[-1].status for s in self.steps)

    @property
    def changed(self) -> bool:
        """Whether the goal moved since the previous report of a series."""
        return bool(self.steps) and self.steps[-1].changed


@frozen
class IssueView:
    """A data issue as a reader sees it: the translated kind, and goalkit's own message."""

    severity: str
    severity_label: str
    code: str
    what: str
    message: str
    where: str
    count: int | None
    """How many rows or cases; ``None`` in a public report, which counts no issue's rows
    (:func:`goalkit.reports._suppress.published_issues`)."""
    details: str = ""
    """goalkit's own message in the report's language (:attr:`DataIssue.message_sv` in a
    Swedish report; empty where it has none, and in a public report: the translated kind
    stands alone)."""


@frozen
class BudgetRow:
    """One line of the budget section: what, the amount or share as text, and the number
    (``None``: not known) with what it is (``money`` or ``share``)."""

    label: str
    text: str
    value: float | None
    kind: str


@frozen
class BudgetView:
    """A project's money as of the report's date (:func:`goalkit.model.budget_summary`):
    the whole budget, the budget to date, spent to date, the share spent and the share of
    the project period elapsed."""

    currency: str
    rows: tuple[BudgetRow, ...]


@frozen
class ReportView:
    """A report (or a series of reports) as a reader sees it."""

    lang: str
    labels: Labels
    project_id: str
    project_name: str
    owner: str
    as_of: date
    as_of_label: str
    dates: tuple[date, ...]
    date_labels: tuple[str, ...]
    goals: tuple[GoalView, ...]
    counts: tuple[tuple[str, str, int], ...]
    """Goals per shown status (:func:`shown_status`), its label, and how many."""
    issues: tuple[IssueView, ...]
    participants: int
    after_as_of: tuple[tuple[str, int], ...]
    min_cell: int
    generator: str
    audience: str = "public"
    """``public`` (small counts suppressed) or ``internal`` (every count; not for
    publication)."""
    audience_label: str = ""
    budget: BudgetView | None = None
    """The budget section (``None``: no project given, or a project with no budget)."""
    issues_note: str = ""
    """What a public report's list of data issues leaves out (empty in an internal one)."""

    @property
    def series(self) -> bool:
        """Whether the view covers several dates (progress over time)."""
        return len(self.dates) > 1

    @property
    def issue_rows(self) -> bool:
        """Whether the data issues are listed as found, each with its rows and count (the
        internal report), rather than each kind once where it was found (the public one)."""
        return self.audience != "public"


def _headline(value: str, numbers: str, undecided: str, bounds: str) -> str:
    text = value + (f" ({numbers})" if numbers else "")
    if undecided:
        text += f"; {undecided}"
    if bounds:
        text += f"; {bounds}"
    return text
