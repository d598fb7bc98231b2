"""Pieces every built-in kind shares, in both executors.

In the columnar executor every date is an integer day number (days since 1970-01-01) so
that the same arithmetic runs on polars, DuckDB, pandas, pyarrow and Spark alike;
:func:`day` turns a Python date into one.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from attrs import frozen

from goalkit.model._indicator import (
    Frames,
    GoalContext,
    Outcome,
    Person,
    ReasonCodes,
    State,
    Summary,
    Tally,
    wilson_interval,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence

    import narwhals as nw

PID = "participant_id"
_EPOCH = date(1970, 1, 1).toordinal()

SUCCESS, FAILURE, PENDING, EXCLUDED = State.SUCCESS, State.FAILURE, State.PENDING, State.EXCLUDED


def day(d: date) -> int:
    """A date as its day number, the columnar executor's representation."""
    return d.toordinal() - _EPOCH


def waiting_reason(anchor: str) -> str:
    """The reason a person is pending while their anchor date has not come."""
    return "not_exited" if anchor == "exited" else f"awaiting_{anchor}"


# -- plain Python ------------------------------------------------------------------------


def observed_anchor(person: Person, anchor: str, ctx: GoalContext) -> date | Outcome:
    """The person's anchor date if known by the horizon, else their outcome for lacking it."""
    a = person.anchor(anchor)
    if a is not None and a <= ctx.horizon:
        return a
    if ctx.deadline_passed:
        return (EXCLUDED, "no_anchor_by_due", None)
    return (PENDING, waiting_reason(anchor), None)


EXIT_COLUMNS = frozenset({"exited", "exit_reason"})
"""The participant columns that are known only once the person has exited."""


def reads_exit(columns: Iterable[str]) -> bool:
    """Whether a test on these participant columns reads the person's exit."""
    return not EXIT_COLUMNS.isdisjoint(columns)


def known_columns(person: Person, ctx: GoalContext) -> Mapping[str, Any] | Outcome:
    """A person's columns as known at the horizon, for a test that reads their exit.

    Before the due date a person who has not exited yet is pending (``not_exited``): their
    exit, and so the test, can still go either way. Once it has passed, an exit after it is
    treated as not made (facts after the due date never count).
    """
    x = person.exited
    if x is not None and x <= ctx.horizon:
        return person.columns
    if not ctx.deadline_passed:
        return (PENDING, "not_exited", None)
    if x is None:
        return person.columns
    return {**person.columns, "exited": None, "exit_reason": None}


def columns_seen(
    person: Person, ctx: GoalContext, read: Iterable[str]
) -> Mapping[str, Any] | Outcome:
    """A person's columns as a test that reads the columns ``read`` sees them: as they are,
    or, when the test reads the exit, :func:`known_columns` (pending until the exit)."""
    return known_columns(person, ctx) if reads_exit(read) else person.columns


def first_answer(
    person: Person, phase: str, question: str, start: date, end: date
) -> float | None:
    """Score of the earliest answer dated in ``[start, end]``; ties: the lowest score."""
    best: tuple[date, float] | None = None
    for when, score in person.responses.get((phase, question), ()):
        if when < start:
            continue
        if when > end:
            break
        if best is None:
            best = (when, score)
        elif when == best[0]:
            best = (when, min(score, best[1]))
        else:
            break
    return None if best is None else best[1]


def any_event(person: Person, kinds: Iterable[str], start: date, end: date) -> date | None:
    """The earliest event of one of ``kinds`` dated in ``[start, end]``."""
    found: date | None = None
    for kind in kinds:
        for when in person.events.get(kind, ()):
            if when > end:
                break
            if when >= start:
                if found is None or when < found:
                    found = when
                break
    return found


_SPAN = range(-1000, 3001)
_STEPS = tuple(timedelta(days=n) for n in _SPAN)
"""Ready-made steps for the windows goals use (an immutable table: building a timedelta
costs ten times adding one, and windows are shifted for every person)."""


def shift(d: date, days: int) -> date:
    """``d`` plus ``days`` days, clamped to the calendar."""
    try:
        if _SPAN.start <= days < _SPAN.stop:
            return d + _STEPS[days - _SPAN.start]
        return d + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


# -- columnar ----------------------------------------------------------------------------


def lit_state(state: State) -> nw.Expr:
    """A state as an Int8 literal."""
    import narwhals as nw  # noqa: PLC0415

    return nw.lit(int(state), dtype=nw.Int8())


def lit_reason(reason: str | None, codes: ReasonCodes | None = None) -> nw.Expr:
    """A reason as a String literal, or as its Int16 number in ``codes`` (null for none)."""
    import narwhals as nw  # noqa: PLC0415

    if codes is None:
        return nw.lit(reason, dtype=nw.String())
    return nw.lit(None if reason is None else codes.code(reason), dtype=nw.Int16())


Branch = tuple["nw.Expr", State, str | None]
"""A condition, and the state and reason of the people it holds for."""


@frozen(eq=False)
class Cases:
    """A classification as branches: the first whose condition holds gives a person's state
    and reason, and ``otherwise`` gives them to everyone else. Made by :func:`cases`."""

    branches: tuple[Branch, ...]
    otherwise: tuple[State, str | None]

    def exprs(self, codes: ReasonCodes | None = None) -> tuple[nw.Expr, nw.Expr]:
        """The ``state`` (Int8) and ``reason`` columns; the reason as text, or as its
        number in ``codes``."""
        import narwhals as nw  # noqa: PLC0415

        last_state, last_reason = lit_state(self.otherwise[0]), lit_reason(self.otherwise[1], codes)
        if not self.branches:  # everyone alike
            return last_state.alias("state"), last_reason.alias("reason")
        state: Any = nw
        reason: Any = nw
        for cond, st, why in self.branches:
            state = state.when(cond).then(lit_state(st))
            reason = reason.when(cond).then(lit_reason(why, codes))
        return (
            state.otherwise(last_state).alias("state"),
            reason.otherwise(last_reason).alias("reason"),
        )

    def __iter__(self) -> Iterator[nw.Expr]:
        """``state, reason = cases(...)``: the two columns, the reason as text."""
        return iter(self.exprs())


def cases(branches: Sequence[Branch], otherwise: tuple[State, str | None]) -> Cases:
    """The classification whose ``state`` and ``reason`` come from the first branch whose
    condition holds; pass it to :func:`outcome_frame`."""
    return Cases(tuple(branches), otherwise)


def outcome_frame(
    frames: Frames,
    frame: nw.LazyFrame[Any],
    outcome: Cases | tuple[nw.Expr, nw.Expr],
    value: nw.Expr | None = None,
) -> nw.LazyFrame[Any]:
    """Select the columns every classification returns, with their types: the id, the
    columns the engine asked to keep (``frames.keep``), state, reason and value.

    ``outcome`` is what :func:`cases` made, or a ``(state, reason)`` pair of expressions
    (reason as text). From :func:`cases`, the reason is given as the number the engine asked
    for (``frames.reasons``), which is much cheaper to count for millions of people.
    """
    import narwhals as nw  # noqa: PLC0415

    codes = frames.reasons if isinstance(outcome, Cases) else None
    state, reason = outcome.exprs(codes) if isinstance(outcome, Cases) else outcome
    val = nw.lit(None, dtype=nw.Float64()) if value is None else value.cast(nw.Float64())
    return frame.select(
        nw.col(PID),
        *(nw.col(c) for c in frames.keep),
        state.cast(nw.Int8()).alias("state"),
        reason.cast(nw.String() if codes is None else nw.Int16()).alias("reason"),
        val.alias("value"),
    )


def with_anchor(
    people: nw.LazyFrame[Any], events: nw.LazyFrame[Any], anchor: str, name: str = "_a"
) -> nw.LazyFrame[Any]:
    """Add the person's anchor day as column ``name`` (null when they have none)."""
    import narwhals as nw  # noqa: PLC0415

    if anchor in ("enrolled", "exited"):
        return people.with_columns(nw.col(anchor).alias(name))
    first = (
        events.filter(nw.col("kind") == anchor)
        .group_by(PID)
        .agg(nw.col("date").min().alias(name))
    )
    return people.join(first, on=PID, how="left")


def anchor_branches(anchor_col: str, ctx: GoalContext, anchor: str) -> Branch:
    """The branch for people whose anchor is not known by the horizon."""
    import narwhals as nw  # noqa: PLC0415

    a = nw.col(anchor_col)
    missing = a.is_null() | (a > day(ctx.horizon))
    if ctx.deadline_passed:
        return (missing, EXCLUDED, "no_anchor_by_due")
    return (missing, PENDING, waiting_reason(anchor))


def exit_pending(ctx: GoalContext) -> nw.Expr | None:
    """People whose exit is still to come before the due date (a test that reads it can
    still go either way): :func:`known_columns` for the columnar executor; ``None`` once the
    due date has passed."""
    import narwhals as nw  # noqa: PLC0415

    if ctx.deadline_passed:
        return None
    x = nw.col("exited")
    return x.is_null() | (x > day(ctx.horizon))


def with_exit_known(frame: nw.LazyFrame[Any], ctx: GoalContext) -> nw.LazyFrame[Any]:
    """The frame with ``exited`` and ``exit_reason`` as known at the horizon (an exit after
    the due date not made)."""
    import narwhals as nw  # noqa: PLC0415

    x = nw.col("exited")
    known = x <= day(ctx.horizon)
    return frame.with_columns(
        nw.when(known).then(nw.col("exit_reason")).alias("exit_reason"),
        nw.when(known).then(x).alias("exited"),
    )


def exit_rule(
    frame: nw.LazyFrame[Any], ctx: GoalContext, read: Iterable[str]
) -> tuple[nw.LazyFrame[Any], list[Branch]]:
    """:func:`columns_seen` for the columnar executor: the frame as a test that reads the
    columns ``read`` sees it, and the branches to put before the test (people pending until
    their exit); the frame unchanged and no branch when the test does not read the exit."""
    if not reads_exit(read):
        return frame, []
    pending = exit_pending(ctx)
    branches: list[Branch] = [] if pending is None else [(pending, PENDING, "not_exited")]
    return with_exit_known(frame, ctx), branches


def event_lookup(
    people: nw.LazyFrame[Any],
    events: nw.LazyFrame[Any],
    kinds: Sequence[str],
    window: tuple[str, str],
    name: str,
) -> nw.LazyFrame[Any]:
    """Per person with one: ``participant_id`` and ``name``, the earliest event of ``kinds``
    dated inside the window whose first and last days are the people's columns ``window``.

    Join it to the people with ``how="left"``; several lookups from the same people frame
    join to it side by side, so that the people are computed once.
    """
    import narwhals as nw  # noqa: PLC0415

    lo, hi = window
    kind = nw.col("kind")
    return (
        events.filter(kind == kinds[0] if len(kinds) == 1 else kind.is_in(list(kinds)))
        .join(people.select(PID, lo, hi), on=PID, how="inner")
        .filter((nw.col("date") >= nw.col(lo)) & (nw.col("date") <= nw.col(hi)))
        .group_by(PID)
        .agg(nw.col("date").min().alias(name))
    )


def first_event_in(
    people: nw.LazyFrame[Any],
    events: nw.LazyFrame[Any],
    kinds: Sequence[str],
    window: tuple[str, str],
    name: str,
) -> nw.LazyFrame[Any]:
    """Add column ``name``: the :func:`event_lookup` of each person (null for none)."""
    return people.join(event_lookup(people, events, kinds, window, name), on=PID, how="left")


def answer_lookup(
    people: nw.LazyFrame[Any],
    responses: nw.LazyFrame[Any],
    phase: str,
    question: str,
    window: tuple[str, str],
    name: str,
) -> nw.LazyFrame[Any]:
    """Per person with one: ``participant_id`` and ``name``, the score of their earliest
    answer dated inside the window (columns ``window``); on a tie, the lowest score."""
    import narwhals as nw  # noqa: PLC0415

    lo, hi = window
    answers = (
        responses.filter((nw.col("phase") == phase) & (nw.col("question") == question))
        .join(people.select(PID, lo, hi), on=PID, how="inner")
        .filter((nw.col("date") >= nw.col(lo)) & (nw.col("date") <= nw.col(hi)))
        .select(PID, "date", "score")
    )
    return (
        answers.filter(nw.col("date") == nw.col("date").min().over(PID))
        .group_by(PID)
        .agg(nw.col("score").min().alias(name))
    )


def first_answer_in(
    people: nw.LazyFrame[Any],
    responses: nw.LazyFrame[Any],
    phase: str,
    question: str,
    window: tuple[str, str],
    name: str,
) -> nw.LazyFrame[Any]:
    """Add column ``name``: the :func:`answer_lookup` of each person (null for none)."""
    scores = answer_lookup(people, responses, phase, question, window, name)
    return people.join(scores, on=PID, how="left")


# -- summaries ---------------------------------------------------------------------------


def share_summary(tally: Tally, ctx: GoalContext, *, grows: bool = True) -> Summary:
    """A share of the decided people, with bounds for the pending ones.

    ``lower`` counts every pending person as a failure, ``upper`` as a success. While the
    cohort can still grow (and ``grows``), anyone may still enrol, so the final share may
    come as close to 0 or 1 as you like, but reach 0 only if nobody has succeeded and 1 only
    if nobody has failed: one failure already decides a 100 % target.
    """
    s, f, p = tally.success, tally.failure, tally.pending
    n = s + f
    value = s / n if n else None
    lower = s / (n + p) if n + p else None
    upper = (s + p) / (n + p) if n + p else None
    final_lower, final_upper = lower, upper
    if grows and ctx.cohort_open and n + p > 0:
        final_lower = math.nextafter(0.0, 1.0) if s else 0.0
        final_upper = math.nextafter(1.0, 0.0) if f else 1.0
    return Summary(
        value=value,
        lower=lower,
        upper=upper,
        final_lower=final_lower,
        final_upper=final_upper,
        numerator=s,
        denominator=n,
        interval=wilson_interval(s, n) if n else None,
        tally=tally,
    )


def count_summary(tally: Tally, ctx: GoalContext) -> Summary:
    """A number of people: it can only grow while people may enrol or are pending."""
    s, p = tally.success, tally.pending
    upper: float | None = None if ctx.cohort_open else float(s + p)
    return Summary(
        value=float(s),
        lower=float(s),
        upper=upper,
        final_lower=float(s),
        final_upper=upper,
        numerator=s,
        tally=tally,
    )
