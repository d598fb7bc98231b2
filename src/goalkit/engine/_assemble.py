"""From counts to results: summaries, breakdowns, and the status decision."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from goalkit.engine._define import definition
from goalkit.indicators._reasons import EXCLUDED as EXCLUDED_REASON
from goalkit.model._indicator import (
    AggregateIndicator,
    CompositeIndicator,
    GoalContext,
    Indicator,
    PersonIndicator,
    State,
    Summary,
)
from goalkit.model._result import Cell, GoalResult, Members, ResponseRate, Status

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from goalkit.engine._plan import JobOutput
    from goalkit.model._goal import Goal, Target
    from goalkit.model._records import Assessment, Measurement

__all__ = ["assemble", "decide", "response_gate", "response_rate"]

T = TypeVar("T")


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
                  ctx: GoalContext) -> Status:
    """The status once the minimum response rate is applied.

    A met or not-met goal stays so only if its response rate can no longer fall below the
    minimum, whatever the pending people do and whoever may still enrol: the rate if every
    pending person ends up not answering (and none may still enrol) is at least the
    minimum. When even every pending person answering leaves the rate below the minimum
    (and nobody may still enrol), no data can decide the goal: ``needs_assessment``, for
    good. Otherwise the goal waits: ``pending``.
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
            return Status.NEEDS_ASSESSMENT
    return Status.PENDING


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


def _walk(
    ind: Indicator,
    goal: Goal,
    ctx: GoalContext,
    outputs: Iterator[JobOutput],
    wanted: Sequence[str],
    records: tuple[Sequence[Measurement], Sequence[Assessment]],
    finish: Callable[[Summary], T],
) -> tuple[Summary, dict[str, dict[str, T]], Members | None]:
    """The summary of an indicator, its breakdown cells (each summary passed through
    ``finish`` as soon as it is made: a goal's cells are turned into :class:`Cell` one by
    one), and its members."""
    if isinstance(ind, PersonIndicator):
        out = next(outputs)  # the executors' outputs come in job order
        summarize = ind.summarize
        breakdown = {
            d: {cat: finish(summarize(t, ctx)) for cat, t in out.breakdown(d)} for d in wanted
        }
        return summarize(out.total, ctx), breakdown, _members(out)
    if isinstance(ind, CompositeIndicator):
        walked = [_walk(c, goal, ctx, outputs, wanted, records, _same)
                  for c in ind.children()]
        summary = ind.combine([w[0] for w in walked], ctx)
        combined: dict[str, dict[str, T]] = {}
        for d in wanted:
            cats = sorted(set().union(*(w[1].get(d, {}) for w in walked)))
            empty = Summary(value=None)
            combined[d] = {
                cat: finish(ind.combine([w[1].get(d, {}).get(cat, empty) for w in walked], ctx))
                for cat in cats
            }
        members = next((w[2] for w in walked if w[2] is not None), None)
        return summary, combined, members
    if isinstance(ind, AggregateIndicator):
        return ind.evaluate(goal.id, records[0], records[1], ctx), {}, None
    msg = f"indicator {type(ind).__name__} is none of person, composite or aggregate"
    raise TypeError(msg)


def _same(summary: Summary) -> Summary:
    return summary


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
) -> list[GoalResult]:
    """One result per goal from the executors' outputs (in job order; read one by one, as
    the executor may still be computing the later ones)."""
    stream = iter(outputs)
    results = []
    for goal, ctx, goal_dims in zip(goals, contexts, wanted, strict=True):
        summary, breakdown, members = _walk(
            goal.indicator, goal, ctx, stream, goal_dims, (measurements, assessments), _cell
        )
        response = response_rate(goal.indicator, summary, ctx)
        t = summary.tally
        status = response_gate(decide(goal.target, summary), response, t.pending, ctx)
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
                unit=goal.indicator.unit,
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
                cohort_open=ctx.cohort_open,
                breakdowns=breakdown,
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
