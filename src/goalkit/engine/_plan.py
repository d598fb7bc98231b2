"""What to compute: one job per person-level indicator, and the breakdown columns.

The plan is the only thing the two executors share besides the indicators themselves;
what they return (:class:`JobOutput`) is turned into results by ``_assemble``.
"""

from __future__ import annotations

import itertools
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from goalkit._exceptions import EvaluationError, GoalkitError
from goalkit.engine._rules import cohort_rules
from goalkit.indicators._vocabulary import Rules
from goalkit.model._indicator import (
    CompositeIndicator,
    GoalContext,
    Indicator,
    PersonIndicator,
    State,
    Tally,
)
from goalkit.model._project import UNKNOWN
from goalkit.model._reasons import EXCLUDED as EXCLUDED_REASON
from goalkit.model._reasons import PENDING as PENDING_REASON

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence
    from datetime import date

    from goalkit.engine._summaries import CellTable  # noqa: TC004  # attrs reads no annotations
    from goalkit.model._goal import Goal
    from goalkit.model._project import Project

__all__ = [
    "BASE_DIMENSIONS",
    "CellCounts",
    "Counts",
    "Job",
    "JobOutput",
    "context_for",
    "engine_errors",
    "label",
    "plan_jobs",
]

BASE_DIMENSIONS = ("sex", "age_band")
"""Every result is broken down by these, besides the project's and goal's own columns."""



def label(value: Any) -> str:
    """A breakdown category: the value as text, ``unknown`` for a missing one."""
    return UNKNOWN if value is None else str(value)


def context_for(project: Project, goal: Goal, as_of: date) -> GoalContext:
    """The dates one goal is judged against."""
    close = project.period.end if goal.due is None else min(goal.due, project.period.end)
    group = project.target_group
    target_group = None
    if goal.target_group_only and (group.min_age is not None or group.max_age is not None):
        target_group = (group.min_age, group.max_age)
    minimum = (project.min_response_rate if goal.min_response_rate is None
               else goal.min_response_rate)
    rule = project.not_exited if goal.not_exited is None else goal.not_exited
    return GoalContext(
        as_of=as_of, due=goal.due, cohort_close=close, budget=project.budget,
        period=project.period,
        exit_at_end=rule == "exits_at_end", target_group=target_group,
        min_response=minimum if minimum > 0 else None,
    )


@frozen(eq=False)
class Job:
    """One person-level indicator to run, with its goal's dates and id.

    :param alone: whether the indicator is its goal's own (else a part of a composite,
        whose cells are combined from its parts' summaries).
    """

    indicator: PersonIndicator
    ctx: GoalContext
    goal_id: str
    alone: bool = True
    _made: dict[str, Rules] = field(factory=dict, init=False, repr=False)
    """The job's rules once built (local to one evaluation, as the job is)."""

    def errors(self) -> AbstractContextManager[None]:
        """Where an error while this job is computed becomes one naming its goal."""
        return engine_errors(f"goal {self.goal_id!r} ({self.indicator.kind})")

    def rules(self) -> Rules:
        """The rules a kind written in the vocabulary declares for this goal's dates
        (:meth:`~goalkit.indicators.Declared.rules`), built once an evaluation: the query
        and the columns it reads are made from the same rules."""
        found = self._made.get("rules")
        if found is None:
            found = self._made["rules"] = self.indicator.rules(self.ctx)  # type: ignore[attr-defined]
        return found

    def cohort_rules(self) -> Rules:
        """Who the goal leaves out before its kind sees them
        (:func:`~goalkit.engine._rules.cohort_rules`), built once an evaluation."""
        found = self._made.get("cohort")
        if found is None:
            found = self._made["cohort"] = cohort_rules(self.indicator, self.ctx)
        return found


@contextmanager
def engine_errors(where: str = "") -> Iterator[None]:
    """An engine error is a bug or bad data: say which (and ``where``, a goal) as an
    :class:`EvaluationError`; goalkit's own errors pass as they are."""
    try:
        yield
    except GoalkitError:
        raise
    except Exception as e:
        at = f"{where}: " if where else ""
        raise EvaluationError(f"evaluation failed: {at}{type(e).__name__}: {e}") from e


def _person_indicators(ind: Indicator) -> Iterator[PersonIndicator]:
    if isinstance(ind, PersonIndicator):
        yield ind
    elif isinstance(ind, CompositeIndicator):
        for child in ind.children():
            yield from _person_indicators(child)


def plan_jobs(project: Project, goals: Sequence[Goal], as_of: date,
              contexts: Sequence[GoalContext] | None = None) -> list[Job]:
    """One job per person-level indicator in the goals (composites contribute their parts),
    in goal order; ``contexts``, the goals' dates when already made (else made here)."""
    if contexts is None:
        contexts = [context_for(project, g, as_of) for g in goals]
    return [
        Job(ind, ctx, g.id, alone=ind is g.indicator)
        for g, ctx in zip(goals, contexts, strict=True)
        for ind in _person_indicators(g.indicator)
    ]


class Counts:
    """One job's people counted per breakdown category, state and reason, folded into the
    job's total and breakdown cells. Local to one evaluation; both executors fill one per
    job, so that the same rules hold for both: values count for the decided only (whatever
    an executor carried along), and the spread of a distribution leaves out the excluded.

    Rows come as columns (lists) so that the fold is one tight loop over them:
    :meth:`add` takes the state, reason, distribution value, number of people, sum and
    count of their values, and one column of categories per breakdown column.
    """

    def __init__(self, dims: Sequence[str]) -> None:
        self._total: dict[Any, CellCounts] = {}
        self._cells: dict[str, dict[Any, CellCounts]] = {d: {} for d in dims}

    def add(self, columns: Sequence[Sequence[Any]], dims: Sequence[str], *, total: bool) -> None:
        """Add counted rows to the cells of ``dims`` (and to the total, if ``total``)."""
        rows = columns[:6]
        targets: list[tuple[dict[Any, CellCounts], Iterable[Any]]] = [
            (self._cells[d], cats) for d, cats in zip(dims, columns[6:], strict=True)
        ]
        if total:
            targets.append((self._total, itertools.repeat(None)))
        for cells, cats in targets:
            _fold(cells, rows, cats)

    def output(self, members: dict[tuple[int, str | None], set[str]] | None = None,
               tables: Mapping[str, CellTable] | None = None) -> JobOutput:
        """The job's total tally and its counts per breakdown category (by label; a
        missing category and one written ``unknown`` are counted together), with the
        ``members`` and the breakdowns already worked out as columns (``tables``)."""
        cells: dict[str, dict[str, CellCounts]] = {}
        for d, found in self._cells.items():
            labelled = cells[d] = {}
            for category, rec in found.items():
                name = label(category)
                if name in labelled:
                    labelled[name].merge(rec)
                else:
                    labelled[name] = rec
        return JobOutput((self._total.get(None) or CellCounts()).tally(), cells, members,
                         dict(tables or {}))


_FAILURE, _SUCCESS, _PENDING = int(State.FAILURE), int(State.SUCCESS), int(State.PENDING)


class CellCounts:
    """The counts of one breakdown cell while they are added up (a mutable record, made
    into a :class:`Tally` once counted): people per state, the sum and count of the
    decided people's values, the reasons of the excluded and the waiting, and the spread
    of values, each ``None`` until there are any."""

    __slots__ = ("excluded", "failure", "pending", "spread", "success", "value_count",
                 "value_sum", "waiting")

    def __init__(self) -> None:
        self.failure = self.success = self.pending = self.value_count = 0
        self.value_sum = 0.0
        self.excluded: dict[str, int] | None = None
        self.waiting: dict[str, int] | None = None
        self.spread: dict[tuple[float, int], int] | None = None

    def merge(self, other: CellCounts) -> None:
        """Add the counts of ``other``."""
        self.failure += other.failure
        self.success += other.success
        self.pending += other.pending
        self.value_sum += other.value_sum
        self.value_count += other.value_count
        self.excluded = _added(self.excluded, other.excluded)
        self.waiting = _added(self.waiting, other.waiting)
        self.spread = _added(self.spread, other.spread)

    def tally(self) -> Tally:
        """The immutable tally; keys sorted so that results are deterministic."""
        spread = self.spread
        return Tally(
            success=self.success,
            failure=self.failure,
            pending=self.pending,
            excluded=_sorted(self.excluded),
            waiting=_sorted(self.waiting),
            value_sum=self.value_sum,
            value_count=self.value_count,
            distribution=(
                tuple((v, s, n) for (v, s), n in sorted(spread.items()) if n) if spread else ()
            ),
        )


def _added(into: dict[Any, int] | None, more: dict[Any, int] | None) -> dict[Any, int] | None:
    if not more:
        return into
    found = into if into is not None else {}
    for key, n in more.items():
        found[key] = found.get(key, 0) + n
    return found


def _fold(cells: dict[Any, CellCounts], rows: Sequence[Sequence[Any]], cats: Iterable[Any]) -> None:
    """Add every row to the cell of its category (one tight loop: this is where a country's
    worth of breakdown cells is counted)."""
    states, reasons, dist_values, ns, sums, counts = rows
    for cat, state, reason, n, value_sum, count, v in zip(
        cats, states, reasons, ns, sums, counts, dist_values, strict=False
    ):  # not strict: ``cats`` repeats one category for the total
        rec = cells.get(cat)
        if rec is None:
            rec = cells[cat] = CellCounts()
        if state in (_SUCCESS, _FAILURE):
            if state == _SUCCESS:
                rec.success += n
            else:
                rec.failure += n
            if count:
                rec.value_sum += value_sum
                rec.value_count += count
        elif state == _PENDING:  # the reasons of the waiting, each made when first seen
            rec.pending += n
            why = reason or PENDING_REASON
            waiting = rec.waiting
            if waiting is None:
                rec.waiting = {why: n}
            else:
                waiting[why] = waiting.get(why, 0) + n
        else:
            why = reason or EXCLUDED_REASON
            excluded = rec.excluded
            if excluded is None:
                rec.excluded = {why: n}
            else:
                excluded[why] = excluded.get(why, 0) + n
            continue  # the spread of a distribution leaves out the excluded
        if v is not None:
            spread = rec.spread
            if spread is None:
                spread = rec.spread = {}
            point = (v, int(state))
            spread[point] = spread.get(point, 0) + n


def _sorted(counts: dict[Any, int] | None) -> dict[Any, int]:
    if counts is None:
        return {}
    return dict(sorted(counts.items())) if len(counts) > 1 else counts


@frozen(eq=False)
class JobOutput:
    """What an executor returns for one job: the total tally, the counts of the categories
    of every breakdown column (``cells``) or, for a kind whose cells the engine works out
    as columns, the breakdown column's cells (``tables``), and the ids per group when
    audited. A category's tally is made when it is read (:meth:`breakdown`), so that it
    lives only as long as its use."""

    total: Tally
    cells: dict[str, dict[str, CellCounts]]
    members: dict[tuple[int, str | None], set[str]] | None = None
    tables: dict[str, CellTable] = field(factory=dict)

    def breakdown(self, column: str) -> Iterator[tuple[str, Tally]]:
        """The categories of a breakdown column, sorted, each with its tally."""
        cells = self.cells.get(column, {})
        for category in sorted(cells):
            yield category, cells[category].tally()
