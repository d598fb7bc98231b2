"""Pieces a hand-written person-level kind shares with the built-in ones: the columns a
classification returns (:func:`cases`, :func:`outcome_frame`), and values and bounds from
counts (:func:`share_summary`, :func:`count_summary`).

A kind written in the vocabulary of classification (``goalkit.indicators._vocabulary``)
needs only the summaries; one that writes ``classify_frame`` itself works in day numbers
(:func:`~goalkit.indicators.day`), as the columnar executor does.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from attrs import frozen

from goalkit.model._indicator import (
    GoalContext,
    State,
    Summary,
    Tally,
    wilson_interval,
)

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    import narwhals as nw

    from goalkit.indicators._inputs import Frames, ReasonCodes

PID = "participant_id"
"""The column naming a person in every table of :class:`~goalkit.indicators.Frames`: join
and group by it, never read it as text. Where validation found every participant's id to
hash to a 64-bit number of its own, the columnar executor gives each table the ids'
hashes in this column, so that every join and grouping by person reads numbers (the same
people join as with the ids); where it lists people by id (the audit), the ids."""

SUCCESS, FAILURE, PENDING, EXCLUDED = State.SUCCESS, State.FAILURE, State.PENDING, State.EXCLUDED


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


Case = tuple["nw.Expr", State, str | None]
"""A condition, and the state and reason of the people it holds for."""


@frozen(eq=False)
class Cases:
    """A classification as branches: the first whose condition holds gives a person's state
    and reason, and ``otherwise`` gives them to everyone else. Made by :func:`cases`."""

    branches: tuple[Case, ...]
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


def cases(branches: Sequence[Case], otherwise: tuple[State, str | None]) -> Cases:
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
