"""Progress over time: what changed in a series of reports, one a date.

The series comes from :func:`goalkit.evaluate_over_time` (the engine's); this module only
reads it, so reports never run the engine.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from attrs import frozen

from goalkit._exceptions import GoalFileError
from goalkit.model._result import GoalResult, Report, Status

if TYPE_CHECKING:
    from collections.abc import Sequence

    from goalkit.model._project import Project

__all__ = ["Step", "goal_steps", "reporting_dates"]


def reporting_dates(project: Project) -> tuple[date, ...]:
    """The project's reporting dates, in order.

    :raises GoalFileError: when the project names none.
    """
    dates = project.reporting_dates
    if not dates:
        msg = "the project has no reporting dates (`reporting = [...]`); give dates instead"
        raise GoalFileError(msg, source=f"project {project.id}")
    return dates


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
