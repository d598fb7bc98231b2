"""From counts to results: summaries, breakdowns, and the status decision."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from goalkit.engine._coverage import breakdowns_read, left_out_in, needs_participants
from goalkit.engine._define import definition
from goalkit.engine._plan import engine_errors
from goalkit.model._indicator import (
    AggregateIndicator,
    CompositeIndicator,
    GoalContext,
    Indicator,
    PersonIndicator,
    State,
    Summary,
    Tally,
)
from goalkit.model._reasons import EXCLUDED as EXCLUDED_REASON
from goalkit.model._result import Cell, Cells, GoalResult, Members, ResponseRate, Status

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

    from goalkit.engine._plan import CellCounts, JobOutput
    from goalkit.engine._summaries import CellTable
    from goalkit.model._goal import Goal, Target
    from goalkit.model._records import Assessment, Measurement

__all__ = ["assemble", "decide", "response_gate", "response_rate"]

def decide(target: Target | None, summary: Summary) -> Status:
    """The status a summary supports, and no more.

    * an indicator's own verdict (an assessment) is taken as it is;
    * nothing to compute from (no value, nobody pending, no bounds): ``no_data``;
    * no target (a monitored indicator): ``needs_assessment``;
    * no value and nobody decided yet: ``pending`` (everyone pending may still drop out);
    * every value the goal can still take meets the target: ``met``; none does:
      ``not_met``; else ``pending``.
    """
    if summary.verdict is not None:
        return Status(summary.verdict)
    if (
        summary.value is None
        and summary.tally.pending == 0
        and summary.final_lower is None
        and summary.final_upper is None
    ):
        return Status.NO_DATA
    if target is None:
        return Status.NEEDS_ASSESSMENT
    if summary.value is None and summary.tally.decided == 0:
        # Nobody decided yet: the pending may all drop out, leaving nothing to judge.
        return Status.PENDING
    verdict = target.decide(summary.final_lower, summary.final_upper)
    if verdict is None:
        return Status.PENDING
    return Status.MET if verdict else Status.NOT_MET


def response_rate(ind: Indicator, summary: Summary, ctx: GoalContext) -> ResponseRate | None:
    """Who answered a survey-based goal (a person-level kind with non-response reasons):
    the people asked are the decided ones and the non-responders; the bounds count the
    non-responders as answering badly, then well."""
    if not isinstance(ind, PersonIndicator) or not ind.nonresponse:
        return None
    t = summary.tally
    silent = sum(n for reason, n in t.excluded.items() if reason in ind.nonresponse)
    lower, upper = ind.response_bounds(t, silent)
    return ResponseRate(asked=t.decided + silent, answered=t.decided, minimum=ctx.min_response,
                        lower=lower, upper=upper)


def response_gate(status: Status, response: ResponseRate | None, pending: int,
                  ctx: GoalContext, target: Target | None = None) -> Status:
    """The status once the minimum response rate is applied.

    A met or not-met goal stays so only if its response rate can no longer fall below the
    minimum, whatever the pending people do and whoever may still enrol: the rate if every
    pending person ends up not answering (and none may still enrol) is at least the
    minimum. When even every pending person answering leaves the rate below the minimum
    (and nobody may still enrol), the answers cannot decide the goal: it is decided only if
    the bounds over non-response already do (every value between "every non-responder
    answered badly" and "well" meets the target, or none does), else
    ``needs_assessment``, for good. Otherwise the goal waits: ``pending``.
    """
    if response is None or response.minimum is None:
        return status
    if status not in (Status.MET, Status.NOT_MET, Status.PENDING, Status.NO_DATA):
        return status
    asked, answered, m = response.asked + pending, response.answered, response.minimum
    if not asked:
        return status
    if status is Status.NO_DATA:  # nobody decided: for good only if the rate cannot reach m
        if not ctx.cohort_open and (answered + pending) / asked < m:
            return Status.NEEDS_ASSESSMENT
        return status
    if not ctx.cohort_open:
        if answered / asked >= m:
            return status
        if (answered + pending) / asked < m:
            return _decided_whatever_they_answered(status, response, pending, target)
    return Status.PENDING


def _decided_whatever_they_answered(status: Status, response: ResponseRate, pending: int,
                                    target: Target | None) -> Status:
    """A goal whose response rate can never reach its minimum, with nobody pending: met or
    not met when the value is so whatever every non-responder would have answered (both
    bounds over non-response on the same side of the target), else ``needs_assessment``.
    The bounds cover every possible answer, so no later data can undo the verdict."""
    if target is None or pending or status is Status.PENDING:
        return Status.NEEDS_ASSESSMENT
    if response.lower is None or response.upper is None:
        return Status.NEEDS_ASSESSMENT
    verdict = target.decide(response.lower, response.upper)
    if verdict is None:
        return Status.NEEDS_ASSESSMENT
    return Status.MET if verdict else Status.NOT_MET


def _members(output: JobOutput) -> Members | None:
    if output.members is None:
        return None
    groups = output.members
    def ids(state: State) -> frozenset[str]:
        return frozenset().union(*(v for (s, _), v in groups.items() if s == state))
    excluded = {
        (r or EXCLUDED_REASON): frozenset(v) for (s, r), v in groups.items() if s == State.EXCLUDED
    }
    pending = ids(State.PENDING)
    return Members(
        numerator=ids(State.SUCCESS),
        failure=ids(State.FAILURE),
        pending=pending,
        excluded=dict(sorted(excluded.items())),
    )


class _Source:
    """Where an indicator's breakdown cells come from, read one category at a time: a
    person-level indicator's counts (``counts``: dimension to category to the executor's
    record) or the cells the executor worked out as columns (``tables``), or a composite's
    parts (``parts``, combined by ``combine``); an aggregate has
    no cells (neither)."""

    __slots__ = ("_categories", "combine", "counts", "ctx", "parts", "summarize", "tables")

    def __init__(
        self,
        ctx: GoalContext,
        *,
        counts: Mapping[str, Mapping[str, CellCounts]] | None = None,
        summarize: Callable[[Tally, GoalContext], Summary] | None = None,
        parts: Sequence[_Source] = (),
        combine: Callable[[Sequence[Summary], GoalContext], Summary] | None = None,
        tables: Mapping[str, CellTable] | None = None,
    ) -> None:
        self.ctx, self.counts, self.summarize = ctx, counts, summarize
        self.parts, self.combine = parts, combine
        self.tables = tables or {}
        self._categories: dict[str, set[str]] = {}

    def categories(self, dim: str) -> set[str]:
        """The categories of ``dim`` any part has counts for (found once a dimension)."""
        found = self._categories.get(dim)
        if found is None:
            found = self._categories[dim] = (
                set(self.counts.get(dim, ())) if self.counts is not None
                else set().union(*(p.categories(dim) for p in self.parts)))
        return found

    def summary(self, dim: str, category: str) -> Summary:
        """The summary of one category (nothing to compute from, where a part has no counts
        for it, be it a composite: it is not combined from nothing)."""
        if self.counts is not None and self.summarize is not None:
            found = self.counts.get(dim, {}).get(category)
            return _EMPTY if found is None else self.summarize(found.tally(), self.ctx)
        if self.combine is not None and category in self.categories(dim):
            return self.combine([p.summary(dim, category) for p in self.parts], self.ctx)
        return _EMPTY

    def cells(self, dim: str, where: str) -> Cells:
        """The breakdown by ``dim``, its categories sorted, each cell made when read (an
        error then names the goal, ``where``, as one during the evaluation does), from
        the columns the executor worked it out as, where it did."""
        table = self.tables.get(dim)
        if table is not None:
            return table.cells()

        def make(category: str) -> Cell:
            try:
                return _cell(self.summary(dim, category))
            except Exception:  # named only when it happens: a context per cell costs
                with engine_errors(where):
                    raise
        return Cells(sorted(self.categories(dim)), make)


_EMPTY = Summary(value=None)
"""A category a part has no counts for (nor an aggregate: it has no breakdown)."""


def _walk(
    ind: Indicator,
    goal: Goal,
    ctx: GoalContext,
    outputs: Iterator[JobOutput],
    records: tuple[Sequence[Measurement], Sequence[Assessment]],
) -> tuple[Summary, _Source, Members | None]:
    """The summary of an indicator, where its breakdown cells come from, and its members."""
    if isinstance(ind, PersonIndicator):
        out = next(outputs)  # the executors' outputs come in job order
        return (ind.summarize(out.total, ctx),
                _Source(ctx, counts=out.cells, summarize=ind.summarize, tables=out.tables),
                _members(out))
    if isinstance(ind, CompositeIndicator):
        walked = [_walk(c, goal, ctx, outputs, records) for c in ind.children()]
        summary = ind.combine([w[0] for w in walked], ctx)
        members = next((w[2] for w in walked if w[2] is not None), None)
        return summary, _Source(ctx, parts=[w[1] for w in walked], combine=ind.combine), members
    if isinstance(ind, AggregateIndicator):
        return ind.evaluate(goal.id, records[0], records[1], ctx), _Source(ctx), None
    msg = f"indicator {type(ind).__name__} is none of person, composite or aggregate"
    raise TypeError(msg)


def _cell(s: Summary) -> Cell:
    t = s.tally
    return Cell(
        value=s.value,
        success=t.success,
        failure=t.failure,
        pending=t.pending,
        excluded=sum(t.excluded.values()),
        lower=s.lower,
        upper=s.upper,
        numerator=s.numerator,
        denominator=s.denominator,
    )


def assemble(
    goals: Sequence[Goal],
    contexts: Sequence[GoalContext],
    outputs: Iterable[JobOutput],
    wanted: Sequence[Sequence[str]],
    measurements: Sequence[Measurement],
    assessments: Sequence[Assessment],
    age_bands: Sequence[int],
) -> list[GoalResult]:
    """One result per goal from the executors' outputs (in job order; read one by one, as
    the executor may still be computing the later ones); ``age_bands``: the project's
    edges, for where its definitions put the people they leave out."""
    stream = iter(outputs)
    results = []
    for goal, ctx, goal_dims in zip(goals, contexts, wanted, strict=True):
        summary, source, members = _walk(
            goal.indicator, goal, ctx, stream, (measurements, assessments)
        )
        where = f"goal {goal.id!r} ({goal.indicator.kind})"
        breakdown = {d: source.cells(d, where) for d in goal_dims}
        response = response_rate(goal.indicator, summary, ctx)
        t = summary.tally
        status = response_gate(decide(goal.target, summary), response, t.pending, ctx,
                               goal.target)
        extra: dict[str, Any] = {}
        if goal.target is not None and summary.value is not None:
            extra["gap"] = goal.target.gap(summary.value)
        results.append(
            GoalResult(
                goal_id=goal.id,
                level=goal.level,
                title=goal.title,
                wording=goal.wording,
                interpretation=goal.interpretation,
                kind=goal.indicator.kind,
                unit=goal.indicator.value_unit(),
                status=status,
                as_of=ctx.as_of,
                due=goal.due,
                target=goal.target,
                value=summary.value,
                lower=summary.lower,
                upper=summary.upper,
                numerator=summary.numerator,
                denominator=summary.denominator,
                interval=summary.interval,
                success=t.success,
                failure=t.failure,
                pending=t.pending,
                excluded=t.excluded,
                waiting=t.waiting,
                # a reported figure or a judgement has no cohort: nobody enrols into it
                cohort_open=ctx.cohort_open and needs_participants(goal.indicator),
                breakdowns=breakdown,
                breakdowns_read=breakdowns_read(goal, goal_dims,
                                                target_group=ctx.target_group is not None),
                left_out_in=left_out_in(goal, breakdown, (r for r, n in t.excluded.items() if n),
                                        target_group=ctx.target_group, age_bands=age_bands),
                evidence=summary.evidence,
                notes=summary.notes,
                members=members,
                response=response,
                not_reached_after=summary.not_reached_after,
                definition=definition(goal, ctx),
                **extra,
            )
        )
    return results
