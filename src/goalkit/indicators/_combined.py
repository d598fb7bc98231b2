"""Kinds built from other indicators: a ratio, a cost per outcome."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from attrs import frozen

from goalkit.model._indicator import CompositeIndicator, GoalContext, Indicator, Summary, Unit
from goalkit.model._words import number, words

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["CostPerOutcome", "Ratio"]


def _div(a: float | None, b: float | None) -> float | None:
    """``a / b`` for non-negative quantities, ``None`` (unbounded) when ``b`` is 0 or
    unknown; an unbounded divisor gives 0."""
    if a is None:
        return None
    if b is None:
        return 0.0
    if b == 0:
        return None
    return a / b


def _never_zero(divisor: Summary) -> bool:
    """Whether a divisor can no longer end at zero. While it can, the quotient may end up
    undefined (no data), so it cannot be decided either way."""
    return divisor.final_lower is not None and divisor.final_lower > 0


@frozen
class Ratio(CompositeIndicator):
    """``scale × numerator / denominator``, two other indicators' values.

    ``kind = "ratio"``. Both are assumed non-negative (counts, amounts). The bounds follow
    from theirs: the smallest numerator over the largest denominator, and the reverse.
    """

    kind: ClassVar[str] = "ratio"
    unit: ClassVar[Unit] = Unit.NUMBER
    numerator: Indicator
    denominator: Indicator
    scale: float = 1.0

    def children(self) -> Sequence[Indicator]:
        return (self.numerator, self.denominator)

    def describe(self, lang: str) -> str:
        k = "" if self.scale == 1 else f" × {number(self.scale, lang)}"
        num, den = self.numerator.describe(lang), self.denominator.describe(lang)
        return words(lang, f"Kvoten täljare / nämnare{k}. Täljare: {num} Nämnare: {den}",
                     f"The ratio numerator / denominator{k}. Numerator: {num} "
                     f"Denominator: {den}")

    def combine(self, parts: Sequence[Summary], ctx: GoalContext) -> Summary:
        num, den = parts
        k = self.scale

        def scaled(x: float | None) -> float | None:
            return None if x is None else k * x

        value = None if num.value is None or not den.value else k * num.value / den.value
        settled = _never_zero(den)
        return Summary(
            value=value,
            lower=scaled(_div(num.lower, den.upper)),
            upper=scaled(_div(num.upper, den.lower)),
            final_lower=scaled(_div(num.final_lower, den.final_upper)) if settled else None,
            final_upper=scaled(_div(num.final_upper, den.final_lower)) if settled else None,
            tally=num.tally,
        )


@frozen
class CostPerOutcome(CompositeIndicator):
    """``amount`` divided by the value of ``outcome`` (a count of people).

    ``kind = "cost_per_outcome"``. Example: the budget per person who went to work:
    ``amount = 35477034``, ``outcome = { kind = "count", anchor = "exited",
    condition = { exit_reason = "work" } }``, with an at-most target. A count only grows,
    so the cost per outcome only falls, and an at-most target is met as soon as reached.
    """

    kind: ClassVar[str] = "cost_per_outcome"
    unit: ClassVar[Unit] = Unit.MONEY
    amount: float
    outcome: Indicator

    def children(self) -> Sequence[Indicator]:
        return (self.outcome,)

    def describe(self, lang: str) -> str:
        a, out = number(self.amount, lang), self.outcome.describe(lang)
        return words(lang, f"Beloppet {a} delat med ett antal. Antalet: {out}",
                     f"The amount {a} divided by a number. The number: {out}")

    def combine(self, parts: Sequence[Summary], ctx: GoalContext) -> Summary:
        (out,) = parts
        a = self.amount
        settled = _never_zero(out)
        return Summary(
            value=None if not out.value else a / out.value,
            lower=_div(a, out.upper),
            upper=_div(a, out.lower),
            final_lower=_div(a, out.final_upper) if settled else None,
            final_upper=_div(a, out.final_lower) if settled else None,
            numerator=out.numerator,
            tally=out.tally,
        )
