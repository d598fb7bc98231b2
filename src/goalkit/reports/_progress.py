"""Progress over time: one project evaluated as of several dates, and what changed.

Each date is a separate evaluation that sees only the facts dated on or before it, so the
series shows what was known at each reporting date, not a rewrite of history.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from attrs import frozen

from goalkit._exceptions import GoalFileError
from goalkit.model._result import GoalResult, Report, Status

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from goalkit.data._dataset import Dataset
    from goalkit.model._project import Project

__all__ = ["Step", "evaluate_over_time", "goal_steps", "reporting_dates"]


def reporting_dates(project: Project) -> tuple[date, ...]:
    """The project's reporting dates, in order.

    :raises GoalFileError: when the project names none.
    """
    dates = project.reporting_dates
    if not dates:
        msg = "the project has no reporting dates (`reporting = [...]`); give dates instead"
        raise GoalFileError(msg, source=f"project {project.id}")
    return dates


def evaluate_over_time(
    project: Project,
    data: Dataset | None,
    dates: Iterable[date],
    *,
    on_date: Callable[[date], None] | None = None,
    **options: Any,
) -> list[Report]:
    """Evaluate ``project`` as of each date (sorted, duplicates once).

    :param on_date: called after each date is evaluated (for a progress bar).
    :param options: passed to :func:`goalkit.evaluate` (``goals``, ``breakdowns``, …).
    """
    from goalkit.engine import evaluate  # noqa: PLC0415

    reports = []
    for day in sorted(set(dates)):
        reports.append(evaluate(project, data, day, **options))
        if on_date is not None:
            on_date(day)
    return reports


@frozen
class Step:
    """One goal at one date of a series, and how it moved since the date before.

    :param result: the goal's result as of the date, ``None`` if it was not evaluated then.
    :param previous: the result as of the previous date, if any.
    """

    as_of: date
    result: GoalResult | None
    previous: GoalResult | None = None

    @property
    def status_changed(self) -> bool:
        """Whether the status differs from the previous date's."""
        return (
            self.result is not None
            and self.previous is not None
            and self.result.status is not self.previous.status
        )

    @property
    def delta(self) -> float | None:
        """The change in value since the previous date (``None`` if either is missing)."""
        if self.result is None or self.previous is None:
            return None
        if self.result.value is None or self.previous.value is None:
            return None
        return self.result.value - self.previous.value

    @property
    def changed(self) -> bool:
        """Whether anything a reader sees moved: the status, the value, or the pending
        people."""
        if self.result is None or self.previous is None:
            return False
        delta = self.delta
        return (
            self.status_changed
            or (delta is not None and abs(delta) > 1e-12)
            or (self.result.value is None) != (self.previous.value is None)
            or self.result.pending != self.previous.pending
        )

    @property
    def regressed(self) -> bool:
        """A final status that changed later: a sign the data were rewritten."""
        return (
            self.status_changed
            and self.previous is not None
            and self.previous.status in (Status.MET, Status.NOT_MET)
        )


def goal_steps(reports: Sequence[Report]) -> dict[str, list[Step]]:
    """Goal id (in the order of the latest report, then any others) to one step per date."""
    ids: list[str] = []
    for report in reversed(reports):
        for r in report.results:
            if r.goal_id not in ids:
                ids.append(r.goal_id)
    out: dict[str, list[Step]] = {}
    for goal_id in ids:
        steps = []
        previous: GoalResult | None = None
        for report in reports:
            current = next((r for r in report.results if r.goal_id == goal_id), None)
            steps.append(Step(report.as_of, current, previous))
            previous = current
        out[goal_id] = steps
    return out
