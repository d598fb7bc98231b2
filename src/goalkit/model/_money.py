"""A project's money as of a date: planned, planned to date, spent to date, and how much of
the period has gone. The budget section of a report shows it; a cost per outcome divides
one of its amounts (:data:`CostBasis`)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal

from attrs import frozen

from goalkit.model._project import Budget, BudgetKind, Period

if TYPE_CHECKING:
    from goalkit.model._project import Project

__all__ = [
    "BudgetSummary",
    "CostBasis",
    "budget_summary",
    "elapsed_share",
    "planned_total",
    "spent_to",
]

CostBasis = Literal["budget", "budget_to_date", "spent"]
"""What a cost per outcome divides: the whole budget (the default), the budget to date
(the whole budget times the share of the project period elapsed), or the money spent to
date (the spent budget lines whose period has ended)."""


def elapsed_share(period: Period, day: date) -> float:
    """The share of ``period`` elapsed by the end of ``day`` (0 before it, 1 after it)."""
    days = (period.end - period.start).days + 1
    done = (day - period.start).days + 1
    return min(1.0, max(0.0, done / days))


def planned_total(budget: Budget) -> float | None:
    """The whole budget: ``total``, else the sum of the planned lines (``None``: neither)."""
    if budget.total is not None:
        return budget.total
    planned = [line.amount for line in budget.lines if line.kind is BudgetKind.PLANNED]
    return sum(planned) if planned else None


def spent_to(budget: Budget, day: date) -> tuple[float | None, date | None]:
    """Money spent as known on ``day``: the spent lines whose period has ended by then (and
    those without a period), with the latest end among them; ``(None, None)`` if none."""
    counted = [line for line in budget.lines if line.kind is BudgetKind.SPENT
               and (line.period is None or line.period.end <= day)]
    if not counted:
        return None, None
    ends = [line.period.end for line in counted if line.period is not None]
    return sum(line.amount for line in counted), max(ends) if ends else None


@frozen
class BudgetSummary:
    """A project's money as of a date, for a report's budget section.

    :param planned: the whole budget (``None``: not given).
    :param planned_to_date: the whole budget times :attr:`elapsed` (straight-line).
    :param spent: money spent to date (``None``: no spending recorded by then).
    :param spent_through: the end of the latest spending period counted in ``spent``.
    :param elapsed: the share of the project period elapsed on ``as_of`` (0 to 1).
    """

    currency: str
    period: Period
    as_of: date
    planned: float | None
    planned_to_date: float | None
    spent: float | None
    spent_through: date | None
    elapsed: float

    @property
    def spent_share(self) -> float | None:
        """Spent as a share of the whole budget (``None`` if either is unknown)."""
        if self.spent is None or not self.planned:
            return None
        return self.spent / self.planned


def budget_summary(project: Project, as_of: date) -> BudgetSummary | None:
    """The project's money as of ``as_of``, or ``None`` for a project with no budget total
    and no budget lines (a report then has no budget section)."""
    budget = project.budget
    if budget.total is None and not budget.lines:
        return None
    planned = planned_total(budget)
    elapsed = elapsed_share(project.period, as_of)
    spent, through = spent_to(budget, as_of)
    return BudgetSummary(
        currency=budget.currency, period=project.period, as_of=as_of, planned=planned,
        planned_to_date=None if planned is None else planned * elapsed,
        spent=spent, spent_through=through, elapsed=elapsed,
    )
