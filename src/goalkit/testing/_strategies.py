"""Participant data built to give a goal a chosen status, by construction.

Nothing here draws random data and throws away what does not fit (that is slow and
flaky). Instead:

1. the numbers of people in each state (success, failure, pending) are chosen among the
   combinations whose summary gives the wanted status, computed with the goal's own
   indicator (:meth:`~goalkit.kinds.PersonIndicator.summarize`) and the engine's status rule;
2. each person is then built to be in their state: enrolment, exit, events and answers
   dated (at random) inside the ranges the indicator's definition allows for that state,
   with filter columns chosen among values that pass (or fail) the filter.

Supported kinds: ``count``, ``share``, ``balance``, ``survey_share``, ``paired_change``,
``mean_change`` (every success changes by the threshold plus 2, every failure by the
threshold minus 2), ``event_within``, ``status_at`` and ``time_to_event`` (every event 30
days after the anchor, everyone still waiting for 120 days; with ``after_exit =
"censored"`` or ``"competing"`` every failure exits without the event 120 days after the
anchor, censored then or never to have it). Participants are of each sex the data accepts
(``F``, ``M``, ``X``).

A kind with no builder here (a plugin's) written in the vocabulary, whose summary reads only
the counts, gets people drawn aimed by its declaration, each put in the state the engine's
own classification gives them (:func:`_declared`). Others raise
:class:`NotImplementedError`: for them, :func:`random_data` draws data aimed at each of their
states, for properties that hold on all data.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from hypothesis import reject
from hypothesis import strategies as st

from goalkit.model._indicator import PersonIndicator, State, Tally
from goalkit.model._result import Status
from goalkit.testing._kind_data import builders, change_values, event_times
from goalkit.testing._people_rows import GoalDates, Rows

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date

    from goalkit.data._dataset import Dataset
    from goalkit.model._goal import Goal
    from goalkit.model._indicator import GoalContext
    from goalkit.model._project import Project

__all__ = ["ImpossibleStatusError", "datasets", "people_counts"]


class ImpossibleStatusError(ValueError):
    """The wanted status cannot happen for this goal as of this date (a share cannot be
    decided while people may still enrol, for example)."""


# -- counts ------------------------------------------------------------------------------


def people_counts(
    goal: Goal, status: Status | str, ctx: GoalContext, *,
    possible: Iterable[State] = (State.SUCCESS, State.FAILURE, State.PENDING),
    max_people: int = 24,
) -> list[tuple[int, int, int]]:
    """Every ``(success, failure, pending)`` with which the goal's own summary gives
    ``status`` (at most ``max_people`` people, more if a count's target needs them).

    :param possible: the states people can be in for this goal and date.
    """
    from goalkit.engine._assemble import decide, response_gate  # noqa: PLC0415
    from goalkit.model._result import ResponseRate  # noqa: PLC0415

    wanted = Status(status)
    ind = goal.indicator
    assert isinstance(ind, PersonIndicator)
    cap = max_people
    few = cap
    if goal.target is not None and ind.unit == "people":
        bounds = [b for b in (goal.target.low, goal.target.high) if b is not None]
        cap = max(cap, math.ceil(max(bounds)) + 4)
        few = 3  # failures do not change a count
    allowed = set(possible)
    values, times = change_values(ind), event_times(ind)

    def sums(s: int, f: int, p: int) -> dict[str, Any]:
        """The values the built people carry: a mean change's sum, a time to event's
        spread."""
        if values is not None:
            return {"value_sum": s * values[0] + f * values[1], "value_count": s + f}
        if times is not None:
            spread = [(times[State.SUCCESS], int(State.SUCCESS), s),
                      (times[State.FAILURE], int(State.FAILURE), f),
                      (times[State.PENDING], int(State.PENDING), p)]
            return {"distribution": tuple(sorted(r for r in spread if r[2]))}
        return {}

    out = []
    for s in range(cap + 1 if State.SUCCESS in allowed else 1):
        for f in range(min(few, cap - s) + 1 if State.FAILURE in allowed else 1):
            for p in range(cap - s - f + 1 if State.PENDING in allowed else 1):
                summary = ind.summarize(
                    Tally(success=s, failure=f, pending=p, **sums(s, f, p)), ctx)
                # everyone decided answered (the people built add no non-responders)
                response = (ResponseRate(asked=s + f, answered=s + f, minimum=ctx.min_response)
                            if ind.nonresponse else None)
                if response_gate(decide(goal.target, summary), response, p, ctx) == wanted:
                    out.append((s, f, p))
    return out


def datasets(
    project: Project,
    goal: str | Goal,
    status: Status | str,
    as_of: date,
    *,
    max_people: int = 24,
    excluded: bool = True,
) -> st.SearchStrategy[Dataset]:
    """Data sets on which ``goal`` of ``project`` has ``status`` as of ``as_of``.

    :param goal: the goal or its id.
    :param status: ``met``, ``not_met``, ``pending`` or ``no_data`` (``needs_assessment``
        for a goal without a target).
    :param max_people: about how many people at most (more if a count needs them).
    :param excluded: also add people the goal leaves out (with a reason), as real data has.
    :raises ImpossibleStatusError: when no data can give that status as of that date.
    :raises NotImplementedError: for kinds (or filters) this does not build data for yet.
    """
    from goalkit.data._dataset import Dataset  # noqa: PLC0415
    from goalkit.engine._plan import context_for  # noqa: PLC0415

    g = project.goal(goal) if isinstance(goal, str) else goal
    builder = builders().get(type(g.indicator))
    if builder is None:
        return _declared(project, g, Status(status), as_of, max_people=max_people,
                         excluded=excluded)
    ctx = context_for(project, g, as_of)
    states = builder(g.indicator, GoalDates(project, ctx))
    counts = _possible_counts(g, Status(status), ctx, list(states), max_people=max_people)
    extra = states.get(State.EXCLUDED) if excluded else None
    if getattr(g.indicator, "nonresponse", None) and ctx.min_response is not None:
        extra = None  # people left out may be non-responders, who lower the response rate

    @st.composite
    def draw(d: st.DrawFn) -> Dataset:
        s, f, p = d(st.sampled_from(counts))
        n_excluded = d(st.integers(0, 3)) if extra is not None else 0
        plan = ([State.SUCCESS] * s + [State.FAILURE] * f + [State.PENDING] * p
                + [State.EXCLUDED] * n_excluded)
        people = [d(states[state]) for state in plan]
        order = d(st.permutations(range(len(people)))) if people else []
        return _dataset([people[i] for i in order], Dataset)

    return draw()


def _possible_counts(goal: Goal, status: Status, ctx: GoalContext, states: list[State], *,
                     max_people: int) -> list[tuple[int, int, int]]:
    """The counts (:func:`people_counts`) with which ``goal`` has ``status`` when people can
    be in ``states`` (named in this order when none can), fewest people first; raises
    :class:`ImpossibleStatusError` when there are none."""
    counts = people_counts(goal, status, ctx, possible=states, max_people=max_people)
    if not counts:
        raise ImpossibleStatusError(
            f"goal {goal.id!r} cannot be {status.value} as of {ctx.as_of.isoformat()} "
            f"(cohort {'open' if ctx.cohort_open else 'closed'}, people can be: "
            f"{', '.join(s.name.lower() for s in states) or 'nobody can enrol'})"
        )
    return sorted(counts, key=lambda c: (sum(c), c))


BATCHES, BATCH = 6, 8
"""For a kind with no builder: people drawn at most (``BATCHES`` of ``BATCH``, each batch
classified in one evaluation) to find someone in each state a data set needs."""


def _declared(
    project: Project, goal: Goal, status: Status, as_of: date, *, max_people: int,
    excluded: bool,
) -> st.SearchStrategy[Dataset]:
    """Data sets on which ``goal`` has ``status``, for a kind written in the vocabulary with
    no builder of its own (a plugin's): people drawn aimed by its declaration
    (:func:`~goalkit.testing._aim.aimed_person`), each put in the state the engine's own
    classification gives them, and as many of each state as the counts need (people alike
    but for their ids). An example in which some state needed is not found is rejected."""
    from goalkit.data._dataset import Dataset  # noqa: PLC0415
    from goalkit.engine import evaluate  # noqa: PLC0415
    from goalkit.engine._plan import context_for  # noqa: PLC0415
    from goalkit.indicators import Declared  # noqa: PLC0415
    from goalkit.testing._aim import aim, aimed_person, outcomes  # noqa: PLC0415

    ind = goal.indicator
    if not isinstance(ind, Declared) or ind.aggregation != "counts":
        msg = (f"data built to a status for the indicator kind {ind.kind!r} is not built yet "
               "(a kind written in the vocabulary whose summary reads only counts is); "
               "random_data draws data aimed at each of its states")
        raise NotImplementedError(msg)
    ctx = context_for(project, goal, as_of)
    states = outcomes(ind, ctx)
    counts = _possible_counts(goal, status, ctx, sorted(states, key=lambda s: s.name),
                              max_people=max_people)
    add_excluded = (excluded and State.EXCLUDED in states
                    and not (ind.nonresponse and ctx.min_response is not None))
    dts = GoalDates(project, ctx)
    batches = st.lists(aimed_person(dts.e_lo, dts.e_hi, aim(ind, project)),
                       min_size=BATCH, max_size=BATCH)

    def classified(batch: list[Rows]) -> list[State | None]:
        """Each person's state as the engine gives it (people are classified one by one, so
        a batch is one evaluation)."""
        report = evaluate(project, _dataset(batch, Dataset), as_of, goals=[goal.id],
                          engine="python", audit=True)
        members = report[goal.id].members
        assert members is not None
        left_out = frozenset().union(*members.excluded.values())
        groups = [(State.SUCCESS, members.numerator), (State.FAILURE, members.failure),
                  (State.PENDING, members.pending), (State.EXCLUDED, left_out)]
        return [next((s for s, ids in groups if _pid(i) in ids), None)
                for i in range(1, len(batch) + 1)]

    @st.composite
    def draw(d: st.DrawFn) -> Dataset:
        s, f, p = d(st.sampled_from(counts))
        n_excluded = d(st.integers(0, 3)) if add_excluded else 0
        plan = ([State.SUCCESS] * s + [State.FAILURE] * f + [State.PENDING] * p
                + [State.EXCLUDED] * n_excluded)
        found: dict[State, list[Rows]] = {}
        for _ in range(BATCHES):
            if set(plan) <= found.keys():
                break
            batch = d(batches)
            for rows, state in zip(batch, classified(batch), strict=True):
                if state is not None:
                    found.setdefault(state, []).append(rows)
        if not set(plan) <= found.keys():
            reject()  # Hypothesis draws another example
        people = [d(st.sampled_from(found[state])) for state in plan]
        order = d(st.permutations(range(len(people)))) if people else []
        return _dataset([people[i] for i in order], Dataset)

    return draw()


def _pid(i: int) -> str:
    """The id of the ``i``-th person of a data set built here (from 1)."""
    return f"p{i:04d}"


def _dataset(people: list[Rows], dataset: Any) -> Dataset:
    participants: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    responses: list[dict[str, Any]] = []
    extra_columns = sorted({k for part, _, _ in people for k in part} - {
        "enrolled", "exited", "exit_reason", "sex", "birth_year"})
    for i, (part, evs, answers) in enumerate(people, start=1):
        pid = _pid(i)
        row = {c: part.get(c) for c in extra_columns}
        row.update(participant_id=pid, enrolled=part["enrolled"], exited=part["exited"],
                   exit_reason=part["exit_reason"] if part["exited"] is not None else None,
                   sex=part.get("sex"), birth_year=part.get("birth_year"))
        participants.append(row)
        events.extend({"participant_id": pid, "date": when, "kind": kind} for when, kind in evs)
        responses.extend(
            {"participant_id": pid, "date": when, "phase": phase, "question": question,
             "score": score}
            for when, phase, question, score in answers
        )
    result: Dataset = dataset.from_records(participants, events, responses,
                                           source="goalkit.testing.strategies")
    return result
