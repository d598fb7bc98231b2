"""What to compute: one job per person-level indicator, and the breakdown columns.

The plan is the only thing the two executors share besides the indicators themselves;
what they return (:class:`JobOutput`) is turned into results by ``_assemble``.
"""

from __future__ import annotations

import bisect
import itertools
from typing import TYPE_CHECKING, Any

from attrs import define, field, frozen

from goalkit.model._indicator import (
    CompositeIndicator,
    GoalContext,
    Indicator,
    PersonIndicator,
    State,
    Tally,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from datetime import date

    from goalkit.model._goal import Goal
    from goalkit.model._project import Project

__all__ = [
    "BASE_DIMENSIONS",
    "COHORT_REASONS",
    "Acc",
    "Job",
    "JobOutput",
    "age_at",
    "age_band",
    "banding",
    "context_for",
    "label",
    "plan_jobs",
]

BASE_DIMENSIONS = ("sex", "age_band")
"""Every result is broken down by these, besides the project's and goal's own columns."""

COHORT_REASONS = ("enrolled_after_cohort_close", "outside_filter")
"""Reasons the engine itself excludes a person before the indicator sees them."""

UNKNOWN = "unknown"


def label(value: Any) -> str:
    """A breakdown category: the value as text, ``unknown`` for a missing one."""
    return UNKNOWN if value is None else str(value)


def age_at(enrolled: date, birth_date: date | None, birth_year: int | None) -> int | None:
    """Age in whole years at enrolment; from the birth year alone, the year difference."""
    if birth_date is not None:
        before_birthday = (enrolled.month, enrolled.day) < (birth_date.month, birth_date.day)
        return enrolled.year - birth_date.year - int(before_birthday)
    if birth_year is not None:
        return enrolled.year - birth_year
    return None


def band_labels(edges: Sequence[int]) -> list[str]:
    """Labels of the bands the lower ``edges`` make: ``-15``, ``16-19``, …, ``65-``."""
    labels = [f"-{edges[0] - 1}"]
    labels += [f"{lo}-{hi - 1}" for lo, hi in itertools.pairwise(edges)]
    labels.append(f"{edges[-1]}-")
    return labels


def age_band(age: int | None, edges: Sequence[int]) -> str | None:
    """The age band an age falls in (``None`` for an unknown age)."""
    if age is None:
        return None
    labels = band_labels(edges)
    for i, edge in enumerate(edges):
        if age < edge:
            return labels[i]
    return labels[-1]


def banding(edges: Sequence[int]) -> Callable[[int | None], str | None]:
    """:func:`age_band` for many ages: the labels are made once."""
    labels = band_labels(edges)
    cut = list(edges)

    def band(age: int | None) -> str | None:
        return None if age is None else labels[bisect.bisect_right(cut, age)]

    return band


def context_for(project: Project, goal: Goal, as_of: date) -> GoalContext:
    """The dates one goal is judged against."""
    close = project.period.end if goal.due is None else min(goal.due, project.period.end)
    return GoalContext(as_of=as_of, due=goal.due, cohort_close=close)


@frozen(eq=False)
class Job:
    """One person-level indicator to run, with its goal's dates."""

    indicator: PersonIndicator
    ctx: GoalContext


def _person_indicators(ind: Indicator) -> Iterator[PersonIndicator]:
    if isinstance(ind, PersonIndicator):
        yield ind
    elif isinstance(ind, CompositeIndicator):
        for child in ind.children():
            yield from _person_indicators(child)


def plan_jobs(project: Project, goals: Sequence[Goal], as_of: date) -> list[Job]:
    """One job per person-level indicator in the goals (composites contribute their parts),
    in goal order."""
    return [
        Job(ind, context_for(project, g, as_of))
        for g in goals
        for ind in _person_indicators(g.indicator)
    ]


@define
class Acc:
    """A mutable tally for one breakdown cell, local to one evaluation."""

    success: int = 0
    failure: int = 0
    pending: int = 0
    excluded: dict[str, int] = field(factory=dict)
    waiting: dict[str, int] = field(factory=dict)
    value_sum: float = 0.0
    value_count: int = 0
    distribution: dict[tuple[float, int], int] = field(factory=dict)

    def add(
        self,
        state: int,
        reason: str | None,
        n: int,
        value_sum: float,
        value_count: int,
        dist_value: float | None,
    ) -> None:
        """Add ``n`` people of one state and reason (and their values)."""
        if state == State.SUCCESS:
            self.success += n
        elif state == State.FAILURE:
            self.failure += n
        elif state == State.PENDING:
            self.pending += n
            key = reason or "pending"
            self.waiting[key] = self.waiting.get(key, 0) + n
        else:
            key = reason or "excluded"
            self.excluded[key] = self.excluded.get(key, 0) + n
        if value_count and state in (State.SUCCESS, State.FAILURE):
            # values count for the decided only, whatever an executor carried along
            self.value_sum += value_sum
            self.value_count += value_count
        if dist_value is not None and state != State.EXCLUDED:
            k = (dist_value, int(state))
            self.distribution[k] = self.distribution.get(k, 0) + n

    def merge(self, other: Acc) -> None:
        """Add another cell's counts into this one."""
        self.success += other.success
        self.failure += other.failure
        self.pending += other.pending
        for mine, theirs in ((self.excluded, other.excluded), (self.waiting, other.waiting)):
            for k, v in theirs.items():
                mine[k] = mine.get(k, 0) + v
        self.value_sum += other.value_sum
        self.value_count += other.value_count
        for point, n in other.distribution.items():
            self.distribution[point] = self.distribution.get(point, 0) + n

    def freeze(self) -> Tally:
        """The immutable tally, keys sorted so that results are deterministic."""
        return Tally(
            success=self.success,
            failure=self.failure,
            pending=self.pending,
            excluded=dict(sorted(self.excluded.items())),
            waiting=dict(sorted(self.waiting.items())),
            value_sum=self.value_sum,
            value_count=self.value_count,
            distribution=tuple(
                (v, s, n) for (v, s), n in sorted(self.distribution.items()) if n
            ),
        )


@frozen(eq=False)
class JobOutput:
    """What an executor returns for one job: counts per breakdown cell (a tuple of the
    categories, one per breakdown column, in order), and the ids per group when audited.

    An executor may instead give the counts already rolled up (``margins``: the total under
    the key ``()``, and per breakdown column its categories), which is what the columnar
    executor does so that millions of people never become millions of cells.
    """

    cells: dict[tuple[str, ...], Acc]
    members: dict[tuple[int, str | None], set[str]] | None = None
    margins: dict[str, dict[str, Acc]] | None = None
    total: Acc | None = None

    def rollup(
        self, dims: Sequence[str], wanted: Sequence[str]
    ) -> tuple[Tally, dict[str, dict[str, Tally]]]:
        """The total tally, and per wanted breakdown column its categories' tallies
        (categories sorted)."""
        if self.margins is not None and self.total is not None:
            total = self.total
            per = {d: self.margins.get(d, {}) for d in wanted}
        else:
            total = Acc()
            per = {d: {} for d in wanted}
            index = {d: dims.index(d) for d in wanted}
            for key, acc in self.cells.items():
                total.merge(acc)
                for d, i in index.items():
                    slot = per[d].get(key[i])
                    if slot is None:
                        slot = per[d][key[i]] = Acc()
                    slot.merge(acc)
        return total.freeze(), {
            d: {cat: acc.freeze() for cat, acc in sorted(cats.items())} for d, cats in per.items()
        }
