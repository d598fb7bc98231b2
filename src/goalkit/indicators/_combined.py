"""Kinds built from other indicators: a ratio, a cost per outcome."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from attrs import frozen

from goalkit.model._indicator import (
    CompositeIndicator,
    FigureUnit,
    GoalContext,
    Indicator,
    Summary,
    Unit,
    figure_unit,
    figure_unit_field,
    figure_value,
)
from goalkit.model._money import CostBasis, elapsed_share, planned_total, spent_to
from goalkit.model._text import Text
from goalkit.model._words import long_date, number, percent, words

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

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
    ``measured_in`` (``unit`` in a goal file) says what the quotient is in, as for
    :class:`~goalkit.indicators.Reported`: ``scale = 100, unit = "percent"`` is a share
    written in per cent (shown 43,1 %), as ``unit = "share"`` without the scale is.
    """

    kind: ClassVar[str] = "ratio"
    unit: ClassVar[Unit] = Unit.NUMBER
    numerator: Indicator
    denominator: Indicator
    scale: float = 1.0
    measured_in: FigureUnit = figure_unit_field()

    def value_unit(self) -> Unit:
        return figure_unit(self.measured_in)

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
        k = figure_value(self.scale, self.measured_in)  # in per cent: as the share

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
    """An amount of money divided by the value of ``outcome`` (a count of people).

    ``kind = "cost_per_outcome"``. Example: the budget per person who went to work:
    ``outcome = { kind = "count", anchor = "exited", condition = { exit_reason = "work" } }``,
    with an at-most target. ``basis`` says which amount is divided:

    * ``budget`` (the default): the whole budget, ``amount`` if given, else the project's
      budget total (or the sum of its planned lines); a count only grows, so the cost only
      falls, and an at-most target is met as soon as reached;
    * ``budget_to_date``: the whole budget times the share of the project period elapsed
      at the horizon (straight-line);
    * ``spent``: the money spent to date, the project's spent budget lines whose period has
      ended by the horizon (``amount`` is then not used).

    The goal's definition states the amount, its basis and its period, in Swedish and
    English (:meth:`explain`).
    """

    kind: ClassVar[str] = "cost_per_outcome"
    unit: ClassVar[Unit] = Unit.MONEY
    outcome: Indicator
    amount: float | None = None
    basis: CostBasis = "budget"

    def __attrs_post_init__(self) -> None:
        if self.basis not in ("budget", "budget_to_date", "spent"):
            msg = (f"basis must be 'budget', 'budget_to_date' or 'spent', got "
                   f"{self.basis!r}")
            raise ValueError(msg)
        if self.basis == "spent" and self.amount is not None:
            msg = "basis 'spent' divides the spent budget lines: give no amount"
            raise ValueError(msg)

    def children(self) -> Sequence[Indicator]:
        return (self.outcome,)

    def amounts(self, ctx: GoalContext) -> tuple[float | None, float | None, Text]:
        """The amount divided now, the amount it will be at the goal's end (``None``:
        unbounded), and a sentence in Swedish and English saying which amount over which
        period (the goal's definition carries it: :meth:`explain`)."""
        budget, period = ctx.budget, ctx.period
        currency = budget.currency if budget is not None else ""
        whole = self.amount
        if whole is None and budget is not None:
            whole = planned_total(budget)

        def say(sv: str, en: str) -> Text:
            return Text(sv=sv, en=en)

        def money(amount: float, lang: str) -> str:
            return _money(amount, currency, lang)

        def day(d: date, lang: str) -> str:
            return long_date(d, lang)

        def span(lang: str) -> str:
            if period is None:
                return ""
            return f" ({day(period.start, lang)} – {day(period.end, lang)})"

        horizon = ctx.horizon
        if self.basis == "spent":
            if budget is None:
                return None, None, say(
                    "Beloppet som delas är de pengar som förbrukats hittills: ingen budget är "
                    "känd.",
                    "Divides the money spent to date: no budget is known.")
            now, through = spent_to(budget, horizon)
            final = now if ctx.deadline_passed else None
            if now is None:
                return None, None, say(
                    "Beloppet som delas är de pengar som förbrukats hittills: ingen "
                    f"förbrukning redovisad t.o.m. {day(horizon, 'sv')}.",
                    "Divides the money spent to date: no spending recorded up to "
                    f"{day(horizon, 'en')}.")
            upto_sv = f" (förbrukningsperioder t.o.m. {day(through, 'sv')})" if through else ""
            upto_en = f" (spending periods up to {day(through, 'en')})" if through else ""
            return now, final, say(
                "Beloppet som delas är de pengar som förbrukats hittills, "
                f"{money(now, 'sv')}{upto_sv}, per den {day(horizon, 'sv')}.",
                f"Divides the money spent to date, {money(now, 'en')}{upto_en}, as of "
                f"{day(horizon, 'en')}.")
        if whole is None:
            return None, None, say(
                "Beloppet som delas är hela budgeten: projektet anger ingen budget.",
                "Divides the whole budget: the project gives no budget total.")
        if self.basis == "budget_to_date" and period is not None:
            share = elapsed_share(period, horizon)
            end = ctx.due if ctx.due is not None and ctx.due < period.end else period.end
            final = whole * elapsed_share(period, end)
            return whole * share, final, say(
                f"Beloppet som delas är budgeten hittills, {money(whole * share, 'sv')}: "
                f"{percent(share, 'sv')} av hela budgeten {money(whole, 'sv')}{span('sv')}, "
                f"den andel av projektperioden som har gått den {day(horizon, 'sv')}.",
                f"Divides the budget to date, {money(whole * share, 'en')}: "
                f"{percent(share, 'en')} of the whole budget {money(whole, 'en')}"
                f"{span('en')}, the share of the project period elapsed on "
                f"{day(horizon, 'en')}.")
        return whole, whole, say(
            f"Beloppet som delas är hela budgeten, {money(whole, 'sv')}{span('sv')}, oavsett "
            "datum.",
            f"Divides the whole budget, {money(whole, 'en')}{span('en')}, whatever the date.")

    def explain(self, ctx: GoalContext, lang: str) -> str:
        """Which amount over which period this goal divides, as of the goal's date."""
        return self.amounts(ctx)[2].get(lang)

    def describe(self, lang: str) -> str:
        out = self.outcome.describe(lang)
        if self.basis == "spent":
            what = words(lang, "De pengar som förbrukats hittills", "The money spent to date")
        else:
            whole = (words(lang, "hela budgeten", "the whole budget") if self.amount is None
                     else number(self.amount, lang))
            what = (words(lang, f"Beloppet {whole}", f"The amount {whole}")
                    if self.basis == "budget" else
                    words(lang, f"Budgeten hittills ({whole} gånger den andel av "
                                "projektperioden som har gått)",
                          f"The budget to date ({whole} times the share of the project "
                          "period elapsed)"))
        return words(lang, f"{what} delat med ett antal. Antalet: {out}",
                     f"{what} divided by a number. The number: {out}")

    def combine(self, parts: Sequence[Summary], ctx: GoalContext) -> Summary:
        (out,) = parts
        a, final, _ = self.amounts(ctx)
        settled = _never_zero(out)
        return Summary(
            value=None if not out.value or a is None else a / out.value,
            # The amount only grows (spending, the budget to date) and the count too: the
            # least the cost can end at is today's amount over the most people; the most
            # is the final amount (unbounded while spending is open) over the fewest.
            lower=_div(a, out.upper),
            upper=_div(final, out.lower),
            final_lower=_div(a, out.final_upper) if settled else None,
            final_upper=_div(final, out.final_lower) if settled else None,
            numerator=out.numerator,
            tally=out.tally,
        )


def _money(amount: float, currency: str, lang: str) -> str:
    """``731 000 kr`` / ``731,000 SEK``: whole units, the currency as a reader writes it."""
    text = number(round(amount), lang)
    if not currency:
        return text
    if lang == "sv" and currency.upper() == "SEK":
        return f"{text}\u00a0kr"
    return f"{text} {currency}"
