"""For each built-in kind, the people who are a success, a failure, pending or excluded for
a goal, as Hypothesis strategies (the kinds ``datasets`` builds data for)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from goalkit.model._indicator import State
from goalkit.testing._people_rows import (
    DERIVED,
    FAR,
    GoalDates,
    PersonStrategy,
    Rows,
    anchor_rows,
    anchored_in,
    apply_columns,
    filter_columns,
    one_of,
    plus,
    unanchored,
    without_anchor,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from goalkit.model._filter import Filter

__all__ = ["EVENT_TIMES", "MEAN_CHANGES", "SEXES", "StateBuilders", "builders",
           "change_values", "event_times"]

StateBuilders = dict[State, PersonStrategy]

SEXES = ("F", "M", "X")
"""The sexes people are built with: female, male and non-binary (the data accept each)."""


def _anchored_condition(ind: Any, dts: GoalDates) -> StateBuilders:
    anchor = ind.anchor
    out: StateBuilders = {}
    lo, hi = date.min, date.max
    found: dict[State, PersonStrategy | None] = {}
    anchored = anchored_in(dts, anchor, lo, hi)
    if anchored is not None:
        found[State.SUCCESS] = _with_columns(
            anchored, [(ind.where, True), (ind.condition, True)]
        )
        if ind.condition:
            found[State.FAILURE] = _with_columns(
                anchored, [(ind.where, True), (ind.condition, False)]
            )
    for state in (State.PENDING, State.EXCLUDED):
        lacking = without_anchor(dts, anchor, state)
        if lacking is not None:
            found[state] = _with_columns(lacking, [(ind.where, True)], exits=False)
    out.update((s, p) for s, p in found.items() if p is not None)
    return out


def _with_columns(
    people: PersonStrategy, filters: list[tuple[Filter, bool]], *, exits: bool = True
) -> PersonStrategy | None:
    cols = filter_columns(filters)
    if cols is None:
        return None

    @st.composite
    def draw(d: st.DrawFn) -> Rows:
        rows = d(people)
        rows = (dict(rows[0], sex=d(st.sampled_from(SEXES))), rows[1], rows[2])
        return apply_columns(rows, d(cols), d(st.integers(18, 64)), exits=exits)

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


def _balance(ind: Any, dts: GoalDates) -> StateBuilders:
    column = ind.column
    if column in DERIVED or column in ("age", "exit_reason"):
        msg = f"data for a balance over {column!r} is not built yet"
        raise NotImplementedError(msg)
    people = dts.people({})
    if people is None:
        return {}
    base = people.map(lambda ea: anchor_rows(ea[0], {}))
    others = [v for v in ("F", "M", "X", "other") if v not in ind.categories]
    values = {
        State.SUCCESS: list(ind.categories),
        State.FAILURE: others,
        State.EXCLUDED: [None],
    }
    out: StateBuilders = {}
    for state, pool in values.items():
        col = filter_columns([(ind.where, True)])
        if col is None:
            continue

        @st.composite
        def draw(d: st.DrawFn, pool: list[Any] = pool, col: Any = col) -> Rows:
            part, events, answers = apply_columns(d(base), d(col), d(st.integers(18, 64)))
            part = dict(part)
            part.setdefault("sex", d(st.sampled_from(SEXES)))
            part[column] = d(st.sampled_from(pool))
            return part, events, answers

        out[state] = draw()
    return out


def _score(
    good: Callable[[float], bool], want: bool, around: Iterable[float | None]
) -> list[float]:
    pool = sorted({float(v + k) for v in around if v is not None for k in range(-3, 4)})
    return [s for s in pool if good(s) is want]


def _survey_share(ind: Any, dts: GoalDates) -> StateBuilders:
    anchor, (lo, hi) = ind.resolved_anchor, ind.days
    h = dts.h
    out: StateBuilders = {}
    for state, want in ((State.SUCCESS, True), (State.FAILURE, False)):
        scores = _score(ind.good, want, (ind.at_least, ind.at_most))

        def answer(d: st.DrawFn, a: date, rows: Rows, scores: list[float] = scores) -> Rows:
            when = d(st.dates(plus(a, lo), min(plus(a, hi), h)))
            rows[2].append((when, ind.phase, ind.question, d(st.sampled_from(scores))))
            return rows

        if scores:
            built = anchored_in(dts, anchor, date.min, plus(h, -max(lo, 0)), answer)
            if built is not None:
                out[state] = built
    open_ = None if dts.passed else anchored_in(dts, anchor, plus(h, -hi + 1), h)
    closed = anchored_in(dts, anchor, date.min, h if dts.passed else plus(h, -hi))
    pending = one_of([without_anchor(dts, anchor, State.PENDING), open_])
    excluded = one_of([without_anchor(dts, anchor, State.EXCLUDED), closed])
    for state, built in ((State.PENDING, pending), (State.EXCLUDED, excluded)):
        if built is not None:
            out[state] = built
    return _where(ind, out)


MEAN_CHANGES = (2.0, -2.0)
"""The change in score (beyond the threshold) of every success and every failure built
for a mean change: fixed, so that the mean of any counts is known before the people are
built (:func:`change_values`)."""


def change_values(ind: Any) -> tuple[float, float] | None:
    """The value of each success and each failure built for ``ind`` (a mean change), or
    ``None`` for a kind whose summary does not read values."""
    from goalkit.indicators import MeanChange  # noqa: PLC0415

    if not isinstance(ind, MeanChange):
        return None
    return (ind.threshold + MEAN_CHANGES[0], ind.threshold + MEAN_CHANGES[1])


def _mean_change(ind: Any, dts: GoalDates) -> StateBuilders:
    return _paired_change(ind, dts, fixed=True)


def _paired_change(ind: Any, dts: GoalDates, *, fixed: bool = False) -> StateBuilders:
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
        when = d(st.dates(plus(at, days[0]), min(plus(at, days[1]), h)))
        rows[2].append((when, phase, q, score))

    b_ok = (date.min, plus(h, -max(blo, 0)))
    a_ok = (date.min, plus(h, -max(alo, 0)))

    def decided(k_lo: int, k_hi: int) -> PersonStrategy | None:
        def then(d: st.DrawFn, e: date, dates: dict[str, date]) -> Rows:
            rows = anchor_rows(e, dates)
            before = float(d(st.integers(1, 5)))
            answer(d, rows, ind.before, dates[b_anchor], ind.before_days, before)
            step = (MEAN_CHANGES[0] if k_lo > 0 else MEAN_CHANGES[1]) if fixed else d(
                st.integers(k_lo, k_hi))
            after = before + ind.threshold + step
            answer(d, rows, ind.after, dates[a_anchor], ind.after_days, after)
            return rows
        if b_anchor == a_anchor:
            rng = (b_ok[0], min(b_ok[1], a_ok[1]))
            return people({b_anchor: rng}, then)
        return people({b_anchor: b_ok, a_anchor: a_ok}, then)

    def baseline_only(after_range: tuple[date, date] | None) -> PersonStrategy | None:
        def then(d: st.DrawFn, e: date, dates: dict[str, date]) -> Rows:
            rows = anchor_rows(e, dates)
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
        return people({b_anchor: b_range}, lambda d, e, dates: anchor_rows(e, dates))

    def lacking_before() -> PersonStrategy | None:
        if b_anchor == "enrolled":
            return None
        return unanchored(dts, b_anchor)

    out: StateBuilders = {}
    for state, built in (
        (State.SUCCESS, decided(1, 3)),
        (State.FAILURE, decided(-3, -1)),
        (State.PENDING, None if passed else one_of([
            lacking_before(),
            no_baseline((plus(h, -bhi + 1), h)),
            baseline_only(None),
            baseline_only((plus(h, -ahi + 1), h)),
        ])),
        (State.EXCLUDED, one_of([
            lacking_before() if passed else None,
            no_baseline((date.min, h if passed else plus(h, -bhi))),
            baseline_only(None) if passed else None,
            baseline_only((date.min, h if passed else plus(h, -ahi))),
        ])),
    ):
        if built is not None:
            out[state] = built
    return _where(ind, out)


EVENT_TIMES = (30, 120)
"""For a time to event: the days from the anchor to the event of every success, and the
days every waiting person (pending, or a failure once the due date has passed) has waited,
and every failure that exits (``after_exit = "censored"`` or ``"competing"``) waits before
the exit: fixed, so that the median of any counts is known before the people are built."""


def event_times(ind: Any) -> dict[State, float] | None:
    """For a time to event, the time each success, failure and pending person built for it
    counts with (:data:`EVENT_TIMES`; a competing exit is never followed by the event);
    ``None`` for any other kind."""
    from goalkit.indicators import TimeToEvent  # noqa: PLC0415

    if not isinstance(ind, TimeToEvent):
        return None
    hit, waited = (float(t) for t in EVENT_TIMES)
    failed = float("inf") if ind.after_exit == "competing" else waited
    return {State.SUCCESS: hit, State.FAILURE: failed, State.PENDING: waited}


def _time_to_event(ind: Any, dts: GoalDates) -> StateBuilders:
    from goalkit.indicators import reads_exit  # noqa: PLC0415

    anchor, h = ind.anchor, dts.h
    if anchor in ind.events:
        msg = "data for a time to its own anchor event is not built yet"
        raise NotImplementedError(msg)
    leaves = ind.after_exit != "at_risk"
    if leaves and (anchor == "exited" or reads_exit(ind.where.columns)):
        msg = (f"data for a time to event with after_exit = {ind.after_exit!r} anchored on "
               "the exit or filtered on it is not built yet")
        raise NotImplementedError(msg)
    hit, waited = EVENT_TIMES
    # the end-of-project rule exits everyone not yet exited on its day: a person who leaves
    # is followed up to their exit, so their event (and their own exit) must come by then
    last = h if not leaves or dts.end is None else min(h, dts.end)

    def event(d: st.DrawFn, a: date, rows: Rows) -> Rows:
        rows[1].append((plus(a, hit), d(st.sampled_from(ind.events))))
        return rows

    def exits(_: st.DrawFn, a: date, rows: Rows) -> Rows:
        part = dict(rows[0], exited=plus(a, waited), exit_reason="other")
        return part, rows[1], rows[2]

    waiting = anchored_in(dts, anchor, plus(h, -waited), plus(h, -waited))
    if leaves:
        failure = anchored_in(dts, anchor, date.min, plus(last, -waited), exits)
        pending = None if dts.passed or dts.end is not None else waiting
    else:
        failure = waiting if dts.passed else None
        pending = None if dts.passed else waiting
    out: dict[State, PersonStrategy | None] = {
        State.SUCCESS: anchored_in(dts, anchor, date.min, plus(last, -hit), event),
        State.FAILURE: failure,
        State.PENDING: pending,
        State.EXCLUDED: without_anchor(dts, anchor, State.EXCLUDED),
    }
    return _where(ind, out)


def _event_within(ind: Any, dts: GoalDates) -> StateBuilders:
    anchor, (lo, hi), h = ind.anchor, ind.days, dts.h
    if anchor in ind.events:
        msg = "data for an event counted within a window anchored on itself is not built yet"
        raise NotImplementedError(msg)
    due = dts.ctx.due
    in_time = date.max if due is None else plus(due, -hi)

    def event(d: st.DrawFn, a: date, rows: Rows) -> Rows:
        when = d(st.dates(plus(a, lo), min(plus(a, hi), h)))
        rows[1].append((when, d(st.sampled_from(ind.events))))
        return rows

    out: dict[State, PersonStrategy | None] = {
        State.SUCCESS: anchored_in(dts, anchor, date.min, min(plus(h, -max(lo, 0)), in_time),
                                 event),
        State.FAILURE: anchored_in(dts, anchor, date.min, min(plus(h, -hi), in_time)),
        **_waiting(dts, anchor, hi, in_time),
    }
    return _where(ind, out)


def _status_at(ind: Any, dts: GoalDates) -> StateBuilders:
    anchor, days, h = ind.anchor, ind.days, dts.h
    if anchor in (ind.start, ind.end) or ind.start == ind.end:
        msg = "data for a status whose events are its own anchor is not built yet"
        raise NotImplementedError(msg)
    due = dts.ctx.due

    def status(on: bool) -> Callable[[st.DrawFn, date, Rows], Rows]:
        def then(d: st.DrawFn, a: date, rows: Rows) -> Rows:
            t = plus(a, days)
            if on:
                rows[1].append((d(st.dates(plus(t, -FAR), t)), ind.start))
            elif d(st.booleans()):
                start = d(st.dates(plus(t, -FAR), plus(t, -1)))
                rows[1].append((start, ind.start))
                rows[1].append((d(st.dates(plus(start, 1), t)), ind.end))
            return rows
        return then

    decided_hi = plus(h, -days)
    on_state = State.SUCCESS if ind.expect == "on" else State.FAILURE
    off_state = State.FAILURE if ind.expect == "on" else State.SUCCESS
    in_time = date.max if due is None else plus(due, -days)
    out: dict[State, PersonStrategy | None] = {
        on_state: anchored_in(dts, anchor, date.min, decided_hi, status(on=True)),
        off_state: anchored_in(dts, anchor, date.min, decided_hi, status(on=False)),
        **_waiting(dts, anchor, days, in_time),
    }
    return _where(ind, out)


def _waiting(dts: GoalDates, anchor: str, span: int,
             in_time: date) -> dict[State, PersonStrategy | None]:
    """The people of a kind decided ``span`` days after its anchor who are not decided:
    pending without the anchor yet or with it within ``span`` days of the horizon (and in
    time for the due date); excluded without it, or with it too late for the due date."""
    h, due = dts.h, dts.ctx.due
    return {
        State.PENDING: one_of([
            without_anchor(dts, anchor, State.PENDING),
            anchored_in(dts, anchor, plus(h, -span + 1), min(h, in_time)),
        ]),
        State.EXCLUDED: one_of([
            without_anchor(dts, anchor, State.EXCLUDED),
            None if due is None else anchored_in(dts, anchor, plus(due, -span + 1), h),
        ]),
    }


def builders() -> dict[type, Callable[[Any, GoalDates], StateBuilders]]:
    """The kind of each built-in person-level kind data is built for, and its builder."""
    from goalkit.indicators import (  # noqa: PLC0415
        Balance,
        Count,
        EventWithin,
        MeanChange,
        PairedChange,
        Share,
        StatusAt,
        SurveyShare,
        TimeToEvent,
    )

    return {
        Count: _anchored_condition,
        Share: _anchored_condition,
        Balance: _balance,
        SurveyShare: _survey_share,
        PairedChange: _paired_change,
        MeanChange: _mean_change,
        TimeToEvent: _time_to_event,
        EventWithin: _event_within,
        StatusAt: _status_at,
    }
