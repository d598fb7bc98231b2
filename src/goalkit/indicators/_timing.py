"""Kinds about what happens when, relative to each person's own dates.

Windows are in days relative to the person's *anchor* (``enrolled``, ``exited``, or the
first event of a kind) and include both ends. A window that ends after the goal's due date
cannot be judged by it: its person is excluded (``window_past_due``) whatever happened,
so that successes and failures are treated alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import field, frozen

from goalkit.indicators._people import _to_filter
from goalkit.indicators._support import EXCLUDED, FAILURE, PENDING, SUCCESS, share_summary
from goalkit.indicators._survey import _window
from goalkit.indicators._vocabulary import (
    Branch,
    Declared,
    Rules,
    anchor,
    anchor_waits,
    choose,
    constant,
    days_between,
    earliest,
    first_event,
    in_spell,
)
from goalkit.model._filter import Filter
from goalkit.model._indicator import GoalContext, State, Summary, Tally, Unit
from goalkit.model._reasons import WAITING, WINDOW_OPEN, WINDOW_PAST_DUE
from goalkit.model._words import (
    anchor_noun,
    number,
    one_of,
    quoted,
    where_sentence,
    window_words,
    words,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from goalkit.indicators._vocabulary import Term

__all__ = ["AFTER_EXIT", "AfterExit", "EventWithin", "StatusAt", "TimeToEvent", "km_median"]

AfterExit = Literal["at_risk", "censored", "competing"]
"""How time to event treats an exit without the event (see :class:`TimeToEvent`)."""

AFTER_EXIT: tuple[str, ...] = ("at_risk", "censored", "competing")

NEVER = float("inf")
"""The time of an event that will never come (an exit as a competing outcome)."""


def _after_exit(_: object, attribute: object, value: str) -> None:
    if value not in AFTER_EXIT:
        msg = f"after_exit is one of {', '.join(map(repr, AFTER_EXIT))}, got {value!r}"
        raise ValueError(msg)


def _kinds(value: Any) -> tuple[str, ...]:
    kinds = (value,) if isinstance(value, str) else tuple(value)
    if not kinds:
        msg = "name at least one event kind"
        raise ValueError(msg)
    return kinds


def _past_due(last_day: Term, ctx: GoalContext) -> Branch | None:
    """The branch for people whose window ends after the due date (none without one)."""
    if ctx.due is None:
        return None
    return Branch(last_day > ctx.due, EXCLUDED, WINDOW_PAST_DUE)


@frozen
class EventWithin(Declared):
    """The share of people with an event of one of ``events`` within ``days`` of their
    anchor.

    ``kind = "event_within"``. Example: "25 % offered employment within six months of
    their own exit": ``events = ["employment_offer"]``, ``anchor = "exited"``,
    ``days = [0, 183]``. A person succeeds as soon as the event comes, fails once the
    window has closed without it, and is pending in between (``window_open``) or before
    their anchor (``not_exited``).
    """

    kind: ClassVar[str] = "event_within"
    unit: ClassVar[Unit] = Unit.SHARE
    tables: ClassVar[frozenset[str]] = frozenset({"events"})
    events: tuple[str, ...] = field(converter=_kinds)
    anchor: str = "exited"
    days: tuple[int, int] = field(default=(0, 183), converter=_window)
    where: Filter = field(default=Filter(), converter=_to_filter)

    def describe(self, lang: str) -> str:
        ev, window = one_of(self.events, lang), window_words(self.days, self.anchor, lang)
        return words(
            lang,
            f"Andelen av deltagarna med händelsen {ev} {window}. Den som inte har fått den "
            "när fönstret har stängts räknas som ej uppnått; den vars fönster slutar efter "
            "målets slutdatum räknas inte.",
            f"The share of participants with the event {ev} {window}. Someone without it "
            "when the window closes counts as not reached; someone whose window ends after "
            "the goal's due date is not counted.",
        ) + where_sentence(self.where, lang)

    def rules(self, ctx: GoalContext) -> Rules:
        a = anchor(self.anchor)
        close = a + self.days[1]
        hit = first_event(self.events, a + self.days[0], earliest(close, ctx.horizon))
        return Rules(
            [
                anchor_waits(a, self.anchor, ctx),
                _past_due(close, ctx),
                Branch(hit.present(), SUCCESS),
                Branch(close <= ctx.horizon, FAILURE),
            ],
            (PENDING, WINDOW_OPEN),
        )

    def summarize(self, tally: Tally, ctx: GoalContext) -> Summary:
        return share_summary(tally, ctx)


@frozen
class StatusAt(Declared):
    """The share of people in (or out of) a status on the day ``days`` after their anchor.

    ``kind = "status_at"``. A status runs from a ``start`` event to the next ``end`` event.
    Example: "not on income support 90 days after exit": ``start =
    "income_support_start"``, ``end = "income_support_end"``, ``days = 90``,
    ``expect = "off"``. The person is pending until that day has come.
    """

    kind: ClassVar[str] = "status_at"
    unit: ClassVar[Unit] = Unit.SHARE
    tables: ClassVar[frozenset[str]] = frozenset({"events"})
    start: str
    end: str
    days: int = 0
    expect: Literal["on", "off"] = "off"
    anchor: str = "exited"
    where: Filter = field(default=Filter(), converter=_to_filter)

    def __attrs_post_init__(self) -> None:
        if self.expect not in ("on", "off"):
            msg = f"expect is 'on' or 'off', got {self.expect!r}"
            raise ValueError(msg)

    def describe(self, lang: str) -> str:
        st, en = quoted(self.start, lang), quoted(self.end, lang)
        when = number(self.days, lang)
        noun = anchor_noun(self.anchor, lang)
        on = self.expect == "on"
        return words(
            lang,
            f"Andelen av deltagarna som {'är' if on else 'inte är'} i läget som börjar med "
            f"{st} och slutar med {en}, {when} dagar efter {noun}.",
            f"The share of participants {'in' if on else 'not in'} the status that starts "
            f"with {st} and ends with {en}, {when} days after {noun}.",
        ) + where_sentence(self.where, lang)

    def rules(self, ctx: GoalContext) -> Rules:
        a = anchor(self.anchor)
        t = a + self.days
        on = in_spell(self.start, self.end, t)
        return Rules(
            [
                anchor_waits(a, self.anchor, ctx),
                _past_due(t, ctx),
                Branch(t > ctx.horizon, PENDING, WINDOW_OPEN),
                Branch(on if self.expect == "on" else ~on, SUCCESS),
            ],
            (FAILURE, None),
        )

    def summarize(self, tally: Tally, ctx: GoalContext) -> Summary:
        return share_summary(tally, ctx)


def km_median(
    events: Iterable[tuple[float, int]], censored: Iterable[tuple[float, int]]
) -> float | None:
    """The Kaplan–Meier median: the first time the share still waiting falls to one half.

    :param events: ``(time, people)`` who had the event at that time.
    :param censored: ``(time, people)`` still waiting when last seen at that time (at risk
        up to and including it).
    :returns: ``None`` when fewer than half are known to have had the event.
    """
    ev: dict[float, int] = {}
    ce: dict[float, int] = {}
    for t, n in events:
        ev[t] = ev.get(t, 0) + n
    for t, n in censored:
        ce[t] = ce.get(t, 0) + n
    at_risk = sum(ev.values()) + sum(ce.values())
    survival = 1.0
    for t in sorted(set(ev) | set(ce)):
        d = ev.get(t, 0)
        if d:
            survival *= 1 - d / at_risk
            if survival <= 0.5 + 1e-12:
                return t
        at_risk -= d + ce.get(t, 0)
    return None


@frozen
class TimeToEvent(Declared):
    """The median number of days from the anchor to the first of ``events``.

    ``kind = "time_to_event"``. Example: "shorter time to work": ``anchor = "enrolled"``,
    ``events = ["employment_start"]``, ``target = { at_most = 180 }``. People still waiting
    count as *censored* on the evaluation day (Kaplan–Meier), never as if they had the
    event, and never dropped. The lower bound has every waiting person get the event that
    day, the upper bound never.

    ``after_exit`` says how an exit without the event is treated:

    * ``at_risk`` (default): the exit changes nothing; the person keeps waiting for the
      event (the data follow people after they leave, as register data do);
    * ``censored``: the person is censored at their exit (followed no further: an event
      after it is not counted);
    * ``competing``: the exit is a competing outcome: the person will never have the event
      (they stay in the denominator for good, so the median is that of everyone).

    When fewer than half have had the event the median is not reached; the result then
    says how long the longest follow-up was (``not_reached_after``, in days).
    """

    kind: ClassVar[str] = "time_to_event"
    unit: ClassVar[Unit] = Unit.DAYS
    aggregation: ClassVar[Any] = "distribution"
    tables: ClassVar[frozenset[str]] = frozenset({"events"})
    events: tuple[str, ...] = field(converter=_kinds)
    anchor: str = "enrolled"
    where: Filter = field(default=Filter(), converter=_to_filter)
    after_exit: AfterExit = field(default="at_risk", validator=_after_exit)

    def describe(self, lang: str) -> str:
        ev, noun = one_of(self.events, lang), anchor_noun(self.anchor, lang)
        rule = {
            "at_risk": ("väntar personen fortfarande på händelsen",
                        "the person is still waiting for the event"),
            "censored": ("följs personen inte längre (censureras vid avslutet)",
                         "the person is followed no further (censored at exit)"),
            "competing": ("får personen aldrig händelsen (ett konkurrerande utfall)",
                          "the person will never have the event (a competing outcome)"),
        }[self.after_exit]
        return words(
            lang,
            f"Mediantiden i dagar från {noun} till den första händelsen {ev} "
            "(Kaplan–Meier: den som fortfarande väntar räknas som censurerad den dag läget "
            f"gäller). Efter ett avslut utan händelsen {rule[0]}.",
            f"The median number of days from {noun} to the first event {ev} "
            "(Kaplan–Meier: someone still waiting is censored on the as-of day). After an "
            f"exit without the event {rule[1]}.",
        ) + where_sentence(self.where, lang)

    def rules(self, ctx: GoalContext) -> Rules:
        a, x = anchor(self.anchor), anchor("exited")
        if self.after_exit == "at_risk":  # the exit changes nothing
            left, end = constant(value=False), constant(ctx.horizon)
        else:  # left: exited (by the horizon, on or after the anchor), followed no further
            left = x.present() & (x >= a) & (x <= ctx.horizon)
            end = choose((left, x), otherwise=ctx.horizon)
        hit = first_event(self.events, a, end)
        gone = days_between(a, x) if self.after_exit == "censored" else constant(NEVER)
        return Rules(
            [
                anchor_waits(a, self.anchor, ctx),
                Branch(hit.present(), SUCCESS),
                Branch(left, FAILURE),
                Branch(constant(ctx.deadline_passed), FAILURE),
            ],
            (PENDING, WAITING),
            value=choose((hit.present(), days_between(a, hit)), (left, gone),
                         otherwise=days_between(a, ctx.horizon)),
        )

    def summarize(self, tally: Tally, ctx: GoalContext) -> Summary:
        rows = tally.distribution
        ev = [(v, n) for v, s, n in rows if s == State.SUCCESS]
        closed = [(v, n) for v, s, n in rows if s == State.FAILURE]
        waiting = [(v, n) for v, s, n in rows if s == State.PENDING]
        # Pending people whose anchor has not come yet have no time at all: they may still
        # join with any time, from day 0 to never.
        unanchored = tally.pending - sum(n for _, n in waiting)
        if not rows and not unanchored:
            return Summary(value=None, tally=tally)
        value = km_median(ev, closed + waiting) if rows else None
        lower = km_median([*ev, *waiting, (0.0, unanchored)], closed)
        upper = km_median(ev, closed + [(float("inf"), n) for _, n in (*waiting, (0, unanchored))])
        # A median not reached even in the best case lies beyond every follow-up: +inf.
        never = float("inf")
        open_ = ctx.cohort_open
        followed = [v for v, _, _ in rows if v != never]
        reached_after = max(followed) if value is None and followed else None
        return Summary(
            value=value,
            lower=lower,
            upper=upper,
            final_lower=0.0 if open_ else (never if lower is None else lower),
            final_upper=None if open_ else (never if upper is None else upper),
            numerator=tally.success,
            denominator=tally.cohort,
            tally=tally,
            not_reached_after=reached_after,
        )
