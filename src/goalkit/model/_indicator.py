"""What an indicator is: its kinds, the dates a goal is judged against, and what counting
people gives.

An *indicator kind* says what is measured. There are three families:

* :class:`PersonIndicator` classifies every participant of the goal's cohort as a
  success, a failure (closed, not met), pending (something can still happen) or excluded
  (with a reason), optionally with a number (a change in score, a number of days). The
  engine counts those per breakdown cell, and :meth:`PersonIndicator.summarize` turns the
  counts into a value and its bounds. A built-in kind says how it classifies once, in the
  engine's vocabulary of classification (``goalkit.indicators.Declared``), which the engine
  reads in plain Python and as a narwhals query; a kind with code of its own writes
  :meth:`~PersonIndicator.classify` and :meth:`~PersonIndicator.classify_frame`.
* :class:`CompositeIndicator` combines other indicators (a ratio, a cost per outcome).
* :class:`AggregateIndicator` reads recorded figures or judgements (a reported
  measurement, an assessment) rather than people.

A plugin adds a kind by subclassing one of these, decorating it with ``@attrs.frozen``,
setting the class variable ``kind`` and registering it through the
``goalkit_register_kinds`` hook; it then loads from and writes to goal files like a
built-in one.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, Final, Literal, get_args

from attrs import field, frozen

from goalkit.model._filter import Filter
from goalkit.model._words import generic

if TYPE_CHECKING:
    import narwhals as nw

    from goalkit.indicators._inputs import Frames, Person
    from goalkit.model._goal import Target
    from goalkit.model._project import Budget, Period  # noqa: TC004 - annotations only
    from goalkit.model._records import Assessment, Measurement

__all__ = [
    "AggregateIndicator",
    "CompositeIndicator",
    "GoalContext",
    "Indicator",
    "Outcome",
    "PersonIndicator",
    "State",
    "Summary",
    "Tally",
    "Unit",
    "figure_unit",
    "figure_value",
    "wilson_interval",
]


class State(enum.IntEnum):
    """What a participant is for one goal, as of the evaluation date."""

    FAILURE = 0
    """Decided, and did not reach the condition (the window closed without it)."""
    SUCCESS = 1
    """Decided, and reached the condition (or simply counted, for a count)."""
    PENDING = 2
    """Not decided yet: not exited, a window still open, an answer still to come."""
    EXCLUDED = 3
    """Outside the goal's denominator, always with a reason."""


class Unit(enum.StrEnum):
    """What an indicator's value is measured in."""

    PEOPLE = "people"
    SHARE = "share"
    DAYS = "days"
    SCORE = "score"
    MONEY = "money"
    NUMBER = "number"
    VERDICT = "verdict"


FigureUnit = Literal["number", "people", "money", "days", "share", "percent"]
"""What a figure whose kind does not fix it can be in (``reported``, ``ratio``: its goal's
``unit``): the units of :class:`Unit` that a figure can have, and ``percent``, a number in
per cent as written (26.8 for 26.8 %), read as the share it is (0.268). The type of
:func:`figure_unit_field`: a goal file's ``unit`` is checked where it is written."""
FIGURE_UNITS: Final = get_args(FigureUnit)
"""The units :data:`FigureUnit` allows, in order."""


def figure_unit(value: str) -> Unit:
    """A figure's ``unit`` (one of :data:`FIGURE_UNITS`) as the :class:`Unit` its values
    are in: ``percent`` is a share (:func:`figure_value` puts the numbers in it).

    :raises ValueError: naming the units allowed.
    """
    if value == "percent":
        return Unit.SHARE
    if value not in FIGURE_UNITS:
        msg = (f"unit must be one of {', '.join(repr(u) for u in FIGURE_UNITS)}, "
               f"got {value!r}")
        raise ValueError(msg)
    return Unit(value)


def figure_value(value: float, measured_in: str) -> float:
    """A number written in ``measured_in`` (:func:`figure_unit`) as a value in its unit:
    one in per cent divided by 100 as it is written, so that 16.4 % is the share 0.164
    (not 0.16399999999999998, as the division of the float gives); any other as it is."""
    if measured_in != "percent" or not math.isfinite(value):
        return value
    from decimal import Decimal  # noqa: PLC0415

    return float(Decimal(repr(value)) / 100)


def figure_unit_field() -> Any:
    """The field of a kind whose figures can be in any unit (``reported``, ``ratio``):
    ``measured_in: FigureUnit``, written ``unit`` in a goal file (:func:`figure_unit`;
    default ``number``). A goal file's value is checked as it is read, so that a unit
    goalkit does not know is named at its own place (``$.goals[1].indicator.unit``)."""
    def check(_: object, __: object, value: str) -> None:
        figure_unit(value)

    return field(default="number", validator=check, metadata={"key": "unit"})


Outcome = tuple[State, str | None, float | None]
"""One participant's classification: state, reason (for pending and excluded), value."""


@frozen
class GoalContext:
    """The dates one goal is evaluated against.

    :param as_of: the evaluation date: facts dated after it are not yet known.
    :param due: the goal's due date, if any.
    :param cohort_close: the last enrolment date that can join the goal's cohort: the
        earlier of the due date and the end of the project period.
    :param budget: the project's money (for a cost per outcome), if known.
    :param period: the project period, if known (for the end-of-project rule).
    :param exit_at_end: the end-of-project rule: whoever has not exited by the end of the
        project period is treated as exiting on its last day (reason ``project_end``); an
        exit dated after it is not counted. ``False``: they stay not exited.
    :param target_group: ``(min_age, max_age)`` at enrolment when the goal counts the
        project's target group only (``None``: everyone, in the group or not).
    :param min_response: the response rate below which a survey-based goal is not decided
        (``None``: no minimum).
    """

    as_of: date
    due: date | None
    cohort_close: date
    budget: Budget | None = None
    period: Period | None = None
    exit_at_end: bool = False
    target_group: tuple[int | None, int | None] | None = None
    min_response: float | None = None
    horizon: date = field(init=False)
    """The last date whose facts count: the as-of date, or the due date if earlier."""
    enrolment_horizon: date = field(init=False)
    """Enrolments up to this date belong to the cohort."""
    cohort_open: bool = field(init=False)
    """Whether people can still enrol into the cohort after the as-of date."""
    deadline_passed: bool = field(init=False)
    """Whether the as-of date has reached the due date: nothing more can count."""

    @property
    def period_end(self) -> date | None:
        """The last day of the project period (``None``: not known)."""
        return None if self.period is None else self.period.end

    def __attrs_post_init__(self) -> None:
        # Derived once: classifications read them for every person.
        due, as_of = self.due, self.as_of
        object.__setattr__(self, "horizon", as_of if due is None or as_of < due else due)
        object.__setattr__(self, "enrolment_horizon", min(as_of, self.cohort_close))
        object.__setattr__(self, "cohort_open", as_of < self.cohort_close)
        object.__setattr__(self, "deadline_passed", due is not None and as_of >= due)


@frozen
class Tally:
    """The counts behind one goal (or one breakdown cell of it)."""

    success: int = 0
    failure: int = 0
    pending: int = 0
    excluded: Mapping[str, int] = field(factory=dict)
    """Reason to number of people left out."""
    waiting: Mapping[str, int] = field(factory=dict)
    """Reason to number of people pending (``not_exited``, ``window_open``, …)."""
    value_sum: float = 0.0
    """Sum of the values of the decided people (success and failure)."""
    value_count: int = 0
    distribution: tuple[tuple[float, int, int], ...] = ()
    """``(value, state, people)`` rows, sorted, for kinds that need the whole spread."""

    @property
    def decided(self) -> int:
        """People with a final classification: success plus failure."""
        return self.success + self.failure

    @property
    def cohort(self) -> int:
        """Everyone the goal is about: decided plus pending."""
        return self.success + self.failure + self.pending


def wilson_interval(successes: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """The Wilson score interval for a share (95 % by default); needs ``n > 0``."""
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


@frozen
class Summary:
    """What an indicator says about a goal's data.

    :param value: the value so far (``None`` when there is nothing to compute it from).
    :param lower: the value if every pending person ends badly (``None``: unbounded).
    :param upper: the value if every pending person ends well (``None``: unbounded).
    :param final_lower: the least the value can still become, counting people who may yet
        enrol (for the status).
    :param final_upper: the most it can still become.
    :param numerator: people in the numerator, for a share.
    :param denominator: people in the denominator, for a share.
    :param interval: the 95 % Wilson interval, for a share.
    :param verdict: a status decided by the indicator itself (assessment), if any.
    :param not_reached_after: a median not reached: the longest follow-up, in days.
    """

    value: float | None
    lower: float | None = None
    upper: float | None = None
    final_lower: float | None = None
    final_upper: float | None = None
    numerator: int | None = None
    denominator: int | None = None
    interval: tuple[float, float] | None = None
    tally: Tally = Tally()
    verdict: str | None = None
    evidence: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    not_reached_after: float | None = None
    """For a median not reached: the longest follow-up in days (the median lies beyond)."""


class Indicator:
    """Base of every indicator kind. Subclasses are frozen attrs classes."""

    kind: ClassVar[str]
    """The name the goal file uses (``kind = "count"``)."""
    unit: ClassVar[Unit]
    """What the kind's values are in (a share, people, days, …)."""

    def value_unit(self) -> Unit:
        """What this indicator's values are in: the kind's :attr:`unit`, unless its goal
        says (a reported figure, a ratio: their ``unit``, :func:`figure_unit`). The
        result's unit, which every report shows its values in."""
        return self.unit

    def check_target(self, target: Target) -> None:
        """Refuse a target that makes no sense for this kind: a share outside 0 to 1; a
        number of people that is negative or not whole (a count, a figure reported in
        people); a negative number of days or amount of money computed from people (a
        time to an event, a cost per outcome), which no value can be.

        :raises ValueError: with what is wrong.
        """
        unit = self.value_unit()
        bounds = [b for b in (target.low, target.high) if b is not None]
        if unit is Unit.SHARE:
            for bound in bounds:
                if not 0 <= bound <= 1:
                    msg = (f"a share target is a fraction between 0 and 1 (75 % is 0.75), "
                           f"got {bound}")
                    raise ValueError(msg)
        elif unit is Unit.PEOPLE and not isinstance(self, CompositeIndicator):
            # a count of people (a ratio "in people", people per coach, need not be whole)
            for bound in bounds:
                if bound < 0 or bound != int(bound):
                    msg = (f"a target in people is a whole number of people, 0 or more, "
                           f"got {bound}")
                    raise ValueError(msg)
        elif unit in (Unit.DAYS, Unit.MONEY) and not isinstance(self, AggregateIndicator):
            for bound in bounds:
                if bound < 0:
                    what = "a number of days" if unit is Unit.DAYS else "an amount of money"
                    msg = (f"a target of {what} is 0 or more (the value cannot be "
                           f"negative), got {bound}")
                    raise ValueError(msg)

    def reads_assessments(self) -> bool:
        """Whether this indicator (not those it is built from) reads the project's
        assessments of its goal (``assessed``; a plugin kind that does overrides this): an
        assessment of a goal none of whose indicators reads them is a mistake."""
        return self.kind == "assessed"

    def children(self) -> Sequence[Indicator]:
        """The indicators this one is built from (composites only)."""
        return ()

    def describe(self, lang: str) -> str:
        """What this indicator counts, in plain words in ``lang`` (``"sv"`` or ``"en"``):
        who it is about and what counts as success, as one or two sentences. The engine
        adds the goal's own dates, cohort and rules around it
        (:attr:`GoalResult.definition <goalkit.GoalResult.definition>`).

        Every built-in kind writes its own; a plugin kind should override this. The
        default names the kind and its settings.
        """
        return generic(self, lang)

    def explain(self, ctx: GoalContext, lang: str) -> str:
        """What this indicator adds to the goal's definition for the goal's own dates and
        project, in ``lang`` (empty for most kinds): a cost per outcome names the amount
        it divides and over which period. The engine adds it after :meth:`describe`, for
        this indicator and every indicator it is built from."""
        return ""


class PersonIndicator(Indicator):
    """An indicator that classifies each participant of the goal's cohort."""

    aggregation: ClassVar[Literal["counts", "sum", "distribution"]] = "counts"
    """What the engine collects per cell besides the counts: the sum of values, or the
    full ``(value, state)`` distribution."""
    tables: ClassVar[frozenset[str]] = frozenset()
    """Which of ``events`` and ``responses`` the classification reads."""
    nonresponse: ClassVar[frozenset[str]] = frozenset()
    """The reasons of exclusion that mean "asked and did not answer" (survey-based kinds):
    the engine reports the goal's response rate from them and holds the goal undecided
    below the minimum response rate."""

    def response_bounds(
        self, tally: Tally, nonresponders: int
    ) -> tuple[float | None, float | None]:
        """The value if every non-responder had answered badly, and well.

        The default is a share of the decided people: non-responders counted as failures,
        then as successes. A kind whose value is not such a share overrides this (``None``
        for a side it cannot bound).
        """
        asked = tally.decided + nonresponders
        if not asked:
            return (None, None)
        return (tally.success / asked, (tally.success + nonresponders) / asked)

    @property
    def where(self) -> Filter:
        """The cohort filter: who the goal is about."""
        return Filter()

    def classify(self, person: Person, ctx: GoalContext) -> Outcome:
        """Classify one person of the cohort (plain-Python executor)."""
        raise NotImplementedError

    def classify_frame(self, frames: Frames, ctx: GoalContext) -> nw.LazyFrame[Any]:
        """Classify the cohort (columnar executor).

        ``frames.participants`` is already cut to the goal's cohort, and every date in the
        frames is a day number (an integer, days since 1970-01-01). Return a lazy frame with
        exactly one row per cohort member and the columns ``participant_id``, the columns
        named in ``frames.keep``, ``state`` (:class:`State` as an integer), ``reason``
        (string or null) and ``value`` (float or null); ``outcome_frame`` in
        ``goalkit.indicators`` builds it.
        """
        raise NotImplementedError

    def summarize(self, tally: Tally, ctx: GoalContext) -> Summary:
        """Turn the counts into a value and its bounds."""
        raise NotImplementedError


class CompositeIndicator(Indicator):
    """An indicator computed from the summaries of other indicators."""

    def combine(self, parts: Sequence[Summary], ctx: GoalContext) -> Summary:
        """Combine the summaries of :meth:`children`, in order."""
        raise NotImplementedError


class AggregateIndicator(Indicator):
    """An indicator read from recorded figures or judgements, not from people."""

    def evaluate(
        self,
        goal_id: str,
        measurements: Sequence[Measurement],
        assessments: Sequence[Assessment],
        ctx: GoalContext,
    ) -> Summary:
        """Summarize from the records dated up to the goal's horizon."""
        raise NotImplementedError
