"""Participant data built to give a goal a chosen status, by construction.

Nothing here draws random data and throws away what does not fit (that is slow and
flaky). Instead:

1. the numbers of people in each state (success, failure, pending) are chosen among the
   combinations whose summary gives the wanted status, computed with the goal's own
   indicator (:meth:`~goalkit.PersonIndicator.summarize`) and the engine's status rule;
2. each person is then built to be in their state: enrolment, exit, events and answers
   dated (at random) inside the ranges the indicator's definition allows for that state,
   with filter columns chosen among values that pass (or fail) the filter.

Supported kinds: ``count``, ``share``, ``balance``, ``survey_share``, ``paired_change``,
``event_within`` and ``status_at``; others raise :class:`NotImplementedError`.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from goalkit.model._indicator import GoalContext, PersonIndicator, State, Tally
from goalkit.model._result import Status

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from goalkit.data._dataset import Dataset
    from goalkit.model._filter import Condition, Filter
    from goalkit.model._goal import Goal
    from goalkit.model._project import Project

__all__ = ["ImpossibleStatusError", "datasets", "people_counts"]

Rows = tuple[dict[str, Any], list[tuple[date, str]], list[tuple[date, str, str, float]]]
"""One person: participant fields (no id), events ``(date, kind)``, answers
``(date, phase, question, score)``."""

PersonStrategy = st.SearchStrategy[Rows]

_FAR = 400
"""How far (days) before a window dates with no other bound are drawn from."""

_DERIVED = frozenset({"participant_id", "enrolled", "exited", "birth_date", "birth_year",
                      "age_band"})


class ImpossibleStatusError(ValueError):
    """The wanted status cannot happen for this goal as of this date (a share cannot be
    decided while people may still enrol, for example)."""


# -- dates -------------------------------------------------------------------------------


def _span(lo: date, hi: date) -> st.SearchStrategy[date] | None:
    return None if lo > hi else st.dates(lo, hi)


def _plus(d: date, days: int) -> date:
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


class _Dates:
    """The dates one goal is judged against, and the enrolment range."""

    def __init__(self, project: Project, ctx: GoalContext) -> None:
        from goalkit.engine._rules import exit_at_end  # noqa: PLC0415

        self.ctx = ctx
        self.h = ctx.horizon
        self.e_lo = project.period.start
        self.e_hi = ctx.enrolment_horizon
        self.passed = ctx.deadline_passed
        self.end = exit_at_end(ctx)
        """The end-of-project rule's exit day, once it applies: nobody is still in the
        project after it, and an exit after it does not count."""

    def people(
        self, anchors: Mapping[str, tuple[date, date]]
    ) -> st.SearchStrategy[tuple[date, dict[str, date]]] | None:
        """``(enrolled, {anchor: date})`` with each anchor's date in its range and on or
        after enrolment (``enrolled`` constrains the enrolment itself). ``None`` when no
        such person exists."""
        lo, hi = self.e_lo, self.e_hi
        others = {}
        for name, (a_lo, a_hi) in anchors.items():
            if name == "enrolled":
                lo, hi = max(lo, a_lo), min(hi, a_hi)
            else:
                last = min(a_hi, self.h)
                if name == "exited" and self.end is not None:
                    last = min(last, self.end)
                others[name] = (a_lo, last)
                hi = min(hi, last)
        if lo > hi or any(a_lo > a_hi for a_lo, a_hi in others.values()):
            return None

        @st.composite
        def draw(d: st.DrawFn) -> tuple[date, dict[str, date]]:
            e = d(st.dates(lo, hi))
            out = {"enrolled": e} if "enrolled" in anchors else {}
            for name, (a_lo, a_hi) in others.items():
                out[name] = d(st.dates(max(e, a_lo), a_hi))
            return e, out

        return draw()


def _anchor_rows(e: date, dates: Mapping[str, date]) -> Rows:
    part: dict[str, Any] = {"enrolled": e, "exited": None, "exit_reason": None}
    events = []
    for name, when in dates.items():
        if name == "exited":
            part["exited"] = when
            part["exit_reason"] = "other"
        elif name != "enrolled":
            events.append((when, name))
    return part, events, []


def _unanchored(dts: _Dates, anchor: str) -> PersonStrategy | None:
    """A person whose anchor has not come by the horizon (never an exit, once the
    end-of-project rule has given everyone one)."""
    if anchor == "enrolled" or (anchor == "exited" and dts.end is not None):
        return None
    people = dts.people({})
    if people is None:
        return None
    return people.map(lambda ea: _anchor_rows(ea[0], {}))


def _one_of(options: Iterable[PersonStrategy | None]) -> PersonStrategy | None:
    found = [o for o in options if o is not None]
    return st.one_of(found) if found else None


def _lacking(dts: _Dates, anchor: str, state: State) -> PersonStrategy | None:
    """A person without their anchor, who is pending before the deadline and excluded
    after it."""
    pending = not dts.passed
    if (state is State.PENDING) != pending or state not in (State.PENDING, State.EXCLUDED):
        return None
    return _unanchored(dts, anchor)


def _anchored(
    dts: _Dates, anchor: str, lo: date, hi: date,
    then: Callable[[st.DrawFn, date, Rows], Rows] | None = None,
) -> PersonStrategy | None:
    people = dts.people({anchor: (lo, hi)})
    if people is None:
        return None

    @st.composite
    def draw(d: st.DrawFn) -> Rows:
        e, dates = d(people)
        rows = _anchor_rows(e, dates)
        return then(d, dates[anchor], rows) if then is not None else rows

    return draw()


# -- filter columns ----------------------------------------------------------------------


def _candidates(conditions: Iterable[Condition]) -> list[Any]:
    values: list[Any] = [None, "F", "M", "other", 30]
    for c in conditions:
        raw = c.value if isinstance(c.value, tuple) else (c.value,)
        for v in raw:
            if isinstance(v, bool):
                continue
            values.append(v)
            if isinstance(v, str):
                values.append(f"{v}-other")
            elif isinstance(v, int | float):
                values.extend([v - 1, v + 1, math.floor(v), math.ceil(v)])
        if c.op == "between" and all(isinstance(v, int | float) for v in raw):
            low, high = math.ceil(raw[0]), math.floor(raw[1])
            values.extend(range(low, min(high, low + 60) + 1))
    seen: set[tuple[str, Any]] = set()
    out: list[Any] = []
    for v in values:
        key = (type(v).__name__, v)
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


def _column_values(
    conditions: list[Condition], want: bool, column: str
) -> list[Any]:
    pool = _candidates(conditions)
    if column == "age":
        pool = [v for v in pool if v is None or (isinstance(v, int) and 0 <= v <= 100)]
    if column in ("sex", "exit_reason"):
        pool = [v for v in pool if v is None or isinstance(v, str)]
    ok = [v for v in pool if all(c.matches(v) for c in conditions) is want]
    if want and len(ok) > 1 and None in ok:
        ok.remove(None)
    return ok


def _columns(
    filters: Iterable[tuple[Filter, bool]],
) -> st.SearchStrategy[dict[str, Any]] | None:
    """Values for the filter columns such that each filter passes (``True``) or fails;
    ``None`` when the filters contradict each other (nobody can be like that)."""
    fixed: dict[str, list[Any]] = {}
    failing: list[dict[str, list[Any]]] = []
    by_filter = []
    for flt, want in filters:
        cols: dict[str, list[Condition]] = {}
        for c in flt.conditions:
            if c.column in _DERIVED:
                msg = (f"data for a filter on {c.column!r} is not built yet; filter on sex, "
                       "age, exit_reason or an extra column")
                raise NotImplementedError(msg)
            cols.setdefault(c.column, []).append(c)
        by_filter.append((cols, want))
    for cols, want in by_filter:
        if want:
            for column, conds in cols.items():
                allowed = _column_values(conds, want=True, column=column)
                prev = fixed.get(column)
                fixed[column] = allowed if prev is None else [v for v in prev if v in allowed]
    for cols, want in by_filter:
        if not want:
            options = {}
            for column, conds in cols.items():
                bad = _column_values(conds, want=False, column=column)
                if column in fixed:
                    bad = [v for v in bad if v in fixed[column]]
                if bad:
                    options[column] = bad
            if not options:
                return None
            failing.append(options)
    if any(not values for values in fixed.values()):
        return None

    @st.composite
    def draw(d: st.DrawFn) -> dict[str, Any]:
        out = {column: d(st.sampled_from(values)) for column, values in fixed.items()}
        for options in failing:
            column = d(st.sampled_from(sorted(options)))
            out[column] = d(st.sampled_from(options[column]))
        return out

    return draw()


def _apply_columns(
    rows: Rows, columns: Mapping[str, Any], age: int, *, exits: bool = True
) -> Rows:
    """The person with these column values. A value for ``exit_reason`` is only known once
    the person has exited: someone who has not is given an exit on their enrolment day
    (``exits``), or keeps no exit and no reason (a person who must stay unexited to be
    pending or without their anchor)."""
    part, events, answers = rows
    part = dict(part)
    for column, value in columns.items():
        if column == "age":
            age = value
        elif column == "exit_reason":
            if part["exited"] is None and exits:
                part["exited"] = part["enrolled"]
            part["exit_reason"] = value if part["exited"] is not None else None
        else:
            part[column] = value
    part["birth_year"] = None if age is None else part["enrolled"].year - age
    return part, events, answers


# -- the kinds ---------------------------------------------------------------------------

StateBuilders = dict[State, PersonStrategy]


def _anchored_condition(ind: Any, dts: _Dates) -> StateBuilders:
    anchor = ind.anchor
    out: StateBuilders = {}
    lo, hi = date.min, date.max
    found: dict[State, PersonStrategy | None] = {}
    anchored = _anchored(dts, anchor, lo, hi)
    if anchored is not None:
        found[State.SUCCESS] = _with_columns(
            anchored, [(ind.where, True), (ind.condition, True)]
        )
        if ind.condition:
            found[State.FAILURE] = _with_columns(
                anchored, [(ind.where, True), (ind.condition, False)]
            )
    for state in (State.PENDING, State.EXCLUDED):
        lacking = _lacking(dts, anchor, state)
        if lacking is not None:
            found[state] = _with_columns(lacking, [(ind.where, True)], exits=False)
    out.update((s, p) for s, p in found.items() if p is not None)
    return out


def _with_columns(
    people: PersonStrategy, filters: list[tuple[Filter, bool]], *, exits: bool = True
) -> PersonStrategy | None:
    cols = _columns(filters)
    if cols is None:
        return None

    @st.composite
    def draw(d: st.DrawFn) -> Rows:
        rows = d(people)
        rows = (dict(rows[0], sex=d(st.sampled_from(["F", "M"]))), rows[1], rows[2])
        return _apply_columns(rows, d(cols), d(st.integers(18, 64)), exits=exits)

    return draw()


def _where(ind: Any, people: Mapping[State, PersonStrategy | None]) -> StateBuilders:
    """Each state's people, inside the goal's cohort filter."""
    out: StateBuilders = {}
    for state, found in people.items():
        decided = state in (State.SUCCESS, State.FAILURE)  # the undecided keep their exit
        built = (None if found is None
                 else _with_columns(found, [(ind.where, True)], exits=decided))
        if built is not None:
            out[state] = built
    return out


def _balance(ind: Any, dts: _Dates) -> StateBuilders:
    column = ind.column
    if column in _DERIVED or column in ("age", "exit_reason"):
        msg = f"data for a balance over {column!r} is not built yet"
        raise NotImplementedError(msg)
    people = dts.people({})
    if people is None:
        return {}
    base = people.map(lambda ea: _anchor_rows(ea[0], {}))
    others = [v for v in ("F", "M", "X", "other") if v not in ind.categories]
    values = {
        State.SUCCESS: list(ind.categories),
        State.FAILURE: others,
        State.EXCLUDED: [None],
    }
    out: StateBuilders = {}
    for state, pool in values.items():
        col = _columns([(ind.where, True)])
        if col is None:
            continue

        @st.composite
        def draw(d: st.DrawFn, pool: list[Any] = pool, col: Any = col) -> Rows:
            part, events, answers = _apply_columns(d(base), d(col), d(st.integers(18, 64)))
            part = dict(part)
            part.setdefault("sex", d(st.sampled_from(["F", "M"])))
            part[column] = d(st.sampled_from(pool))
            return part, events, answers

        out[state] = draw()
    return out


def _score(
    good: Callable[[float], bool], want: bool, around: Iterable[float | None]
) -> list[float]:
    pool = sorted({float(v + k) for v in around if v is not None for k in range(-3, 4)})
    return [s for s in pool if good(s) is want]


def _survey_share(ind: Any, dts: _Dates) -> StateBuilders:
    anchor, (lo, hi) = ind.resolved_anchor, ind.days
    h = dts.h
    out: StateBuilders = {}
    for state, want in ((State.SUCCESS, True), (State.FAILURE, False)):
        scores = _score(ind.good, want, (ind.at_least, ind.at_most))

        def answer(d: st.DrawFn, a: date, rows: Rows, scores: list[float] = scores) -> Rows:
            when = d(st.dates(_plus(a, lo), min(_plus(a, hi), h)))
            rows[2].append((when, ind.phase, ind.question, d(st.sampled_from(scores))))
            return rows

        if scores:
            built = _anchored(dts, anchor, date.min, _plus(h, -max(lo, 0)), answer)
            if built is not None:
                out[state] = built
    open_ = None if dts.passed else _anchored(dts, anchor, _plus(h, -hi + 1), h)
    closed = _anchored(dts, anchor, date.min, h if dts.passed else _plus(h, -hi))
    pending = _one_of([_lacking(dts, anchor, State.PENDING), open_])
    excluded = _one_of([_lacking(dts, anchor, State.EXCLUDED), closed])
    for state, built in ((State.PENDING, pending), (State.EXCLUDED, excluded)):
        if built is not None:
            out[state] = built
    return _where(ind, out)


def _paired_change(ind: Any, dts: _Dates) -> StateBuilders:
    if ind.before == ind.after:
        msg = "data for a paired change within one phase is not built yet"
        raise NotImplementedError(msg)
    b_anchor, a_anchor = ind.anchors
    (blo, bhi), (alo, ahi) = ind.before_days, ind.after_days
    h, passed = dts.h, dts.passed
    q = ind.question

    def people(ranges: dict[str, tuple[date, date]], then: Callable[..., Rows]) -> (
        PersonStrategy | None
    ):
        merged: dict[str, tuple[date, date]] = {}
        for name, (lo, hi) in ranges.items():
            old = merged.get(name, (date.min, date.max))
            merged[name] = (max(old[0], lo), min(old[1], hi))
        found = dts.people(merged)
        if found is None or any(lo > hi for lo, hi in merged.values()):
            return None

        @st.composite
        def draw(d: st.DrawFn) -> Rows:
            e, dates = d(found)
            return then(d, e, dates)

        return draw()

    def answer(
        d: st.DrawFn, rows: Rows, phase: str, at: date, days: tuple[int, int], score: float
    ) -> None:
        when = d(st.dates(_plus(at, days[0]), min(_plus(at, days[1]), h)))
        rows[2].append((when, phase, q, score))

    b_ok = (date.min, _plus(h, -max(blo, 0)))
    a_ok = (date.min, _plus(h, -max(alo, 0)))

    def decided(k_lo: int, k_hi: int) -> PersonStrategy | None:
        def then(d: st.DrawFn, e: date, dates: dict[str, date]) -> Rows:
            rows = _anchor_rows(e, dates)
            before = float(d(st.integers(1, 5)))
            answer(d, rows, ind.before, dates[b_anchor], ind.before_days, before)
            after = before + ind.threshold + d(st.integers(k_lo, k_hi))
            answer(d, rows, ind.after, dates[a_anchor], ind.after_days, after)
            return rows
        if b_anchor == a_anchor:
            rng = (b_ok[0], min(b_ok[1], a_ok[1]))
            return people({b_anchor: rng}, then)
        return people({b_anchor: b_ok, a_anchor: a_ok}, then)

    def baseline_only(after_range: tuple[date, date] | None) -> PersonStrategy | None:
        def then(d: st.DrawFn, e: date, dates: dict[str, date]) -> Rows:
            rows = _anchor_rows(e, dates)
            answer(d, rows, ind.before, dates[b_anchor], ind.before_days, 3.0)
            return rows
        ranges = {b_anchor: b_ok}
        if after_range is not None:
            if b_anchor == a_anchor:
                ranges = {b_anchor: (max(b_ok[0], after_range[0]), min(b_ok[1], after_range[1]))}
            else:
                ranges[a_anchor] = after_range
        elif a_anchor in (b_anchor, "enrolled") or (a_anchor == "exited" and dts.end is not None):
            return None  # the after-anchor has come (the end-of-project rule exits everyone)
        return people(ranges, then)

    def no_baseline(b_range: tuple[date, date]) -> PersonStrategy | None:
        return people({b_anchor: b_range}, lambda d, e, dates: _anchor_rows(e, dates))

    def lacking_before() -> PersonStrategy | None:
        if b_anchor == "enrolled":
            return None
        return _unanchored(dts, b_anchor)

    out: StateBuilders = {}
    for state, built in (
        (State.SUCCESS, decided(1, 3)),
        (State.FAILURE, decided(-3, -1)),
        (State.PENDING, None if passed else _one_of([
            lacking_before(),
            no_baseline((_plus(h, -bhi + 1), h)),
            baseline_only(None),
            baseline_only((_plus(h, -ahi + 1), h)),
        ])),
        (State.EXCLUDED, _one_of([
            lacking_before() if passed else None,
            no_baseline((date.min, h if passed else _plus(h, -bhi))),
            baseline_only(None) if passed else None,
            baseline_only((date.min, h if passed else _plus(h, -ahi))),
        ])),
    ):
        if built is not None:
            out[state] = built
    return _where(ind, out)


def _event_within(ind: Any, dts: _Dates) -> StateBuilders:
    anchor, (lo, hi), h = ind.anchor, ind.days, dts.h
    if anchor in ind.events:
        msg = "data for an event counted within a window anchored on itself is not built yet"
        raise NotImplementedError(msg)
    due = dts.ctx.due
    in_time = date.max if due is None else _plus(due, -hi)

    def event(d: st.DrawFn, a: date, rows: Rows) -> Rows:
        when = d(st.dates(_plus(a, lo), min(_plus(a, hi), h)))
        rows[1].append((when, d(st.sampled_from(ind.events))))
        return rows

    out: dict[State, PersonStrategy | None] = {
        State.SUCCESS: _anchored(dts, anchor, date.min, min(_plus(h, -max(lo, 0)), in_time),
                                 event),
        State.FAILURE: _anchored(dts, anchor, date.min, min(_plus(h, -hi), in_time)),
        State.PENDING: _one_of([
            _lacking(dts, anchor, State.PENDING),
            _anchored(dts, anchor, _plus(h, -hi + 1), min(h, in_time)),
        ]),
        State.EXCLUDED: _one_of([
            _lacking(dts, anchor, State.EXCLUDED),
            None if due is None else _anchored(dts, anchor, _plus(due, -hi + 1), h),
        ]),
    }
    return _where(ind, out)


def _status_at(ind: Any, dts: _Dates) -> StateBuilders:
    anchor, days, h = ind.anchor, ind.days, dts.h
    if anchor in (ind.start, ind.end) or ind.start == ind.end:
        msg = "data for a status whose events are its own anchor is not built yet"
        raise NotImplementedError(msg)
    due = dts.ctx.due

    def status(on: bool) -> Callable[[st.DrawFn, date, Rows], Rows]:
        def then(d: st.DrawFn, a: date, rows: Rows) -> Rows:
            t = _plus(a, days)
            if on:
                rows[1].append((d(st.dates(_plus(t, -_FAR), t)), ind.start))
            elif d(st.booleans()):
                start = d(st.dates(_plus(t, -_FAR), _plus(t, -1)))
                rows[1].append((start, ind.start))
                rows[1].append((d(st.dates(_plus(start, 1), t)), ind.end))
            return rows
        return then

    decided_hi = _plus(h, -days)
    on_state = State.SUCCESS if ind.expect == "on" else State.FAILURE
    off_state = State.FAILURE if ind.expect == "on" else State.SUCCESS
    in_time = date.max if due is None else _plus(due, -days)
    out: dict[State, PersonStrategy | None] = {
        on_state: _anchored(dts, anchor, date.min, decided_hi, status(on=True)),
        off_state: _anchored(dts, anchor, date.min, decided_hi, status(on=False)),
        State.PENDING: _one_of([
            _lacking(dts, anchor, State.PENDING),
            _anchored(dts, anchor, _plus(h, -days + 1), min(h, in_time)),
        ]),
        State.EXCLUDED: _one_of([
            _lacking(dts, anchor, State.EXCLUDED),
            None if due is None else _anchored(dts, anchor, _plus(due, -days + 1), h),
        ]),
    }
    return _where(ind, out)


def _builders() -> dict[type, Callable[[Any, _Dates], StateBuilders]]:
    from goalkit.indicators import (  # noqa: PLC0415
        Balance,
        Count,
        EventWithin,
        PairedChange,
        Share,
        StatusAt,
        SurveyShare,
    )

    return {
        Count: _anchored_condition,
        Share: _anchored_condition,
        Balance: _balance,
        SurveyShare: _survey_share,
        PairedChange: _paired_change,
        EventWithin: _event_within,
        StatusAt: _status_at,
    }


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
    out = []
    for s in range(cap + 1 if State.SUCCESS in allowed else 1):
        for f in range(min(few, cap - s) + 1 if State.FAILURE in allowed else 1):
            for p in range(cap - s - f + 1 if State.PENDING in allowed else 1):
                summary = ind.summarize(Tally(success=s, failure=f, pending=p), ctx)
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
    builder = _builders().get(type(g.indicator))
    if builder is None:
        msg = f"data for the indicator kind {g.indicator.kind!r} is not built yet"
        raise NotImplementedError(msg)
    ctx = context_for(project, g, as_of)
    states = builder(g.indicator, _Dates(project, ctx))
    counts = people_counts(g, status, ctx, possible=states, max_people=max_people)
    if not counts:
        raise ImpossibleStatusError(
            f"goal {g.id!r} cannot be {Status(status).value} as of {as_of.isoformat()} "
            f"(cohort {'open' if ctx.cohort_open else 'closed'}, people can be: "
            f"{', '.join(s.name.lower() for s in states) or 'nobody can enrol'})"
        )
    counts.sort(key=lambda c: (sum(c), c))
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


def _dataset(people: list[Rows], dataset: Any) -> Dataset:
    participants: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    responses: list[dict[str, Any]] = []
    extra_columns = sorted({k for part, _, _ in people for k in part} - {
        "enrolled", "exited", "exit_reason", "sex", "birth_year"})
    for i, (part, evs, answers) in enumerate(people, start=1):
        pid = f"p{i:04d}"
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
