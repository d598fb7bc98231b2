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
from goalkit.indicators._support import (
    EXCLUDED,
    FAILURE,
    PENDING,
    PID,
    SUCCESS,
    Branch,
    anchor_branches,
    any_event,
    cases,
    day,
    first_event_in,
    observed_anchor,
    outcome_frame,
    share_summary,
    shift,
    with_anchor,
)
from goalkit.indicators._survey import _window
from goalkit.model._filter import Filter
from goalkit.model._indicator import (
    Frames,
    GoalContext,
    Outcome,
    Person,
    PersonIndicator,
    State,
    Summary,
    Tally,
    Unit,
)
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

    import narwhals as nw

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


def _past_due(anchor_col: str, offset: int, ctx: GoalContext) -> nw.Expr | None:
    import narwhals as nw  # noqa: PLC0415

    if ctx.due is None:
        return None
    return (nw.col(anchor_col) + offset) > day(ctx.due)


@frozen
class EventWithin(PersonIndicator):
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

    def classify(self, person: Person, ctx: GoalContext) -> Outcome:
        a = observed_anchor(person, self.anchor, ctx)
        if isinstance(a, tuple):
            return a
        close = shift(a, self.days[1])
        if ctx.due is not None and close > ctx.due:
            return (EXCLUDED, "window_past_due", None)
        if any_event(person, self.events, shift(a, self.days[0]), min(close, ctx.horizon)):
            return (SUCCESS, None, None)
        if close <= ctx.horizon:
            return (FAILURE, None, None)
        return (PENDING, "window_open", None)

    def classify_frame(self, frames: Frames, ctx: GoalContext) -> nw.LazyFrame[Any]:
        import narwhals as nw  # noqa: PLC0415

        a = nw.col("_a")
        h = day(ctx.horizon)
        people = with_anchor(frames.participants, frames.events, self.anchor).with_columns(
            (a + self.days[0]).alias("_lo"),
            nw.min_horizontal(a + self.days[1], nw.lit(h)).alias("_hi"),
        )
        people = first_event_in(people, frames.events, self.events, ("_lo", "_hi"), "_e")
        branches: list[Branch] = [anchor_branches("_a", ctx, self.anchor)]
        past_due = _past_due("_a", self.days[1], ctx)
        if past_due is not None:
            branches.append((past_due, EXCLUDED, "window_past_due"))
        branches += [
            (~nw.col("_e").is_null(), SUCCESS, None),
            ((a + self.days[1]) <= h, FAILURE, None),
        ]
        outcome = cases(branches, (PENDING, "window_open"))
        return outcome_frame(frames, people, outcome)

    def summarize(self, tally: Tally, ctx: GoalContext) -> Summary:
        return share_summary(tally, ctx)


@frozen
class StatusAt(PersonIndicator):
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

    def classify(self, person: Person, ctx: GoalContext) -> Outcome:
        a = observed_anchor(person, self.anchor, ctx)
        if isinstance(a, tuple):
            return a
        t = shift(a, self.days)
        if ctx.due is not None and t > ctx.due:
            return (EXCLUDED, "window_past_due", None)
        if t > ctx.horizon:
            return (PENDING, "window_open", None)
        last_start = None
        for d in person.events.get(self.start, ()):
            if d > t:
                break
            last_start = d
        on = last_start is not None and not any(
            last_start < d <= t for d in person.events.get(self.end, ())
        )
        return (SUCCESS if on == (self.expect == "on") else FAILURE, None, None)

    def classify_frame(self, frames: Frames, ctx: GoalContext) -> nw.LazyFrame[Any]:
        import narwhals as nw  # noqa: PLC0415

        people = with_anchor(frames.participants, frames.events, self.anchor).with_columns(
            (nw.col("_a") + self.days).alias("_t")
        )
        # One pass over the person's starts and ends up to day t: they are in the status
        # when their last start has no end after it (an end the same day does not end it).
        kind, when = nw.col("kind"), nw.col("date")
        spells = (
            frames.events.filter(kind.is_in([self.start, self.end]))
            .join(people.select(PID, "_t"), on=PID, how="inner")
            .filter(when <= nw.col("_t"))
            .with_columns(
                nw.when(kind == self.start).then(when).alias("_s"),
                nw.when(kind == self.end).then(when).alias("_e"),
            )
            .group_by(PID)
            .agg(nw.col("_s").max(), nw.col("_e").max())
        )
        people = people.join(spells, on=PID, how="left")
        on = ~nw.col("_s").is_null() & (nw.col("_e").is_null() | (nw.col("_e") <= nw.col("_s")))
        branches: list[Branch] = [anchor_branches("_a", ctx, self.anchor)]
        past_due = _past_due("_a", self.days, ctx)
        if past_due is not None:
            branches.append((past_due, EXCLUDED, "window_past_due"))
        branches += [
            (nw.col("_t") > day(ctx.horizon), PENDING, "window_open"),
            (on if self.expect == "on" else ~on, SUCCESS, None),
        ]
        outcome = cases(branches, (FAILURE, None))
        return outcome_frame(frames, people, outcome)

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
class TimeToEvent(PersonIndicator):
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

    def classify(self, person: Person, ctx: GoalContext) -> Outcome:
        a = observed_anchor(person, self.anchor, ctx)
        if isinstance(a, tuple):
            return a
        x = person.exited
        if self.after_exit != "at_risk" and x is not None and a <= x <= ctx.horizon:
            hit = any_event(person, self.events, a, x)
            if hit is not None:
                return (SUCCESS, None, float((hit - a).days))
            gone = float((x - a).days) if self.after_exit == "censored" else NEVER
            return (FAILURE, None, gone)
        hit = any_event(person, self.events, a, ctx.horizon)
        if hit is not None:
            return (SUCCESS, None, float((hit - a).days))
        waited = float((ctx.horizon - a).days)
        if ctx.deadline_passed:
            return (FAILURE, None, waited)
        return (PENDING, "waiting", waited)

    def classify_frame(self, frames: Frames, ctx: GoalContext) -> nw.LazyFrame[Any]:
        import narwhals as nw  # noqa: PLC0415

        h = day(ctx.horizon)
        a, x = nw.col("_a"), nw.col("exited")
        left = (
            nw.lit(value=False) if self.after_exit == "at_risk"
            else (~x.is_null() & (x >= a) & (x <= h)).fill_null(value=False)
        )
        people = with_anchor(frames.participants, frames.events, self.anchor).with_columns(
            a.alias("_lo"), nw.when(left).then(x).otherwise(nw.lit(h)).alias("_hi"),
            left.alias("_x"),
        )
        people = first_event_in(people, frames.events, self.events, ("_lo", "_hi"), "_e")
        hit = ~nw.col("_e").is_null()
        gone = nw.col("_x")
        outcome = cases(
            [
                anchor_branches("_a", ctx, self.anchor),
                (hit, SUCCESS, None),
                (gone, FAILURE, None),
                (nw.lit(ctx.deadline_passed), FAILURE, None),
            ],
            (PENDING, "waiting"),
        )
        at_exit = (x - a).cast(nw.Float64()) if self.after_exit == "censored" else nw.lit(NEVER)
        value = (
            nw.when(hit).then((nw.col("_e") - a).cast(nw.Float64()))
            .when(gone).then(at_exit)
            .otherwise((h - a).cast(nw.Float64()))
        )
        return outcome_frame(frames, people, outcome, value)

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
